"""A deterministic, realistic spec of many entities, as ``.nest`` text and as equivalent JDL.

Every entity has about eight fields: text and numbers with constraints, an enum with a
default, dates, and relations to earlier entities (many-to-one with and without an inverse
one-to-many, many-to-many pairs, one-to-one, an owner). The ``.nest`` side adds what JDL has
no words for: search, filter and sort lists, access rules, actions and rate limits.
"""

from __future__ import annotations

import random

from infranest.spec.builtins import USER, finalize
from infranest.spec.formatter import format_spec
from infranest.spec.model import (
    AccessRule,
    Action,
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
# Scalar fields: (name, type, extra attributes)
SCALARS: tuple[tuple[str, str, dict[str, object]], ...] = (
    ("title", "string", {"length": 120, "min_length": 1}),
    ("code", "string", {"length": 32, "unique": True, "pattern": "^[A-Z0-9-]+$"}),
    ("notes", "text", {"optional": True, "max_length": 4000}),
    ("quantity", "int", {"min": 0, "max": 100000, "default": Default(kind="number", value=0)}),
    ("amount", "decimal", {"precision": 12, "scale": 2, "min": 0}),
    ("ratio", "float", {"optional": True, "min": 0.0, "max": 1.0}),
    ("enabled", "bool", {"default": Default(kind="bool", value=True)}),
    ("starts_on", "date", {"optional": True}),
    ("contact", "email", {"optional": True, "pii": "contact"}),
    ("external_id", "uuid", {"default": Default(kind="uuid"), "unique": True}),
    ("reference", "bigint", {"optional": True, "index": True}),
)


def _relation(name: str, target: str, cardinality: str, **extra: object) -> FieldDef:
    return FieldDef.model_validate(
        {"name": name, "type": "relation", "target": target, "cardinality": cardinality, **extra}
    )


def build_spec(entities: int = 200, seed: int = 42) -> Spec:
    """The benchmark spec: ``entities`` entities, the same for the same ``seed``."""
    rng = random.Random(seed)
    enums = tuple(
        EnumDef(
            name=f"State{i:02d}",
            values=tuple(EnumValue(name=s) for s in STATES[: rng.randint(3, len(STATES))]),
        )
        for i in range(10)
    )
    names = [f"{WORDS[i % len(WORDS)]}{i:03d}" for i in range(entities)]
    fields: dict[str, list[FieldDef]] = {n: [] for n in names}
    for i, name in enumerate(names):
        for field_name, kind, extra in rng.sample(SCALARS, 5):
            fields[name].append(
                FieldDef.model_validate({"name": field_name, "type": kind, **extra})
            )
        enum = rng.choice(enums)
        fields[name].append(
            FieldDef(
                name="state",
                type="enum",
                enum=enum.name,
                default=Default(kind="enum", value=enum.values[0].name),
            )
        )
        if i == 0:
            continue
        target = names[rng.randrange(i)]
        parent = f"parent_{i:03d}"
        fields[name].append(_relation(parent, target, "many_to_one", on_delete="cascade"))
        if rng.random() < 0.4:
            fields[target].append(_relation(f"children_{i:03d}", name, "one_to_many", via=parent))
        if rng.random() < 0.3:
            other = names[rng.randrange(i)]
            left, right = f"links_{i:03d}", f"linked_{i:03d}"
            fields[name].append(_relation(left, other, "many_to_many", via=right))
            fields[other].append(_relation(right, name, "many_to_many", via=left))
        if rng.random() < 0.3:
            fields[name].append(_relation("owner", USER, "many_to_one", owner=True))
        elif rng.random() < 0.2:
            fields[name].append(_relation(f"detail_{i:03d}", names[rng.randrange(i)], "one_to_one"))
    return finalize(
        Spec(
            project=Project(name="bench", description="Parser benchmark", roles=ROLES),
            enums=enums,
            entities=tuple(_entity(name, fields[name], rng) for name in names),
        )
    )


def _entity(name: str, fields: list[FieldDef], rng: random.Random) -> Entity:
    texts = [f.name for f in fields if f.type in ("string", "text", "email")]
    columns = [f.name for f in fields if f.has_column and f.type not in ("text",)]
    owned = any(f.owner for f in fields)
    return Entity(
        name=name,
        fields=tuple(fields),
        search=tuple(texts[:2]),
        filter=tuple(columns[:3]),
        sort=tuple(columns[-2:]),
        pagination=Pagination(style=rng.choice(("offset", "cursor")), size=25, max_size=100),
        indexes=(Index(fields=tuple(columns[:2])),) if len(columns) >= 2 else (),
        timestamps=True,
        soft_delete=rng.random() < 0.3,
        access=(
            AccessRule(operations=("read", "list"), principals=("authenticated",)),
            AccessRule(
                operations=("create", "update"),
                principals=("owner", "staff") if owned else ("staff",),
            ),
            AccessRule(operations=("delete",), principals=("admin",)),
        ),
        actions=(
            Action(name="archive", allow=("admin",), limit=RateLimit(count=5, period="minute")),
        )
        if rng.random() < 0.3
        else (),
        limits=(RateLimit(count=100, period="minute", operations=("create",)),),
    )


def to_nest(spec: Spec) -> str:
    return format_spec(spec)


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
    "uuid": "UUID",
    "email": "String",
}
JDL_KINDS = {
    "many_to_one": "ManyToOne",
    "one_to_many": "OneToMany",
    "many_to_many": "ManyToMany",
    "one_to_one": "OneToOne",
}


