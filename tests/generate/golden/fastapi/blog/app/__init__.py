"""The generated service."""
