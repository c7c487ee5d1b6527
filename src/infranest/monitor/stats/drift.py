"""Per-feature drift tests between a reference and a current sample.

Numeric tests take float arrays without missing values; categorical tests take aligned count
vectors (one entry per category, same order on both sides). Every test returns a DriftResult.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats as sps  # type: ignore[import-untyped]

from infranest.monitor.stats.binning import (
    DEFAULT_BINS,
    PSI_EPSILON,
    FloatArray,
    IntArray,
    bin_counts,
    quantile_edges,
    shares,
)
from infranest.monitor.stats.methods import Method as Method  # re-exported

DEFAULT_ALPHA = 0.05
DEFAULT_DISTANCE_THRESHOLD = 0.1
#: scipy's ks_2samp computes the exact p-value when both samples have at most this many values.
KS_EXACT_MAX_N = 10_000
#: Wasserstein on samples above this total size is computed on a fine common grid when the
#: grid's error bound allows it (see wasserstein_normed).
WASSERSTEIN_GRID_MIN_N = 200_000
WASSERSTEIN_GRID_BINS = 20_000
WASSERSTEIN_GRID_TOLERANCE = 0.005


P_VALUE_METHODS = frozenset({Method.ks, Method.chi2, Method.z})


@dataclass(frozen=True)
class DriftResult:
    """One test's outcome. For p-value tests ``threshold`` is alpha and drift means p < alpha;
    for distances drift means statistic ≥ threshold."""

    method: Method
    statistic: float
    p_value: float | None
    threshold: float
    drifted: bool


def _p_result(method: Method, statistic: float, p: float, alpha: float) -> DriftResult:
    return DriftResult(method, statistic, p, alpha, p < alpha)


def _d_result(method: Method, statistic: float, threshold: float) -> DriftResult:
    return DriftResult(method, statistic, None, threshold, statistic >= threshold)


def _nonempty(*arrays: FloatArray | IntArray) -> None:
    for a in arrays:
        if a.size == 0 or (a.dtype.kind == "i" and int(a.sum()) == 0):
            raise ValueError("drift tests need at least one value on each side")


def ks_statistic(reference: FloatArray, current: FloatArray) -> float:
    """sup |F_ref - F_cur| over all values (sort-based, ties handled with right-continuous CDFs)."""
    u = np.sort(reference)
    v = np.sort(current)
    # Both CDFs jump only at sample points: evaluate both at every point of either sample.
    f_at_u = np.searchsorted(u, u, side="right") / u.size
    g_at_u = np.searchsorted(v, u, side="right") / v.size
    f_at_v = np.searchsorted(u, v, side="right") / u.size
    g_at_v = np.searchsorted(v, v, side="right") / v.size
    return float(max(np.max(np.abs(f_at_u - g_at_u)), np.max(np.abs(f_at_v - g_at_v))))


def ks(reference: FloatArray, current: FloatArray, alpha: float = DEFAULT_ALPHA) -> DriftResult:
    """Two-sample Kolmogorov–Smirnov. The p-value is exact when both samples have at most
    KS_EXACT_MAX_N values (scipy's own rule), else Smirnov's asymptotic kstwo.sf(D, round(en))."""
    _nonempty(reference, current)
    n1, n2 = reference.size, current.size
    if max(n1, n2) <= KS_EXACT_MAX_N:
        res = sps.ks_2samp(reference, current, method="auto")
        return _p_result(Method.ks, float(res.statistic), float(res.pvalue), alpha)
    d = ks_statistic(reference, current)
    m, n = sorted([float(n1), float(n2)], reverse=True)
    en = m * n / (m + n)
    p = float(np.clip(sps.kstwo.sf(d, np.round(en)), 0.0, 1.0))
    return _p_result(Method.ks, d, p, alpha)


def _wasserstein_exact(u: FloatArray, v: FloatArray) -> float:
    allv = np.sort(np.concatenate([u, v]))
    deltas = np.diff(allv)
    us, vs = np.sort(u), np.sort(v)
    ucdf = np.searchsorted(us, allv[:-1], side="right") / us.size
    vcdf = np.searchsorted(vs, allv[:-1], side="right") / vs.size
    return float(np.sum(np.abs(ucdf - vcdf) * deltas))


def _grid_counts(x: FloatArray, lo: float, hi: float, bins: int) -> IntArray:
    """Counts on ``bins`` equal bins over [lo, hi]; every value of x must lie in that range."""
    idx = ((x - lo) * (bins / (hi - lo))).astype(np.int64)
    np.minimum(idx, bins - 1, out=idx)
    counts: IntArray = np.bincount(idx, minlength=bins)
    return counts


def _wasserstein_grid(u: FloatArray, v: FloatArray, lo: float, hi: float, bins: int) -> float:
    diff = np.cumsum(_grid_counts(u, lo, hi, bins)) / u.size
    diff -= np.cumsum(_grid_counts(v, lo, hi, bins)) / v.size
    return float(np.sum(np.abs(diff[:-1])) * ((hi - lo) / bins))


def wasserstein_normed(
    reference: FloatArray, current: FloatArray, threshold: float = DEFAULT_DISTANCE_THRESHOLD
) -> DriftResult:
    """Wasserstein-1 distance divided by the reference standard deviation (ddof=0); the raw
    distance when that is 0. Above WASSERSTEIN_GRID_MIN_N values in all, both samples are
    snapped to a common grid of WASSERSTEIN_GRID_BINS equal bins over [min, max]: snapping moves
    every value by less than one bin width w with a monotone map, so the distance changes by
    less than w; the grid is used only when w / std ≤ WASSERSTEIN_GRID_TOLERANCE, else the
    exact sort-based distance is computed."""
    _nonempty(reference, current)
    std = float(np.std(reference))
    scale = std if std > 0 else 1.0
    if reference.size + current.size >= WASSERSTEIN_GRID_MIN_N:
        lo = float(min(reference.min(), current.min()))
        hi = float(max(reference.max(), current.max()))
        width = (hi - lo) / WASSERSTEIN_GRID_BINS
        if hi > lo and width / scale <= WASSERSTEIN_GRID_TOLERANCE:
            dist = _wasserstein_grid(reference, current, lo, hi, WASSERSTEIN_GRID_BINS)
            return _d_result(Method.wasserstein, dist / scale, threshold)
    dist = _wasserstein_exact(reference, current)
    return _d_result(Method.wasserstein, dist / scale, threshold)


def numeric_binned_counts(
    reference: FloatArray, current: FloatArray, bins: int = DEFAULT_BINS
) -> tuple[IntArray, IntArray]:
    """Counts of both samples in the reference quantile bins (see binning)."""
    _nonempty(reference, current)
    edges = quantile_edges(reference, bins)
    return bin_counts(reference, edges), bin_counts(current, edges)


def psi_counts(
    reference: IntArray, current: IntArray, threshold: float = DEFAULT_DISTANCE_THRESHOLD
) -> DriftResult:
    """Population stability index Σ (c - r) ln(c / r) over bins or categories, where shares of
    zero are replaced by PSI_EPSILON. Common reading: < 0.1 stable, 0.1–0.25 moderate, > 0.25
    major shift."""
    _nonempty(reference, current)
    r = np.maximum(shares(reference), PSI_EPSILON)
    c = np.maximum(shares(current), PSI_EPSILON)
    return _d_result(Method.psi, float(np.sum((c - r) * np.log(c / r))), threshold)


def js_counts(
    reference: IntArray, current: IntArray, threshold: float = DEFAULT_DISTANCE_THRESHOLD
) -> DriftResult:
    """Jensen–Shannon distance (base 2, so within [0, 1]) between the two share vectors."""
    _nonempty(reference, current)
    p, q = shares(reference), shares(current)
    m = (p + q) / 2.0
    with np.errstate(divide="ignore", invalid="ignore"):
        kl_p = np.where(p > 0, p * np.log2(p / m), 0.0).sum()
        kl_q = np.where(q > 0, q * np.log2(q / m), 0.0).sum()
    js = math.sqrt(max(float(kl_p + kl_q) / 2.0, 0.0))
    return _d_result(Method.js, js, threshold)


def chi2_counts(
    reference: IntArray, current: IntArray, alpha: float = DEFAULT_ALPHA, correction: bool = True
) -> DriftResult:
    """Pearson chi-square on the 2 × k table [reference counts; current counts] with
    chi2_contingency's semantics: categories absent from both sides are dropped (a category seen
    on one side only keeps its zero cell), dof = k - 1, and Yates' correction when dof = 1."""
    _nonempty(reference, current)
    keep = (reference + current) > 0
    obs = np.vstack([reference[keep], current[keep]]).astype(np.float64)
    dof = obs.shape[1] - 1
    if dof == 0:
        return _p_result(Method.chi2, 0.0, 1.0, alpha)
    expected = np.outer(obs.sum(axis=1), obs.sum(axis=0)) / obs.sum()
    if dof == 1 and correction:
        diff = expected - obs
        obs = obs + np.minimum(0.5, np.abs(diff)) * np.sign(diff)
    stat = float(np.sum((obs - expected) ** 2 / expected))
    return _p_result(Method.chi2, stat, float(sps.chi2.sf(stat, dof)), alpha)


def z_proportions(
    reference: IntArray, current: IntArray, alpha: float = DEFAULT_ALPHA
) -> DriftResult:
    """Two-proportion z-test (pooled variance, two-sided) on a binary column; counts are
    [first category, second category]. The statistic is the signed z of the second category."""
    _nonempty(reference, current)
    if reference.size != 2 or current.size != 2:
        raise ValueError("the z-test needs exactly two categories")
    n1, n2 = float(reference.sum()), float(current.sum())
    p1, p2 = reference[1] / n1, current[1] / n2
    pooled = (reference[1] + current[1]) / (n1 + n2)
    se = math.sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2))
    if se == 0.0:
        return _p_result(Method.z, 0.0, 1.0, alpha)
    z = float((p2 - p1) / se)
    return _p_result(Method.z, z, float(2.0 * sps.norm.sf(abs(z))), alpha)
