"""The persistence side of the Fiber target: GORM model structs derived from the spec.

Table, column, constraint and association-table names are the shared layout's
(:func:`infranest.generate.tables.tables`), so every target stores a spec the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from infranest.generate.tables import ON_DELETE_SQL, AssociationTable, Table, tables
from infranest.spec.exporters.api_types import (
    DEFAULT_STRING_LENGTH,
    EMAIL_MAX_LENGTH,
    URL_MAX_LENGTH,
)
from infranest.spec.model import FieldDef, Spec
from infranest.spec.names import to_pascal


@dataclass(frozen=True)
class GoField:
    """One field of a model struct: its Go name, type and ``gorm`` tag."""

    name: str
    type: str
    tag: str


@dataclass(frozen=True)
class GoModel:
    name: str
    table: str
    comment: str
    fields: tuple[GoField, ...]

    @property
    def uses_time(self) -> bool:
        return any("time.Time" in f.type for f in self.fields)


def go_name(snake: str) -> str:
    """An exported Go identifier: ``category_id`` → ``CategoryID``."""
    name = to_pascal(snake)
    if name.endswith("Id"):
        name = name[:-2] + "ID"
    if name in ("Id", ""):
        name = "ID"
    if not name[:1].isalpha():
        name = "F" + name
    return name


def scalar_type(spec: Spec, f: FieldDef) -> tuple[str, list[str]]:
    """The Go type (not nullable) and the ``gorm`` type settings of a scalar field."""
    kind = f.type
    if kind == "string":
        return "string", [f"size:{f.length or DEFAULT_STRING_LENGTH}"]
    if kind == "email":
        return "string", [f"size:{EMAIL_MAX_LENGTH}"]
    if kind in ("url", "file"):
        return "string", [f"size:{URL_MAX_LENGTH}"]
    if kind in ("text", "json"):
        return "string", ["type:text"]
    if kind == "int":
        return "int32", []
    if kind == "bigint":
        return "int64", []
    if kind == "decimal":
        if f.precision is not None:
            return "string", [f"type:numeric({f.precision},{f.scale or 0})"]
        return "string", ["type:numeric"]
    if kind == "float":
        return "float64", []
    if kind == "bool":
        return "bool", []
    if kind == "date":
        return "string", ["type:date"]
    if kind == "datetime":
        return "time.Time", []
    if kind == "time":
        return "string", ["type:time"]
    if kind == "uuid":
        return "string", ["size:36"]
    if kind == "enum":
        enum = spec.enum_def(f.enum or "")
        width = max((len(v.name) for v in enum.values), default=1) if enum else 64
        return "string", [f"size:{width}"]
    return "string", ["type:text"]


def _index_tags(table: Table, column: str) -> list[str]:
    tags: list[str] = []
    for group, word in ((table.uniques, "uniqueIndex"), (table.indexes, "index")):
        for constraint in group:
            if column in constraint.columns:
                priority = constraint.columns.index(column) + 1
                tags.append(f"{word}:{constraint.name},priority:{priority}")
    return tags


def _field(spec: Spec, table: Table, f: FieldDef) -> list[GoField]:
    nullable = f.optional or (f.default is not None and f.default.kind == "null")
    if f.is_relation:
        column = f"{f.name}_id"
        go_type = "*int64" if nullable else "int64"
        settings = [f"column:{column}", *([] if nullable else ["not null"])]
        settings += _index_tags(table, column)
        target = go_name(f.target or "")
        fk = go_name(column)
        constraint = f"constraint:OnDelete:{ON_DELETE_SQL.get(f.on_delete or '', 'NO ACTION')}"
        return [
            GoField(fk, go_type, ";".join(settings)),
            GoField(
                go_name(f.name) + "Ref",
                f"*{target}",
                f"foreignKey:{fk};references:ID;{constraint}",
            ),
        ]
    base, settings = scalar_type(spec, f)
    go_type = f"*{base}" if nullable else base
    tags = [f"column:{f.name}", *settings, *([] if nullable else ["not null"])]
    tags += _index_tags(table, f.name)
    return [GoField(go_name(f.name), go_type, ";".join(tags))]


def _extra(table: Table) -> list[GoField]:
    found: list[GoField] = []
    if table.is_user:
        found += [
            GoField("HashedPassword", "string", "column:hashed_password;size:255;not null"),
            GoField("Role", "*string", "column:role;size:64"),
            GoField("IsActive", "bool", "column:is_active;not null"),
        ]
    if table.timestamps:
        found += [
            GoField("CreatedAt", "time.Time", "column:created_at;not null"),
            GoField("UpdatedAt", "time.Time", "column:updated_at;not null"),
        ]
    if table.soft_delete:
        found.append(GoField("DeletedAt", "*time.Time", "column:deleted_at;index"))
    if table.versioned:
        found.append(GoField("Version", "int32", "column:version;not null"))
    return found


def models(spec: Spec) -> tuple[list[GoModel], list[GoModel]]:
    """Every entity model in creation order, and the association models."""
    found: list[GoModel] = []
    entity_tables, associations = tables(spec)
    for table in entity_tables:
        entity = spec.entity(table.entity)
        if entity is None:
            continue
        fields = [GoField("ID", "int64", "column:id;primaryKey;autoIncrement")]
        for f in entity.fields:
            if f.has_column:
                fields += _field(spec, table, f)
        fields += _extra(table)
        comment = " ".join((entity.description or f"A row of the {table.name} table.").split())
        found.append(GoModel(go_name(entity.name), table.name, comment, tuple(fields)))
    by_table = {t.name: go_name(t.entity) for t in entity_tables}
    return found, [_association(a, by_table) for a in associations]


def _association(a: AssociationTable, by_table: dict[str, str]) -> GoModel:
    fields: list[GoField] = []
    for column, target in ((a.left, a.left_table), (a.right, a.right_table)):
        fk = go_name(column)
        fields.append(GoField(fk, "int64", f"column:{column};primaryKey;autoIncrement:false"))
        fields.append(
            GoField(
                fk.removesuffix("ID") + "Ref",
                f"*{by_table[target]}",
                f"foreignKey:{fk};references:ID;constraint:OnDelete:CASCADE",
            )
        )
    return GoModel(go_name(a.name) + "Link", a.name, "A many-to-many link.", tuple(fields))
