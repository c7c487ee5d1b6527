"""What the generated vitest suites need: factories, payloads, callers and checks."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from infranest.generate import tenancy
from infranest.generate.samples import (
    NoSampleError,
    integer_bounds,
    invalid_value,
    sample_value,
    text_shape,
)
from infranest.generate.target import ProjectView
from infranest.generate.targets.express.context import ResourceModule
from infranest.spec.builtins import USER
from infranest.spec.exporters.api_types import Body, BodyField, Operation, Resource
from infranest.spec.model import Entity
from infranest.spec.names import to_pascal

SAMPLES = 10  # distinct values per factory field (each test starts from an empty database)
PAYLOAD_N = 50  # the sample number of values sent in create requests
UPDATE_N = 77
_OPEN = ("anyone", "authenticated")
_TEXT = ("string", "text", "email", "url", "file")


def literal(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class FactoryField:
    key: str
    expr: str  # a TS expression over the row number `n`, or "" for a relation
    target: str | None = None  # the factory of the referenced row
    shared: bool = False  # the referenced row is made for the same caller (same tenant)
    tenant: bool = False  # the row's tenant: the caller's own


@dataclass(frozen=True)
class Factory:
    entity: str
    function: str
    definition: str  # the TS expression of the ResourceDef it inserts with
    module: str  # the module exporting that definition
    owner: bool
    fields: tuple[FactoryField, ...]
    caller: bool = False  # takes the caller it makes the row for (owner or tenant)


def factory_name(entity: str) -> str:
    return f"make{to_pascal(entity)}"


def _template(shape: str) -> str:
    """A ``str.format`` shape over ``n`` as the body of a TS template literal."""
    text = shape.replace("\\", "\\\\").replace("`", "\\`").replace("$", "\\$")
    text = text.replace("{n}", "${n}")
    for width in range(1, 10):
        text = text.replace(f"{{n:0{width}d}}", f'${{String(n).padStart({width}, "0")}}')
    return f"`{text}`"


def unique_expr(f: BodyField) -> str | None:
    """A TS expression over ``n`` giving a different valid value for every ``n``."""
    if f.choices or f.many:
        return None
    if f.type in ("string", "text"):
        shape = text_shape(f)
        if shape is None or "{n" not in shape or "{" in shape.replace("{n", ""):
            return None
        return _template(shape)
    if f.type == "email":
        return _template(str(sample_value(f, 0)).replace("0@", "{n}@"))
    if f.type in ("url", "file"):
        return _template(str(sample_value(f, 0))[:-1] + "{n}")
    if f.type in ("int", "bigint"):
        start, high = integer_bounds(f)
        return f"{start} + n" if high is None else None
    return None


def sample_expr(f: BodyField) -> str | None:
    """The factory value of ``f`` for row ``n``: unique per ``n`` for unique fields."""
    if f.unique:
        unique = unique_expr(f)
        if unique is not None:
            return unique
    try:
        return f"pick({literal([sample_value(f, n) for n in range(1, 1 + SAMPLES)])}, n)"
    except NoSampleError:
        return None


def _body_of(view: ProjectView, entity: str) -> tuple[Body, Resource | None]:
    resource = view.shape.resource(entity)
    if resource is not None:
        return resource.read, resource
    return view.shape.body(entity), None


def factories(view: ProjectView) -> list[Factory]:
    """One factory per stored entity that tests can create rows of."""
    found = []
    for entity in view.spec.entities:
        resource = view.shape.resource(entity.name)
        if resource is None and entity.name != USER:
            continue
        if entity.name == USER and resource is None and not view.spec.project.auth.enabled:
            continue
        body, _ = _body_of(view, entity.name)
        owner = entity.owner_field
        tenant = tenancy.tenant_column(view.spec, entity)
        shared = {x.key for x in tenancy.parents(view.spec, resource)} if resource else set()
        fields = []
        for f in body.fields:
            if f.source is None or f.many or f.nullable or f.default is not None:
                continue
            if owner is not None and f.source == owner.name:
                continue
            if f.type == "id" and tenant is not None and f.name == tenant:
                fields.append(FactoryField(f.name, "", tenant=True))
            elif f.type == "id":
                target = view.spec.entity(f.target or "")
                mine = f.name in shared and target is not None and _takes_caller(view, target)
                fields.append(FactoryField(f.name, "", factory_name(f.target or ""), mine))
            elif (expr := sample_expr(f)) is not None:
                fields.append(FactoryField(f.name, expr))
        if resource is not None:
            definition, module = (
                f"{_camel_plural(resource)}Def",
                f"../src/resources/{resource.plural}.js",
            )
        else:
            definition, module = "userDef", "../src/routes/auth.js"
        found.append(
            Factory(
                entity.name,
                factory_name(entity.name),
                definition,
                module,
                owner is not None,
                tuple(fields),
                caller=_takes_caller(view, entity),
            )
        )
    return found


def _takes_caller(view: ProjectView, entity: Entity) -> bool:
    """Whether the factory of ``entity`` makes its row for a caller (owner or tenant)."""
    tenant = tenancy.tenant_column(view.spec, entity)
    user = entity.name == USER and view.spec.project.auth.enabled
    return user or entity.owner_field is not None or tenant not in (None, "id")


def uses_pick(found: list[Factory]) -> bool:
    return any("pick(" in f.expr for fac in found for f in fac.fields)


def _camel_plural(resource: Resource) -> str:
    head, *rest = resource.plural.split("_")
    return head + "".join(p.capitalize() for p in rest)


@dataclass(frozen=True)
class PayloadKey:
    key: str
    value: str  # a TS expression (may await a factory)


@dataclass(frozen=True)
class Check:
    """One operation's test facts: who calls it and what else to check."""

    role: str | None  # the caller's role (None: a user without a role)
    denied_role: str | None  # a role that gets 403
    public: bool
    owner_only: bool  # the caller only reaches their own rows (or their tenant's)


