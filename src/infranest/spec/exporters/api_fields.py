"""How spec fields become body keys and list parameters, and how names become plural."""

from __future__ import annotations

from dataclasses import replace

from infranest.spec.diagnostics import Diagnostic, error, warning
from infranest.spec.exporters.api_types import (
    CURSOR_MAX_LENGTH,
    DEFAULT_STRING_LENGTH,
    EMAIL_MAX_LENGTH,
    RANGE_SUFFIXES,
    RANGE_TYPES,
    URL_MAX_LENGTH,
    ApiType,
    Body,
    BodyField,
    FilterOp,
    ParamRole,
    QueryParam,
)
from infranest.spec.inflect import pluralize
from infranest.spec.model import TEXT_TYPES, Default, Entity, FieldDef, Pagination, Spec
from infranest.spec.names import words

_SCALAR_API: dict[str, ApiType] = {
    "string": "string",
    "text": "text",
    "int": "int",
    "bigint": "bigint",
    "decimal": "decimal",
    "float": "float",
    "bool": "bool",
    "date": "date",
    "datetime": "datetime",
    "time": "time",
    "uuid": "uuid",
    "email": "email",
    "url": "url",
    "json": "json",
    "file": "file",
}
# Values no list parameter can compare: any JSON, file references, arrays.
_UNCOMPARABLE: frozenset[str] = frozenset({"json", "file"})


def plural_words(name: str) -> list[str]:
    """``OrderItem`` → ``["order", "items"]``: only the last word is made plural."""
    parts = words(name) or ["item"]
    return [*parts[:-1], pluralize(parts[-1])]


def plural_snake(name: str) -> str:
    return "_".join(plural_words(name))


def decimal_pattern(precision: int | None, scale: int | None, *, signed: bool = True) -> str:
    """The pattern a decimal's JSON string matches: at most ``precision - scale`` integer
    digits and ``scale`` fraction digits (``-`` allowed when ``signed``)."""
    sign = "-?" if signed else ""
    if precision is None:
        return f"^{sign}\\d+(\\.\\d+)?$"
    fraction_digits = scale or 0
    whole = precision - fraction_digits
    integer = f"\\d{{1,{whole}}}" if whole > 0 else "0"
    fraction = f"(\\.\\d{{1,{fraction_digits}}})?" if fraction_digits > 0 else ""
    return f"^{sign}{integer}{fraction}$"


def _max_length(f: FieldDef) -> int | None:
    if f.type == "string":
        limit = f.length or DEFAULT_STRING_LENGTH
        return min(limit, f.max_length) if f.max_length is not None else limit
    if f.type == "email":
        return f.max_length or EMAIL_MAX_LENGTH
    if f.type == "url":
        return f.max_length or URL_MAX_LENGTH
    if f.type == "file":
        return URL_MAX_LENGTH
    return f.max_length


