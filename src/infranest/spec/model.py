"""The spec model: frozen, typed nodes that every InfraNest stage reads or writes.

Every node keeps its source location in ``loc`` (``None`` when the node was not read from
text). Locations never take part in equality or in the JSON form, so a spec read from
text, from JSON or built in code compares equal when it says the same thing.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

ScalarType = Literal[
    "string",
    "text",
    "int",
    "bigint",
    "decimal",
    "float",
    "bool",
    "date",
    "datetime",
    "time",
    "uuid",
    "email",
    "url",
    "json",
    "file",
]
FieldType = Literal[ScalarType, "enum", "relation"]
SCALAR_TYPES: tuple[str, ...] = get_args(ScalarType)
NUMERIC_TYPES: frozenset[str] = frozenset({"int", "bigint", "decimal", "float"})
TEXT_TYPES: frozenset[str] = frozenset({"string", "text", "email", "url"})

Cardinality = Literal["many_to_one", "one_to_one", "one_to_many", "many_to_many"]
OnDelete = Literal["cascade", "restrict", "set_null", "set_default", "no_action"]
PiiCategory = Literal[
    "personal", "contact", "identity", "financial", "health", "location", "credential", "biometric"
]
DurationUnit = Literal["ms", "s", "m", "h", "d", "w", "y"]
Period = Literal["second", "minute", "hour", "day"]
LimitScope = Literal["user", "ip", "tenant", "global"]
AuthMethod = Literal["none", "jwt", "session", "oauth2", "apikey"]
Database = Literal["postgresql", "mysql", "sqlite"]
Target = Literal["django", "fastapi", "rails", "fiber", "express"]
PaginationStyle = Literal["offset", "cursor", "none"]
HttpMethod = Literal["get", "post", "put", "patch", "delete"]
ActionScope = Literal["item", "collection"]
Backoff = Literal["none", "fixed", "exponential"]
MLTask = Literal["classification", "regression", "ranking"]
Comparator = Literal["<", "<=", ">", ">=", "==", "!="]
Severity = Literal["low", "medium", "high", "critical"]
Notifier = Literal["webhook", "slack", "pagerduty", "email"]
DefaultKind = Literal["string", "number", "bool", "enum", "now", "today", "uuid", "null"]
GrowthPeriod = Literal["day", "week", "month", "year"]

# Names with a meaning in access rules besides the project's roles.
PRINCIPALS: tuple[str, ...] = ("anyone", "authenticated", "owner", "tenant")
# Operations an access rule or a rate limit can name besides the entity's actions.
OPERATIONS: tuple[str, ...] = ("read", "list", "create", "update", "delete", "write", "all")
DURATION_SECONDS: dict[str, float] = {
    "ms": 0.001,
    "s": 1,
    "m": 60,
    "h": 3600,
    "d": 86400,
    "w": 604800,
    "y": 31536000,
}

_CONFIG = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, allow_inf_nan=False)


class Loc(BaseModel):
    """Where a node stands in its source: 1-based line and column, end exclusive."""

    model_config = _CONFIG

    file: str = "<string>"
    line: int
    column: int
    end_line: int | None = None
    end_column: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class Node(BaseModel):
    """Base of every spec node: frozen, strict about unknown keys, located."""

    model_config = _CONFIG

    loc: Loc | None = Field(default=None, exclude=True, repr=False)

    def __eq__(self, other: object) -> bool:
        if type(self) is not type(other):
            return NotImplemented
        assert isinstance(other, Node)
        return all(
            getattr(self, name) == getattr(other, name)
            for name in type(self).model_fields
            if name != "loc"
        )

    def __hash__(self) -> int:
        fields = type(self).model_fields
        return hash(
            (type(self).__name__, *(_hashable(getattr(self, n)) for n in fields if n != "loc"))
        )


def _hashable(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value


class Comment(Node):
    """A source comment kept with the block it stands in.

    ``anchor`` names the statement it belongs to (``field:price``, ``search``,
    ``allow:0``, ``end`` for the block's close, ``header`` for the opening line);
    ``trailing`` is true when it stood at the end of that statement's line.
    """

    anchor: str
    text: str
    trailing: bool = False


class Duration(Node):
    amount: int = Field(ge=0)
    unit: DurationUnit

    @property
    def seconds(self) -> float:
        return self.amount * DURATION_SECONDS[self.unit]

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


class RateLimit(Node):
    """``count`` requests per ``period`` for each ``scope``; ``operations`` empty means all."""

    count: int = Field(gt=0)
    period: Period
    scope: LimitScope = "user"
    operations: tuple[str, ...] = ()


class Default(Node):
    """A field default: a literal, an enum member, or a server-side function."""

    kind: DefaultKind
    value: str | int | float | bool | None = None


class FieldAccess(Node):
    """Per-field permissions: who may see and who may set the field (empty: no extra rule)."""

    read: tuple[str, ...] = ()
    write: tuple[str, ...] = ()


class FieldDef(Node):
    name: str
    type: FieldType
    length: int | None = None
    precision: int | None = None
    scale: int | None = None
    enum: str | None = None
    target: str | None = None
    cardinality: Cardinality | None = None
    via: str | None = None
    on_delete: OnDelete | None = None
    optional: bool = False
    unique: bool = False
    index: bool = False
    default: Default | None = None
    min: int | float | None = None
    max: int | float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    readonly: bool = False
    writeonly: bool = False
    owner: bool = False
    tenant: bool = False
    pii: PiiCategory | None = None
    retention: Duration | None = None
    access: FieldAccess | None = None

    @property
    def is_relation(self) -> bool:
        return self.type == "relation"

    @property
    def has_column(self) -> bool:
        """Whether the field is stored as a column of its own entity's table."""
        return self.type != "relation" or (
            self.cardinality in ("many_to_one", "one_to_one") and (self.via is None)
        )


class Index(Node):
    fields: tuple[str, ...]
    unique: bool = False


class Pagination(Node):
    style: PaginationStyle = "offset"
    size: int = Field(default=20, gt=0)
    max_size: int = Field(default=100, gt=0)


class Action(Node):
    """A custom endpoint: ``publish`` on Post is ``POST /posts/{id}/publish``."""

    name: str
    method: HttpMethod = "post"
    scope: ActionScope = "item"
    allow: tuple[str, ...] = ()
    limit: RateLimit | None = None
    idempotent: bool = False


class AccessRule(Node):
    """``operations`` (read, create, update, delete, write, all, or action names) are granted
    to ``principals`` (anyone, authenticated, owner, tenant, or role names)."""

    operations: tuple[str, ...]
    principals: tuple[str, ...]


class Entity(Node):
    name: str
    description: str | None = None
    builtin: bool = False
    fields: tuple[FieldDef, ...] = ()
    search: tuple[str, ...] = ()
    filter: tuple[str, ...] = ()
    sort: tuple[str, ...] = ()
    pagination: Pagination | None = None
    indexes: tuple[Index, ...] = ()
    timestamps: bool = False
    soft_delete: bool = False
    optimistic_lock: bool = False
    access: tuple[AccessRule, ...] = ()
    actions: tuple[Action, ...] = ()
    limits: tuple[RateLimit, ...] = ()
    retention: Duration | None = None
    cache: Duration | None = None
    rows: int | None = Field(default=None, ge=0)
    comments: tuple[Comment, ...] = ()

    def field(self, name: str) -> FieldDef | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def owner_field(self) -> FieldDef | None:
        return next((f for f in self.fields if f.owner), None)

    @property
    def tenant_field(self) -> FieldDef | None:
        return next((f for f in self.fields if f.tenant), None)


class EnumValue(Node):
    name: str
    label: str | None = None


class EnumDef(Node):
    name: str
    description: str | None = None
    values: tuple[EnumValue, ...]
    comments: tuple[Comment, ...] = ()


class Auth(Node):
    """Authentication methods; ``providers`` are the OAuth2 identity providers."""

    methods: tuple[AuthMethod, ...] = ("jwt",)
    providers: tuple[str, ...] = ()

    @property
    def enabled(self) -> bool:
        return any(m != "none" for m in self.methods)


class Load(Node):
    """Expected traffic: average and peak requests per second, users, share of reads."""

    rps: float | None = Field(default=None, ge=0)
    peak_rps: float | None = Field(default=None, ge=0)
    users: int | None = Field(default=None, ge=0)
    read_ratio: float | None = Field(default=None, ge=0, le=1)


class Growth(Node):
    """Expected growth: ``rate`` percent each ``period``."""

    rate: float
    period: GrowthPeriod = "month"


class Tenancy(Node):
    """Multi-tenancy: rows are scoped to an instance of ``entity`` (``mode`` row)."""

    entity: str
    mode: Literal["row", "schema"] = "row"


class Project(Node):
    name: str
    description: str | None = None
    version: str | None = None
    auth: Auth = Auth()
    roles: tuple[str, ...] = ()
    database: Database = "postgresql"
    target: Target | None = None
    tenancy: Tenancy | None = None
    load: Load | None = None
    growth: Growth | None = None
    cors: tuple[str, ...] = ()
    comments: tuple[Comment, ...] = ()


class Flow(Node):
    """A sensitive business flow: the operations it spans and how it is protected."""

    name: str
    description: str | None = None
    steps: tuple[str, ...] = ()
    limits: tuple[RateLimit, ...] = ()
    idempotent: bool = False
    comments: tuple[Comment, ...] = ()


class Integration(Node):
    """An outbound API the service calls, and how the calls are made safe."""

    name: str
    description: str | None = None
    url: str | None = None
    timeout: Duration | None = None
    retries: int | None = Field(default=None, ge=0)
    backoff: Backoff | None = None
    circuit_breaker: bool = False
    validate_response: bool = False
    secret: str | None = None
    used_by: tuple[str, ...] = ()
    comments: tuple[Comment, ...] = ()


class ModelField(Node):
    """A feature or output of an ML model: a name and a scalar type or enum name."""

    name: str
    type: str


class AlertRule(Node):
    metric: str
    op: Comparator
    value: float
    severity: Severity = "medium"


class Notification(Node):
    kind: Notifier
    target: str


class MonitorPolicy(Node):
    window: Duration | None = None
    reference: str | None = None
    alerts: tuple[AlertRule, ...] = ()
    notify: tuple[Notification, ...] = ()
    comments: tuple[Comment, ...] = ()


class MLModel(Node):
    """An ML model served by the backend, and how it is to be monitored."""

    name: str
    description: str | None = None
    task: MLTask = "classification"
    version: str | None = None
    entity: str | None = None
    features: tuple[ModelField, ...] = ()
    prediction: ModelField | None = None
    score: ModelField | None = None
    labels: bool = False
    segments: tuple[str, ...] = ()
    monitor: MonitorPolicy | None = None
    comments: tuple[Comment, ...] = ()


class Spec(Node):
    """A whole backend: project settings and every definition, in source order per kind."""

    project: Project
    enums: tuple[EnumDef, ...] = ()
    entities: tuple[Entity, ...] = ()
    flows: tuple[Flow, ...] = ()
    integrations: tuple[Integration, ...] = ()
    models: tuple[MLModel, ...] = ()
    comments: tuple[Comment, ...] = ()

    def entity(self, name: str) -> Entity | None:
        return next((e for e in self.entities if e.name == name), None)

    def enum_def(self, name: str) -> EnumDef | None:
        return next((e for e in self.enums if e.name == name), None)
