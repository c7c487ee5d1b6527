"""Typed drift results and their JSON form."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from infranest.monitor.stats.drift import Method

Kind = Literal["numeric", "categorical", "binary"]


@dataclass(frozen=True)
class ColumnDrift:
    """One column's test. ``adjusted_p_value`` is the Benjamini–Hochberg value (p-value tests);
    ``skipped`` says why no test ran (then ``method`` is None and ``drifted`` False)."""

    column: str
    kind: Kind
    method: Method | None
    statistic: float | None
    p_value: float | None
    adjusted_p_value: float | None
    threshold: float | None
    drifted: bool
    n_reference: int
    n_current: int
    skipped: str | None = None


@dataclass(frozen=True)
class DatasetDrift:
    columns: tuple[ColumnDrift, ...]
    drifted_share: float
    share_threshold: float
    q: float
    drifted: bool

    @property
    def drifted_columns(self) -> tuple[str, ...]:
        return tuple(c.column for c in self.columns if c.drifted)

    def to_json(self) -> dict[str, Any]:
        return {
            "drifted": self.drifted,
            "drifted_share": self.drifted_share,
            "share_threshold": self.share_threshold,
            "q": self.q,
            "drifted_columns": list(self.drifted_columns),
            "columns": [
                {**asdict(c), "method": None if c.method is None else str(c.method)}
                for c in self.columns
            ],
        }
