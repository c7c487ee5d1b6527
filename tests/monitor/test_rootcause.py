"""Root cause: the drifted feature ranks first, the segment that carries a performance drop
ranks first and the contributions add up to the overall change, and permutation importance
finds the features a model really uses."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.typing import NDArray

from infranest.monitor.columns import CategoricalColumn, Column, NumericColumn
from infranest.monitor.rootcause import (
    permutation_importance,
    rank_features,
    rank_segments_by_drift,
    rank_segments_by_metric,
    strength,
)

RNG = np.random.default_rng(7)


def _cat(values: list[str]) -> CategoricalColumn:
    categories = tuple(sorted(set(values)))
    return CategoricalColumn(np.array([categories.index(v) for v in values]), categories)


def accuracy(truth: NDArray[np.generic], predicted: NDArray[np.generic]) -> float:
    return float(np.mean(truth == predicted))


def test_the_drifted_feature_ranks_first() -> None:
    n = 4000
    reference: dict[str, Column] = {
        "stable": NumericColumn(RNG.normal(0, 1, n)),
        "shifted": NumericColumn(RNG.normal(0, 1, n)),
        "plan": _cat(list(RNG.choice(["a", "b"], n))),
    }
    current: dict[str, Column] = {
        "stable": NumericColumn(RNG.normal(0, 1, n)),
        "shifted": NumericColumn(RNG.normal(1.5, 1, n)),
        "plan": _cat(list(RNG.choice(["a", "b"], n, p=[0.8, 0.2]))),
    }
    ranked = rank_features(reference, current, ["stable", "shifted", "plan"])
    assert [c.column for c in ranked] == ["shifted", "plan", "stable"]
    assert ranked[0].drifted
    assert not ranked[2].drifted
    assert strength(reference["stable"], reference["stable"]) == 0.0


def test_the_segment_with_the_drift_ranks_first() -> None:
    n = 3000
    region_ref = list(RNG.choice(["eu", "us"], n))
    region_cur = list(RNG.choice(["eu", "us"], n))
    age_ref = RNG.normal(40, 5, n)
    age_cur = RNG.normal(40, 5, n)
    us = np.array(region_cur) == "us"
    age_cur[us] += 15  # only the US traffic changed
    reference: dict[str, Column] = {"age": NumericColumn(age_ref), "region": _cat(region_ref)}
    current: dict[str, Column] = {"age": NumericColumn(age_cur), "region": _cat(region_cur)}
    ranked = rank_segments_by_drift(reference, current, ["age"], ["region"])
    assert [(c.column, c.value) for c in ranked] == [("region", "us"), ("region", "eu")]
    assert ranked[0].detail is not None
    assert ranked[1].detail is not None
    assert ranked[0].detail > 5 * ranked[1].detail


def test_segment_contributions_explain_a_performance_drop() -> None:
    n = 2000
    seg_ref = _cat(list(RNG.choice(["web", "app"], n)))
    seg_cur = _cat(list(RNG.choice(["web", "app"], n)))
    truth_ref = RNG.integers(0, 2, n)
    truth_cur = RNG.integers(0, 2, n)
    pred_ref = truth_ref.copy()
    pred_cur = truth_cur.copy()
    app = seg_cur.codes == seg_cur.categories.index("app")
    pred_cur[app] = 1 - pred_cur[app]  # the app's predictions all went wrong
    ranked = rank_segments_by_metric(
        accuracy, (truth_ref, pred_ref, seg_ref), (truth_cur, pred_cur, seg_cur), "channel"
    )
    assert ranked[0].value == "app"
    assert ranked[0].detail == 0.0
    overall = accuracy(truth_cur, pred_cur) - accuracy(truth_ref, pred_ref)
    assert sum(c.contribution for c in ranked) == pytest.approx(overall)


def test_permutation_importance_finds_the_used_feature() -> None:
    n = 2000
    used = RNG.normal(0, 1, n)
    features: dict[str, NDArray[np.generic]] = {"used": used, "ignored": RNG.normal(0, 1, n)}
    truth = (used > 0).astype(int)

    def model(x: dict[str, NDArray[np.generic]]) -> NDArray[np.generic]:
        return (np.asarray(x["used"], dtype=float) > 0).astype(int)

    result = permutation_importance(model, features, truth, accuracy, repeats=5, seed=1)  # type: ignore[arg-type]
    assert [i.column for i in result] == ["used", "ignored"]
    assert result[0].mean == pytest.approx(0.5, abs=0.05)
    assert result[1].mean == 0.0
    assert result[1].std == 0.0
