"""Serializers, resources and routes of the generated API, from the contract (ApiShape)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from infranest.generate.tenancy import is_membership, tenant_column
from infranest.spec.builtins import USER
from infranest.spec.exporters.api_types import Body, BodyField, Operation, Resource
from infranest.spec.model import Entity, RateLimit, Spec
from infranest.spec.names import to_snake

ANY_DECIMAL = r"^-?\d+(\.\d+)?$"
# Request keys checked, never stored as text: NUL characters are allowed in them.
_NEVER_STORED = frozenset({"password", "refresh_token", "code"})


@dataclass(frozen=True)
class SerializerCtx:
    name: str
    closed: bool
    fields: tuple[tuple[str, str], ...]
    read_roles: tuple[tuple[str, tuple[str, ...]], ...] = ()
    owner: str | None = None
    tenant: str | None = None


@dataclass(frozen=True)
class Route:
    path: str
    view: str
    kwargs: str
    name: str


@dataclass
class ResourceCtx:
    shape: Resource
    entity: Entity
    model: str
    const: str
    read: str
    create: str | None
    update: str
    search: tuple[str, ...]
    sort: tuple[str, ...]
    filters: list[str] = field(default_factory=list)
    relations: list[tuple[str, str]] = field(default_factory=list)
    many: list[tuple[str, str, str]] = field(default_factory=list)
    write_roles: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    ops: list[tuple[str, str]] = field(default_factory=list)
    actions: list[tuple[str, str, str, str]] = field(default_factory=list)
    owner: str | None = None
    tenant: str | None = None


def _bounds(f: BodyField, kw: list[str], *, decimal: bool = False) -> None:
    for key, value in (("min_value", f.minimum), ("max_value", f.maximum)):
        if value is not None:
            kw.append(f"{key}=decimal.Decimal({str(value)!r})" if decimal else f"{key}={value!r}")


def _lengths(f: BodyField, kw: list[str]) -> None:
    if f.max_length is not None:
        kw.append(f"max_length={f.max_length}")
    if f.min_length is not None:
        kw.append(f"min_length={f.min_length}")


def input_field(f: BodyField) -> str:
    """The DRF field (from ``api.fields``) validating one request key."""
    kw: list[str] = []
    if f.many and f.type == "id":
        cls = "fields.IdListField"
    elif f.choices:
        cls = "fields.ChoiceField"
        kw.append(f"choices={list(f.choices)!r}")
    elif f.type in ("string", "text"):
        cls = "fields.StringField"
        _lengths(f, kw)
        if f.pattern is not None:
            kw.append(f"pattern={f.pattern!r}")
        if f.name in _NEVER_STORED:
            kw.append("allow_nul=True")
    elif f.type == "email":
        cls = "fields.EmailField"
        _lengths(f, kw)
    elif f.type in ("url", "file"):
        cls = "fields.UrlField"
        _lengths(f, kw)
    elif f.type in ("int", "bigint", "id"):
        cls = "fields.IntegerField"
        kw.append(f"bits={32 if f.type == 'int' else 64}")
        _bounds(f, kw)
    elif f.type == "float":
        cls = "fields.FloatField"
        _bounds(f, kw)
    elif f.type == "decimal":
        cls = "fields.DecimalField"
        kw.append(f"pattern={f.pattern or ANY_DECIMAL!r}")
        kw.append(f"decimal_places={f.scale if f.scale is not None else 10}")
        _bounds(f, kw, decimal=True)
    elif f.type == "bool":
        cls = "fields.BooleanField"
    elif f.type in ("date", "datetime", "time"):
        cls = {"date": "fields.DateField", "datetime": "fields.DateTimeField"}.get(
            f.type, "fields.TimeField"
        )
    elif f.type == "uuid":
        cls = "fields.UuidField"
    else:
        cls = "serializers.JSONField"
    kw.append(f"required={f.required}")
    if f.nullable:
        kw.append("allow_null=True")
    return f"{cls}({', '.join(kw)})"


def output_field(f: BodyField) -> str:
    """The DRF field writing one response key."""
    if f.many and f.type == "id":
        source = f.source or f.name.removesuffix("_ids")
        return f"serializers.PrimaryKeyRelatedField(many=True, read_only=True, source={source!r})"
    if f.type in ("id", "int", "bigint"):
        return "serializers.IntegerField()"
    if f.type == "decimal":
        places = f.scale if f.scale is not None else 10
        pattern = f.pattern or ANY_DECIMAL
        return f"fields.DecimalField(pattern={pattern!r}, decimal_places={places})"
    if f.type == "float":
        return "serializers.FloatField()"
    if f.type == "bool":
        return "serializers.BooleanField()"
    if f.type == "datetime":
        return "serializers.DateTimeField()"
    if f.type == "date":
        return "serializers.DateField()"
    if f.type == "time":
        return "fields.UtcTimeField()"
    if f.type == "json":
        return "serializers.JSONField()"
    return "serializers.CharField()"


def serializer_of(body: Body, *, read: bool, spec: Spec | None = None) -> SerializerCtx:
    """A request body (closed) or a read body; read roles may name the row's owner/tenant."""
    if read:
        fields = tuple((f.name, output_field(f)) for f in body.fields if not f.writeonly)
        roles = tuple((f.name, f.read_roles) for f in body.fields if f.read_roles)
        name = f"{body.name}Serializer"
        entity = spec.entity(body.name) if spec is not None and roles else None
        if spec is None or entity is None:
            return SerializerCtx(name, False, fields, roles)
        owner, tenant = owner_column(spec, entity), tenant_column(spec, entity)
        return SerializerCtx(name, False, fields, roles, owner, tenant)
    fields = tuple((f.name, input_field(f)) for f in body.fields)
    return SerializerCtx(f"{body.name}Serializer", True, fields)


