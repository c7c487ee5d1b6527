"""OpenAPI property schemas → spec fields: types, constraints, enums and defaults.

Relations are decided by the entity collector (``openapi_entities``); this module maps the
properties that hold a value. Every keyword it cannot express becomes a warning that names
it; documentation keywords (``description``, ``title``, ``example``, ``xml``...) and ``x-``
extensions are ignored without one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from infranest.spec.importers.openapi_common import Document, as_dict, as_list, child
from infranest.spec.model import Default, EnumDef, EnumValue, FieldDef
from infranest.spec.names import IDENTIFIER, to_pascal, to_snake

STRING_LENGTH_LIMIT = 255
DECIMAL_PRECISION = 18  # when only the scale of a decimal is known
_ANNOTATIONS = frozenset(
    {"description", "title", "example", "examples", "externalDocs", "xml", "$comment", "$id"}
)
_COMMON = frozenset({"type", "nullable", "readOnly", "writeOnly", "default"})
_TEXT_KEYS = frozenset({"minLength", "maxLength", "pattern"})
_NUMBER_KEYS = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"})
_STRING_FORMATS: dict[str, str] = {
    "email": "email",
    "idn-email": "email",
    "uri": "url",
    "url": "url",
    "iri": "url",
    "uri-reference": "url",
    "uuid": "uuid",
    "date": "date",
    "date-time": "datetime",
    "time": "time",
    "binary": "file",
    "byte": "file",
    "password": "string",
    "decimal": "decimal",
}
_DECIMAL_PATTERN = re.compile(r"^\^?\\d\{(?:0,|1,)?(\d+)\}\(\\\.\\d\{(?:0,|1,)?(\d+)\}\)\??\$?$")


@dataclass(frozen=True)
class View:
    """A property schema with references, one-part ``allOf`` and null variants taken off."""

    schema: dict[str, Any]
    at: str
    nullable: bool
    ref_name: str | None


def is_null_schema(node: object) -> bool:
    schema = as_dict(node)
    return schema.get("type") == "null" or schema.get("enum") == [None]


def unwrap(doc: Document, schema: dict[str, Any], where: str) -> View:
    """Look through ``$ref`` (keeping sibling keywords), ``allOf: [one]`` and the
    ``anyOf``/``oneOf: [X, null]`` spelling of an optional ``X``."""
    current, at, nullable, ref_name = dict(schema), where, False, None
    for _ in range(16):
        if "$ref" in current:
            ref_name = Document.schema_name(current) or ref_name
            siblings = {k: v for k, v in current.items() if k != "$ref"}
            target, at = doc.resolve({"$ref": current["$ref"]}, at)
            current = {**target, **siblings}
            continue
        key = "anyOf" if "anyOf" in current else "oneOf"
        variants = as_list(current.get(key))
        rest = [v for v in variants if not is_null_schema(v)]
        if variants and len(rest) == 1 and len(rest) < len(variants):
            nullable = True
            at = child(at, key, variants.index(rest[0]))
            current = {**{k: v for k, v in current.items() if k != key}, **as_dict(rest[0])}
            continue
        parts = as_list(current.get("allOf"))
        if len(parts) == 1:
            at = child(at, "allOf", 0)
            current = {**{k: v for k, v in current.items() if k != "allOf"}, **as_dict(parts[0])}
            continue
        break
    types = current.get("type")
    if isinstance(types, list):
        nullable = nullable or "null" in types
    nullable = nullable or current.get("nullable") is True or None in as_list(current.get("enum"))
    return View(current, at, nullable, ref_name)


def json_type(schema: dict[str, Any]) -> str | None:
    """The one non-null JSON type a schema declares (``multi`` when it declares several)."""
    types = schema.get("type")
    if isinstance(types, list):
        named = [t for t in types if t != "null"]
        if len(named) > 1:
            return "multi"
        return str(named[0]) if named else None
    return str(types) if isinstance(types, str) else None


def enum_members(values: list[Any]) -> tuple[EnumValue, ...]:
    """Identifiers for enum values; a value that is no identifier keeps its text as label."""
    members: list[EnumValue] = []
    used: set[str] = set()
    for raw in values:
        text = str(raw)
        name = text if IDENTIFIER.match(text) else to_snake(text)
        if not name.strip("_"):
            name = "empty" if text == "" else "value"
        base, n = name, 2
        while name in used:
            name, n = f"{base}_{n}", n + 1
        used.add(name)
        members.append(EnumValue(name=name, label=None if name == text else text))
    return tuple(members)


class EnumRegistry:
    """The enums of the spec, reused when the same name already holds the same values."""

    def __init__(self, reserved: set[str]) -> None:
        self.defs: dict[str, EnumDef] = {}
        self.reserved = reserved
        self.places: dict[str, str] = {}  # "enum:X" → pointer of its first definition

    def add(self, name: str, values: list[Any], at: str, description: str | None = None) -> EnumDef:
        members = enum_members(values)
        candidate, n = name, 2
        while True:
            existing = self.defs.get(candidate)
            if existing is not None and existing.values == members:
                return existing
            if existing is None and candidate not in self.reserved:
                break
            candidate, n = f"{name}{n}", n + 1
        enum = EnumDef(name=candidate, description=description, values=members)
        self.defs[candidate] = enum
        self.places[f"enum:{candidate}"] = at
        return enum


def _decimal_scale(step: object) -> int | None:
    """The scale a ``multipleOf`` gives when it is a power of ten below one (0.01 → 2)."""
    try:
        value = Decimal(str(step))
    except InvalidOperation:
        return None
    if value <= 0 or value >= 1:
        return None
    exponent = value.normalize().as_tuple().exponent
    if not isinstance(exponent, int) or value != Decimal(1).scaleb(exponent):
        return None
    return -exponent


class FieldMapper:
    """Maps value-holding property schemas to fields of one spec."""

    def __init__(self, doc: Document, enums: EnumRegistry) -> None:
        self.doc = doc
        self.enums = enums

    def value_field(
        self, entity: str, name: str, schema: dict[str, Any], where: str, required: bool
    ) -> FieldDef:
        view = unwrap(self.doc, schema, where)
        s, at = view.schema, view.at
        used: set[str] = set(_COMMON)
        attrs: dict[str, Any] = {"name": name, "optional": not required or view.nullable}
        kind = json_type(s)
        label = f"{entity}.{name}"
        if "enum" in s:
            used |= {"enum", "format"} | _TEXT_KEYS
            attrs.update(self._enum(entity, name, view, kind))
        elif kind == "string":
            used |= self._string(s, at, label, attrs)
        elif kind == "integer":
            used.add("format")
            fmt = s.get("format")
            attrs["type"] = "bigint" if fmt == "int64" else "int"
            if fmt not in (None, "int32", "int64"):
                self.doc.warn(f"{label}: integer format {fmt!r} not representable; int used", at)
            used |= self._numbers(s, at, label, attrs)
        elif kind == "number":
            used |= self._number(s, at, label, attrs)
        elif kind == "boolean":
            attrs["type"] = "bool"
        else:
            attrs["type"] = "json"
            used |= self._json(s, at, label, kind)
        self._flags(s, at, label, attrs)
        leftover = sorted(
            k for k in s if k not in used and k not in _ANNOTATIONS and not k.startswith("x-")
        )
        if leftover:
            keywords = ", ".join(leftover)
            self.doc.warn(f"{label}: schema keywords not representable: {keywords}", at)
        return FieldDef(**attrs)

    def _enum(self, entity: str, name: str, view: View, kind: str | None) -> dict[str, Any]:
        values = [v for v in as_list(view.schema.get("enum")) if v is not None]
        label = f"{entity}.{name}"
        if values and all(isinstance(v, str) for v in values) and kind in (None, "string"):
            if view.ref_name is not None:
                enum_name = to_pascal(view.ref_name)
            else:
                enum_name = entity + to_pascal(name)
            enum = self.enums.add(enum_name, values, view.at)
            return {"type": "enum", "enum": enum.name}
        if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            self.doc.warn(f"{label}: integer enum {values} not representable; int used", view.at)
            return {"type": "int", "min": min(values), "max": max(values)}
        self.doc.warn(f"{label}: enum {values} is not an enum of strings; json used", view.at)
        return {"type": "json"}

    def _string(self, s: dict[str, Any], at: str, label: str, attrs: dict[str, Any]) -> set[str]:
        used = {"format", "contentEncoding", "contentMediaType"}
        fmt = s.get("format")
        target = _STRING_FORMATS.get(str(fmt), "string") if fmt is not None else "string"
        if fmt is not None and fmt not in _STRING_FORMATS:
            self.doc.warn(f"{label}: string format {fmt!r} not representable; string used", at)
        if fmt is None and ("contentEncoding" in s or "contentMediaType" in s):
            target = "file"
        attrs["type"] = target
        if fmt == "password":
            attrs["writeonly"] = True
        if target == "decimal":
            used.add("pattern")
            attrs.update(self._decimal_from_pattern(s.get("pattern")))
            return used
        if target in ("string", "email", "url"):
            used |= _TEXT_KEYS
            max_length = s.get("maxLength")
            if isinstance(max_length, int) and target == "string":
                if max_length <= STRING_LENGTH_LIMIT:
                    attrs["length"] = max_length
                else:
                    attrs["type"] = "text"
                    attrs["max_length"] = max_length
            elif isinstance(max_length, int):
                attrs["max_length"] = max_length
            if isinstance(s.get("minLength"), int):
                attrs["min_length"] = s["minLength"]
            if isinstance(s.get("pattern"), str):
                attrs["pattern"] = s["pattern"]
        return used

    @staticmethod
    def _decimal_from_pattern(pattern: object) -> dict[str, Any]:
        """``^\\d{0,18}(\\.\\d{0,2})?$`` → decimal(20, 2); else the scale-2 default."""
        match = _DECIMAL_PATTERN.match(pattern) if isinstance(pattern, str) else None
        if match is None:
            return {"precision": DECIMAL_PRECISION, "scale": 2}
        whole, scale = int(match.group(1)), int(match.group(2))
        return {"precision": whole + scale, "scale": scale}

    def _number(self, s: dict[str, Any], at: str, label: str, attrs: dict[str, Any]) -> set[str]:
        fmt = s.get("format")
        scale = _decimal_scale(s["multipleOf"]) if "multipleOf" in s else None
        if fmt == "decimal" or scale is not None:
            attrs.update(type="decimal", precision=DECIMAL_PRECISION, scale=scale or 2)
        else:
            attrs["type"] = "float"
            if fmt not in (None, "float", "double"):
                self.doc.warn(f"{label}: number format {fmt!r} not representable; float used", at)
        used = {"format"} | self._numbers(s, at, label, attrs)
        if scale is not None:
            used.add("multipleOf")
        return used

    def _numbers(self, s: dict[str, Any], at: str, label: str, attrs: dict[str, Any]) -> set[str]:
        """minimum/maximum and their exclusive forms (3.0 flags or 3.1 numbers)."""
        integral = attrs["type"] in ("int", "bigint")
        for bound, exclusive, step in (
            ("minimum", "exclusiveMinimum", 1),
            ("maximum", "exclusiveMaximum", -1),
        ):
            value = s.get(bound)
            flag = s.get(exclusive)
            if isinstance(flag, int | float) and not isinstance(flag, bool):
                value, flag = flag, True
            if not isinstance(value, int | float) or isinstance(value, bool):
                continue
            if flag is True and integral:
                value = math.floor(value) + 1 if step > 0 else math.ceil(value) - 1
            elif flag is True:
                self.doc.warn(f"{label}: {exclusive} not representable; bound kept inclusive", at)
            attrs["min" if step > 0 else "max"] = value
        return set(_NUMBER_KEYS)

    def _json(self, s: dict[str, Any], at: str, label: str, kind: str | None) -> set[str]:
        """Warn about what a json field loses; free-form objects lose nothing."""
        if kind == "object" and not as_dict(s.get("properties")):
            return {"additionalProperties", "properties", "required"}
        if kind == "array":
            self.doc.warn(f"{label}: array of values stored as json", at)
            return {"items", "minItems", "maxItems", "uniqueItems"}
        if kind == "object" or "properties" in s or "allOf" in s:
            self.doc.warn(f"{label}: nested object without an id stored as json", at)
            return {"properties", "required", "additionalProperties", "allOf"}
        if "oneOf" in s or "anyOf" in s:
            self.doc.warn(f"{label}: oneOf/anyOf alternatives stored as json", at)
            return {"oneOf", "anyOf", "discriminator"}
        if kind == "multi":
            self.doc.warn(f"{label}: several types {s.get('type')} stored as json", at)
        elif kind is None:
            self.doc.warn(f"{label}: schema declares no type; stored as json", at)
        return set()

    def _flags(self, s: dict[str, Any], at: str, label: str, attrs: dict[str, Any]) -> None:
        if s.get("readOnly") is True:
            attrs["readonly"] = True
        if s.get("writeOnly") is True:
            attrs["writeonly"] = True
        if "default" in s:
            default = self._default(s["default"], attrs)
            if default is None:
                self.doc.warn(f"{label}: default {s['default']!r} not representable", at)
            else:
                attrs["default"] = default

    def _default(self, value: object, attrs: dict[str, Any]) -> Default | None:
        if value is None:
            return Default(kind="null")
        if attrs["type"] == "enum":
            enum = self.enums.defs[attrs["enum"]]
            labels = {m.label or m.name: m.name for m in enum.values}
            member = labels.get(str(value))
            return None if member is None else Default(kind="enum", value=member)
        if isinstance(value, bool):
            return Default(kind="bool", value=value)
        if isinstance(value, int | float):
            return Default(kind="number", value=value)
        if isinstance(value, str):
            return Default(kind="string", value=value)
        return None
