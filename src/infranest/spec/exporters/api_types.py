"""The typed values of an API shape (see :mod:`infranest.spec.exporters.api_shape`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from infranest.spec.diagnostics import Diagnostic
from infranest.spec.model import Default, HttpMethod, Pagination, RateLimit, ScalarType

ApiType = Literal[ScalarType, "enum", "id", "ref"]
ParamRole = Literal[
    "id",
    "page",
    "size",
    "cursor",
    "search",
    "sort",
    "filter",
    "provider",
    "redirect_uri",
    "state",
    "idempotency_key",
]
ParamLocation = Literal["query", "path", "header"]
FilterOp = Literal["eq", "gte", "lte"]
OperationKind = Literal[
    "list",
    "create",
    "read",
    "update",
    "delete",
    "action",
    "register",
    "login",
    "refresh",
    "logout",
    "me",
    "oauth_authorize",
    "oauth_token",
    "health",
    "ready",
    "metrics",
    "predict",
]
MediaType = Literal["application/json", "application/x-www-form-urlencoded", "text/plain"]
SchemeKind = Literal["bearer", "cookie", "header", "oauth2"]

# Largest lengths when the spec sets none (generators size columns at least this wide).
DEFAULT_STRING_LENGTH = 255
EMAIL_MAX_LENGTH = 254
URL_MAX_LENGTH = 2048
PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 128
CURSOR_MAX_LENGTH = 512
IDEMPOTENCY_KEY_MAX_LENGTH = 255
SESSION_COOKIE = "session"
API_KEY_HEADER = "X-API-Key"
IDEMPOTENCY_HEADER = "Idempotency-Key"
# Every auth endpoint that checks a credential is limited per client address.
AUTH_LIMIT = RateLimit(count=10, period="minute", scope="ip")
# First path segments the service keeps for itself; no entity collection may take them.
SYSTEM_SEGMENTS: tuple[str, ...] = ("auth", "health", "ready", "metrics", "openapi.json")
OPENAPI_PATH = "/openapi.json"
# Field types whose filters also get ``__gte``/``__lte`` (inclusive) range parameters.
RANGE_TYPES: frozenset[str] = frozenset(
    {"int", "bigint", "decimal", "float", "date", "datetime", "time"}
)
RANGE_SUFFIXES: dict[FilterOp, str] = {"eq": "", "gte": "__gte", "lte": "__lte"}


@dataclass(frozen=True)
class BodyField:
    """One JSON key of a body (or the value of a parameter) with its type and constraints.

    ``type`` is a spec scalar type, ``enum`` (``enum`` names it, ``choices`` lists its
    values; ``choices`` alone is an inline enum), ``id`` (a row id of ``target``) or
    ``ref`` (the body named ``ref``). ``many``: a JSON array of such values. ``required``:
    the key must be present; ``nullable``: it may be null. ``source`` is the spec field
    it comes from (None for ``id``, timestamps, ``version`` and service bodies).
    ``readonly``: set by the server; ``writeonly``: accepted, never returned.
    ``read_roles``/``write_roles``: only these roles may see/set it.
    """

    name: str
    type: ApiType
    required: bool = True
    nullable: bool = False
    many: bool = False
    source: str | None = None
    enum: str | None = None
    choices: tuple[str, ...] = ()
    target: str | None = None
    ref: str | None = None
    max_length: int | None = None
    min_length: int | None = None
    pattern: str | None = None
    minimum: int | float | None = None
    maximum: int | float | None = None
    precision: int | None = None
    scale: int | None = None
    default: Default | None = None
    readonly: bool = False
    writeonly: bool = False
    unique: bool = False
    read_roles: tuple[str, ...] = ()
    write_roles: tuple[str, ...] = ()
    description: str | None = None


@dataclass(frozen=True)
class QueryParam:
    """A request parameter (query, path or header); ``value`` holds its type and default.

    Filters name their ``source`` field and ``op``; ``value.required`` says whether the
    parameter must be given.
    """

    name: str
    role: ParamRole
    value: BodyField
    location: ParamLocation = "query"
    source: str | None = None
    op: FilterOp | None = None
    description: str | None = None


@dataclass(frozen=True)
class Body:
    """A named JSON object: a request or response body (``closed``: unknown keys → 422)."""

    name: str
    fields: tuple[BodyField, ...]
    closed: bool = False
    media: MediaType = "application/json"
    description: str | None = None

    def field(self, name: str) -> BodyField | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)


@dataclass(frozen=True)
class ApiEnum:
    name: str
    values: tuple[str, ...]
    description: str | None = None


@dataclass(frozen=True)
class SecurityScheme:
    """A way to authenticate: bearer JWT, session cookie, API-key header, or OAuth2 login.

    ``parameter`` names the cookie or header; OAuth2 schemes name their ``provider`` and
    use ``/auth/oauth/{provider}/authorize`` and ``/auth/oauth/{provider}/token``.
    """

    name: str
    kind: SchemeKind
    parameter: str | None = None
    provider: str | None = None


@dataclass(frozen=True)
class Operation:
    """One endpoint.

    ``status`` is the success code; ``request``/``response`` name bodies (None: no body,
    except ``text/plain`` responses); ``errors`` are every other code it may answer;
    ``principals`` who may call it (``anyone``: public); ``security`` the alternative
    schemes that authenticate it (empty when public); ``idempotent``: it honours
    ``Idempotency-Key``.
    """

    operation_id: str
    kind: OperationKind
    method: HttpMethod
    path: str
    summary: str
    tag: str
    status: int
    entity: str | None = None
    action: str | None = None
    params: tuple[QueryParam, ...] = ()
    request: str | None = None
    response: str | None = None
    response_media: MediaType = "application/json"
    errors: tuple[int, ...] = ()
    principals: tuple[str, ...] = ("anyone",)
    security: tuple[str, ...] = ()
    limits: tuple[RateLimit, ...] = ()
    idempotent: bool = False
    description: str | None = None

    @property
    def public(self) -> bool:
        return "anyone" in self.principals


@dataclass(frozen=True)
class Resource:
    """An entity served over HTTP: names, paths, bodies, list parameters, operations.

    ``name`` and ``plural`` are snake case (``order_item``, ``order_items``); ``create`` is
    None for a declared ``User`` (accounts are created by ``/auth/register``).
    """

    entity: str
    name: str
    plural: str
    path: str
    item_path: str
    read: Body
    create: Body | None
    update: Body
    page: Body
    list_params: tuple[QueryParam, ...]
    pagination: Pagination
    operations: tuple[Operation, ...]
    timestamps: bool = False
    soft_delete: bool = False
    optimistic_lock: bool = False
    description: str | None = None


@dataclass(frozen=True)
class Prediction:
    """An ML model's inference endpoint, ``POST /models/{model}/predict``.

    ``features`` is the closed request body (every declared feature, required);
    ``result`` the response: ``event_id`` (the id the prediction was logged under, for
    labels to join later), ``model``, ``version``, then the prediction and score keys
    (``prediction``/``score`` name them; None when the model declares none). ``segments``
    are the features metrics are broken down by; ``version`` is the spec's (``"1"`` when
    it gives none).
    """

    model: str
    version: str
    operation: Operation
    features: Body
    result: Body
    prediction: str | None = None
    score: str | None = None
    segments: tuple[str, ...] = ()


@dataclass(frozen=True)
class ApiShape:
    """The whole API: every body, resource and operation, in route registration order."""

    title: str
    version: str
    description: str | None
    security_schemes: tuple[SecurityScheme, ...]
    enums: tuple[ApiEnum, ...]
    bodies: tuple[Body, ...]
    resources: tuple[Resource, ...]
    operations: tuple[Operation, ...]
    warnings: tuple[Diagnostic, ...] = ()
    # ML inference endpoints; kept out of ``operations``/``bodies`` (targets that do not
    # serve them yet iterate those), but in the OpenAPI document.
    predictions: tuple[Prediction, ...] = ()

    def body(self, name: str) -> Body:
        found = next((b for b in self.bodies if b.name == name), None)
        if found is None:
            found = next(
                (b for p in self.predictions for b in (p.features, p.result) if b.name == name),
                None,
            )
        if found is None:
            raise KeyError(name)
        return found

    def resource(self, entity: str) -> Resource | None:
        return next((r for r in self.resources if r.entity == entity), None)

    def operation(self, operation_id: str) -> Operation:
        found = next((o for o in self.operations if o.operation_id == operation_id), None)
        if found is None:
            raise KeyError(operation_id)
        return found
