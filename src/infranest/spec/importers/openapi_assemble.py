"""Tie operations to drafts, then turn drafts into entities with their API shape.

Access: an operation that needs no credentials (``security: []``, a ``{}`` requirement, or
no requirement at all) grants its entity operation to ``anyone``; one that needs them grants
it to ``authenticated``. Roles and ownership are not derived (security scopes warn).
List query parameters become the API shape: ``page``/``limit``/``offset``/``size`` →
offset pagination, ``cursor``/``after`` → cursor pagination (their default and maximum set
the page size), ``q``/``search``/``query`` → search over the text fields, ``sort``/
``order_by`` → sort over the fields its enum names (else every field with a comparable
column), a parameter named like a field → filter. Writeonly fields are never listed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from infranest.spec.builtins import USER
from infranest.spec.importers.openapi_common import ENVELOPE_KEYS, Document, as_dict, as_list
from infranest.spec.importers.openapi_entities import Collector, Draft
from infranest.spec.importers.openapi_fields import FieldMapper, json_type, unwrap
from infranest.spec.importers.openapi_paths import Binding, Operation, Rep, bind
from infranest.spec.model import (
    OPERATIONS,
    TEXT_TYPES,
    AccessRule,
    Action,
    Entity,
    FieldDef,
    HttpMethod,
    Pagination,
)
from infranest.spec.names import to_snake
from infranest.spec.validate_entity import CREDENTIAL_FIELDS, UNSORTABLE

_METHODS: dict[str, HttpMethod] = {
    "get": "get",
    "put": "put",
    "post": "post",
    "patch": "patch",
    "delete": "delete",
}
_SIZE = frozenset({"limit", "size", "page_size", "per_page", "pagesize", "perpage"})
_OFFSET = frozenset({"offset", "page", "page_number", "skip", "start"})
_CURSOR = frozenset({"cursor", "after", "before", "page_token", "next_token", "starting_after"})
_SEARCH = frozenset({"q", "search", "query", "keyword", "term"})
_SORT = frozenset({"sort", "order_by", "sort_by", "ordering", "orderby", "sortby", "order"})


class Assembler:
    """Applies the operations of a document to its drafts and builds the entities."""

    def __init__(self, doc: Document, collector: Collector, auth_enabled: bool) -> None:
        self.doc = doc
        self.collector = collector
        self.drafts = collector.drafts
        self.auth_enabled = auth_enabled
        self.lossy: set[str] = set()  # operations whose response lost properties
        self.places: dict[str, str] = {}  # "entity:X", "field:X.y", "action:X.y" → pointer

    def apply(self, ops: list[Operation]) -> None:
        """Merge bodies in document order; then record the operations, the exact collection
        paths first so that ``/users`` is the list and ``/users/_debug`` an action."""
        bound = [(op, bind(op, list(self.drafts), USER)) for op in ops]
        for op, binding in bound:
            self._represent(op, binding)
        first = sorted(bound, key=lambda p: p[1].kind in ("list", "create") and bool(p[1].action))
        for op, binding in first:
            self._surface(op, binding)

    def _represent(self, op: Operation, binding: Binding) -> None:
        if binding.entity is None or binding.kind in ("none", "generated"):
            return
        draft = self.drafts[binding.entity]
        reps: list[tuple[str, Rep]] = []
        if op.request is not None and binding.kind in ("create", "update", "register"):
            reps.append(("request", op.request))
        if op.response is not None and binding.kind not in ("delete", "register"):
            reps.append(("response", op.response))
        for role, rep in reps:
            named = Document.schema_name(rep.node)
            other = self.collector.refs.get(named or "")
            if other is not None and other != draft.name:
                continue
            merged = self.collector.merge(draft, rep.node, rep.at)
            left = [name for name in merged or () if name not in ENVELOPE_KEYS]
            if left and role == "response":
                self.lossy.add(op.at)
            if left and binding.kind != "action":
                self.doc.warn(
                    f"{op.label}: {role} properties {', '.join(left)} are not merged into "
                    f"{draft.name} (the {role} shares too few properties with it)",
                    rep.at,
                )
            if rep.extras and binding.kind != "action":
                extras = ", ".join(rep.extras)
                self.doc.warn(
                    f"{op.label}: envelope properties {extras} not represented", rep.envelope_at
                )

    def _surface(self, op: Operation, binding: Binding) -> None:
        if op.method not in _METHODS:
            self.doc.warn(f"{op.label}: method {op.method.upper()} not representable", op.at)
            return
        if binding.kind == "none":
            what = (
                f"no CRUD operation of {binding.entity}" if binding.entity else "tied to no entity"
            )
            self.doc.warn(f"{op.label} is {what}; not represented", op.at)
            return
        if binding.kind in ("generated", "register", "me") or binding.entity is None:
            return
        draft = self.drafts[binding.entity]
        principal = "anyone" if op.public else "authenticated"
        if op.scopes:
            scopes = ", ".join(op.scopes)
            self.doc.warn(f"{op.label}: security scopes {scopes} not represented", op.at)
        if binding.nested:
            self.doc.warn(f"{op.label}: parent path parameters not represented", op.at)
        if binding.action and binding.kind in draft.access:
            binding = replace(binding, kind="action")
        if binding.key is not None:
            draft.keys.append((binding.key, op.at))
        if binding.kind == "action":
            self._action(op, binding, draft, principal)
            return
        if binding.kind in draft.access:
            first = draft.access[binding.kind][1]
            self.doc.warn(
                f"{op.label}: {draft.name} already has its {binding.kind} operation ({first}); "
                "this one is not represented",
                op.at,
            )
            return
        draft.access[binding.kind] = (principal, op.label)
        for param, at in op.params:
            if param.get("in") == "path":
                continue
            if binding.kind == "list":
                draft.list_params.append((param, at))
            else:
                self._param_warning(op.label, param, at)

    def _action(self, op: Operation, binding: Binding, draft: Draft, principal: str) -> None:
        name = binding.action
        if any(a.name == name for a in draft.actions):
            self.doc.warn(f"{op.label}: {draft.name} already has an action {name!r}", op.at)
            return
        method = _METHODS[op.method]
        draft.actions.append(
            Action(name=name, method=method, scope=binding.scope, allow=(principal,))
        )
        self.places[f"action:{draft.name}.{name}"] = op.at
        params = [str(p.get("name")) for p, _ in op.params if p.get("in") != "path"]
        lost = [f"parameters {', '.join(params)}"] if params else []
        if op.request is not None:
            lost.append("request body")
        if op.at in self.lossy:
            lost.append("response body")
        if lost:
            self.doc.warn(
                f"{op.label} is action {name!r} of {draft.name}; its {' and '.join(lost)} "
                "not represented",
                op.at,
            )

    def _param_warning(self, where: str, param: dict[str, Any], at: str) -> None:
        name = str(param.get("name"))
        if param.get("in") == "header" and name.lower() == "authorization":
            return
        self.doc.warn(f"{where}: {param.get('in')} parameter {name!r} not represented", at)

    def build(self, mapper: FieldMapper) -> list[Entity]:
        """Entities from the drafts: value fields, relations, then the API shape."""
        fields = {d.name: self._fields(d, mapper) for d in self.drafts.values()}
        entities: list[Entity] = []
        for draft in self.drafts.values():
            own = tuple(self._to_many(draft, f, fields) for f in fields[draft.name])
            own = self._keys(draft, own)
            entities.append(self._entity(draft, own))
        return entities

    def _fields(self, draft: Draft, mapper: FieldMapper) -> list[FieldDef]:
        self._check_id(draft)
        self.places[f"entity:{draft.name}"] = draft.at
        result: list[FieldDef] = []
        for prop in draft.props.values():
            self.places[f"field:{draft.name}.{prop.name}"] = prop.at
            if draft.name == USER and self.auth_enabled and prop.name in CREDENTIAL_FIELDS:
                self.doc.warn(
                    f"{USER}.{prop.name}: credentials are generated with authentication; "
                    "not kept as a field",
                    prop.at,
                )
                continue
            if prop.kind == "value" or prop.target is None:
                result.append(
                    mapper.value_field(draft.name, prop.name, prop.schema, prop.at, prop.required)
                )
                continue
            view = unwrap(self.doc, prop.schema, prop.at)
            common: dict[str, Any] = {
                "name": prop.name,
                "type": "relation",
                "target": prop.target,
                "optional": not prop.required or view.nullable,
                "readonly": view.schema.get("readOnly") is True,
            }
            if prop.kind == "reference":
                owner = prop.name == "owner" and prop.target == USER
                result.append(FieldDef(cardinality="many_to_one", owner=owner, **common))
            elif prop.kind == "contained":
                back = back_reference(self.drafts[prop.target])
                result.append(FieldDef(cardinality="one_to_many", via=back, **common))
            else:
                result.append(FieldDef(cardinality="many_to_many", **common))
        if draft.parent is not None:
            result.append(
                FieldDef(
                    name=back_reference(draft),
                    type="relation",
                    target=draft.parent,
                    cardinality="many_to_one",
                )
            )
        return result

    def _check_id(self, draft: Draft) -> None:
        if draft.id_schema is None:
            return
        schema, at = draft.id_schema
        view = unwrap(self.doc, schema, at)
        if json_type(view.schema) not in ("integer", "string"):
            kind = json_type(view.schema) or "untyped"
            self.doc.warn(
                f"{draft.name}.id is declared {kind}; the implicit primary key is used", at
            )

    @staticmethod
    def _to_many(draft: Draft, field: FieldDef, fields: dict[str, list[FieldDef]]) -> FieldDef:
        """An array of references is one_to_many when its target has exactly one
        many_to_one back to this entity, else many_to_many."""
        if field.cardinality != "many_to_many" or field.target is None:
            return field
        backs = [
            f.name
            for f in fields.get(field.target, [])
            if f.cardinality == "many_to_one" and f.target == draft.name
        ]
        if len(backs) != 1:
            return field
        return field.model_copy(update={"cardinality": "one_to_many", "via": backs[0]})

    def _keys(self, draft: Draft, fields: tuple[FieldDef, ...]) -> tuple[FieldDef, ...]:
        """A path parameter naming a field (``/users/{username}``) makes it unique."""
        result = list(fields)
        for key in dict.fromkeys(k for k, _ in draft.keys):
            snake = to_snake(key)
            if snake in ("id", "pk") or snake.endswith("_id"):
                continue
            at = next(a for k, a in draft.keys if k == key)
            index = next((i for i, f in enumerate(result) if f.name == snake), None)
            if index is None:
                self.doc.warn(f"{draft.name}: items are addressed by {{{key}}}, no property", at)
                continue
            result[index] = result[index].model_copy(update={"unique": True})
            self.doc.warn(
                f"{draft.name}: items are addressed by {{{key}}}; the generated API addresses "
                f"them by id ({snake} made unique)",
                at,
            )
        return tuple(result)

    def _entity(self, draft: Draft, fields: tuple[FieldDef, ...]) -> Entity:
        shape = self._shape(draft, fields)
        return Entity(
            name=draft.name,
            description=draft.description,
            fields=fields,
            access=access_rules(draft),
            actions=tuple(draft.actions),
            **shape,
        )

    def _shape(self, draft: Draft, fields: tuple[FieldDef, ...]) -> dict[str, Any]:
        columns = {f.name: f for f in fields if listable(f)}
        shape: dict[str, Any] = {}
        filters: list[str] = []
        for param, at in draft.list_params:
            name = str(param.get("name"))
            snake = to_snake(name)
            schema = as_dict(param.get("schema"))
            column = snake if snake in columns else snake.removesuffix("_id")
            if param.get("in") != "query":
                self._param_warning(draft.name, param, at)
            elif snake in _SIZE | _OFFSET | _CURSOR:
                shape["pagination"] = _pagination(shape.get("pagination"), snake, schema)
            elif snake in _SEARCH:
                shape["search"] = tuple(n for n, f in columns.items() if f.type in TEXT_TYPES)
            elif snake in _SORT:
                shape["sort"] = _sortable(schema, columns)
            elif column in columns:
                filters.append(column)
            else:
                self.doc.warn(f"{draft.name}: list query parameter {name!r} not represented", at)
        if filters:
            shape["filter"] = tuple(dict.fromkeys(filters))
        return shape


def listable(field: FieldDef) -> bool:
    """Whether a list may filter, sort or search by ``field``: it has a column, holds a
    comparable value and is never returned hidden (writeonly)."""
    return field.has_column and field.type not in UNSORTABLE and not field.writeonly


def back_reference(child: Draft) -> str:
    """The name of the many_to_one a contained child holds to its parent."""
    base = to_snake(child.parent or "")
    name = base
    while name in child.props:
        name += "_ref"
    return name


def access_rules(draft: Draft) -> tuple[AccessRule, ...]:
    """One rule per principal, operations in the model's order."""
    by_principal: dict[str, list[str]] = {}
    for op in OPERATIONS:
        if op in draft.access:
            by_principal.setdefault(draft.access[op][0], []).append(op)
    return tuple(
        AccessRule(operations=tuple(ops), principals=(principal,))
        for principal, ops in sorted(by_principal.items(), key=lambda p: p[0] != "anyone")
    )


def _pagination(current: Pagination | None, name: str, schema: dict[str, Any]) -> Pagination:
    page = current or Pagination()
    if name in _CURSOR:
        page = page.model_copy(update={"style": "cursor"})
    if name in _SIZE:
        default, maximum = schema.get("default"), schema.get("maximum")
        size = default if isinstance(default, int) and default > 0 else page.size
        top = maximum if isinstance(maximum, int) and maximum > 0 else page.max_size
        page = page.model_copy(update={"size": size, "max_size": max(top, size)})
    return page


def _sortable(schema: dict[str, Any], columns: dict[str, FieldDef]) -> tuple[str, ...]:
    """The fields a sort parameter's enum names (``-price``, ``name:asc``), else every field
    a list can sort by."""
    listed = [
        to_snake(str(v).lstrip("+-").split(":")[0].split(" ")[0])
        for v in as_list(as_dict(schema.get("items")).get("enum") or schema.get("enum"))
    ]
    chosen = [n for n in dict.fromkeys(listed) if n in columns]
    return tuple(chosen) if chosen else tuple(columns)
