"""PSI binning: reference quantile edges, shared by PSI and Jensen–Shannon on numeric columns.

Edges are the reference's quantiles at 0, 1/B, ..., 1 (NumPy's default linear interpolation),
with repeated edges merged (a column with many ties gets fewer bins). The outer edges are
replaced by -inf and +inf so that current values outside the reference range fall in the first
or last bin. A value equal to an inner edge belongs to the bin on the edge's right.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

DEFAULT_BINS = 10
#: Replaces a zero share in PSI so that the logarithm stays finite (Evidently and most credit-risk
#: texts use 1e-4). It is applied to both sides, and shares are not renormalised afterwards.
PSI_EPSILON = 1e-4

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


def quantile_edges(reference: FloatArray, bins: int = DEFAULT_BINS) -> FloatArray:
    """Inner edges (length ≤ bins - 1) of the reference quantile bins."""
    if bins < 1:
        raise ValueError("bins must be at least 1")
    qs = np.quantile(reference, np.linspace(0.0, 1.0, bins + 1))
    inner: FloatArray = np.unique(qs[1:-1])
    return inner


def bin_counts(values: FloatArray, inner_edges: FloatArray) -> IntArray:
    """Counts per bin for bins (-inf, e0), [e0, e1), ..., [e_last, +inf)."""
    idx = np.searchsorted(inner_edges, values, side="right")
    counts: IntArray = np.bincount(idx, minlength=inner_edges.size + 1).astype(np.int64)
    return counts


def shares(counts: IntArray) -> FloatArray:
    total = counts.sum()
    if total == 0:
        raise ValueError("no values to bin")
    out: FloatArray = counts / float(total)
    return out
