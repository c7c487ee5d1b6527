"""Why did it change: rank the features and segments behind a drift or a performance drop,
and measure which features a model depends on (permutation importance).

Features are ranked by their drift strength, a number comparable across tests: the
Jensen–Shannon distance between reference and current (binned like PSI for numeric
columns), with the column's test verdict alongside. Segments (each value of each segment
column) are ranked by how much of the change they carry: for a metric, the segment's
contribution to the overall change is ``w_cur·m_cur − w_ref·m_ref`` (its share of rows times
its metric in each period), so the contributions of one segment column sum to the overall
change; for drift, the segment's own drift strength weighted by its share of current rows,
and its mix shift (how much its share of rows moved).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from infranest.monitor.analysis import compare
from infranest.monitor.columns import CategoricalColumn, Column, NumericColumn, aligned_counts
from infranest.monitor.stats import drift as d
from infranest.monitor.stats.binning import DEFAULT_BINS

Metric = Callable[[NDArray[np.generic], NDArray[np.generic]], float]
Model = Callable[[Mapping[str, NDArray[np.generic]]], NDArray[np.generic]]


@dataclass(frozen=True)
class FeatureCause:
    column: str
    strength: float  # Jensen–Shannon distance, base 2, in [0, 1]
    drifted: bool


@dataclass(frozen=True)
class SegmentCause:
    column: str
    value: str
    share_reference: float
    share_current: float
    contribution: float  # metric: share of the change; drift: weighted drift strength
    detail: float | None = None  # metric: the segment's current value; drift: its strength


def strength(ref: Column, cur: Column, bins: int = DEFAULT_BINS) -> float:
    """Jensen–Shannon distance between the two samples (0 when either side is empty)."""
    if isinstance(ref, NumericColumn) and isinstance(cur, NumericColumn):
        rv, cv = ref.present(), cur.present()
        if not rv.size or not cv.size:
            return 0.0
        rc, cc = d.numeric_binned_counts(rv, cv, bins)
    elif isinstance(ref, CategoricalColumn) and isinstance(cur, CategoricalColumn):
        rc, cc, _ = aligned_counts(ref, cur)
        if not rc.sum() or not cc.sum():
            return 0.0
    else:
        raise TypeError("a column must be numeric on both sides or categorical on both")
    return float(d.js_counts(rc, cc).statistic)


def rank_features(
    reference: Mapping[str, Column], current: Mapping[str, Column], columns: list[str]
) -> list[FeatureCause]:
    """Features by drift strength, strongest first (ties by name)."""
    verdicts = {c.column: c.drifted for c in compare(reference, current, columns).columns}
    causes = [FeatureCause(n, strength(reference[n], current[n]), verdicts[n]) for n in columns]
    return sorted(causes, key=lambda c: (-c.strength, c.column))


def _take(column: Column, mask: NDArray[np.bool_]) -> Column:
    if isinstance(column, NumericColumn):
        return NumericColumn(column.values[mask])
    return CategoricalColumn(column.codes[mask], column.categories)


def _values(column: CategoricalColumn) -> list[str]:
    return list(column.categories)


def _mask(column: CategoricalColumn, value: str) -> NDArray[np.bool_]:
    if value not in column.categories:
        return np.zeros(column.codes.size, dtype=bool)
    mask: NDArray[np.bool_] = column.codes == column.categories.index(value)
    return mask


def rank_segments_by_drift(
    reference: Mapping[str, Column],
    current: Mapping[str, Column],
    features: list[str],
    segments: list[str],
) -> list[SegmentCause]:
    """Each segment value's mean feature drift strength within the segment, weighted by
    its share of current rows; strongest first."""
    causes: list[SegmentCause] = []
    for seg in segments:
        ref_seg, cur_seg = reference[seg], current[seg]
        if not isinstance(ref_seg, CategoricalColumn) or not isinstance(cur_seg, CategoricalColumn):
            raise TypeError(f"segment column {seg!r} must be categorical on both sides")
        for value in sorted(set(_values(ref_seg)) | set(_values(cur_seg))):
            rm, cm = _mask(ref_seg, value), _mask(cur_seg, value)
            w_ref, w_cur = (
                float(rm.mean()) if rm.size else 0.0,
                float(cm.mean()) if cm.size else 0.0,
            )
            inside = [strength(_take(reference[f], rm), _take(current[f], cm)) for f in features]
            mean = float(np.mean(inside)) if inside else 0.0
            causes.append(SegmentCause(seg, value, w_ref, w_cur, w_cur * mean, mean))
    return sorted(causes, key=lambda c: (-c.contribution, c.column, c.value))


def rank_segments_by_metric(
    metric: Metric,
    reference: tuple[NDArray[np.generic], NDArray[np.generic], CategoricalColumn],
    current: tuple[NDArray[np.generic], NDArray[np.generic], CategoricalColumn],
    column: str,
) -> list[SegmentCause]:
    """Each value of one segment column, by its contribution to the metric's change
    (``w_cur·m_cur − w_ref·m_ref``), most negative (the biggest drop) first. The inputs
    are (truth, predictions, segment column) for each period."""
    (rt, rp, rs), (ct, cp, cs) = reference, current
    causes: list[SegmentCause] = []
    for value in sorted(set(_values(rs)) | set(_values(cs))):
        rm, cm = _mask(rs, value), _mask(cs, value)
        w_ref, w_cur = float(rm.mean()), float(cm.mean())
        m_ref = metric(rt[rm], rp[rm]) if rm.any() else 0.0
        m_cur = metric(ct[cm], cp[cm]) if cm.any() else 0.0
        causes.append(
            SegmentCause(
                column,
                value,
                w_ref,
                w_cur,
                w_cur * m_cur - w_ref * m_ref,
                m_cur if cm.any() else None,
            )
        )
    return sorted(causes, key=lambda c: (c.contribution, c.column, c.value))


@dataclass(frozen=True)
class Importance:
    column: str
    mean: float  # baseline score minus the score with the column permuted
    std: float


def permutation_importance(
    model: Model,
    features: Mapping[str, NDArray[np.generic]],
    truth: NDArray[np.generic],
    metric: Metric,
    repeats: int = 5,
    seed: int = 0,
) -> list[Importance]:
    """How much ``metric`` (higher is better) falls when each feature's values are shuffled,
    over ``repeats`` shuffles (mean and standard deviation), largest first."""
    rng = np.random.default_rng(seed)
    baseline = metric(truth, model(features))
    out: list[Importance] = []
    for name in features:
        drops = []
        for _ in range(repeats):
            shuffled = dict(features)
            shuffled[name] = rng.permutation(features[name])
            drops.append(baseline - metric(truth, model(shuffled)))
        out.append(Importance(name, float(np.mean(drops)), float(np.std(drops))))
    return sorted(out, key=lambda i: (-i.mean, i.column))
