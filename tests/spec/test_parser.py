"""The parser: every statement and modifier becomes the right model values, with locations."""

from __future__ import annotations

from typing import Any

import pytest

from infranest.spec.builtins import USER
from infranest.spec.model import (
    AccessRule,
    Action,
    AlertRule,
    Default,
    Duration,
    Entity,
    FieldAccess,
    Index,
    Loc,
    ModelField,
    Notification,
    Pagination,
    RateLimit,
    Spec,
)
from infranest.spec.parser import parse

HEAD = "project shop {\n  auth jwt\n  roles admin, staff\n}\n"


def spec_of(body: str, head: str = HEAD) -> Spec:
    return parse(head + body, "t.nest")


def entity_of(body: str, extra: str = "") -> Entity:
    """Entity ``E`` with ``body`` inside, beside ``extra`` definitions."""
    found = spec_of(f"{extra}entity E {{\n{body}\n}}\n").entity("E")
    assert found is not None
    return found


def field_values(line: str, extra: str = "") -> dict[str, Any]:
    """The non-default attributes of the one field ``line`` declares."""
    field = entity_of(f"  {line}", extra).fields[0]
    return field.model_dump(exclude_defaults=True, exclude={"name"})


# ---- project ------------------------------------------------------------------------------

PROJECT = [
    ("auth jwt, session", {"auth": {"methods": ("jwt", "session")}}),
    ("auth none", {"auth": {"methods": ("none",)}}),
    (
        "auth session, oauth2(google, github), apikey",
        {"auth": {"methods": ("session", "oauth2", "apikey"), "providers": ("google", "github")}},
    ),
    ("roles admin, staff", {"roles": ("admin", "staff")}),
    ("database mysql", {"database": "mysql"}),
    ("target rails", {"target": "rails"}),
    ("tenancy Org", {"tenancy": {"entity": "Org"}}),
    ("tenancy Org schema", {"tenancy": {"entity": "Org", "mode": "schema"}}),
    (
        "load rps 200, peak 1000.5, users 50000, reads 90%",
        {"load": {"rps": 200.0, "peak_rps": 1000.5, "users": 50000, "read_ratio": 0.9}},
    ),
    ("load reads 0.25", {"load": {"read_ratio": 0.25}}),
    ("growth 12.5% per week", {"growth": {"rate": 12.5, "period": "week"}}),
    ("growth -3% per year", {"growth": {"rate": -3.0, "period": "year"}}),
    ('version "1.2.0"', {"version": "1.2.0"}),
    ('cors "https://a.example", "http://b.test"', {"cors": ("https://a.example", "http://b.test")}),
]


@pytest.mark.parametrize(("statement", "expected"), PROJECT, ids=[p[0] for p in PROJECT])
def test_project_statement(statement: str, expected: dict[str, Any]) -> None:
    project = parse(f"project shop {{\n  {statement}\n}}\n").project
    data = project.model_dump(exclude_defaults=True, exclude={"name"})
    assert data == expected


def test_project_name_and_description() -> None:
    project = parse('project shop "Online \\"store\\"" {}\n').project
    assert (project.name, project.description) == ("shop", 'Online "store"')


def test_builtin_user_added_only_with_auth() -> None:
    with_auth = parse("project p {}\n")
    assert [(e.name, e.builtin) for e in with_auth.entities] == [(USER, True)]
    assert parse("project p {\n  auth none\n}\n").entities == ()
    declared = parse("project p {}\nentity User {\n  nickname: string\n}\n")
    assert [(e.name, e.builtin) for e in declared.entities] == [(USER, False)]


# ---- enums --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'enum Status "Order state" { pending, paid "Paid in full", shipped }',
        'enum Status "Order state" {\n  pending\n  paid "Paid in full"\n  shipped\n}',
        'enum Status "Order state" {\n  pending,\n  paid "Paid in full",\n  shipped,\n}',
    ],
    ids=["one-line", "multi-line", "trailing-commas"],
)
def test_enum_forms(text: str) -> None:
    enum = spec_of(text + "\n").enums[0]
    assert enum.name == "Status"
    assert enum.description == "Order state"
    assert [(v.name, v.label) for v in enum.values] == [
        ("pending", None),
        ("paid", "Paid in full"),
        ("shipped", None),
    ]


