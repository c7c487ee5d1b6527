"""The drift benchmarks' data: 10 numeric + 5 categorical columns, drifts injected in known
columns of the current table. Shared by ``run.py`` (ours alone) and ``peers/run.py``."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from infranest.monitor.columns import CategoricalColumn, Column, NumericColumn

#: column -> what was injected into the current table (all other columns are unchanged).
INJECTED = {
    "num_0": "mean +0.5 std",
    "num_1": "std x1.5",
    "num_2": "mean +0.02 std (tiny)",
    "num_3": "10% missing (no shape change)",
    "cat_0": "one share 0.25 -> 0.45",
    "cat_1": "new category at 20%",
}
#: injected drifts a detector should flag (the tiny shift and the missing values should not).
SHOULD_FLAG = frozenset({"num_0", "num_1", "cat_0", "cat_1"})
CATEGORIES = tuple(f"k{i}" for i in range(8))
NUMERIC = tuple(f"num_{i}" for i in range(10))
CATEGORICAL = tuple(f"cat_{i}" for i in range(5))


def _numeric(rng: np.random.Generator, n: int, i: int, current: bool) -> NumericColumn:
    if i % 2:
        x = rng.lognormal(mean=0.0, sigma=0.5, size=n)
    else:
        x = rng.normal(loc=10.0 * i, scale=1.0 + i, size=n)
    if current:
        std = 1.0 + i if i % 2 == 0 else float(np.std(x))
        if i == 0:
            x = x + 0.5 * std
        elif i == 1:
            x = x.mean() + (x - x.mean()) * 1.5
        elif i == 2:
            x = x + 0.02 * std
        elif i == 3:
            x[rng.random(n) < 0.1] = np.nan
    return NumericColumn(x)


def _categorical(rng: np.random.Generator, n: int, i: int, current: bool) -> CategoricalColumn:
    p = np.array([0.25, 0.2, 0.15, 0.12, 0.1, 0.08, 0.06, 0.04])
    cats = CATEGORIES
    if current and i == 0:
        p = np.array([0.45, 0.2, 0.1, 0.08, 0.07, 0.05, 0.03, 0.02])
    if current and i == 1:
        p = np.append(p * 0.8, 0.2)
        cats = (*CATEGORIES, "brand_new")
    codes = rng.choice(len(p), size=n, p=p / p.sum()).astype(np.int64)
    return CategoricalColumn(codes, cats)


def make_tables(n: int, seed: int = 0) -> tuple[dict[str, Column], dict[str, Column]]:
    """Reference and current tables of ``n`` rows each."""
    rng = np.random.default_rng(seed)
    tables: list[dict[str, Column]] = []
    for current in (False, True):
        t: dict[str, Column] = {f"num_{i}": _numeric(rng, n, i, current) for i in range(10)}
        t.update({f"cat_{i}": _categorical(rng, n, i, current) for i in range(5)})
        tables.append(t)
    return tables[0], tables[1]


def write_parquet(table: dict[str, Column], path: Path) -> None:
    """``table`` as a Parquet file: float64 numeric columns (NaN as null), dictionary-encoded
    string categorical columns."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    arrays = {}
    for name, col in table.items():
        if isinstance(col, NumericColumn):
            arrays[name] = pa.array(col.values, from_pandas=True)
        else:
            labels = pa.array(col.categories, type=pa.string())
            arrays[name] = pa.DictionaryArray.from_arrays(pa.array(col.codes), labels)
    pq.write_table(pa.table(arrays), path)
