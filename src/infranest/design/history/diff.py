"""The difference between two specs: every change, classified (see :mod:`.changes`).

Renames are found first (:mod:`.renames`) and applied to the old spec, so a renamed
entity, field, enum or member is one change, not a drop and an add. Model-level changes
(entities, fields, enums, project) come from the specs; access, rate limits, idempotency
and endpoints come from the API shape every generator serves.
"""

from __future__ import annotations

from dataclasses import dataclass

from infranest.design.history.changes import Change, make
from infranest.design.history.diff_api import api_changes
from infranest.design.history.diff_fields import added_field, field_changes
from infranest.design.history.renames import Renames, apply, detect
from infranest.spec.builtins import finalize
from infranest.spec.model import Entity, Pagination, Spec

_HINTS = ("rows", "cache", "retention", "description")


@dataclass(frozen=True)
class SpecDiff:
    old: Spec
    new: Spec
    renames: Renames
    changes: tuple[Change, ...]

    @property
    def breaking(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.breaking)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {"total": len(self.changes), "breaking": len(self.breaking)}
        for db in ("destructive", "data-migrating"):
            out[db] = sum(1 for c in self.changes if c.db == db)
        return out


def diff(old: Spec, new: Spec) -> SpecDiff:
    """Every change from ``old`` to ``new``."""
    old, new = finalize(old), finalize(new)
    renames = detect(old, new)
    base = apply(old, renames)
    changes: list[Change] = []
    changes += _rename_changes(old, new, renames)
    changes += _project(base, new)
    changes += _enums(base, new)
    changes += _entities(base, new)
    changes += api_changes(base, new, skip=_skipped_entities(base, new))
    return SpecDiff(old, new, renames, tuple(changes))


def _skipped_entities(old: Spec, new: Spec) -> frozenset[str]:
    """Entities added or removed: their endpoints are reported with them."""
    before = {e.name for e in old.entities}
    after = {e.name for e in new.entities}
    return frozenset(before ^ after)


def _rename_changes(old: Spec, new: Spec, renames: Renames) -> list[Change]:
    out: list[Change] = []
    for a, b in renames.entities.items():
        out.append(
            make(
                "entity-renamed",
                f"entities[{b}]",
                f"entity {a} renamed to {b}",
                entity=b,
                old=a,
                new=b,
            )
        )
    for a, b in renames.enums.items():
        out.append(make("enum-renamed", f"enums[{b}]", f"enum {a} renamed to {b}", old=a, new=b))
    for (entity, a), b in renames.fields.items():
        out.append(
            make(
                "field-renamed",
                f"entities[{entity}].fields[{b}]",
                f"{entity}.{a} renamed to {entity}.{b}",
                entity=entity,
                field=b,
                old=a,
                new=b,
                extra={"relation": _holds_key(new, entity, b)},
            )
        )
    for (enum, a), b in renames.members.items():
        out.append(
            make(
                "enum-member-renamed",
                f"enums[{enum}].values[{b}]",
                f"{enum}.{a} renamed to {enum}.{b}",
                old=a,
                new=b,
                extra={"enum": enum},
            )
        )
    return out


def _holds_key(spec: Spec, entity: str, field: str) -> bool:
    """Whether the field is a relation stored as ``<name>_id``."""
    found = spec.entity(entity)
    f = found.field(field) if found is not None else None
    return f is not None and f.is_relation and f.has_column


def _project(old: Spec, new: Spec) -> list[Change]:
    a, b = old.project, new.project
    out: list[Change] = []
    if a.auth.enabled != b.auth.enabled:
        kind = "auth-enabled" if b.auth.enabled else "auth-disabled"
        out.append(make(kind, "project.auth", f"authentication {kind.split('-')[1]}"))
    elif b.auth.enabled:
        for m in sorted(set(b.auth.methods) - set(a.auth.methods)):
            out.append(make("auth-method-added", "project.auth", f"auth method {m} added", new=m))
        for m in sorted(set(a.auth.methods) - set(b.auth.methods)):
            out.append(
                make("auth-method-removed", "project.auth", f"auth method {m} removed", old=m)
            )
    for r in sorted(set(b.roles) - set(a.roles)):
        out.append(make("role-added", "project.roles", f"role {r} added", new=r))
    for r in sorted(set(a.roles) - set(b.roles)):
        out.append(make("role-removed", "project.roles", f"role {r} removed", old=r))
    if a.database != b.database:
        out.append(
            make(
                "database-changed",
                "project.database",
                f"database {a.database} → {b.database}",
                old=a.database,
                new=b.database,
            )
        )
    if a.tenancy != b.tenancy:
        kind = "tenancy-removed" if b.tenancy is None else "tenancy-added"
        out.append(make(kind, "project.tenancy", f"tenancy {kind.split('-')[1]}"))
    meta = ("description", "version", "load", "growth", "cors", "target", "name")
    moved = [k for k in meta if getattr(a, k) != getattr(b, k)]
    if moved:
        out.append(
            make("project-metadata-changed", "project", f"project {', '.join(moved)} changed")
        )
    return out


def _enums(old: Spec, new: Spec) -> list[Change]:
    out: list[Change] = []
    before = {e.name: e for e in old.enums}
    after = {e.name: e for e in new.enums}
    for name in after.keys() - before.keys():
        out.append(make("enum-added", f"enums[{name}]", f"enum {name} added", new=name))
    for name in before.keys() - after.keys():
        out.append(make("enum-removed", f"enums[{name}]", f"enum {name} removed", old=name))
    for name in sorted(before.keys() & after.keys()):
        va = [v.name for v in before[name].values]
        vb = [v.name for v in after[name].values]
        for v in vb:
            if v not in va:
                out.append(
                    make(
                        "enum-member-added",
                        f"enums[{name}].values[{v}]",
                        f"{name}.{v} added",
                        new=v,
                        extra={"enum": name},
                    )
                )
        for v in va:
            if v not in vb:
                out.append(
                    make(
                        "enum-member-removed",
                        f"enums[{name}].values[{v}]",
                        f"{name}.{v} removed",
                        old=v,
                        extra={"enum": name},
                    )
                )
    return sorted(out, key=lambda c: c.path)


