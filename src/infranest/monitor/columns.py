"""In-memory columns: numeric as float64 with NaN for missing, categorical as integer codes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from infranest.monitor.stats.binning import FloatArray, IntArray


@dataclass(frozen=True, eq=False)
class NumericColumn:
    values: FloatArray

    def present(self) -> FloatArray:
        """The finite values (NaN and ±inf are left out of statistics)."""
        missing = ~np.isfinite(self.values)
        if not missing.any():
            return self.values
        out: FloatArray = self.values[~missing]
        return out

    def __len__(self) -> int:
        return int(self.values.size)


@dataclass(frozen=True, eq=False)
class CategoricalColumn:
    """``codes[i]`` indexes ``categories``; -1 marks a missing value."""

    codes: IntArray
    categories: tuple[str, ...]

    def counts(self) -> IntArray:
        # Shift by one so that missing (-1) lands in bin 0, then drop it.
        counts = np.bincount(self.codes + 1, minlength=len(self.categories) + 1)
        out: IntArray = counts[1:].astype(np.int64)
        return out

    def __len__(self) -> int:
        return int(self.codes.size)


Column = NumericColumn | CategoricalColumn
Table = Mapping[str, Column]


def aligned_counts(
    reference: CategoricalColumn, current: CategoricalColumn
) -> tuple[IntArray, IntArray, tuple[str, ...]]:
    """Counts of both columns over the union of their categories (reference's order first)."""
    labels = list(reference.categories)
    index = {c: i for i, c in enumerate(labels)}
    for c in current.categories:
        if c not in index:
            index[c] = len(labels)
            labels.append(c)
    ref = np.zeros(len(labels), dtype=np.int64)
    ref[: len(reference.categories)] = reference.counts()
    mapping = np.array([index[c] for c in current.categories], dtype=np.int64)
    cur = np.zeros(len(labels), dtype=np.int64)
    cur[mapping] = current.counts()
    return ref, cur, tuple(labels)
