"""Hypothesis strategies that build valid specs by construction.

Names come from small vocabularies (filtered through the reserved-word lists, so no
generated name is an error in some target), relations point at entities that exist and
their ``via`` pairs agree, constraints fit their field's type, defaults fit their field,
and access principals come from the declared roles. ``specs()`` returns a finalized Spec,
as the parser would.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from hypothesis import strategies as st
from strategy_parts import (
    COIN,
    DURATIONS,
    SAFE_TEXTS,
    TEXTS,
    Draw,
    maybe,
    relation,
    scalar_fields,
    subset,
    to_one_extras,
)

from infranest.spec.builtins import USER, finalize
from infranest.spec.model import (
    OPERATIONS,
    AccessRule,
    Action,
    AlertRule,
    Auth,
    Entity,
    EnumDef,
    EnumValue,
    FieldAccess,
    FieldDef,
    Flow,
    Growth,
    Index,
    Integration,
    Load,
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


def _safe(words: str, kind: str) -> tuple[str, ...]:
    """The space-separated ``words`` that no target reserves as ``kind`` names (all of them
    if the reserved-word module is not there)."""
    listed = words.split()
    try:
        from infranest.spec.reserved import clash
    except ImportError:
        return tuple(listed)
    return tuple(w for w in listed if (c := clash(w, kind)) is None or c.severity != "error")


ENTITY_WORDS = _safe(
    "Order Product Invoice Shipment Customer Ticket Comment Post Tag Category Author Review "
    "Coupon Warehouse Supplier Payment Refund Team Board Card Lane Sprint Attachment Article "
    "Store Account Address Course Lesson Member Note Page Task Event Venue Booking Room "
    "Playlist Track Album Artist",
    "entity",
)
ENUM_WORDS = _safe(
    "Status Priority Colour Tier Stage Kind Level Mood Size Currency Region Channel Plan "
    "Phase Grade Flavor",
    "enum",
)
FIELD_WORDS = _safe(
    "title amount price note label score rank colour weight height city street phone slug "
    "body summary quantity balance rating budget region nickname motto bio headline caption "
    "tagline sku currency flavor mood size code stage tier position due website homepage "
    "avatar payload settings parent author customer team members items lines product "
    "category board card owner_ref buyer seller reviewer assignee mentor partner friends "
    "followers following children siblings",
    "field",
)
VALUE_WORDS = _safe(
    "pending active done archived draft low medium high red green blue small large open "
    "closed now today true uuid",
    "enum_value",
)
ROLE_WORDS = ("admin", "staff", "editor", "viewer", "manager", "support", "auditor", "guest")
ACTION_WORDS = _safe(
    "publish archive approve reject close reopen ship cancel refund assign escalate pin "
    "lock unlock",
    "action",
)
SERVICE_WORDS = ("checkout", "signup", "payments", "mailer", "geocoder", "search_api", "sms")
FEATURE_WORDS = ("age", "tenure", "spend", "visits", "country", "device", "channel", "basket")
DRIFT_METRICS = ("drift_share", "psi", "ks", "missing_share", "error_rate", "latency_p99")
STEP_OPERATIONS = ("create", "read", "list", "update", "delete")


@functools.cache
def _pool(words: tuple[str, ...]) -> tuple[str, ...]:
    return words + tuple(f"{w}{n}" for w in words for n in (2, 3))


def names(draw: Draw, words: Sequence[str], count: int) -> list[str]:
    """``count`` distinct names from ``words``, some with a digit suffix."""
    remaining = list(_pool(tuple(words)))
    return [remaining.pop(draw(st.integers(0, len(remaining) - 1))) for _ in range(count)]


# ---- project ----------------------------------------------------------------------------


def auths(draw: Draw) -> Auth:
    if draw(st.integers(0, 5)) == 0:
        return Auth(methods=("none",))
    methods = draw(
        st.lists(st.sampled_from(("jwt", "session", "oauth2", "apikey")), min_size=1, unique=True)
    )
    providers: tuple[str, ...] = ()
    if "oauth2" in methods:
        providers = tuple(
            draw(st.lists(st.sampled_from(("google", "github", "gitlab")), min_size=1, unique=True))
        )
    return Auth(methods=tuple(methods), providers=providers)


def loads(draw: Draw) -> Load:
    halves = st.integers(0, 20_000).map(lambda n: n / 2)
    figures = {
        "rps": maybe(draw, halves),
        "peak_rps": maybe(draw, halves),
        "users": maybe(draw, st.integers(0, 10**7)),
        "read_ratio": maybe(draw, st.integers(0, 100).map(lambda p: p / 100)),
    }
    if all(v is None for v in figures.values()):  # the DSL has no empty load statement
        figures["rps"] = draw(halves)
    return Load(**figures)


def projects(draw: Draw, auth: Auth, roles: tuple[str, ...], tenancy: str | None) -> Project:
    growth = Growth(
        rate=draw(st.integers(-50, 500).map(lambda n: n / 2)),
        period=draw(st.sampled_from(("day", "week", "month", "year"))),
    )
    return Project(
        name=draw(st.sampled_from(("shop", "tasks", "blog", "crm", "ledger"))),
        description=maybe(draw, TEXTS),
        version=maybe(draw, SAFE_TEXTS),
        auth=auth,
        roles=roles,
        database=draw(st.sampled_from(("postgresql", "mysql", "sqlite"))),
        target=maybe(draw, st.sampled_from(("django", "fastapi", "rails", "fiber", "express"))),
        tenancy=Tenancy(entity=tenancy, mode=draw(st.sampled_from(("row", "schema"))))
        if tenancy
        else None,
        load=loads(draw) if draw(COIN) else None,
        growth=growth if draw(st.booleans()) else None,
        cors=tuple(
            draw(st.lists(st.sampled_from(("https://a.example", "http://b.test")), unique=True))
        ),
    )


# ---- enums ------------------------------------------------------------------------------


def enum_defs(draw: Draw, name: str) -> EnumDef:
    members = draw(st.lists(st.sampled_from(VALUE_WORDS), min_size=1, max_size=6, unique=True))
    labels = st.none() | TEXTS
    return EnumDef(
        name=name,
        description=maybe(draw, TEXTS),
        values=tuple(EnumValue(name=m, label=draw(labels)) for m in members),
    )


# ---- entities ---------------------------------------------------------------------------


class Plan:
    """The fields of every entity while relations between them are being decided."""

    def __init__(self, entity_names: Sequence[str], pools: dict[str, list[str]]) -> None:
        self.names = list(entity_names)
        self.fields: dict[str, list[FieldDef]] = {n: [] for n in entity_names}
        self.pools = pools

    def take(self, entity: str) -> str | None:
        """An unused field name of ``entity`` (None once they run out)."""
        pool = self.pools[entity]
        return pool.pop() if pool else None

    def add(self, entity: str, field: FieldDef) -> None:
        self.fields[entity].append(field)


def add_relations(draw: Draw, plan: Plan, auth: bool, declared_user: bool) -> None:
    """Relations between the planned entities: every kind, with and without inverses."""
    targets = plan.names + ([USER] if auth and not declared_user else [])
    for source in plan.names:
        for _ in range(draw(st.integers(0, 2))):
            kind = draw(st.sampled_from(("m2o", "o2m", "o2o", "o2o_pair", "m2m", "m2m_pair")))
            target = draw(st.sampled_from(targets if kind == "m2o" else plan.names))
            needs_back = kind in ("o2m", "o2o_pair", "m2m_pair")
            name, back = plan.take(source), plan.take(target) if needs_back else ""
            if name is None or back is None:
                continue
            if kind == "m2o":
                plan.add(source, relation(name, target, "many_to_one", **to_one_extras(draw)))
            elif kind == "o2m":
                plan.add(target, relation(back, source, "many_to_one", **to_one_extras(draw)))
                plan.add(source, relation(name, target, "one_to_many", via=back))
            elif kind == "o2o":
                plan.add(source, relation(name, target, "one_to_one", **to_one_extras(draw)))
            elif kind == "o2o_pair":
                plan.add(source, relation(name, target, "one_to_one", **to_one_extras(draw)))
                plan.add(target, relation(back, source, "one_to_one", via=name))
            elif kind == "m2m":
                plan.add(source, relation(name, target, "many_to_many"))
            else:
                plan.add(source, relation(name, target, "many_to_many", via=back))
                inverse_via = draw(st.sampled_from((name, None)))
                plan.add(target, relation(back, source, "many_to_many", via=inverse_via))


def entity_options(
    draw: Draw,
    name: str,
    fields: list[FieldDef],
    roles: tuple[str, ...],
    auth: bool,
    tenancy: str | None,
) -> Entity:
    """The entity with its lists, indexes, flags, actions, access rules and limits."""
    visible = [f for f in fields if not f.writeonly]
    searchable = [f.name for f in visible if f.type in ("string", "text", "email", "url")]
    columns = [f.name for f in visible if f.has_column and f.type not in ("json", "file")]
    indexable = [f.name for f in fields if f.has_column and f.type not in ("json", "file", "text")]
    indexes: list[Index] = []
    for _ in range(draw(st.integers(0, 2))):
        chosen = subset(draw, indexable, 3)
        if chosen and all(i.fields != chosen for i in indexes) and len(chosen) > 1:
            indexes.append(Index(fields=chosen, unique=draw(st.booleans())))
    actions = tuple(
        Action(
            name=a,
            method=draw(st.sampled_from(("get", "post", "put", "patch", "delete"))),
            scope=draw(st.sampled_from(("item", "collection"))),
            allow=_principals(draw, roles, auth, fields, tenancy, name, owner_ok=False),
            limit=rates(draw, tenancy is not None) if draw(st.booleans()) else None,
            idempotent=draw(st.booleans()),
        )
        for a in draw(st.lists(st.sampled_from(ACTION_WORDS), max_size=2, unique=True))
    )
    operations = list(OPERATIONS) + [a.name for a in actions]
    rules = tuple(
        AccessRule(
            operations=subset(draw, operations, 3) or ("read",),
            principals=_principals(draw, roles, auth, fields, tenancy, name) or ("anyone",),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    limits = tuple(
        rates(draw, tenancy is not None, subset(draw, operations, 2))
        for _ in range(draw(st.integers(0, 2)))
    )
    timestamps = draw(st.booleans())
    size = draw(st.integers(1, 100))
    return Entity(
        name=name,
        description=maybe(draw, TEXTS),
        fields=tuple(fields),
        search=subset(draw, searchable),
        filter=subset(draw, columns),
        sort=subset(draw, columns),
        pagination=maybe(
            draw,
            st.builds(
                Pagination,
                style=st.sampled_from(("offset", "cursor", "none")),
                size=st.just(size),
                max_size=st.integers(size, 1000),
            ),
        ),
        indexes=tuple(indexes),
        timestamps=timestamps,
        soft_delete=draw(st.booleans()),
        optimistic_lock=draw(st.booleans()),
        access=rules,
        actions=actions,
        limits=limits,
        retention=draw(DURATIONS) if timestamps and draw(st.booleans()) else None,
        cache=maybe(draw, DURATIONS),
        rows=maybe(draw, st.integers(0, 10**9)),
    )


def _principals(
    draw: Draw,
    roles: tuple[str, ...],
    auth: bool,
    fields: list[FieldDef],
    tenancy: str | None,
    entity: str,
    owner_ok: bool = True,
) -> tuple[str, ...]:
    if not auth:
        return draw(st.sampled_from(((), ("anyone",))))
    choices = ["anyone", "authenticated", *roles]
    if owner_ok and any(f.owner for f in fields):
        choices.append("owner")
    if any(f.tenant for f in fields) or entity == tenancy:
        choices.append("tenant")
    return subset(draw, choices, 3)


def rates(draw: Draw, tenancy: bool, operations: tuple[str, ...] = ()) -> RateLimit:
    scopes = ("user", "ip", "global") + (("tenant",) if tenancy else ())
    return RateLimit(
        count=draw(st.integers(1, 10_000)),
        period=draw(st.sampled_from(("second", "minute", "hour", "day"))),
        scope=draw(st.sampled_from(scopes)),
        operations=operations,
    )


# ---- flows, integrations, models --------------------------------------------------------


def _refs(draw: Draw, entities: Sequence[Entity]) -> tuple[str, ...]:
    refs = [f"{e.name}.{op}" for e in entities for op in STEP_OPERATIONS]
    refs += [f"{e.name}.{a.name}" for e in entities for a in e.actions]
    return subset(draw, refs, 4)


def flows(draw: Draw, name: str, entities: Sequence[Entity], tenancy: bool) -> Flow:
    return Flow(
        name=name,
        description=maybe(draw, TEXTS),
        steps=_refs(draw, entities),
        limits=tuple(rates(draw, tenancy) for _ in range(draw(st.integers(0, 2)))),
        idempotent=draw(st.booleans()),
    )


def integrations(draw: Draw, name: str, entities: Sequence[Entity]) -> Integration:
    retries = maybe(draw, st.integers(0, 10))
    return Integration(
        name=name,
        description=maybe(draw, TEXTS),
        url=maybe(draw, st.sampled_from(("https://api.example.com/v1", "http://x.test"))),
        timeout=maybe(draw, DURATIONS),
        retries=retries,
        backoff=maybe(draw, st.sampled_from(("none", "fixed", "exponential")))
        if retries is not None
        else None,
        circuit_breaker=draw(st.booleans()),
        validate_response=draw(st.booleans()),
        secret=maybe(draw, st.sampled_from(("API_KEY", "STRIPE_SECRET", "SMS_TOKEN"))),
        used_by=_refs(draw, entities),
    )


def ml_models(
    draw: Draw, name: str, entities: Sequence[Entity], enums: Sequence[EnumDef]
) -> MLModel:
    types = ["int", "float", "string", "bool", "decimal", *(e.name for e in enums)]
    feature_names = draw(st.lists(st.sampled_from(FEATURE_WORDS), max_size=5, unique=True))
    features = tuple(ModelField(name=f, type=draw(st.sampled_from(types))) for f in feature_names)
    task = draw(st.sampled_from(("classification", "regression", "ranking")))
    monitor = MonitorPolicy(
        window=maybe(draw, DURATIONS),
        reference=maybe(draw, SAFE_TEXTS),
        alerts=tuple(
            AlertRule(
                metric=draw(st.sampled_from(DRIFT_METRICS)),
                op=draw(st.sampled_from(("<", "<=", ">", ">=", "==", "!="))),
                value=draw(st.integers(0, 100).map(lambda n: n / 100)),
                severity=draw(st.sampled_from(("low", "medium", "high", "critical"))),
            )
            for _ in range(draw(st.integers(0, 2)))
        ),
        notify=tuple(
            draw(
                st.lists(
                    st.sampled_from(
                        (
                            Notification(kind="webhook", target="https://hooks.example.com/x"),
                            Notification(kind="email", target="ml@example.com"),
                            Notification(kind="slack", target="#ml-alerts"),
                            Notification(kind="pagerduty", target="svc-123"),
                        )
                    ),
                    max_size=2,
                    unique=True,
                )
            )
        ),
    )
    return MLModel(
        name=name,
        description=maybe(draw, TEXTS),
        task=task,
        version=maybe(draw, SAFE_TEXTS),
        entity=maybe(draw, st.sampled_from([e.name for e in entities])) if entities else None,
        features=features,
        prediction=ModelField(name="label", type="string" if task == "classification" else "float")
        if draw(st.booleans())
        else None,
        score=ModelField(name="confidence", type="float") if draw(st.booleans()) else None,
        labels=draw(st.booleans()),
        segments=subset(draw, feature_names, 2),
        monitor=monitor if draw(st.booleans()) else None,
    )


def _with_access(draw: Draw, field: FieldDef, roles: tuple[str, ...]) -> FieldDef:
    """The field, sometimes with per-field read and write roles."""
    if draw(st.integers(0, 4)):
        return field
    who = ["authenticated", *roles]
    access = FieldAccess(read=subset(draw, who, 2), write=subset(draw, who, 2))
    return field.model_copy(update={"access": access}) if access.read or access.write else field


# ---- the whole spec ---------------------------------------------------------------------


@st.composite
def specs(draw: Draw, max_entities: int = 5, max_fields: int = 6) -> Spec:
    """A valid, finalized spec with up to ``max_entities`` entities."""
    auth = auths(draw)
    roles = (
        tuple(draw(st.lists(st.sampled_from(ROLE_WORDS), max_size=4, unique=True)))
        if auth.enabled
        else ()
    )
    declared_user = auth.enabled and draw(st.integers(0, 4)) == 0
    count = draw(st.integers(1, max_entities))
    entity_names: list[str] = names(draw, ENTITY_WORDS, count)
    if declared_user:
        entity_names[draw(st.integers(0, count - 1))] = USER
    enum_names = [
        n for n in names(draw, ENUM_WORDS, draw(st.integers(0, 3))) if n not in entity_names
    ]
    enums = [enum_defs(draw, n) for n in enum_names]
    tenancy = draw(st.sampled_from([None, *entity_names])) if auth.enabled else None
    pools = {n: names(draw, FIELD_WORDS, 12) for n in entity_names}
    plan = Plan(entity_names, pools)
    add_relations(draw, plan, auth.enabled, declared_user)
    for n in entity_names:
        if auth.enabled and n != USER and draw(st.booleans()) and (owner := plan.take(n)):
            plan.add(n, relation(owner, USER, "many_to_one", owner=True, on_delete="cascade"))
        if tenancy and n != tenancy and draw(st.booleans()) and (tenant := plan.take(n)):
            plan.add(n, relation(tenant, tenancy, "many_to_one", tenant=True, readonly=True))
        for _ in range(draw(st.integers(0, max_fields))):
            field_name = plan.take(n)
            if field_name is not None:
                plan.add(n, scalar_fields(draw, field_name, enums))
    if auth.enabled:
        for n in entity_names:
            plan.fields[n] = [_with_access(draw, f, roles) for f in plan.fields[n]]
    order = {n: draw(st.permutations(plan.fields[n])) for n in entity_names}
    entities = [
        entity_options(draw, n, list(order[n]), roles, auth.enabled, tenancy) for n in entity_names
    ]
    services = names(draw, SERVICE_WORDS, draw(st.integers(0, 3)))
    flow_count = draw(st.integers(0, len(services)))
    model_names = names(draw, ("churn", "fraud", "ranker", "forecast"), draw(st.integers(0, 2)))
    spec = Spec(
        project=projects(draw, auth, roles, tenancy),
        enums=tuple(enums),
        entities=tuple(entities),
        flows=tuple(flows(draw, s, entities, tenancy is not None) for s in services[:flow_count]),
        integrations=tuple(integrations(draw, s, entities) for s in services[flow_count:]),
        models=tuple(ml_models(draw, m, entities, enums) for m in model_names),
    )
    return finalize(spec)
