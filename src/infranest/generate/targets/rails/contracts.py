"""The contract of each resource as Ruby data: bodies, list parameters, access, routes."""

from __future__ import annotations

from dataclasses import dataclass

from infranest.generate.targets.rails.ruby import (
    ruby_literal,
    ruby_regexp,
    words_array,
)
from infranest.spec.builtins import USER
from infranest.spec.exporters.api_types import ApiShape, BodyField, Operation, QueryParam, Resource
from infranest.spec.model import Spec
from infranest.spec.names import to_pascal, to_snake

# Controller actions of the resource operations.
KIND_ACTIONS = {
    "list": "index",
    "create": "create",
    "read": "show",
    "update": "update",
    "delete": "destroy",
}
# Controller and action of the service's own operations.
SERVICE_ROUTES = {
    "health": ("system", "health"),
    "ready": ("system", "ready"),
    "metrics": ("system", "metrics"),
    "register": ("auth", "register"),
    "login": ("auth", "login"),
    "refresh": ("auth", "refresh"),
    "logout": ("auth", "logout"),
    "me": ("auth", "me"),
    "oauth_authorize": ("auth", "oauth_authorize"),
    "oauth_token": ("auth", "oauth_token"),
}
_WIDTH = 96
# Method names a controller action may not take (Ruby, ActionController, our concerns).
RESERVED = frozenset(
    {
        "action_name",
        "authorize",
        "class",
        "cookies",
        "create",
        "destroy",
        "display",
        "edit",
        "format",
        "head",
        "headers",
        "index",
        "initialize",
        "logger",
        "method",
        "new",
        "not_found",
        "params",
        "process",
        "redirect_to",
        "render",
        "request",
        "response",
        "send",
        "session",
        "show",
        "status",
        "update",
        "url_for",
    }
)


def action_method(action: str) -> str:
    """The controller method of a custom action (``<name>_action`` when taken)."""
    name = to_snake(action)
    return f"{name}_action" if name in RESERVED else name


@dataclass(frozen=True)
class Route:
    verb: str
    path: str
    target: str


@dataclass(frozen=True)
class ActionView:
    name: str
    path: str
    method: str
    scope: str
    idempotent: bool
    operation_id: str


@dataclass(frozen=True)
class ResourceView:
    entity: str
    plural: str
    controller: str
    contract: str
    read: tuple[str, ...]
    create: tuple[str, ...] | None
    update: tuple[str, ...]
    params: tuple[str, ...]
    pagination: str
    search: str
    access: tuple[tuple[str, str], ...]
    owner: str
    tenant: str
    soft_delete: bool
    versioned: bool
    actions: tuple[ActionView, ...]
    resource: Resource


def field_pairs(f: BodyField, *, query: bool = False) -> list[tuple[str, str]]:
    """The keys of a field's Ruby hash (only those that differ from the default)."""
    kind = "id" if f.type == "id" else f.type
    pairs = [("name", ruby_literal(f.name)), ("type", ruby_literal(kind))]
    if f.required and not query:
        pairs.append(("required", "true"))
    if f.nullable:
        pairs.append(("nullable", "true"))
    if f.many:
        pairs.append(("many", "true"))
        pairs.append(("source", ruby_literal(f.source or f.name.removesuffix("_ids"))))
    if f.choices:
        pairs.append(("choices", words_array(f.choices)))
    for key in ("max_length", "min_length", "minimum", "maximum"):
        value = getattr(f, key)
        if value is not None:
            pairs.append((key, ruby_literal(value)))
    if f.pattern is not None:
        pairs.append(("pattern", ruby_regexp(f.pattern)))
    if f.read_roles:
        pairs.append(("read_roles", words_array(f.read_roles)))
    if f.write_roles:
        pairs.append(("write_roles", words_array(f.write_roles)))
    return pairs


def ruby_hash(pairs: list[tuple[str, str]], indent: int) -> str:
    """A Ruby hash, on one line when it fits, else one key per line."""
    flat = "{ " + ", ".join(f"{k}: {v}" for k, v in pairs) + " }"
    if indent + len(flat) <= _WIDTH:
        return flat
    inner = ",\n".join(f"  {k}: {v}" for k, v in pairs)
    return "{\n" + inner + "\n}"


