"""Field-level changes: additions, type and constraint changes, flags and access."""

from __future__ import annotations

from typing import Any

from infranest.design.history.changes import CONSTRAINTS, Change, make
from infranest.spec.model import Entity, FieldDef, Spec

WIDENINGS = frozenset(
    {("int", "bigint"), ("string", "text"), ("email", "string"), ("url", "string")}
)
_PRIVACY = ("pii", "retention")


def in_body(f: FieldDef) -> bool:
    """Whether the field has a body key (a column, or a many-to-many id list)."""
    return f.has_column or f.cardinality == "many_to_many"


def in_request(f: FieldDef, spec: Spec) -> bool:
    server = f.readonly or (spec.project.auth.enabled and (f.owner or f.tenant))
    return in_body(f) and not server


def in_response(f: FieldDef) -> bool:
    return in_body(f) and not f.writeonly


def _where(entity: Entity, f: FieldDef) -> str:
    return f"entities[{entity.name}].fields[{f.name}]"


def added_field(entity: Entity, f: FieldDef, spec: Spec) -> Change:
    """``field-added-*``: required without a default is breaking and needs a backfill."""
    name = f"{entity.name}.{f.name}"
    if not in_request(f, spec):
        kind = "field-added-server"
    elif f.optional or f.cardinality == "many_to_many" or not in_body(f):
        kind = "field-added-optional"
    elif f.default is not None:
        kind = "field-added-defaulted"
    else:
        kind = "field-added-required"
    change = make(kind, _where(entity, f), f"{name} added", entity=entity.name, field=f.name, new=f)
    if kind == "field-added-server" and not f.optional and f.default is None and f.has_column:
        # Existing rows need a value even though clients never send one.
        return Change(
            kind,
            change.path,
            change.message,
            change.api,
            "data-migrating",
            entity=entity.name,
            field=f.name,
            new=f,
        )
    if not in_body(f) and not f.has_column:
        return Change(
            kind,
            change.path,
            change.message,
            change.api,
            "none",
            entity=entity.name,
            field=f.name,
            new=f,
        )
    return change


def _direction(attr: str, old: Any, new: Any) -> str | None:
    """``tightened``, ``loosened``, or None for no change, for one constraint."""
    if old == new:
        return None
    if attr == "optional":
        return "loosened" if new else "tightened"
    if attr == "unique":
        return "tightened" if new else "loosened"
    if attr == "pattern":
        if old is None:
            return "tightened"
        return "loosened" if new is None else "changed"
    if old is None:
        return "tightened"  # a new bound
    if new is None:
        return "loosened"
    if attr in ("min", "min_length"):
        return "tightened" if new > old else "loosened"
    return "tightened" if new < old else "loosened"  # length, max, max_length, precision, scale


def field_changes(entity: Entity, old: FieldDef, new: FieldDef, spec: Spec) -> list[Change]:
    """Every change between two versions of one field (after renames)."""
    path = _where(entity, new)
    name = f"{entity.name}.{new.name}"
    req = in_request(old, spec) or in_request(new, spec)
    resp = in_response(old) or in_response(new)
    out: list[Change] = []

    def add(kind: str, message: str, **kw: Any) -> None:
        out.append(
            make(
                kind,
                path,
                f"{name}: {message}",
                entity=entity.name,
                field=new.name,
                old=old,
                new=new,
                in_request=req,
                in_response=resp,
                **kw,
            )
        )

    if old.type != new.type:
        widened = (old.type, new.type) in WIDENINGS
        add(
            "field-type-widened" if widened else "field-type-changed",
            f"type {old.type} → {new.type}",
        )
        return out
    if old.type == "enum" and old.enum != new.enum:
        add("field-enum-changed", f"enum {old.enum} → {new.enum}")
    if old.type == "relation" and (old.target, old.cardinality) != (new.target, new.cardinality):
        add(
            "field-relation-changed",
            f"relation {old.cardinality} {old.target} → {new.cardinality} {new.target}",
        )
        return out
    if old.on_delete != new.on_delete:
        add("field-on-delete-changed", f"on_delete {old.on_delete} → {new.on_delete}")
    for attr in CONSTRAINTS:
        was, now = getattr(old, attr), getattr(new, attr)
        direction = _direction(attr, was, now)
        if direction is None:
            continue
        label = attr.replace("_", "-")
        if direction == "changed":
            add(f"field-{label}-tightened", f"{attr} {was!r} → {now!r}")
            add(f"field-{label}-loosened", f"{attr} {was!r} → {now!r}")
        else:
            add(f"field-{label}-{direction}", f"{attr} {_show(was)} → {_show(now)}")
    if old.default != new.default:
        if old.default is None:
            add("field-default-added", f"default {_default(new)} added")
        elif new.default is None:
            add("field-default-removed", f"default {_default(old)} removed")
        else:
            add("field-default-changed", f"default {_default(old)} → {_default(new)}")
    for flag in ("index", "readonly", "writeonly"):
        was, now = getattr(old, flag), getattr(new, flag)
        if was != now:
            add(
                f"field-{flag}-{'added' if now else 'removed'}",
                f"{flag} {'added' if now else 'removed'}",
            )
    if (old.owner, old.tenant) != (new.owner, new.tenant):
        add("field-owner-changed", "owner/tenant marker changed")
    out += _access(entity, old, new, add)
    if any(getattr(old, p) != getattr(new, p) for p in _PRIVACY):
        add("field-privacy-changed", "pii or retention changed")
    return out


def _access(entity: Entity, old: FieldDef, new: FieldDef, add: Any) -> list[Change]:
    """Per-field roles: any role that may no longer read or write narrows access."""
    del entity
    a = old.access
    b = new.access
    read_a, write_a = (a.read, a.write) if a else ((), ())
    read_b, write_b = (b.read, b.write) if b else ((), ())
    if (read_a, write_a) == (read_b, write_b):
        return []
    narrowed = _narrower(read_a, read_b) or _narrower(write_a, write_b)
    add(
        "field-access-narrowed" if narrowed else "field-access-widened",
        f"access read {list(read_a)}/{list(read_b)}, write {list(write_a)}/{list(write_b)}",
    )
    return []


def _narrower(before: tuple[str, ...], after: tuple[str, ...]) -> bool:
    """Empty means every role; anything else is the set of roles allowed."""
    if not after:
        return False
    if not before:
        return True
    return not set(before) <= set(after)


def _show(value: Any) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return "none" if value is None else str(value)


def _default(f: FieldDef) -> str:
    d = f.default
    if d is None:
        return "none"
    return d.kind if d.value is None else repr(d.value)
