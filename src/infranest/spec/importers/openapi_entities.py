"""Entity drafts: which schemas are resources, and the properties each one collects.

A draft gathers the raw property schemas of one entity from every schema that shows it
(its component schema, then the bodies of the operations tied to it, in document order).
Properties are keyed by their snake-case field name; the first definition is kept unless a
later one is more specific (a ``$ref``/object over a plain value over an untyped ``{}``).
Nested inline objects are decided here because they may create entities:

- named like an existing entity (by ``title`` or property name) → a reference to it;
- carrying an ``id`` property → a synthesised entity named by its ``title`` or the property
  (prefixed with the parent's name unless the property already starts with its first word:
  ``Vehicle.model`` → ``VehicleModel``, ``Vehicle.vehicleLocation`` → ``VehicleLocation``);
- an array of such objects → a contained child entity with a back-reference to its parent;
- anything else stays a value (json, with a warning, decided by ``openapi_fields``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from infranest.spec.importers.openapi_common import (
    ENVELOPE_KEYS,
    Document,
    as_dict,
    as_list,
    child,
    entity_word,
    pointer,
)
from infranest.spec.importers.openapi_fields import json_type, unwrap
from infranest.spec.model import Action
from infranest.spec.names import to_pascal, to_snake, words

PropKind = Literal["value", "reference", "contained", "many"]
Origin = Literal["component", "path", "nested"]
WRAPPER_SUFFIXES = (
    "Request",
    "Response",
    "Input",
    "Output",
    "Form",
    "Payload",
    "Body",
    "Params",
    "Result",
    "Error",
    "Errors",
    "List",
    "Page",
    "Collection",
)


@dataclass
class RawProp:
    """One property of a draft as the document declares it."""

    name: str
    key: str
    schema: dict[str, Any]
    at: str
    required: bool
    kind: PropKind = "value"
    target: str | None = None


@dataclass
class Draft:
    """An entity being assembled: its properties and the API operations tied to it."""

    name: str
    at: str
    origin: Origin
    description: str | None = None
    props: dict[str, RawProp] = field(default_factory=dict)
    id_schema: tuple[dict[str, Any], str] | None = None
    parent: str | None = None
    access: dict[str, tuple[str, str]] = field(default_factory=dict)  # op → (principal, path)
    actions: list[Action] = field(default_factory=list)
    list_params: list[tuple[dict[str, Any], str]] = field(default_factory=list)
    keys: list[tuple[str, str]] = field(default_factory=list)


def wrapper_reason(
    doc: Document, name: str, schema: dict[str, Any], input_only: bool
) -> str | None:
    """Why a component object schema is no entity, or None when it is one."""
    if name.endswith(WRAPPER_SUFFIXES):
        return "its name marks a request/response wrapper"
    if input_only:
        return "it is only used as a request body"
    props = as_dict(schema.get("properties"))
    if props and set(props) <= ENVELOPE_KEYS:
        return "it only holds envelope properties (" + ", ".join(sorted(props)) + ")"
    listed = [k for k in props if k not in ENVELOPE_KEYS]
    if len(listed) == 1 and to_snake(listed[0]) == to_snake(name):
        at = child(pointer("components", "schemas", name), "properties", listed[0])
        if json_type(unwrap(doc, as_dict(props[listed[0]]), at).schema) == "array":
            return f"it only wraps the list {listed[0]!r}"
    return None


class Collector:
    """Collects the properties of drafts, synthesising nested entities on the way."""

    def __init__(self, doc: Document, drafts: dict[str, Draft], refs: dict[str, str]) -> None:
        self.doc = doc
        self.drafts = drafts
        self.refs = refs  # component schema name → entity name

    def object_props(
        self, schema: dict[str, Any], where: str
    ) -> tuple[list[tuple[str, dict[str, Any], str]], set[str], list[tuple[str, str]]]:
        """Properties (with pointers), required names and unsupported object keywords of an
        object schema, ``allOf`` parts merged."""
        resolved, at = self.doc.resolve(schema, where)
        props: list[tuple[str, dict[str, Any], str]] = []
        required = {str(r) for r in as_list(resolved.get("required"))}
        issues: list[tuple[str, str]] = []
        for i, part in enumerate(as_list(resolved.get("allOf"))):
            more, more_required, more_issues = self.object_props(
                as_dict(part), child(at, "allOf", i)
            )
            props += more
            required |= more_required
            issues += more_issues
        for key, value in as_dict(resolved.get("properties")).items():
            props.append((key, as_dict(value), child(at, "properties", key)))
        for keyword in ("oneOf", "anyOf", "not", "discriminator", "patternProperties"):
            if keyword in resolved:
                issues.append((f"object keyword {keyword} not representable", at))
        extra = resolved.get("additionalProperties")
        if extra not in (None, False) and props:
            issues.append(("additionalProperties beside declared properties not representable", at))
        names = {k for k, _, _ in props}
        for name in sorted(required - names):
            issues.append((f"required names {name!r}, which is no declared property", at))
        return props, required, issues

    def merge(
        self, draft: Draft, schema: dict[str, Any], where: str, *, force: bool = False
    ) -> list[str] | None:
        """Add the properties of an object schema to ``draft`` when it shows the entity
        (``force``, an empty draft, or at least half of the draft's properties appear in it).
        Returns None when merged, else the names of the new properties left out."""
        props, required, issues = self.object_props(schema, where)
        keyed = [(self.field_name(k, s, at), k, s, at) for k, s, at in props]
        incoming = {name for name, _, _, _ in keyed if name != "id"}
        new = [n for n in incoming if n not in draft.props]
        if not force and draft.props and 2 * len(incoming & set(draft.props)) < len(draft.props):
            return sorted(new)
        for message, at in issues:
            self.doc.warn(f"{draft.name}: {message}", at)
        for name, key, prop_schema, at in keyed:
            if name == "id":
                draft.id_schema = draft.id_schema or (prop_schema, at)
                continue
            self._add(draft, RawProp(name, key, prop_schema, at, key in required))
        return None

    def field_name(self, key: str, schema: dict[str, Any], at: str) -> str:
        """Snake-case name (``2fa`` → ``n2fa``); ``customer_id`` holding a scalar becomes
        ``customer`` when ``Customer`` is an entity (the relation's name, not its column)."""
        name = to_snake(key).strip("_") or "value"
        name = f"n{name}" if name[0].isdigit() else name
        stem = name[:-3] if name.endswith("_id") else ""
        if stem and to_pascal(stem) in self.drafts:
            kind = json_type(unwrap(self.doc, schema, at).schema)
            if kind in ("integer", "string", "number"):
                return stem
        return name

    def _add(self, draft: Draft, prop: RawProp) -> None:
        old = draft.props.get(prop.name)
        if old is not None and self.richness(prop) <= self.richness(old):
            self._conflict(draft, old, prop)
            return
        self.classify(draft, prop)
        draft.props[prop.name] = prop

    def _conflict(self, draft: Draft, kept: RawProp, other: RawProp) -> None:
        first = json_type(unwrap(self.doc, kept.schema, kept.at).schema)
        second = json_type(unwrap(self.doc, other.schema, other.at).schema)
        if first and second and first != second and kept.kind == "value":
            self.doc.warn(
                f"{draft.name}.{kept.name} is declared as {second} here and as {first} at "
                f"{kept.at}; {first} kept",
                other.at,
            )

    def richness(self, prop: RawProp) -> int:
        """How specific a property's schema is: 3 reference/object, 2 value, 1 array of
        values, 0 untyped."""
        if self.doc.schema_name(prop.schema) in self.refs:
            return 3
        view = unwrap(self.doc, prop.schema, prop.at)
        s = view.schema
        if as_dict(s.get("properties")):
            return 3
        if json_type(s) == "array":
            items = as_dict(s.get("items"))
            if self.doc.schema_name(items) in self.refs:
                return 3
            item = unwrap(self.doc, items, child(view.at, "items"))
            return 3 if as_dict(item.schema.get("properties")) else 1
        if any(k in s for k in ("type", "enum", "format", "oneOf", "anyOf", "allOf")):
            return 2
        return 0

    def classify(self, draft: Draft, prop: RawProp) -> None:
        """Decide whether ``prop`` is a relation, synthesising nested entities."""
        ref = self.refs.get(self.doc.schema_name(prop.schema) or "")
        view = unwrap(self.doc, prop.schema, prop.at)
        if ref is None and view.ref_name in self.refs:
            ref = self.refs[view.ref_name]
        if ref is not None:
            prop.kind, prop.target = "reference", ref
        elif to_snake(prop.key) == f"{prop.name}_id":  # ``customer_id`` read as ``customer``
            prop.kind, prop.target = "reference", to_pascal(prop.name)
        elif as_dict(view.schema.get("properties")) or "allOf" in view.schema:
            target = self._nested(draft, prop.name, view.schema, view.at, contained=False)
            if target is not None:
                prop.kind, prop.target = "reference", target
        elif json_type(view.schema) == "array":
            items = as_dict(view.schema.get("items"))
            item_ref = self.refs.get(self.doc.schema_name(items) or "")
            if item_ref is not None:
                prop.kind, prop.target = "many", item_ref
                return
            item = unwrap(self.doc, items, child(view.at, "items"))
            if as_dict(item.schema.get("properties")):
                target = self._nested(draft, prop.name, item.schema, item.at, contained=True)
                if target is not None:
                    contained = self.drafts[target].parent == draft.name
                    prop.kind, prop.target = ("contained" if contained else "many"), target

    def _nested(
        self, parent: Draft, prop: str, schema: dict[str, Any], at: str, *, contained: bool
    ) -> str | None:
        """The entity an inline object names or becomes; None when it stays a value."""
        title = schema.get("title")
        word = entity_word(prop)
        first = words(parent.name)[0] if words(parent.name) else ""
        own = word if to_snake(prop).startswith(first) else parent.name + word
        candidates = ([to_pascal(str(title))] if isinstance(title, str) else []) + [word, own]
        for name in candidates:
            existing = self.drafts.get(name)
            if existing is not None:
                if existing.origin == "nested" and existing.name != parent.name:
                    self.merge(existing, schema, at, force=True)
                return name
        props, _, _ = self.object_props(schema, at)
        if not any(to_snake(k) == "id" for k, _, _ in props):
            return None
        name = candidates[0] if isinstance(title, str) else own
        draft = Draft(name=name, at=at, origin="nested", parent=parent.name if contained else None)
        self.drafts[name] = draft
        self.merge(draft, schema, at, force=True)
        return name
