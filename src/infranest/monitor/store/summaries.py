"""Per-window summaries kept in the store, so that a time-range query merges stored sketches
instead of rescanning the events.

Windows are aligned on multiples of their length since the Unix epoch (hourly by default).
:func:`range_summary` answers ``[start, end)``: every whole window inside the range comes
from its stored summary, or is summarised from its events and stored when it has ended
(``end <= now``); a window still open, and the parts of the range that cut a window, are
summarised from their events and not stored. Appending events drops the stored summaries
of the windows they fall in (late events make them stale), and retention drops the
summaries of purged windows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from infranest.monitor.schema import ModelSchema

if TYPE_CHECKING:
    from infranest.monitor.sketches import Summary
    from infranest.monitor.store.base import Store

SUMMARIES_DDL = (
    "CREATE TABLE IF NOT EXISTS monitor_summaries (model TEXT NOT NULL, version TEXT NOT NULL, "
    "window_start TIMESTAMPTZ NOT NULL, window_end TIMESTAMPTZ NOT NULL, rows BIGINT NOT NULL, "
    "summary TEXT NOT NULL, PRIMARY KEY (model, version, window_start, window_end))"
)
HOUR = timedelta(hours=1)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass
class RangeStats:
    """Where a range query's windows came from."""

    stored: int = 0  # merged from the store
    computed: int = 0  # summarised from events and stored
    scanned: int = 0  # summarised from events, not stored (open window or range edge)


def window_start(moment: datetime, window: timedelta) -> datetime:
    """The start of the aligned window holding ``moment``."""
    steps = (moment - _EPOCH) // window
    return _EPOCH + steps * window


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def range_summary(
    store: Store,
    schema: ModelSchema,
    start: datetime,
    end: datetime,
    window: timedelta = HOUR,
    now: datetime | None = None,
    stats: RangeStats | None = None,
) -> Summary:
    """The summary of the events in ``[start, end)`` (see the module docstring)."""
    from infranest.monitor.sketches import merge_all, summarize

    start, end = _utc(start), _utc(end)
    if end <= start:
        raise ValueError(f"the range is empty: end {end.isoformat()} <= start {start.isoformat()}")
    if window <= timedelta(0):
        raise ValueError("the window length must be positive")
    moment = _utc(now) if now is not None else datetime.now(UTC)
    counts = stats if stats is not None else RangeStats()
    stored = {(s.start, s.end): s for s in store.summaries(schema, start, end)}
    parts: list[Summary] = []
    cursor = start
    while cursor < end:
        w_start = window_start(cursor, window)
        w_end = min(w_start + window, end)
        whole = cursor == w_start and w_end == w_start + window
        found = stored.get((w_start, w_end)) if whole else None
        if found is not None:
            counts.stored += 1
            parts.append(found)
        else:
            with store.lock:  # no append may land between the read and the save
                part = summarize(schema, store.frame(schema, cursor, w_end), cursor, w_end)
                if whole and w_end <= moment:
                    store.save_summary(part)
                    counts.computed += 1
                else:
                    counts.scanned += 1
            parts.append(part)
        cursor = w_end
    return merge_all(parts)


def upsert_sql(mark: str) -> str:
    return (
        f"INSERT INTO monitor_summaries VALUES ({', '.join([mark] * 6)}) "
        "ON CONFLICT (model, version, window_start, window_end) DO UPDATE "
        "SET rows = excluded.rows, summary = excluded.summary"
    )


def select_sql(mark: str, start: bool, end: bool) -> str:
    where = [f"model = {mark}", f"version = {mark}"]
    if start:
        where.append(f"window_start >= {mark}")
    if end:
        where.append(f"window_end <= {mark}")
    return (
        f"SELECT summary FROM monitor_summaries WHERE {' AND '.join(where)} "
        "ORDER BY window_start, window_end"
    )


def overlapping_sql(mark: str) -> str:
    """Delete the summaries of one model version whose window meets ``[low, high]``."""
    return (
        f"DELETE FROM monitor_summaries WHERE model = {mark} AND version = {mark} "
        f"AND window_end > {mark} AND window_start <= {mark}"
    )


def before_sql(mark: str) -> str:
    return f"DELETE FROM monitor_summaries WHERE window_start < {mark}"
