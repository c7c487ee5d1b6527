"""Dataset drift on tiny tables: per-column choice, BH, drift share."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from scipy.stats import false_discovery_control, ks_2samp  # type: ignore[import-untyped]

from infranest.monitor.analysis import DriftOptions, compare
from infranest.monitor.columns import CategoricalColumn, Column, NumericColumn, aligned_counts
from infranest.monitor.stats.drift import Method


def num(*values: float) -> NumericColumn:
    return NumericColumn(np.array(values, dtype=np.float64))


def cat(labels: Sequence[str | None]) -> CategoricalColumn:
    cats = tuple(dict.fromkeys(x for x in labels if x is not None))
    codes = [-1 if x is None else cats.index(x) for x in labels]
    return CategoricalColumn(np.array(codes, dtype=np.int64), cats)


def test_aligned_counts_union_of_categories() -> None:
    ref, cur = cat(["a", "b", "a", None]), cat(["c", "a", "c"])
    r, c, labels = aligned_counts(ref, cur)
    assert labels == ("a", "b", "c")
    assert r.tolist() == [2, 1, 0]
    assert c.tolist() == [1, 0, 2]


def test_compare_applies_bh_and_share() -> None:
    rng = np.random.default_rng(3)
    base = rng.normal(size=200)
    ref: dict[str, Column] = {
        "x": NumericColumn(base),
        "y": NumericColumn(rng.normal(size=200)),
        "c": cat(["a"] * 100 + ["b"] * 100),
    }
    cur: dict[str, Column] = {
        "x": NumericColumn(rng.normal(loc=1.0, size=200)),
        "y": NumericColumn(rng.normal(size=200)),
        "c": cat(["a"] * 100 + ["b"] * 100),
    }
    report = compare(ref, cur)
    by = {c.column: c for c in report.columns}
    assert by["x"].method is Method.ks
    assert by["c"].method is Method.z
    assert by["c"].kind == "binary"
    ps = np.array([by[n].p_value for n in ("x", "y", "c")])
    adjusted = false_discovery_control(ps)
    assert [by[n].adjusted_p_value for n in ("x", "y", "c")] == adjusted.tolist()
    x_cur = cur["x"]
    assert isinstance(x_cur, NumericColumn)
    assert by["x"].p_value == pytest.approx(ks_2samp(base, x_cur.values).pvalue, rel=1e-12)
    assert report.drifted_columns == ("x",)
    assert report.drifted_share == pytest.approx(1 / 3)
    assert not report.drifted
    assert compare(ref, cur, options=DriftOptions(share_threshold=0.3)).drifted


def test_missing_values_are_dropped_and_empty_side_skipped() -> None:
    ref: dict[str, Column] = {"x": num(1, 2, np.nan, 4), "e": num(np.nan, np.nan)}
    cur: dict[str, Column] = {"x": num(1, 2, 3), "e": num(1, 2)}
    report = compare(ref, cur)
    by = {c.column: c for c in report.columns}
    assert by["x"].n_reference == 3
    assert by["e"].skipped == "no values in the reference sample"
    assert not by["e"].drifted
    assert report.to_json()["columns"][1]["method"] is None


def test_method_override_and_kind_mismatch() -> None:
    ref, cur = {"x": num(*range(10))}, {"x": num(*range(5, 15))}
    report = compare(ref, cur, options=DriftOptions(numeric_method=Method.psi))
    assert report.columns[0].method is Method.psi
    assert report.columns[0].p_value is None
    with pytest.raises(ValueError, match="numeric"):
        DriftOptions(numeric_method=Method.chi2)
    with pytest.raises(TypeError, match="numeric on one side"):
        compare({"x": num(1, 2)}, {"x": cat(["a", "b"])})


def test_large_columns_use_distances() -> None:
    rng = np.random.default_rng(1)
    ref: dict[str, Column] = {
        "x": NumericColumn(rng.normal(size=5000)),
        "c": cat(list("abc") * 2000),
    }
    cur: dict[str, Column] = {
        "x": NumericColumn(rng.normal(0.5, size=5000)),
        "c": cat(list("abc") * 2000),
    }
    by = {c.column: c for c in compare(ref, cur).columns}
    assert by["x"].method is Method.wasserstein
    assert by["x"].drifted
    assert by["c"].method is Method.js
    assert by["c"].statistic == 0.0
    assert not by["c"].drifted


def test_infinite_values_are_left_out() -> None:
    ref: dict[str, Column] = {"x": num(1, 2, 3, np.inf)}
    cur: dict[str, Column] = {"x": num(1, 2, 3, -np.inf)}
    column = compare(ref, cur).columns[0]
    assert column.n_reference == 3
    assert column.statistic == 0.0
