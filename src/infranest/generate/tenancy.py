"""Tenancy: where rows name their tenant and how a user's tenants are found (the Express
and Fiber targets read it; the rules are those of the Django target).

The tenant entity names itself (``id``), other entities through their tenant relation; a
user belongs to the tenants they own and to the tenants of rows they own (memberships: when
an entity holds one row per (tenant, owner), only those rows and owned tenants count).
"""

from __future__ import annotations

from dataclasses import dataclass

from infranest.generate.tables import tables
from infranest.spec.builtins import USER
from infranest.spec.exporters.api_types import Resource
from infranest.spec.model import Entity, Spec


@dataclass(frozen=True)
class TenantSource:
    """Rows of ``table`` naming a tenant (``tenant``) and a user (``owner``)."""

    table: str
    tenant: str
    owner: str
    soft_delete: bool


@dataclass(frozen=True)
class Parent:
    """A relation of a create/update body to a tenant-scoped table (same tenant only)."""

    key: str
    table: str
    tenant: str
    target: str  # the entity


def tenant_column(spec: Spec, entity: Entity) -> str | None:
    """The column naming a row's tenant (``id`` on the tenant entity itself)."""
    tenancy = spec.project.tenancy
    if tenancy is None or not spec.project.auth.enabled:
        return None
    if entity.name == tenancy.entity:
        return "id"
    tenant = entity.tenant_field
    return f"{tenant.name}_id" if tenant is not None and tenant.has_column else None


def _owner_column(entity: Entity) -> str | None:
    owner = entity.owner_field
    return f"{owner.name}_id" if owner is not None and owner.has_column else None


def is_membership(entity: Entity) -> bool:
    """Whether ``entity`` holds one row per (tenant, owner): a unique index on both."""
    owner, tenant = entity.owner_field, entity.tenant_field
    if owner is None or tenant is None:
        return False
    pair = {owner.name, tenant.name}
    return any(i.unique and set(i.fields) == pair for i in entity.indexes)


def sources(spec: Spec) -> tuple[TenantSource, ...]:
    """Where a user's tenants are read from (empty without tenancy)."""
    tenancy = spec.project.tenancy
    if tenancy is None or not spec.project.auth.enabled:
        return ()
    names = {t.entity: t.name for t in tables(spec)[0]}
    found: list[tuple[Entity, TenantSource]] = []
    for entity in spec.entities:
        tenant, owner = tenant_column(spec, entity), _owner_column(entity)
        if tenant is None or owner is None or entity.name == USER:
            continue
        found.append((entity, TenantSource(names[entity.name], tenant, owner, entity.soft_delete)))
    members = [s for e, s in found if is_membership(e)]
    if members:
        return tuple(s for e, s in found if s in members or e.name == tenancy.entity)
    return tuple(s for _, s in found)


def owned_tenant(spec: Spec) -> bool:
    """Whether a user's own tenant row makes them a member (tests make one per caller)."""
    return any(s.tenant == "id" for s in sources(spec))


def parents(spec: Spec, resource: Resource) -> tuple[Parent, ...]:
    """The single relations of ``resource``'s bodies to tenant-scoped tables."""
    entity = spec.entity(resource.entity)
    assert entity is not None
    own = tenant_column(spec, entity)
    if own is None or own == "id":
        return ()
    names = {t.entity: t.name for t in tables(spec)[0]}
    keys = {f.name: f for f in resource.create.fields} if resource.create else {}
    keys.update({f.name: f for f in resource.update.fields})
    found = []
    for key, f in sorted(keys.items()):
        target = spec.entity(f.target) if f.type == "id" and f.target else None
        if target is None or f.many:
            continue
        column = tenant_column(spec, target)
        if column is not None:
            found.append(Parent(key, names[target.name], column, target.name))
    return tuple(found)
