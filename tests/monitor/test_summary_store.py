"""Per-window summaries persisted in both stores: a time-range query merges the stored
window summaries (it keeps answering after the raw events are gone), windows that have not
ended are not stored, late events make their window's summary stale, and retention drops the
summaries of purged windows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from monitor_support import POSTGRES, SCHEMA, fresh_postgres

from infranest.monitor.ingest import Event, validate
from infranest.monitor.sketches import NumericSketch, summarize
from infranest.monitor.store import Store, open_store
from infranest.monitor.store.base import table_names
from infranest.monitor.store.duck import DuckStore
from infranest.monitor.store.postgres import PostgresStore
from infranest.monitor.store.summaries import RangeStats, range_summary, window_start

BACKENDS = [
    "duckdb",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(POSTGRES is None, reason="INFRANEST_TEST_DATABASE_URL not set"),
    ),
]
T0 = datetime(2026, 1, 1, tzinfo=UTC)
HOUR = timedelta(hours=1)


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


def _event(n: int, at: datetime, **extra: Any) -> dict[str, Any]:
    base = {
        "event_id": f"e{n}",
        "timestamp": at.isoformat(),
        "age": float(n % 90),
        "plan": "pro" if n % 3 else "free",
        "active": n % 2 == 0,
        "region": "eu",
        "score": (n % 100) / 100,
    }
    base.update(extra)
    return base


def _events(rows: list[dict[str, Any]]) -> list[Event]:
    batch = validate(SCHEMA, rows)
    assert not batch.rejected
    return batch.events


def _fill(store: Store, hours: int, per_hour: int) -> list[dict[str, Any]]:
    rows = [
        _event(h * per_hour + i, T0 + h * HOUR + timedelta(seconds=i * 3600 // per_hour))
        for h in range(hours)
        for i in range(per_hour)
    ]
    store.register(SCHEMA)
    store.append(SCHEMA, _events(rows))
    return rows


def _drop_raw_events(store: Store) -> None:
    events, _ = table_names(SCHEMA)
    with store.lock:
        if isinstance(store, PostgresStore):
            with store.con.transaction():
                store.con.execute(f"DELETE FROM {events}")
        else:
            assert isinstance(store, DuckStore)
            store.con.execute(f"DELETE FROM {events}")


def test_a_range_query_merges_stored_window_summaries(store: Store) -> None:
    _fill(store, hours=6, per_hour=50)
    now = T0 + 10 * HOUR
    first = RangeStats()
    merged = range_summary(store, SCHEMA, T0, T0 + 6 * HOUR, now=now, stats=first)
    assert (first.stored, first.computed, first.scanned) == (0, 6, 0)
    assert merged.rows == 300
    assert [s.start for s in store.summaries(SCHEMA)] == [T0 + h * HOUR for h in range(6)]

    # The raw events are gone: the query is answered from the stored summaries alone.
    _drop_raw_events(store)
    second = RangeStats()
    again = range_summary(store, SCHEMA, T0 + HOUR, T0 + 5 * HOUR, now=now, stats=second)
    assert (second.stored, second.computed, second.scanned) == (4, 0, 0)
    assert again.rows == 200
    age = again.columns["age"]
    assert isinstance(age, NumericSketch)
    assert age.n == 200
    assert store.summary(SCHEMA, T0, T0 + 6 * HOUR, now=now).rows == 300


def test_the_merged_summary_equals_summarising_the_range_at_once(store: Store) -> None:
    _fill(store, hours=3, per_hour=40)
    now = T0 + 5 * HOUR
    merged = store.summary(SCHEMA, T0, T0 + 3 * HOUR, now=now)
    direct = summarize(SCHEMA, store.frame(SCHEMA, T0, T0 + 3 * HOUR), T0, T0 + 3 * HOUR)
    assert merged.rows == direct.rows == 120
    for name, sketch in direct.columns.items():
        other = merged.columns[name]
        assert other.n == sketch.n
        assert other.missing == sketch.missing
        if isinstance(sketch, NumericSketch) and isinstance(other, NumericSketch):
            # Below k values per sketch KLL keeps every value: exact quantiles.
            assert other.kll.get_quantile(0.5) == sketch.kll.get_quantile(0.5)
        else:
            assert other.counts() == sketch.counts()  # type: ignore[union-attr]


def test_open_windows_and_range_edges_are_not_stored(store: Store) -> None:
    _fill(store, hours=3, per_hour=30)
    now = T0 + 2 * HOUR + timedelta(minutes=30)  # the third window has not ended
    stats = RangeStats()
    result = range_summary(
        store, SCHEMA, T0 + timedelta(minutes=30), T0 + 3 * HOUR, now=now, stats=stats
    )
    # [0:30, 1:00) is an edge, [1:00, 2:00) whole and ended, [2:00, 3:00) still open.
    assert (stats.stored, stats.computed, stats.scanned) == (0, 1, 2)
    assert result.rows == 15 + 30 + 30
    assert [s.start for s in store.summaries(SCHEMA)] == [T0 + HOUR]


def test_late_events_make_their_window_summary_stale(store: Store) -> None:
    rows = _fill(store, hours=3, per_hour=20)
    now = T0 + 5 * HOUR
    assert store.summary(SCHEMA, T0, T0 + 3 * HOUR, now=now).rows == 60
    late = _event(len(rows) + 1, T0 + HOUR + timedelta(minutes=7))
    assert store.append(SCHEMA, _events([late])) == 1
    assert [s.start for s in store.summaries(SCHEMA)] == [T0, T0 + 2 * HOUR]
    stats = RangeStats()
    assert range_summary(store, SCHEMA, T0, T0 + 3 * HOUR, now=now, stats=stats).rows == 61
    assert (stats.stored, stats.computed) == (2, 1)
    # Sending an event again stores nothing new and keeps the summaries.
    assert store.append(SCHEMA, _events([late])) == 0
    assert len(store.summaries(SCHEMA)) == 3


def test_retention_drops_the_summaries_of_purged_windows(store: Store) -> None:
    _fill(store, hours=4, per_hour=10)
    store.summary(SCHEMA, T0, T0 + 4 * HOUR, now=T0 + 5 * HOUR)
    store.purge(T0 + 2 * HOUR)
    assert [s.start for s in store.summaries(SCHEMA)] == [T0 + 2 * HOUR, T0 + 3 * HOUR]


def test_summaries_survive_reopening(tmp_path: Path) -> None:
    url = f"duckdb:{tmp_path / 'monitor.duckdb'}"
    store = open_store(url)
    _fill(store, hours=2, per_hour=10)
    store.summary(SCHEMA, T0, T0 + 2 * HOUR, now=T0 + 3 * HOUR)
    store.close()
    reopened = open_store(url)
    try:
        assert [s.rows for s in reopened.summaries(SCHEMA)] == [10, 10]
    finally:
        reopened.close()


def test_windows_are_aligned_and_bad_ranges_are_refused(store: Store) -> None:
    assert window_start(T0 + timedelta(minutes=95), HOUR) == T0 + HOUR
    assert window_start(T0 + timedelta(hours=30), timedelta(days=1)) == T0 + timedelta(days=1)
    store.register(SCHEMA)
    with pytest.raises(ValueError, match="range is empty"):
        store.summary(SCHEMA, T0, T0)
    with pytest.raises(ValueError, match="window length"):
        store.summary(SCHEMA, T0, T0 + HOUR, window=timedelta(0))
