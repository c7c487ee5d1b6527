"""What a SQL script declares, read from sqlglot's trees into plain records.

The catalog follows the script in order (``ALTER TABLE`` after ``CREATE TABLE``,
``DROP`` removes), so it holds the schema as it stands at the end of the script.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlglot import exp

from infranest.spec.importers.sql_source import Dialect


@dataclass
class Column:
    name: str
    dtype: exp.DataType | None
    at: int | None
    not_null: bool = False
    primary: bool = False
    unique: bool = False
    auto: bool = False
    computed: bool = False
    sequence: str | None = None
    default: exp.Expression | None = None
    checks: list[exp.Expression] = field(default_factory=list)


@dataclass
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    ref_columns: tuple[str, ...]
    on_delete: str | None
    at: int | None


@dataclass
class IndexDef:
    """An index or key; ``search`` marks a full-text index (its columns become ``search``)."""

    columns: tuple[str, ...]
    unique: bool
    at: int | None
    name: str | None = None
    search: bool = False


@dataclass
class Table:
    name: str
    at: int
    columns: list[Column] = field(default_factory=list)
    primary_key: tuple[str, ...] = ()
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    indexes: list[IndexDef] = field(default_factory=list)
    description: str | None = None

    def column(self, name: str) -> Column | None:
        key = name.lower()
        return next((c for c in self.columns if c.name.lower() == key), None)


@dataclass
class EnumType:
    name: str
    values: tuple[str, ...]
    at: int
    description: str | None = None


@dataclass
class Catalog:
    dialect: Dialect
    tables: dict[str, Table] = field(default_factory=dict)
    enums: dict[str, EnumType] = field(default_factory=dict)
    domains: dict[str, Column] = field(default_factory=dict)
    sequences: dict[str, tuple[str, int]] = field(default_factory=dict)
    data_statements: int = 0
    first_data_at: int | None = None
    syntax_errors: list[tuple[str, int]] = field(default_factory=list)

    def table(self, name: str) -> Table | None:
        return self.tables.get(name.lower())