def to_jdl(spec: Spec) -> str:
    """The same entities, fields, validations, enums and relations in JHipster's JDL."""
    out = [
        f"enum {e.name} {{\n  {', '.join(v.name.upper() for v in e.values)}\n}}\n"
        for e in spec.enums
    ]
    relations: list[str] = []
    for entity in spec.entities:
        if entity.builtin:
            continue
        lines = [_jdl_field(f) for f in entity.fields if not f.is_relation]
        out.append(f"entity {entity.name} {{\n" + "".join(f"  {line}\n" for line in lines) + "}\n")
        relations += _jdl_relations(spec, entity)
    for kind in JDL_KINDS.values():
        chosen = [r.split(" ", 1)[1] for r in relations if r.startswith(kind + " ")]
        if chosen:
            out.append(f"relationship {kind} {{\n" + "".join(f"  {r}\n" for r in chosen) + "}\n")
    declared = [e.name for e in spec.entities if not e.builtin]
    out.append(f"filter {', '.join(declared)}\n")
    out.append("service * with serviceClass\ndto * with mapstruct\n")
    return "\n".join(out)


def _jdl_field(f: FieldDef) -> str:
    kind = f.enum if f.type == "enum" else JDL_TYPES[f.type]
    rules = [] if f.optional else ["required"]
    if f.unique:
        rules.append("unique")
    if f.type == "string" and f.length is not None:
        rules.append(f"maxlength({f.length})")
    if f.min_length is not None:
        rules.append(f"minlength({f.min_length})")
    if f.max_length is not None and f.type != "text":  # JDL has no bounds on a TextBlob
        rules.append(f"maxlength({f.max_length})")
    if f.min is not None:
        rules.append(f"min({int(f.min)})")
    if f.max is not None and f.type != "float":
        rules.append(f"max({int(f.max)})")
    if f.pattern is not None:
        rules.append(f"pattern(/{f.pattern}/)")
    return " ".join([to_camel(f.name), str(kind), *rules])


def _jdl_relations(spec: Spec, entity: Entity) -> list[str]:
    """``Kind From{field} to To{inverse}`` for each relation declared once (its owning side)."""
    found = []
    for f in entity.fields:
        if not f.is_relation or f.cardinality is None or f.target is None:
            continue
        kind = JDL_KINDS[f.cardinality]
        here = f"{kind} {entity.name}{{{to_camel(f.name)}}} to {f.target}"
        inverse = f"{{{to_camel(f.via)}}}" if f.via else ""
        if f.cardinality == "many_to_one":
            target = spec.entity(f.target)
            if any(g.via == f.name for g in (target.fields if target else ())):
                continue  # written from the one-to-many side
            found.append(here + (" with builtInEntity" if f.target == USER else ""))
        elif f.cardinality == "one_to_many" or f.name.startswith("links_"):
            found.append(here + inverse)
        elif f.cardinality == "one_to_one":
            found.append(here)
    return found
