"""Mergeable summaries: merging window summaries equals summarising the whole range within
the documented error, sketch KS stays within 2ε of the exact statistic, categorical counts are
exact below the map size, and summaries survive a JSON round trip."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pytest
from scipy import stats  # type: ignore[import-untyped]

from infranest.monitor.schema import ColumnSpec, ModelSchema
from infranest.monitor.sketches import (
    CategoricalSketch,
    NumericSketch,
    Summary,
    drift,
    merge_all,
    summarize,
)

SCHEMA = ModelSchema(
    model="m",
    columns=(ColumnSpec(name="x"), ColumnSpec(name="plan", kind="categorical")),
)
T0 = datetime(2026, 1, 1, tzinfo=UTC)
RNG = np.random.default_rng(3)


def _frame(x: np.ndarray, plan: list[str | None]) -> pa.Table:
    return pa.table({"x": pa.array(x, pa.float64()), "plan": pa.array(plan, pa.string())})


def _windows(
    count: int, size: int, shift: float = 0.0
) -> tuple[list[Summary], np.ndarray, list[str | None]]:
    summaries, xs, plans = [], [], []
    for w in range(count):
        x = RNG.normal(shift, 1, size)
        plan: list[str | None] = list(RNG.choice(["free", "pro", "team"], size, p=[0.6, 0.3, 0.1]))
        plan[0] = None
        start = T0 + timedelta(hours=w)
        summaries.append(summarize(SCHEMA, _frame(x, plan), start, start + timedelta(hours=1)))
        xs.append(x)
        plans += plan
    return summaries, np.concatenate(xs), plans


def test_a_merge_of_windows_summarises_the_whole_range() -> None:
    summaries, x, plans = _windows(12, 5000)
    merged = merge_all(summaries)
    assert (merged.rows, merged.start, merged.end) == (60_000, T0, T0 + timedelta(hours=12))
    numeric = merged.columns["x"]
    assert isinstance(numeric, NumericSketch)
    eps = numeric.kll.normalized_rank_error(False)
    for q in (0.01, 0.1, 0.5, 0.9, 0.99):
        value = numeric.kll.get_quantile(q)
        assert abs(float(np.mean(x <= value)) - q) <= eps
    categorical = merged.columns["plan"]
    assert isinstance(categorical, CategoricalSketch)
    exact = {p: plans.count(p) for p in ("free", "pro", "team")}
    assert categorical.counts() == exact
    assert categorical.max_error == 0.0
    assert categorical.missing == 12
    assert summaries[0].rows == 5000  # merging copied, the inputs are unchanged


def test_sketch_ks_is_within_twice_the_rank_error_of_the_exact_statistic() -> None:
    ref_windows, ref_x, _ = _windows(6, 4000)
    cur_windows, cur_x, _ = _windows(6, 4000, shift=0.08)
    results = {r.column: r for r in drift(merge_all(ref_windows), merge_all(cur_windows))}
    exact = stats.ks_2samp(ref_x, cur_x).statistic
    assert abs(results["x"].statistic - exact) <= results["x"].error_bound
    assert results["x"].drifted
    assert results["plan"].method == "chi2"
    assert not results["plan"].drifted  # the same mix on both sides
    assert results["plan"].error_bound == 0.0


def test_summaries_round_trip_through_json() -> None:
    summaries, _, _ = _windows(2, 1000)
    again = Summary.from_json(summaries[0].to_json())
    assert again.rows == summaries[0].rows
    assert again.start == summaries[0].start
    x_before, x_after = summaries[0].columns["x"], again.columns["x"]
    assert isinstance(x_before, NumericSketch)
    assert isinstance(x_after, NumericSketch)
    assert x_after.kll.get_quantile(0.5) == x_before.kll.get_quantile(0.5)
    other = Summary("other", "1", T0, T0, 0, {})
    with pytest.raises(ValueError, match="different model versions"):
        again.merge(other)


def test_many_categories_report_their_error_bound() -> None:
    sketch = CategoricalSketch()
    values = [f"v{i}" for i in range(10_000)] + ["hot"] * 50_000
    sketch.update(pa.chunked_array([pa.array(values)]))
    assert sketch.max_error > 0  # beyond the map size: estimates, with a bound
    assert abs(sketch.counts()["hot"] - 50_000) <= sketch.max_error
