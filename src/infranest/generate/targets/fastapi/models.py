"""The persistence side of the FastAPI target: SQLAlchemy tables derived from the spec."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

from infranest.generate.templates import plural_snake
from infranest.spec.builtins import USER
from infranest.spec.exporters.api_types import (
    DEFAULT_STRING_LENGTH,
    EMAIL_MAX_LENGTH,
    URL_MAX_LENGTH,
)
from infranest.spec.model import Default, Entity, FieldDef, Spec
from infranest.spec.names import to_snake

ID_TYPE = "ID_TYPE"
MAX_NAME = 63
_ON_DELETE = {
    "cascade": "CASCADE",
    "restrict": "RESTRICT",
    "set_null": "SET NULL",
    "set_default": "SET DEFAULT",
    "no_action": "NO ACTION",
}
_PY_TYPES = {
    "string": "str",
    "text": "str",
    "email": "str",
    "url": "str",
    "file": "str",
    "int": "int",
    "bigint": "int",
    "decimal": "Decimal",
    "float": "float",
    "bool": "bool",
    "date": "dt.date",  # module-qualified: a field may be named like the type
    "datetime": "dt.datetime",
    "time": "dt.time",
    "uuid": "uuid.UUID",
    "json": "Any",
}


def constraint_name(name: str) -> str:
    """``name`` cut to PostgreSQL's 63 characters, with a hash suffix when cut."""
    if len(name) <= MAX_NAME:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{name[: MAX_NAME - 9]}_{digest}"


def member_name(value: str) -> str:
    """The Python name of an enum member: ``in_progress`` → ``IN_PROGRESS``."""
    name = to_snake(value).upper()
    return name if name[:1].isalpha() else f"V{name}"


@dataclass(frozen=True)
class Column:
    """One column of a table, with the SQLAlchemy type expression used by the model and
    the migration alike."""

    name: str
    py_type: str
    sa_type: str
    nullable: bool
    fk: str | None = None
    fk_name: str | None = None
    ondelete: str | None = None
    default: str | None = None
    onupdate: str | None = None
    migration_type: str | None = None
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
    """A many_to_many field: the relationship attribute and its association table."""

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
    enums: tuple[str, ...] = field(default=())

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


def _sa_type(spec: Spec, f: FieldDef) -> str:
    kind = f.type
    if kind == "string":
        return f"sa.String({f.length or DEFAULT_STRING_LENGTH})"
    if kind == "email":
        return f"sa.String({EMAIL_MAX_LENGTH})"
    if kind in ("url", "file"):
        return f"sa.String({URL_MAX_LENGTH})"
    if kind == "decimal":
        if f.precision is None:
            return "sa.Numeric()"
        return f"sa.Numeric({f.precision}, {f.scale or 0})"
    if kind == "enum":
        enum_def = spec.enum_def(f.enum or "")
        values = [v.name for v in enum_def.values] if enum_def else []
        width = max((len(v) for v in values), default=1)
        return f"enum_type({f.enum}, {to_snake(f.enum or 'value')!r}, {width})"
    simple = {
        "text": "sa.Text()",
        "int": "sa.Integer()",
        "bigint": "sa.BigInteger()",
        "float": "sa.Float()",
        "bool": "sa.Boolean()",
        "date": "sa.Date()",
        "datetime": "sa.DateTime(timezone=True)",
        "time": "sa.Time()",
        "uuid": "sa.Uuid()",
        "json": "sa.JSON()",
    }
    return simple[kind]


def default_expr(spec: Spec, f: FieldDef, default: Default | None) -> str | None:
    """A Python expression for a column or schema default (None: no default)."""
    if default is None:
        return None
    kind, value = default.kind, default.value
    if kind == "now":
        return "utcnow"
    if kind == "today":
        return "today"
    if kind == "uuid":
        return "uuid.uuid4"
    if kind == "null":
        return "None"
    if kind == "enum" and f.enum:
        return f"{f.enum}.{member_name(str(value))}"
    if f.type == "decimal":
        return f"Decimal({str(value)!r})"
    if kind == "bool":
        return repr(bool(value))
    if f.type == "float" and isinstance(value, int):
        return repr(float(value))
    return repr(value)


