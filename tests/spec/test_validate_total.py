"""The semantic validator is total: any spec yields diagnostics, never an exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infranest.spec.builtins import finalize
from infranest.spec.diagnostics import Diagnostic
from infranest.spec.model import (
    AccessRule,
    Action,
    AlertRule,
    Auth,
    Default,
    Duration,
    Entity,
    EnumDef,
    EnumValue,
    FieldAccess,
    FieldDef,
    Flow,
    Index,
    Integration,
    Load,
    Loc,
    MLModel,
    ModelField,
    MonitorPolicy,
    Notification,
    Pagination,
    Project,
    RateLimit,
    Spec,
    Tenancy,
)
from infranest.spec.validate import validate

NAMES = st.sampled_from(
    ["Order", "User", "Tag", "order", "x", "class", "id", "", "a b", "Nope", "status", "pk"]
)
SMALL = st.one_of(st.none(), st.integers(-5, 300), st.sampled_from([2**70, -(2**70)]))
NUMBER = st.one_of(
    st.none(),
    st.integers(-(2**66), 2**66),
    st.floats(allow_nan=False, allow_infinity=False),
)
TYPES = st.sampled_from(
    ["string", "text", "int", "bigint", "decimal", "float", "bool", "date", "datetime", "time",
     "uuid", "email", "url", "json", "file", "enum", "relation"]
)  # fmt: skip
DEFAULTS = st.one_of(
    st.none(),
    st.builds(
        Default,
        kind=st.sampled_from(["string", "number", "bool", "enum", "now", "today", "uuid", "null"]),
        value=st.one_of(
            st.none(),
            st.booleans(),
            st.integers(),
            st.floats(allow_nan=False, allow_infinity=False),
            st.text(max_size=8),
        ),
    ),
)
PATTERNS = st.one_of(st.none(), st.sampled_from(["(", "[a-z]+", "a{99999999999}", "\\"]))
LOCS = st.one_of(st.none(), st.builds(Loc, line=st.integers(1, 50), column=st.integers(1, 9)))

FIELDS = st.builds(
    FieldDef,
    name=NAMES,
    type=TYPES,
    length=SMALL,
    precision=SMALL,
    scale=SMALL,
    enum=st.one_of(st.none(), NAMES, st.just("Status")),
    target=st.one_of(st.none(), NAMES),
    cardinality=st.one_of(
        st.none(), st.sampled_from(["many_to_one", "one_to_one", "one_to_many", "many_to_many"])
    ),
    via=st.one_of(st.none(), NAMES),
    on_delete=st.one_of(
        st.none(), st.sampled_from(["cascade", "restrict", "set_null", "set_default"])
    ),
    optional=st.booleans(),
    unique=st.booleans(),
    index=st.booleans(),
    default=DEFAULTS,
    min=NUMBER,
    max=NUMBER,
    min_length=SMALL,
    max_length=SMALL,
    pattern=PATTERNS,
    readonly=st.booleans(),
    writeonly=st.booleans(),
    owner=st.booleans(),
    tenant=st.booleans(),
    access=st.one_of(st.none(), st.builds(FieldAccess, read=st.tuples(NAMES))),
    loc=LOCS,
)
RULES = st.builds(
    AccessRule,
    operations=st.lists(NAMES, max_size=2).map(tuple),
    principals=st.lists(st.sampled_from(["owner", "tenant", "anyone", "admn", "admin"]),
                        max_size=2).map(tuple),
)  # fmt: skip
LIMITS = st.builds(
    RateLimit,
    count=st.integers(1, 9),
    period=st.just("minute"),
    scope=st.sampled_from(["user", "ip", "tenant", "global"]),
    operations=st.lists(NAMES, max_size=2).map(tuple),
)
ENTITIES = st.builds(
    Entity,
    name=NAMES,
    builtin=st.booleans(),
    fields=st.lists(FIELDS, max_size=5).map(tuple),
    search=st.lists(NAMES, max_size=2).map(tuple),
    filter=st.lists(NAMES, max_size=2).map(tuple),
    sort=st.lists(NAMES, max_size=2).map(tuple),
    indexes=st.lists(st.builds(Index, fields=st.lists(NAMES, max_size=3).map(tuple)),
                     max_size=2).map(tuple),
    timestamps=st.booleans(),
    soft_delete=st.booleans(),
    optimistic_lock=st.booleans(),
    access=st.lists(RULES, max_size=2).map(tuple),
    actions=st.lists(st.builds(Action, name=NAMES, allow=st.tuples(NAMES),
                               limit=st.one_of(st.none(), LIMITS)), max_size=2).map(tuple),
    limits=st.lists(LIMITS, max_size=2).map(tuple),
    pagination=st.one_of(st.none(), st.builds(Pagination, size=st.integers(1, 300),
                                              max_size=st.integers(1, 300))),
    retention=st.one_of(st.none(), st.builds(Duration, amount=st.integers(0, 9),
                                             unit=st.just("d"))),
    loc=LOCS,
)  # fmt: skip
MODEL_FIELDS = st.builds(ModelField, name=NAMES, type=st.one_of(TYPES, NAMES))
SPECS = st.builds(
    Spec,
    project=st.builds(
        Project,
        name=NAMES,
        auth=st.builds(
            Auth,
            methods=st.lists(st.sampled_from(["none", "jwt", "session", "oauth2", "apikey"]),
                             max_size=3).map(tuple),
            providers=st.lists(st.sampled_from(["google", "gogle", ""]), max_size=2).map(tuple),
        ),
        roles=st.lists(NAMES, max_size=3).map(tuple),
        database=st.sampled_from(["postgresql", "mysql", "sqlite"]),
        tenancy=st.one_of(st.none(), st.builds(Tenancy, entity=NAMES,
                                               mode=st.sampled_from(["row", "schema"]))),
        load=st.one_of(st.none(), st.builds(Load, rps=st.floats(0, 10), peak_rps=st.floats(0, 10))),
        cors=st.lists(st.sampled_from(["*", "https://a.example", "nope", "http://["]),
                      max_size=2).map(tuple),
    ),
    enums=st.lists(st.builds(EnumDef, name=st.one_of(NAMES, st.just("Status")),
                             values=st.lists(st.builds(EnumValue, name=NAMES),
                                             max_size=3).map(tuple)),
                   max_size=2).map(tuple),
    entities=st.lists(ENTITIES, max_size=4).map(tuple),
    flows=st.lists(st.builds(Flow, name=NAMES, steps=st.lists(
        st.sampled_from(["Order.create", "Order", "Nope.read", "Tag.x", ".", "a.b.c"]),
        max_size=3).map(tuple), limits=st.lists(LIMITS, max_size=1).map(tuple)),
        max_size=2).map(tuple),
    integrations=st.lists(st.builds(
        Integration, name=NAMES, url=st.one_of(st.none(), st.sampled_from(
            ["https://x.example", "ftp://x", "http://[", ""])),
        timeout=st.one_of(st.none(), st.builds(Duration, amount=st.integers(0, 3),
                                               unit=st.just("s"))),
        retries=st.one_of(st.none(), st.integers(0, 3)),
        backoff=st.one_of(st.none(), st.sampled_from(["none", "fixed", "exponential"])),
        secret=st.one_of(st.none(), NAMES), used_by=st.lists(NAMES, max_size=2).map(tuple)),
        max_size=2).map(tuple),
    models=st.lists(st.builds(
        MLModel, name=NAMES, task=st.sampled_from(["classification", "regression", "ranking"]),
        entity=st.one_of(st.none(), NAMES), features=st.lists(MODEL_FIELDS, max_size=3).map(tuple),
        prediction=st.one_of(st.none(), MODEL_FIELDS), score=st.one_of(st.none(), MODEL_FIELDS),
        segments=st.lists(NAMES, max_size=2).map(tuple),
        monitor=st.one_of(st.none(), st.builds(
            MonitorPolicy,
            window=st.one_of(st.none(), st.builds(Duration, amount=st.integers(0, 2),
                                                  unit=st.just("d"))),
            alerts=st.lists(st.builds(AlertRule, metric=st.sampled_from(
                ["psi", "acuracy", "accuracy", "mae", ""]), op=st.just(">"),
                value=st.floats(allow_nan=False, allow_infinity=False)), max_size=2).map(tuple),
            notify=st.lists(st.builds(Notification, kind=st.sampled_from(
                ["webhook", "slack", "pagerduty", "email"]), target=NAMES), max_size=2).map(tuple),
        ))), max_size=2).map(tuple),
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SPECS)
def test_validate_never_raises(spec: Spec) -> None:
    for candidate in (spec, finalize(spec)):
        found = validate(candidate)
        assert all(isinstance(d, Diagnostic) and d.path for d in found)
