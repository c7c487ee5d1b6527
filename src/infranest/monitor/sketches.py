"""Mergeable per-window summaries (Apache DataSketches), so that any time range is a merge.

Per column: numeric → a KLL quantiles sketch (``k`` = 200) and counts of missing values;
categorical and boolean → a frequent-items sketch (``lg_max_map_size`` = 12: counts are
exact while a column has at most 3,072 distinct values, and otherwise within
``epsilon × total`` of the truth, reported). Summaries of adjacent windows merge into the
summary of their union with the same guarantees.

Accuracy (documented in docs/monitor.md and checked by tests/monitor/test_sketches.py):
a KLL sketch with k = 200 answers ranks within its normalized rank error ε (about 1.33%
single-sided, 1.65% for a PMF, with 99% confidence) of the exact rank. The Kolmogorov–Smirnov
statistic computed from two sketches — the largest CDF gap over the union of both sketches'
retained quantiles — is therefore within 2ε of the exact statistic; PSI uses the reference
sketch's decile edges, each bin share within ε.
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import datasketches as ds  # type: ignore[import-untyped]
import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
from scipy import stats  # type: ignore[import-untyped]

from infranest.monitor.schema import ModelSchema
from infranest.monitor.stats import drift as d

KLL_K = 200
FREQUENT_LG_MAP = 12
_ALL = ds.frequent_items_error_type.NO_FALSE_NEGATIVES
_GRID = 256  # CDF evaluation points per sketch for the KS statistic


@dataclass
class NumericSketch:
    kll: Any = field(default_factory=lambda: ds.kll_doubles_sketch(KLL_K))
    missing: int = 0

    def update(self, column: pa.ChunkedArray) -> None:
        values = pc.cast(column, pa.float64()).to_numpy(zero_copy_only=False)
        finite = values[np.isfinite(values)]
        self.missing += int(values.size - finite.size)
        if finite.size:
            self.kll.update(np.ascontiguousarray(finite))

    def merge(self, other: NumericSketch) -> None:
        self.kll.merge(other.kll)
        self.missing += other.missing

    @property
    def n(self) -> int:
        return int(self.kll.n)

    def to_json(self) -> dict[str, Any]:
        blob = base64.b64encode(self.kll.serialize()).decode()
        return {"kind": "numeric", "kll": blob, "missing": self.missing}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NumericSketch:
        kll = ds.kll_doubles_sketch.deserialize(base64.b64decode(data["kll"]))
        return cls(kll, int(data["missing"]))


@dataclass
class CategoricalSketch:
    items: Any = field(default_factory=lambda: ds.frequent_strings_sketch(FREQUENT_LG_MAP))
    missing: int = 0

    def update(self, column: pa.ChunkedArray) -> None:
        counts = pc.value_counts(pc.cast(column, pa.string())).to_pylist()
        for entry in counts:
            if entry["values"] is None:
                self.missing += int(entry["counts"])
            else:
                self.items.update(str(entry["values"]), int(entry["counts"]))

    def merge(self, other: CategoricalSketch) -> None:
        self.items.merge(other.items)
        self.missing += other.missing

    @property
    def n(self) -> int:
        return int(self.items.total_weight)

    def counts(self) -> dict[str, int]:
        """Estimated count per value (exact below the sketch's map size)."""
        return {item: int(est) for item, est, _, _ in self.items.get_frequent_items(_ALL)}

    @property
    def max_error(self) -> float:
        """The largest possible error of any count: the widest gap between a count's upper
        and lower bound (0 while the sketch has kept every value exactly)."""
        gaps = [upper - lower for _, _, lower, upper in self.items.get_frequent_items(_ALL)]
        return float(max(gaps, default=0))

    def to_json(self) -> dict[str, Any]:
        blob = base64.b64encode(self.items.serialize()).decode()
        return {"kind": "categorical", "items": blob, "missing": self.missing}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CategoricalSketch:
        items = ds.frequent_strings_sketch.deserialize(base64.b64decode(data["items"]))
        return cls(items, int(data["missing"]))


Sketch = NumericSketch | CategoricalSketch


@dataclass
class Summary:
    """The sketches of one model version's events in ``[start, end)``."""

    model: str
    version: str
    start: datetime
    end: datetime
    rows: int
    columns: dict[str, Sketch]

    def merge(self, other: Summary) -> Summary:
        """The summary of both ranges (this one, updated in place, is returned)."""
        if (other.model, other.version) != (self.model, self.version):
            raise ValueError("summaries of different model versions do not merge")
        for name, sketch in other.columns.items():
            mine = self.columns.get(name)
            if mine is None:
                self.columns[name] = sketch
            elif isinstance(mine, NumericSketch) and isinstance(sketch, NumericSketch):
                mine.merge(sketch)
            elif isinstance(mine, CategoricalSketch) and isinstance(sketch, CategoricalSketch):
                mine.items.merge(sketch.items)
                mine.missing += sketch.missing
            else:
                raise ValueError(f"column {name!r} changed kind between summaries")
        self.start, self.end = min(self.start, other.start), max(self.end, other.end)
        self.rows += other.rows
        return self

    def to_json(self) -> str:
        return json.dumps(
            {
                "model": self.model,
                "version": self.version,
                "start": self.start.isoformat(),
                "end": self.end.isoformat(),
                "rows": self.rows,
                "columns": {n: s.to_json() for n, s in self.columns.items()},
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Summary:
        data = json.loads(text)
        columns: dict[str, Sketch] = {
            n: NumericSketch.from_json(c)
            if c["kind"] == "numeric"
            else CategoricalSketch.from_json(c)
            for n, c in data["columns"].items()
        }
        return cls(
            data["model"],
            data["version"],
            datetime.fromisoformat(data["start"]),
            datetime.fromisoformat(data["end"]),
            int(data["rows"]),
            columns,
        )


def summarize(schema: ModelSchema, frame: pa.Table, start: datetime, end: datetime) -> Summary:
    """The summary of ``frame`` (the events of one window, as ``Store.frame`` gives them)."""
    columns: dict[str, Sketch] = {}
    for column in schema.event_columns:
        sketch: Sketch = NumericSketch() if column.kind == "numeric" else CategoricalSketch()
        sketch.update(frame.column(column.name))
        columns[column.name] = sketch
    return Summary(schema.model, schema.version, start, end, frame.num_rows, columns)


def merge_all(summaries: Iterable[Summary]) -> Summary:
    """One summary for the union of the windows (:class:`ValueError` when there are none)."""
    items = list(summaries)
    if not items:
        raise ValueError("no summaries to merge")
    merged = Summary.from_json(items[0].to_json())  # a copy: merging mutates
    for other in items[1:]:
        merged.merge(other)
    return merged


@dataclass(frozen=True)
class SketchDrift:
    column: str
    method: str
    statistic: float
    p_value: float | None
    drifted: bool
    error_bound: float  # how far the statistic may be from the exact one


def _grid(a: Any, b: Any) -> list[float]:
    points = np.linspace(0.0, 1.0, _GRID)
    values = np.concatenate([a.get_quantiles(points), b.get_quantiles(points)])
    return sorted({float(v) for v in values if math.isfinite(v)})


def ks_from_sketches(ref: NumericSketch, cur: NumericSketch, alpha: float = 0.05) -> SketchDrift:
    """Two-sample KS from two KLL sketches (asymptotic p-value, as for large samples)."""
    grid = _grid(ref.kll, cur.kll)
    gap = np.abs(np.array(ref.kll.get_cdf(grid)[:-1]) - np.array(cur.kll.get_cdf(grid)[:-1]))
    statistic = float(gap.max()) if gap.size else 0.0
    m, n = ref.n, cur.n
    effective = round(m * n / (m + n))
    p_value = float(stats.kstwo.sf(statistic, max(effective, 1)))
    bound = ref.kll.normalized_rank_error(False) + cur.kll.normalized_rank_error(False)
    return SketchDrift("", "ks", statistic, p_value, p_value < alpha, float(bound))


def psi_from_sketches(ref: NumericSketch, cur: NumericSketch, bins: int = 10) -> SketchDrift:
    """PSI on the reference's quantile edges (deciles by default)."""
    edges = sorted(
        {float(v) for v in ref.kll.get_quantiles(list(np.linspace(0, 1, bins + 1))[1:-1])}
    )
    ref_share = np.diff([0.0, *ref.kll.get_cdf(edges)[:-1], 1.0])
    cur_share = np.diff([0.0, *cur.kll.get_cdf(edges)[:-1], 1.0])
    scale = 1_000_000
    result = d.psi_counts(
        np.round(ref_share * scale).astype(np.int64), np.round(cur_share * scale).astype(np.int64)
    )
    bound = ref.kll.normalized_rank_error(True) + cur.kll.normalized_rank_error(True)
    return SketchDrift("", "psi", result.statistic, None, result.drifted, float(bound))


def chi2_from_sketches(
    ref: CategoricalSketch, cur: CategoricalSketch, alpha: float = 0.05
) -> SketchDrift:
    ref_counts, cur_counts = ref.counts(), cur.counts()
    keys = sorted(set(ref_counts) | set(cur_counts))
    rc = np.array([ref_counts.get(k, 0) for k in keys], dtype=np.int64)
    cc = np.array([cur_counts.get(k, 0) for k in keys], dtype=np.int64)
    result = d.chi2_counts(rc, cc, alpha)
    return SketchDrift(
        "", "chi2", result.statistic, result.p_value, result.drifted, ref.max_error + cur.max_error
    )


def drift(
    reference: Summary, current: Summary, columns: Sequence[str] | None = None
) -> list[SketchDrift]:
    """Per-column drift between two summaries: KS for numeric columns, chi-square for the
    others (raw p-values at 5%; both sides need values)."""
    out: list[SketchDrift] = []
    for name in columns or list(reference.columns):
        ref, cur = reference.columns[name], current.columns[name]
        if ref.n == 0 or cur.n == 0:
            continue
        if isinstance(ref, NumericSketch) and isinstance(cur, NumericSketch):
            result = ks_from_sketches(ref, cur)
        elif isinstance(ref, CategoricalSketch) and isinstance(cur, CategoricalSketch):
            result = chi2_from_sketches(ref, cur)
        else:
            raise ValueError(f"column {name!r} is numeric on one side only")
        out.append(replace(result, column=name))
    return out
