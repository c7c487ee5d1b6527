"""Benjamini–Hochberg false discovery rate control across features."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

DEFAULT_Q = 0.05


def bh_adjust(pvalues: NDArray[np.float64]) -> NDArray[np.float64]:
    """BH-adjusted p-values, in the input order (as ``scipy.stats.false_discovery_control``).

    Sorted ascending, p_(i) becomes min over j ≥ i of p_(j) · m / j; rejecting the features whose
    adjusted p-value is ≤ q controls the false discovery rate at q.
    """
    ps = np.asarray(pvalues, dtype=np.float64)
    if ps.ndim != 1:
        raise ValueError("p-values must be one-dimensional")
    if ps.size and (not np.all(ps >= 0.0) or not np.all(ps <= 1.0)):
        raise ValueError("p-values must lie in [0, 1]")
    m = ps.size
    if m <= 1:
        return ps.copy()
    order = np.argsort(ps)
    ranked = ps[order]
    ranked = ranked * (m / np.arange(1, m + 1, dtype=np.float64))
    np.minimum.accumulate(ranked[::-1], out=ranked[::-1])
    adjusted = np.empty_like(ranked)
    adjusted[order] = ranked
    return adjusted


def bh_reject(pvalues: NDArray[np.float64], q: float = DEFAULT_Q) -> NDArray[np.bool_]:
    """Which hypotheses BH rejects at false discovery rate q."""
    if not 0.0 < q < 1.0:
        raise ValueError("q must lie in (0, 1)")
    out: NDArray[np.bool_] = bh_adjust(pvalues) <= q
    return out
