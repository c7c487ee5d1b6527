"""The persistence side of the FastAPI target: the shared relational layout
(:mod:`infranest.generate.tables`) with SQLAlchemy types and Python defaults."""

from __future__ import annotations

from dataclasses import dataclass, replace

from infranest.generate.tables import AssociationTable, Column, Table, tables
from infranest.spec.exporters.api_types import (
    DEFAULT_STRING_LENGTH,
    EMAIL_MAX_LENGTH,
    URL_MAX_LENGTH,
)
from infranest.spec.model import Default, FieldDef, Spec
from infranest.spec.names import to_snake

ID_TYPE = "ID_TYPE"
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
_SA_TYPES = {
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
# The columns the layout adds: (annotation, SQLAlchemy type, default, onupdate).
_ADDED: dict[str, tuple[str, str, str | None, str | None]] = {
    "hashed_password": ("str", "sa.String(255)", None, None),
    "role": ("str", "sa.String(64)", None, None),
    "is_active": ("bool", "sa.Boolean()", "True", None),
    "created_at": ("datetime", "sa.DateTime(timezone=True)", "utcnow", None),
    "updated_at": ("datetime", "sa.DateTime(timezone=True)", "utcnow", "utcnow"),
    "deleted_at": ("datetime", "sa.DateTime(timezone=True)", None, None),
    "version": ("int", "sa.Integer()", "1", None),
}


def member_name(value: str) -> str:
    """The Python name of an enum member: ``in_progress`` → ``IN_PROGRESS``."""
    name = to_snake(value).upper()
    return name if name[:1].isalpha() else f"V{name}"


@dataclass(frozen=True, kw_only=True)
class SqlColumn(Column):
    """A column as the model and the migration write it: its ``Mapped[...]`` type, the
    SQLAlchemy type expression, the Python default and onupdate, and the migration's type
    where it differs (an enum's values, frozen in time)."""

    py_type: str
    sa_type: str
    default: str | None = None
    onupdate: str | None = None
    migration_type: str | None = None


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
    return _SA_TYPES[kind]


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


def _enum_migration_type(spec: Spec, f: FieldDef) -> str:
    """The enum column as the migration writes it: its values, frozen in time."""
    enum_def = spec.enum_def(f.enum or "")
    values = [v.name for v in enum_def.values] if enum_def else []
    width = max((len(v) for v in values), default=1)
    listed = "".join(f"{v!r}, " for v in values)
    name = to_snake(f.enum or "value")
    options = f"native_enum=False, create_constraint=False, length={width}"
    return f"sa.Enum({listed}name={name!r}, {options})"


def sql_column(spec: Spec, column: Column) -> SqlColumn:
    """``column`` with its SQLAlchemy type, annotation and defaults."""
    f = column.field
    migration_type = None
    if f is None:
        py_type, sa_type, default, onupdate = _ADDED[column.name]
    elif f.is_relation:
        py_type, sa_type, default, onupdate = "int", ID_TYPE, None, None
    else:
        py_type = (f.enum or "str") if f.type == "enum" else _PY_TYPES[f.type]
        sa_type, default, onupdate = _sa_type(spec, f), default_expr(spec, f, f.default), None
        migration_type = _enum_migration_type(spec, f) if f.type == "enum" else None
    return SqlColumn(
        name=column.name,
        nullable=column.nullable,
        field=f,
        fk=column.fk,
        fk_name=column.fk_name,
        ondelete=column.ondelete,
        deferred=column.deferred,
        py_type=py_type,
        sa_type=sa_type,
        default=default,
        onupdate=onupdate,
        migration_type=migration_type,
    )


def sql_tables(spec: Spec) -> tuple[list[Table], list[AssociationTable]]:
    """:func:`infranest.generate.tables.tables`, every column a :class:`SqlColumn`."""
    found, associations = tables(spec)
    converted = [replace(t, columns=tuple(sql_column(spec, c) for c in t.columns)) for t in found]
    return converted, associations
