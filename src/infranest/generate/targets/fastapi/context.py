"""The template context of the FastAPI target, built from the ProjectView."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from infranest.generate.tables import AssociationTable, Table
from infranest.generate.target import ProjectView
from infranest.generate.targets.fastapi import schemas
from infranest.generate.targets.fastapi.models import member_name, sql_tables
from infranest.spec.builtins import USER
from infranest.spec.exporters.api_types import Body, Operation, QueryParam, Resource
from infranest.spec.model import Entity, Spec
from infranest.spec.names import to_snake

SERVICE_BODIES = ("RegisterRequest", "LoginRequest", "RefreshRequest", "OAuthTokenRequest")


@dataclass(frozen=True)
class Param:
    """A query parameter of a route function."""

    name: str
    var: str
    annotation: str
    default: str
    role: str
    source: str | None = None


@dataclass(frozen=True)
class RouteOp:
    operation_id: str
    kind: str
    method: str
    path: str
    status: int
    summary: str
    principals: tuple[str, ...]
    limits: str
    idempotent: bool
    has_id: bool
    request: str | None
    action: str | None
    query: tuple[Param, ...] = ()


@dataclass(frozen=True)
class SchemaModule:
    read: list[schemas.SchemaField]
    create: list[schemas.SchemaField] | None
    update: list[schemas.SchemaField] | None
    page: list[schemas.SchemaField] | None
    enums: list[str]

    @property
    def create_not_null(self) -> list[str]:
        return sorted(f.name for f in self.create or [] if f.not_null)

    @property
    def update_not_null(self) -> list[str]:
        return sorted(f.name for f in self.update or [] if f.not_null)


@dataclass(frozen=True)
class RouteModule:
    """One resource's route module."""

    entity: str
    module: str
    plural: str
    path: str
    item_path: str
    owner: str | None
    tenant: str | None
    soft_delete: bool
    versioned: bool
    read_roles: dict[str, tuple[str, ...]]
    write_roles: dict[str, tuple[str, ...]]
    many: list[Any]
    search: tuple[str, ...]
    filters: dict[str, tuple[str, str]]
    pagination: str
    has_search: bool
    has_sort: bool
    operations: list[RouteOp]
    imports: list[str]
    enums: list[str]
    resource: Resource
    many_targets: list[str] = field(default_factory=list)


def revision(spec: Spec) -> str:
    """The initial migration's id: a hash of the spec, so it changes only with the spec."""
    return hashlib.sha256(spec.model_dump_json().encode()).hexdigest()[:12]


def _limits(op: Operation) -> str:
    items = "".join(
        f"Limit(count={lim.count}, period={lim.period!r}, scope={lim.scope!r}), "
        for lim in op.limits
    )
    return f"({items})" if items else "()"


def _param(p: QueryParam) -> Param:
    default = p.value.default
    if p.role in ("page", "size") and default is not None:
        annotation = schemas.annotation(p.value)
        literal = repr(default.value)
    else:
        annotation = schemas.param_annotation(p)
        literal = "None"
    return Param(p.name, f"f_{p.name}", annotation, literal, p.role, p.source)


def _enums_in(bodies: list[Body]) -> list[str]:
    return sorted({f.enum for b in bodies for f in b.fields if f.type == "enum" and f.enum})


def _route_op(op: Operation) -> RouteOp:
    query = tuple(_param(p) for p in op.params if p.location == "query")
    return RouteOp(
        operation_id=op.operation_id,
        kind=op.kind,
        method=op.method,
        path=op.path,
        status=op.status,
        summary=op.summary,
        principals=op.principals,
        limits=_limits(op),
        idempotent=op.idempotent,
        has_id="{id}" in op.path,
        request=op.request,
        action=op.action,
        query=query,
    )


def _roles(body: Body, attr: str) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for f in body.fields:
        roles: tuple[str, ...] = getattr(f, attr)
        if roles:
            found[f.name] = roles
    return found


