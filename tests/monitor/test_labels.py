"""Labels are upserted in one statement per batch on both stores: a later label for an id
replaces the earlier one, within a batch and across batches, and labels that came with the
events are replaced the same way."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from monitor_support import POSTGRES, SCHEMA, event, fresh_postgres

from infranest.monitor.ingest import validate
from infranest.monitor.schema import ColumnSpec, ModelSchema
from infranest.monitor.store import Store, open_store

BACKENDS = [
    "duckdb",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(POSTGRES is None, reason="INFRANEST_TEST_DATABASE_URL not set"),
    ),
]

PRICE = ModelSchema(
    model="price",
    version="1",
    columns=(
        ColumnSpec(name="rooms"),
        ColumnSpec(name="predicted", role="prediction"),
        ColumnSpec(name="sold_for", role="label"),
    ),
)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "duckdb":
        opened = open_store(f"duckdb:{tmp_path / 'monitor.duckdb'}")
        yield opened
        opened.close()
    else:
        with fresh_postgres() as url:
            opened = open_store(url)
            yield opened
            opened.close()


def _labels(store: Store, schema: ModelSchema) -> dict[str, object]:
    return {r["event_id"]: r["label"] for r in store.frame(schema).to_pylist()}


def test_upserting_labels_twice_keeps_the_later_ones(store: Store) -> None:
    store.register(SCHEMA)
    batch = validate(SCHEMA, [event(n, churned=n % 2 == 0) for n in range(6)])
    assert store.append(SCHEMA, list(batch.events)) == 6
    assert _labels(store, SCHEMA) == {f"e{n}": n % 2 == 0 for n in range(6)}
    first = [(f"e{n}", True) for n in range(4)]
    assert store.add_labels(SCHEMA, first) == 4
    second = [(f"e{n}", False) for n in range(2, 6)] + [("e5", True)]
    store.add_labels(SCHEMA, second)
    expected = {"e0": True, "e1": True, "e2": False, "e3": False, "e4": False, "e5": True}
    assert _labels(store, SCHEMA) == expected


def test_numeric_labels_and_labels_before_their_events(store: Store) -> None:
    store.register(PRICE)
    store.add_labels(PRICE, [("h1", 250000.5), ("h2", 1.0)])
    rows = [{"event_id": f"h{n}", "rooms": n, "predicted": 100.0 * n} for n in range(1, 4)]
    store.append(PRICE, list(validate(PRICE, rows).events))
    store.add_labels(PRICE, [("h2", 199999.25), ("h3", 0.0)])
    assert _labels(store, PRICE) == {"h1": 250000.5, "h2": 199999.25, "h3": 0.0}
