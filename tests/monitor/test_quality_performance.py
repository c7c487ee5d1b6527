"""Quality checks, performance metrics against textbook formulas, CBPE, PCA drift."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pytest

from infranest.monitor.columns import CategoricalColumn, Column, NumericColumn
from infranest.monitor.stats.multivariate import fit_pca, pca_drift
from infranest.monitor.stats.performance import (
    cbpe_accuracy,
    cbpe_binary,
    classification,
    log_loss,
    regression,
    roc_auc,
)
from infranest.monitor.stats.quality import column_quality, duplicate_rows, type_error_share

RTOL = 1e-9


def cat(labels: Sequence[str | None]) -> CategoricalColumn:
    cats = tuple(dict.fromkeys(x for x in labels if x is not None))
    return CategoricalColumn(
        np.array([-1 if x is None else cats.index(x) for x in labels], dtype=np.int64), cats
    )


def test_numeric_quality_against_reference_range_and_bounds() -> None:
    ref = NumericColumn(np.array([0.0, 5.0, 10.0]))
    cur = NumericColumn(np.array([-1.0, 3.0, np.nan, 11.0, 10.0]))
    q = column_quality("x", ref, cur)
    assert q.missing_share == pytest.approx(1 / 5)
    assert q.out_of_range_share == pytest.approx(2 / 4)
    assert column_quality("x", ref, cur, bounds=(-5.0, None)).out_of_range_share == 1 / 4


def test_categorical_quality_new_categories_and_type_errors() -> None:
    ref = cat(["1", "2", "2"])
    cur = cat(["2", "3", "x", None, "3"])
    q = column_quality("c", ref, cur, declared="int")
    assert q.missing_share == pytest.approx(1 / 5)
    assert q.new_category_share == pytest.approx(3 / 4)
    assert q.type_error_share == pytest.approx(1 / 5)
    dates = cat(["2024-01-31", "2024-02-30", "yesterday"])
    assert type_error_share(dates, "date") == pytest.approx(2 / 3)
    assert type_error_share(cat(["true", "No", "maybe"]), "bool") == pytest.approx(1 / 3)


def test_duplicate_rows_count_missing_as_equal() -> None:
    table: dict[str, Column] = {
        "a": NumericColumn(np.array([1.0, np.nan, 1.0, np.nan, 2.0])),
        "b": cat(["u", "v", "u", "v", "u"]),
    }
    assert duplicate_rows(table) == 2
    assert duplicate_rows({}) == 0


def test_classification_hand_checked() -> None:
    y = np.array([1, 1, 1, 0, 0, 2])
    p = np.array([1, 0, 1, 0, 1, 2])
    m = classification(y, p, positive=1)
    assert m.accuracy == pytest.approx(4 / 6)
    assert (m.precision, m.recall) == pytest.approx((2 / 3, 2 / 3))
    assert m.f1 == pytest.approx(2 / 3)
    # classes 0: P=1/2 R=1/2; 1: P=2/3 R=2/3; 2: P=1 R=1
    assert m.macro_precision == pytest.approx((0.5 + 2 / 3 + 1) / 3)
    assert m.macro_f1 == pytest.approx((0.5 + 2 / 3 + 1) / 3)


def test_roc_auc_equals_pairwise_count() -> None:
    rng = np.random.default_rng(5)
    y = rng.random(300) < 0.4
    s = np.round(rng.normal(size=300) + y, 1)  # rounded: ties
    pos, neg = s[y], s[~y]
    pairs = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    assert roc_auc(y, s) == pytest.approx(pairs / (pos.size * neg.size), rel=RTOL)


def test_log_loss_textbook() -> None:
    y = np.array([True, False, True])
    p = np.array([0.9, 0.2, 0.6])
    expected = -(math.log(0.9) + math.log(0.8) + math.log(0.6)) / 3
    assert log_loss(y, p) == pytest.approx(expected, rel=RTOL)
    assert math.isfinite(log_loss(np.array([True]), np.array([0.0])))


def test_regression_textbook() -> None:
    y, yhat = np.array([3.0, -0.5, 2.0, 7.0]), np.array([2.5, 0.0, 2.0, 8.0])
    r = regression(y, yhat)
    assert r.mae == pytest.approx(0.5, rel=RTOL)
    assert r.rmse == pytest.approx(math.sqrt(0.375), rel=RTOL)
    assert r.mape == pytest.approx((0.5 / 3 + 0.5 / 0.5 + 0 + 1 / 7) / 4, rel=RTOL)
    ss_tot = float(np.sum((y - y.mean()) ** 2))
    assert r.r2 == pytest.approx(1 - 1.5 / ss_tot, rel=RTOL)


def test_cbpe_hand_checked_and_calibrated_simulation() -> None:
    est = cbpe_binary(np.array([0.9, 0.6, 0.3, 0.1]))
    # E[TP]=1.5, E[FP]=0.5, E[FN]=0.4, E[TN]=1.6
    assert est.accuracy == pytest.approx(3.1 / 4)
    assert est.precision == pytest.approx(1.5 / 2.0)
    assert est.recall == pytest.approx(1.5 / 1.9)
    rng = np.random.default_rng(11)
    p = rng.beta(2, 2, size=200_000)
    y = rng.random(p.size) < p  # calibrated by construction
    realised = classification(y, p >= 0.5, positive=True)
    est = cbpe_binary(p)
    assert est.accuracy == pytest.approx(realised.accuracy, abs=0.005)
    assert est.f1 == pytest.approx(realised.f1, abs=0.005)
    probs = np.array([[0.7, 0.2, 0.1], [0.3, 0.3, 0.4]])
    assert cbpe_accuracy(probs) == pytest.approx(0.55)


def test_pca_reconstruction_matches_eigen_projection() -> None:
    rng = np.random.default_rng(2)
    base = rng.normal(size=(500, 2))
    x = np.column_stack([base[:, 0], base[:, 0] + 0.1 * base[:, 1], base[:, 1], -base[:, 1]])
    model = fit_pca(x, 0.95)
    z = (x - x.mean(axis=0)) / x.std(axis=0)
    vals, vecs = np.linalg.eigh(np.cov(z, rowvar=False, bias=True))
    order = np.argsort(vals)[::-1]
    k = model.components.shape[0]
    assert k == int(np.searchsorted(np.cumsum(vals[order]) / vals.sum(), 0.95) + 1)
    v = vecs[:, order[:k]]
    expected = np.sum((z - z @ v @ v.T) ** 2, axis=1)
    np.testing.assert_allclose(model.errors(x), expected, rtol=1e-9, atol=1e-12)


def test_pca_drift_sees_broken_correlation_not_marginals() -> None:
    rng = np.random.default_rng(4)
    a = rng.normal(size=4000)
    ref = np.column_stack([a, a + 0.1 * rng.normal(size=4000), rng.normal(size=4000)])
    same = ref[rng.permutation(4000)[:1000]] + 0.0
    b = rng.normal(size=1000)
    broken = np.column_stack([b, rng.normal(size=1000) * ref[:, 1].std(), rng.normal(size=1000)])
    assert not pca_drift(ref, same).drifted
    result = pca_drift(ref, broken)
    assert result.drifted
    assert result.current_error > result.threshold > result.reference_error
    big = pca_drift(ref, np.repeat(ref[:2000], 5, axis=0))  # CLT path: 500 * 10000 draws
    assert not big.drifted