def test_empty_enum() -> None:
    assert spec_of("enum Nothing {}\n").enums[0].values == ()


# ---- field types and modifiers ------------------------------------------------------------

TYPES = [
    *[(t, {"type": t}) for t in ("text", "int", "bigint", "float", "bool", "date", "datetime")],
    *[(t, {"type": t}) for t in ("time", "uuid", "email", "url", "json", "file")],
    ("string", {"type": "string"}),
    ("string(120)", {"type": "string", "length": 120}),
    ("decimal", {"type": "decimal"}),
    ("decimal(12)", {"type": "decimal", "precision": 12}),
    ("decimal(10,2)", {"type": "decimal", "precision": 10, "scale": 2}),
    ("decimal(10, 0)", {"type": "decimal", "precision": 10, "scale": 0}),
    ("Status", {"type": "enum", "enum": "Status"}),
    ("Other", {"type": "relation", "target": "Other", "cardinality": "many_to_one"}),
]


@pytest.mark.parametrize(("type_text", "expected"), TYPES, ids=[t[0] for t in TYPES])
def test_field_type(type_text: str, expected: dict[str, Any]) -> None:
    extra = "enum Status { a, b }\nentity Other {}\n"
    assert field_values(f"x: {type_text}", extra) == expected


MODIFIERS = [
    ("optional", {"optional": True}),
    ("unique", {"unique": True}),
    ("index", {"index": True}),
    ("min(0)", {"min": 0}),
    ("min(-2.5)", {"min": -2.5}),
    ("max(1e3)", {"max": 1000.0}),
    ("min_length(2)", {"min_length": 2}),
    ("max_length(200)", {"max_length": 200}),
    ('pattern("^[A-Z]+\\\\d$")', {"pattern": "^[A-Z]+\\d$"}),
    ('pattern("^\\d+$")', {"pattern": "^\\d+$"}),
    ("readonly", {"readonly": True}),
    ("writeonly", {"writeonly": True}),
    ("owner", {"owner": True}),
    ("tenant", {"tenant": True}),
    ("pii", {"pii": "personal"}),
    ("pii(health)", {"pii": "health"}),
    ("retention(90d)", {"retention": {"amount": 90, "unit": "d"}}),
    ("readable(admin, owner)", {"access": {"read": ("admin", "owner")}}),
    ("writable(admin)", {"access": {"write": ("admin",)}}),
    ("readable(staff) writable(admin)", {"access": {"read": ("staff",), "write": ("admin",)}}),
]


@pytest.mark.parametrize(("modifier", "expected"), MODIFIERS, ids=[m[0] for m in MODIFIERS])
def test_field_modifier(modifier: str, expected: dict[str, Any]) -> None:
    assert field_values(f"x: string {modifier}") == {"type": "string", **expected}


@pytest.mark.parametrize(
    "behaviour", ["cascade", "restrict", "set_null", "set_default", "no_action"]
)
def test_on_delete(behaviour: str) -> None:
    values = field_values(f"x: E optional on_delete({behaviour})")
    assert values["on_delete"] == behaviour


DEFAULTS = [
    ('string = "hi \\"you\\""', Default(kind="string", value='hi "you"')),
    ("int = 5", Default(kind="number", value=5)),
    ("int = -5", Default(kind="number", value=-5)),
    ("float = 0.5", Default(kind="number", value=0.5)),
    ("float = 2e-3", Default(kind="number", value=0.002)),
    ("bool = true", Default(kind="bool", value=True)),
    ("bool = false", Default(kind="bool", value=False)),
    ("Status = paid", Default(kind="enum", value="paid")),
    ("Status = now", Default(kind="enum", value="now")),
    ("Status optional = null", Default(kind="null")),
    ("datetime = now", Default(kind="now")),
    ("date = today", Default(kind="today")),
    ("uuid = uuid", Default(kind="uuid")),
    ("text optional = null", Default(kind="null")),
]


