"""Column-wise validation of Parquet/Arrow uploads gives exactly the row path's answer: the
same rejected rows with the same field and reason, the same stored rows, labels and schema
changes, for every kind of bad value; and a few things only typed columns carry."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest
from monitor_support import SCHEMA

from infranest.monitor.ingest import validate
from infranest.monitor.ingest_arrow import validate_table
from infranest.monitor.store.base import event_table

NOW = datetime(2026, 2, 1, tzinfo=UTC)
NASTY: dict[str, list[Any]] = {
    "event_id": ["a", "b", "", None, "a", "x" * 130, "c", "d", "e", "f", "g", "b"],
    "timestamp": [
        "2026-01-01T00:00:00Z",
        "bad",
        None,
        "2026-01-01T00:00:01",
        "2026-01-01T00:00:02+02:00",
        None,
        "2026-01-02",
        "2026-01-01T00:00:03Z",
        None,
        None,
        "2026-01-01T00:00:04Z",
        None,
    ],
    "age": [1.0, 2.0, None, float("nan"), 5.0, 6.0, float("inf"), 8.0, 9.0, None, 11.0, 12.0],
    "plan": ["free", "pro", None, "x", "y", "z", "free", None, "pro", "pro", "new", "pro"],
    "active": [True, False, None, True, True, False, True, None, False, True, False, True],
    "score": [0.1, 0.2, 0.3, None, 0.5, 0.6, 0.7, 0.8, None, 0.9, 1.0, 0.4],
    "churned": [True, None, False, True, None, None, True, False, None, True, None, False],
    "extra": list(range(12)),
}


def _same_as_rows(table: pa.Table) -> None:
    rows = validate(SCHEMA, table.to_pylist(), NOW)
    columns = validate_table(SCHEMA, table, NOW)
    assert [r.to_json() for r in columns.rejected] == [r.to_json() for r in rows.rejected]
    assert columns.table.equals(event_table(SCHEMA, rows.events))
    assert columns.labels == [(e.event_id, e.label) for e in rows.events if e.label is not None]
    assert columns.changes == rows.changes
    assert columns.received == table.num_rows


def _through_parquet(table: pa.Table) -> pa.Table:
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return pq.read_table(io.BytesIO(buffer.getvalue()))


def test_a_table_with_every_kind_of_bad_row_gets_the_row_paths_answer() -> None:
    table = pa.table(NASTY)
    _same_as_rows(table)
    _same_as_rows(_through_parquet(table))
    reasons = {r.row: (r.field, r.reason) for r in validate_table(SCHEMA, table, NOW).rejected}
    assert reasons[5] == ("event_id", "duplicate event_id in this batch (first at row 1)")
    # Row 2 (id "b") was rejected for its timestamp, so row 12 is the first valid "b".
    assert reasons[2][0] == "timestamp"
    assert 12 not in reasons
    assert reasons[7] == ("age", "expected a finite number")


@pytest.mark.parametrize(
    ("column", "values"),
    [
        ("age", ["old", None, "12"]),  # text where a number is declared
        ("age", [True, False, None]),  # booleans are not numbers
        ("active", ["yes", None, "no"]),  # text where a boolean is declared
        ("active", [1, 0, None]),
        ("plan", [1.5, None, 2.5]),  # floats are not categories
        ("plan", [1, 2, None]),  # integers are (as text)
        ("plan", [[1], None, [2, 3]]),  # lists fall back to the row path
        ("score", [None, None, None]),  # required, all missing
        ("timestamp", [1767225600, 1767225601.5, None]),  # seconds since the epoch
        ("timestamp", [True, None, False]),
        ("event_id", [1, 2, 2]),  # integer ids, repeated
        ("event_id", [1.5, 2.5, None]),  # float ids are refused
    ],
)
def test_typed_columns_get_the_row_paths_answer(column: str, values: list[Any]) -> None:
    base: dict[str, Any] = {
        "event_id": ["a", "b", "c"],
        "age": [30.0, 40.0, 50.0],
        "plan": ["free", "pro", "free"],
        "active": [True, False, True],
        "score": [0.1, 0.2, 0.3],
    }
    base[column] = values
    _same_as_rows(pa.table(base))


def test_arrow_timestamps_are_utc_and_naive_ones_mean_utc() -> None:
    naive = pa.array([datetime(2026, 1, 1, 12), None], pa.timestamp("ms"))
    zoned = pa.array([datetime(2026, 1, 1, 12, tzinfo=UTC), None], pa.timestamp("s", tz="UTC"))
    for stamps in (naive, zoned):
        table = pa.table({"event_id": ["a", "b"], "timestamp": stamps, "score": [0.1, 0.2]})
        got = validate_table(SCHEMA, table, NOW).table.column("ts").to_pylist()
        assert got == [datetime(2026, 1, 1, 12, tzinfo=UTC), NOW]


def test_decimal_columns_are_numbers() -> None:
    table = pa.table(
        {
            "event_id": ["a", "b"],
            "age": pa.array([Decimal("30.5"), None], pa.decimal128(5, 1)),
            "score": [0.5, 0.25],
        }
    )
    batch = validate_table(SCHEMA, table, NOW)
    assert not batch.rejected
    assert batch.table.column("c_age").to_pylist() == [30.5, None]
    assert not batch.changes.retyped


def test_an_empty_upload_is_empty() -> None:
    table = pa.table({"event_id": pa.array([], pa.string()), "score": pa.array([], pa.float64())})
    _same_as_rows(table)
    assert validate_table(SCHEMA, table, NOW).table.num_rows == 0


def test_a_large_upload_rejects_only_its_bad_rows() -> None:
    n = 50_000
    table = pa.table(
        {
            "event_id": [f"e{i}" for i in range(n)],
            "age": [float(i % 90) if i % 1000 else float("nan") for i in range(n)],
            "score": [i / n for i in range(n)],
        }
    )
    batch = validate_table(SCHEMA, table, NOW)
    assert [r.row for r in batch.rejected] == [i + 1 for i in range(0, n, 1000)]
    assert batch.table.num_rows == n - n // 1000
