"""Metrics over a window of stored events, by name — what alert rules watch.

``event_count``; ``missing_rate:COL`` (share of null values); ``mean:COL``; ``drift_share``
and ``drifted:COL`` (1 or 0) against a reference window; ``accuracy``, ``precision``,
``recall``, ``f1`` (classification: the prediction column against labels, labelled rows
only) and ``mae``, ``rmse``, ``r2`` (regression). A metric that cannot be computed on the
data at hand (no labels yet, no reference) is None, never a made-up number.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from infranest.monitor.analysis import compare
from infranest.monitor.data import arrow_column
from infranest.monitor.schema import ModelSchema
from infranest.monitor.stats.performance import classification, regression

PLAIN = ("event_count", "drift_share", "accuracy", "precision", "recall", "f1", "mae", "rmse", "r2")
PER_COLUMN = ("missing_rate", "mean", "drifted")
_NAME = re.compile(r"^(?P<kind>[a-z_0-9]+)(?::(?P<column>[A-Za-z_][A-Za-z0-9_]*))?$")


class MetricError(ValueError):
    """The metric name is not one we compute (the message lists the valid forms)."""


def check_metric(name: str, schema: ModelSchema | None = None) -> None:
    """Raise :class:`MetricError` unless ``name`` is a valid metric (for ``schema``)."""
    match = _NAME.match(name)
    valid = f"valid: {', '.join(PLAIN)}, or {', '.join(k + ':COLUMN' for k in PER_COLUMN)}"
    if match is None:
        raise MetricError(f"metric {name!r} is not valid; {valid}")
    kind, column = match.group("kind"), match.group("column")
    if (kind not in PLAIN) if column is None else (kind not in PER_COLUMN):
        raise MetricError(f"metric {name!r} is not valid; {valid}")
    if column is not None and schema is not None:
        known = [c.name for c in schema.event_columns]
        if column not in known:
            raise MetricError(
                f"metric {name!r}: {schema.key} has no column {column!r}; "
                f"columns are {', '.join(known)}"
            )
    if kind == "mean" and schema is not None and column is not None:
        declared = schema.column(column)
        if declared is not None and declared.kind != "numeric":
            raise MetricError(f"metric {name!r}: mean needs a numeric column")


def _labelled(schema: ModelSchema, frame: pa.Table) -> tuple[np.ndarray, np.ndarray] | None:
    prediction = schema.role("prediction")
    if not prediction or "label" not in frame.column_names:
        return None
    mask = pc.and_(
        pc.is_valid(frame.column("label")), pc.is_valid(frame.column(prediction[0].name))
    )
    rows = frame.filter(mask)
    if rows.num_rows == 0:
        return None
    truth = rows.column("label").to_numpy(zero_copy_only=False)
    predicted = rows.column(prediction[0].name).to_numpy(zero_copy_only=False)
    return truth, predicted


def _performance(name: str, schema: ModelSchema, frame: pa.Table) -> float | None:
    pair = _labelled(schema, frame)
    if pair is None:
        return None
    truth, predicted = pair
    if name in ("mae", "rmse", "r2"):
        result = regression(truth.astype(np.float64), predicted.astype(np.float64))
        return float(getattr(result, name))
    positive: object = True if truth.dtype == np.bool_ else 1
    found = classification(truth, predicted, positive)
    return float(getattr(found, name))


def _drift(
    kind: str, column: str | None, schema: ModelSchema, frame: pa.Table, reference: pa.Table
) -> float | None:
    names = [column] if column else [c.name for c in schema.role("feature")]
    if reference.num_rows == 0 or frame.num_rows == 0 or not names:
        return None
    ref = {n: arrow_column(reference.column(n)) for n in names}
    cur = {n: arrow_column(frame.column(n)) for n in names}
    report = compare(ref, cur, names)
    if kind == "drift_share":
        return report.drifted_share
    result = report.columns[0]
    return None if result.skipped else float(result.drifted)


def compute(
    name: str, schema: ModelSchema, frame: pa.Table, reference: pa.Table | None = None
) -> float | None:
    """The metric ``name`` over ``frame`` (events of one window, as ``Store.frame`` gives
    them); drift metrics compare with ``reference``."""
    check_metric(name, schema)
    match = _NAME.match(name)
    assert match is not None  # checked above
    kind, column = match.group("kind"), match.group("column")
    if kind == "event_count":
        return float(frame.num_rows)
    if kind in ("drift_share", "drifted"):
        return None if reference is None else _drift(kind, column, schema, frame, reference)
    if kind in ("missing_rate", "mean"):
        assert column is not None
        values = frame.column(column)
        if frame.num_rows == 0:
            return None
        if kind == "missing_rate":
            missing: int = values.null_count
            return missing / int(frame.num_rows)
        mean = pc.mean(values).as_py()
        return None if mean is None or not math.isfinite(mean) else float(mean)
    return _performance(kind, schema, frame)
