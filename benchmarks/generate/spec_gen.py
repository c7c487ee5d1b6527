"""Deterministic, realistic specs of N entities for the generation benchmark, and their JDL.

Each entity has nine scalar fields taken in turn from every scalar type (so that all fifteen
types appear in a spec of two entities or more), with constraints, defaults, unique and
indexed columns and a PII tag; an enum field with a default; and relations to earlier
entities: many-to-one (with the one-to-many inverse on every other one), many-to-many pairs,
one-to-one, and an owner field to the built-in ``User``. Entities have search, filter and
sort lists, a pagination policy, a composite index, timestamps, soft delete or an optimistic
lock on some, four access rules over three roles, an action on every third one and rate
limits.

``to_jdl`` writes the same data model (entities, fields, validations, enums, relations) as
JHipster JDL with a monolith application block, so that both tools can be given one file.
"""

from __future__ import annotations

from typing import Any

from infranest.spec.builtins import USER, finalize
from infranest.spec.model import (
    AccessRule,
    Action,
    Auth,
    Default,
    Entity,
    EnumDef,
    EnumValue,
    FieldDef,
    Index,
    Pagination,
    Project,
    RateLimit,
    Spec,
)
from infranest.spec.names import to_camel

WORDS = (
    "Invoice", "Shipment", "Customer", "Ticket", "Article", "Review", "Coupon", "Warehouse",
    "Supplier", "Payment", "Refund", "Team", "Board", "Card", "Sprint", "Attachment", "Store",
    "Account", "Address", "Course", "Lesson", "Member", "Note", "Task", "Event", "Venue",
    "Booking", "Room", "Playlist", "Track", "Album", "Artist", "Device", "Sensor", "Reading",
    "Contract", "Vendor", "Quote", "Budget", "Asset",
)  # fmt: skip
STATES = ("draft", "active", "pending", "approved", "rejected", "archived", "closed")
ROLES = ("admin", "staff", "customer")
ENUMS = 6
SCALARS_PER_ENTITY = 9
# One scalar field per type: (name, type, attributes). Entity i takes nine of them in turn.
SCALARS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("title", "string", {"length": 120, "min_length": 1}),
    ("summary", "text", {"optional": True, "max_length": 4000}),
    ("quantity", "int", {"min": 0, "max": 100000, "default": Default(kind="number", value=0)}),
    ("reference", "bigint", {"optional": True, "index": True}),
    ("amount", "decimal", {"precision": 12, "scale": 2, "min": 0}),
    ("ratio", "float", {"optional": True, "min": 0.0, "max": 1.0}),
    ("enabled", "bool", {"default": Default(kind="bool", value=True)}),
    ("starts_on", "date", {"optional": True}),
    ("due_at", "datetime", {"optional": True, "index": True}),
    ("opens_at", "time", {"optional": True}),
    ("external_id", "uuid", {"default": Default(kind="uuid"), "unique": True}),
    ("contact", "email", {"optional": True, "pii": "contact"}),
    ("website", "url", {"optional": True, "max_length": 500}),
    ("settings", "json", {"optional": True}),
    ("document", "file", {"optional": True}),
)
CODE = ("code", "string", {"length": 32, "unique": True, "pattern": "^[A-Z0-9-]+$"})


def entity_names(count: int) -> list[str]:
    return [f"{WORDS[i % len(WORDS)]}{i:03d}" for i in range(count)]


def build_spec(entities: int) -> Spec:
    """The benchmark spec of ``entities`` entities; the same count gives the same spec."""
    enums = tuple(
        EnumDef(
            name=f"State{i:02d}",
            values=tuple(EnumValue(name=s) for s in STATES[: 3 + i % (len(STATES) - 2)]),
        )
        for i in range(ENUMS)
    )
    names = entity_names(entities)
    fields: dict[str, list[FieldDef]] = {n: [_field(*CODE)] for n in names}
    for i, name in enumerate(names):
        fields[name] += _scalars(i)
        enum = enums[i % ENUMS]
        fields[name].append(
            FieldDef(
                name="state",
                type="enum",
                enum=enum.name,
                default=Default(kind="enum", value=enum.values[0].name),
            )
        )
        fields[name] += _relations(i, names, fields)
    return finalize(
        Spec(
            project=Project(
                name="bench",
                description="Generation benchmark",
                auth=Auth(methods=("jwt",)),
                roles=ROLES,
            ),
            enums=enums,
            entities=tuple(_entity(i, name, fields[name]) for i, name in enumerate(names)),
        )
    )


