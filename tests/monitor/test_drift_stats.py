"""Each drift statistic against scipy or a textbook formula written here."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as sps  # type: ignore[import-untyped]
from scipy.spatial.distance import jensenshannon  # type: ignore[import-untyped]
from scipy.stats import chi2_contingency, wasserstein_distance  # type: ignore[import-untyped]

from infranest.monitor.stats import drift as d
from infranest.monitor.stats.binning import bin_counts, quantile_edges

RTOL = 1e-9
rng = np.random.default_rng(7)


@pytest.mark.parametrize(
    ("n1", "n2", "shift"),
    [(30, 40, 0.0), (200, 150, 0.5), (20_000, 15_000, 0.02), (12_000, 3_000, 0.0)],
)
def test_ks_matches_scipy(n1: int, n2: int, shift: float) -> None:
    a = rng.normal(size=n1)
    b = rng.normal(loc=shift, size=n2)
    ours = d.ks(a, b)
    ref = sps.ks_2samp(a, b, method="auto")
    assert ours.statistic == pytest.approx(ref.statistic, rel=RTOL)
    assert ours.p_value == pytest.approx(ref.pvalue, rel=RTOL)
    assert ours.drifted == (ref.pvalue < 0.05)


def test_ks_statistic_with_ties_matches_scipy() -> None:
    a = rng.integers(0, 5, size=50_000).astype(np.float64)
    b = rng.integers(0, 6, size=40_000).astype(np.float64)
    assert d.ks_statistic(a, b) == pytest.approx(sps.ks_2samp(a, b).statistic, rel=RTOL)


def test_ks_hand_checked() -> None:
    # F_ref jumps at 1,2,3 and F_cur at 3,4,5: at x=3 F_ref=1, F_cur=1/3 -> D = 2/3.
    r = d.ks(np.array([1.0, 2.0, 3.0]), np.array([3.0, 4.0, 5.0]))
    assert r.statistic == pytest.approx(2 / 3, rel=RTOL)
    assert r.p_value is not None
    assert 0 < r.p_value <= 1


@pytest.mark.parametrize(("n1", "n2"), [(10, 13), (500, 800), (5_000, 4_000)])
def test_wasserstein_exact_matches_scipy(n1: int, n2: int) -> None:
    a = rng.exponential(size=n1)
    b = rng.exponential(scale=1.3, size=n2)
    ours = d.wasserstein_normed(a, b)
    assert ours.statistic == pytest.approx(wasserstein_distance(a, b) / np.std(a), rel=RTOL)
    assert ours.p_value is None
    assert ours.drifted == (ours.statistic >= 0.1)


def test_wasserstein_grid_within_its_bound() -> None:
    a = rng.normal(size=150_000)
    b = rng.normal(loc=0.05, scale=1.1, size=120_000)
    exact = wasserstein_distance(a, b) / np.std(a)
    ours = d.wasserstein_normed(a, b).statistic
    lo, hi = min(a.min(), b.min()), max(a.max(), b.max())
    bound = (hi - lo) / d.WASSERSTEIN_GRID_BINS / np.std(a)
    assert abs(ours - exact) < bound


def test_wasserstein_grid_falls_back_to_exact_with_outliers() -> None:
    a = rng.normal(size=150_000)
    b = np.concatenate([rng.normal(size=100_000), [1e9]])
    exact = wasserstein_distance(a, b) / np.std(a)
    assert d.wasserstein_normed(a, b).statistic == pytest.approx(exact, rel=RTOL)


def test_wasserstein_hand_checked() -> None:
    # Moving {0, 1} to {1, 2} costs 1 per point; std of {0, 1} is 0.5.
    assert d.wasserstein_normed(np.array([0.0, 1.0]), np.array([1.0, 2.0])).statistic == 2.0


def test_quantile_bins_hand_checked() -> None:
    ref = np.arange(1.0, 11.0)  # 1..10
    edges = quantile_edges(ref, 2)
    assert edges.tolist() == [5.5]
    counts = bin_counts(np.array([-100.0, 5.5, 5.4, 100.0]), edges)
    assert counts.tolist() == [2, 2]  # 5.5 belongs to the right bin
    assert quantile_edges(np.ones(20), 10).tolist() == [1.0]  # ties merge


def _psi_textbook(r: np.ndarray, c: np.ndarray, eps: float = 1e-4) -> float:
    p = np.where(r / r.sum() == 0, eps, r / r.sum())
    q = np.where(c / c.sum() == 0, eps, c / c.sum())
    return float(sum((qi - pi) * math.log(qi / pi) for pi, qi in zip(p, q, strict=True)))


def test_psi_matches_textbook_and_hand_value() -> None:
    r, c = np.array([50, 30, 20, 0]), np.array([40, 30, 20, 10])
    assert d.psi_counts(r, c).statistic == pytest.approx(_psi_textbook(r, c), rel=RTOL)
    # Two bins 0.5/0.5 -> 0.4/0.6: (-0.1) ln 0.8 + 0.1 ln 1.2.
    got = d.psi_counts(np.array([5, 5]), np.array([4, 6])).statistic
    assert got == pytest.approx(0.1 * math.log(1.2) - 0.1 * math.log(0.8), rel=RTOL)


def test_psi_numeric_on_reference_deciles() -> None:
    a, b = rng.normal(size=5000), rng.normal(loc=0.3, size=4000)
    rc, cc = d.numeric_binned_counts(a, b, 10)
    assert rc.sum() == 5000
    assert cc.sum() == 4000
    assert rc.tolist() == [500] * 10
    assert d.psi_counts(rc, cc).statistic == pytest.approx(_psi_textbook(rc, cc), rel=RTOL)


@pytest.mark.parametrize(
    ("r", "c"), [([10, 20, 30], [30, 20, 10]), ([5, 0, 7, 1], [0, 3, 7, 9]), ([1, 1], [1, 1])]
)
def test_js_matches_scipy(r: list[int], c: list[int]) -> None:
    ours = d.js_counts(np.array(r), np.array(c))
    assert ours.statistic == pytest.approx(jensenshannon(r, c, base=2), rel=RTOL, abs=1e-15)


def test_js_disjoint_is_one() -> None:
    assert d.js_counts(np.array([3, 0]), np.array([0, 4])).statistic == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("r", "c"),
    [
        ([20, 30, 50], [25, 25, 50]),
        ([20, 30, 0, 50], [25, 25, 9, 50]),  # a category only in current
        ([40, 0, 60], [0, 0, 100]),  # absent from both is dropped, one-sided zero kept
        ([30, 70], [45, 55]),  # dof 1: Yates
    ],
)
def test_chi2_matches_chi2_contingency(r: list[int], c: list[int]) -> None:
    table = np.array([r, c])
    table = table[:, table.sum(axis=0) > 0]
    ref = chi2_contingency(table)
    ours = d.chi2_counts(np.array(r), np.array(c))
    assert ours.statistic == pytest.approx(ref.statistic, rel=RTOL)
    assert ours.p_value == pytest.approx(ref.pvalue, rel=RTOL)


def test_z_test_matches_textbook_and_uncorrected_chi2() -> None:
    r, c = np.array([60, 40]), np.array([45, 55])
    p1, p2, p = 0.4, 0.55, 95 / 200
    z = (p2 - p1) / math.sqrt(p * (1 - p) * (1 / 100 + 1 / 100))
    ours = d.z_proportions(r, c)
    assert ours.statistic == pytest.approx(z, rel=RTOL)
    assert ours.p_value == pytest.approx(math.erfc(abs(z) / math.sqrt(2)), rel=RTOL)
    chi = chi2_contingency(np.array([r, c]), correction=False)
    assert ours.statistic**2 == pytest.approx(chi.statistic, rel=RTOL)
    assert ours.p_value == pytest.approx(chi.pvalue, rel=RTOL)


def test_empty_side_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one value"):
        d.ks(np.array([]), np.array([1.0]))
