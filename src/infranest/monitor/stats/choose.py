"""Automatic choice of drift test per column (rules and reasons in docs/monitor.md).

- numeric: KS when the reference has at most SMALL_N values, else normed Wasserstein;
- binary (exactly two categories over both sides): two-proportion z-test when small, else JS;
- categorical: chi-square when small and every expected cell count is at least MIN_EXPECTED
  (Cochran's rule), else Jensen–Shannon distance.

Large samples get distances with effect-size thresholds because with many rows a p-value test
flags shifts far too small to matter.
"""

from __future__ import annotations

from infranest.monitor.stats.binning import IntArray
from infranest.monitor.stats.drift import Method

SMALL_N = 1000
MIN_EXPECTED = 5.0


def choose_numeric(n_reference: int) -> Method:
    return Method.ks if n_reference <= SMALL_N else Method.wasserstein


def choose_categorical(reference: IntArray, current: IntArray) -> Method:
    present = (reference + current) > 0
    n_ref, n_cur = int(reference.sum()), int(current.sum())
    if int(present.sum()) == 2:
        return Method.z if n_ref <= SMALL_N else Method.js
    if n_ref > SMALL_N:
        return Method.js
    totals = (reference + current)[present]
    n = n_ref + n_cur
    smallest_expected = float(totals.min()) * min(n_ref, n_cur) / n if n else 0.0
    return Method.chi2 if smallest_expected >= MIN_EXPECTED else Method.js