def _param(p: QueryParam, entity_columns: dict[str, str]) -> str:
    pairs = field_pairs(p.value, query=True)
    pairs.insert(1, ("role", ruby_literal(p.role)))
    if p.role == "filter" and p.source is not None:
        pairs.append(("column", ruby_literal(entity_columns.get(p.source, p.source))))
        pairs.append(("op", ruby_literal(p.op or "eq")))
    if p.value.default is not None and p.value.default.value is not None:
        pairs.append(("default", ruby_literal(p.value.default.value)))
    return ruby_hash(pairs, 4)


def _columns(spec: Spec, entity_name: str) -> dict[str, str]:
    entity = spec.entity(entity_name)
    found: dict[str, str] = {}
    if entity is None:
        return found
    for f in entity.fields:
        found[f.name] = f"{f.name}_id" if f.type == "relation" else f.name
    return found


def resource_view(spec: Spec, r: Resource) -> ResourceView:
    entity = spec.entity(r.entity)
    assert entity is not None
    columns = _columns(spec, r.entity)
    access: list[tuple[str, str]] = []
    actions: list[ActionView] = []
    for op in r.operations:
        name = KIND_ACTIONS.get(op.kind) or action_method(op.action or op.operation_id)
        access.append((name, words_array(op.principals)))
        if op.kind == "action" and op.action is not None:
            act = next(a for a in entity.actions if a.name == op.action)
            actions.append(
                ActionView(name, op.path, act.method, act.scope, op.idempotent, op.operation_id)
            )
    tenant = entity.tenant_field
    pag = r.pagination
    return ResourceView(
        entity=r.entity,
        plural=r.plural,
        controller=f"{to_pascal(r.plural)}Controller",
        contract=f"{r.entity}Contract",
        read=tuple(ruby_hash(field_pairs(f), 4) for f in r.read.fields),
        create=tuple(ruby_hash(field_pairs(f), 4) for f in r.create.fields) if r.create else None,
        update=tuple(ruby_hash(field_pairs(f), 4) for f in r.update.fields),
        params=tuple(_param(p, columns) for p in r.list_params),
        pagination=ruby_hash(
            [
                ("style", ruby_literal(pag.style)),
                ("size", ruby_literal(pag.size)),
                ("max", ruby_literal(pag.max_size)),
            ],
            2,
        ),
        search=words_array([columns.get(s, s) for s in entity.search]),
        access=tuple(access),
        owner=ruby_literal(_owner_column(spec, r.entity)),
        tenant=ruby_literal(f"{tenant.name}_id" if tenant else None),
        soft_delete=r.soft_delete,
        versioned=r.optimistic_lock,
        actions=tuple(actions),
        resource=r,
    )


def _owner_column(spec: Spec, entity_name: str) -> str | None:
    """The column naming a row's owner; a declared ``User`` row is owned by that user."""
    entity = spec.entity(entity_name)
    if entity is None:
        return None
    if entity.owner_field is not None:
        return f"{entity.owner_field.name}_id"
    if entity.name == USER and spec.project.auth.enabled:
        return "id"
    return None


def rails_path(path: str) -> str:
    return path.replace("{id}", ":id").replace("{provider}", ":provider")


def routes(shape: ApiShape) -> list[Route]:
    """Every route of the contract, in its registration order."""
    found: list[Route] = []
    controllers = {r.entity: to_snake(r.plural) for r in shape.resources}
    for op in shape.operations:
        found.append(Route(op.method, rails_path(op.path), _target(op, controllers)))
    for prediction in shape.predictions:
        op = prediction.operation
        found.append(Route(op.method, op.path, f"predictions#{op.operation_id}"))
    return found


def _target(op: Operation, controllers: dict[str, str]) -> str:
    if op.kind in SERVICE_ROUTES:
        controller, action = SERVICE_ROUTES[op.kind]
        return f"{controller}#{action}"
    assert op.entity is not None
    action = KIND_ACTIONS.get(op.kind) or action_method(op.action or "")
    return f"{controllers[op.entity]}#{action}"
