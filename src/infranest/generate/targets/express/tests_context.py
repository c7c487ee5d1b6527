"""What the generated vitest suites need: factories, payloads, callers and checks."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from infranest.generate.samples import NoSampleError, invalid_value, sample_value
from infranest.generate.target import ProjectView
from infranest.generate.targets.express.context import ResourceModule
from infranest.spec.builtins import USER
from infranest.spec.exporters.api_types import Body, BodyField, Operation, Resource
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
    samples: str  # a TS array literal, or "" for a relation
    target: str | None = None  # the factory of the referenced row


@dataclass(frozen=True)
class Factory:
    entity: str
    function: str
    definition: str  # the TS expression of the ResourceDef it inserts with
    module: str  # the module exporting that definition
    owner: bool
    fields: tuple[FactoryField, ...]


def factory_name(entity: str) -> str:
    return f"make{to_pascal(entity)}"


def _samples(f: BodyField, start: int, count: int) -> str | None:
    try:
        return literal([sample_value(f, n) for n in range(start, start + count)])
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
        fields = []
        for f in body.fields:
            if f.source is None or f.many or f.nullable or f.default is not None:
                continue
            if owner is not None and f.source == owner.name:
                continue
            if f.type == "id":
                fields.append(FactoryField(f.name, "", factory_name(f.target or "")))
                continue
            samples = _samples(f, 1, SAMPLES)
            if samples is not None:
                fields.append(FactoryField(f.name, samples))
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
            )
        )
    return found


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
    owner_only: bool  # the caller only reaches their own rows


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
    tenant: bool
    single: bool  # one row per owner (a one-to-one owner relation)


def _check(op: Operation, roles: tuple[str, ...], default: str | None, owned: bool) -> Check:
    principals = op.principals
    if any(p in _OPEN for p in principals):
        return Check(default, None, "anyone" in principals, owner_only=False)
    named = [r for r in roles if r in principals]
    if "owner" in principals and owned:
        unnamed = [r for r in reversed(roles) if r not in principals]
        if default is not None and default not in named:
            return Check(default, None, public=False, owner_only=True)
        if unnamed:
            return Check(unnamed[0], None, public=False, owner_only=True)
        return Check(named[0] if named else default, None, public=False, owner_only=False)
    denied = next((r for r in roles if r not in principals), None)
    return Check(named[0] if named else default, denied, public=False, owner_only=False)


def _value(f: BodyField, n: int) -> str | None:
    if f.type == "id" and not f.many:
        return f"(await f.{factory_name(f.target or '')}(t)).id"
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
    owned = owner is not None
    payload: list[PayloadKey] = []
    invalid: list[tuple[str, str, str]] = []
    unique: list[str] = []
    create = next((o for o in resource.operations if o.kind == "create"), None)
    creator = _check(create, roles, default, owned).role if create is not None else None
    if resource.create is not None:
        for f in resource.create.fields:
            allowed = creator in f.write_roles or (owned and "owner" in f.write_roles)
            if f.readonly or (f.write_roles and not allowed):
                continue
            value = _value(f, PAYLOAD_N)
            if value is not None:
                payload.append(PayloadKey(f.name, value))
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
        o.kind: _check(o, roles, default, owned)
        for o in resource.operations
        if o.kind in ("list", "create", "read", "update", "delete")
    }
    actions = tuple(
        (
            o.operation_id,
            o.path,
            "{id}" in o.path,
            o.idempotent,
            _check(o, roles, default, owned),
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
        tenant=entity.tenant_field is not None,
        single=owner is not None and owner.cardinality == "one_to_one",
    )
