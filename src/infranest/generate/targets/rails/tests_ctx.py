"""What the generated minitest suite needs: factories, sample bodies, callers per operation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from infranest.generate.samples import NoSampleError, invalid_value, sample_value
from infranest.generate.targets.rails.ruby import multiline_array, ruby_literal, ruby_string
from infranest.spec.builtins import USER
from infranest.spec.exporters.api_fields import FieldMapper
from infranest.spec.exporters.api_types import BodyField, Operation, Resource
from infranest.spec.model import Entity, FieldDef, Spec
from infranest.spec.names import to_snake

_UNIQUE_SAMPLES = 40
_TEXT = frozenset({"string", "text", "email", "url"})
_SIMPLE = frozenset({"string", "text", "int", "bigint", "float", "bool", "email", "url"})


@dataclass(frozen=True)
class Factory:
    name: str
    entity: str
    values: tuple[tuple[str, str], ...]
    lists: tuple[tuple[str, str], ...]
    user: bool = False


@dataclass
class ResourceTests:
    factory: str
    owner: str | None
    callers: dict[str, str]
    create_body: str | None = None
    invalid: tuple[str, str, str] | None = None
    unique: tuple[str, str] | None = None
    update_body: str = "{}"
    denied: tuple[str, str, str, bool] | None = None
    unauth: tuple[str, str, bool] | None = None
    stranger: str | None = None
    filters: list[tuple[str, str]] = field(default_factory=list)
    search: str | None = None
    sorts: list[str] = field(default_factory=list)
    actions: list[tuple[str, str, str, str, bool]] = field(default_factory=list)
    too_big: int = 0
    pagination: str = "offset"
    soft_delete: bool = False
    versioned: bool = False
    write_denied: tuple[str, str] | None = None
    owner_unique: bool = False
    self_owned: bool = False
    search_column: str | None = None
    missing_ref: str | None = None
    reads_own_delete: bool = True
    sees: dict[str, bool] = field(default_factory=dict)
    stranger_lists: bool = False
    atomic: tuple[str, str, str] | None = None  # many-to-many key, association, factory


def _sample(f: BodyField, n: int) -> Any:
    try:
        return sample_value(f, n)
    except NoSampleError:
        return None


def _column_sample(spec: Spec, entity: Entity, f: FieldDef, n: int) -> Any:
    mapper = FieldMapper(spec, [])
    value = mapper.value(entity, f)
    if value is None:
        return None
    return _sample(value, n)


def factories(spec: Spec) -> list[Factory]:
    found = []
    for entity in spec.entities:
        values: list[tuple[str, str]] = []
        lists: list[tuple[str, str]] = []
        for f in entity.fields:
            if f.type == "relation":
                if f.has_column and not f.optional:
                    target = to_snake(f.target or "")
                    values.append((f.name, f"create_{target}"))
                continue
            needed = not f.optional and (f.default is None or f.default.kind == "null")
            if not needed and not f.unique:
                continue
            if f.unique:
                samples = [
                    _column_sample(spec, entity, f, n) for n in range(1, _UNIQUE_SAMPLES + 1)
                ]
                const = f"{to_snake(entity.name).upper()}_{f.name.upper()}"
                lists.append((const, multiline_array(samples)))
                values.append((f.name, f"{const}[n % {const}.length]"))
            else:
                values.append((f.name, ruby_literal(_column_sample(spec, entity, f, 1))))
        found.append(
            Factory(
                name=f"create_{to_snake(entity.name)}",
                entity=entity.name,
                values=tuple(_default_line(name, value) for name, value in values),
                lists=tuple(lists),
                user=entity.name == USER,
            )
        )
    return found


def _default_line(name: str, value: str) -> tuple[str, str]:
    """The factory line setting ``name`` unless given: the modifier form when it fits in
    120 columns (indented by 6), else an ``unless`` block."""
    line = f"defaults[:{name}] = {value} unless attrs.key?(:{name})"
    if 6 + len(line) <= 120:
        return (name, line)
    return (name, f"unless attrs.key?(:{name})\n  defaults[:{name}] = {value}\nend")


def body_literal(spec: Spec, fields: tuple[BodyField, ...], n: int, *, all_keys: bool) -> str:
    parts = []
    for f in fields:
        if f.name == "version" or (not f.required and not all_keys):
            continue
        if (f.type == "id" and f.many) or (f.write_roles and not f.required):
            continue
        if f.type == "id":
            if f.nullable and not f.required:
                continue
            parts.append(f"{ruby_string(f.name)} => create_{to_snake(f.target or '')}.id")
            continue
        value = _sample(f, n)
        if value is None and not f.nullable:
            continue
        parts.append(f"{ruby_string(f.name)} => {ruby_literal(value)}")
    return "{ " + ", ".join(parts) + " }" if parts else "{}"


def _role_name(op: Operation, roles: tuple[str, ...]) -> str | None:
    """The role of a caller allowed to call ``op`` (None: a user without a role)."""
    chosen = next((p for p in op.principals if p in roles), None)
    if chosen is not None:
        return chosen
    return roles[-1] if roles else None


def _role(op: Operation, roles: tuple[str, ...]) -> str:
    return ruby_literal(_role_name(op, roles))


def _sees(op: Operation, roles: tuple[str, ...], owned: bool, auth: bool) -> bool:
    """Whether the test caller of ``op`` reaches rows (tenant-only rows stay hidden: the
    generated service knows no tenant members)."""
    if not auth or op.public or "authenticated" in op.principals:
        return True
    return _role_name(op, roles) in op.principals or (owned and "owner" in op.principals)


def _reads_own_delete(ops: dict[str, Operation], roles: tuple[str, ...], owned: bool) -> bool:
    """Whether the caller who deletes a row (and owns it) may read it otherwise."""
    read, delete = ops.get("read"), ops.get("delete")
    if read is None or delete is None:
        return False
    if read.public or "authenticated" in read.principals:
        return True
    return _role_name(delete, roles) in read.principals or (owned and "owner" in read.principals)


def resource_tests(spec: Spec, r: Resource, auth: bool) -> ResourceTests:
    entity = spec.entity(r.entity)
    assert entity is not None
    roles = spec.project.roles
    ops: dict[str, Operation] = {o.kind: o for o in r.operations if o.kind != "action"}
    owner = entity.owner_field
    t = ResourceTests(
        factory=f"create_{to_snake(r.entity)}",
        owner=owner.name if owner is not None else None,
        callers={kind: _role(op, roles) for kind, op in ops.items()} if auth else {},
        pagination=r.pagination.style,
        too_big=r.pagination.max_size + 1,
        soft_delete=r.soft_delete,
        versioned=r.optimistic_lock,
    )
    if r.create is not None and entity.tenant_field is None:
        t.create_body = body_literal(spec, r.create.fields, 1, all_keys=False)
        t.invalid = _invalid(r.create.fields)
        t.unique = _unique(spec, r.create.fields)
        create_op = ops.get("create")
        creator = _role_name(create_op, roles) if create_op is not None else None
        for f in r.create.fields:
            owner_writes = owner is not None and "owner" in f.write_roles
            if f.write_roles and auth and creator not in f.write_roles and not owner_writes:
                value = _sample(f, 3)
                if value is not None and f.type != "id":
                    t.write_denied = (f.name, ruby_literal(value))
                    break
        t.missing_ref = next(
            (f.name for f in r.create.fields if f.type == "id" and f.required and not f.many),
            None,
        )
    t.update_body = _update_body(r)
    t.atomic = _atomic(r, t.unique)
    owned = owner is not None or t.self_owned
    t.sees = {kind: _sees(op, roles, owned, auth) for kind, op in ops.items()}
    for op in r.operations:
        if op.kind == "action" and op.action is not None:
            t.sees[op.action] = _sees(op, roles, owned, auth)
    if auth:
        _access_tests(t, ops, roles)
        t.stranger = _stranger(ops.get("read"), roles, owned)
        t.reads_own_delete = _reads_own_delete(ops, roles, owned)
        listing = ops.get("list")
        t.stranger_lists = listing is not None and _stranger(listing, roles, True) == t.stranger
    t.owner_unique = owner is not None and (owner.unique or owner.cardinality == "one_to_one")
    t.self_owned = auth and r.entity == USER
    for p in r.list_params:
        if p.role == "filter" and p.op == "eq" and p.source is not None:
            source = entity.field(p.source)
            if source is not None and not source.optional:
                t.filters.append((p.name, p.name))
        if p.role == "search":
            t.search = p.name
        if p.role == "sort":
            t.sorts = list(p.value.choices)
    for name in entity.search:
        column = entity.field(name)
        if column is not None and not column.optional and column.type in _TEXT:
            t.search_column = name
            break
    for op in r.operations:
        if op.kind == "action" and op.action is not None:
            role = _role(op, roles) if auth else "nil"
            path = op.path.replace("{id}", "#{row.id}")
            t.actions.append((op.action, op.method, path, role, "{id}" in op.path))
    return t


def _invalid(fields: tuple[BodyField, ...]) -> tuple[str, str, str] | None:
    for f in fields:
        if f.type == "id" or f.write_roles:
            continue
        bad = invalid_value(f)
        if bad is not None:
            return (f.name, ruby_literal(bad.value), bad.constraint)
    return None


def _unique(spec: Spec, fields: tuple[BodyField, ...]) -> tuple[str, str] | None:
    for f in fields:
        if (
            f.unique
            and f.type in _SIMPLE | {"enum", "decimal", "date", "uuid"}
            and not f.write_roles
        ):
            return (f.name, ruby_literal(_sample(f, 1)))
    return None


def _atomic(r: Resource, unique: tuple[str, str] | None) -> tuple[str, str, str] | None:
    """The many-to-many set an update that collides on ``unique`` must leave as it was:
    (its body key, its association, the factory of its target rows)."""
    if unique is None or r.update.field(unique[0]) is None:
        return None
    for f in r.update.fields:
        if f.many and f.type == "id" and not f.write_roles and f.source and f.target != USER:
            return (f.name, f.source, f"create_{to_snake(f.target or '')}")
    return None


def _update_body(r: Resource) -> str:
    parts = []
    for f in r.update.fields:
        if f.type in _SIMPLE and not f.write_roles and not f.unique and f.name != "version":
            value = _sample(f, 7)
            if value is not None:
                parts.append(f"{ruby_string(f.name)} => {ruby_literal(value)}")
                break
    return "{ " + ", ".join(parts) + " }" if parts else "{}"


def _access_tests(t: ResourceTests, ops: dict[str, Operation], roles: tuple[str, ...]) -> None:
    for kind in ("list", "read", "update", "delete", "create"):
        op = ops.get(kind)
        if op is None or op.public:
            continue
        if t.unauth is None:
            t.unauth = (kind, op.method, "{id}" in op.path)
        if "authenticated" in op.principals or "owner" in op.principals:
            continue
        if "tenant" in op.principals:
            continue
        lacking = [role for role in roles if role not in op.principals]
        if lacking and t.denied is None:
            t.denied = (kind, op.method, ruby_literal(lacking[0]), "{id}" in op.path)


def _stranger(read: Operation | None, roles: tuple[str, ...], owned: bool) -> str | None:
    """A role that reads only its own rows (so another user's row answers 404)."""
    if read is None or not owned or "owner" not in read.principals:
        return None
    if "anyone" in read.principals or "authenticated" in read.principals:
        return None
    lacking = [role for role in roles if role not in read.principals]
    if lacking:
        return ruby_literal(lacking[0])
    return None if roles else "nil"