def _entities(old: Spec, new: Spec) -> list[Change]:
    out: list[Change] = []
    before = {e.name: e for e in old.entities if not e.builtin}
    after = {e.name: e for e in new.entities if not e.builtin}
    for name in after:
        if name not in before:
            out.append(
                make(
                    "entity-added",
                    f"entities[{name}]",
                    f"entity {name} added",
                    entity=name,
                    new=after[name],
                )
            )
    for name in before:
        if name not in after:
            out.append(
                make(
                    "entity-removed",
                    f"entities[{name}]",
                    f"entity {name} removed",
                    entity=name,
                    old=before[name],
                )
            )
    for name, b in after.items():
        a = before.get(name)
        if a is not None:
            out += _entity(a, b, new)
    return out


def _flag(
    out: list[Change], kind: str, a: bool, b: bool, path: str, entity: str, what: str
) -> None:
    if a != b:
        suffix = "added" if b else "removed"
        out.append(make(f"{kind}-{suffix}", path, f"{entity}: {what} {suffix}", entity=entity))


def _entity(a: Entity, b: Entity, spec: Spec) -> list[Change]:
    name = b.name
    path = f"entities[{name}]"
    out: list[Change] = []
    _flag(out, "timestamps", a.timestamps, b.timestamps, path, name, "timestamps")
    _flag(out, "soft-delete", a.soft_delete, b.soft_delete, path, name, "soft delete")
    _flag(out, "optimistic-lock", a.optimistic_lock, b.optimistic_lock, path, name, "version")
    pa, pb = a.pagination, b.pagination
    if pa != pb:
        out += _pagination(a, b, path)
    for clause in ("search", "filter", "sort"):
        was, now = getattr(a, clause), getattr(b, clause)
        for f in now:
            if f not in was:
                out.append(
                    make(
                        f"{clause}-added",
                        f"{path}.{clause}[{f}]",
                        f"{name}: {clause} on {f} added",
                        entity=name,
                        field=f,
                    )
                )
        for f in was:
            if f not in now:
                out.append(
                    make(
                        f"{clause}-removed",
                        f"{path}.{clause}[{f}]",
                        f"{name}: {clause} on {f} removed",
                        entity=name,
                        field=f,
                    )
                )
    for index in b.indexes:
        if index not in a.indexes:
            kind = "unique-index-added" if index.unique else "index-added"
            out.append(
                make(
                    kind,
                    f"{path}.indexes[{','.join(index.fields)}]",
                    f"{name}: {kind.removesuffix('-added')} ({', '.join(index.fields)}) added",
                    entity=name,
                    new=index,
                )
            )
    for index in a.indexes:
        if index not in b.indexes:
            kind = "unique-index-removed" if index.unique else "index-removed"
            out.append(
                make(
                    kind,
                    f"{path}.indexes[{','.join(index.fields)}]",
                    f"{name}: {kind.removesuffix('-removed')} ({', '.join(index.fields)}) removed",
                    entity=name,
                    old=index,
                )
            )
    moved = [h for h in _HINTS if getattr(a, h) != getattr(b, h)]
    if moved:
        out.append(
            make("entity-hints-changed", path, f"{name}: {', '.join(moved)} changed", entity=name)
        )
    out += _fields(a, b, spec)
    return out


def _pagination(a: Entity, b: Entity, path: str) -> list[Change]:
    pa = a.pagination or _default_pagination()
    pb = b.pagination or _default_pagination()
    name = b.name
    out: list[Change] = []
    where = f"{path}.pagination"
    if pa.style != pb.style:
        out.append(
            make(
                "pagination-style-changed",
                where,
                f"{name}: pagination {pa.style} → {pb.style}",
                entity=name,
            )
        )
        return out
    if pa.size != pb.size:
        out.append(
            make(
                "page-size-changed", where, f"{name}: page size {pa.size} → {pb.size}", entity=name
            )
        )
    if pb.max_size < pa.max_size:
        out.append(
            make(
                "page-max-lowered",
                where,
                f"{name}: max page {pa.max_size} → {pb.max_size}",
                entity=name,
            )
        )
    elif pb.max_size > pa.max_size:
        out.append(
            make(
                "page-max-raised",
                where,
                f"{name}: max page {pa.max_size} → {pb.max_size}",
                entity=name,
            )
        )
    return out


def _default_pagination() -> Pagination:
    return Pagination()


def _fields(a: Entity, b: Entity, spec: Spec) -> list[Change]:
    out: list[Change] = []
    before = {f.name: f for f in a.fields}
    for f in b.fields:
        old = before.get(f.name)
        if old is None:
            out.append(added_field(b, f, spec))
        else:
            out += field_changes(b, old, f, spec)
    after = {f.name for f in b.fields}
    for f in a.fields:
        if f.name not in after:
            out.append(
                make(
                    "field-removed",
                    f"entities[{b.name}].fields[{f.name}]",
                    f"{b.name}.{f.name} removed",
                    entity=b.name,
                    field=f.name,
                    old=f,
                    in_request=True,
                    in_response=True,
                )
            )
    return out