@dataclass(frozen=True)
class ResourceTests:
    payload: tuple[PayloadKey, ...]
    invalid: tuple[tuple[str, str, str], ...]  # key, value literal, constraint
    unique: tuple[str, ...]
    update: tuple[PayloadKey, ...]
    filters: tuple[tuple[str, str], ...]  # param, body key holding the value
    sort: str | None
    search: bool
    checks: dict[str, Check]
    actions: tuple[
        tuple[str, str, bool, bool, Check, str], ...
    ]  # id, path, item, idem, who, method
    single: bool  # one row per owner (a one-to-one owner relation)
    caller: bool  # rows are made for a caller (owner or tenant)
    tenant_parent: bool  # rows belong to the creator's tenant (create needs one)
    cross: tuple[str, str] | None  # a body key and the factory of a row of another tenant
    skip: bool  # tenant-scoped, but tests cannot make a caller a member


def _check(
    op: Operation, roles: tuple[str, ...], default: str | None, owned: bool, tenanted: bool
) -> Check:
    principals = op.principals
    if any(p in _OPEN for p in principals):
        return Check(default, None, "anyone" in principals, owner_only=False)
    named = [r for r in roles if r in principals]
    if ("owner" in principals and owned) or ("tenant" in principals and tenanted):
        unnamed = [r for r in reversed(roles) if r not in principals]
        if default is not None and default not in named:
            return Check(default, None, public=False, owner_only=True)
        if unnamed:
            return Check(unnamed[0], None, public=False, owner_only=True)
        return Check(named[0] if named else default, None, public=False, owner_only=False)
    denied = next((r for r in roles if r not in principals), None)
    return Check(named[0] if named else default, denied, public=False, owner_only=False)


