"""The store interface and the SQL both backends share (tables per model version)."""

from __future__ import annotations

import hashlib
import json
import threading
from abc import ABC, abstractmethod
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from infranest.monitor.ingest import Event, Value
from infranest.monitor.schema import ColumnSpec, ModelSchema
from infranest.monitor.store import summaries as sql_summaries

if TYPE_CHECKING:  # datasketches is imported only when summaries are used
    from infranest.monitor.sketches import Summary

SQL_TYPES = {"numeric": "DOUBLE PRECISION", "categorical": "TEXT", "boolean": "BOOLEAN"}
ARROW_TYPES = {"numeric": pa.float64(), "categorical": pa.string(), "boolean": pa.bool_()}


MODELS_DDL = (
    "CREATE TABLE IF NOT EXISTS monitor_models (model TEXT NOT NULL, version TEXT NOT NULL, "
    "schema TEXT NOT NULL, PRIMARY KEY (model, version))"
)
ALERTS_DDL = (
    "CREATE TABLE IF NOT EXISTS monitor_alerts (rule TEXT NOT NULL, "
    "happened_at TIMESTAMPTZ NOT NULL, status TEXT NOT NULL, severity TEXT NOT NULL, "
    "value DOUBLE PRECISION, detail TEXT NOT NULL)"
)
ALERT_COLUMNS = ("rule", "happened_at", "status", "severity", "value", "detail")


class StoreError(Exception):
    """The store cannot be opened or used (the message says why)."""


class UnknownModelError(StoreError):
    def __init__(self, model: str, version: str) -> None:
        super().__init__(f"model {model!r} version {version!r} is not registered")
        self.model = model
        self.version = version


class SchemaConflictError(StoreError):
    """A model version is already registered with other columns."""


def table_names(schema_or_key: ModelSchema | str) -> tuple[str, str]:
    """The events and labels tables of a model version (short, safe identifiers)."""
    key = schema_or_key.key if isinstance(schema_or_key, ModelSchema) else schema_or_key
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return f"ev_{digest}", f"lb_{digest}"


def column_sql(column: ColumnSpec) -> str:
    return f'"c_{column.name}" {SQL_TYPES[column.kind]}'


def events_ddl(schema: ModelSchema, timestamp_type: str) -> list[str]:
    events, labels = table_names(schema)
    columns = ", ".join(column_sql(c) for c in schema.event_columns)
    label = schema.role("label")
    label_type = SQL_TYPES[label[0].kind] if label else "TEXT"
    return [
        f"CREATE TABLE IF NOT EXISTS {events} (event_id TEXT PRIMARY KEY, "
        f"ts {timestamp_type} NOT NULL, {columns})",
        f"CREATE INDEX IF NOT EXISTS {events}_ts ON {events} (ts)",
        f"CREATE TABLE IF NOT EXISTS {labels} (event_id TEXT PRIMARY KEY, "
        f"label {label_type}, received_at {timestamp_type} NOT NULL)",
    ]


def label_table(schema: ModelSchema, labels: Sequence[tuple[str, Value]]) -> pa.Table:
    """``labels`` in the labels table's layout (``event_id``, ``label``, ``received_at``),
    one row per id: of labels repeated for an id, the last one given wins."""
    latest = dict(labels)
    label = schema.role("label")
    kind = ARROW_TYPES[label[0].kind] if label else pa.string()
    now = pa.scalar(datetime.now(UTC), pa.timestamp("us", tz="UTC"))
    return pa.table(
        {
            "event_id": pa.array(list(latest), pa.string()),
            "label": pa.array(list(latest.values()), kind),
            "received_at": pa.repeat(now, len(latest)),
        }
    )


def event_table(schema: ModelSchema, events: Sequence[Event]) -> pa.Table:
    """The events as an Arrow table in the events table's column order."""
    arrays: dict[str, Any] = {
        "event_id": pa.array([e.event_id for e in events], pa.string()),
        "ts": pa.array([e.timestamp for e in events], pa.timestamp("us", tz="UTC")),
    }
    for column in schema.event_columns:
        values = [e.values.get(column.name) for e in events]
        arrays[f"c_{column.name}"] = pa.array(values, ARROW_TYPES[column.kind])
    return pa.table(arrays)


