"""Request and response bodies (pydantic)."""
