"""The HTTP API every generated service serves, derived from a spec in exactly one place.

The five code generators and the OpenAPI exporter all read :func:`api_shape`, so a service
and its document cannot disagree. The conventions (the contract):

Paths
    An entity's collection is ``/{plural}``: its name split into words, the last word made
    plural (:func:`pluralize`), joined with ``-`` (``OrderItem`` → ``/order-items``). Its
    items are ``/{plural}/{id}``. Item actions are ``/{plural}/{id}/{action}``, collection
    actions ``/{plural}/{action}`` (action names in kebab case); register collection
    actions before the item routes (``Resource.operations`` is in registration order).
    ``id`` is a positive integer (int64); a non-integer or unknown id answers 404.
    Health, readiness and metrics are ``GET /health``, ``/ready`` (503 when not ready), and
    ``/metrics`` (Prometheus text); all public.
    Updates are ``PATCH`` (partial). ``/auth``, ``/health``, ``/ready``, ``/metrics`` and
    ``/openapi.json`` (this document) are the service's own; no entity may take them.
Bodies
    JSON keys are field names. A relation holding the foreign key (many_to_one, one_to_one
    without ``via``) is ``<name>_id`` (int, nullable when optional); many_to_many is
    ``<name>_ids`` (list of ids; optional in create, replaces the set in update);
    one_to_many and reverse one_to_one are in no body. Read bodies carry ``id``, every
    field except writeonly ones, ``created_at``/``updated_at`` (timestamps) and ``version``
    (optimistic_lock); every key is present (null when empty) unless the field has
    per-field read roles, in which case it is omitted for other callers. Create bodies
    carry every field not set by the server (readonly, and owner/tenant relations, which
    the server fills from the caller); a field is required unless it is optional, has a
    default, or is many_to_many. Update bodies carry the same fields, all optional, plus
    ``version`` which is then required (a stale version answers 409). Request bodies
    reject unknown keys (422). Writing a field with write roles the caller lacks answers
    403. Soft-deleted rows answer 404 and are never listed; DELETE soft-deletes them.
Values
    decimal is a JSON string matching ``BodyField.pattern``; file is a URL string; json is
    any JSON value; date/datetime/time are ISO 8601 strings; string defaults to at most
    255 characters, email to 254, url and file to 2048. ``pattern`` is searched, not
    anchored (as JSON Schema): authors anchor with ``^``/``$``.
Lists
    ``GET /{plural}`` answers an envelope: ``{"items", "total", "page", "size"}`` for offset
    pagination (params ``page`` ≥ 1 default 1, ``size`` 1..max default size), ``{"items",
    "next_cursor"}`` for cursor pagination (params ``cursor`` opaque, ``size``; the last
    page has ``next_cursor`` null), ``{"items"}`` without pagination. Filters: one param
    per filter field named like its body key, equality; numeric and date/time fields also
    get inclusive ``<key>__gte`` and ``<key>__lte``. ``q`` searches, case-insensitively, for a
    substring in any search field. ``sort`` takes one ``key`` or ``-key`` of a sortable
    field; the default order (and the tie-breaker) is ``id`` ascending. Invalid params 422.
Status codes
    201 create, 200 read/list/update/actions, 204 delete and logout; 400 malformed JSON,
    401 unauthenticated or invalid credentials, 403 forbidden, 404 not found or outside the
    caller's rows (owner/tenant), 409 unique, version or foreign-key conflict, 422 every
    validation error, 429 rate limited with ``Retry-After`` seconds. Every error body is
    ``{"detail": str, "errors": [{"field": str, "message": str}]}`` (``errors`` may be
    empty; ``field`` is a body key or a parameter name).
Access
    An operation's principals come from the most specific access rule naming it: list →
    list, read, all; read → read, all; create/update/delete → itself, write, all; an action
    → its ``allow``, its name, read (get) or write (other methods), all. No rule:
    ``authenticated``. Without auth everything is public. ``owner``/``tenant`` narrow rows.
Limits and retries
    An operation's limits are the entity's limits naming it (as access rules do), its
    action's limit and the limits of flows listing it as a step (``Order.create``); auth
    endpoints checking credentials are limited to ``AUTH_LIMIT``. Idempotent actions and
    steps of idempotent flows accept an ``Idempotency-Key`` header (replay for 24 hours).
Auth (when enabled; bodies in :mod:`~infranest.spec.exporters.api_service`)
    ``POST /auth/register`` (201, the user), ``POST /auth/login`` (tokens with jwt/oauth2,
    else the user plus the session cookie), ``POST /auth/refresh`` (jwt/oauth2), ``POST
    /auth/logout`` (session), ``GET /auth/me``, and with oauth2 providers ``GET
    /auth/oauth/{provider}/authorize`` (302 to the provider) and ``POST
    /auth/oauth/{provider}/token`` (form: the provider's code → tokens). Only ``/auth/me``
    exposes the built-in User; a declared ``entity User`` also gets ``/users`` without create.
ML models (:mod:`~infranest.spec.exporters.api_predict`)
    Each ``model`` gets ``POST /models/{name}/predict`` (``ApiShape.predictions``, not in
    ``operations``): the declared features in, the prediction, score and logged event id out.
"""

