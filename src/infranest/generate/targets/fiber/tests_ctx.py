"""What the generated Go test suite needs: factories per model, cases per resource.

Test data are literals made by :mod:`infranest.generate.samples` (valid and invalid values
for every constraint); the Go runner in ``internal/app/resources_test.go`` iterates them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from infranest.generate import tenancy
from infranest.generate.samples import NoSampleError, invalid_value, sample_value, text_shape
from infranest.generate.target import ProjectView
from infranest.generate.targets.fiber.api import go_string
from infranest.generate.targets.fiber.models import go_name, scalar_type
from infranest.spec.builtins import USER
from infranest.spec.exporters.api_types import Body, BodyField, Operation, Resource
from infranest.spec.model import Entity, FieldDef, Spec

VARIANTS = 16  # distinct sample values per field when no shape over n fits
UNIQUE_VARIANTS = 64  # for unique fields, so that factories rarely repeat a value
_OPEN = frozenset({"anyone", "authenticated"})
_COMPARABLE = frozenset({"string", "text", "email", "url", "int", "bigint", "bool", "enum"})


def go_value(value: Any) -> str:
    """A Go literal of a JSON value (as ``map[string]any`` holds it)."""
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return go_string(value)
    if isinstance(value, list):
        return "[]any{" + ", ".join(go_value(v) for v in value) + "}"
    items = ", ".join(f"{go_string(str(k))}: {go_value(v)}" for k, v in sorted(value.items()))
    return "map[string]any{" + items + "}"


def _variants(f: BodyField, convert: Any = None) -> list[Any] | None:
    count = UNIQUE_VARIANTS if f.unique else VARIANTS
    try:
        values = [sample_value(f, n) for n in range(1, count + 1)]
    except NoSampleError:
        return None
    return [convert(v) for v in values] if convert is not None else values


def sprintf_expr(f: BodyField) -> str | None:
    """A Go expression over ``n`` giving a distinct valid text for every ``n``, if any."""
    if f.choices or f.type == "enum":
        return None
    if f.type == "email":
        return 'fmt.Sprintf("user%d@example.com", n)'
    if f.type in ("url", "file"):
        return 'fmt.Sprintf("https://example.com/files/%d", n)'
    if f.type not in ("string", "text"):
        return None
    shape = text_shape(f)
    if shape is None or "{n" not in shape:
        return None
    shape = shape.replace("%", "%%")
    verb = re.sub(
        r"\{n(?::0?(\d+)d)?\}", lambda m: f"%0{m.group(1)}d" if m.group(1) else "%d", shape
    )
    return f"fmt.Sprintf({go_string(verb)}, n)"


@dataclass(frozen=True)
class FactoryField:
    name: str
    expr: str


@dataclass(frozen=True)
class Factory:
    func: str
    model: str
    fields: tuple[FactoryField, ...]
    uses_owner: bool
    once: bool  # one row per owner (the owner relation is one-to-one)


def _body_field(view: ProjectView, entity: Entity, name: str) -> BodyField | None:
    bodies: list[Body] = []
    resource = view.shape.resource(entity.name)
    if resource is not None:
        bodies += [b for b in (resource.create, resource.read) if b is not None]
    if entity.name == USER:
        bodies += [b for b in view.shape.bodies if b.name in (USER, "RegisterRequest")]
    for body in bodies:
        found = body.field(name)
        if found is not None:
            return found
    return None


def _model_expr(f: FieldDef, bf: BodyField | None, go_type: str) -> str | None:
    """A Go expression over ``n`` of the model field's type, or None (leave zero)."""
    if f.type == "datetime":
        moment = "now.Add(time.Duration(n) * time.Minute)"
        return f"ptr({moment})" if go_type.startswith("*") else moment
    if bf is None:
        return None
    as_text = f.type in ("json",)
    values = _variants(bf, (lambda v: json.dumps(v, sort_keys=True)) if as_text else None)
    if values is None:
        return None
    base = go_type.lstrip("*")
    shaped = sprintf_expr(bf)
    if shaped is not None:
        expr = shaped
    elif base in ("int32", "int64", "float64"):
        literal = ", ".join(f"{base}({v})" for v in values)
        expr = f"[]{base}{{{literal}}}[n%{len(values)}]"
    elif base == "bool":
        expr = f"[]bool{{{', '.join('true' if v else 'false' for v in values)}}}[n%{len(values)}]"
    else:
        expr = f"pick(n, {', '.join(go_string(str(v)) for v in values)})"
    return f"ptr({expr})" if go_type.startswith("*") else expr


