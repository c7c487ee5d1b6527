"""The embedded store: one DuckDB file (every write a committed transaction)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]

from infranest.monitor.ingest import Value
from infranest.monitor.schema import ModelSchema
from infranest.monitor.store.base import (
    ALERTS_DDL,
    MODELS_DDL,
    Store,
    StoreError,
    alerts_sql,
    events_ddl,
    frame_sql,
    label_table,
    table_names,
)
from infranest.monitor.store.summaries import SUMMARIES_DDL


class DuckStore(Store):
    def __init__(self, path: str) -> None:
        super().__init__()
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(path)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open DuckDB store {path!r}: {exc}") from exc
        self.con.execute("SET TimeZone = 'UTC'")
        self.con.execute(MODELS_DDL)
        self.con.execute(ALERTS_DDL)
        self.con.execute(SUMMARIES_DDL)

    def _create(self, schema: ModelSchema) -> None:
        self.con.execute("BEGIN")
        try:
            for statement in events_ddl(schema, "TIMESTAMPTZ"):
                self.con.execute(statement)
            self.con.execute(
                "INSERT INTO monitor_models VALUES (?, ?, ?)",
                [schema.model, schema.version, schema.model_dump_json()],
            )
            self.con.execute("COMMIT")
        except duckdb.Error:
            self.con.execute("ROLLBACK")
            raise

    def _fetch_schema(self, model: str, version: str) -> str | None:
        rows = self.con.execute(
            "SELECT schema FROM monitor_models WHERE model = ? AND version = ?", [model, version]
        ).fetchall()
        return str(rows[0][0]) if rows else None

    def _all_schemas(self) -> list[str]:
        return [str(r[0]) for r in self.con.execute("SELECT schema FROM monitor_models").fetchall()]

    def _append(
        self, schema: ModelSchema, table: pa.Table, labels: Sequence[tuple[str, Value]]
    ) -> int:
        events, _ = table_names(schema)
        self.con.execute("BEGIN")
        try:
            self.con.register("incoming", table)
            added = len(
                self.con.execute(
                    f"INSERT INTO {events} SELECT * FROM incoming ON CONFLICT DO NOTHING "
                    "RETURNING event_id"
                ).fetchall()
            )
            self.con.unregister("incoming")
            self._upsert_labels(schema, labels)
            self.con.execute("COMMIT")
        except duckdb.Error:
            self.con.execute("ROLLBACK")
            raise
        return added

    def _upsert_labels(self, schema: ModelSchema, labels: Sequence[tuple[str, Value]]) -> None:
        if not labels:
            return
        _, table = table_names(schema)
        self.con.register("incoming_labels", label_table(schema, labels))
        try:
            self.con.execute(
                f"INSERT INTO {table} SELECT * FROM incoming_labels ON CONFLICT (event_id) "
                "DO UPDATE SET label = excluded.label, received_at = excluded.received_at"
            )
        finally:
            self.con.unregister("incoming_labels")

    def _labels(self, schema: ModelSchema, labels: Sequence[tuple[str, Value]]) -> int:
        self.con.execute("BEGIN")
        try:
            self._upsert_labels(schema, labels)
            self.con.execute("COMMIT")
        except duckdb.Error:
            self.con.execute("ROLLBACK")
            raise
        return len(labels)

    def _frame(self, schema: ModelSchema, start: datetime | None, end: datetime | None) -> pa.Table:
        sql = frame_sql(schema, "?", start is not None, end is not None)
        params = [p for p in (start, end) if p is not None]
        return self.con.sql(sql, params=params).to_arrow_table()

    def _count(self, schema: ModelSchema) -> int:
        events, _ = table_names(schema)
        rows = self.con.execute(f"SELECT count(*) FROM {events}").fetchall()
        return int(rows[0][0])

    def _purge(self, schema: ModelSchema, before: datetime) -> int:
        events, labels = table_names(schema)
        self.con.execute("BEGIN")
        try:
            count_before = self._count(schema)
            self.con.execute(
                f"DELETE FROM {labels} WHERE event_id IN "
                f"(SELECT event_id FROM {events} WHERE ts < ?)",
                [before],
            )
            self.con.execute(f"DELETE FROM {events} WHERE ts < ?", [before])
            removed = count_before - self._count(schema)
            self.con.execute("COMMIT")
        except duckdb.Error:
            self.con.execute("ROLLBACK")
            raise
        return removed

    def _insert_alert(self, row: tuple[Any, ...]) -> None:
        self.con.execute("INSERT INTO monitor_alerts VALUES (?, ?, ?, ?, ?, ?)", list(row))

    def _select_alerts(self, rule: str | None, limit: int) -> list[tuple[Any, ...]]:
        params: list[Any] = [rule, limit] if rule is not None else [limit]
        return list(
            self.con.execute(
                alerts_sql("?", rule is not None, "happened_at::TIMESTAMP"), params
            ).fetchall()
        )

    def _summary_sql(
        self, sql: str, params: Sequence[Any], fetch: bool = False
    ) -> list[tuple[Any, ...]]:
        cursor = self.con.execute(sql, list(params))
        return list(cursor.fetchall()) if fetch else []

    def close(self) -> None:
        with self.lock:
            self.con.close()
