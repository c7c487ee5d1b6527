"""What several rules ask of a spec: paths, operations, name heuristics, model edits."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from infranest.design.model import Context
from infranest.spec.builtins import USER
from infranest.spec.exporters.api_types import Operation
from infranest.spec.model import Entity, FieldDef, Spec

OPEN_PRINCIPALS = frozenset({"anyone", "authenticated"})
ADMIN_ROLES = ("admin", "administrator", "superuser", "superadmin", "root")
WRITE_KINDS = frozenset({"create", "update", "delete"})


def entity_path(entity: Entity | str) -> str:
    name = entity if isinstance(entity, str) else entity.name
    return f"entities[{name}]"


def field_path(entity: Entity, f: FieldDef | str) -> str:
    name = f if isinstance(f, str) else f.name
    return f"entities[{entity.name}].fields[{name}]"


def action_path(entity: Entity, action: str) -> str:
    return f"entities[{entity.name}].actions[{action}]"


def words(name: str) -> tuple[str, ...]:
    """``applyCoupon`` and ``apply_coupon`` → ``("apply", "coupon")``."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return tuple(w for w in re.split(r"[^A-Za-z0-9]+", spaced.lower()) if w)


def has_word(name: str, vocabulary: Iterable[str]) -> bool:
    """Whether any word of ``name`` (or the whole joined name) is in ``vocabulary``."""
    vocab = set(vocabulary)
    parts = words(name)
    return bool(vocab & set(parts)) or "_".join(parts) in vocab


def head_word(name: str, vocabulary: Iterable[str]) -> bool:
    """Whether the last word of ``name`` (its head noun: ``OrderItem`` → item) is in
    ``vocabulary``."""
    parts = words(name)
    return bool(parts) and parts[-1] in set(vocabulary)


def served(ctx: Context) -> Iterator[Entity]:
    """The entities the API serves as resources (the built-in User is not one)."""
    for entity in ctx.spec.entities:
        if not entity.builtin:
            yield entity


def operations(ctx: Context, entity: Entity) -> tuple[Operation, ...]:
    if ctx.shape is None:
        return ()
    resource = ctx.shape.resource(entity.name)
    return resource.operations if resource is not None else ()


def operation(ctx: Context, entity: Entity, kind: str) -> Operation | None:
    return next((o for o in operations(ctx, entity) if o.kind == kind), None)


def action_operation(ctx: Context, entity: Entity, action: str) -> Operation | None:
    return next((o for o in operations(ctx, entity) if o.action == action), None)


def is_open(op: Operation) -> bool:
    """Any signed-in user (or anyone) may call it."""
    return bool(OPEN_PRINCIPALS & set(op.principals))


def owned(entity: Entity) -> bool:
    """Rows belong to a user or a tenant."""
    return entity.owner_field is not None or entity.tenant_field is not None


def user_relations(entity: Entity) -> list[FieldDef]:
    """Relations holding a key to the User entity."""
    return [f for f in entity.fields if f.is_relation and f.target == USER and f.has_column]


def admin_role(spec: Spec) -> str | None:
    return next((r for r in spec.project.roles if r.lower() in ADMIN_ROLES), None)


def with_admin(spec: Spec, principals: tuple[str, ...]) -> tuple[str, ...]:
    role = admin_role(spec)
    return principals + ((role,) if role is not None and role not in principals else ())


def writable_by_clients(f: FieldDef) -> bool:
    """The field is in create/update bodies and no field rule restricts who sets it."""
    if f.readonly or f.owner or f.tenant:
        return False
    if f.is_relation and not f.has_column and f.cardinality != "many_to_many":
        return False
    return not (f.access is not None and f.access.write)


def restricted_read(f: FieldDef) -> bool:
    return f.writeonly or (f.access is not None and bool(f.access.read))


def edit_entity(name: str, change: Callable[[Entity], Entity]) -> Callable[[Spec], Spec]:
    """A spec transformation replacing entity ``name`` by ``change(entity)``."""

    def apply(spec: Spec) -> Spec:
        entities = tuple(change(e) if e.name == name else e for e in spec.entities)
        return spec.model_copy(update={"entities": entities})

    return apply


def update_entity(name: str, **changes: Any) -> Callable[[Spec], Spec]:
    return edit_entity(name, lambda e: e.model_copy(update=changes))


def edit_field(entity: str, field: str, **changes: Any) -> Callable[[Spec], Spec]:
    """A spec transformation setting attributes of one field."""

    def change(e: Entity) -> Entity:
        fields = tuple(f.model_copy(update=changes) if f.name == field else f for f in e.fields)
        return e.model_copy(update={"fields": fields})

    return edit_entity(entity, change)


def text_field(f: FieldDef) -> bool:
    return f.type in ("string", "text", "email", "url")