def factory(view: ProjectView, entity: Entity) -> Factory:
    spec = view.spec
    fields: list[FactoryField] = []
    uses_owner = False
    for f in entity.fields:
        if not f.has_column:
            continue
        nullable = f.optional or (f.default is not None and f.default.kind == "null")
        if f.is_relation:
            target = go_name(f.target or "")
            key = go_name(f"{f.name}_id")
            if f.tenant and tenancy.owned_tenant(spec):  # the owner's rows share one tenant
                uses_owner = True
                value = "tenantOf(e, owner)"
            elif f.owner or (f.target == USER and not nullable):
                uses_owner = True
                value = "owner" if f.owner else 'e.user("")'  # another user: pairs stay unique
            elif nullable or f.target == entity.name:
                continue
            else:
                uses_owner = True
                value = f"make{target}(e, owner)"
            fields.append(FactoryField(key, f"ptr({value})" if nullable else value))
            continue
        bf = _body_field(view, entity, f.name)
        go_type = _go_type(spec, f, nullable)
        expr = _model_expr(f, bf, go_type)
        if expr is not None:
            fields.append(FactoryField(go_name(f.name), expr))
    if entity.name == USER:
        fields += [FactoryField("HashedPassword", '"!"'), FactoryField("IsActive", "true")]
    if entity.timestamps:
        fields += [FactoryField("CreatedAt", "now"), FactoryField("UpdatedAt", "now")]
    if entity.optimistic_lock:
        fields.append(FactoryField("Version", "1"))
    name = go_name(entity.name)
    once = any(
        f.is_relation
        and f.has_column
        and f.cardinality == "one_to_one"
        and (f.owner or f.target == USER)
        for f in entity.fields
    )
    return Factory(f"make{name}", name, tuple(fields), uses_owner, once)


def _go_type(spec: Spec, f: FieldDef, nullable: bool) -> str:
    base, _ = scalar_type(spec, f)
    return f"*{base}" if nullable else base


def who(
    op: Operation | None,
    creator: str,
    roles: tuple[str, ...],
    owned: bool,
    auth: bool,
    tenanted: bool = False,
) -> str | None:
    """Who may call ``op`` on the creator's row: "creator", a role, or None (nobody).

    ``tenanted``: the creator's rows are in a tenant they belong to.
    """
    if op is None:
        return None
    if not auth:
        return "creator"
    principals = set(op.principals)
    if principals & _OPEN or creator in principals or ("owner" in principals and owned):
        return "creator"
    if "tenant" in principals and tenanted:
        return "creator"
    listed = [r for r in op.principals if r in roles]
    return listed[0] if listed else None


def forbidden(op: Operation | None, roles: tuple[str, ...], auth: bool) -> str:
    """A role the operation refuses outright (403), or ""."""
    if op is None or not auth or set(op.principals) & (_OPEN | {"owner", "tenant"}):
        return ""
    return next((r for r in roles if r not in op.principals), "")


def _creator(resource: Resource, ops: dict[str, Operation], roles: tuple[str, ...]) -> str:
    default = roles[-1] if roles else ""
    op = ops.get("create") or ops.get("read")
    if op is None:
        return default
    listed = [r for r in op.principals if r in roles]
    writers = [f.write_roles for f in (resource.create.fields if resource.create else ())]
    needed = [w for w in writers if w]
    for role in listed or list(roles):
        if all(role in w for w in needed):
            return role
    return listed[0] if listed else default