class FieldMapper:
    """Maps an entity's fields to body keys; errors for unknown enums/targets go to
    ``diagnostics``."""

    def __init__(self, spec: Spec, diagnostics: list[Diagnostic]) -> None:
        self.spec = spec
        self.auth = spec.project.auth.enabled
        self.diagnostics = diagnostics

    def server_set(self, f: FieldDef) -> bool:
        """Whether the server, not the client, sets the field (readonly, owner, tenant)."""
        return f.readonly or (self.auth and (f.owner or f.tenant))

    def value(self, entity: Entity, f: FieldDef) -> BodyField | None:
        """The field as a read-body key, or None when it appears in no body."""
        base = self._typed(entity, f)
        if base is None:
            return None
        access = f.access
        return replace(
            base,
            source=f.name,
            nullable=f.optional and not base.many,
            readonly=self.server_set(f),
            writeonly=f.writeonly,
            read_roles=access.read if access else (),
            write_roles=access.write if access else (),
        )

    def _typed(self, entity: Entity, f: FieldDef) -> BodyField | None:
        where = f"entities[{entity.name}].fields[{f.name}]"
        if f.type == "relation":
            if f.target is None or self.spec.entity(f.target) is None:
                self.diagnostics.append(
                    error(
                        "unknown-entity",
                        f"relation target {f.target!r} is not an entity",
                        path=where,
                    )
                )
                return None
            if f.cardinality == "many_to_many":
                return BodyField(
                    name=f"{f.name}_ids", type="id", many=True, target=f.target, minimum=1
                )
            if not f.has_column:
                return None
            unique = f.unique or f.cardinality == "one_to_one"
            return BodyField(
                name=f"{f.name}_id",
                type="id",
                target=f.target,
                unique=unique,
                default=f.default,
                minimum=1,
            )
        if f.type == "enum":
            enum_def = self.spec.enum_def(f.enum or "")
            if enum_def is None:
                self.diagnostics.append(
                    error("unknown-enum", f"enum {f.enum!r} is not defined", path=where)
                )
                return None
            choices = tuple(v.name for v in enum_def.values)
            return BodyField(
                name=f.name,
                type="enum",
                enum=f.enum,
                choices=choices,
                unique=f.unique,
                default=f.default,
            )
        return self._scalar(f)

    def _scalar(self, f: FieldDef) -> BodyField:
        pattern = f.pattern
        if f.type == "decimal":
            signed = f.min is None or f.min < 0
            pattern = decimal_pattern(f.precision, f.scale, signed=signed)
        default = f.default
        if f.type == "decimal" and default is not None and default.kind == "number":
            default = Default(kind="string", value=str(default.value))
        return BodyField(
            name=f.name,
            type=_SCALAR_API[f.type],
            max_length=_max_length(f),
            min_length=f.min_length,
            pattern=pattern,
            minimum=f.min,
            maximum=f.max,
            precision=f.precision,
            scale=f.scale,
            default=default,
            unique=f.unique,
        )

    def read_fields(self, entity: Entity) -> tuple[BodyField, ...]:
        """``id``, every field but writeonly ones, timestamps and ``version``."""
        fields = [BodyField(name="id", type="id", target=entity.name, readonly=True, minimum=1)]
        for f in entity.fields:
            value = self.value(entity, f)
            if value is None or f.writeonly:
                continue
            fields.append(replace(value, required=not value.read_roles))
        if entity.timestamps:
            fields.extend(
                BodyField(name=n, type="datetime", readonly=True)
                for n in ("created_at", "updated_at")
            )
        if entity.optimistic_lock:
            fields.append(BodyField(name="version", type="int", readonly=True, minimum=1))
        return tuple(fields)

    def input_fields(self, entity: Entity, *, update: bool) -> tuple[BodyField, ...]:
        """Create (``update`` False) or update body keys: every field the client may set."""
        fields: list[BodyField] = []
        for f in entity.fields:
            value = self.value(entity, f)
            if value is None or value.readonly:
                continue
            required = not (update or f.optional or f.default is not None or value.many)
            fields.append(
                replace(value, required=required, default=None if update else value.default)
            )
        if update and entity.optimistic_lock:
            fields.append(
                BodyField(
                    name="version",
                    type="int",
                    minimum=1,
                    description="The version last read; a stale version answers 409.",
                )
            )
        return tuple(fields)


def page_body(entity: str, pagination: Pagination) -> Body:
    """The list envelope: ``items`` plus ``total``/``page``/``size`` or ``next_cursor``."""
    fields = [BodyField(name="items", type="ref", ref=entity, many=True)]
    if pagination.style == "offset":
        fields += [
            BodyField(name="total", type="int", minimum=0),
            BodyField(name="page", type="int", minimum=1),
            BodyField(name="size", type="int", minimum=1, maximum=pagination.max_size),
        ]
    elif pagination.style == "cursor":
        fields.append(
            BodyField(
                name="next_cursor",
                type="string",
                nullable=True,
                max_length=CURSOR_MAX_LENGTH,
                description="Pass as `cursor` for the next page; null on the last page.",
            )
        )
    return Body(f"{entity}Page", tuple(fields), description=f"A page of {entity} items.")


def _param(name: str, role: ParamRole, value: BodyField, description: str) -> QueryParam:
    value = replace(value, name=name, required=False)
    return QueryParam(name=name, role=role, value=value, description=description)


IMPLICIT_LIST_KEYS = ("id", "created_at", "updated_at")