def _column(spec: Spec, entity: Entity, f: FieldDef, table: str) -> Column:
    if f.is_relation:
        target = table_name(f.target or "")
        name = column_name(f)
        return Column(
            name=name,
            py_type="int",
            sa_type=ID_TYPE,
            nullable=f.optional,
            fk=f"{target}.id",
            fk_name=constraint_name(f"fk_{table}_{name}_{target}"),
            ondelete=_ON_DELETE.get(f.on_delete or ""),
        )
    py_type = (f.enum or "str") if f.type == "enum" else _PY_TYPES[f.type]
    nullable = f.optional or (f.default is not None and f.default.kind == "null")
    return Column(
        name=f.name,
        py_type=py_type,
        sa_type=_sa_type(spec, f),
        nullable=nullable,
        default=default_expr(spec, f, f.default),
        migration_type=_enum_migration_type(spec, f) if f.type == "enum" else None,
    )


def _enum_migration_type(spec: Spec, f: FieldDef) -> str:
    """The enum column as the migration writes it: its values, frozen in time."""
    enum_def = spec.enum_def(f.enum or "")
    values = [v.name for v in enum_def.values] if enum_def else []
    width = max((len(v) for v in values), default=1)
    listed = "".join(f"{v!r}, " for v in values)
    name = to_snake(f.enum or "value")
    options = f"native_enum=False, create_constraint=False, length={width}"
    return f"sa.Enum({listed}name={name!r}, {options})"


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


def tables(spec: Spec) -> tuple[list[Table], list[AssociationTable]]:
    """Every entity table in creation order (referenced tables first), and the
    association tables of many_to_many relations."""
    found: dict[str, Table] = {}
    associations: dict[str, AssociationTable] = {}
    for entity in spec.entities:
        name = table_name(entity.name)
        columns = [_column(spec, entity, f, name) for f in entity.fields if f.has_column]
        by_field = {f.name: column_name(f) for f in entity.fields if f.has_column}
        uniques, indexes = _constraints(entity, name, by_field)
        if entity.name == USER:
            columns += [
                Column("hashed_password", "str", "sa.String(255)", False),
                Column("role", "str", "sa.String(64)", True),
                Column("is_active", "bool", "sa.Boolean()", False, default="True"),
            ]
        if entity.timestamps:
            columns += [
                Column(
                    "created_at",
                    "datetime",
                    "sa.DateTime(timezone=True)",
                    False,
                    None,
                    None,
                    None,
                    "utcnow",
                ),
                Column(
                    "updated_at",
                    "datetime",
                    "sa.DateTime(timezone=True)",
                    False,
                    None,
                    None,
                    None,
                    "utcnow",
                    "utcnow",
                ),
            ]
        if entity.soft_delete:
            columns.append(Column("deleted_at", "datetime", "sa.DateTime(timezone=True)", True))
        if entity.optimistic_lock:
            columns.append(Column("version", "int", "sa.Integer()", False, default="1"))
        pairs = [
            _many(spec, entity, f)
            for f in entity.fields
            if f.is_relation and f.cardinality == "many_to_many"
        ]
        many = tuple(m for m, _ in pairs)
        associations.update((a.name, a) for _, a in pairs)
        targets = {
            table_name(f.target or "") for f in entity.fields if f.has_column and f.is_relation
        }
        depends = tuple(sorted(targets - {name}))
        enums = sorted({f.enum for f in entity.fields if f.type == "enum" and f.enum})
        found[entity.name] = Table(
            entity=entity.name,
            module=to_snake(entity.name),
            name=name,
            columns=tuple(columns),
            uniques=tuple(uniques),
            indexes=tuple(indexes),
            many=many,
            depends=depends,
            is_user=entity.name == USER,
            soft_delete=entity.soft_delete,
            versioned=entity.optimistic_lock,
            timestamps=entity.timestamps,
            enums=tuple(enums),
        )
    return _ordered(list(found.values())), [associations[k] for k in sorted(associations)]


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
