"""The API side of the FastAPI target: pydantic annotations for the contract's bodies."""

from __future__ import annotations

from dataclasses import dataclass

from infranest.spec.exporters.api_types import Body, BodyField, QueryParam
from infranest.spec.model import Default

INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)
_BASE = {
    "string": "str",
    "text": "str",
    "email": "EmailStr",
    "url": "UriStr",
    "file": "UriStr",
    "int": "int",
    "bigint": "int",
    "id": "int",
    "decimal": "Decimal",
    "float": "float",
    "bool": "bool",
    "date": "dt.date",  # module-qualified: a field may be named like the type
    "datetime": "UtcDateTime",
    "time": "UtcTime",
    "uuid": "uuid.UUID",
    "json": "JsonValue",
}


@dataclass(frozen=True)
class SchemaField:
    """One attribute of a generated pydantic model."""

    name: str
    annotation: str
    default: str | None
    not_null: bool = False


def _bounds(f: BodyField) -> tuple[int | float | None, int | float | None]:
    low, high = f.minimum, f.maximum
    if f.type in ("int", "bigint", "id"):
        lo, hi = INT32 if f.type == "int" else INT64
        low = lo if low is None else max(low, lo)
        high = hi if high is None else min(high, hi)
    return low, high


def _constraints(f: BodyField) -> list[str]:
    args: list[str] = []
    if f.type in ("string", "text", "url", "file", "email") and f.choices == ():
        if f.min_length is not None:
            args.append(f"min_length={f.min_length}")
        if f.max_length is not None:
            args.append(f"max_length={f.max_length}")
        if f.pattern is not None and f.type != "email":
            args.append(f"pattern={f.pattern!r}")
    if f.type in ("int", "bigint", "id", "float", "decimal"):
        low, high = _bounds(f)
        if low is not None:
            args.append(f"ge={low!r}")
        if high is not None:
            args.append(f"le={high!r}")
    if f.type == "float":
        args.append("allow_inf_nan=False")
    if f.type == "decimal":
        args.append("allow_inf_nan=False")
        if f.precision is not None:
            args.append(f"max_digits={f.precision}")
            args.append(f"decimal_places={f.scale or 0}")
    return args


def item_type(f: BodyField, *, plain: bool = False) -> str:
    """The annotation of one value of ``f`` (without list or None); ``plain``: without
    constraints (response bodies hold what the database holds)."""
    if f.type == "enum" and f.enum:
        base = f.enum
    elif f.choices:
        base = "Literal[" + ", ".join(repr(c) for c in f.choices) + "]"
    elif f.type == "ref":
        base = f"{f.ref}Read" if f.ref not in ("FieldError",) else f.ref or "Any"
    elif plain and f.type in ("email", "url", "file"):
        base = "str"
    else:
        base = _BASE[f.type]
    args = [] if plain else _constraints(f)
    if args:
        return f"Annotated[{base}, Field({', '.join(args)})]"
    return base


def annotation(f: BodyField, *, optional: bool = False, plain: bool = False) -> str:
    """The annotation of ``f``: a list when ``many``, ``| None`` when nullable or
    ``optional`` (update bodies)."""
    value = item_type(f, plain=plain)
    if f.many:
        value = f"list[{value}]"
    if (f.nullable or optional) and f.type != "json":
        value = f"{value} | None"
    return value


def default_literal(f: BodyField, default: Default | None) -> str | None:
    """The pydantic default of a create-body field that is not required."""
    if default is None:
        return None
    kind, value = default.kind, default.value
    if kind in ("now", "today", "uuid"):
        factory = {"now": "utcnow", "today": "today", "uuid": "uuid.uuid4"}[kind]
        return f"Field(default_factory={factory})"
    if kind == "null":
        return "None"
    if kind == "enum" and f.enum:
        from infranest.generate.targets.fastapi.models import member_name

        return f"{f.enum}.{member_name(str(value))}"
    if f.type == "decimal":
        return f"Decimal({str(value)!r})"
    if kind == "bool":
        return repr(bool(value))
    if f.type == "float" and isinstance(value, int):
        return repr(float(value))
    return repr(value)


def read_fields(body: Body) -> list[SchemaField]:
    """A read body: every key present; keys only some roles see may be absent."""
    return [
        SchemaField(
            f.name,
            annotation(f, optional=not f.required, plain=True),
            None if f.required else "None",
        )
        for f in body.fields
    ]


def create_fields(body: Body) -> list[SchemaField]:
    found: list[SchemaField] = []
    for f in body.fields:
        if f.required:
            found.append(SchemaField(f.name, annotation(f), None))
        elif f.many:
            found.append(SchemaField(f.name, annotation(f), "Field(default_factory=list)"))
        elif f.default is not None and f.default.kind != "null":
            found.append(SchemaField(f.name, annotation(f), default_literal(f, f.default)))
        else:
            optional = f.nullable or f.type == "json"
            found.append(
                SchemaField(f.name, annotation(f, optional=True), "None", not_null=not optional)
            )
    return found


def update_fields(body: Body) -> list[SchemaField]:
    """Update bodies: all optional, but a key may be null only when its field is."""
    return [
        SchemaField(
            f.name,
            annotation(f, optional=True),
            None if f.required else "None",
            not_null=not (f.nullable or f.type == "json"),
        )
        for f in body.fields
    ]


def param_annotation(p: QueryParam) -> str:
    """The annotation of a list/query parameter (always optional)."""
    return annotation(p.value, optional=True)
