"""The template context of the Express target, built from the ProjectView."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from infranest.generate import tenancy
from infranest.generate.samples import sample_value
from infranest.generate.tables import tables
from infranest.generate.target import ProjectView
from infranest.generate.targets.express import schema, zod
from infranest.spec.builtins import USER
from infranest.spec.exporters.api_types import Body, BodyField, Operation, Resource
from infranest.spec.model import FieldDef, RateLimit, Spec
from infranest.spec.names import to_camel, to_pascal

# Read keys whose stored value differs from the JSON value (SQLite keeps bools as 0/1,
# JSON as text, decimals as numbers).
_CODECS = {"bool": "bool", "json": "json", "datetime": "datetime", "decimal": "decimal"}


@dataclass(frozen=True)
class RouteOp:
    """One endpoint of a resource, as its route handler needs it."""

    operation_id: str
    kind: str
    method: str
    path: str
    express_path: str
    status: int
    summary: str
    principals: tuple[str, ...]
    limits: str
    idempotent: bool
    action: str | None
    item: bool


@dataclass(frozen=True)
class QueryKey:
    name: str
    zod: str
    role: str
    source: str | None
    op: str | None
    column: str


@dataclass(frozen=True)
class ResourceModule:
    """One resource: its bodies, list parameters, storage and endpoints."""

    entity: str
    name: str
    plural: str
    pascal: str
    camel: str
    table: str
    path: str
    read_keys: tuple[str, ...]
    codecs: tuple[tuple[str, str], ...]
    many: tuple[tuple[str, str, str, str, str], ...]
    read_roles: tuple[tuple[str, tuple[str, ...]], ...]
    write_roles: tuple[tuple[str, tuple[str, ...]], ...]
    owner: str | None
    tenant: str | None
    parents: tuple[tenancy.Parent, ...]
    soft_delete: bool
    versioned: bool
    timestamps: bool
    search: tuple[str, ...]
    sorts: tuple[str, ...]
    pagination: str
    page_size: int
    page_max: int
    defaults: tuple[tuple[str, str], ...]
    create: tuple[tuple[str, str], ...] | None
    update: tuple[tuple[str, str], ...]
    query: tuple[QueryKey, ...]
    operations: tuple[RouteOp, ...]

    @property
    def actions(self) -> tuple[RouteOp, ...]:
        return tuple(o for o in self.operations if o.kind == "action")


def limits_literal(limits: tuple[RateLimit, ...]) -> str:
    items = ", ".join(
        f'{{ count: {lim.count}, period: "{lim.period}", scope: "{lim.scope}" }}' for lim in limits
    )
    return f"[{items}]"


def express_path(path: str) -> str:
    return path.replace("{id}", ":id")


def _op(op: Operation) -> RouteOp:
    return RouteOp(
        operation_id=op.operation_id,
        kind=op.kind,
        method=op.method,
        path=op.path,
        express_path=express_path(op.path),
        status=op.status,
        summary=op.summary,
        principals=op.principals,
        limits=limits_literal(op.limits),
        idempotent=op.idempotent,
        action=op.action,
        item="{id}" in op.path,
    )


def _codec(f: BodyField) -> str | None:
    if f.type == "decimal":
        return f"decimal:{f.scale if f.scale is not None else -1}"
    return _CODECS.get(f.type)


def default_expr(spec: Spec, entity: str, key: str, f: BodyField) -> str | None:
    """The TypeScript expression giving a column's default on create (None: none)."""
    default = f.default
    if default is None or f.many:
        return None
    if default.kind == "now":
        return "() => new Date().toISOString()"
    if default.kind == "today":
        return "() => new Date().toISOString().slice(0, 10)"
    if default.kind == "uuid":
        return "() => randomUUID()"
    if default.kind == "null":
        return "() => null"
    value: Any = default.value
    if f.type == "decimal":
        value = str(value)
    return f"() => {zod.js(value)}"


def _query(resource: Resource) -> tuple[QueryKey, ...]:
    keys = []
    for param in resource.list_params:
        expr = zod.query_scalar(param.value)
        default = zod.default_literal(param)
        expr += f".default({default})" if default is not None else ".optional()"
        column = param.name.split("__")[0]
        keys.append(QueryKey(param.name, expr, param.role, param.source, param.op, column))
    return tuple(keys)


def _request(body: Body | None) -> tuple[tuple[str, str], ...] | None:
    if body is None:
        return None
    return tuple(zod.body_schema(body))


def _owner_column(spec: Spec, entity: str, owner: FieldDef | None) -> str | None:
    """The column naming a row's owner; a declared ``User`` row is owned by that user."""
    if owner is not None:
        return f"{owner.name}_id"
    return "id" if entity == USER and spec.project.auth.enabled else None


