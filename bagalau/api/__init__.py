"""The REST API: thin endpoints over the same services and selectors as the web pages."""
