"""Data for the generated test suite: factories, valid and invalid bodies per resource."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from infranest.generate.patterns import sample_matching
from infranest.spec.exporters.api_types import Body, BodyField, Operation
from infranest.spec.model import Entity, FieldDef, Spec
from infranest.spec.names import to_snake

if TYPE_CHECKING:
    from infranest.generate.target import ProjectView
    from infranest.generate.targets.django.api_ctx import ResourceCtx

SAMPLES = 40
# Create bodies use values of this index: far from those factories give rows (1, 2, ...),
# so that a body never collides with a row on a unique column.
PAYLOAD_N = 100_003
MISSING = "MISSING"


@dataclass
class FactoryCtx:
    """``make_<name>``: a row with valid values; ``values`` are (attname, expression of n)."""

    name: str
    model: str
    values: list[tuple[str, str]] = field(default_factory=list)
    # (attname, parent factory, the parent's tenant field or "", the parent's required
    # relation back to this entity or ""): required relations.
    parents: list[tuple[str, str, str, str]] = field(default_factory=list)
    owner: str | None = None
    tenant: str | None = None
    samples: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def uses_n(self) -> bool:
        return any(re.search(r"\bn\b", expr) for _, expr in self.values)


@dataclass
class ResourceTest:
    name: str
    path: str
    factory: str
    payload: list[tuple[str, str]]
    parents: list[tuple[str, str, str]]
    update: list[tuple[str, str]]
    invalid: list[tuple[str, str, str]]
    unique: str | None
    ops: dict[str, tuple[str, ...]]
    actions: list[tuple[str, str, str]]
    pagination: str
    max_size: int
    filters: list[tuple[str, str, str]]
    search: list[tuple[str, str]]
    sort: tuple[str, ...]
    owner: str | None
    single: bool
    model: str
    soft_delete: bool
    lock: bool
    tenant: str = ""
    is_user: bool = False
    unread: tuple[str, ...] = ()
    cyclic: bool = False


def _text_value(name: str, n: int, pattern: str | None, low: int | None, high: int | None) -> str:
    if pattern:
        found = sample_matching(pattern, n, max(low or 1, 1), stretch=False)
        if found is not None:
            return found
    text = f"{name.replace('_', ' ')} {n}"
    if low is not None and len(text) < low:
        text = text.ljust(low, "x")
    if high is not None and len(text) > high:
        text = (str(n) + "x" * high)[:high]
    return text


def _number(n: int, low: Any, high: Any) -> Any:
    value = n + 1
    if low is not None and value < low:
        value = low + n
    if high is not None and value > high:
        value = high
    return value


def _decimal(scale: int | None, low: Any, high: Any) -> str:
    value = Decimal(1)
    if low is not None and value < Decimal(str(low)):
        value = Decimal(str(low))
    if high is not None and value > Decimal(str(high)):
        value = Decimal(str(high))
    places = scale if scale is not None else 2
    return str(value.quantize(Decimal(1).scaleb(-places)))


def json_value(f: BodyField, n: int, enums: dict[str, tuple[str, ...]]) -> Any:
    """A valid JSON value of a body key (ids are not handled here)."""
    if f.choices:
        return f.choices[0]
    if f.type in ("string", "text"):
        return _text_value(f.name, n, f.pattern, f.min_length, f.max_length)
    if f.type == "email":
        return f"{to_snake(f.name)}{n}@example.com"
    if f.type in ("url", "file"):
        return f"https://example.com/{f.name}/{n}"
    if f.type in ("int", "bigint"):
        return _number(n, f.minimum, f.maximum)
    if f.type == "float":
        return float(_number(n, f.minimum, f.maximum))
    if f.type == "decimal":
        return _decimal(f.scale, f.minimum, f.maximum)
    if f.type == "bool":
        return True
    if f.type == "date":
        return f"2024-01-{n % 28 + 1:02d}"
    if f.type == "datetime":
        return f"2024-01-{n % 28 + 1:02d}T12:00:00Z"
    if f.type == "time":
        return f"12:{n % 60:02d}:00Z"  # RFC 3339 full-time, as the service writes it
    if f.type == "uuid":
        return f"00000000-0000-4000-8000-{n:012d}"
    if f.type == "enum" and f.enum:
        return enums.get(f.enum, ("",))[0]
    return {"n": n}


def _orm_expr(f: FieldDef, enums: dict[str, tuple[str, ...]]) -> tuple[str, list[str] | None]:
    """A Python expression of ``n`` for the column, or a list of samples indexed by n."""
    if f.type in ("string", "text") and f.pattern:
        low = f.min_length or 1
        values = [
            _text_value(f.name, i, f.pattern, low, f.max_length or f.length) for i in range(SAMPLES)
        ]
        return "", values
    body = BodyField(
        name=f.name,
        type="string" if f.type in ("string", "text") else f.type,  # type: ignore[arg-type]
        enum=f.enum,
        min_length=f.min_length,
        max_length=f.max_length or f.length,
        minimum=f.min,
        maximum=f.max,
        scale=f.scale,
    )
    if f.type in ("string", "text"):
        high = min(x for x in (f.max_length, f.length or 255) if x is not None)
        return f"text({f.name!r}, n, {f.min_length or 0}, {high})", None
    if f.type == "email":
        return f"f'{to_snake(f.name)}{{n}}@example.com'", None
    if f.type in ("url", "file"):
        return f"f'https://example.com/{f.name}/{{n}}'", None
    if f.type in ("int", "bigint", "float"):
        return f"number(n, {f.min!r}, {f.max!r})", None
    if f.type == "decimal":
        return f"decimal.Decimal({json_value(body, 0, enums)!r})", None
    if f.type == "date":
        return "datetime.date(2024, 1, n % 28 + 1)", None
    if f.type == "datetime":
        return "datetime.datetime(2024, 1, n % 28 + 1, 12, tzinfo=datetime.UTC)", None
    if f.type == "time":
        return "datetime.time(12, n % 60)", None
    if f.type == "uuid":
        return "uuid.UUID(int=n + 1)", None
    if f.type == "bool":
        return "True", None
    if f.type == "enum":
        members = enums.get(f.enum or "", ("",))
        if f.unique:
            return f"unused(models.{{model}}, {f.name!r}, {list(members)!r})", None
        return repr(members[0]), None
    return "{'n': n}", None


def _tenant_field(spec: Spec, entity: Entity | None) -> str:
    """The tenant relation of a tenant-scoped entity, or ""."""
    if entity is None or spec.project.tenancy is None or not spec.project.auth.enabled:
        return ""
    tenant = entity.tenant_field
    return tenant.name if tenant is not None and tenant.has_column else ""


def _required_back(spec: Spec, target: Entity, name: str) -> str:
    """The required relation of ``target`` back to entity ``name`` when a ``name`` row is
    made with a reserved id and its ``target`` partner first (foreign keys are checked at
    commit), or "". Of the two entities of such a cycle, the one declared later reserves;
    the other's factory makes a whole pair and refers to its ``target`` row, so the
    ``target`` row it holds is no partner of another (a one_to_one stays free)."""
    order = [e.name for e in spec.entities]
    if target.name not in order or order.index(name) < order.index(target.name):
        return ""
    for g in target.fields:
        if g.type == "relation" and g.target == name and g.has_column and not g.optional:
            return "" if g.owner else g.name
    return ""


def factory_of(spec: Spec, entity: Entity, enums: dict[str, tuple[str, ...]]) -> FactoryCtx:
    ctx = FactoryCtx(to_snake(entity.name), entity.name)
    tenant = entity.field(_tenant_field(spec, entity))
    ctx.tenant = tenant.name if tenant is not None and not tenant.optional else None
    for f in entity.fields:
        if f.type == "relation":
            if not f.has_column or f.optional:
                continue
            if f.owner and spec.project.auth.enabled:
                ctx.owner = f.name
                continue
            if f.target == entity.name:
                continue
            target = spec.entity(f.target or "")
            entry = (f.name, to_snake(f.target or ""), _tenant_field(spec, target), "")
            if target is not None:
                entry = (*entry[:3], _required_back(spec, target, entity.name))
            # The tenant comes first: the other parents are made in the same tenant.
            ctx.parents.insert(0 if f.name == ctx.tenant else len(ctx.parents), entry)
            continue
        if f.optional or f.default is not None:
            continue
        expr, samples = _orm_expr(f, enums)
        if samples is not None:
            name = f"{to_snake(entity.name)}_{f.name}".upper()
            ctx.samples.append((name, samples))
            expr = f"{name}[n % {len(samples)}]"
        ctx.values.append((f.name, expr.replace("{model}", entity.name)))
    return ctx


def _invalid(body: Body) -> list[tuple[str, str, str]]:
    """(label, key, bad JSON value or MISSING) for each constraint kind of the body."""
    cases: list[tuple[str, str, str]] = []
    kinds: set[str] = set()

    def add(kind: str, key: str, value: Any) -> None:
        if kind not in kinds:
            kinds.add(kind)
            cases.append((kind, key, MISSING if value is MISSING else repr(value)))

    for f in body.fields:
        if f.type == "id":
            add("id_type", f.name, "one" if not f.many else ["one"])
            continue
        if f.required:
            add("required", f.name, MISSING)
        if f.max_length is not None and f.type in ("string", "text"):
            add("max_length", f.name, "x" * (f.max_length + 1))
        if f.min_length and f.type in ("string", "text"):
            add("min_length", f.name, "")
        if f.pattern and f.type in ("string", "text") and not re.search(f.pattern, "!"):
            add("pattern", f.name, "!")
        if f.minimum is not None and f.type in ("int", "bigint", "float"):
            add("minimum", f.name, f.minimum - 1)
        if f.maximum is not None and f.type in ("int", "bigint", "float"):
            add("maximum", f.name, f.maximum + 1)
        if f.choices:
            add("choice", f.name, "not-a-choice")
        if f.type in ("int", "bigint"):
            add("int_type", f.name, "12")
        if f.type == "bool":
            add("bool_type", f.name, "yes")
        if f.type == "decimal":
            add("decimal_type", f.name, 1.5)
        if f.type == "email":
            add("email", f.name, "not-an-email")
        if f.type in ("date", "datetime"):
            add("date", f.name, "not-a-date")
    return cases


def _unread(create: Body | None, read: Body) -> tuple[str, ...]:
    """Create keys a response may leave out: writeonly ones and those with read roles."""
    found = []
    for f in create.fields if create else ():
        shown = read.field(f.name)
        if f.writeonly or shown is None or shown.writeonly or shown.read_roles:
            found.append(f.name)
    return tuple(found)


def _principals(op: Operation | None) -> tuple[str, ...]:
    return op.principals if op is not None else ()


def _single_owner(res: ResourceCtx) -> bool:
    """Whether each user may own at most one row (the owner relation is one_to_one/unique)."""
    entity = res.entity
    owner = entity.owner_field
    if owner is None:
        return False
    if owner.cardinality == "one_to_one" or owner.unique:
        return True
    scoping = {owner.name} | ({entity.tenant_field.name} if entity.tenant_field else set())
    return any(
        i.unique and owner.name in i.fields and set(i.fields) <= scoping for i in entity.indexes
    )


def resource_test(
    view: ProjectView, res: ResourceCtx, enums: dict[str, tuple[str, ...]]
) -> ResourceTest:
    shape = res.shape
    ops = {o.kind: o for o in shape.operations if o.kind != "action"}
    payload: list[tuple[str, str]] = []
    parents: list[tuple[str, str, str]] = []
    unique = None
    spec = view.spec
    for f in shape.create.fields if shape.create else ():
        if f.type == "id" and f.target:
            if f.many:
                continue
            if f.required:
                tenant = _tenant_field(spec, spec.entity(f.target))
                parents.append((f.name, to_snake(f.target), tenant))
            continue
        if not f.required and (f.default is not None or f.write_roles):
            continue
        if not f.required and f.nullable is False:
            continue
        payload.append((f.name, repr(json_value(f, PAYLOAD_N, enums))))
        if f.unique and unique is None:
            unique = f.name
    update: list[tuple[str, str]] = []
    for f in shape.update.fields:
        if f.name == "version" or f.type == "id" or f.write_roles:
            continue
        update.append((f.name, repr(json_value(f, 7, enums))))
        break
    filters: list[tuple[str, str, str]] = []
    for p in shape.list_params:
        if p.role != "filter" or p.op not in (None, "eq"):
            continue
        filters.append((p.name, str(p.value.type), p.source or p.name))
    search = []
    for name in res.search:
        search.append((name, name))
    actions: list[tuple[str, str, str]] = [
        (o.action or "", o.path.replace("{id}", "{pk}"), str(o.method))
        for o in shape.operations
        if o.kind == "action"
    ]
    return ResourceTest(
        name=shape.name,
        path=shape.path,
        factory=f"make_{shape.name}",
        payload=payload,
        parents=parents,
        update=update,
        invalid=_invalid(shape.create) if shape.create else [],
        unique=unique,
        ops={k: _principals(o) for k, o in ops.items()},
        actions=actions,
        pagination=shape.pagination.style,
        max_size=shape.pagination.max_size,
        filters=filters,
        search=search,
        sort=res.sort,
        owner=res.owner,
        single=res.owner == "id" or _single_owner(res),
        model=res.model,
        soft_delete=shape.soft_delete,
        lock=shape.optimistic_lock,
        tenant=_tenant_field(spec, res.entity),
        is_user=res.owner == "id",
        unread=_unread(shape.create, shape.read),
        cyclic=any(
            _required_back(spec, target, res.entity.name)
            for f in res.entity.fields
            if f.type == "relation"
            and f.has_column
            and not f.optional
            and (target := spec.entity(f.target or "")) is not None
        ),
    )


def tests_of(view: ProjectView, resources: list[ResourceCtx]) -> dict[str, Any]:
    spec = view.spec
    enums = {e.name: tuple(v.name for v in e.values) for e in spec.enums}
    auth = spec.project.auth.enabled
    factories = [
        factory_of(spec, e, enums) for e in spec.entities if not (e.name == "User" and auth)
    ]
    declared = spec.entity("User")
    user = None
    if auth and declared is not None and not declared.builtin:
        user = factory_of(spec, declared, enums)
        user.values = [(k, v) for k, v in user.values if k != "email"]
    tenancy = spec.project.tenancy
    tenant = spec.entity(tenancy.entity) if tenancy is not None and auth else None
    owner = tenant.owner_field if tenant is not None else None
    return {
        "factories": factories,
        "user": user,
        "tenant_owner": owner.name if owner is not None and owner.has_column else None,
        "resources": [resource_test(view, r, enums) for r in resources],
        "missing": MISSING,
    }
