"""Turns the catalog of a SQL script into spec entities, fields, relations and enums."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from sqlglot import exp

from infranest.spec.importers.sql_catalog import Catalog, Column, ForeignKey, Table
from infranest.spec.importers.sql_names import entity_name, relation_name, unique_name
from infranest.spec.importers.sql_source import DATABASES, Dialect, Reporter
from infranest.spec.importers.sql_types import (
    Shape,
    enum_member,
    map_default,
    map_type,
    read_check,
    type_label,
    user_type_name,
)
from infranest.spec.model import (
    Auth,
    Cardinality,
    Default,
    Entity,
    EnumDef,
    EnumValue,
    FieldDef,
    FieldType,
    Index,
    OnDelete,
    Project,
    Spec,
)
from infranest.spec.names import to_pascal, to_snake

_ON_DELETE: dict[str, OnDelete] = {
    "CASCADE": "cascade",
    "RESTRICT": "restrict",
    "SET NULL": "set_null",
    "SET DEFAULT": "set_default",
    "NO ACTION": "no_action",
}
_ID_TYPES = frozenset({"int", "bigint", "uuid"})
N = TypeVar("N", bound=float)


@dataclass
class Resolved:
    """A column's type with its domain (if any) folded in."""

    shape: Shape
    enum: str | None
    checks: list[exp.Expression]
    default: exp.Expression | None
    not_null: bool


@dataclass
class Draft:
    """A field being assembled; becomes a FieldDef."""

    name: str
    type: FieldType
    length: int | None = None
    precision: int | None = None
    scale: int | None = None
    enum: str | None = None
    target: str | None = None
    cardinality: Cardinality | None = None
    on_delete: OnDelete | None = None
    optional: bool = False
    unique: bool = False
    index: bool = False
    default: Default | None = None
    min: int | float | None = None
    max: int | float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    readonly: bool = False

    def build(self) -> FieldDef:
        return FieldDef(**vars(self))


@dataclass
class TablePlan:
    """Decisions about one table made before any field is built."""

    entity: str
    id_column: Column | None = None
    fks: dict[str, ForeignKey] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)


