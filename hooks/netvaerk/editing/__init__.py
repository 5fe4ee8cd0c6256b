"""Tools for editors around the data: the quick check, JSON Schemas, the waiting preview,
the browser editor's configuration."""
