"""OpenAPI operations → the resources they imply and the entity operation each one is.

Path segments ``api`` and version markers (``v1``, ``v2.7``) are ignored. An operation is
tied to the entity named by its *resource segment*: the last static segment that names an
entity and is followed by a ``{param}``, else the last static segment naming one
(``orders`` → ``Order``; ``videos`` → ``ProfileVideo`` when exactly one entity name ends
with ``Video``), else the last word of the last segment (``apply_coupon`` → ``Coupon``).
After it:

- nothing: GET is ``list``, POST ``create``;
- ``{param}``: GET ``read``, PUT/PATCH ``update``, DELETE ``delete``;
- ``{param}/more``: an item action named ``more`` (``POST /posts/{id}/comment`` → ``comment``);
- ``more`` without a param: ``list`` for a GET returning a collection (``/orders/all``),
  ``create`` for a POST to ``add_x``/``new-x``/``create_x``/``signup``, the standard auth
  endpoints on the user entity, else a collection action named ``more``.

Standard auth endpoints (login, logout, refresh, token, register/signup, me) and health
endpoints (health, ready, live, metrics, ping) are generated for every project: they are no
actions and need no warning; the register body and the ``me`` response describe ``User``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Literal

from infranest.spec.builtins import USER
from infranest.spec.importers.openapi_common import (
    ENVELOPE_KEYS,
    HTTP_METHODS,
    Document,
    as_dict,
    as_list,
    child,
    entity_word,
    is_param,
    match_entity,
    path_segments,
    pointer,
)
from infranest.spec.importers.openapi_fields import json_type
from infranest.spec.names import to_pascal, to_snake, words

BindingKind = Literal[
    "list", "read", "create", "update", "delete", "action", "register", "me", "generated", "none"
]  # generated: auth and health endpoints every project gets
LOGIN_WORDS = frozenset(
    {"login", "signin", "logout", "signout", "refresh", "refreshtoken", "token"}
)
REGISTER_WORDS = frozenset({"register", "signup"})
ME_WORDS = frozenset({"me", "whoami"})
HEALTH_WORDS = frozenset(
    {"health", "healthz", "healthcheck", "ready", "readyz", "readiness", "live", "livez"}
    | {"liveness", "metrics", "ping"}
)
CREATE_VERBS = frozenset({"add", "new", "create"})
# Segments that never name a resource of their own.
_NOT_RESOURCES = frozenset(
    {"auth", "oauth", "oauth2", "admin", "all", "list", "search", "recent", "latest", "mine"}
)


@dataclass(frozen=True)
class Rep:
    """What a body shows of a resource: the schema node of one item, whether the body holds
    many of them, the envelope property it came from, and the envelope's other properties."""

    node: dict[str, Any]
    at: str
    many: bool = False
    key: str | None = None
    extras: tuple[str, ...] = ()
    envelope_at: str = ""


@dataclass(frozen=True)
class Operation:
    path: str
    method: str
    node: dict[str, Any]
    at: str
    params: tuple[tuple[dict[str, Any], str], ...]
    public: bool
    scopes: tuple[str, ...]
    request: Rep | None
    response: Rep | None

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def segments(self) -> list[str]:
        return path_segments(self.path)


@dataclass(frozen=True)
class Binding:
    """The entity operation an OpenAPI operation is."""

    kind: BindingKind
    entity: str | None = None
    scope: Literal["item", "collection"] = "collection"
    action: str = ""
    key: str | None = None
    nested: bool = False


