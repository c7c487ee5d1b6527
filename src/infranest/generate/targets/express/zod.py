"""Zod expressions for the contract's bodies and parameters (request validation)."""

from __future__ import annotations

import json

from infranest.generate.targets.express.regexes import flatten_optional_groups, nested_quantifiers
from infranest.spec.exporters.api_types import Body, BodyField, QueryParam

INT32 = (-(2**31), 2**31 - 1)
# JSON numbers are doubles: ids and bigints are exact up to 2**53 - 1.
SAFE = (-(2**53 - 1), 2**53 - 1)
TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)?$"
_TEXT = ("string", "text", "email", "url", "file")


def js(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


# The reason written beside a spec pattern that repeats a repeating group.
BOUNDED_REGEX = (
    "/* eslint-disable-line security/detect-unsafe-regex -- the spec's pattern, "
    "matched only once the length check ({limit}) passed */ "
)


def regex(pattern: str) -> str:
    """A JavaScript RegExp for ``pattern`` (searched, as JSON Schema does), its optional
    groups written without a quantifier (the same strings match)."""
    return f"new RegExp({js(flatten_optional_groups(pattern))}, 'u')"


def _number_bounds(f: BodyField, default: tuple[int, int]) -> tuple[float, float]:
    low = default[0] if f.minimum is None else max(f.minimum, default[0])
    high = default[1] if f.maximum is None else min(f.maximum, default[1])
    return low, high


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _text(f: BodyField) -> str:
    if f.type == "email":
        expr = "z.email()"
    elif f.type in ("url", "file"):
        expr = "z.url()"
    else:
        expr = "z.string()"
    if f.min_length:
        expr += f".min({f.min_length})"
    pattern = f.pattern if f.type in ("string", "text") else None
    nested = pattern is not None and nested_quantifiers(flatten_optional_groups(pattern))
    if f.max_length is not None:
        # A pattern that can backtrack runs on bounded input only: the length check aborts.
        expr += f".max({f.max_length}, {{ abort: true }})" if nested else f".max({f.max_length})"
    if pattern is not None:
        allowed = BOUNDED_REGEX.format(limit=f.max_length) if nested and f.max_length else ""
        expr += f".regex({allowed}{regex(pattern)})"
    return expr


def _decimal(f: BodyField) -> str:
    expr = "z.string()"
    if f.pattern is not None:
        expr += f".regex({regex(f.pattern)})"
    if f.minimum is not None:
        expr += f".refine((v) => Number(v) >= {_num(f.minimum)}, 'must be at least {f.minimum}')"
    if f.maximum is not None:
        expr += f".refine((v) => Number(v) <= {_num(f.maximum)}, 'must be at most {f.maximum}')"
    return expr


def scalar(f: BodyField) -> str:
    """The zod schema of one value of ``f`` as JSON carries it (no null, no many)."""
    if f.type == "enum" or f.choices:
        return f"z.enum({js(list(f.choices))})"
    if f.type in _TEXT:
        return _text(f)
    if f.type in ("int", "bigint", "id"):
        bounds = INT32 if f.type == "int" else SAFE
        low, high = _number_bounds(f, bounds)
        if f.type == "id":
            low = max(low, 1)
        return f"z.number().int().min({_num(low)}).max({_num(high)})"
    if f.type == "float":
        expr = "z.number()"
        if f.minimum is not None:
            expr += f".min({_num(f.minimum)})"
        if f.maximum is not None:
            expr += f".max({_num(f.maximum)})"
        return expr
    if f.type == "decimal":
        return _decimal(f)
    if f.type == "bool":
        return "z.boolean()"
    if f.type == "date":
        return "z.iso.date()"
    if f.type == "datetime":
        return "z.iso.datetime({ offset: true, local: true })"
    if f.type == "time":
        return f"z.string().regex({regex(TIME_PATTERN)})"
    if f.type == "uuid":
        return "z.guid()"
    return "z.json()"


def body_field(f: BodyField) -> str:
    """The zod schema of a request body key, with its nullability and presence."""
    expr = scalar(f)
    if f.many:
        expr = f"z.array({expr}).refine(unique, 'must not repeat a value')"
    if f.nullable and f.type != "json":
        expr += ".nullable()"
    if not f.required:
        expr += ".optional()"
    return expr


def body_schema(body: Body) -> list[tuple[str, str]]:
    """``(key, zod expression)`` for each key of a request body."""
    return [(f.name, body_field(f)) for f in body.fields if not f.readonly]


def query_scalar(f: BodyField) -> str:
    """A query-string value (always text) parsed into the type of ``f``."""
    if f.type in ("int", "bigint", "id", "float"):
        shape = r"^-?\d+$" if f.type != "float" else r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$"
        return f"z.string().regex({regex(shape)}).transform(Number).pipe({scalar(f)})"
    if f.type == "bool":
        return "z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')"
    if f.type == "json":
        return "z.string()"
    return scalar(f)


def query_param(param: QueryParam) -> str:
    expr = query_scalar(param.value)
    if not param.value.required:
        expr += ".optional()"
    return expr


def default_literal(param: QueryParam) -> str | None:
    """The TypeScript literal of a parameter's default (size, page), or None."""
    default = param.value.default
    if default is None or default.value is None:
        return None
    return js(default.value)
