"""Validating incoming events against a model's schema.

Each row is checked on its own: a bad row is rejected with the row number (from 1), the
field and what would be valid, and the good rows of the same batch are kept. Across the
batch, columns that are new, missing from every row, or arrive mostly with another type
are reported as schema changes.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from infranest.monitor.schema import ColumnSpec, ModelSchema

Value = float | str | bool | None
MAX_EVENT_ID = 128
_KIND_OF: dict[type, str] = {bool: "boolean", int: "number", float: "number", str: "string"}


@dataclass(frozen=True)
class Event:
    """A valid event: its id, time (UTC), column values and, when it came along, label."""

    event_id: str
    timestamp: datetime
    values: Mapping[str, Value]
    label: Value = None


@dataclass(frozen=True)
class Rejection:
    row: int
    field: str | None
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "reason": self.reason}


@dataclass(frozen=True)
class SchemaChanges:
    new: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    retyped: tuple[tuple[str, str, str], ...] = ()  # (column, declared, received)

    def __bool__(self) -> bool:
        return bool(self.new or self.missing or self.retyped)

    def to_json(self) -> dict[str, Any]:
        return {
            "new_columns": list(self.new),
            "missing_columns": list(self.missing),
            "retyped_columns": [
                {"column": c, "declared": d, "received": r} for c, d, r in self.retyped
            ],
        }


@dataclass
class Batch:
    events: list[Event] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    changes: SchemaChanges = field(default_factory=SchemaChanges)


class RowError(Exception):
    def __init__(self, field_name: str | None, reason: str) -> None:
        super().__init__(reason)
        self.field = field_name
        self.reason = reason


def _describe(value: Any) -> str:
    kind = _KIND_OF.get(type(value), type(value).__name__ if value is not None else "null")
    text = repr(value)
    return f"{kind} {text[:40]}{'...' if len(text) > 40 else ''}"


def parse_timestamp(value: Any, now: datetime) -> datetime:
    """ISO 8601 text (naive means UTC) or seconds since the epoch; absent means ``now``."""
    if value is None:
        return now
    if isinstance(value, bool):
        raise RowError("timestamp", "expected ISO 8601 text or seconds since the epoch")
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise RowError("timestamp", "expected a finite number of seconds since the epoch")
        return datetime.fromtimestamp(value, UTC)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    raise RowError(
        "timestamp",
        f"got {_describe(value)}; expected ISO 8601 text (2024-05-01T12:00:00Z) "
        "or seconds since the epoch",
    )


def coerce(column: ColumnSpec, value: Any) -> Value:
    """The stored value of ``value`` for ``column``; :class:`RowError` says what is valid."""
    if value is None:
        if not column.nullable:
            raise RowError(column.name, "is required (the column is not nullable)")
        return None
    if column.kind == "numeric":
        if isinstance(value, int | float) and not isinstance(value, bool):
            if not math.isfinite(value):
                raise RowError(column.name, "expected a finite number")
            return float(value)
        raise RowError(column.name, f"got {_describe(value)}; expected a number")
    if column.kind == "boolean":
        if isinstance(value, bool):
            return value
        raise RowError(column.name, f"got {_describe(value)}; expected true or false")
    if isinstance(value, str | int) and not isinstance(value, bool):
        return str(value)
    raise RowError(column.name, f"got {_describe(value)}; expected a category (text)")


def _event_id(row: Mapping[str, Any]) -> str:
    value = row.get("event_id")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value:
        raise RowError("event_id", "is required: a non-empty text or integer id")
    if len(value) > MAX_EVENT_ID:
        raise RowError("event_id", f"is longer than {MAX_EVENT_ID} characters")
    return value


def _event(schema: ModelSchema, row: Any, now: datetime) -> Event:
    if not isinstance(row, Mapping):
        raise RowError(None, f"got {_describe(row)}; expected a JSON object")
    event_id = _event_id(row)
    timestamp = parse_timestamp(row.get("timestamp"), now)
    values = {c.name: coerce(c, row.get(c.name)) for c in schema.event_columns}
    label: Value = None
    for column in schema.role("label"):
        label = coerce(column.model_copy(update={"nullable": True}), row.get(column.name))
    return Event(event_id, timestamp, values, label)


def _received_kind(value: Any) -> str:
    return _KIND_OF.get(type(value), "other")


_DECLARED_AS = {"numeric": "number", "boolean": "boolean", "categorical": "string"}


def _changes(schema: ModelSchema, rows: list[Any]) -> SchemaChanges:
    known = {c.name for c in schema.columns} | {"event_id", "timestamp"}
    objects = [r for r in rows if isinstance(r, Mapping)]
    new = sorted({k for r in objects for k in r if k not in known})
    missing = [
        c.name
        for c in schema.event_columns
        if objects and all(c.name not in r or r[c.name] is None for r in objects)
    ]
    retyped: list[tuple[str, str, str]] = []
    for column in schema.event_columns:
        kinds = Counter(
            _received_kind(r[column.name]) for r in objects if r.get(column.name) is not None
        )
        if not kinds:
            continue
        kind, count = kinds.most_common(1)[0]
        declared = _DECLARED_AS[column.kind]
        accepted = {declared, "number"} if declared == "string" else {declared}
        if kind not in accepted and count * 2 > sum(kinds.values()):
            retyped.append((column.name, column.kind, kind))
    return SchemaChanges(tuple(new), tuple(missing), tuple(retyped))


_TRUE = frozenset({"true", "t", "yes", "1"})
_FALSE = frozenset({"false", "f", "no", "0"})


def _from_text(column: ColumnSpec, text: Any) -> Any:
    if not isinstance(text, str):
        return text
    if column.kind == "numeric":
        try:
            return float(text)
        except ValueError:
            return text  # left for validation to reject with its reason
    if column.kind == "boolean":
        low = text.strip().lower()
        return True if low in _TRUE else False if low in _FALSE else text
    return text


def from_text(schema: ModelSchema, rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows read as text (a CSV file) typed by the schema: numbers and booleans parsed
    where they parse; what does not parse stays text, for :func:`validate` to reject."""
    columns = {c.name: c for c in schema.columns}
    return [
        {k: _from_text(columns[k], v) if k in columns else v for k, v in row.items()}
        for row in rows
    ]


def validate(schema: ModelSchema, rows: Iterable[Any], now: datetime | None = None) -> Batch:
    """Split ``rows`` into valid events and rejections; report schema changes."""
    moment = now or datetime.now(UTC)
    items = list(rows)
    batch = Batch(changes=_changes(schema, items))
    first_row: dict[str, int] = {}
    for number, row in enumerate(items, start=1):
        try:
            event = _event(schema, row, moment)
        except RowError as exc:
            batch.rejected.append(Rejection(number, exc.field, exc.reason))
            continue
        if event.event_id in first_row:
            reason = f"duplicate event_id in this batch (first at row {first_row[event.event_id]})"
            batch.rejected.append(Rejection(number, "event_id", reason))
            continue
        first_row[event.event_id] = number
        batch.events.append(event)
    return batch