def _value(f: BodyField, n: int, shared: frozenset[str] = frozenset()) -> str | None:
    if f.type == "id" and not f.many:
        caller = ", caller" if f.name in shared else ""
        return f"(await f.{factory_name(f.target or '')}(t{caller})).id"
    if f.many:
        return f"[(await f.{factory_name(f.target)}(t)).id]" if f.target else None
    try:
        return literal(sample_value(f, n))
    except NoSampleError:
        return None


def resource_tests(view: ProjectView, r: ResourceModule, p: dict[str, Any]) -> ResourceTests:
    resource = view.shape.resource(r.entity)
    entity = view.spec.entity(r.entity)
    assert resource is not None
    assert entity is not None
    roles = view.spec.project.roles
    default = roles[-1] if roles else None
    owner = entity.owner_field
    owned = owner is not None or (entity.name == USER and view.spec.project.auth.enabled)
    tenant = tenancy.tenant_column(view.spec, entity)
    tenanted = tenant is not None
    shared = frozenset(
        x.key
        for x in tenancy.parents(view.spec, resource)
        if _takes_caller(view, _entity(view, x.target))
    )
    payload: list[PayloadKey] = []
    invalid: list[tuple[str, str, str]] = []
    unique: list[str] = []
    cross: tuple[str, str] | None = None
    create = next((o for o in resource.operations if o.kind == "create"), None)
    creator = _check(create, roles, default, owned, tenanted).role if create else None
    if resource.create is not None:
        for f in resource.create.fields:
            allowed = creator in f.write_roles or (owned and "owner" in f.write_roles)
            if f.readonly or (f.write_roles and not allowed):
                continue
            value = _value(f, PAYLOAD_N, shared)
            if value is not None:
                payload.append(PayloadKey(f.name, value))
            if f.name in shared and cross is None:
                cross = (f.name, factory_name(f.target or ""))
            bad = invalid_value(f)
            if bad is not None and f.type != "id":
                invalid.append((f.name, literal(bad.value), bad.constraint))
            if f.unique and f.type in _TEXT and f.required:
                unique.append(f.name)
    update = []
    for f in resource.update.fields:
        if f.type in ("id",) or f.many or f.readonly or f.unique or f.name == "version":
            continue
        value = _value(f, UPDATE_N)
        if value is not None and not f.write_roles:
            update.append(PayloadKey(f.name, value))
            break
    filled = {
        f.name
        for f in resource.read.fields
        if not f.nullable or (f.default is not None and f.default.kind != "null")
    }
    filters = tuple(
        (q.name, key)
        for q in resource.list_params
        if q.role == "filter" and (key := q.name.split("__")[0]) in filled
    )
    sort = next((q.value.choices[-1] for q in resource.list_params if q.role == "sort"), None)
    checks: dict[str, Check] = {
        o.kind: _check(o, roles, default, owned, tenanted)
        for o in resource.operations
        if o.kind in ("list", "create", "read", "update", "delete")
    }
    actions = tuple(
        (
            o.operation_id,
            o.path,
            "{id}" in o.path,
            o.idempotent,
            _check(o, roles, default, owned, tenanted),
            o.method,
        )
        for o in resource.operations
        if o.kind == "action"
    )
    del p
    return ResourceTests(
        payload=tuple(payload),
        invalid=tuple(invalid),
        unique=tuple(unique),
        update=tuple(update),
        filters=filters,
        sort=sort,
        search=any(q.role == "search" for q in resource.list_params),
        checks=checks,
        actions=actions,
        single=(owner is not None and owner.cardinality == "one_to_one")
        or tenancy.is_membership(entity)
        or entity.name == USER,
        caller=_takes_caller(view, entity),
        tenant_parent=tenant not in (None, "id"),
        cross=cross,
        skip=tenanted and not tenancy.owned_tenant(view.spec),
    )


def _entity(view: ProjectView, name: str) -> Entity:
    entity = view.spec.entity(name)
    assert entity is not None
    return entity