@dataclass(frozen=True)
class ActionCase:
    path: str
    method: str
    who: str
    item: bool
    idempotent: bool


@dataclass(frozen=True)
class ResourceCase:
    """One resource's test data; empty strings mean "not applicable"."""

    name: str
    path: str
    model: str
    factory: str
    creator: str
    ops: dict[str, str]
    forbidden_create: str
    forbidden_delete: str
    payload: str
    compare: tuple[str, ...]
    invalid_key: str
    invalid_value: str
    unique_key: str
    many_key: str
    update_key: str
    update_value: str
    isolated: bool
    tenanted: bool  # a new row goes to the creator's tenant (403 without one)
    tenant_key: str  # the read key naming the row's tenant
    cross_key: str  # a body key naming a parent row, refused (409) from another tenant
    cross_factory: str
    paging: str
    max_size: int
    sort: tuple[str, ...]
    filters: tuple[str, ...]
    search_key: str
    soft_delete: bool
    versioned: bool
    actions: tuple[ActionCase, ...]
    public_read: bool


def _payload(
    view: ProjectView, resource: Resource, creator: str, owned: bool
) -> tuple[str, list[str], str, str, str, str]:
    """The Go payload builder body, comparable keys, the invalid key/value and a unique key."""
    body = resource.create
    if body is None:
        return "", [], "", "", "", ""
    parts: list[str] = []
    compare: list[str] = []
    invalid_key = invalid_literal = unique_key = many_key = ""
    for f in body.fields:
        if (
            f.write_roles
            and creator not in f.write_roles
            and not (owned and "owner" in f.write_roles)
        ):
            continue
        if f.many and f.type == "id":
            target = go_name(f.target or "")
            parts.append(f"{go_string(f.name)}: []any{{make{target}(e, owner)}}")
            many_key = many_key or f.name
            continue
        if f.many:
            continue
        if f.type == "id":
            if not f.required:  # optional links may point back here (self-references)
                continue
            target = go_name(f.target or "")
            parts.append(f"{go_string(f.name)}: make{target}(e, owner)")
        else:
            values = _variants(f)
            if values is None:
                if f.required:
                    return "", [], "", "", "", ""
                continue
            shaped = sprintf_expr(f)
            choices = ", ".join(go_value(v) for v in values)
            expr = shaped or f"[]any{{{choices}}}[n%{len(values)}]"
            parts.append(f"{go_string(f.name)}: {expr}")
            if f.type in _COMPARABLE and not f.read_roles and resource.read.field(f.name):
                compare.append(f.name)
            if f.unique and not unique_key and f.type in ("string", "email", "text", "url"):
                unique_key = f.name
        if not invalid_key:
            broken = invalid_value(f)
            if broken is not None:
                invalid_key, invalid_literal = f.name, go_value(broken.value)
    return ", ".join(parts), compare, invalid_key, invalid_literal, unique_key, many_key


def _update(resource: Resource) -> tuple[str, str]:
    for f in resource.update.fields:
        if f.name == "version" or f.many or f.type in ("id", "json") or f.write_roles:
            continue
        values = _variants(f)
        if values:
            return f.name, go_value(values[-1])
    return "", ""


def _cross(spec: Spec, resource: Resource, creator: str) -> tuple[str, str] | None:
    """A body key naming a tenant-scoped parent the creator may write, and its factory."""
    fields = {f.name: f for f in resource.create.fields} if resource.create else {}
    for parent in tenancy.parents(spec, resource):
        f = fields.get(parent.key)
        if f is not None and (not f.write_roles or creator in f.write_roles):
            return parent.key, f"make{go_name(parent.target)}"
    return None


