"""SQL column types, defaults and CHECK constraints read as spec field properties."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlglot import exp
from sqlglot.expressions.datatypes import DType

from infranest.spec.model import NUMERIC_TYPES, TEXT_TYPES, Default, FieldType
from infranest.spec.names import IDENTIFIER

Number = int | float


@dataclass
class Shape:
    """What a column's SQL type becomes: a field type and its size or bounds.

    ``values`` is set for an inline ``ENUM(...)`` type (an enum is synthesised),
    ``serial`` for the auto-numbering types, ``note`` when the mapping is approximate.
    """

    type: FieldType
    length: int | None = None
    precision: int | None = None
    scale: int | None = None
    min: Number | None = None
    max: Number | None = None
    values: tuple[str, ...] | None = None
    serial: bool = False
    note: str | None = None


_INTS = {DType.INT, DType.SMALLINT, DType.TINYINT, DType.MEDIUMINT}
_UNSIGNED_INTS = {DType.UTINYINT, DType.USMALLINT, DType.UMEDIUMINT}
_BIGINTS = {DType.BIGINT, DType.INT128, DType.INT256}
_UNSIGNED_BIGINTS = {DType.UBIGINT, DType.UINT128, DType.UINT256}
_DECIMALS = {
    DType.DECIMAL,
    DType.BIGDECIMAL,
    DType.DECIMAL32,
    DType.DECIMAL64,
    DType.DECIMAL128,
    DType.DECIMAL256,
}
_FLOATS = {DType.FLOAT, DType.DOUBLE, DType.UDOUBLE, DType.DECFLOAT}
_STRINGS = {DType.CHAR, DType.NCHAR, DType.VARCHAR, DType.NVARCHAR, DType.BPCHAR, DType.FIXEDSTRING}
_TEXTS = {DType.TEXT, DType.TINYTEXT, DType.MEDIUMTEXT, DType.LONGTEXT}
_DATETIMES = {
    DType.DATETIME,
    DType.DATETIME2,
    DType.DATETIME64,
    DType.SMALLDATETIME,
    DType.TIMESTAMP,
    DType.TIMESTAMPTZ,
    DType.TIMESTAMPLTZ,
    DType.TIMESTAMPNTZ,
    DType.TIMESTAMP_S,
    DType.TIMESTAMP_MS,
    DType.TIMESTAMP_NS,
}
_BINARIES = {
    DType.BLOB,
    DType.LONGBLOB,
    DType.MEDIUMBLOB,
    DType.TINYBLOB,
    DType.VARBINARY,
    DType.BINARY,
    DType.IMAGE,
}
_SIMPLE: dict[DType, FieldType] = {
    DType.BOOLEAN: "bool",
    DType.DATE: "date",
    DType.DATE32: "date",
    DType.TIME: "time",
    DType.TIMETZ: "time",
    DType.TIME_NS: "time",
    DType.UUID: "uuid",
    DType.JSON: "json",
    DType.JSONB: "json",
}
_STRUCTURED = {
    DType.HSTORE,
    DType.STRUCT,
    DType.MAP,
    DType.OBJECT,
    DType.VARIANT,
    DType.SUPER,
    DType.LIST,
    DType.NESTED,
}


def type_label(dt: exp.DataType | None, dialect: str) -> str:
    """The type as the SQL said it, for messages."""
    return "(none)" if dt is None else dt.sql(dialect=dialect)


def user_type_name(dt: exp.DataType | None) -> str | None:
    """The name of a user-defined type (an enum, a domain, an extension type)."""
    if dt is None or dt.this != DType.USERDEFINED:
        return None
    kind = dt.args.get("kind")
    return kind.name if isinstance(kind, exp.Expression) else str(kind)


def _params(dt: exp.DataType) -> list[int]:
    found: list[int] = []
    for param in dt.expressions:
        value = param.this if isinstance(param, exp.DataTypeParam) else param
        if isinstance(value, exp.Literal) and not value.is_string:
            number = literal_number(value)
            if isinstance(number, int):
                found.append(number)
    return found


def map_type(dt: exp.DataType | None, dialect: str) -> Shape:
    """Map a SQL type to a field shape (user-defined names are resolved by the caller)."""
    if dt is None:
        return Shape("text", note="the column has no type; imported as text")
    kind = dt.this
    params = _params(dt)
    if kind in _INTS:
        if kind == DType.TINYINT and params == [1] and dialect == "mysql":
            return Shape("bool")
        return Shape("int")
    if kind in _UNSIGNED_INTS:
        return Shape("int", min=0)
    if kind == DType.UINT:
        return Shape("bigint", min=0)
    if kind in _BIGINTS:
        return Shape("bigint")
    if kind in _UNSIGNED_BIGINTS:
        return Shape(
            "bigint", min=0, note=f"{type_label(dt, dialect)} values above 2^63-1 do not fit"
        )
    if kind in (DType.SERIAL, DType.SMALLSERIAL):
        return Shape("int", serial=True)
    if kind == DType.BIGSERIAL:
        return Shape("bigint", serial=True)
    return _map_other(dt, kind, params, dialect)


def _map_other(dt: exp.DataType, kind: DType, params: list[int], dialect: str) -> Shape:
    label = type_label(dt, dialect)
    if kind in _DECIMALS or kind == DType.UDECIMAL:
        precision = params[0] if params else None
        scale = params[1] if len(params) > 1 else (0 if params else None)
        return Shape(
            "decimal", precision=precision, scale=scale, min=0 if kind == DType.UDECIMAL else None
        )
    if kind == DType.MONEY:
        return Shape("decimal", precision=19, scale=4)
    if kind == DType.SMALLMONEY:
        return Shape("decimal", precision=10, scale=4)
    if kind in _FLOATS:
        note = f"{label}: the float's display precision is dropped" if len(params) > 1 else None
        return Shape("float", note=note)
    if kind in _STRINGS:
        if params:
            return Shape("string", length=params[0])
        return Shape("string", length=1) if kind in (DType.CHAR, DType.NCHAR) else Shape("text")
    if kind in _TEXTS:
        return Shape("text")
    if kind == DType.NAME:
        return Shape("string", length=63)
    if kind in _DATETIMES:
        return Shape("datetime")
    if kind in _SIMPLE:
        return Shape(_SIMPLE[kind])
    if kind == DType.BIT:
        if not params or params == [1]:
            return Shape("bool")
        return Shape("string", length=params[0], note=f"{label} becomes a string of bits")
    if kind == DType.YEAR:
        return Shape("int", min=1901, max=2155)
    if kind in _BINARIES:
        return Shape("file", note=f"binary column ({label}) becomes a file field")
    if kind in (DType.ENUM, DType.ENUM8, DType.ENUM16):
        values = tuple(e.name for e in dt.expressions if isinstance(e, exp.Literal))
        return Shape("enum", values=values)
    if kind == DType.SET:
        return Shape("json", note=f"{label} (a set of values) becomes a json array")
    if kind == DType.ARRAY:
        return Shape("json", note=f"array column ({label}) becomes json")
    if kind in _STRUCTURED:
        return Shape("json", note=f"{label} becomes json")
    if kind == DType.USERDEFINED and dialect == "sqlite":
        return sqlite_affinity(label)
    if kind == DType.XML:
        return Shape("text", note=f"{label} becomes text")
    return Shape("text", note=f"type {label} has no equivalent; imported as text")


def affinity_keyword(type_name: str) -> str:
    """SQLite's type affinity for any type name (rules of section 3.1 of its datatype page)."""
    name = type_name.upper()
    if "INT" in name:
        return "INTEGER"
    if any(word in name for word in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if "BLOB" in name or not name.strip():
        return "BLOB"
    if any(word in name for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


_AFFINITY_SHAPES: dict[str, FieldType] = {
    "INTEGER": "int",
    "TEXT": "text",
    "BLOB": "file",
    "REAL": "float",
}


def sqlite_affinity(type_name: str) -> Shape:
    """The field shape of a SQLite column whose type name only has an affinity."""
    keyword = affinity_keyword(type_name)
    note = f"type {type_name!r} is not a standard type; SQLite gives it {keyword} affinity"
    if keyword == "BLOB":
        note += "; a binary column becomes a file field"
    return Shape(_AFFINITY_SHAPES.get(keyword, "decimal"), note=note)


def literal_number(node: exp.Expression) -> Number | None:
    """The number a literal (or a negated literal) stands for."""
    negative = False
    while isinstance(node, (exp.Neg, exp.Paren, exp.Cast)):
        negative ^= isinstance(node, exp.Neg)
        node = node.this
    if not isinstance(node, exp.Literal):
        return None
    text = str(node.this).strip()
    try:
        value: Number = int(text)
    except ValueError:
        try:
            value = float(text)
        except ValueError:
            return None
    return -value if negative else value


def _unwrap(node: exp.Expression) -> exp.Expression:
    while isinstance(node, exp.Paren):
        node = node.this
    return node


_NOW_FUNCS = frozenset({"NOW", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "GETDATE", "SYSDATE"})
_TODAY_FUNCS = frozenset({"CURRENT_DATE", "CURDATE"})
_UUID_FUNCS = frozenset({"UUID", "GEN_RANDOM_UUID", "UUID_GENERATE_V4", "NEWID"})
_TRUE = frozenset({"1", "t", "true", "y", "yes", "on"})
_FALSE = frozenset({"0", "f", "false", "n", "no", "off"})


def func_name(node: exp.Expression) -> str | None:
    """The upper-case name of a function call node."""
    if isinstance(node, exp.Anonymous):
        return str(node.name).upper()
    if isinstance(node, exp.Func):
        return node.sql_name().upper()
    return None


def sequence_of(node: exp.Expression | None) -> str | None:
    """The sequence a ``nextval('seq')`` default draws from."""
    if node is None:
        return None
    node = _unwrap(node)
    if func_name(node) != "NEXTVAL" or not node.expressions:
        return None
    arg = node.expressions[0]
    while isinstance(arg, exp.Cast):
        arg = arg.this
    return arg.name.split(".")[-1].strip('"') if isinstance(arg, exp.Literal) else None


def _time_default(node: exp.Expression, field_type: str) -> Default | None:
    """``now()``, ``CURRENT_DATE``, ``datetime('now')``, ``'now'::date`` and the like."""
    today = Default(kind="today")
    now = today if field_type == "date" else Default(kind="now")
    if isinstance(node, exp.Cast):
        inner = _unwrap(node.this)
        while isinstance(inner, exp.Cast):
            inner = _unwrap(inner.this)
        if isinstance(inner, exp.Literal) and inner.name.lower() == "now":
            return today if node.to.this == DType.DATE else now
        return None
    if isinstance(node, (exp.CurrentTimestamp, exp.CurrentDatetime)):
        return now
    if isinstance(node, exp.CurrentDate):
        return today
    name = func_name(node)
    if name in _NOW_FUNCS:
        return now
    if name in _TODAY_FUNCS:
        return today
    args = node.expressions if isinstance(node, exp.Anonymous) else []
    if name in ("DATETIME", "DATE") and len(args) == 1 and args[0].name.lower() == "now":
        return today if name == "DATE" else now
    return None


def map_default(
    node: exp.Expression, field_type: str, member: Callable[[str], str | None], dialect: str
) -> tuple[Default | None, str | None]:
    """A column default as a spec Default, or the reason it cannot be one.

    ``member`` finds the enum member name for a value of an enum-typed field.
    """
    node = _unwrap(node)
    if isinstance(node, exp.Null):
        return None, None
    timed = _time_default(node, field_type)
    if timed is not None:
        return timed, None
    if isinstance(node, exp.Uuid) or func_name(node) in _UUID_FUNCS:
        return Default(kind="uuid"), None
    while isinstance(node, exp.Cast):
        node = _unwrap(node.this)
    if isinstance(node, exp.Boolean):
        return _literal_default("true" if node.this else "false", field_type, member)
    if isinstance(node, exp.BitString):
        return _literal_default(str(node.this), field_type, member)
    if isinstance(node, exp.Literal) and node.is_string:
        return _literal_default(node.name, field_type, member)
    number = literal_number(node)
    if number is not None:
        return _literal_default(str(number), field_type, member)
    return None, f"default {node.sql(dialect=dialect)} is an expression the spec cannot hold"


def _literal_default(
    text: str, field_type: str, member: Callable[[str], str | None]
) -> tuple[Default | None, str | None]:
    if field_type == "enum":
        name = member(text)
        if name is None:
            return None, f"default {text!r} is not one of the enum's values"
        return Default(kind="enum", value=name), None
    if field_type == "bool":
        if text.lower() in _TRUE:
            return Default(kind="bool", value=True), None
        if text.lower() in _FALSE:
            return Default(kind="bool", value=False), None
        return None, f"default {text!r} is not a boolean"
    if field_type in NUMERIC_TYPES:
        number = literal_number(exp.Literal.number(text)) if _is_number(text) else None
        if number is None:
            return None, f"default {text!r} is not a number"
        if field_type in ("int", "bigint") and isinstance(number, float):
            return None, f"default {text!r} is not an integer"
        return Default(kind="number", value=number), None
    if field_type in ("date", "datetime", "time") and set(text) <= set("0-: "):
        return None, f"zero date default {text!r} has no meaning outside MySQL"
    if field_type in ("file", "relation"):
        return None, f"default {text!r} cannot apply to a {field_type} field"
    return Default(kind="string", value=text), None


def _is_number(text: str) -> bool:
    return re.fullmatch(r"\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*", text) is not None


def enum_member(value: str) -> str:
    """A valid member name for an enum value (``PG-13`` becomes ``PG_13``)."""
    if IDENTIFIER.match(value):
        return value
    name = re.sub(r"[^A-Za-z0-9_]+", "_", value).strip("_")
    if not name:
        return "empty" if not value else "value"
    return f"_{name}" if name[0].isdigit() else name


@dataclass
class CheckFacts:
    """What a CHECK constraint on one column says, in the spec's terms."""

    min: Number | None = None
    max: Number | None = None
    min_length: int | None = None
    max_length: int | None = None
    values: tuple[str, ...] | None = None
    pattern: str | None = None
    not_null: bool = False
    notes: list[str] = field(default_factory=list)
    rest: list[exp.Expression] = field(default_factory=list)


def conjuncts(node: exp.Expression) -> list[exp.Expression]:
    node = _unwrap(node)
    if isinstance(node, exp.And):
        return conjuncts(node.this) + conjuncts(node.expression)
    return [node]


def check_columns(node: exp.Expression) -> set[str]:
    """Lower-case names of the columns a CHECK expression reads (``VALUE`` in a domain)."""
    return {c.name.lower() for c in node.find_all(exp.Column)}


_FLIP: dict[type[exp.Expression], type[exp.Expression]] = {
    exp.GT: exp.LT,
    exp.GTE: exp.LTE,
    exp.LT: exp.GT,
    exp.LTE: exp.GTE,
    exp.EQ: exp.EQ,
}


def read_check(node: exp.Expression, field_type: str, dialect: str) -> CheckFacts:
    """Split a single-column CHECK into bounds, an IN list, and what is left over."""
    facts = CheckFacts()
    for part in conjuncts(node):
        if not _read_part(part, field_type, facts, dialect):
            facts.rest.append(part)
    return facts


def _read_part(part: exp.Expression, field_type: str, facts: CheckFacts, dialect: str) -> bool:
    if isinstance(part, exp.Not) and isinstance(_unwrap(part.this), exp.Is):
        facts.not_null = isinstance(_unwrap(part.this).expression, exp.Null)
        return facts.not_null
    if isinstance(part, exp.Between) and field_type in NUMERIC_TYPES:
        low, high = literal_number(part.args["low"]), literal_number(part.args["high"])
        if isinstance(_unwrap(part.this), exp.Column) and low is not None and high is not None:
            _bound(facts, "min", low)
            _bound(facts, "max", high)
            return True
        return False
    if isinstance(part, exp.In) and isinstance(_unwrap(part.this), exp.Column):
        items = part.expressions
        if field_type in ("string", "text") and items and all(_is_string(i) for i in items):
            facts.values = tuple(i.name for i in items)
            return True
        return False
    if isinstance(part, exp.RegexpLike) and field_type in TEXT_TYPES and facts.pattern is None:
        if isinstance(_unwrap(part.this), exp.Column) and _is_string(_unwrap(part.expression)):
            facts.pattern = _unwrap(part.expression).name
            return True
        return False
    if isinstance(part, exp.NEQ) and field_type in TEXT_TYPES:
        sides = (_unwrap(part.this), _unwrap(part.expression))
        if any(isinstance(s, exp.Column) for s in sides) and any(
            _is_string(s) and s.name == "" for s in sides
        ):
            facts.min_length = max(facts.min_length or 0, 1)
            return True
        return False
    if type(part) in _FLIP:
        return _read_comparison(part, field_type, facts, dialect)
    return False


def _is_string(node: exp.Expression) -> bool:
    return isinstance(node, exp.Literal) and node.is_string


def _read_comparison(
    part: exp.Expression, field_type: str, facts: CheckFacts, dialect: str
) -> bool:
    left, right, op = _unwrap(part.this), _unwrap(part.expression), type(part)
    if literal_number(left) is not None:
        left, right, op = right, left, _FLIP[op]
    number = literal_number(right)
    if number is None:
        return False
    is_length = isinstance(left, exp.Length) and isinstance(_unwrap(left.this), exp.Column)
    if is_length and field_type in TEXT_TYPES and isinstance(number, int):
        low, high = _range(op, number, integral=True)
        if low is not None:
            facts.min_length = max(facts.min_length or 0, int(low))
        if high is not None:
            facts.max_length = min(facts.max_length or int(high), int(high))
        return True
    if not isinstance(left, exp.Column) or field_type not in NUMERIC_TYPES:
        return False
    integral = field_type in ("int", "bigint")
    low, high = _range(op, number, integral=integral)
    if op in (exp.GT, exp.LT) and not integral:
        facts.notes.append(f"strict bound {part.sql(dialect=dialect)} is imported as inclusive")
    if low is not None:
        _bound(facts, "min", low)
    if high is not None:
        _bound(facts, "max", high)
    return True


def _range(op: type[exp.Expression], n: Number, *, integral: bool) -> tuple[Number | None, ...]:
    step = 1 if integral and isinstance(n, int) else 0
    if op is exp.GT:
        return n + step, None
    if op is exp.GTE:
        return n, None
    if op is exp.LT:
        return None, n - step
    if op is exp.LTE:
        return None, n
    return n, n


def _bound(facts: CheckFacts, which: str, value: Number) -> None:
    current = getattr(facts, which)
    if current is None:
        setattr(facts, which, value)
    else:
        setattr(facts, which, max(current, value) if which == "min" else min(current, value))