def representation(doc: Document, node: dict[str, Any], at: str) -> Rep:
    """Look through list and single-object envelopes (``{users: [...]}``, ``{data: {...}}``):
    an object without an ``id`` whose only array of objects, or else only object, is one
    property."""
    schema, here = doc.resolve(node, at)
    if json_type(schema) == "array":
        return Rep(as_dict(schema.get("items")), child(here, "items"), many=True)
    props = as_dict(schema.get("properties"))
    if not props or "id" in props:
        return Rep(node, at)
    arrays: list[str] = []
    objects: list[str] = []
    for key, value in props.items():
        resolved, _ = doc.resolve(value, here)
        if json_type(resolved) == "array":
            item, _ = doc.resolve(resolved.get("items"), here)
            if as_dict(item.get("properties")) or "allOf" in item:
                arrays.append(key)
        elif as_dict(resolved.get("properties")) or "allOf" in resolved:
            objects.append(key)
    chosen = arrays if len(arrays) == 1 else objects if len(objects) == 1 and not arrays else []
    if not chosen:
        return Rep(node, at)
    key = chosen[0]
    extras = tuple(k for k in props if k != key and k not in ENVELOPE_KEYS)
    inner = representation(doc, as_dict(props[key]), child(here, "properties", key))
    return Rep(inner.node, inner.at, inner.many or key in arrays, key, extras, here)


def read_operations(doc: Document, auth_enabled: bool) -> list[Operation]:
    """Every operation of the document, in document order."""
    default_security = as_list(doc.data.get("security"))
    result: list[Operation] = []
    for path, raw_item in as_dict(doc.data.get("paths")).items():
        item, item_at = doc.resolve(raw_item, pointer("paths", path))
        for method in item:
            if method not in HTTP_METHODS:
                continue
            node, at = as_dict(item[method]), child(item_at, method)
            security = as_list(node["security"]) if "security" in node else default_security
            requirements = [as_dict(r) for r in security]
            public = not auth_enabled or not requirements or any(not r for r in requirements)
            scopes = tuple(
                sorted({str(s) for r in requirements for v in r.values() for s in as_list(v)})
            )
            request, request_at = doc.request_schema(node, at)
            response, response_at = doc.response_schema(node, at)
            result.append(
                Operation(
                    path=path,
                    method=method,
                    node=node,
                    at=at,
                    params=_parameters(doc, item, item_at, node, at),
                    public=public,
                    scopes=scopes,
                    request=None if request is None else Rep(request, request_at),
                    response=None
                    if response is None
                    else representation(doc, response, response_at),
                )
            )
    return result


def _parameters(
    doc: Document, item: dict[str, Any], item_at: str, node: dict[str, Any], at: str
) -> tuple[tuple[dict[str, Any], str], ...]:
    """Path-level parameters overridden by operation-level ones of the same name and place."""
    merged: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
    for owner, owner_at in ((item, item_at), (node, at)):
        for i, raw in enumerate(as_list(owner.get("parameters"))):
            param, param_at = doc.resolve(raw, child(owner_at, "parameters", i))
            merged[(str(param.get("name")), str(param.get("in")))] = (param, param_at)
    return tuple(merged.values())


def infer_resources(
    doc: Document, ops: list[Operation], names: Collection[str]
) -> list[tuple[str, str]]:
    """Resources the paths imply beyond the given entities, with the pointer naming each:
    a segment followed by ``{param}``, the list a GET returns as inline objects, the noun of a
    POST to ``add_x``/``new-x``, and ``User`` when a register or ``me`` endpoint exists."""
    known = list(names)
    found: list[tuple[str, str]] = []

    def add(word: str, at: str) -> None:
        if to_snake(word) in _NOT_RESOURCES or match_entity(word, known) is not None:
            return
        name = entity_word(word)
        known.append(name)
        found.append((name, at))

    for op in ops:
        segs = op.segments
        statics = [s for s in segs if not is_param(s)]
        for i, seg in enumerate(segs[:-1]):
            if not is_param(seg) and is_param(segs[i + 1]):
                add(seg, op.at)
        rep = op.response
        if op.method == "get" and rep is not None and rep.many and statics:
            item, _ = doc.resolve(rep.node, rep.at)
            if doc.schema_name(rep.node) is None and as_dict(item.get("properties")):
                add(rep.key or statics[-1], op.at)
        last = to_snake(statics[-1]) if statics else ""
        verb, _, noun = last.partition("_")
        if op.method == "post" and verb in CREATE_VERBS and noun:
            add(noun, op.at)
        if last.replace("_", "") in REGISTER_WORDS | ME_WORDS and USER not in known:
            known.append(USER)
            found.append((USER, op.at))
    return found