@pytest.mark.parametrize(("declaration", "expected"), DEFAULTS, ids=[d[0] for d in DEFAULTS])
def test_default(declaration: str, expected: Default) -> None:
    field = entity_of(f"  x: {declaration}", "enum Status { paid, now }\n").fields[0]
    assert field.default == expected
    assert type(field.default.value if field.default else None) is type(expected.value)


def test_modifiers_combine_in_any_order() -> None:
    one = field_values('x: string(20) unique pii(contact) = "a" max_length(10) optional')
    two = field_values('x: string(20) optional max_length(10) = "a" pii(contact) unique')
    assert one == two
    assert one["default"] == {"kind": "string", "value": "a"}


@pytest.mark.parametrize(
    ("literal", "text"),
    [
        ('"plain"', "plain"),
        ('"say \\"hi\\""', 'say "hi"'),
        ('"back\\\\slash"', "back\\slash"),
        ('"a\\nb\\tc\\rd"', "a\nb\tc\rd"),
        ('"caf\\u00e9"', "café"),
        ('"\\d+ kept"', "\\d+ kept"),
        ('"ünïcødé ✓ # { }"', "ünïcødé ✓ # { }"),
        ('"\\ud83d\\ude00 pair"', "\U0001f600 pair"),
        ('""', ""),
    ],
)
def test_string_escapes(literal: str, text: str) -> None:
    assert parse(f"project p {literal} {{}}\n").project.description == text


@pytest.mark.parametrize("unit", ["ms", "s", "m", "h", "d", "w", "y"])
def test_duration_units(unit: str) -> None:
    entity = entity_of(f"  retention 15{unit}\n  cache 0{unit}")
    assert entity.retention == Duration(amount=15, unit=unit)  # type: ignore[arg-type]
    assert entity.cache == Duration(amount=0, unit=unit)  # type: ignore[arg-type]


# ---- relations ----------------------------------------------------------------------------

RELATIONS = """
entity Author {
  posts: [Post] via author
  favourites: [Post]
  tagged: [Post] via fans
  profile: one Profile
  mentor: Author optional on_delete(set_null)
  mentees: [Author] via mentor
  friends: [Author] via friends
}
entity Post {
  author: Author on_delete(cascade)
  fans: [Author] via tagged
  ghost: [Missing] via back
}
entity Profile {
  owner_of: one Author via profile
}
"""


@pytest.mark.parametrize(
    ("entity", "field", "cardinality", "target", "via"),
    [
        ("Author", "posts", "one_to_many", "Post", "author"),
        ("Author", "favourites", "many_to_many", "Post", None),
        ("Author", "tagged", "many_to_many", "Post", "fans"),
        ("Author", "profile", "one_to_one", "Profile", None),
        ("Author", "mentor", "many_to_one", "Author", None),
        ("Author", "mentees", "one_to_many", "Author", "mentor"),
        ("Author", "friends", "many_to_many", "Author", "friends"),
        ("Post", "author", "many_to_one", "Author", None),
        ("Post", "fans", "many_to_many", "Author", "tagged"),
        ("Post", "ghost", "many_to_many", "Missing", "back"),
        ("Profile", "owner_of", "one_to_one", "Author", "profile"),
    ],
)
def test_relation_kinds(
    entity: str, field: str, cardinality: str, target: str, via: str | None
) -> None:
    found = spec_of(RELATIONS).entity(entity)
    assert found is not None
    f = found.field(field)
    assert f is not None
    assert (f.type, f.cardinality, f.target, f.via) == ("relation", cardinality, target, via)


def test_relation_flags() -> None:
    spec = spec_of(RELATIONS)
    author, post = spec.entity("Author"), spec.entity("Post")
    assert author is not None
    assert post is not None
    mentor, on_post = author.field("mentor"), post.field("author")
    assert mentor is not None
    assert on_post is not None
    assert (mentor.optional, mentor.on_delete) == (True, "set_null")
    assert on_post.on_delete == "cascade"
    assert (on_post.has_column, author.fields[0].has_column) == (True, False)