def _limits(limits: tuple[RateLimit, ...]) -> str:
    inner = ", ".join(f"Limit({lim.count}, {lim.period!r}, {lim.scope!r})" for lim in limits)
    return f"({inner},)" if limits else "()"


def op_code(op: Operation) -> str:
    parts = [repr(op.operation_id), repr(tuple(op.principals))]
    if op.limits:
        parts.append(f"limits={_limits(op.limits)}")
    if op.idempotent:
        parts.append("idempotent=True")
    return f"Op({', '.join(parts)})"


def django_path(path: str) -> str:
    return re.sub(r"\{id\}", "<int:pk>", path.lstrip("/"))


def owner_column(spec: Spec, entity: Entity) -> str | None:
    """The column naming a row's owner (``id`` on the user model: a user owns itself)."""
    if entity.name == USER and spec.project.auth.enabled:
        return "id"
    owner = entity.owner_field
    return f"{owner.name}_id" if owner is not None and owner.has_column else None


def resource_of(spec: Spec, res: Resource, auth: bool) -> ResourceCtx:
    entity = spec.entity(res.entity)
    assert entity is not None
    sort_param = next((p for p in res.list_params if p.role == "sort"), None)
    sort = tuple(c for c in (sort_param.value.choices if sort_param else ()) if c[0] != "-")
    search = tuple(
        n
        for n in entity.search
        if (f := entity.field(n)) is not None and f.type in ("string", "text", "email", "url")
    )
    ctx = ResourceCtx(
        shape=res,
        entity=entity,
        model=res.entity,
        const=res.name.upper(),
        read=f"{res.read.name}Serializer",
        create=f"{res.create.name}Serializer" if res.create else None,
        update=f"{res.update.name}Serializer",
        search=search,
        sort=sort,
    )
    if auth:
        ctx.owner, ctx.tenant = owner_column(spec, entity), tenant_column(spec, entity)
    for p in res.list_params:
        if p.role != "filter" or p.source is None:
            continue
        f = entity.field(p.source)
        if f is None or (f.type == "relation" and not f.has_column):
            continue
        column = f"{f.name}_id" if f.type == "relation" else f.name
        lookup = column + ("" if p.op in (None, "eq") else f"__{p.op}")
        kw = [repr(p.name), repr(lookup), repr(p.value.type)]
        if p.value.choices:
            kw.append(f"choices={tuple(p.value.choices)!r}")
        if p.value.pattern:
            kw.append(f"pattern={p.value.pattern!r}")
        ctx.filters.append(f"Filter({', '.join(kw)})")
    seen: set[str] = set()
    for body in (res.create, res.update):
        for bf in body.fields if body else ():
            if bf.write_roles and (bf.name, bf.write_roles) not in ctx.write_roles:
                ctx.write_roles.append((bf.name, bf.write_roles))
            if bf.name in seen or bf.type != "id" or bf.target is None:
                continue
            seen.add(bf.name)
            if bf.many:
                ctx.many.append((bf.name, bf.source or bf.name, bf.target))
            else:
                ctx.relations.append((bf.name, bf.target))
    for op in res.operations:
        if op.kind == "action" and op.action is not None:
            action = next(a for a in entity.actions if a.name == op.action)
            ctx.actions.append((op.action, op_code(op), action.scope, op.operation_id))
        else:
            ctx.ops.append((op.kind, op_code(op)))
    return ctx


