"""The relational layout of a spec, shared by every target that writes its own schema.

Table, column, constraint and association-table names, which columns each table has (the
spec's own fields plus those the generators add: the built-in user's credentials,
timestamps, soft delete, the optimistic-lock version), and the order tables are created in,
with cycles of foreign keys broken. Targets map these to their own types (SQLAlchemy,
Kysely, GORM); the names are the same everywhere, so every target stores a spec alike.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from infranest.generate.templates import plural_snake
from infranest.spec.builtins import USER
from infranest.spec.model import Entity, FieldDef, Spec
from infranest.spec.names import to_snake

MAX_NAME = 63
# The SQL rule of each spec ``on_delete`` (upper case, as in DDL).
ON_DELETE_SQL = {
    "cascade": "CASCADE",
    "restrict": "RESTRICT",
    "set_null": "SET NULL",
    "set_default": "SET DEFAULT",
    "no_action": "NO ACTION",
}


def constraint_name(name: str) -> str:
    """``name`` cut to PostgreSQL's 63 characters, with a hash suffix when cut."""
    if len(name) <= MAX_NAME:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{name[: MAX_NAME - 9]}_{digest}"


@dataclass(frozen=True)
class Column:
    """One column of a table. ``field`` is the spec field it stores; None for a column the
    generators add (``hashed_password``, ``role``, ``is_active``, ``created_at``,
    ``updated_at``, ``deleted_at``, ``version``), known by its name. ``ondelete`` is the SQL
    rule (``SET NULL``); ``deferred`` marks a foreign key that closes a cycle."""

    name: str
    nullable: bool
    field: FieldDef | None = None
    fk: str | None = None
    fk_name: str | None = None
    ondelete: str | None = None
    deferred: bool = False

    @property
    def fk_table(self) -> str:
        return (self.fk or "").removesuffix(".id")


@dataclass(frozen=True)
class Constraint:
    name: str
    columns: tuple[str, ...]
    unique: bool


@dataclass(frozen=True)
class ManyToMany:
    """A many_to_many field: the relation (``key`` is its body key) and its association
    table; ``owner`` is the side that names the table."""

    attr: str
    key: str
    target: str
    target_table: str
    table: str
    local_column: str
    remote_column: str
    owner: bool
    inverse: str | None = None


@dataclass(frozen=True)
class Table:
    """An entity's table; ``module`` is the entity's snake_case name."""

    entity: str
    module: str
    name: str
    columns: tuple[Column, ...]
    uniques: tuple[Constraint, ...]
    indexes: tuple[Constraint, ...]
    many: tuple[ManyToMany, ...] = ()
    depends: tuple[str, ...] = ()
    is_user: bool = False
    soft_delete: bool = False
    versioned: bool = False
    timestamps: bool = False
    enums: tuple[str, ...] = ()

    @property
    def pk_name(self) -> str:
        return constraint_name(f"pk_{self.name}")

    @property
    def many_targets(self) -> list[str]:
        return sorted({m.target for m in self.many} - {self.entity})

    @property
    def deferred(self) -> list[Column]:
        """The foreign keys that close a cycle: added once every table exists."""
        return [c for c in self.columns if c.deferred]


@dataclass(frozen=True)
class AssociationTable:
    name: str
    left: str
    left_table: str
    right: str
    right_table: str

    @property
    def pk_name(self) -> str:
        return constraint_name(f"pk_{self.name}")

    def fk_name(self, column: str, table: str) -> str:
        return constraint_name(f"fk_{self.name}_{column}_{table}")


def table_name(entity: str) -> str:
    return plural_snake(entity)


def column_name(f: FieldDef) -> str:
    return f"{f.name}_id" if f.is_relation else f.name


def _column(f: FieldDef, table: str) -> Column:
    if f.is_relation:
        target = table_name(f.target or "")
        name = column_name(f)
        return Column(
            name=name,
            nullable=f.optional,
            field=f,
            fk=f"{target}.id",
            fk_name=constraint_name(f"fk_{table}_{name}_{target}"),
            ondelete=ON_DELETE_SQL.get(f.on_delete or ""),
        )
    nullable = f.optional or (f.default is not None and f.default.kind == "null")
    return Column(name=f.name, nullable=nullable, field=f)


def _added_columns(entity: Entity) -> list[Column]:
    """The columns the generators add to ``entity``'s table, after its fields'."""
    columns: list[Column] = []
    if entity.name == USER:
        columns += [
            Column("hashed_password", False),
            Column("role", True),
            Column("is_active", False),
        ]
    if entity.timestamps:
        columns += [Column("created_at", False), Column("updated_at", False)]
    if entity.soft_delete:
        columns.append(Column("deleted_at", True))
    if entity.optimistic_lock:
        columns.append(Column("version", False))
    return columns


def _constraints(
    entity: Entity, table: str, columns: dict[str, str]
) -> tuple[list[Constraint], list[Constraint]]:
    uniques: list[Constraint] = []
    indexes: list[Constraint] = []
    for f in entity.fields:
        if not f.has_column:
            continue
        col = columns[f.name]
        if f.unique or (f.is_relation and f.cardinality == "one_to_one"):
            uniques.append(Constraint(constraint_name(f"uq_{table}_{col}"), (col,), True))
        elif f.index or f.is_relation:
            indexes.append(Constraint(constraint_name(f"ix_{table}_{col}"), (col,), False))
    for index in entity.indexes:
        cols = tuple(columns[n] for n in index.fields if n in columns)
        if not cols:
            continue
        prefix = "uq" if index.unique else "ix"
        found = Constraint(
            constraint_name(f"{prefix}_{table}_{'_'.join(cols)}"), cols, index.unique
        )
        group = uniques if index.unique else indexes
        if all(c.columns != cols for c in group):
            group.append(found)
    return uniques, indexes


