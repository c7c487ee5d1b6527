"""The served side of the Fiber target: resource descriptors and routes as Go source."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from infranest.generate import tenancy
from infranest.generate.tables import ManyToMany, Table
from infranest.spec.exporters.api_types import (
    RANGE_SUFFIXES,
    Body,
    BodyField,
    Operation,
    QueryParam,
    Resource,
)
from infranest.spec.model import Default, Spec
from infranest.spec.names import to_camel, to_pascal

PERIOD_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_TYPES = {
    "file": "TURL",
    "datetime": "TDateTime",
    "url": "TURL",
    "uuid": "TUUID",
    "json": "TJSON",
    "id": "TID",
}
_INT_TYPES = ("int", "bigint")
_METHODS = {"get": "Get", "post": "Post", "put": "Put", "patch": "Patch", "delete": "Delete"}


def go_string(text: str) -> str:
    """A Go interpreted string literal."""
    return json.dumps(text, ensure_ascii=False)


def go_strings(items: tuple[str, ...] | list[str]) -> str:
    return "[]string{" + ", ".join(go_string(i) for i in items) + "}"


def go_regexp(pattern: str) -> str:
    text = f"`{pattern}`" if "`" not in pattern else go_string(pattern)
    return f"regexp.MustCompile({text})"


def go_number(value: float) -> str:
    return repr(int(value)) if float(value) == int(value) else repr(float(value))


def _type(f: BodyField) -> str:
    if f.many:
        return "TIDs"
    if f.type in _TYPES:
        return _TYPES[f.type]
    return "T" + to_pascal(f.type)


def _default(f: BodyField, default: Default | None) -> list[str]:
    if default is None or default.kind == "null":
        return []
    if default.kind in ("now", "today", "uuid"):
        return [f"DefaultFn: {go_string(default.kind)}"]
    value = default.value
    if f.type == "decimal":
        return [f"Default: {go_string(str(value))}"]
    if isinstance(value, bool):
        return [f"Default: {'true' if value else 'false'}"]
    if isinstance(value, int | float) and f.type in _INT_TYPES:
        return [f"Default: int64({int(value)})"]
    if isinstance(value, int | float):
        return [f"Default: float64({go_number(value)})"]
    return [f"Default: {go_string(str(value))}"]


def column_of(f: BodyField) -> str:
    """The column a body key is stored in (many-to-many keys have none)."""
    return "" if f.many else f.name


def field_literal(
    f: BodyField, join: ManyToMany | None = None, enum_values: tuple[str, ...] = ()
) -> str:
    """The Go ``Field`` literal of a body field."""
    parts = [f"Key: {go_string(f.name)}"]
    if not f.many:
        parts.append(f"Column: {go_string(column_of(f))}")
    parts.append(f"Type: {_type(f)}")
    if f.required:
        parts.append("Required: true")
    if f.nullable:
        parts.append("Nullable: true")
    if f.min_length:
        parts.append(f"MinLength: {f.min_length}")
    if f.max_length:
        parts.append(f"MaxLength: {f.max_length}")
    if f.pattern is not None:
        parts.append(f"Pattern: {go_regexp(f.pattern)}")
    if f.minimum is not None:
        parts.append(f"Min: num({go_number(f.minimum)})")
    if f.maximum is not None:
        parts.append(f"Max: num({go_number(f.maximum)})")
    if f.type == "decimal":
        parts.append(f"Scale: {f.scale or 0}")
    choices = f.choices or enum_values
    if choices and not f.many:
        parts.append(f"Choices: {go_strings(choices)}")
    parts += _default(f, f.default)
    if f.read_roles:
        parts.append(f"ReadRoles: {go_strings(f.read_roles)}")
    if f.write_roles:
        parts.append(f"WriteRoles: {go_strings(f.write_roles)}")
    if join is not None:
        parts.append(
            "Join: &Join{"
            f"Table: {go_string(join.table)}, Local: {go_string(join.local_column)}, "
            f"Remote: {go_string(join.remote_column)}, Target: {go_string(join.target_table)}"
            "}"
        )
    return "{" + ", ".join(parts) + "}"


def fields_literal(spec: Spec, body: Body | None, table: Table | None) -> str:
    if body is None:
        return "nil"
    joins = {m.key: m for m in table.many} if table is not None else {}
    lines = []
    for f in body.fields:
        if f.type == "ref":
            continue
        enum = spec.enum_def(f.enum) if f.type == "enum" and f.enum else None
        values = tuple(v.name for v in enum.values) if enum is not None else ()
        lines.append("\t\t" + field_literal(f, joins.get(f.name), values) + ",")
    return "[]Field{\n" + "\n".join(lines) + "\n\t}"


def _filter(spec: Spec, p: QueryParam) -> str:
    op = p.op or "eq"
    column = p.name.removesuffix(RANGE_SUFFIXES[op]) if RANGE_SUFFIXES[op] else p.name
    enum = spec.enum_def(p.value.enum) if p.value.type == "enum" and p.value.enum else None
    values = tuple(v.name for v in enum.values) if enum is not None else ()
    value = field_literal(p.value, None, values)
    return (
        f"{{Param: {go_string(p.name)}, Column: {go_string(column)}, Op: {go_string(op)}, "
        f"Value: Field{value}}}"
    )


def op_literal(op: Operation) -> str:
    parts = [f"ID: {go_string(op.operation_id)}", f"Principals: {go_strings(op.principals)}"]
    if op.limits:
        limits = ", ".join(
            f"{{Count: {lim.count}, Period: {PERIOD_SECONDS[lim.period]}, "
            f"Scope: {go_string(lim.scope)}}}"
            for lim in op.limits
        )
        parts.append(f"Limits: []Limit{{{limits}}}")
    if op.idempotent:
        parts.append("Idempotent: true")
    return "Op{" + ", ".join(parts) + "}"


@dataclass(frozen=True)
class ActionStub:
    func: str
    name: str
    entity: str
    scope: str


@dataclass(frozen=True)
class ResourceCode:
    """The Go source of one resource: its descriptor, routes and action stubs."""

    resource: Resource
    var: str
    file: str
    literal: str
    routes: tuple[str, ...]
    actions: tuple[ActionStub, ...]


def fiber_path(path: str) -> str:
    """The Fiber route of a contract path: ``/orders/{id}`` → ``/orders/:id``."""
    return re.sub(r"\{(\w+)\}", r":\1", path)


def route_line(var: str, op: Operation, action_func: str | None) -> str:
    method = _METHODS[op.method]
    path = go_string(fiber_path(op.path))
    handler = {
        "list": "List",
        "create": "Create",
        "read": "Read",
        "update": "Update",
        "delete": "Delete",
    }.get(op.kind)
    if handler is not None:
        return f"app.{method}({path}, h.{handler}(&{var}, {op_literal(op)}))"
    kind = "ItemAction" if "{id}" in op.path else "CollectionAction"
    return f"app.{method}({path}, h.{kind}(&{var}, {op_literal(op)}, {action_func}))"


def _paging(resource: Resource) -> str:
    p = resource.pagination
    return f"Paging{{Mode: {go_string(p.style)}, Size: {p.size}, Max: {max(p.max_size, p.size)}}}"


def parent_literal(parent: tenancy.Parent) -> str:
    """The Go ``Parent`` of a body relation to a tenant-scoped table."""
    key, table, column = (go_string(x) for x in (parent.key, parent.table, parent.tenant))
    return f"{{Key: {key}, Table: {table}, Tenant: {column}}}"


def tenancy_literal(spec: Spec) -> str:
    """The Go ``[]TenantSource`` a user's tenants are read from (nil without tenancy)."""
    found = tenancy.sources(spec)
    if not found:
        return "nil"
    items = [
        f"{{Table: {go_string(s.table)}, Tenant: {go_string(s.tenant)}, "
        f"Owner: {go_string(s.owner)}, SoftDelete: {'true' if s.soft_delete else 'false'}}}"
        for s in found
    ]
    return "[]TenantSource{\n\t" + ",\n\t".join(items) + ",\n}"


