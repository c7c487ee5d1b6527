"""What a monitored model declares: its columns (features, prediction, score, label,
segment tags) and their kinds. Every event carries ``event_id`` and ``timestamp`` besides.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

ColumnKind = Literal["numeric", "categorical", "boolean"]
ColumnRole = Literal["feature", "prediction", "score", "label", "segment"]
RESERVED = frozenset({"event_id", "timestamp", "model", "version", "label_timestamp"})
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")
# Roles a model may declare at most once.
_SINGLE_ROLES: tuple[ColumnRole, ...] = ("prediction", "score", "label")


class ColumnSpec(BaseModel):
    """One column. ``minimum``/``maximum`` bound numeric values (data quality, not
    rejection); ``categories`` lists the known values of a categorical column."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    kind: ColumnKind = "numeric"
    role: ColumnRole = "feature"
    nullable: bool = True
    minimum: float | None = None
    maximum: float | None = None
    categories: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> ColumnSpec:
        if not _NAME.match(self.name):
            raise ValueError(
                f"column name {self.name!r} must be an identifier (letters, digits, _; "
                "at most 63 characters, not starting with a digit)"
            )
        if self.name in RESERVED:
            raise ValueError(
                f"column name {self.name!r} is reserved ({', '.join(sorted(RESERVED))})"
            )
        if self.kind != "numeric" and (self.minimum is not None or self.maximum is not None):
            raise ValueError(f"column {self.name!r}: minimum/maximum need kind numeric")
        if self.categories and self.kind != "categorical":
            raise ValueError(f"column {self.name!r}: categories need kind categorical")
        return self


class ModelSchema(BaseModel):
    """A model version and its columns (names unique; one prediction, score, label)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str
    version: str = "1"
    columns: tuple[ColumnSpec, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> ModelSchema:
        for label, value in (("model", self.model), ("version", self.version)):
            if not re.match(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$", value):
                raise ValueError(
                    f"{label} {value!r} must be 1-63 letters, digits, '.', '_' or '-', "
                    "starting with a letter or digit"
                )
        seen: set[str] = set()
        for column in self.columns:
            if column.name in seen:
                raise ValueError(f"column {column.name!r} is declared twice")
            seen.add(column.name)
        for role in _SINGLE_ROLES:
            named = [c.name for c in self.columns if c.role == role]
            if len(named) > 1:
                raise ValueError(f"only one {role} column is allowed, got {', '.join(named)}")
        return self

    def column(self, name: str) -> ColumnSpec | None:
        return next((c for c in self.columns if c.name == name), None)

    def role(self, role: ColumnRole) -> tuple[ColumnSpec, ...]:
        return tuple(c for c in self.columns if c.role == role)

    @property
    def event_columns(self) -> tuple[ColumnSpec, ...]:
        """Every column an event carries (the label arrives later, by event id)."""
        return tuple(c for c in self.columns if c.role != "label")

    @property
    def key(self) -> str:
        return f"{self.model}@{self.version}"
