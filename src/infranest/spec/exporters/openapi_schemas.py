"""JSON Schema (OpenAPI 3.1) for the values of an API shape: bodies, keys, parameters."""

from __future__ import annotations

from typing import Any

from infranest.spec.exporters.api_types import ApiEnum, Body, BodyField, QueryParam
from infranest.spec.model import Default

Schema = dict[str, Any]

_FORMATS: dict[str, Schema] = {
    "string": {"type": "string"},
    "text": {"type": "string"},
    "email": {"type": "string", "format": "email"},
    "url": {"type": "string", "format": "uri"},
    "file": {"type": "string", "format": "uri"},
    "uuid": {"type": "string", "format": "uuid"},
    "date": {"type": "string", "format": "date"},
    "datetime": {"type": "string", "format": "date-time"},
    "time": {"type": "string", "format": "time"},
    "decimal": {"type": "string", "format": "decimal"},
    "int": {"type": "integer", "format": "int32"},
    "bigint": {"type": "integer", "format": "int64"},
    "id": {"type": "integer", "format": "int64"},
    "float": {"type": "number", "format": "double"},
    "bool": {"type": "boolean"},
    "json": {},
}
_LENGTHS = frozenset({"string", "text", "email", "url", "file", "uuid", "decimal"})
_BOUNDS = frozenset({"int", "bigint", "id", "float"})
_SERVER_DEFAULTS = {
    "now": "the current time",
    "today": "the current date",
    "uuid": "a new UUID",
}


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def _base(f: BodyField) -> Schema:
    if f.type == "ref" and f.ref is not None:
        return ref(f.ref)
    if f.type == "enum" and f.enum is not None:
        return ref(f.enum)
    schema = dict(_FORMATS[f.type])
    if f.choices:
        schema["enum"] = list(f.choices)
    if f.type in _LENGTHS:
        for key, value in (
            ("minLength", f.min_length),
            ("maxLength", f.max_length),
            ("pattern", f.pattern),
        ):
            if value is not None:
                schema[key] = value
    if f.type in _BOUNDS:
        for key, bound in (("minimum", f.minimum), ("maximum", f.maximum)):
            if bound is not None:
                schema[key] = bound
    return schema


def _nullable(schema: Schema) -> Schema:
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    if "type" not in schema:
        return schema
    result = dict(schema)
    result["type"] = [schema["type"], "null"]
    if "enum" in schema:
        result["enum"] = [*schema["enum"], None]
    return result


def _notes(f: BodyField) -> list[str]:
    notes = [f.description] if f.description else []
    if f.type == "id" and f.target is not None and f.name != "id":
        notes.append(f"Id{'s' if f.many else ''} of {f.target} rows.")
    if f.type == "decimal":
        bounds = [
            f"at least {f.minimum}" if f.minimum is not None else "",
            f"at most {f.maximum}" if f.maximum is not None else "",
        ]
        shown = " and ".join(b for b in bounds if b)
        notes.append(f"A decimal number as a string{', ' + shown if shown else ''}.")
    if f.type == "file":
        notes.append("The URL of the stored file.")
    if f.type == "json":
        notes.append("Any JSON value.")
    if f.default is not None and f.default.kind in _SERVER_DEFAULTS:
        notes.append(f"Defaults to {_SERVER_DEFAULTS[f.default.kind]}.")
    if f.read_roles:
        notes.append(f"Present only for: {', '.join(f.read_roles)}.")
    if f.write_roles:
        notes.append(f"Settable only by: {', '.join(f.write_roles)}.")
    return notes


def _default(default: Default) -> tuple[bool, Any]:
    if default.kind in _SERVER_DEFAULTS:
        return False, None
    return True, None if default.kind == "null" else default.value


def field_schema(f: BodyField) -> Schema:
    """The schema of one key or parameter value."""
    schema = _base(f)
    if f.many:
        schema = {"type": "array", "items": schema}
        if f.type == "id":
            schema["uniqueItems"] = True
    if f.nullable:
        schema = _nullable(schema)
    notes = _notes(f)
    if notes:
        schema["description"] = " ".join(notes)
    if f.default is not None:
        has_default, value = _default(f.default)
        if has_default:
            schema["default"] = value
    if f.readonly:
        schema["readOnly"] = True
    if f.writeonly:
        schema["writeOnly"] = True
    return schema


def body_schema(body: Body) -> Schema:
    schema: Schema = {"type": "object"}
    if body.description:
        schema["description"] = body.description
    schema["properties"] = {f.name: field_schema(f) for f in body.fields}
    if body.required:
        schema["required"] = list(body.required)
    if body.closed:
        schema["additionalProperties"] = False
    return schema


def enum_schema(enum: ApiEnum) -> Schema:
    schema: Schema = {"type": "string"}
    if enum.description:
        schema["description"] = enum.description
    schema["enum"] = list(enum.values)
    return schema


def parameter(param: QueryParam) -> Schema:
    result: Schema = {"name": param.name, "in": param.location}
    if param.description:
        result["description"] = param.description
    result["required"] = param.location == "path" or param.value.required
    result["schema"] = field_schema(param.value)
    return result