def resource_case(view: ProjectView, resource: Resource, auth: bool) -> ResourceCase:
    spec = view.spec
    roles = spec.project.roles
    entity = spec.entity(resource.entity)
    assert entity is not None
    ops: dict[str, Operation] = {op.kind: op for op in resource.operations if op.kind != "action"}
    owned = entity.owner_field is not None
    creator = _creator(resource, ops, roles) if auth else ""
    payload, compare, invalid_key, invalid_literal, unique_key, many_key = _payload(
        view, resource, creator, owned
    )
    tenant = tenancy.tenant_column(spec, entity) if auth else None
    tenanted = tenant is not None and tenancy.owned_tenant(spec)
    if tenant is not None and not tenanted:  # tests cannot make the creator a member
        payload = ""
    read = ops.get("read")
    isolated = bool(
        auth
        and read is not None
        and (("owner" in read.principals and owned) or ("tenant" in read.principals and tenanted))
        and not set(read.principals) & _OPEN
        and creator not in read.principals
    )
    placed = tenanted and tenant != "id" and bool(payload)
    tenant_key = next((f.name for f in resource.read.fields if f.name == tenant), "")
    cross = _cross(spec, resource, creator) if placed else None
    update_key, update_value = _update(resource)
    sort: tuple[str, ...] = ()
    filters: list[str] = []
    for p in resource.list_params:
        if p.role == "sort":
            sort = tuple(c for c in p.value.choices if not c.startswith("-"))
        elif p.role == "filter" and p.op in (None, "eq") and p.value.type != "json":
            filters.append(p.name)
    search = [f for f in entity.search if f in {x.name for x in resource.read.fields}]
    actions = tuple(
        ActionCase(
            path=op.path.replace("{id}", "%d"),
            method=op.method.upper(),
            who=who(op, creator, roles, owned, auth, tenanted) or "",
            item="{id}" in op.path,
            idempotent=op.idempotent,
        )
        for op in resource.operations
        if op.kind == "action"
    )
    return ResourceCase(
        name=resource.name,
        path=resource.path,
        model=go_name(entity.name),
        factory=f"make{go_name(entity.name)}",
        creator=creator,
        ops={k: who(ops.get(k), creator, roles, owned, auth, tenanted) or "" for k in sorted(ops)},
        forbidden_create=forbidden(ops.get("create"), roles, auth),
        forbidden_delete=forbidden(ops.get("delete"), roles, auth),
        payload=payload,
        compare=tuple(compare),
        invalid_key=invalid_key,
        invalid_value=invalid_literal,
        unique_key=unique_key,
        many_key=many_key,
        update_key=update_key,
        update_value=update_value,
        isolated=isolated,
        tenanted=placed,
        tenant_key=tenant_key if placed else "",
        cross_key=cross[0] if cross else "",
        cross_factory=cross[1] if cross else "",
        paging=resource.pagination.style,
        max_size=max(resource.pagination.max_size, resource.pagination.size),
        sort=sort,
        filters=tuple(filters),
        search_key=search[0] if search else "",
        soft_delete=resource.soft_delete,
        versioned=resource.optimistic_lock,
        actions=actions,
        public_read=bool(read is not None and "anyone" in read.principals),
    )


def test_context(view: ProjectView, p: dict[str, Any]) -> dict[str, Any]:
    spec = view.spec
    factories = [factory(view, e) for e in spec.entities]
    cases = [resource_case(view, r, bool(p["auth"])) for r in view.shape.resources]
    register = ""
    if p["auth"]:
        for f in view.shape.body("RegisterRequest").fields:
            if f.required and f.name not in ("email", "password"):
                values = _variants(f)
                if values:
                    register += f"{go_string(f.name)}: {go_value(values[0])}, "
    return {
        "register_payload": register,
        "factories": factories,
        "cases": cases,
        "user_model": go_name(USER) if p["auth"] else "",
        "tenant_factory": (
            f"make{go_name(spec.project.tenancy.entity)}"
            if spec.project.tenancy is not None and tenancy.owned_tenant(spec)
            else ""
        ),
    }