def _field(name: str, kind: str, extra: dict[str, Any]) -> FieldDef:
    return FieldDef.model_validate({"name": name, "type": kind, **extra})


def _scalars(index: int) -> list[FieldDef]:
    start = (index * SCALARS_PER_ENTITY) % len(SCALARS)
    chosen = [SCALARS[(start + k) % len(SCALARS)] for k in range(SCALARS_PER_ENTITY)]
    return [_field(*spec) for spec in sorted(chosen, key=SCALARS.index)]


def _relation(name: str, target: str, cardinality: str, **extra: Any) -> FieldDef:
    return FieldDef.model_validate(
        {"name": name, "type": "relation", "target": target, "cardinality": cardinality, **extra}
    )


def _relations(i: int, names: list[str], fields: dict[str, list[FieldDef]]) -> list[FieldDef]:
    """Relations of entity ``i`` to earlier entities (inverse sides are added to those)."""
    found: list[FieldDef] = []
    if i % 4 in (0, 2):
        found.append(_relation("owner", USER, "many_to_one", owner=True, on_delete="cascade"))
    if i == 0:
        return found
    name = names[i]
    parent = names[(i * 7) % i]
    found.append(_relation(f"parent_{i:03d}", parent, "many_to_one", on_delete="cascade"))
    if i % 2 == 1:
        fields[parent].append(
            _relation(f"children_{i:03d}", name, "one_to_many", via=f"parent_{i:03d}")
        )
    if i % 3 == 2:
        other = names[(i * 5) % i]
        found.append(_relation(f"links_{i:03d}", other, "many_to_many", via=f"linked_{i:03d}"))
        fields[other].append(
            _relation(f"linked_{i:03d}", name, "many_to_many", via=f"links_{i:03d}")
        )
    if i % 5 == 3:
        found.append(
            _relation(
                f"detail_{i:03d}",
                names[(i * 3) % i],
                "one_to_one",
                optional=True,
                on_delete="set_null",
            )
        )
    return found


def _entity(i: int, name: str, fields: list[FieldDef]) -> Entity:
    texts = [f.name for f in fields if f.type in ("string", "text", "email")]
    columns = [
        f.name
        for f in fields
        if f.has_column and f.type not in ("text", "json", "file", "relation")
    ]
    owned = any(f.owner for f in fields)
    writers = ("owner", "staff") if owned else ("staff",)
    return Entity(
        name=name,
        description=f"{name}: a synthetic entity of the generation benchmark",
        fields=tuple(fields),
        search=tuple(texts[:2]),
        filter=tuple(columns[:3]),
        sort=tuple(columns[-2:]),
        pagination=Pagination(style="cursor" if i % 3 == 1 else "offset", size=25, max_size=100),
        indexes=(Index(fields=tuple(columns[1:3])),) if len(columns) >= 3 else (),
        timestamps=True,
        soft_delete=i % 3 == 0,
        optimistic_lock=i % 4 == 1,
        access=(
            AccessRule(operations=("read", "list"), principals=("authenticated",)),
            AccessRule(operations=("create",), principals=("customer", "staff")),
            AccessRule(operations=("update",), principals=writers),
            AccessRule(operations=("delete",), principals=("admin",)),
        ),
        actions=(
            Action(name="archive", allow=("admin",), limit=RateLimit(count=5, period="minute")),
        )
        if i % 3 == 2
        else (),
        limits=(RateLimit(count=100, period="minute", operations=("create",)),),
    )


# ---- JDL ----------------------------------------------------------------------------------

JDL_TYPES = {
    "string": "String",
    "text": "TextBlob",
    "int": "Integer",
    "bigint": "Long",
    "decimal": "BigDecimal",
    "float": "Float",
    "bool": "Boolean",
    "date": "LocalDate",
    "datetime": "Instant",
    "time": "LocalTime",
    "uuid": "UUID",
    "email": "String",
    "url": "String",
    "json": "TextBlob",
    "file": "AnyBlob",
}
JDL_KINDS = {
    "many_to_one": "ManyToOne",
    "one_to_many": "OneToMany",
    "many_to_many": "ManyToMany",
    "one_to_one": "OneToOne",
}