def route_module(spec: Spec, resource: Resource, table: Table) -> RouteModule:
    entity = spec.entity(resource.entity)
    assert entity is not None
    tenant = _tenant_column(spec, entity)
    filters: dict[str, tuple[str, str]] = {
        p.name: (p.value.name if p.op == "eq" else p.name.rsplit("__", 1)[0], p.op or "eq")
        for p in resource.list_params
        if p.role == "filter"
    }
    search_columns = tuple(
        f.name
        for f in resource.read.fields
        if f.source in entity.search and f.type in ("string", "text", "email", "url")
    )
    params = {p.role for p in resource.list_params}
    imports = [f"{resource.entity}Read"]
    for op in resource.operations:
        if op.request and op.request not in imports:
            imports.append(op.request)
    bodies = [resource.read, resource.update] + ([resource.create] if resource.create else [])
    return RouteModule(
        entity=resource.entity,
        module=table.module,
        plural=resource.plural,
        path=resource.path,
        item_path=resource.item_path,
        owner=_owner_column(spec, entity),
        tenant=tenant,
        soft_delete=resource.soft_delete,
        versioned=resource.optimistic_lock,
        read_roles=_roles(resource.read, "read_roles"),
        write_roles=_roles(resource.update, "write_roles"),
        many=list(table.many),
        search=search_columns,
        filters=filters,
        pagination=resource.pagination.style,
        has_search="search" in params,
        has_sort="sort" in params,
        operations=[_route_op(op) for op in resource.operations],
        imports=sorted(imports),
        enums=_enums_in(bodies),
        resource=resource,
        many_targets=sorted({m.target for m in table.many} - {resource.entity}),
    )


def _owner_column(spec: Spec, entity: Entity) -> str | None:
    """The column naming a row's owner; a User row is owned by that user."""
    if not spec.project.auth.enabled:
        return None
    if entity.name == USER:
        return "id"
    owner = entity.owner_field
    return f"{owner.name}_id" if owner is not None else None


def _tenant_column(spec: Spec, entity: Entity) -> str | None:
    if not spec.project.auth.enabled or spec.project.tenancy is None:
        return None
    if entity.name == spec.project.tenancy.entity:
        return "id"
    tenant = entity.tenant_field
    return f"{tenant.name}_id" if tenant is not None else None


def schema_module(spec: Spec, view: ProjectView, entity: Entity) -> SchemaModule:
    shape = view.shape
    resource = shape.resource(entity.name)
    read = shape.body(entity.name)
    bodies = [read]
    create = update = page = None
    if resource is not None:
        bodies.append(resource.update)
        update = schemas.update_fields(resource.update)
        if resource.create is not None:
            bodies.append(resource.create)
            create = schemas.create_fields(resource.create)
        page = [
            schemas.SchemaField(f.name, schemas.annotation(f, plain=True), None)
            for f in resource.page.fields
        ]
    return SchemaModule(
        read=schemas.read_fields(read),
        create=create,
        update=update,
        page=page,
        enums=_enums_in(bodies),
    )


@dataclass(frozen=True)
class ServiceBody:
    name: str
    fields: list[schemas.SchemaField]

    @property
    def not_null(self) -> list[str]:
        return sorted(f.name for f in self.fields if f.not_null)


@dataclass(frozen=True)
class TenantSource:
    model: str
    tenant: str
    owner: str


@dataclass(frozen=True)
class Tenancy:
    entity: str
    sources: list[TenantSource]

    @property
    def imports(self) -> list[str]:
        return sorted({s.model for s in self.sources})


def tenancy(spec: Spec) -> Tenancy | None:
    """How a user's tenants are found: tenants they own, and rows that carry both a tenant
    and the user as owner (memberships)."""
    if spec.project.tenancy is None or not spec.project.auth.enabled:
        return None
    name = spec.project.tenancy.entity
    sources: list[TenantSource] = []
    for entity in spec.entities:
        owner = entity.owner_field
        if owner is None:
            continue
        if entity.name == name:
            sources.append(TenantSource(entity.name, "id", f"{owner.name}_id"))
        elif entity.tenant_field is not None:
            sources.append(
                TenantSource(entity.name, f"{entity.tenant_field.name}_id", f"{owner.name}_id")
            )
    return Tenancy(name, sources)


