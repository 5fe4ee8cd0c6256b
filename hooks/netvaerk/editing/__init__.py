"""Editors' tools: the check, the schemas, the preview, the browser editor's configuration."""
