"""Online store: the API app."""