def to_jdl(spec: Spec) -> str:
    """The spec's data model as JDL: a backend-only monolith with JWT and PostgreSQL."""
    out = [
        "application {\n  config {\n    baseName bench\n    packageName com.example.bench\n"
        "    applicationType monolith\n    authenticationType jwt\n"
        "    databaseType sql\n    prodDatabaseType postgresql\n    devDatabaseType h2Disk\n"
        "    buildTool maven\n    skipClient true\n    enableTranslation false\n"
        "    cacheProvider no\n  }\n  entities *\n}\n"
    ]
    out += [
        f"enum {e.name} {{\n  {', '.join(v.name.upper() for v in e.values)}\n}}\n"
        for e in spec.enums
    ]
    relations: list[tuple[str, str]] = []
    for entity in spec.entities:
        if entity.builtin:
            continue
        lines = [_jdl_field(f) for f in entity.fields if not f.is_relation]
        out.append(
            f"/** {entity.description} */\nentity {entity.name} {{\n"
            + "".join(f"  {line}\n" for line in lines)
            + "}\n"
        )
        relations += _jdl_relations(spec, entity)
    for kind in JDL_KINDS.values():
        chosen = [text for k, text in relations if k == kind]
        if chosen:
            out.append(f"relationship {kind} {{\n" + "".join(f"  {r}\n" for r in chosen) + "}\n")
    declared = [e.name for e in spec.entities if not e.builtin]
    cursor = [e.name for e in spec.entities if e.pagination and e.pagination.style == "cursor"]
    offset = [e.name for e in declared_entities(spec) if e.name not in cursor]
    if offset:
        out.append(f"paginate {', '.join(offset)} with pagination\n")
    if cursor:
        out.append(f"paginate {', '.join(cursor)} with infinite-scroll\n")
    out.append(f"filter {', '.join(declared)}\n")
    out.append("service * with serviceClass\ndto * with mapstruct\n")
    return "\n".join(out)


def declared_entities(spec: Spec) -> list[Entity]:
    return [e for e in spec.entities if not e.builtin]


def _jdl_field(f: FieldDef) -> str:
    kind = f.enum if f.type == "enum" else JDL_TYPES[f.type]
    rules = [] if f.optional else ["required"]
    if f.unique:
        rules.append("unique")
    if f.type == "string" and f.length is not None:
        rules.append(f"maxlength({f.length})")
    if f.min_length is not None:
        rules.append(f"minlength({f.min_length})")
    if f.max_length is not None and JDL_TYPES.get(f.type) == "String":
        rules.append(f"maxlength({f.max_length})")  # JDL has no bounds on a TextBlob
    if f.min is not None and f.type != "float":
        rules.append(f"min({int(f.min)})")
    if f.max is not None and f.type != "float":
        rules.append(f"max({int(f.max)})")
    if f.pattern is not None:
        rules.append(f"pattern(/{f.pattern}/)")
    return " ".join([to_camel(f.name), str(kind), *rules])


def _jdl_relations(spec: Spec, entity: Entity) -> list[tuple[str, str]]:
    """``(kind, "From{field} to To{inverse}")`` for each relation, written once."""
    found = []
    for f in entity.fields:
        if not f.is_relation or f.cardinality is None or f.target is None:
            continue
        kind = JDL_KINDS[f.cardinality]
        here = f"{entity.name}{{{to_camel(f.name)}}} to {f.target}"
        inverse = f"{{{to_camel(f.via)}}}" if f.via else ""
        if f.cardinality == "many_to_one":
            target = spec.entity(f.target)
            if any(g.via == f.name for g in (target.fields if target else ())):
                continue  # written from the one-to-many side
            found.append((kind, here + (" with builtInEntity" if f.target == USER else "")))
        elif f.cardinality == "one_to_many" or f.name.startswith("links_"):
            found.append((kind, here + inverse))
        elif f.cardinality == "one_to_one":
            found.append((kind, here))
    return found