def resource_code(spec: Spec, resource: Resource, table: Table) -> ResourceCode:
    entity = spec.entity(resource.entity)
    assert entity is not None
    var = to_camel(resource.plural) + "Resource"
    owner = entity.owner_field
    tenant = tenancy.tenant_column(spec, entity)
    parents = tenancy.parents(spec, resource)
    sort: list[str] = []
    filters: list[str] = []
    for p in resource.list_params:
        if p.role == "sort":
            sort = [c for c in p.value.choices if not c.startswith("-")]
        elif p.role == "filter":
            filters.append(_filter(spec, p))
    search = list(entity.search)
    lines = [
        f"Name: {go_string(resource.name)}",
        f"Table: {go_string(table.name)}",
        f"Read: {fields_literal(spec, resource.read, table)}",
        f"Create: {fields_literal(spec, resource.create, table)}",
        f"Update: {fields_literal(spec, resource.update, table)}",
    ]
    if owner is not None:
        lines.append(f"Owner: {go_string(owner.name + '_id')}")
    if tenant is not None:
        lines.append(f"Tenant: {go_string(tenant)}")
    if parents:
        items = ",\n\t\t".join(map(parent_literal, parents))
        lines.append("Parents: []Parent{\n\t\t" + items + ",\n\t}")
    for flag, on in (
        ("SoftDelete", resource.soft_delete),
        ("Versioned", resource.optimistic_lock),
        ("Timestamps", resource.timestamps),
    ):
        if on:
            lines.append(f"{flag}: true")
    if search:
        lines.append(f"Search: {go_strings(search)}")
    if sort:
        lines.append(f"Sort: {go_strings(sort)}")
    if filters:
        lines.append("Filters: []Filter{\n\t\t" + ",\n\t\t".join(filters) + ",\n\t}")
    lines.append(f"Paging: {_paging(resource)}")
    literal = "Resource{\n\t" + ",\n\t".join(lines) + ",\n}"
    actions: list[ActionStub] = []
    routes: list[str] = []
    for op in resource.operations:
        func = None
        if op.kind == "action" and op.action is not None:
            func = to_camel(resource.name) + to_pascal(op.action) + "Action"
            scope = "item" if "{id}" in op.path else "collection"
            actions.append(ActionStub(func, op.action, resource.entity, scope))
        routes.append(route_line(var, op, func))
    return ResourceCode(
        resource=resource,
        var=var,
        file=resource.plural,
        literal=literal,
        routes=tuple(routes),
        actions=tuple(actions),
    )