def _many(spec: Spec, entity: Entity, f: FieldDef) -> tuple[ManyToMany, AssociationTable]:
    target = f.target or ""
    inverse = spec.entity(target)
    back = inverse.field(f.via) if inverse is not None and f.via else None
    mine = (entity.name, f.name)
    pair = sorted([mine, (target, back.name)]) if back is not None else [mine, (target, "")]
    owner_entity, owner_field = pair[0]
    other_entity = pair[1][0]
    name = constraint_name(f"{to_snake(owner_entity)}_{owner_field}")
    left, right = _assoc_columns(owner_entity, other_entity)
    local, remote = (left, right) if pair[0] == mine else (right, left)
    relation = ManyToMany(
        attr=f.name,
        key=f"{f.name}_ids",
        target=target,
        target_table=table_name(target),
        table=name,
        local_column=local,
        remote_column=remote,
        owner=pair[0] == mine,
        inverse=back.name if back is not None else None,
    )
    table = AssociationTable(name, left, table_name(owner_entity), right, table_name(other_entity))
    return relation, table


def _assoc_columns(left: str | None, right: str | None) -> tuple[str, str]:
    a, b = to_snake(left or ""), to_snake(right or "")
    if a == b:
        return f"from_{a}_id", f"to_{b}_id"
    return f"{a}_id", f"{b}_id"


def _table(spec: Spec, entity: Entity) -> tuple[Table, list[AssociationTable]]:
    name = table_name(entity.name)
    columns = [_column(f, name) for f in entity.fields if f.has_column]
    by_field = {f.name: column_name(f) for f in entity.fields if f.has_column}
    uniques, indexes = _constraints(entity, name, by_field)
    pairs = [
        _many(spec, entity, f)
        for f in entity.fields
        if f.is_relation and f.cardinality == "many_to_many"
    ]
    targets = {table_name(f.target or "") for f in entity.fields if f.has_column and f.is_relation}
    table = Table(
        entity=entity.name,
        module=to_snake(entity.name),
        name=name,
        columns=tuple(columns + _added_columns(entity)),
        uniques=tuple(uniques),
        indexes=tuple(indexes),
        many=tuple(m for m, _ in pairs),
        depends=tuple(sorted(targets - {name})),
        is_user=entity.name == USER,
        soft_delete=entity.soft_delete,
        versioned=entity.optimistic_lock,
        timestamps=entity.timestamps,
        enums=tuple(sorted({f.enum for f in entity.fields if f.type == "enum" and f.enum})),
    )
    return table, [a for _, a in pairs]


def tables(spec: Spec) -> tuple[list[Table], list[AssociationTable]]:
    """Every entity table in creation order (referenced tables first), and the
    association tables of many_to_many relations (sorted by name)."""
    found: list[Table] = []
    associations: dict[str, AssociationTable] = {}
    for entity in spec.entities:
        table, links = _table(spec, entity)
        found.append(table)
        associations.update((a.name, a) for a in links)
    return _ordered(found), [associations[k] for k in sorted(associations)]


def _ordered(items: list[Table]) -> list[Table]:
    """Tables so that each comes after those it references. A cycle of foreign keys is
    broken at one table: its keys to tables not created yet become deferred."""
    done: list[Table] = []
    names: set[str] = set()
    pending = list(items)
    while pending:
        ready = [t for t in pending if set(t.depends) <= names]
        chosen = ready[0] if ready else _defer(_cycle_breaker(pending, names), names)
        done.append(chosen)
        names.add(chosen.name)
        pending = [t for t in pending if t.name != chosen.name]
    return done


def _cycle_breaker(pending: list[Table], names: set[str]) -> Table:
    """The first pending table whose missing tables all lead back to it (each cycle that
    nothing outside it holds up has one)."""
    graph = {t.name: set(t.depends) - names for t in pending}

    def reaches(start: str, goal: str) -> bool:
        seen: set[str] = set()
        todo = [start]
        while todo:
            current = todo.pop()
            if current == goal:
                return True
            if current not in seen:
                seen.add(current)
                todo.extend(sorted(graph.get(current, ())))
        return False

    for table in pending:
        if all(reaches(dep, table.name) for dep in graph[table.name]):
            return table
    return pending[0]


def _defer(table: Table, names: set[str]) -> Table:
    """``table`` with its keys to tables not in ``names`` deferred: added after the tables
    and checked at commit, so both rows of a required cycle fit in one transaction.
    RESTRICT, which no database defers, becomes NO ACTION: the same rule, at commit."""
    waiting = {name for name in table.depends if name not in names}
    columns = tuple(
        replace(c, deferred=True, ondelete=None if c.ondelete == "RESTRICT" else c.ondelete)
        if c.fk is not None and c.fk.removesuffix(".id") in waiting
        else c
        for c in table.columns
    )
    return replace(table, columns=columns)