class Store(ABC):
    """Models, events and labels, behind one lock (each write is one transaction)."""

    # The driver's parameter mark (the summaries' SQL is shared by both backends).
    MARK = "?"

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._schemas: dict[str, ModelSchema] = {}

    # --- models --------------------------------------------------------------------

    def register(self, schema: ModelSchema) -> bool:
        """Register a model version; True when new, False when already there with the same
        columns; :class:`SchemaConflictError` when there with other columns."""
        with self.lock:
            known = self.schema(schema.model, schema.version)
            if known is not None:
                if known.columns != schema.columns:
                    raise SchemaConflictError(
                        f"model {schema.model!r} version {schema.version!r} is registered "
                        "with other columns; register a new version instead"
                    )
                return False
            self._create(schema)
            self._schemas[schema.key] = schema
            return True

    def schema(self, model: str, version: str) -> ModelSchema | None:
        key = f"{model}@{version}"
        with self.lock:
            if key not in self._schemas:
                text = self._fetch_schema(model, version)
                if text is None:
                    return None
                self._schemas[key] = ModelSchema.model_validate(json.loads(text))
            return self._schemas[key]

    def require(self, model: str, version: str) -> ModelSchema:
        found = self.schema(model, version)
        if found is None:
            raise UnknownModelError(model, version)
        return found

    # --- events --------------------------------------------------------------------

    def append(self, schema: ModelSchema, events: Sequence[Event]) -> int:
        """Store ``events`` (and labels that came with them) durably; returns how many were
        new (an id already stored is skipped)."""
        if not events:
            return 0
        labelled = [(e.event_id, e.label) for e in events if e.label is not None]
        times = [e.timestamp for e in events]
        with self.lock:
            added = self._append(schema, event_table(schema, events), labelled)
            if added:  # the stored summaries of these windows are stale now
                params = [schema.model, schema.version, min(times), max(times)]
                self._summary_sql(sql_summaries.overlapping_sql(self.MARK), params)
            return added

    def append_table(
        self, schema: ModelSchema, table: pa.Table, labels: Sequence[tuple[str, Value]] = ()
    ) -> int:
        """Like :meth:`append` for rows already in the events table's layout (``event_id``,
        ``ts``, ``c_<column>``...), as :func:`~infranest.monitor.ingest_arrow.validate_table`
        gives them."""
        if table.num_rows == 0:
            return 0
        times = table.column("ts")
        with self.lock:
            added = self._append(schema, table, labels)
            if added:
                low, high = pc.min(times).as_py(), pc.max(times).as_py()
                params = [schema.model, schema.version, low, high]
                self._summary_sql(sql_summaries.overlapping_sql(self.MARK), params)
            return added

    def add_labels(self, schema: ModelSchema, labels: Sequence[tuple[str, Value]]) -> int:
        """Store labels by event id (a later label for the same id replaces the earlier)."""
        if not labels:
            return 0
        with self.lock:
            return self._labels(schema, labels)

    def frame(
        self, schema: ModelSchema, start: datetime | None = None, end: datetime | None = None
    ) -> pa.Table:
        """Events with ``start <= ts < end`` (either open), ordered by time, with their
        ``label`` column (null until one arrives)."""
        with self.lock:
            return self._frame(schema, start, end)

    def count(self, schema: ModelSchema) -> int:
        with self.lock:
            return self._count(schema)

    def purge(self, before: datetime) -> int:
        """Retention: delete every event (and its label) older than ``before``."""
        with self.lock:
            total = 0
            for schema in self.models():
                total += self._purge(schema, before)
            self._summary_sql(sql_summaries.before_sql(self.MARK), [before])
            return total

    def models(self) -> list[ModelSchema]:
        with self.lock:
            found = [ModelSchema.model_validate(json.loads(t)) for t in self._all_schemas()]
        return sorted(found, key=lambda s: (s.model, s.version))

    # --- per-window summaries ------------------------------------------------------

    def save_summary(self, summary: Summary) -> None:
        """Store (or replace) the summary of one window of one model version."""
        row = [summary.model, summary.version, summary.start, summary.end, summary.rows]
        with self.lock:
            self._summary_sql(sql_summaries.upsert_sql(self.MARK), [*row, summary.to_json()])

    def summaries(
        self, schema: ModelSchema, start: datetime | None = None, end: datetime | None = None
    ) -> list[Summary]:
        """The stored summaries of windows inside ``[start, end)`` (either open), by time."""
        sql = sql_summaries.select_sql(self.MARK, start is not None, end is not None)
        params = [schema.model, schema.version, *(t for t in (start, end) if t is not None)]
        with self.lock:
            rows = self._summary_sql(sql, params, fetch=True)
        from infranest.monitor.sketches import Summary

        return [Summary.from_json(str(r[0])) for r in rows]

    def summary(
        self,
        schema: ModelSchema,
        start: datetime,
        end: datetime,
        window: timedelta = sql_summaries.HOUR,
        now: datetime | None = None,
    ) -> Summary:
        """The summary of ``[start, end)``: a merge of stored per-window summaries (windows
        that ended and have none are summarised once and stored)."""
        return sql_summaries.range_summary(self, schema, start, end, window, now)

    # --- alert history ---------------------------------------------------------------

    def record_alert(
        self,
        rule: str,
        at: datetime,
        status: str,
        severity: str,
        value: float | None,
        detail: dict[str, Any],
    ) -> None:
        """Append one alert transition (firing, repeat, resolved) with its deliveries."""
        with self.lock:
            self._insert_alert((rule, at, status, severity, value, json.dumps(detail)))

    def alert_history(self, rule: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """The latest ``limit`` alert records (of ``rule``, or of every rule), newest first."""
        with self.lock:
            rows = self._select_alerts(rule, limit)
        records = []
        for row in rows:
            record = dict(zip(ALERT_COLUMNS, row, strict=True))
            at: datetime = record.pop("happened_at")
            record["at"] = at if at.tzinfo else at.replace(tzinfo=UTC)
            record["detail"] = json.loads(record["detail"])
            records.append(record)
        return records

    # --- backend -------------------------------------------------------------------

    def _summary_sql(
        self, sql: str, params: Sequence[Any], fetch: bool = False
    ) -> list[tuple[Any, ...]]:
        """Run one statement on ``monitor_summaries`` in its own transaction (the rows when
        ``fetch``). Backends written before summaries existed do not persist them."""
        raise NotImplementedError(f"{type(self).__name__} does not store summaries")

    @abstractmethod
    def _insert_alert(self, row: tuple[Any, ...]) -> None: ...

    @abstractmethod
    def _select_alerts(self, rule: str | None, limit: int) -> list[tuple[Any, ...]]: ...

    @abstractmethod
    def _create(self, schema: ModelSchema) -> None: ...

    @abstractmethod
    def _fetch_schema(self, model: str, version: str) -> str | None: ...

    @abstractmethod
    def _all_schemas(self) -> list[str]: ...

    @abstractmethod
    def _append(
        self, schema: ModelSchema, table: pa.Table, labels: Sequence[tuple[str, Value]]
    ) -> int: ...

    @abstractmethod
    def _labels(self, schema: ModelSchema, labels: Sequence[tuple[str, Value]]) -> int: ...

    @abstractmethod
    def _frame(
        self, schema: ModelSchema, start: datetime | None, end: datetime | None
    ) -> pa.Table: ...

    @abstractmethod
    def _count(self, schema: ModelSchema) -> int: ...

    @abstractmethod
    def _purge(self, schema: ModelSchema, before: datetime) -> int: ...

    @abstractmethod
    def close(self) -> None: ...


def alerts_sql(placeholder: str, by_rule: bool, at: str = "happened_at") -> str:
    """The history query; ``at`` is how the backend reads the time (a cast, if needed)."""
    where = f" WHERE rule = {placeholder}" if by_rule else ""
    columns = ", ".join(at if c == "happened_at" else c for c in ALERT_COLUMNS)
    return (
        f"SELECT {columns} FROM monitor_alerts{where} ORDER BY happened_at DESC LIMIT {placeholder}"
    )


def frame_sql(schema: ModelSchema, placeholder: str, start: bool, end: bool) -> str:
    """The query :meth:`Store.frame` runs (``placeholder``: the driver's parameter mark)."""
    events, labels = table_names(schema)
    columns = ", ".join(f'e."c_{c.name}" AS "{c.name}"' for c in schema.event_columns)
    where = []
    if start:
        where.append(f"e.ts >= {placeholder}")
    if end:
        where.append(f"e.ts < {placeholder}")
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    return (
        f"SELECT e.event_id, e.ts AS timestamp, {columns}, l.label AS label "
        f"FROM {events} e LEFT JOIN {labels} l ON l.event_id = e.event_id"
        f"{clause} ORDER BY e.ts, e.event_id"
    )