_ITEM_KINDS: dict[str, BindingKind] = {
    "get": "read",
    "put": "update",
    "patch": "update",
    "delete": "delete",
}
_COLLECTION_KINDS: dict[str, BindingKind] = {"get": "list", "post": "create"}


def bind(op: Operation, names: Collection[str], user: str) -> Binding:
    """The entity operation ``op`` is, given the entity names. A ``list`` or ``create`` found
    on a sub-path keeps the sub-path as ``action`` (it becomes one when the entity already
    has that operation)."""
    segs = op.segments
    statics = [i for i, s in enumerate(segs) if not is_param(s)]
    followed = [i for i in statics if i + 1 < len(segs) and is_param(segs[i + 1])]
    resource = next((i for i in reversed(followed) if match_entity(segs[i], names)), None)
    if resource is None:
        resource = next((i for i in reversed(statics) if match_entity(segs[i], names)), None)
    if resource is None:
        return _bind_loose(op, [segs[i] for i in statics], names, user)
    entity = match_entity(segs[resource], names)
    assert entity is not None
    rest = segs[resource + 1 :]
    key = rest[0][1:-1] if rest and is_param(rest[0]) else None
    rest = rest[1:] if key is not None else rest
    nested = any(is_param(s) for s in segs[:resource] + rest)
    tail = to_snake("_".join(s for s in rest if not is_param(s)))
    if key is not None:
        if rest:
            kind: BindingKind = "action" if tail else "none"
            return Binding(kind, entity, "item", tail, key, nested)
        return Binding(_ITEM_KINDS.get(op.method, "none"), entity, "item", key=key, nested=nested)
    if not rest:
        return Binding(_COLLECTION_KINDS.get(op.method, "none"), entity, nested=nested)
    flat = tail.replace("_", "")
    if entity == user and flat in LOGIN_WORDS | ME_WORDS | REGISTER_WORDS:
        return Binding(_auth_kind(flat), entity)
    verb, _, noun = tail.partition("_")
    creates = flat in REGISTER_WORDS or (
        verb in CREATE_VERBS and bool(noun) and match_entity(noun, names) == entity
    )
    if op.method == "post" and creates and len(rest) == 1:
        return Binding("create", entity, action=tail, nested=nested)
    if op.method == "get" and op.response is not None and op.response.many:
        listed = Document.schema_name(op.response.node)
        if listed is None or to_pascal(listed) == entity or to_pascal(listed) not in names:
            return Binding("list", entity, action=tail, nested=nested)
    return Binding("action", entity, "collection", tail, nested=nested)


def _auth_kind(flat: str) -> BindingKind:
    if flat in REGISTER_WORDS:
        return "register"
    return "me" if flat in ME_WORDS else "generated"


def _bind_loose(op: Operation, statics: list[str], names: Collection[str], user: str) -> Binding:
    """Paths whose segments name no entity: auth endpoints, or ``verb_noun`` actions."""
    if not statics:
        return Binding("none")
    last = to_snake(statics[-1])
    flat = last.replace("_", "")
    if flat in LOGIN_WORDS | ME_WORDS | REGISTER_WORDS:
        return Binding(_auth_kind(flat), user)
    if flat in HEALTH_WORDS:
        return Binding("generated")
    tail = words(last)
    entity = match_entity(tail[-1], names) if len(tail) > 1 else None
    if entity is not None and op.method in ("get", "post", "put", "patch", "delete"):
        return Binding("action", entity, "collection", last)
    return Binding("none")