def resource_module(view: ProjectView, resource: Resource) -> ResourceModule:
    spec = view.spec
    table = next(t for t in tables(spec)[0] if t.entity == resource.entity)
    entity = spec.entity(resource.entity)
    assert entity is not None
    read = resource.read
    owner = entity.owner_field
    defaults = []
    for f in resource.create.fields if resource.create else read.fields:
        expr = default_expr(spec, entity.name, f.name, f)
        if expr is not None:
            defaults.append((f.name, expr))
    for f in read.fields:
        if f.readonly and f.source is not None and f.name not in dict(defaults):
            expr = default_expr(spec, entity.name, f.name, f)
            if expr is not None:
                defaults.append((f.name, expr))
    pagination = resource.pagination
    return ResourceModule(
        entity=resource.entity,
        name=resource.name,
        plural=resource.plural,
        pascal=to_pascal(resource.entity),
        camel=to_camel(resource.plural),
        table=table.name,
        path=resource.path,
        read_keys=tuple(f.name for f in read.fields if not f.many),
        codecs=tuple((f.name, c) for f in read.fields if (c := _codec(f)) and not f.many),
        many=tuple(
            (m.key, m.table, m.local_column, m.remote_column, m.target_table) for m in table.many
        ),
        read_roles=tuple((f.name, f.read_roles) for f in read.fields if f.read_roles),
        write_roles=tuple(
            (f.name, f.write_roles)
            for f in (resource.update.fields if resource.update else ())
            if f.write_roles
        ),
        owner=_owner_column(spec, entity.name, owner),
        tenant=tenancy.tenant_column(spec, entity),
        parents=tenancy.parents(spec, resource),
        soft_delete=resource.soft_delete,
        versioned=resource.optimistic_lock,
        timestamps=resource.timestamps,
        search=tuple(
            p.source or "" for p in resource.list_params if p.role == "search" and p.source
        )
        or entity.search,
        sorts=next((p.value.choices for p in resource.list_params if p.role == "sort"), ()),
        pagination=pagination.style,
        page_size=pagination.size,
        page_max=pagination.max_size,
        defaults=tuple(defaults),
        create=_request(resource.create),
        update=tuple(zod.body_schema(resource.update)),
        query=_query(resource),
        operations=tuple(_op(o) for o in resource.operations),
    )


def project(view: ProjectView) -> dict[str, Any]:
    """Everything project-wide templates use."""
    spec = view.spec
    shape = view.shape
    auth = spec.project.auth
    methods = set(auth.methods)
    resources = [resource_module(view, r) for r in shape.resources]
    user = spec.entity(USER)
    user_body = shape.body(USER) if user is not None and auth.enabled else None
    register = next((b for b in shape.bodies if b.name == "RegisterRequest"), None)
    return {
        "name": spec.project.name,
        "package": spec.project.name.replace("_", "-"),
        "title": shape.title,
        "version": shape.version,
        "description": spec.project.description or shape.title,
        "roles": list(spec.project.roles),
        "providers": list(auth.providers),
        "cors": ",".join(spec.project.cors),
        "auth": auth.enabled and bool(methods & {"jwt", "oauth2", "session", "apikey"}),
        "apikey": auth.enabled and "apikey" in methods,
        "tenancy": tenancy.sources(spec),
        "tenancy_entity": spec.project.tenancy.entity if spec.project.tenancy else None,
        "tenant_owned": tenancy.owned_tenant(spec),
        "tokens": bool(methods & {"jwt", "oauth2"}),
        "session": "session" in methods,
        "user_read": tuple(f.name for f in user_body.fields) if user_body else (),
        "user_codecs": tuple(
            (f.name, c) for f in (user_body.fields if user_body else ()) if (c := _codec(f))
        ),
        "register": _request(register) if register else None,
        "user_timestamps": bool(user is not None and user.timestamps),
        "user_defaults": tuple(
            (f.name, expr)
            for f in (user_body.fields if user_body else ())
            if (expr := default_expr(spec, USER, f.name, f)) is not None
        ),
        "register_extra": tuple(
            (f.name, json.dumps(sample_value(f, 1)))
            for f in (register.fields if register else ())
            if f.required and f.name not in ("email", "password") and f.type != "id"
        ),
        "user_many": tuple(
            (m.key, m.table, m.local_column, m.remote_column, m.target_table)
            for t in tables(spec)[0]
            if t.entity == USER and user_body is not None
            for m in t.many
            if m.key in {f.name for f in user_body.fields}
        ),
        "resources": resources,
        "schema": schema.schema(spec),
    }
