"""Data quality per column: missing, out of range, new categories, type errors; duplicate rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np

from infranest.monitor.columns import CategoricalColumn, Column, NumericColumn

DeclaredType = Literal["int", "float", "bool", "date", "datetime"]
_TRUE_FALSE = frozenset({"true", "false", "1", "0", "yes", "no", "t", "f"})


@dataclass(frozen=True)
class ColumnQuality:
    """Shares are of the current column's rows (missing, type errors) or of its present values
    (out of range, new categories); None where the check does not apply."""

    column: str
    rows: int
    missing_share: float
    out_of_range_share: float | None = None
    new_category_share: float | None = None
    type_error_share: float | None = None


def _parse_int(text: str) -> object:
    return int(text)


def _parse_bool(text: str) -> object:
    if text.strip().lower() not in _TRUE_FALSE:
        raise ValueError(text)
    return True


PARSERS: dict[DeclaredType, Callable[[str], object]] = {
    "int": _parse_int,
    "float": float,
    "bool": _parse_bool,
    "date": dt.date.fromisoformat,
    "datetime": dt.datetime.fromisoformat,
}


def type_error_share(column: CategoricalColumn, declared: DeclaredType) -> float:
    """Share of rows holding a value that does not parse as ``declared`` (missing rows are not
    errors). Each distinct value is parsed once."""
    parse = PARSERS[declared]
    bad = np.zeros(len(column.categories), dtype=bool)
    for i, text in enumerate(column.categories):
        try:
            parse(text)
        except ValueError:
            bad[i] = True
    n = len(column)
    return float(column.counts()[bad].sum()) / n if n else 0.0


def _missing_share(column: Column) -> float:
    n = len(column)
    if n == 0:
        return 0.0
    if isinstance(column, NumericColumn):
        return float(np.isnan(column.values).sum()) / n
    return float((column.codes < 0).sum()) / n


def column_quality(
    name: str,
    reference: Column,
    current: Column,
    bounds: tuple[float | None, float | None] | None = None,
    declared: DeclaredType | None = None,
) -> ColumnQuality:
    """Quality of ``current``. Numeric: out of range is below the lower or above the upper of
    ``bounds`` when declared, else of the reference's [min, max]. Categorical: new categories
    are those never seen in the reference; ``declared`` counts values not parseable as it."""
    missing = _missing_share(current)
    if isinstance(current, NumericColumn):
        values = current.present()
        lo, hi = bounds if bounds is not None else (None, None)
        if isinstance(reference, NumericColumn) and reference.present().size:
            ref = reference.present()
            lo = float(ref.min()) if lo is None else lo
            hi = float(ref.max()) if hi is None else hi
        outside = np.zeros(values.size, dtype=bool)
        if lo is not None:
            outside |= values < lo
        if hi is not None:
            outside |= values > hi
        share = float(outside.sum()) / values.size if values.size else 0.0
        return ColumnQuality(name, len(current), missing, out_of_range_share=share)
    seen: frozenset[str] = frozenset()
    if isinstance(reference, CategoricalColumn):
        counts = reference.counts()
        seen = frozenset(c for c, k in zip(reference.categories, counts, strict=True) if k > 0)
    cur_counts = current.counts()
    new = np.array([c not in seen for c in current.categories], dtype=bool)
    present = int(cur_counts.sum())
    new_share = float(cur_counts[new].sum()) / present if present else 0.0
    errors = type_error_share(current, declared) if declared is not None else None
    return ColumnQuality(name, len(current), missing, None, new_share, errors)


def duplicate_rows(table: Mapping[str, Column]) -> int:
    """Rows equal (in every column, missing equal to missing) to an earlier row."""
    if not table:
        return 0
    parts = []
    for col in table.values():
        if isinstance(col, NumericColumn):
            v = np.where(np.isnan(col.values), np.nan, col.values)  # one NaN bit pattern
            parts.append(np.ascontiguousarray(v).view(np.int64))
        else:
            parts.append(col.codes)
    rows = np.column_stack(parts)
    return int(rows.shape[0] - np.unique(rows, axis=0).shape[0])