class Builder:
    def __init__(self, catalog: Catalog, reporter: Reporter) -> None:
        self.catalog = catalog
        self.reporter = reporter
        self.type_names: set[str] = set()
        self.enums: list[EnumDef] = []
        self.enum_names: dict[str, str] = {}
        self.members: dict[str, dict[str, str]] = {}
        self.plans: dict[str, TablePlan] = {}
        self.used_sequences: set[str] = set()

    def spec(self, name: str, dialect: Dialect) -> Spec:
        for key, table in self.catalog.tables.items():
            wanted = entity_name(table.name)
            entity = unique_name(wanted, self.type_names, separator="")
            self.plans[key] = TablePlan(entity)
            if entity != wanted:
                self.warn(
                    "sql-name",
                    f"table {table.name} would be entity {wanted}, which another table already "
                    f"is; it is named {entity}",
                    table.at,
                    f"table {table.name}",
                )
        for key, enum in self.catalog.enums.items():
            self.enum_names[key] = self.add_enum(
                to_pascal(enum.name), enum.values, enum.description, at=enum.at
            )
        for key, table in self.catalog.tables.items():
            self.plans[key].id_column = self.id_column(table)
        entities = tuple(self.entity(table) for table in self.catalog.tables.values())
        self.leftovers()
        project = Project(name=name, auth=Auth(methods=("none",)), database=DATABASES[dialect])
        return Spec(project=project, enums=tuple(self.enums), entities=entities)

    def warn(
        self, code: str, message: str, at: int | None, path: str, hint: str | None = None
    ) -> None:
        self.reporter.warn(code, message, at=at, path=path, hint=hint)

    def sql(self, node: exp.Expression) -> str:
        return node.sql(dialect=self.catalog.dialect)

    # -- types ----------------------------------------------------------------------

    def add_enum(
        self,
        base: str,
        values: tuple[str, ...],
        description: str | None = None,
        *,
        at: int | None = None,
    ) -> str:
        """Register an enum under a free type name; returns the name."""
        name = unique_name(base, self.type_names, separator="")
        if name != base:
            message = f"enum {base} would clash with another type name; it is named {name}"
            self.warn("sql-name", message, at, f"enum {base}")
        taken: set[str] = set()
        members: dict[str, str] = {}
        items: list[EnumValue] = []
        for value in dict.fromkeys(values):
            member = unique_name(enum_member(value), taken)
            members[value] = member
            items.append(EnumValue(name=member, label=None if member == value else value))
        self.members[name] = members
        self.enums.append(EnumDef(name=name, description=description, values=tuple(items)))
        return name

    def resolve(self, column: Column, seen: frozenset[str] = frozenset()) -> Resolved:
        """The column's type; a domain gives its base type, constraints and default."""
        user = user_type_name(column.dtype)
        key = (user or "").lower()
        if key in self.enum_names:
            return Resolved(
                Shape("enum"),
                self.enum_names[key],
                list(column.checks),
                column.default,
                column.not_null,
            )
        domain = self.catalog.domains.get(key)
        if domain is not None and key not in seen:
            base = self.resolve(domain, seen | {key})
            return Resolved(
                base.shape,
                base.enum,
                base.checks + column.checks,
                column.default if column.default is not None else base.default,
                column.not_null or base.not_null,
            )
        return Resolved(
            map_type(column.dtype, self.catalog.dialect),
            None,
            list(column.checks),
            column.default,
            column.not_null,
        )

    # -- keys -----------------------------------------------------------------------

    def id_column(self, table: Table) -> Column | None:
        """The column that becomes the entity's implicit id (None: a surrogate id)."""
        path = f"table {table.name}"
        key = table.primary_key or tuple(c.name for c in table.columns if c.primary)
        if len(key) == 1 and (column := table.column(key[0])) is not None:
            shape = self.resolve(column).shape
            if shape.type in _ID_TYPES:
                return column
            self.warn(
                "sql-primary-key",
                f"primary key {column.name} is {type_label(column.dtype, self.catalog.dialect)}: "
                f"the entity gets a surrogate id; {column.name} stays a unique required field",
                column.at,
                f"{path}.column {column.name}",
            )
            return None
        if key:
            return None
        typed = [c for c in table.columns if self.resolve(c).shape.type in _ID_TYPES]
        named = [c for c in typed if c.name.lower() == "id"]
        autos = named or [c for c in typed if c.auto]
        if len(autos) == 1:
            what = "column" if named else "auto-numbered column"
            self.warn(
                "sql-primary-key",
                f"table {table.name} has no primary key; its {what} {autos[0].name} becomes the id",
                table.at,
                path,
            )
            return autos[0]
        self.warn(
            "sql-primary-key",
            f"table {table.name} has no primary key; the entity gets a surrogate id",
            table.at,
            path,
        )
        return None

    def foreign_keys(self, table: Table) -> dict[str, ForeignKey]:
        found: dict[str, ForeignKey] = {}
        for fk in table.foreign_keys:
            path = f"table {table.name}"
            if len(fk.columns) != 1:
                self.warn(
                    "sql-foreign-key",
                    f"composite foreign key ({', '.join(fk.columns)}) → {fk.table} is not "
                    "represented; its columns stay plain fields",
                    fk.at,
                    path,
                )
                continue
            key = fk.columns[0].lower()
            if table.column(key) is None:
                self.warn(
                    "sql-unknown-column",
                    f"foreign key column {fk.columns[0]} does not exist",
                    fk.at,
                    path,
                )
            elif self.catalog.table(fk.table) is None:
                self.warn(
                    "sql-foreign-key",
                    f"foreign key {fk.columns[0]} references {fk.table}, which this file does "
                    "not define; kept as a plain column",
                    fk.at,
                    f"{path}.column {fk.columns[0]}",
                )
            elif key in found:
                self.warn(
                    "sql-foreign-key",
                    f"column {fk.columns[0]} has a second foreign key (→ {fk.table}); only the "
                    f"first (→ {found[key].table}) is kept",
                    fk.at,
                    f"{path}.column {fk.columns[0]}",
                )
            else:
                found[key] = fk
        return found

    # -- entities -------------------------------------------------------------------

    def entity(self, table: Table) -> Entity:
        plan = self.plans[table.name.lower()]
        plan.fks = self.foreign_keys(table)
        self.name_fields(table, plan)
        unique = {c.name.lower() for c in table.columns if c.unique}
        key_columns = table.primary_key or tuple(c.name for c in table.columns if c.primary)
        if len(key_columns) == 1 and plan.id_column is None:
            unique.add(key_columns[0].lower())
        indexed: set[str] = set()
        for index in table.indexes:
            if len(index.columns) == 1 and not index.search:
                (unique if index.unique else indexed).add(index.columns[0].lower())
        fields: list[FieldDef] = []
        for column in table.columns:
            key = column.name.lower()
            if column is plan.id_column:
                self.used_sequences.add((column.sequence or "").lower())
                if key not in plan.fks:
                    continue
                self.warn(
                    "sql-primary-key",
                    f"primary key {column.name} is also a foreign key to {plan.fks[key].table}; it "
                    "becomes a one_to_one relation and the entity gets its own id",
                    column.at,
                    f"table {table.name}.column {column.name}",
                )
                unique.add(key)
            draft = (
                self.relation(table, column, plan, key in unique)
                if key in plan.fks
                else self.scalar(table, column, plan.names[key], plan.entity)
            )
            draft.unique = draft.unique or (key in unique and draft.cardinality is None)
            draft.index = key in indexed and not draft.unique and draft.cardinality != "one_to_one"
            fields.append(draft.build())
        searchable = [
            plan.names.get(c.lower()) for i in table.indexes if i.search for c in i.columns
        ]
        return Entity(
            name=plan.entity,
            description=table.description,
            fields=tuple(fields),
            search=tuple(dict.fromkeys(n for n in searchable if n)),
            indexes=self.indexes(table, plan),
        )

    def name_fields(self, table: Table, plan: TablePlan) -> None:
        """Field names: columns first, then relations (which yield to a column's name)."""
        taken: set[str] = {"id"}
        for column in table.columns:
            key = column.name.lower()
            if key in plan.fks or column is plan.id_column:
                continue
            base = to_snake(column.name)
            if base == "id":
                base = "legacy_id"
                self.warn(
                    "sql-name",
                    f"column {column.name} is not the entity's id; its field is named {base}",
                    column.at,
                    f"table {table.name}.column {column.name}",
                )
            plan.names[key] = self.fresh(base, taken, table, column)
        for column in table.columns:
            key = column.name.lower()
            if key in plan.fks:
                base = relation_name(column.name)
                if base.lower() in taken or base == "":
                    base = to_snake(column.name)
                plan.names[key] = self.fresh(base, taken, table, column)

    def fresh(self, base: str, taken: set[str], table: Table, column: Column) -> str:
        name = unique_name(base, taken)
        if name != base:
            self.warn(
                "sql-name",
                f"column {column.name} would be field {base}, which another column already "
                f"names; it is named {name}",
                column.at,
                f"table {table.name}.column {column.name}",
            )
        return name

    def relation(self, table: Table, column: Column, plan: TablePlan, unique: bool) -> Draft:
        fk = plan.fks[column.name.lower()]
        path = f"table {table.name}.column {column.name}"
        target_key = fk.table.lower()
        target = self.plans[target_key]
        target_id = target.id_column
        if fk.ref_columns and (
            target_id is None or fk.ref_columns[0].lower() != target_id.name.lower()
        ):
            self.warn(
                "sql-foreign-key",
                f"foreign key {column.name} references {fk.table}.{fk.ref_columns[0]}, not its "
                f"id; the relation points at {target.entity}'s id",
                fk.at,
                path,
            )
        on_delete = _ON_DELETE.get(fk.on_delete or "")
        if on_delete == "set_null" and column.not_null:
            self.warn(
                "sql-foreign-key",
                f"ON DELETE SET NULL on NOT NULL column {column.name} can only fail; "
                "imported as restrict",
                fk.at,
                path,
            )
            on_delete = "restrict"
        if column.default is not None and not isinstance(column.default, exp.Null):
            self.warn(
                "sql-default",
                f"default {self.sql(column.default)} of a foreign key is dropped",
                column.at,
                path,
            )
        for check in column.checks:
            self.warn(
                "sql-check",
                f"CHECK ({self.sql(check)}) on a foreign key is dropped",
                column.at,
                path,
            )
        return Draft(
            name=plan.names[column.name.lower()],
            type="relation",
            target=target.entity,
            cardinality="one_to_one" if unique else "many_to_one",
            on_delete=on_delete,
            optional=not column.not_null,
        )

    def scalar(self, table: Table, column: Column, name: str, entity: str) -> Draft:
        path = f"table {table.name}.column {column.name}"
        resolved = self.resolve(column)
        shape = resolved.shape
        if shape.note:
            self.warn("sql-type", f"column {column.name}: {shape.note}", column.at, path)
        draft = Draft(
            name=name,
            type="enum" if shape.values is not None else shape.type,
            length=shape.length,
            precision=shape.precision,
            scale=shape.scale,
            enum=resolved.enum,
            min=shape.min,
            max=shape.max,
            optional=not resolved.not_null,
            readonly=column.computed,
        )
        if shape.values is not None:
            draft.enum = self.add_enum(entity + to_pascal(column.name), shape.values, at=column.at)
        for check in resolved.checks:
            self.apply_check(draft, check, entity, column, path)
        if resolved.default is not None:
            members = self.members.get(draft.enum or "", {})
            default, problem = map_default(
                resolved.default, draft.type, members.get, self.catalog.dialect
            )
            if problem:
                self.warn(
                    "sql-default", f"column {column.name}: {problem}; dropped", column.at, path
                )
            draft.default = default
        if column.auto and column is not self.plans[table.name.lower()].id_column:
            self.used_sequences.add((column.sequence or "").lower())
            self.warn(
                "sql-column",
                f"column {column.name} is auto-numbered, which the spec has only for ids; "
                "imported as a plain field",
                column.at,
                path,
            )
        return draft

    def apply_check(
        self, draft: Draft, check: exp.Expression, entity: str, column: Column, path: str
    ) -> None:
        facts = read_check(check, draft.type, self.catalog.dialect)
        for note in facts.notes:
            self.warn("sql-check", f"column {column.name}: {note}", column.at, path)
        if facts.rest:
            rest = " AND ".join(self.sql(part) for part in facts.rest)
            self.warn(
                "sql-check",
                f"CHECK ({rest}) on column {column.name} cannot be represented",
                column.at,
                path,
            )
        draft.optional = draft.optional and not facts.not_null
        draft.min = _tighter(draft.min, facts.min, lower=True)
        draft.max = _tighter(draft.max, facts.max, lower=False)
        draft.min_length = _tighter(draft.min_length, facts.min_length, lower=True)
        draft.max_length = _tighter(draft.max_length, facts.max_length, lower=False)
        draft.pattern = facts.pattern or draft.pattern
        if facts.values is not None:
            draft.enum = self.add_enum(entity + to_pascal(column.name), facts.values, at=column.at)
            draft.type, draft.length, draft.pattern = "enum", None, None
            draft.min_length = draft.max_length = None

    def indexes(self, table: Table, plan: TablePlan) -> tuple[Index, ...]:
        found: list[Index] = []
        key = table.primary_key or tuple(c.name for c in table.columns if c.primary)
        candidates: list[tuple[tuple[str, ...], bool, int | None, str]] = []
        if len(key) > 1:
            candidates.append((key, True, table.at, "primary key"))
        candidates += [
            (i.columns, i.unique, i.at, i.name or "key")
            for i in table.indexes
            if len(i.columns) > 1 and not i.search
        ]
        for columns, unique, at, what in candidates:
            names = [plan.names.get(c.lower()) for c in columns]
            if any(n is None for n in names):
                self.warn(
                    "sql-index",
                    f"{what} ({', '.join(columns)}) includes the id or an unknown column; "
                    "not imported",
                    at,
                    f"table {table.name}",
                )
                continue
            index = Index(fields=tuple(n for n in names if n), unique=unique)
            if index not in found:
                found.append(index)
        return tuple(found)

    def leftovers(self) -> None:
        for key, (name, at) in self.catalog.sequences.items():
            if key not in self.used_sequences:
                self.warn(
                    "sql-unsupported",
                    f"CREATE SEQUENCE {name} is not imported: no id draws from it",
                    at,
                    f"sequence {name}",
                )
        if self.catalog.data_statements:
            self.warn(
                "sql-data",
                f"{self.catalog.data_statements} data statement(s) (INSERT, COPY, UPDATE, DELETE) "
                "are not imported: the spec describes structure, not rows",
                self.catalog.first_data_at,
                "data",
            )


def _tighter(current: N | None, new: N | None, *, lower: bool) -> N | None:
    """The stricter of two bounds: the larger lower bound or the smaller upper bound."""
    if new is None or current is None:
        return current if new is None else new
    return max(current, new) if lower else min(current, new)
