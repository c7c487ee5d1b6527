"""Checks of one entity as a whole: its fields together, API lists, indexes, access, actions."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from infranest.spec import names
from infranest.spec.builtins import USER
from infranest.spec.model import OPERATIONS, TEXT_TYPES, Entity, FieldDef, Loc, RateLimit
from infranest.spec.validate_context import Checker, PathOf, at, generated_columns, holds_fk
from infranest.spec.validate_fields import INVERSE, UNINDEXABLE, check_field

SEARCHABLE = TEXT_TYPES
UNSORTABLE = frozenset({"json", "file"})
CREDENTIAL_FIELDS = ("password", "password_hash", "last_login")


def check_entity(c: Checker, ent: Entity) -> None:
    """Every check that concerns ``ent`` (its fields included)."""
    path = f"entities[{ent.name}]"
    loc = ent.loc
    if ent.builtin:
        if ent.name != USER:
            c.error(
                "invalid-builtin",
                f"entity '{ent.name}' is marked builtin; only {USER} is built in",
                loc,
                path,
                "remove 'builtin'",
            )
    elif c.check_identifier(ent.name, "entity", "pascal", loc, path):
        c.check_reserved(ent.name, "entity", loc, path)
    if not ent.fields and not ent.builtin:
        c.warn(
            "empty-entity",
            f"entity {ent.name} has no fields",
            loc,
            path,
            "add fields, or remove the entity",
        )
    fields_path = f"{path}.fields"
    c.check_duplicates(
        ((f.name, f) for f in ent.fields), "duplicate-field", "field", PathOf(fields_path)
    )
    for f in ent.fields:
        check_field(c, ent, f, f"{fields_path}[{f.name}]")
    _check_fields_together(c, ent, fields_path)
    _check_search(c, ent, path)
    _check_filter_sort(c, ent, path)
    _check_indexes(c, ent, path)
    _check_access(c, ent, path)
    _check_actions(c, ent, path)
    check_entity_limits(c, ent, ent.limits, loc, f"{path}.limits")
    _check_entity_options(c, ent, path)


def implicit_columns(ent: Entity) -> list[str]:
    """Generated columns a list (filter, sort, index) may name besides fields."""
    return [col for col in generated_columns(ent) if col in ("id", "created_at", "updated_at")]


def _field_path(path: str, f: FieldDef) -> str:
    return f"{path}[{f.name}]"


def _check_fields_together(c: Checker, ent: Entity, path: str) -> None:
    owners = [f for f in ent.fields if f.owner]
    for f in owners[1:]:
        c.error(
            "duplicate-owner",
            f"{ent.name} has more than one owner field ('{owners[0].name}', '{f.name}')",
            f.loc or ent.loc,
            _field_path(path, f),
            "keep 'owner' on one field; use access rules for the others",
        )
    tenants = [f for f in ent.fields if f.tenant]
    for f in tenants[1:]:
        c.error(
            "duplicate-tenant",
            f"{ent.name} has more than one tenant field ('{tenants[0].name}', '{f.name}')",
            f.loc or ent.loc,
            _field_path(path, f),
            "keep 'tenant' on one field",
        )
    inverses: dict[tuple[str | None, str], FieldDef] = {}
    snake: dict[str, FieldDef] = {}
    for f in ent.fields:
        loc = f.loc or ent.loc
        if f.via is not None and f.cardinality in INVERSE:
            first = inverses.setdefault((f.target, f.via), f)
            if first is not f:
                c.error(
                    "duplicate-inverse",
                    f"'{f.name}' and '{first.name}' are both the inverse of '{f.target}.{f.via}'",
                    loc,
                    _field_path(path, f),
                    "keep one of them",
                )
        key = names.to_snake(f.name)
        other = snake.setdefault(key, f)
        if other.name != f.name:
            c.error(
                "name-collision",
                f"fields '{other.name}' and '{f.name}' become the same name '{key}' in "
                "generated code",
                loc,
                _field_path(path, f),
                "rename one of them",
            )
        _check_fk_naming(c, ent, f, loc, path)


def _check_fk_naming(c: Checker, ent: Entity, f: FieldDef, loc: Loc | None, path: str) -> None:
    if holds_fk(f):
        column = f"{f.name}_id"
        other = ent.field(column)
        if other is not None:
            c.error(
                "column-clash",
                f"field '{column}' clashes with the foreign-key column of relation '{f.name}'",
                other.loc or ent.loc,
                _field_path(path, other),
                f"remove '{column}': relation '{f.name}' already stores it",
            )
        if f.name.endswith("_id") and len(f.name) > 3:
            c.warn(
                "relation-named-like-column",
                f"relation '{f.name}' is named like a column",
                loc,
                _field_path(path, f),
                f"name the relation, not its column: '{f.name[:-3]}' (its column is '{f.name}')",
            )
    if ent.name == USER and c.auth and f.name in CREDENTIAL_FIELDS:
        c.warn(
            "user-credential-field",
            f"'{f.name}' on {USER}: the generators already add the password hash and last login",
            loc,
            _field_path(path, f),
            "remove the field; credentials are handled by the generated auth",
        )


def _check_repeats(c: Checker, ent: Entity, items: Iterable[str], what: str, path: str) -> None:
    seen: set[str] = set()
    for name in items:
        if name in seen:
            c.warn(
                "duplicate-list-entry",
                f"'{name}' is listed more than once in {what}",
                ent.loc,
                f"{path}.{what}[{name}]",
                "list it once",
            )
        seen.add(name)


def _check_exposed(c: Checker, ent: Entity, f: FieldDef, what: str, path: str) -> None:
    if f.writeonly:
        c.error(
            "writeonly-exposed",
            f"writeonly field '{f.name}' cannot be in {what}: it would leak through queries",
            ent.loc,
            path,
            f"remove '{f.name}' from {what}",
        )


def _check_search(c: Checker, ent: Entity, path: str) -> None:
    _check_repeats(c, ent, ent.search, "search", path)
    good = [f.name for f in ent.fields if f.type in SEARCHABLE and not f.writeonly]
    for name in ent.search:
        here = f"{path}.search[{name}]"
        f = c.field_or_unknown(ent, name, (), ent.loc, here)
        if f is None:
            continue
        if f.type not in SEARCHABLE:
            c.error(
                "invalid-search-field",
                f"'{name}' is a {f.type}: only string, text, email and url fields can be "
                "searched (filter an enum instead)",
                ent.loc,
                here,
                f"searchable fields of {ent.name}: {', '.join(good) or 'none'}",
            )
        _check_exposed(c, ent, f, "search", here)


def _check_filter_sort(c: Checker, ent: Entity, path: str) -> None:
    extra = implicit_columns(ent)
    for what, items in (("filter", ent.filter), ("sort", ent.sort)):
        _check_repeats(c, ent, items, what, path)
        for name in items:
            here = f"{path}.{what}[{name}]"
            f = c.field_or_unknown(ent, name, extra, ent.loc, here)
            if f is None:
                continue
            if f.is_relation and not holds_fk(f):
                reason = "a relation without a column of its own"
            elif f.type in UNSORTABLE:
                reason = f"a {f.type}"
            else:
                _check_exposed(c, ent, f, what, here)
                continue
            good = [
                g.name
                for g in ent.fields
                if (holds_fk(g) or not g.is_relation) and g.type not in UNSORTABLE
            ]
            c.error(
                f"invalid-{what}-field",
                f"cannot {what} by '{name}': it is {reason}",
                ent.loc,
                here,
                f"valid: {', '.join(good + extra)}",
            )


def _check_indexes(c: Checker, ent: Entity, path: str) -> None:
    extra = implicit_columns(ent)
    seen: dict[tuple[str, ...], int] = {}
    for i, idx in enumerate(ent.indexes):
        here = f"{path}.indexes[{i}]"
        loc = at(idx, ent)
        if not idx.fields:
            c.error("empty-index", "index names no fields", loc, here, "list at least one field")
            continue
        for name in {n for n in idx.fields if idx.fields.count(n) > 1}:
            c.error(
                "repeated-index-field",
                f"index ({', '.join(idx.fields)}) names '{name}' more than once",
                loc,
                here,
                "name each field once",
            )
        for name in idx.fields:
            f = c.field_or_unknown(ent, name, extra, loc, f"{here}.fields[{name}]")
            if f is None:
                continue
            if not f.has_column:
                c.error(
                    "invalid-index-field",
                    f"'{name}' has no column in {ent.name}'s table and cannot be indexed",
                    loc,
                    f"{here}.fields[{name}]",
                    "index the field that holds the foreign key, on the other entity",
                )
            elif f.type in UNINDEXABLE:
                c.warn(
                    "unindexable-type",
                    f"index on {f.type} field '{name}' is poor or impossible",
                    loc,
                    f"{here}.fields[{name}]",
                    "index a string(n) or a hash of the value instead",
                )
        _check_index_redundancy(c, ent, idx.fields, idx.unique, seen, i, loc, here)


def _check_index_redundancy(
    c: Checker,
    ent: Entity,
    fields: tuple[str, ...],
    unique: bool,
    seen: dict[tuple[str, ...], int],
    i: int,
    loc: Loc | None,
    here: str,
) -> None:
    if fields in seen:
        c.error(
            "duplicate-index",
            f"index ({', '.join(fields)}) is declared twice (also indexes[{seen[fields]}])",
            loc,
            here,
            "remove one; keep 'unique' if either is unique",
        )
        return
    seen[fields] = i
    single = ent.field(fields[0]) if len(fields) == 1 else None
    if single is not None and (single.unique or (single.index and not unique)):
        c.warn(
            "redundant-index",
            f"index ({fields[0]}) repeats the field's own "
            f"'{'unique' if single.unique else 'index'}' flag",
            loc,
            here,
            "remove the index or the flag",
        )


def _check_access(c: Checker, ent: Entity, path: str) -> None:
    for i, rule in enumerate(ent.access):
        here = f"{path}.access[{i}]"
        loc = at(rule, ent)
        if not rule.operations or not rule.principals:
            c.error(
                "empty-access-rule",
                "access rule grants nothing: it needs operations and principals",
                loc,
                here,
                "e.g. 'allow read: anyone'",
            )
        c.check_operations(rule.operations, ent, loc, f"{here}.operations")
        c.check_principals(rule.principals, ent, loc, f"{here}.principals")


def _check_actions(c: Checker, ent: Entity, path: str) -> None:
    actions_path = f"{path}.actions"
    c.check_duplicates(
        ((a.name, a) for a in ent.actions), "duplicate-action", "action", PathOf(actions_path)
    )
    for a in ent.actions:
        here = f"{actions_path}[{a.name}]"
        loc = at(a, ent)
        if c.check_identifier(a.name, "action", "snake", loc, here):
            if a.name in OPERATIONS:
                c.error(
                    "action-name-clash",
                    f"action '{a.name}' is named like a built-in operation",
                    loc,
                    here,
                    f"rename it (e.g. '{a.name}_{names.to_snake(ent.name)}'): access rules "
                    "could not tell them apart",
                )
            else:
                c.check_reserved(a.name, "action", loc, here)
        c.check_principals(a.allow, ent, loc, f"{here}.allow")
        if a.scope == "collection" and "owner" in a.allow:
            c.warn(
                "owner-collection-action",
                f"collection action '{a.name}' allows 'owner', but it acts on no single row",
                loc,
                f"{here}.allow",
                "use 'authenticated' or a role, or make the action scope item",
            )
        if a.limit is not None:
            check_entity_limits(c, ent, (a.limit,), at(a.limit, a, ent), f"{here}.limit")


def check_entity_limits(
    c: Checker, ent: Entity, limits: Iterable[RateLimit], loc: Loc | None, path: str
) -> None:
    for i, lim in enumerate(limits):
        here = f"{path}[{i}]"
        lloc = lim.loc or loc
        c.check_operations(lim.operations, ent, lloc, f"{here}.operations")
        c.check_limit_scope(lim, lloc, here)


def _check_entity_options(c: Checker, ent: Entity, path: str) -> None:
    if ent.pagination is not None and ent.pagination.size > ent.pagination.max_size:
        p = ent.pagination
        c.error(
            "invalid-pagination",
            f"page size {p.size} exceeds the maximum page size {p.max_size}",
            at(p, ent),
            f"{path}.pagination",
            f"lower the size or raise the maximum (e.g. 'paginate {p.style} {p.size} max "
            f"{max(p.size, p.max_size * 2)}')",
        )
    if ent.retention is not None and not ent.timestamps:
        c.warn(
            "retention-without-timestamps",
            f"{ent.name} has a retention period but no timestamps to measure row age by",
            at(ent.retention, ent),
            f"{path}.retention",
            "add 'timestamps'",
        )
    tenancy = c.tenancy_entity
    if (
        tenancy is not None
        and tenancy in c.entities
        and ent.name not in (tenancy, USER)
        and not ent.builtin
        and ent.tenant_field is None
    ):
        c.warn(
            "unscoped-entity",
            f"{ent.name} has no tenant field: its rows are shared by every tenant",
            ent.loc,
            path,
            f"add '{names.to_snake(tenancy)}: {tenancy} tenant' if rows belong to a tenant",
        )


def check_required_cycles(c: Checker) -> None:
    """``required-cycle`` for required foreign keys that form a cycle: no row can be first."""
    edges: dict[str, list[tuple[FieldDef, str]]] = {}
    for ent in c.entities.values():
        for f in ent.fields:
            if holds_fk(f) and not f.optional and f.target in c.entities:
                edges.setdefault(ent.name, []).append((f, f.target or ""))
    for source, outgoing in edges.items():
        ent = c.entities[source]
        for f, target in outgoing:
            route = _route(edges, target, source)
            if route is None:
                continue
            cycle = " → ".join([f"{source}.{f.name}", *route])
            c.warn(
                "required-cycle",
                f"required relations form a cycle ({cycle}): no row can be created first",
                f.loc or ent.loc,
                f"entities[{source}].fields[{f.name}]",
                f"make '{f.name}' (or another relation in the cycle) optional",
            )


def _route(edges: dict[str, list[tuple[FieldDef, str]]], start: str, goal: str) -> list[str] | None:
    """Entity names along the shortest path of required edges from ``start`` to ``goal``."""
    previous: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            route = [node]
            while (back := previous[route[-1]]) is not None:
                route.append(back)
            return list(reversed(route))
        for _, nxt in edges.get(node, ()):
            if nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    return None