from __future__ import annotations

from infranest.spec.builtins import USER, finalize
from infranest.spec.diagnostics import Diagnostic, SpecError
from infranest.spec.exporters.api_checks import check_shape
from infranest.spec.exporters.api_fields import (
    FieldMapper,
    list_params,
    page_body,
    plural_snake,
    plural_words,
)
from infranest.spec.exporters.api_predict import predictions
from infranest.spec.exporters.api_service import (
    auth_operations,
    shared_bodies,
    system_operations,
)
from infranest.spec.exporters.api_types import (
    API_KEY_HEADER,
    AUTH_LIMIT,
    IDEMPOTENCY_HEADER,
    IDEMPOTENCY_KEY_MAX_LENGTH,
    SESSION_COOKIE,
    ApiEnum,
    ApiShape,
    ApiType,
    Body,
    BodyField,
    Operation,
    OperationKind,
    Prediction,
    QueryParam,
    Resource,
    SecurityScheme,
)
from infranest.spec.inflect import pluralize
from infranest.spec.model import Action, Entity, HttpMethod, Pagination, RateLimit, Spec
from infranest.spec.names import to_snake, words

__all__ = [
    "API_KEY_HEADER",
    "AUTH_LIMIT",
    "IDEMPOTENCY_HEADER",
    "SESSION_COOKIE",
    "ApiEnum",
    "ApiShape",
    "ApiType",
    "Body",
    "BodyField",
    "Operation",
    "Prediction",
    "QueryParam",
    "Resource",
    "SecurityScheme",
    "api_shape",
    "collection_path",
    "kebab",
    "pluralize",
]

# Errors each kind of entity operation may answer besides 401/403/404/429.
_KIND_ERRORS: dict[str, tuple[int, ...]] = {
    "list": (422,),
    "create": (400, 409, 422),
    "read": (),
    "update": (400, 409, 422),
    "delete": (409,),
    "action": (409, 422),
}
# The access-rule operation names an operation answers to, most specific first.
_CHAINS: dict[str, tuple[str, ...]] = {
    "list": ("list", "read", "all"),
    "read": ("read", "all"),
    "create": ("create", "write", "all"),
    "update": ("update", "write", "all"),
    "delete": ("delete", "write", "all"),
}


def collection_path(entity_name: str) -> str:
    """``OrderItem`` → ``/order-items``."""
    return "/" + "-".join(plural_words(entity_name))


def kebab(name: str) -> str:
    """``mark_paid`` → ``mark-paid``."""
    return "-".join(words(name))


def api_shape(spec: Spec) -> ApiShape:
    """The API a service generated from ``spec`` serves.

    Raises :class:`SpecError` when the spec cannot be served (a route, operation id, schema
    name or body key would be taken twice, or an entity takes a reserved path); clauses the
    API must leave out (e.g. a filter on a json field) are returned as ``warnings``.
    """
    return _Builder(finalize(spec)).build()


def chain(kind: str, action: Action | None = None) -> tuple[str, ...]:
    """The access-rule names an operation answers to, most specific first."""
    if action is not None:
        return (action.name, "read" if action.method == "get" else "write", "all")
    return _CHAINS[kind]


