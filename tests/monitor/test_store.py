"""Both stores behind one interface: registration, idempotent appends, labels that join
later, time windows, retention, and data that survives closing and reopening."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from monitor_support import POSTGRES, SCHEMA, event, fresh_postgres

from infranest.monitor.ingest import validate
from infranest.monitor.schema import ColumnSpec
from infranest.monitor.store import StoreError, open_store
from infranest.monitor.store.base import SchemaConflictError, UnknownModelError

BACKENDS = [
    "duckdb",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(POSTGRES is None, reason="INFRANEST_TEST_DATABASE_URL not set"),
    ),
]


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "duckdb":
        yield f"duckdb:{tmp_path / 'monitor.duckdb'}"
    else:
        with fresh_postgres() as url:
            yield url


def _events(numbers: range, **extra: object) -> list[object]:
    return list(validate(SCHEMA, [event(n, **extra) for n in numbers]).events)


def test_register_is_idempotent_and_conflicts_are_refused(store_url: str) -> None:
    store = open_store(store_url)
    try:
        assert store.register(SCHEMA) is True
        assert store.register(SCHEMA) is False
        other = SCHEMA.model_copy(update={"columns": (ColumnSpec(name="x"),)})
        with pytest.raises(SchemaConflictError, match="new version"):
            store.register(other)
        assert [m.key for m in store.models()] == ["churn@1"]
        with pytest.raises(UnknownModelError, match="'nope'"):
            store.require("nope", "1")
    finally:
        store.close()


def test_appends_are_idempotent_and_survive_reopening(store_url: str) -> None:
    store = open_store(store_url)
    store.register(SCHEMA)
    assert store.append(SCHEMA, _events(range(100))) == 100  # type: ignore[arg-type]
    assert store.append(SCHEMA, _events(range(50, 150))) == 50  # type: ignore[arg-type]
    store.close()
    reopened = open_store(store_url)
    try:
        schema = reopened.require("churn", "1")
        assert reopened.count(schema) == 150
        table = reopened.frame(schema)
        assert table.column_names == [
            "event_id",
            "timestamp",
            "age",
            "plan",
            "active",
            "region",
            "score",
            "label",
        ]
        rows = table.to_pylist()
        assert rows[0]["event_id"] == "e0"
        assert rows[1]["age"] == 21.0
        assert rows[1]["plan"] == "pro"
        assert rows[1]["active"] is False
        assert rows[1]["timestamp"] == datetime(2026, 1, 1, 0, 0, 1, tzinfo=UTC)
    finally:
        reopened.close()


def test_labels_join_by_event_id_and_later_ones_replace(store_url: str) -> None:
    store = open_store(store_url)
    try:
        store.register(SCHEMA)
        store.append(SCHEMA, _events(range(3)))  # type: ignore[arg-type]
        store.append(SCHEMA, _events(range(3, 4), churned=False))  # type: ignore[arg-type]
        store.add_labels(SCHEMA, [("e0", True), ("e1", False)])
        store.add_labels(SCHEMA, [("e0", False)])
        labels = {r["event_id"]: r["label"] for r in store.frame(SCHEMA).to_pylist()}
        assert labels == {"e0": False, "e1": False, "e2": None, "e3": False}
    finally:
        store.close()


def test_windows_and_retention(store_url: str) -> None:
    store = open_store(store_url)
    try:
        store.register(SCHEMA)
        store.append(SCHEMA, _events(range(120)))  # type: ignore[arg-type]
        start = datetime(2026, 1, 1, 0, 1, tzinfo=UTC)
        window = store.frame(SCHEMA, start, start + timedelta(seconds=30)).to_pylist()
        assert [r["event_id"] for r in window] == [f"e{n}" for n in range(60, 90)]
        store.add_labels(SCHEMA, [("e0", True)])
        assert store.purge(start) == 60
        assert store.count(SCHEMA) == 60
        assert store.frame(SCHEMA).to_pylist()[0]["event_id"] == "e60"
    finally:
        store.close()


def test_unknown_store_urls_say_what_is_valid() -> None:
    with pytest.raises(StoreError, match="expected duckdb:PATH"):
        open_store("mysql://x")


def test_values_round_trip_exactly(store_url: str) -> None:
    store = open_store(store_url)
    try:
        store.register(SCHEMA)
        odd = ["", None, 'quote " comma , newline \n end', "ünïcødé"]
        ages = [1 / 3, None, 1e-300, 123456789.123456789]
        rows = [
            event(n, plan=odd[n], age=ages[n], active=[True, None, False, True][n])
            for n in range(4)
        ]
        assert store.append(SCHEMA, list(validate(SCHEMA, rows).events)) == 4
        stored = {r["event_id"]: r for r in store.frame(SCHEMA).to_pylist()}
        for n in range(4):
            got = stored[f"e{n}"]
            assert (got["plan"], got["age"], got["active"]) == (odd[n], ages[n], rows[n]["active"])
    finally:
        store.close()
