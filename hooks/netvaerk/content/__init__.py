"""The data: YAML files and editors' news read, validated against the model and the rules,
and compared with their Git history. Nothing here renders a page."""
