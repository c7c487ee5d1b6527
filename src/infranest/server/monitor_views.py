"""What the monitor dashboards show, computed from a workspace's store with the monitor's
own functions: drift per feature per time window against the reference dataset, the two
distributions of one feature, performance per window, and the root-cause ranking."""

from __future__ import annotations

import math
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from infranest.monitor.analysis import compare
from infranest.monitor.columns import CategoricalColumn, Column, NumericColumn, aligned_counts
from infranest.monitor.data import arrow_column
from infranest.monitor.metrics import compute
from infranest.monitor.rootcause import rank_features, rank_segments_by_drift, strength
from infranest.monitor.schema import ModelSchema
from infranest.monitor.store import Store

BINS = 20
TOP_CATEGORIES = 30
CLASSIFICATION = ("accuracy", "precision", "recall", "f1")
REGRESSION = ("mae", "rmse", "r2")


def finite(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)


def table(frame: pa.Table, names: list[str]) -> dict[str, Column]:
    return {n: arrow_column(frame.column(n)) for n in names}


def features(schema: ModelSchema) -> list[str]:
    return [c.name for c in schema.role("feature")]


def last_event(store: Store, schema: ModelSchema) -> datetime | None:
    frame = store.frame(schema)
    if frame.num_rows == 0:
        return None
    latest: datetime = pc.max(frame.column("timestamp")).as_py()
    return latest if latest.tzinfo else latest.replace(tzinfo=UTC)


def windows(end: datetime, size: timedelta, count: int) -> list[tuple[datetime, datetime]]:
    """``count`` consecutive windows of ``size``, the last one ending at ``end``, oldest first."""
    return [(end - (count - i) * size, end - (count - i - 1) * size) for i in range(count)]


def _feature_row(result: dict[str, Any], ref: Column, cur: Column) -> dict[str, Any]:
    skipped = result.get("skipped")
    return {
        **{k: finite(v) if isinstance(v, float) else v for k, v in result.items()},
        "strength": None if skipped else finite(strength(ref, cur)),
    }


def drift_windows(
    store: Store, schema: ModelSchema, reference: pa.Table, spans: list[tuple[datetime, datetime]]
) -> list[dict[str, Any]]:
    """Each window's drift per feature against the reference (tests as ``monitor drift``
    chooses them; ``strength`` the Jensen–Shannon distance, comparable across columns)."""
    names = features(schema)
    ref = table(reference, names)
    out: list[dict[str, Any]] = []
    for start, end in spans:
        frame = store.frame(schema, start, end)
        row: dict[str, Any] = {"start": start, "end": end, "events": frame.num_rows}
        if frame.num_rows == 0 or reference.num_rows == 0:
            out.append({**row, "drift_share": None, "drifted": None, "features": []})
            continue
        cur = table(frame, names)
        report = compare(ref, cur, names).to_json()
        rows = [_feature_row(c, ref[c["column"]], cur[c["column"]]) for c in report["columns"]]
        out.append(
            {**row, "drift_share": report["drifted_share"], "drifted": report["drifted"]}
            | {"features": rows}
        )
    return out


def _numeric_bins(ref: NumericColumn, cur: NumericColumn) -> list[dict[str, Any]]:
    rv, cv = ref.present(), cur.present()
    both = np.concatenate([rv, cv])
    if not both.size:
        return []
    low, high = float(both.min()), float(both.max())
    edges = np.linspace(low, high if high > low else low + 1.0, BINS + 1)
    rc, _ = np.histogram(rv, edges)
    cc, _ = np.histogram(cv, edges)
    return [
        {
            "lower": float(edges[i]),
            "upper": float(edges[i + 1]),
            "reference": int(rc[i]),
            "current": int(cc[i]),
        }
        for i in range(BINS)
    ]


def _categories(ref: CategoricalColumn, cur: CategoricalColumn) -> list[dict[str, Any]]:
    rc, cc, labels = aligned_counts(ref, cur)
    order = sorted(range(len(labels)), key=lambda i: (-(int(rc[i]) + int(cc[i])), labels[i]))
    return [
        {"value": labels[i], "reference": int(rc[i]), "current": int(cc[i])}
        for i in order[:TOP_CATEGORIES]
    ]


def _missing(column: Column) -> int:
    if isinstance(column, NumericColumn):
        return int(column.values.size - column.present().size)
    return int((column.codes < 0).sum())


def distribution(reference: pa.Table, current: pa.Table, name: str) -> dict[str, Any]:
    """Counts of one column in both samples: 20 equal-width bins over both samples' range
    (numeric), or the most frequent categories (categorical, boolean)."""
    ref, cur = arrow_column(reference.column(name)), arrow_column(current.column(name))
    found: dict[str, Any] = {
        "column": name,
        "missing": {"reference": _missing(ref), "current": _missing(cur)},
        "bins": [],
        "categories": [],
    }
    if isinstance(ref, NumericColumn) and isinstance(cur, NumericColumn):
        found["kind"] = "numeric"
        found["bins"] = _numeric_bins(ref, cur)
    elif isinstance(ref, CategoricalColumn) and isinstance(cur, CategoricalColumn):
        found["kind"] = "categorical"
        found["categories"] = _categories(ref, cur)
    else:
        raise TypeError(f"column {name!r} is numeric on one side and categorical on the other")
    return found


def performance_names(schema: ModelSchema) -> tuple[str, ...]:
    label = schema.role("label")
    if not label or not schema.role("prediction"):
        return ()
    return REGRESSION if label[0].kind == "numeric" else CLASSIFICATION


def performance(schema: ModelSchema, frame: pa.Table) -> dict[str, Any]:
    names = performance_names(schema)
    labelled = int(frame.num_rows - frame.column("label").null_count) if names else 0
    metrics = {n: finite(compute(n, schema, frame)) if labelled else None for n in names}
    return {"events": frame.num_rows, "labelled": labelled, "metrics": metrics}


def root_cause(schema: ModelSchema, reference: pa.Table, current: pa.Table) -> dict[str, Any]:
    """Features by drift strength and, with segment columns, segments by their drift."""
    names = features(schema)
    segments = [c.name for c in schema.role("segment") if c.kind != "numeric"]
    if reference.num_rows == 0 or current.num_rows == 0:
        return {"features": [], "segments": []}
    ref = table(reference, names + segments)
    cur = table(current, names + segments)
    ranked = [asdict(c) for c in rank_features(ref, cur, names)]
    by_segment = [asdict(c) for c in rank_segments_by_drift(ref, cur, names, segments)]
    return {"features": ranked, "segments": by_segment}
