"""What the generated test suite needs to know: factories per table, cases per resource."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from infranest.generate.tables import Column, Table, column_name, table_name
from infranest.generate.target import ProjectView
from infranest.generate.targets.fastapi.context import RouteModule, tenancy
from infranest.generate.targets.fastapi.samples import Sample, invalid, sample
from infranest.spec.builtins import USER
from infranest.spec.exporters.api_types import BodyField, Operation
from infranest.spec.model import Entity, FieldDef, Spec
from infranest.spec.names import to_snake

# Filter types whose equality survives a JSON round trip on every database.
_EXACT = frozenset({"string", "text", "email", "url", "int", "bigint", "bool", "enum", "id"})


@dataclass(frozen=True)
class FactoryValue:
    """A column a factory fills: a sample expression, or a parent row made by
    ``make_<parent>``; ``back`` names the parent's deferred key that refers to the row
    being made (a required cycle: the row takes a reserved id, the parent is made first)."""

    column: str
    expr: str
    parent: str | None = None
    fresh: bool = False
    back: str | None = None
    blocks_delete: bool = False


@dataclass(frozen=True)
class Factory:
    module: str
    model: str
    values: list[FactoryValue]
    owner: str | None
    is_user: bool
    enums: list[str] = field(default_factory=list)
    single_owner: bool = False

    @property
    def cyclic(self) -> bool:
        """Whether a row is made together with a parent that refers back to it."""
        return any(v.back for v in self.values)

    @property
    def blocks_delete(self) -> bool:
        """Whether the parent made with a row still refers to it (deleting it is a 409)."""
        return any(v.blocks_delete for v in self.values)


def _scalar_field(spec: Spec, entity: Entity, f: FieldDef) -> BodyField:
    """The field as the mapper would show it (type, limits, pattern), for sampling."""
    from infranest.spec.exporters.api_fields import FieldMapper

    mapped = FieldMapper(spec, []).value(entity, f)
    assert mapped is not None
    return mapped


def _back_key(table: Table, parent: Table | None) -> Column | None:
    """The required deferred key of ``parent`` that refers to ``table`` (a cycle)."""
    if parent is None or parent.name == table.name:
        return None
    return next((c for c in parent.deferred if c.fk_table == table.name and not c.nullable), None)


def factory(spec: Spec, table: Table, by_entity: dict[str, Table]) -> Factory:
    entity = spec.entity(table.entity)
    assert entity is not None
    values: list[FactoryValue] = []
    cycles: list[FactoryValue] = []  # made last: nothing may commit between them and the row
    owner = entity.owner_field
    tenant_entity = spec.project.tenancy.entity if spec.project.tenancy else None
    for f in entity.fields:
        if not f.has_column:
            continue
        column = column_name(f)
        if f.is_relation:
            if f.owner and spec.project.auth.enabled:
                values.append(FactoryValue(column, "owner_id", "owner"))
            elif not f.optional or (f.tenant and f.target == tenant_entity):
                target = to_snake(f.target or "")
                parent = "user" if f.target == USER else target
                fresh = f.unique or f.cardinality == "one_to_one" or f.target == USER
                back = _back_key(table, by_entity.get(f.target or ""))
                if back is None:
                    values.append(FactoryValue(column, target, parent, fresh))
                else:
                    blocks = back.ondelete in (None, "NO ACTION", "RESTRICT")
                    cycles.append(FactoryValue(column, target, parent, True, back.name, blocks))
            continue
        if f.optional or f.default is not None:
            continue
        found = sample(_scalar_field(spec, entity, f))
        if found is not None:
            values.append(FactoryValue(column, found.orm))
    if table.is_user:
        values.append(FactoryValue("hashed_password", "PASSWORD_HASH"))
        values.append(FactoryValue("is_active", "True"))
    return Factory(
        module=table.module,
        model=table.entity,
        values=values + cycles,
        owner=f"{owner.name}_id" if owner is not None else None,
        is_user=table.is_user,
        enums=list(table.enums),
        single_owner=owner is not None
        and spec.project.auth.enabled
        and (owner.unique or owner.cardinality == "one_to_one"),
    )


@dataclass(frozen=True)
class PayloadKey:
    key: str
    expr: str


@dataclass(frozen=True)
class ActionCase:
    operation_id: str
    method: str
    path: str
    role: str | None
    item: bool
    idempotent: bool


@dataclass(frozen=True)
class ResourceTests:
    """The cases generated for one resource (None/empty: the case does not apply)."""

    module: str
    entity: str
    path: str
    roles: dict[str, str | None]
    forbidden: dict[str, str | None]
    public: dict[str, bool]
    payload: list[PayloadKey] | None
    invalid: PayloadKey | None
    unique: str | None
    update: PayloadKey | None
    filters: list[tuple[str, str]]
    ranges: list[str]
    search: str | None
    sorts: list[str]
    actions: list[ActionCase]
    isolation: str | None
    single_owner: bool
    pagination: str
    max_size: int
    read_keys: list[str]
    kinds: set[str]
    versioned: bool
    soft_delete: bool
    tenant_parent: str | None = None
    referenced: bool = False
    siblings: bool = False


def actor_role(op: Operation, roles: tuple[str, ...], default: str | None) -> str | None:
    """A role that may call ``op``: a listed role, else the default role."""
    listed = [r for r in op.principals if r in roles]
    return listed[0] if listed else default


def forbidden_role(op: Operation, roles: tuple[str, ...]) -> str | None:
    """A role the operation refuses outright (403), if there is one."""
    if set(op.principals) & {"anyone", "authenticated", "owner", "tenant"}:
        return None
    return next((r for r in roles if r not in op.principals), None)


def create_role(
    op: Operation, route: RouteModule, roles: tuple[str, ...], default: str | None
) -> str | bool | None:
    """A role that may create with every required field it must set; False when none can."""
    body = route.resource.create
    needed = [f.write_roles for f in body.fields if f.required and f.write_roles] if body else []
    if not needed:
        return actor_role(op, roles, default)
    open_to_all = bool(set(op.principals) & {"anyone", "authenticated", "owner", "tenant"})
    for role in roles:
        if all(role in w for w in needed) and (role in op.principals or open_to_all):
            return role
    return False


def _payload(spec: Spec, route: RouteModule) -> list[PayloadKey] | None:
    body = route.resource.create
    if body is None:
        return None
    keys: list[PayloadKey] = []
    for f in body.fields:
        if not f.required:
            continue
        if f.type == "id" and f.target:
            parent = "user" if f.target == USER else to_snake(f.target)
            keys.append(PayloadKey(f.name, f"factories.make_{parent}(db, actor.id).id"))
            continue
        found: Sample | None = sample(f)
        if found is None:
            return None
        keys.append(PayloadKey(f.name, found.api))
    return keys


def _invalid(route: RouteModule) -> PayloadKey | None:
    body = route.resource.create or route.resource.update
    for f in body.fields:
        if f.write_roles:
            continue
        value = invalid(f)
        if value is not None and f.type != "id":
            return PayloadKey(f.name, value)
    return None


def _update(route: RouteModule) -> PayloadKey | None:
    for f in route.resource.update.fields:
        if f.write_roles or f.type in ("id", "json") or f.many or f.name == "version":
            continue
        found = sample(f)
        if found is not None:
            return PayloadKey(f.name, found.api)
    return None


def _isolation(op: Operation | None, roles: tuple[str, ...]) -> str | None:
    if op is None or "owner" not in op.principals:
        return None
    if set(op.principals) & {"anyone", "authenticated", "tenant"}:
        return None
    return next((r for r in reversed(roles) if r not in op.principals), None)


def resource_tests(view: ProjectView, route: RouteModule, p: dict[str, Any]) -> ResourceTests:
    spec = view.spec
    resource = route.resource
    roles = spec.project.roles
    default = p["default_role"]
    ops = {op.kind: op for op in resource.operations if op.kind != "action"}
    auth = spec.project.auth.enabled
    entity = spec.entity(resource.entity)
    assert entity is not None
    owner = entity.owner_field
    single_owner = entity.name == USER or (
        owner is not None and (owner.unique or owner.cardinality == "one_to_one")
    )
    list_op = ops.get("list")
    filters: list[tuple[str, str]] = []
    ranges: list[str] = []
    search = None
    sorts: list[str] = []
    for param in list_op.params if list_op else ():
        if param.role == "filter" and param.op == "eq" and param.value.type in _EXACT:
            filters.append((param.name, param.name))
        elif param.role == "filter" and param.op == "gte":
            ranges.append(param.name)
        elif param.role == "sort":
            sorts = list(param.value.choices)
    if route.search:
        search = route.search[0]
    read_keys = [f.name for f in resource.read.fields if not f.read_roles]
    actions = [
        ActionCase(
            op.operation_id,
            op.method,
            op.path.replace(resource.item_path, "").replace(resource.path, ""),
            actor_role(op, roles, default) if auth else None,
            "{id}" in op.path,
            op.idempotent,
        )
        for op in resource.operations
        if op.kind == "action"
    ]
    unique = next(
        (
            f.name
            for f in (resource.create.fields if resource.create else ())
            if f.unique and f.required and f.type != "id"
        ),
        None,
    )
    acting: dict[str, str | None] = {
        k: actor_role(o, roles, default) if auth else None for k, o in ops.items()
    }
    payload = _payload(spec, route)
    tenant_parent = None
    if route.tenant is not None and route.tenant != "id":
        found = tenancy(spec)
        if found is not None and found.sources:
            tenant_parent = to_snake(found.entity)
        else:
            payload = None
    if auth and "create" in ops:
        chosen = create_role(ops["create"], route, roles, default)
        if chosen is False:
            payload = None
        else:
            acting["create"] = chosen if isinstance(chosen, str) else None
    return ResourceTests(
        module=route.module,
        entity=resource.entity,
        path=resource.path,
        roles=acting,
        forbidden={k: forbidden_role(o, roles) if auth else None for k, o in ops.items()},
        public={k: o.public for k, o in ops.items()},
        payload=payload,
        tenant_parent=tenant_parent,
        invalid=_invalid(route),
        unique=unique,
        update=_update(route),
        filters=filters,
        ranges=ranges,
        search=search,
        sorts=sorts,
        actions=actions,
        isolation=_isolation(ops.get("read"), roles) if auth else None,
        single_owner=single_owner,
        pagination=resource.pagination.style,
        max_size=resource.pagination.max_size,
        read_keys=read_keys,
        kinds=set(ops),
        versioned=resource.optimistic_lock,
        soft_delete=resource.soft_delete,
        referenced=not resource.soft_delete
        and any(f.blocks_delete for f in p["factories"] if f.model == resource.entity),
        siblings=_siblings(p["factories"], resource.entity),
    )


def _siblings(found: list[Factory], entity: str) -> bool:
    """Whether ``make_<entity>`` makes more rows of its own table: a parent of a required
    cycle makes its partner of this table first."""
    by_module = {f.module: f for f in found}
    mine = next((f for f in found if f.model == entity), None)
    if mine is None:
        return False
    for v in mine.values:
        parent = by_module.get(v.parent or "")
        if (
            parent is not None
            and not v.back
            and any(w.back and w.parent == mine.module for w in parent.values)
        ):
            return True
    return False


def factories(spec: Spec, tables: list[Table]) -> list[Factory]:
    by_entity = {t.entity: t for t in tables}
    return [factory(spec, t, by_entity) for t in tables]


__all__ = ["factories", "resource_tests", "table_name"]
