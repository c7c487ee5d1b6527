"""Database engine, sessions and the model base."""