def routes_of(resources: list[ResourceCtx]) -> list[Route]:
    """Django URL patterns in the contract's registration order."""
    routes: list[Route] = []
    for res in resources:
        seen: set[str] = set()
        for op in res.shape.operations:
            path = django_path(op.path)
            if op.kind == "action":
                view = "crud.ActionView"
                method = op.method
                kwargs = (
                    f"resource=resources.{res.const}, action_name={op.action!r}, "
                    f"http_method_names=[{method!r}, 'options']"
                )
                routes.append(Route(path, view, kwargs, op.operation_id))
                continue
            if path in seen:
                continue
            seen.add(path)
            view = "crud.ItemView" if "<int:pk>" in path else "crud.CollectionView"
            methods = sorted(
                {o.method for o in res.shape.operations if django_path(o.path) == path}
            )
            kwargs = f"resource=resources.{res.const}, http_method_names={[*methods, 'options']!r}"
            routes.append(
                Route(path, view, kwargs, f"{res.shape.name}-{'item' if 'pk' in path else 'list'}")
            )
    return routes


@dataclass(frozen=True)
class TenancyCtx:
    """How the caller's tenants are found, and where each model names its tenant."""

    entity: str
    factory: str
    # (model, tenant column, owner column): rows naming a tenant and their owner.
    sources: tuple[tuple[str, str, str], ...]
    columns: dict[str, str]
    user_field: str | None  # the user model's own tenant column, if it has one
    owned: bool  # whether the tenant entity has an owner (tests make one for a user)


def tenancy_of(spec: Spec) -> TenancyCtx | None:
    """Tenancy of a spec with auth: tenants a user owns, tenants of rows they own (their
    memberships), and the user's own tenant relation when the User entity declares one."""
    tenancy = spec.project.tenancy
    if tenancy is None or not spec.project.auth.enabled:
        return None
    sources: list[tuple[str, str, str]] = []
    columns: dict[str, str] = {}
    user_field = None
    for entity in spec.entities:
        tenant = tenant_column(spec, entity)
        if tenant is None:
            continue
        columns[entity.name] = tenant
        owner = owner_column(spec, entity)
        if entity.name == USER:
            user_field = tenant if tenant != "id" else None
        elif owner is not None:
            sources.append((entity.name, tenant, owner))
    members = [s for s in sources if _membership(spec, s[0])]
    if members:  # memberships say who belongs; other owned rows do not
        sources = [s for s in sources if s in members or s[0] == tenancy.entity]
    tenant_entity = spec.entity(tenancy.entity)
    owned = tenant_entity is not None and owner_column(spec, tenant_entity) is not None
    return TenancyCtx(
        tenancy.entity, to_snake(tenancy.entity), tuple(sources), columns, user_field, owned
    )


def _membership(spec: Spec, name: str) -> bool:
    entity = spec.entity(name)
    return entity is not None and is_membership(entity)