# ---- entity statements --------------------------------------------------------------------

FIELDS = "  a: string\n  b: int\n  c: E optional\n"
STATEMENTS = [
    ("search a", {"search": ("a",)}),
    ("filter a, b, c", {"filter": ("a", "b", "c")}),
    ("sort b, a", {"sort": ("b", "a")}),
    ("search a\n  search b", {"search": ("a", "b")}),
    ("paginate cursor", {"pagination": Pagination(style="cursor")}),
    ("paginate offset 50", {"pagination": Pagination(size=50)}),
    ("paginate none 10 max 20", {"pagination": Pagination(style="none", size=10, max_size=20)}),
    ("paginate offset max 500", {"pagination": Pagination(max_size=500)}),
    ("index (a, b)", {"indexes": (Index(fields=("a", "b")),)}),
    ("unique (a)", {"indexes": (Index(fields=("a",), unique=True),)}),
    ("timestamps", {"timestamps": True}),
    ("soft_delete", {"soft_delete": True}),
    ("optimistic_lock", {"optimistic_lock": True}),
    ("retention 30d", {"retention": Duration(amount=30, unit="d")}),
    ("cache 5m", {"cache": Duration(amount=5, unit="m")}),
    ("rows 1000000", {"rows": 1000000}),
    (
        "allow read, list: anyone; create: staff, admin",
        {
            "access": (
                AccessRule(operations=("read", "list"), principals=("anyone",)),
                AccessRule(operations=("create",), principals=("staff", "admin")),
            )
        },
    ),
    ("action publish", {"actions": (Action(name="publish"),)}),
    (
        "action export: get on collection by admin, staff limit 5/minute per ip idempotent",
        {
            "actions": (
                Action(
                    name="export",
                    method="get",
                    scope="collection",
                    allow=("admin", "staff"),
                    limit=RateLimit(count=5, period="minute", scope="ip"),
                    idempotent=True,
                ),
            )
        },
    ),
    ("limit 100/hour", {"limits": (RateLimit(count=100, period="hour"),)}),
    (
        "limit create, update: 10/second per global",
        {
            "limits": (
                RateLimit(
                    count=10, period="second", scope="global", operations=("create", "update")
                ),
            )
        },
    ),
]


@pytest.mark.parametrize(("statement", "expected"), STATEMENTS, ids=[s[0] for s in STATEMENTS])
def test_entity_statement(statement: str, expected: dict[str, Any]) -> None:
    entity = entity_of(f"{FIELDS}  {statement}")
    for key, value in expected.items():
        assert getattr(entity, key) == value


def test_field_names_may_be_keywords() -> None:
    words = ["search", "index", "unique", "limit", "rows", "one", "via", "max", "on", "model"]
    entity = entity_of("\n".join(f"  {w}: int" for w in words))
    assert [f.name for f in entity.fields] == words


def test_entity_header_and_one_line_block() -> None:
    spec = spec_of('entity Tag "A label" { name: string }\n')
    tag = spec.entity("Tag")
    assert tag is not None
    assert (tag.description, [f.name for f in tag.fields]) == ("A label", ["name"])


# ---- flows, integrations, models ----------------------------------------------------------


def test_flow() -> None:
    text = 'flow checkout "Pay" {\n  steps Order.create, Payment.capture\n'
    text += "  limit 3/minute per user\n  idempotent\n}\n"
    flow = spec_of(text).flows[0]
    assert (flow.name, flow.description, flow.idempotent) == ("checkout", "Pay", True)
    assert flow.steps == ("Order.create", "Payment.capture")
    assert flow.limits == (RateLimit(count=3, period="minute"),)


def test_integration() -> None:
    text = 'integration stripe {\n  url "https://api.stripe.com"\n  timeout 5s\n'
    text += "  retries 3 backoff exponential\n  circuit_breaker\n  validate_response\n"
    text += "  secret STRIPE_KEY\n  used_by Order.create, Order.refund\n}\n"
    it = spec_of(text).integrations[0]
    assert it.model_dump(exclude_defaults=True) == {
        "name": "stripe",
        "url": "https://api.stripe.com",
        "timeout": {"amount": 5, "unit": "s"},
        "retries": 3,
        "backoff": "exponential",
        "circuit_breaker": True,
        "validate_response": True,
        "secret": "STRIPE_KEY",
        "used_by": ("Order.create", "Order.refund"),
    }