def project(view: ProjectView) -> dict[str, Any]:
    """The context every template sees as ``p``."""
    spec, shape = view.spec, view.shape
    auth = spec.project.auth
    methods = set(auth.methods)
    found_tables, associations = sql_tables(spec)
    by_entity = {t.entity: t for t in found_tables}
    routes = [route_module(spec, r, by_entity[r.entity]) for r in shape.resources]
    names = {b.name for b in shape.bodies}
    auth_bodies = [
        ServiceBody(n, schemas.create_fields(shape.body(n))) for n in SERVICE_BODIES if n in names
    ]
    auth_enums = _enums_in([shape.body(n) for n in SERVICE_BODIES if n in names])
    user_read = shape.body(USER) if USER in names else None
    return {
        "name": spec.project.name,
        "dist_name": to_snake(spec.project.name).replace("_", "-"),
        "title": spec.project.description or spec.project.name,
        "version": shape.version,
        "description": spec.project.description,
        "auth": auth.enabled and bool(methods & {"jwt", "oauth2", "session", "apikey"}),
        "tokens": bool(methods & {"jwt", "oauth2"}),
        "session": "session" in methods,
        "login": auth.enabled and bool(methods & {"jwt", "oauth2", "session"}),
        "apikey": auth.enabled and "apikey" in methods,
        "challenge": _challenge(methods),
        "user_table": by_entity[USER].name if USER in by_entity else None,
        "providers": list(auth.providers) if "oauth2" in methods else [],
        "roles": list(spec.project.roles),
        "default_role": spec.project.roles[-1] if spec.project.roles else None,
        "cors": list(spec.project.cors),
        "enums": [
            {
                "name": e.name,
                "description": e.description,
                "members": [{"member": member_name(v.name), "value": v.name} for v in e.values],
            }
            for e in spec.enums
        ],
        "tables": found_tables,
        "associations": associations,
        "routes": routes,
        "route_modules": ["system"]
        + (["auth"] if auth.enabled and USER in names else [])
        + [r.plural for r in routes],
        "auth_bodies": auth_bodies,
        "auth_enums": auth_enums,
        "oauth_extra": _oauth_extra(shape.body("RegisterRequest"))
        if "RegisterRequest" in names
        else [],
        "user_many": list(by_entity[USER].many) if USER in by_entity else [],
        "user_read_roles": _roles(user_read, "read_roles") if user_read else {},
        "tenancy": tenancy(spec),
        "actor": _free_name(spec, ("Actor", "Caller", "Requester", "TestCaller")),
        "revision": revision(spec),
        "operations": list(shape.operations),
        "enum_names": [e.name for e in spec.enums],
        "register_extra": _register_extra(shape.body("RegisterRequest"))
        if "RegisterRequest" in names
        else [],
    }


def _free_name(spec: Spec, choices: tuple[str, ...]) -> str:
    """The first of ``choices`` that no entity or enum of ``spec`` takes (the test suite's
    helper classes share modules with the models)."""
    taken = {e.name for e in spec.entities} | {e.name for e in spec.enums}
    return next(c for c in choices if c not in taken)


def _challenge(methods: Collection[str]) -> str:
    """The ``WWW-Authenticate`` scheme of a 401: how a client should authenticate."""
    if {"jwt", "oauth2"} & set(methods):
        return "Bearer"
    return "ApiKey" if "apikey" in methods else "Session"


@dataclass(frozen=True)
class Extra:
    key: str
    expr: str


def _oauth_extra(body: Body) -> list[Extra]:
    """Required registration keys an OAuth2 sign-up fills itself (text with a random
    number ``n``); other required keys cannot be guessed."""
    from infranest.generate.samples import text_shape
    from infranest.generate.targets.fastapi.samples import format_expr

    found: list[Extra] = []
    for f in body.fields:
        if f.required and f.name not in ("email", "password") and f.type in ("string", "text"):
            shape = text_shape(f)
            if shape is not None:
                found.append(Extra(f.name, format_expr(shape)))
    return found


def _register_extra(body: Body) -> list[Extra]:
    """Required registration keys besides email and password, with sample values."""
    from infranest.generate.targets.fastapi.samples import sample

    found: list[Extra] = []
    for f in body.fields:
        if f.required and f.name not in ("email", "password"):
            value = sample(f)
            found.append(Extra(f.name, value.api if value else "None"))
    return found


__all__ = ["AssociationTable", "project", "route_module", "schema_module"]
