"""The database schema as the Kysely migration creates it (tables in creation order)."""

from __future__ import annotations

from dataclasses import dataclass

from infranest.generate.tables import ON_DELETE_SQL, constraint_name, tables
from infranest.spec.builtins import USER
from infranest.spec.exporters.api_types import (
    DEFAULT_STRING_LENGTH,
    EMAIL_MAX_LENGTH,
    URL_MAX_LENGTH,
)
from infranest.spec.model import FieldDef, Spec

_SIMPLE = {
    "text": "t.text",
    "int": "t.int",
    "bigint": "t.bigint",
    "float": "t.float",
    "bool": "t.bool",
    "date": "t.date",
    "datetime": "t.datetime",
    "time": "t.time",
    "uuid": "t.uuid",
    "json": "t.json",
}
_EXTRA = {
    "hashed_password": ("t.string(255)", False),
    "role": ("t.string(64)", True),
    "is_active": ("t.bool", False),
    "created_at": ("t.datetime", False),
    "updated_at": ("t.datetime", False),
    "deleted_at": ("t.datetime", True),
    "version": ("t.int", False),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool
    references: str | None = None
    on_delete: str | None = None


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    uniques: tuple[tuple[str, tuple[str, ...]], ...]
    indexes: tuple[tuple[str, tuple[str, ...]], ...]
    primary: tuple[str, ...] = ()
    pk_name: str = ""


def column_type(spec: Spec, f: FieldDef) -> str:
    """The ``t.<kind>`` expression (see ``src/db/types.ts``) of a scalar field's column."""
    kind = f.type
    if kind == "string":
        return f"t.string({f.length or DEFAULT_STRING_LENGTH})"
    if kind == "email":
        return f"t.string({EMAIL_MAX_LENGTH})"
    if kind in ("url", "file"):
        return f"t.string({URL_MAX_LENGTH})"
    if kind == "decimal":
        if f.precision is None:
            return "t.decimal()"
        return f"t.decimal({f.precision}, {f.scale or 0})"
    if kind == "enum":
        enum_def = spec.enum_def(f.enum or "")
        values = [v.name for v in enum_def.values] if enum_def else []
        return f"t.string({max((len(v) for v in values), default=1)})"
    return _SIMPLE[kind]


def schema(spec: Spec) -> tuple[Table, ...]:
    """Entity tables (referenced tables first), then many-to-many association tables."""
    entity_tables, associations = tables(spec)
    found: list[Table] = []
    for table in entity_tables:
        columns = []
        for col in table.columns:
            f = col.field
            if f is not None and f.is_relation:
                target = col.fk.split(".")[0] if col.fk else ""
                on_delete = ON_DELETE_SQL.get(f.on_delete or "", "").lower() or None
                columns.append(Column(col.name, "t.ref", col.nullable, target, on_delete))
            elif f is not None:
                columns.append(Column(col.name, column_type(spec, f), col.nullable))
            else:
                kind, nullable = _EXTRA[col.name]
                columns.append(Column(col.name, kind, nullable))
        if table.entity == USER and not any(c.name == "email" for c in columns):
            columns.insert(0, Column("email", f"t.string({EMAIL_MAX_LENGTH})", False))
        found.append(
            Table(
                table.name,
                tuple(columns),
                tuple((u.name, u.columns) for u in table.uniques),
                tuple((i.name, i.columns) for i in table.indexes),
            )
        )
    for assoc in associations:
        found.append(
            Table(
                assoc.name,
                (
                    Column(assoc.left, "t.ref", False, assoc.left_table, "cascade"),
                    Column(assoc.right, "t.ref", False, assoc.right_table, "cascade"),
                ),
                (),
                (
                    (
                        constraint_name(f"ix_{assoc.name}_{assoc.right}"),
                        (assoc.right,),
                    ),
                ),
                primary=(assoc.left, assoc.right),
                pk_name=assoc.pk_name,
            )
        )
    return tuple(found)
