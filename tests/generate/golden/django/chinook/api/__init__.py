"""chinook_postgres_schema: the API app."""