def test_model_and_monitor() -> None:
    text = 'model churn "Churn risk" {\n  task regression\n  version "2"\n  on Customer\n'
    text += "  feature age: int\n  feature plan: Plan\n  prediction risk: float\n"
    text += "  score confidence: float\n  labels\n  segments plan\n  monitor {\n"
    text += '    window 7d\n    reference "train-2024"\n    alert psi > 0.2 severity high\n'
    text += '    alert accuracy <= 0.8\n    notify slack "#ml"\n  }\n}\n'
    model = spec_of(text).models[0]
    assert (model.name, model.description, model.task, model.version, model.entity) == (
        "churn",
        "Churn risk",
        "regression",
        "2",
        "Customer",
    )
    assert model.features == (
        ModelField(name="age", type="int"),
        ModelField(name="plan", type="Plan"),
    )
    assert model.prediction == ModelField(name="risk", type="float")
    assert model.score == ModelField(name="confidence", type="float")
    assert (model.labels, model.segments) == (True, ("plan",))
    monitor = model.monitor
    assert monitor is not None
    assert (monitor.window, monitor.reference) == (Duration(amount=7, unit="d"), "train-2024")
    assert monitor.alerts == (
        AlertRule(metric="psi", op=">", value=0.2, severity="high"),
        AlertRule(metric="accuracy", op="<=", value=0.8),
    )
    assert monitor.notify == (Notification(kind="slack", target="#ml"),)


# ---- locations ----------------------------------------------------------------------------

LOCATED = """project shop {
  auth jwt
}
enum Status { a, b }
entity Order {
  total: decimal(10,2) min(0)
  status: Status = a
  allow read: anyone; create: staff
  action cancel: post by staff
}
"""


def _position(source: str, needle: str, start: int = 0) -> tuple[int, int]:
    """1-based line and column of the first ``needle`` in ``source`` from index ``start``."""
    before = source[: source.index(needle, start)]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


@pytest.mark.parametrize(
    ("pick", "needle", "end"),
    [
        (lambda s: s.project, "project shop", "}"),
        (lambda s: s.enums[0], "enum Status", "}"),
        (lambda s: s.enums[0].values[1], "b }", "b"),
        (lambda s: s.entities[1], "entity Order", None),
        (lambda s: s.entities[1].fields[0], "total:", "min(0)"),
        (lambda s: s.entities[1].fields[1].default, "a\n", "a"),
        (lambda s: s.entities[1].access[1], "create: staff", "staff"),
        (lambda s: s.entities[1].actions[0], "action cancel", "by staff"),
    ],
    ids=["project", "enum", "enum-value", "entity", "field", "default", "rule", "action"],
)
def test_node_locations(pick: Any, needle: str, end: str | None) -> None:
    """``loc`` starts at the node's first character and ends after its last (``end``)."""
    node = pick(parse(LOCATED, "loc.nest"))
    line, column = _position(LOCATED, needle)
    assert node.loc is not None
    assert (node.loc.file, node.loc.line, node.loc.column) == ("loc.nest", line, column)
    if end is not None:
        end_line, end_column = _position(LOCATED, end, LOCATED.index(needle))
        assert (node.loc.end_line, node.loc.end_column) == (end_line, end_column + len(end))


def test_locations_do_not_take_part_in_equality() -> None:
    one = parse(LOCATED)
    two = parse("\n\n" + LOCATED.replace("  ", "    "))
    assert one == two
    assert one.entities[1].loc != two.entities[1].loc
    assert isinstance(one.entities[1].loc, Loc)


def test_field_access_without_roles_is_none() -> None:
    entity = entity_of("  a: int\n  b: int readable(admin)")
    assert entity.fields[0].access is None
    assert entity.fields[1].access == FieldAccess(read=("admin",))
