"""Validating a Parquet or Arrow upload column by column (pyarrow compute and NumPy), with the
same per-row contract as :func:`~infranest.monitor.ingest.validate`.

A row is rejected for the first failing field in the order the row path checks them
(``event_id``, ``timestamp``, the event columns in schema order, the label) with the same
reason text; duplicate ids in the upload reject the later rows; schema changes are reported
the same way. The checks run on whole columns; Python only formats the reasons of rejected
rows. Columns of a type the vectorised checks do not cover (lists, structs, dates...) fall
back to the row path's :func:`~infranest.monitor.ingest.coerce` for that column only.
Decimal columns are accepted as numbers (the row path, fed ``to_pylist()``, would refuse
``Decimal`` values).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from infranest.monitor.ingest import (
    _DECLARED_AS,
    MAX_EVENT_ID,
    Rejection,
    RowError,
    SchemaChanges,
    Value,
    _describe,
    coerce,
    parse_timestamp,
)
from infranest.monitor.schema import ColumnSpec, ModelSchema
from infranest.monitor.store.base import ARROW_TYPES

_ID_REASON = "is required: a non-empty text or integer id"


@dataclass
class TableBatch:
    """The valid rows as the events table stores them, their labels, and the rejections."""

    table: pa.Table
    labels: list[tuple[str, Value]] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    changes: SchemaChanges = field(default_factory=SchemaChanges)
    received: int = 0


class _Rows:
    """The first rejection of each row, filled check by check."""

    def __init__(self, n: int) -> None:
        self.bad = np.zeros(n, dtype=bool)
        self.reasons: dict[int, tuple[str | None, str]] = {}

    def reject(self, mask: np.ndarray, name: str | None, reason: Any) -> None:
        """Reject the rows of ``mask`` not rejected yet; ``reason(i)`` or a fixed text."""
        new = mask & ~self.bad
        for i in np.flatnonzero(new):
            self.reasons[int(i)] = (name, reason(int(i)) if callable(reason) else reason)
        self.bad |= new


def _kind(arrow_type: Any) -> str:
    """What a column's values are, as the row path names the JSON kinds."""
    if pa.types.is_boolean(arrow_type):
        return "boolean"
    if pa.types.is_integer(arrow_type) or pa.types.is_floating(arrow_type):
        return "number"
    if pa.types.is_decimal(arrow_type):
        return "decimal"
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return "string"
    if pa.types.is_dictionary(arrow_type) and _kind(arrow_type.value_type) == "string":
        return "string"
    if pa.types.is_null(arrow_type):
        return "null"
    return "other"


def _nulls(column: pa.ChunkedArray) -> np.ndarray:
    return np.asarray(pc.is_null(column).to_numpy(zero_copy_only=False), dtype=bool)


def _describer(column: pa.ChunkedArray) -> Any:
    return lambda i: _describe(column[i].as_py())


def _event_ids(table: pa.Table, rows: _Rows) -> pa.ChunkedArray:
    n = table.num_rows
    if "event_id" not in table.column_names:
        rows.reject(np.ones(n, dtype=bool), "event_id", _ID_REASON)
        return pa.chunked_array([pa.nulls(n, pa.string())])
    column = table.column("event_id")
    kind = _kind(column.type)
    if kind == "string" or (kind == "number" and pa.types.is_integer(column.type)):
        ids = pc.cast(column, pa.string())
        empty = _nulls(ids) | np.asarray(
            pc.fill_null(pc.equal(ids, ""), True).to_numpy(zero_copy_only=False), dtype=bool
        )
        rows.reject(empty, "event_id", _ID_REASON)
        lengths = pc.fill_null(pc.utf8_length(ids), 0).to_numpy(zero_copy_only=False)
        too_long = f"is longer than {MAX_EVENT_ID} characters"
        rows.reject(np.asarray(lengths) > MAX_EVENT_ID, "event_id", too_long)
        return ids
    rows.reject(np.ones(n, dtype=bool), "event_id", _ID_REASON)
    return pa.chunked_array([pa.nulls(n, pa.string())])


def _timestamps(table: pa.Table, rows: _Rows, now: datetime) -> pa.ChunkedArray:
    """UTC timestamps: Arrow timestamps cast at once; text and numbers parsed once per
    distinct value with the row path's :func:`parse_timestamp`; missing means ``now``."""
    utc = pa.timestamp("us", tz="UTC")
    n = table.num_rows
    column = table.column("timestamp") if "timestamp" in table.column_names else None
    if column is None or pa.types.is_null(column.type):
        return pa.chunked_array([pa.repeat(pa.scalar(now, utc), n)])
    if pa.types.is_timestamp(column.type):
        if column.type.tz is None:
            column = pc.assume_timezone(column, "UTC")
        return pc.fill_null(pc.cast(column, utc), pa.scalar(now, utc))
    encoded = column.combine_chunks().dictionary_encode()
    parsed: list[datetime | None] = []
    failed: dict[int, str] = {}
    for code, value in enumerate(encoded.dictionary.to_pylist()):
        try:
            parsed.append(parse_timestamp(value, now))
        except RowError as exc:
            parsed.append(None)
            failed[code] = exc.reason
    codes = np.asarray(pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False))
    if failed:
        bad_codes = np.array(sorted(failed), dtype=codes.dtype)
        rows.reject(np.isin(codes, bad_codes), "timestamp", lambda i: failed[int(codes[i])])
    values = pa.array(parsed, utc).take(pa.array(np.where(codes < 0, 0, codes)))
    values = pc.if_else(pa.array(codes < 0), pa.scalar(now, utc), values) if n else values
    return pa.chunked_array([values])


