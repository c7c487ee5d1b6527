"""Dataset drift: one test per column, Benjamini–Hochberg across p-value tests, drift share."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from infranest.monitor.columns import (
    CategoricalColumn,
    Column,
    NumericColumn,
    Table,
    aligned_counts,
)
from infranest.monitor.report import ColumnDrift, DatasetDrift, Kind
from infranest.monitor.stats import drift as d
from infranest.monitor.stats.binning import DEFAULT_BINS, FloatArray, IntArray
from infranest.monitor.stats.choose import choose_categorical, choose_numeric
from infranest.monitor.stats.multiple import DEFAULT_Q, bh_adjust

NUMERIC_METHODS = frozenset({d.Method.ks, d.Method.wasserstein, d.Method.psi, d.Method.js})
CATEGORICAL_METHODS = frozenset({d.Method.chi2, d.Method.z, d.Method.psi, d.Method.js})


@dataclass(frozen=True)
class DriftOptions:
    """``numeric_method``/``categorical_method`` None means the automatic choice. p-value tests
    are drifted when their BH-adjusted p-value is ≤ q (raw p < q when ``fdr`` is False)."""

    numeric_method: d.Method | None = None
    categorical_method: d.Method | None = None
    q: float = DEFAULT_Q
    fdr: bool = True
    distance_threshold: float = d.DEFAULT_DISTANCE_THRESHOLD
    bins: int = DEFAULT_BINS
    share_threshold: float = 0.5

    def __post_init__(self) -> None:
        if self.numeric_method is not None and self.numeric_method not in NUMERIC_METHODS:
            raise ValueError(f"{self.numeric_method} does not apply to numeric columns")
        if self.categorical_method is not None and (
            self.categorical_method not in CATEGORICAL_METHODS
        ):
            raise ValueError(f"{self.categorical_method} does not apply to categorical columns")


def _numeric(ref: FloatArray, cur: FloatArray, o: DriftOptions) -> d.DriftResult:
    method = o.numeric_method or choose_numeric(ref.size)
    if method is d.Method.ks:
        return d.ks(ref, cur, o.q)
    if method is d.Method.wasserstein:
        return d.wasserstein_normed(ref, cur, o.distance_threshold)
    rc, cc = d.numeric_binned_counts(ref, cur, o.bins)
    if method is d.Method.psi:
        return d.psi_counts(rc, cc, o.distance_threshold)
    return d.js_counts(rc, cc, o.distance_threshold)


def _categorical(ref: IntArray, cur: IntArray, o: DriftOptions) -> d.DriftResult:
    method = o.categorical_method or choose_categorical(ref, cur)
    if method is d.Method.z:
        present = (ref + cur) > 0
        if int(present.sum()) != 2:
            return d.chi2_counts(ref, cur, o.q)
        return d.z_proportions(ref[present], cur[present], o.q)
    if method is d.Method.chi2:
        return d.chi2_counts(ref, cur, o.q)
    if method is d.Method.psi:
        return d.psi_counts(ref, cur, o.distance_threshold)
    return d.js_counts(ref, cur, o.distance_threshold)


def column_drift(name: str, ref: Column, cur: Column, o: DriftOptions) -> ColumnDrift:
    """The column's test before multiple-testing control."""
    kind: Kind
    if isinstance(ref, NumericColumn) and isinstance(cur, NumericColumn):
        kind = "numeric"
        rv, cv = ref.present(), cur.present()
        n_ref, n_cur = rv.size, cv.size
        run = (lambda: _numeric(rv, cv, o)) if n_ref and n_cur else None
    elif isinstance(ref, CategoricalColumn) and isinstance(cur, CategoricalColumn):
        rc, cc, _ = aligned_counts(ref, cur)
        kind = "binary" if int(((rc + cc) > 0).sum()) == 2 else "categorical"
        n_ref, n_cur = int(rc.sum()), int(cc.sum())
        run = (lambda: _categorical(rc, cc, o)) if n_ref and n_cur else None
    else:
        raise TypeError(f"column {name!r} is numeric on one side and categorical on the other")
    if run is None:
        side = "reference" if n_ref == 0 else "current"
        return ColumnDrift(
            name,
            kind,
            None,
            None,
            None,
            None,
            None,
            False,
            n_ref,
            n_cur,
            skipped=f"no values in the {side} sample",
        )
    r = run()
    return ColumnDrift(
        name, kind, r.method, r.statistic, r.p_value, None, r.threshold, r.drifted, n_ref, n_cur
    )


def _with_fdr(results: list[ColumnDrift], o: DriftOptions) -> list[ColumnDrift]:
    tested = [i for i, c in enumerate(results) if c.p_value is not None]
    if not tested:
        return results
    ps = np.array([results[i].p_value for i in tested], dtype=np.float64)
    adjusted = bh_adjust(ps) if o.fdr else ps
    out = list(results)
    for i, adj in zip(tested, adjusted, strict=True):
        c = results[i]
        drifted = bool(adj <= o.q) if o.fdr else bool(adj < o.q)
        out[i] = ColumnDrift(
            c.column,
            c.kind,
            c.method,
            c.statistic,
            c.p_value,
            float(adj) if o.fdr else None,
            o.q,
            drifted,
            c.n_reference,
            c.n_current,
        )
    return out


def compare(
    reference: Table,
    current: Table,
    columns: Sequence[str] | None = None,
    options: DriftOptions | None = None,
    workers: int = 1,
) -> DatasetDrift:
    """Drift of every shared column (or of ``columns``) from reference to current. With
    ``workers`` > 1 columns are tested in that many threads (NumPy releases the GIL in its
    array loops); results do not depend on it."""
    o = options or DriftOptions()
    names = list(columns) if columns is not None else [n for n in reference if n in current]
    for n in names:
        for side, table in (("reference", reference), ("current", current)):
            if n not in table:
                raise KeyError(f"column {n!r} is not in the {side} table")
    if workers > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            raw = list(pool.map(lambda n: column_drift(n, reference[n], current[n], o), names))
    else:
        raw = [column_drift(n, reference[n], current[n], o) for n in names]
    results = _with_fdr(raw, o)
    tested = [c for c in results if c.skipped is None]
    share = sum(c.drifted for c in tested) / len(tested) if tested else 0.0
    return DatasetDrift(
        tuple(results), share, o.share_threshold, o.q, bool(tested) and share >= o.share_threshold
    )