def list_params(
    entity: Entity, read: Body, pagination: Pagination, diagnostics: list[Diagnostic]
) -> tuple[QueryParam, ...]:
    """Pagination, ``q``, ``sort`` and filter parameters of ``GET /{plural}``."""
    params: list[QueryParam] = []
    size = BodyField(
        name="size",
        type="int",
        minimum=1,
        maximum=pagination.max_size,
        default=Default(kind="number", value=min(pagination.size, pagination.max_size)),
    )
    if pagination.style == "offset":
        page = BodyField(
            name="page", type="int", minimum=1, default=Default(kind="number", value=1)
        )
        params.append(_param("page", "page", page, "Page number, from 1."))
        params.append(_param("size", "size", size, "Items per page."))
    elif pagination.style == "cursor":
        cursor = BodyField(name="cursor", type="string", max_length=CURSOR_MAX_LENGTH)
        params.append(_param("cursor", "cursor", cursor, "The `next_cursor` of the previous page."))
        params.append(_param("size", "size", size, "Items per page."))
    lookup = _Lookup(entity, read, diagnostics)
    searched = [f.name for f in lookup.fields("search", entity.search)]
    if searched:
        q = BodyField(name="q", type="string", max_length=DEFAULT_STRING_LENGTH)
        params.append(
            _param("q", "search", q, f"Case-insensitive substring of {', '.join(searched)}.")
        )
    sort_keys = [k.name for k in lookup.fields("sort", entity.sort)]
    if sort_keys:
        choices = tuple(c for k in sort_keys for c in (k, f"-{k}"))
        value = BodyField(name="sort", type="string", choices=choices)
        params.append(_param("sort", "sort", value, "A sortable key, `-` first for descending."))
    for key in lookup.fields("filter", entity.filter):
        params.extend(filter_params(key))
    return tuple(params)


def filter_params(key: BodyField) -> list[QueryParam]:
    """Equality on ``key``, and ``__gte``/``__lte`` when its type is ordered."""
    value = BodyField(
        name=key.name,
        type=key.type,
        enum=key.enum,
        choices=key.choices,
        target=key.target,
        precision=key.precision,
        scale=key.scale,
        pattern=decimal_pattern(key.precision, key.scale) if key.type == "decimal" else None,
        minimum=1 if key.type == "id" else None,
    )
    ops: list[FilterOp] = ["eq", "gte", "lte"] if key.type in RANGE_TYPES else ["eq"]
    texts = {"eq": "equal to", "gte": "at least", "lte": "at most"}
    return [
        QueryParam(
            name=key.name + RANGE_SUFFIXES[op],
            role="filter",
            value=replace(value, name=key.name + RANGE_SUFFIXES[op], required=False),
            source=key.source,
            op=op,
            description=f"Only items whose {key.name} is {texts[op]} this.",
        )
        for op in ops
    ]


class _Lookup:
    """Finds the read-body key of each field a search/sort/filter clause names, warning
    about (and skipping) those no list parameter can serve."""

    def __init__(self, entity: Entity, read: Body, diagnostics: list[Diagnostic]) -> None:
        self.entity = entity
        self.keys = {f.source: f for f in read.fields if f.source is not None}
        # The generated columns a list can also be sorted and filtered by.
        for f in read.fields:
            if f.source is None and f.name in IMPLICIT_LIST_KEYS:
                self.keys[f.name] = f
        self.diagnostics = diagnostics

    def fields(self, clause: str, names: tuple[str, ...]) -> list[BodyField]:
        found: list[BodyField] = []
        for name in names:
            reason = self._reason(clause, name)
            if reason is None:
                found.append(self.keys[name])
                continue
            self.diagnostics.append(
                warning(
                    f"unservable-{clause}",
                    f"{clause} on {self.entity.name}.{name} is left out of the API: {reason}",
                    path=f"entities[{self.entity.name}].{clause}[{name}]",
                )
            )
        return found

    def _reason(self, clause: str, name: str) -> str | None:
        if self.entity.field(name) is None and name not in self.keys:
            return "no such field"
        key = self.keys.get(name)
        if key is None:
            return "the field is in no response body (writeonly or a to-many relation)"
        if key.many or key.type in _UNCOMPARABLE:
            return f"{key.type}{' lists' if key.many else ''} cannot be compared"
        if key.read_roles:
            return "the field is visible to some roles only"
        if clause == "search" and key.type not in TEXT_TYPES:
            return "only string, text, email and url fields can be searched"
        return None