def _fallback(column: pa.ChunkedArray, spec: ColumnSpec, rows: _Rows) -> pa.ChunkedArray:
    """The row path's coercion, value by value (types the vectorised checks do not cover)."""
    out: list[Value] = []
    reasons: dict[int, str] = {}
    for i, value in enumerate(column.to_pylist()):
        try:
            out.append(coerce(spec, value))
        except RowError as exc:
            reasons[i] = exc.reason
            out.append(None)
    mask = np.zeros(len(column), dtype=bool)
    mask[list(reasons)] = True
    rows.reject(mask, spec.name, lambda i: reasons[i])
    return pa.chunked_array([pa.array(out, ARROW_TYPES[spec.kind])])


def _typed(table: pa.Table, spec: ColumnSpec, rows: _Rows) -> pa.ChunkedArray:
    """Column ``spec`` of ``table`` as the events table stores it; bad rows rejected."""
    n = table.num_rows
    target = ARROW_TYPES[spec.kind]
    if spec.name not in table.column_names:
        if not spec.nullable:
            rows.reject(
                np.ones(n, dtype=bool), spec.name, "is required (the column is not nullable)"
            )
        return pa.chunked_array([pa.nulls(n, target)])
    column = table.column(spec.name)
    kind = _kind(column.type)
    if kind == "other":
        return _fallback(column, spec, rows)
    nulls = _nulls(column)
    if not spec.nullable:
        rows.reject(nulls, spec.name, "is required (the column is not nullable)")
    present = ~nulls
    if kind == "null":
        return pa.chunked_array([pa.nulls(n, target)])
    if spec.kind == "numeric":
        if kind in ("number", "decimal"):
            values = pc.cast(column, pa.float64())
            finite = np.isfinite(
                np.asarray(pc.fill_null(values, 0.0).to_numpy(zero_copy_only=False))
            )
            rows.reject(present & ~finite, spec.name, "expected a finite number")
            return values
        rows.reject(
            present, spec.name, lambda i: f"got {_describe(column[i].as_py())}; expected a number"
        )
        return pa.chunked_array([pa.nulls(n, target)])
    if spec.kind == "boolean":
        if kind == "boolean":
            return column
        rows.reject(
            present,
            spec.name,
            lambda i: f"got {_describe(column[i].as_py())}; expected true or false",
        )
        return pa.chunked_array([pa.nulls(n, target)])
    if kind == "string" or (kind == "number" and pa.types.is_integer(column.type)):
        return pc.cast(column, pa.string())
    rows.reject(
        present,
        spec.name,
        lambda i: f"got {_describe(column[i].as_py())}; expected a category (text)",
    )
    return pa.chunked_array([pa.nulls(n, target)])


def _duplicates(ids: pa.ChunkedArray, rows: _Rows) -> None:
    """Among rows still valid, a repeated id rejects every occurrence after the first."""
    valid = np.flatnonzero(~rows.bad)
    if valid.size == 0:
        return
    encoded = ids.take(pa.array(valid)).combine_chunks().dictionary_encode()
    codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False))
    _, first = np.unique(codes, return_index=True)
    first_row = valid[first]  # by code: the row (0-based) of its first valid occurrence
    later = np.ones(valid.size, dtype=bool)
    later[first] = False
    mask = np.zeros(len(rows.bad), dtype=bool)
    mask[valid[later]] = True
    code_of = dict(zip(valid.tolist(), codes.tolist(), strict=True))
    rows.reject(
        mask,
        "event_id",
        lambda i: f"duplicate event_id in this batch (first at row {first_row[code_of[i]] + 1})",
    )


def _changes(schema: ModelSchema, table: pa.Table) -> SchemaChanges:
    known = {c.name for c in schema.columns} | {"event_id", "timestamp"}
    new = sorted(c for c in table.column_names if c not in known)
    missing: list[str] = []
    retyped: list[tuple[str, str, str]] = []
    for spec in schema.event_columns:
        column = table.column(spec.name) if spec.name in table.column_names else None
        if column is None or column.null_count == len(column):
            if table.num_rows:
                missing.append(spec.name)
            continue
        kind = {"decimal": "number", "null": "other"}.get(_kind(column.type), _kind(column.type))
        declared = _DECLARED_AS[spec.kind]
        accepted = {declared, "number"} if declared == "string" else {declared}
        if kind not in accepted:
            retyped.append((spec.name, spec.kind, kind))
    return SchemaChanges(tuple(new), tuple(missing), tuple(retyped))


def validate_table(schema: ModelSchema, table: pa.Table, now: datetime | None = None) -> TableBatch:
    """Split an uploaded table into the valid events (as stored) and per-row rejections."""
    moment = now or datetime.now(UTC)
    rows = _Rows(table.num_rows)
    ids = _event_ids(table, rows)
    timestamps = _timestamps(table, rows, moment)
    columns = {f"c_{c.name}": _typed(table, c, rows) for c in schema.event_columns}
    label_spec = schema.role("label")
    label = (
        _typed(table, label_spec[0].model_copy(update={"nullable": True}), rows)
        if label_spec
        else None
    )
    _duplicates(ids, rows)
    keep = pa.array(~rows.bad)
    stored = pa.table({"event_id": ids, "ts": timestamps, **columns}).filter(keep)
    labels: list[tuple[str, Value]] = []
    if label is not None and label_spec[0].name in table.column_names:
        pairs = pa.table({"id": ids, "label": label}).filter(keep)
        pairs = pairs.filter(pc.is_valid(pairs.column("label")))
        labels = list(
            zip(pairs.column("id").to_pylist(), pairs.column("label").to_pylist(), strict=True)
        )
    rejected = [Rejection(i + 1, *rows.reasons[i]) for i in sorted(rows.reasons)]
    return TableBatch(stored, labels, rejected, _changes(schema, table), table.num_rows)