class _Builder:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.auth = spec.project.auth.enabled
        self.diagnostics: list[Diagnostic] = []
        self.mapper = FieldMapper(spec, self.diagnostics)
        self.schemes = self._schemes()
        self.user_security = tuple(s.name for s in self.schemes)

    def build(self) -> ApiShape:
        bodies: list[Body] = []
        resources: list[Resource] = []
        for entity in self.spec.entities:
            if entity.builtin:
                bodies.append(self._read_body(entity))
                continue
            resource = self._resource(entity)
            resources.append(resource)
            bodies.extend(b for b in (resource.read, resource.create, resource.update) if b)
            bodies.append(resource.page)
        methods = set(self.spec.project.auth.methods)
        tokens = bool(methods & {"jwt", "oauth2"})
        auth_ops: list[Operation] = []
        user = self.spec.entity(USER)
        if self.auth and user is not None:
            inputs = self.mapper.input_fields(user, update=False)
            auth_ops, auth_bodies = auth_operations(
                self.spec, inputs, self.user_security, tokens=tokens, session="session" in methods
            )
            bodies.extend(auth_bodies)
        bodies.extend(shared_bodies(tokens=tokens))
        operations = system_operations() + auth_ops + [o for r in resources for o in r.operations]
        enums = tuple(
            ApiEnum(e.name, tuple(v.name for v in e.values), e.description) for e in self.spec.enums
        )
        served = predictions(self.spec, self.user_security, resources, self.diagnostics)
        self.diagnostics.extend(
            check_shape(
                enums,
                bodies + [b for p in served for b in (p.features, p.result)],
                resources,
                operations + [p.operation for p in served],
            )
        )
        diagnostics = tuple(dict.fromkeys(self.diagnostics))
        if any(d.is_error for d in diagnostics):
            raise SpecError(diagnostics)
        project = self.spec.project
        return ApiShape(
            title=project.name,
            version=project.version or "0.1.0",
            description=project.description,
            security_schemes=self.schemes,
            enums=enums,
            bodies=tuple(bodies),
            resources=tuple(resources),
            operations=tuple(operations),
            warnings=diagnostics,
            predictions=served,
        )

    def _schemes(self) -> tuple[SecurityScheme, ...]:
        auth = self.spec.project.auth
        schemes: list[SecurityScheme] = []
        if "jwt" in auth.methods or "oauth2" in auth.methods:
            schemes.append(SecurityScheme("bearerAuth", "bearer"))
        if "session" in auth.methods:
            schemes.append(SecurityScheme("sessionCookie", "cookie", parameter=SESSION_COOKIE))
        if "apikey" in auth.methods:
            schemes.append(SecurityScheme("apiKeyHeader", "header", parameter=API_KEY_HEADER))
        if "oauth2" in auth.methods:
            schemes.extend(
                SecurityScheme(f"oauth2_{to_snake(p)}", "oauth2", provider=p)
                for p in auth.providers
            )
        return tuple(schemes)

    def _principals(
        self, entity: Entity, names: tuple[str, ...], action: Action | None
    ) -> tuple[str, ...]:
        if not self.auth:
            return ("anyone",)
        found: tuple[str, ...] = action.allow if action is not None else ()
        for key in names:
            if found:
                break
            found = tuple(
                dict.fromkeys(p for r in entity.access if key in r.operations for p in r.principals)
            )
        if not found:
            return ("authenticated",)
        return ("anyone",) if "anyone" in found else found

    def _in_flow(self, steps: tuple[str, ...], entity: Entity, names: tuple[str, ...]) -> bool:
        for step in steps:
            owner, _, operation = step.partition(".")
            if owner == entity.name and operation in names:
                return True
        return False

    def _limits(
        self, entity: Entity, names: tuple[str, ...], action: Action | None
    ) -> tuple[RateLimit, ...]:
        limits = [
            lim for lim in entity.limits if not lim.operations or set(names) & set(lim.operations)
        ]
        if action is not None and action.limit is not None:
            limits.append(action.limit)
        for flow in self.spec.flows:
            if self._in_flow(flow.steps, entity, names):
                limits.extend(flow.limits)
        return tuple(dict.fromkeys(limits))

    def _read_body(self, entity: Entity) -> Body:
        return Body(entity.name, self.mapper.read_fields(entity), description=entity.description)

    def _resource(self, entity: Entity) -> Resource:
        pagination = entity.pagination or Pagination()
        path = collection_path(entity.name)
        item_path = f"{path}/{{id}}"
        name, plural = to_snake(entity.name), plural_snake(entity.name)
        read = self._read_body(entity)
        create = None
        if entity.name != USER:
            fields = self.mapper.input_fields(entity, update=False)
            create = Body(f"{entity.name}Create", fields, closed=True)
        update = Body(
            f"{entity.name}Update", self.mapper.input_fields(entity, update=True), closed=True
        )
        page = page_body(entity.name, pagination)
        params = list_params(entity, read, pagination, self.diagnostics)
        ident = (_id_param(entity.name),)
        op = self._operation
        ops = [op(entity, "list", "get", path, f"list_{plural}", page.name, params=params)]
        if create is not None:
            ops.append(op(entity, "create", "post", path, f"create_{name}", read.name, create.name))
        for action in entity.actions:
            if action.scope == "collection":
                ops.append(self._action(entity, action, path, ()))
        ops += [
            op(entity, "read", "get", item_path, f"get_{name}", read.name, params=ident),
            op(
                entity,
                "update",
                "patch",
                item_path,
                f"update_{name}",
                read.name,
                update.name,
                params=ident,
            ),
            op(entity, "delete", "delete", item_path, f"delete_{name}", None, params=ident),
        ]
        for action in entity.actions:
            if action.scope == "item":
                ops.append(self._action(entity, action, item_path, ident))
        return Resource(
            entity=entity.name,
            name=name,
            plural=plural,
            path=path,
            item_path=item_path,
            read=read,
            create=create,
            update=update,
            page=page,
            list_params=params,
            pagination=pagination,
            operations=tuple(ops),
            timestamps=entity.timestamps,
            soft_delete=entity.soft_delete,
            optimistic_lock=entity.optimistic_lock,
            description=entity.description,
        )

    def _action(
        self, entity: Entity, action: Action, base: str, params: tuple[QueryParam, ...]
    ) -> Operation:
        response = entity.name if action.scope == "item" else "ActionResult"
        op_id = f"{to_snake(entity.name)}_{to_snake(action.name)}"
        path = f"{base}/{kebab(action.name)}"
        return self._operation(
            entity, "action", action.method, path, op_id, response, params=params, action=action
        )

    def _operation(
        self,
        entity: Entity,
        kind: OperationKind,
        method: HttpMethod,
        path: str,
        operation_id: str,
        response: str | None,
        request: str | None = None,
        *,
        params: tuple[QueryParam, ...] = (),
        action: Action | None = None,
    ) -> Operation:
        names = chain(kind, action)
        principals = self._principals(entity, names, action)
        limits = self._limits(entity, names, action)
        idempotent = (action is not None and action.idempotent) or any(
            f.idempotent and self._in_flow(f.steps, entity, names) for f in self.spec.flows
        )
        if idempotent:
            params = (*params, _idempotency_param())
        errors = set(_KIND_ERRORS[kind])
        if "{id}" in path:
            errors.add(404)
        if self.auth:
            errors.add(401)  # invalid credentials answer 401 even where none are needed
        if "anyone" not in principals:
            errors.update((401, 403))
        if limits:
            errors.add(429)
        verb = (action.name if action is not None else kind).replace("_", " ")
        noun = plural_words(entity.name) if kind == "list" else words(entity.name)
        status = {"create": 201, "delete": 204}.get(kind, 200)
        return Operation(
            operation_id=operation_id,
            kind=kind,
            method=method,
            path=path,
            summary=f"{verb.capitalize()} {' '.join(noun)}",
            tag=entity.name,
            status=status,
            entity=entity.name,
            action=action.name if action is not None else None,
            params=params,
            request=request,
            response=response,
            errors=tuple(sorted(errors)),
            principals=principals,
            security=() if "anyone" in principals else self.user_security,
            limits=limits,
            idempotent=idempotent,
        )


def _id_param(entity: str) -> QueryParam:
    value = BodyField(name="id", type="id", target=entity, minimum=1)
    return QueryParam(name="id", role="id", value=value, location="path")


def _idempotency_param() -> QueryParam:
    value = BodyField(
        name=IDEMPOTENCY_HEADER,
        type="string",
        min_length=1,
        max_length=IDEMPOTENCY_KEY_MAX_LENGTH,
        required=False,
    )
    return QueryParam(
        name=IDEMPOTENCY_HEADER,
        role="idempotency_key",
        value=value,
        location="header",
        description="A request repeated with the same key within 24 hours gets the first "
        "answer again and has no further effect.",
    )
