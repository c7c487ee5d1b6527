"""Where monitored events live: one interface, DuckDB embedded by default, PostgreSQL for
shared deployments.

``open_store("duckdb:PATH")`` (``duckdb::memory:`` for a throwaway one) or
``open_store("postgresql://user:pass@host:port/db")``. Writes are durable when they return:
an acknowledged event is on disk. Events are idempotent by ``event_id`` (sending one again
stores nothing new), and labels join them later by the same id.
"""

from __future__ import annotations

from infranest.monitor.store.base import Store, StoreError, UnknownModelError


def open_store(url: str) -> Store:
    """The store that ``url`` names; :class:`StoreError` says which forms are valid."""
    if url.startswith("duckdb:"):
        from infranest.monitor.store.duck import DuckStore

        return DuckStore(url.removeprefix("duckdb:") or ":memory:")
    if url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        from infranest.monitor.store.postgres import PostgresStore

        return PostgresStore(url.replace("postgresql+psycopg://", "postgresql://", 1))
    raise StoreError(
        f"unknown store {url!r}: expected duckdb:PATH, duckdb::memory: or "
        "postgresql://user:password@host:port/database"
    )


__all__ = ["Store", "StoreError", "UnknownModelError", "open_store"]
