"""The shared store: PostgreSQL through psycopg 3 (every write a committed transaction)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import psycopg
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.csv as pacsv  # type: ignore[import-untyped]

from infranest.monitor.ingest import Value
from infranest.monitor.schema import ModelSchema
from infranest.monitor.store.base import (
    ALERTS_DDL,
    ARROW_TYPES,
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


class PostgresStore(Store):
    MARK = "%s"

    def __init__(self, url: str) -> None:
        super().__init__()
        try:
            self.con = psycopg.connect(url, autocommit=False)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL store: {exc}") from exc
        with self.con.transaction():
            self.con.execute(MODELS_DDL)
            self.con.execute(ALERTS_DDL)
            self.con.execute(SUMMARIES_DDL)

    def _create(self, schema: ModelSchema) -> None:
        with self.con.transaction():
            for statement in events_ddl(schema, "TIMESTAMPTZ"):
                self.con.execute(statement)
            self.con.execute(
                "INSERT INTO monitor_models VALUES (%s, %s, %s)",
                (schema.model, schema.version, schema.model_dump_json()),
            )

    def _fetch_schema(self, model: str, version: str) -> str | None:
        with self.con.transaction():
            row = self.con.execute(
                "SELECT schema FROM monitor_models WHERE model = %s AND version = %s",
                (model, version),
            ).fetchone()
        return str(row[0]) if row else None

    def _all_schemas(self) -> list[str]:
        with self.con.transaction():
            rows = self.con.execute("SELECT schema FROM monitor_models").fetchall()
        return [str(r[0]) for r in rows]

    def _append(
        self, schema: ModelSchema, table: pa.Table, labels: Sequence[tuple[str, Value]]
    ) -> int:
        events, _ = table_names(schema)
        names = ", ".join(f'"{n}"' for n in table.column_names)
        with self.con.transaction(), self.con.cursor() as cur:
            cur.execute(f"CREATE TEMP TABLE incoming (LIKE {events}) ON COMMIT DROP")
            copy_sql = f"COPY incoming ({names}) FROM STDIN WITH (FORMAT csv, HEADER false)"
            with cur.copy(copy_sql) as copy:
                copy.write(_csv(table))
            cur.execute(f"INSERT INTO {events} SELECT * FROM incoming ON CONFLICT DO NOTHING")
            added = cur.rowcount
            self._upsert_labels(cur, schema, labels)
        return max(added, 0)

    def _upsert_labels(
        self,
        cur: psycopg.Cursor[tuple[object, ...]],
        schema: ModelSchema,
        labels: Sequence[tuple[str, Value]],
    ) -> None:
        """One ``COPY`` into a temporary table, then one upsert (the last label per id wins)."""
        if not labels:
            return
        _, table = table_names(schema)
        cur.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS incoming_labels (LIKE {table}) ON COMMIT DROP"
        )
        copy_sql = "COPY incoming_labels FROM STDIN WITH (FORMAT csv, HEADER false)"
        with cur.copy(copy_sql) as copy:
            copy.write(_csv(label_table(schema, labels)))
        cur.execute(
            f"INSERT INTO {table} SELECT * FROM incoming_labels ON CONFLICT (event_id) "
            "DO UPDATE SET label = excluded.label, received_at = excluded.received_at"
        )

    def _labels(self, schema: ModelSchema, labels: Sequence[tuple[str, Value]]) -> int:
        with self.con.transaction(), self.con.cursor() as cur:
            self._upsert_labels(cur, schema, labels)
        return len(labels)

    def _frame(self, schema: ModelSchema, start: datetime | None, end: datetime | None) -> pa.Table:
        sql = frame_sql(schema, "%s", start is not None, end is not None)
        params = [p for p in (start, end) if p is not None]
        with self.con.transaction(), self.con.cursor() as cur:
            cur.execute(sql, params)
            rows = cur.fetchall()
        names = ["event_id", "timestamp", *(c.name for c in schema.event_columns), "label"]
        label = schema.role("label")
        types = [
            pa.string(),
            pa.timestamp("us", tz="UTC"),
            *(ARROW_TYPES[c.kind] for c in schema.event_columns),
            ARROW_TYPES[label[0].kind] if label else pa.string(),
        ]
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in names]
        return pa.table(
            {n: pa.array(list(v), t) for n, v, t in zip(names, columns, types, strict=True)}
        )

    def _count(self, schema: ModelSchema) -> int:
        events, _ = table_names(schema)
        with self.con.transaction():
            row = self.con.execute(f"SELECT count(*) FROM {events}").fetchone()
        return int(row[0]) if row else 0

    def _purge(self, schema: ModelSchema, before: datetime) -> int:
        events, labels = table_names(schema)
        with self.con.transaction(), self.con.cursor() as cur:
            cur.execute(
                f"DELETE FROM {labels} WHERE event_id IN "
                f"(SELECT event_id FROM {events} WHERE ts < %s)",
                (before,),
            )
            cur.execute(f"DELETE FROM {events} WHERE ts < %s", (before,))
            return max(cur.rowcount, 0)

    def _insert_alert(self, row: tuple[Any, ...]) -> None:
        with self.con.transaction():
            self.con.execute("INSERT INTO monitor_alerts VALUES (%s, %s, %s, %s, %s, %s)", row)

    def _select_alerts(self, rule: str | None, limit: int) -> list[tuple[Any, ...]]:
        params: tuple[Any, ...] = (rule, limit) if rule is not None else (limit,)
        with self.con.transaction():
            return list(self.con.execute(alerts_sql("%s", rule is not None), params).fetchall())

    def _summary_sql(
        self, sql: str, params: Sequence[Any], fetch: bool = False
    ) -> list[tuple[Any, ...]]:
        with self.con.transaction(), self.con.cursor() as cur:
            cur.execute(sql, list(params))
            return list(cur.fetchall()) if fetch else []

    def close(self) -> None:
        with self.lock:
            self.con.close()


def _csv(table: pa.Table) -> bytes:
    """``table`` as CSV for ``COPY``, written by Arrow (no Python object per value): every
    value quoted, nulls as bare empty fields, so an empty text stays distinct from NULL;
    floats in their shortest exact form; timestamps in UTC with a ``Z``."""
    sink = io.BytesIO()
    options = pacsv.WriteOptions(include_header=False, quoting_style="all_valid")
    pacsv.write_csv(table, sink, options)
    return sink.getvalue()
