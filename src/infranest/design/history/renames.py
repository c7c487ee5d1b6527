"""Rename detection: a definition removed and another added with the same shape is a rename.

Entities match when their fields are equal apart from the references to the renamed
names; fields when type, target, enum and every constraint are equal; enums when their
members are equal; enum members when one is removed and one added at the same position.
Where several candidates match, names are paired by their spelling similarity, and only
one-to-one pairings count. :func:`apply` rewrites the old spec under the renames so the
rest of the diff compares like with like.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from infranest.spec.model import Entity, EnumDef, FieldDef, Index, Spec

_IGNORED = {"loc", "name", "comments", "description"}


@dataclass(frozen=True)
class Renames:
    """Old name → new name, per kind; fields and members are keyed by their parent."""

    entities: dict[str, str] = field(default_factory=dict)
    enums: dict[str, str] = field(default_factory=dict)
    fields: dict[tuple[str, str], str] = field(default_factory=dict)  # (new entity, old) → new
    members: dict[tuple[str, str], str] = field(default_factory=dict)  # (new enum, old) → new


def _pair(removed: list[str], added: list[str], same: Callable[[str, str], bool]) -> dict[str, str]:
    """One-to-one pairs of removed and added names that are ``same``, closest spelling
    first."""
    candidates = [
        (difflib.SequenceMatcher(None, old, new).ratio(), old, new)
        for old in removed
        for new in added
        if same(old, new)
    ]
    pairs: dict[str, str] = {}
    taken: set[str] = set()
    for _, old, new in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if old not in pairs and new not in taken:
            pairs[old] = new
            taken.add(new)
    return pairs


def field_signature(f: FieldDef, names: dict[str, str] | None = None) -> tuple[Any, ...]:
    """Everything about a field but its name (targets and enums mapped through ``names``)."""
    data = f.model_dump(exclude=_IGNORED)
    names = names or {}
    for key in ("target", "enum"):
        if data.get(key) in names:
            data[key] = names[data[key]]
    return tuple(sorted((k, repr(v)) for k, v in data.items()))


def _entity_signature(e: Entity, names: dict[str, str]) -> tuple[Any, ...]:
    return tuple(sorted((f.name, field_signature(f, names)) for f in e.fields))


def detect(old: Spec, new: Spec) -> Renames:
    """Every rename from ``old`` to ``new``."""
    old_enums = {e.name: e for e in old.enums}
    new_enums = {e.name: e for e in new.enums}
    enums = _pair(
        [n for n in old_enums if n not in new_enums],
        [n for n in new_enums if n not in old_enums],
        lambda a, b: [v.name for v in old_enums[a].values] == [v.name for v in new_enums[b].values],
    )
    old_entities = {e.name: e for e in old.entities if not e.builtin}
    new_entities = {e.name: e for e in new.entities if not e.builtin}
    gone = [n for n in old_entities if n not in new_entities]
    came = [n for n in new_entities if n not in old_entities]
    # A renamed entity may refer to itself or to another renamed one: map every candidate
    # pair's names to one placeholder before comparing.
    placeholder = dict.fromkeys((*gone, *came), "*") | enums
    entities = _pair(
        gone,
        came,
        lambda a, b: (
            _entity_signature(old_entities[a], placeholder)
            == _entity_signature(new_entities[b], placeholder)
        ),
    )
    names = {**entities, **enums}
    fields: dict[tuple[str, str], str] = {}
    for old_entity in old.entities:
        new_name = entities.get(old_entity.name, old_entity.name)
        new_entity = new.entity(new_name)
        if new_entity is None:
            continue
        pairs = _field_pairs(old_entity, new_entity, names)
        fields.update({(new_name, a): b for a, b in pairs.items()})
    members: dict[tuple[str, str], str] = {}
    for old_enum in old.enums:
        new_name = enums.get(old_enum.name, old_enum.name)
        new_enum = new.enum_def(new_name)
        if new_enum is not None:
            members.update({(new_name, a): b for a, b in _member_renames(old_enum, new_enum)})
    return Renames(entities, enums, fields, members)


def _field_pairs(old: Entity, new: Entity, names: dict[str, str]) -> dict[str, str]:
    before = {f.name: f for f in old.fields}
    after = {f.name: f for f in new.fields}
    return _pair(
        [n for n in before if n not in after],
        [n for n in after if n not in before],
        lambda a, b: field_signature(before[a], names) == field_signature(after[b]),
    )


def _member_renames(old: EnumDef, new: EnumDef) -> Iterable[tuple[str, str]]:
    before = [v.name for v in old.values]
    after = [v.name for v in new.values]
    if len(before) != len(after):
        return []
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    if any(a in after or b in before for a, b in changed):
        return []  # a reordering, not a rename
    return changed


def _names(values: tuple[str, ...], mapping: dict[str, str]) -> tuple[str, ...]:
    return tuple(mapping.get(v, v) for v in values)


def apply(old: Spec, renames: Renames) -> Spec:
    """``old`` with every rename applied: entity and enum names, references to them,
    field names and every clause naming a field, enum member names and defaults."""
    enums = tuple(_rename_enum(e, renames) for e in old.enums)
    entities = tuple(_rename_entity(e, old, renames) for e in old.entities)
    return old.model_copy(update={"enums": enums, "entities": entities})


def _rename_enum(e: EnumDef, renames: Renames) -> EnumDef:
    name = renames.enums.get(e.name, e.name)
    values = tuple(
        v.model_copy(update={"name": renames.members.get((name, v.name), v.name)}) for v in e.values
    )
    return e.model_copy(update={"name": name, "values": values})


def _rename_entity(e: Entity, spec: Spec, renames: Renames) -> Entity:
    name = renames.entities.get(e.name, e.name)
    own = {old: new for (ent, old), new in renames.fields.items() if ent == name}
    fields = tuple(
        _rename_field(f, spec, renames).model_copy(update={"name": own.get(f.name, f.name)})
        for f in e.fields
    )
    indexes = tuple(
        Index(fields=_names(i.fields, own), unique=i.unique, loc=i.loc) for i in e.indexes
    )
    return e.model_copy(
        update={
            "name": name,
            "fields": fields,
            "search": _names(e.search, own),
            "filter": _names(e.filter, own),
            "sort": _names(e.sort, own),
            "indexes": indexes,
        }
    )


def _rename_field(f: FieldDef, spec: Spec, renames: Renames) -> FieldDef:
    update: dict[str, Any] = {}
    if f.target is not None:
        target = renames.entities.get(f.target, f.target)
        update["target"] = target
        if f.via is not None:
            update["via"] = renames.fields.get((target, f.via), f.via)
    if f.enum is not None:
        enum = renames.enums.get(f.enum, f.enum)
        update["enum"] = enum
        if f.default is not None and f.default.kind == "enum":
            member = renames.members.get((enum, str(f.default.value)), f.default.value)
            update["default"] = f.default.model_copy(update={"value": member})
    return f.model_copy(update=update) if update else f
