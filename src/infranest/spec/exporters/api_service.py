"""The service's own endpoints (health, readiness, metrics, auth) and shared bodies."""

from __future__ import annotations

from infranest.spec.builtins import USER
from infranest.spec.exporters.api_types import (
    AUTH_LIMIT,
    EMAIL_MAX_LENGTH,
    PASSWORD_MAX_LENGTH,
    PASSWORD_MIN_LENGTH,
    URL_MAX_LENGTH,
    Body,
    BodyField,
    Operation,
    QueryParam,
)
from infranest.spec.model import Spec

_TOKEN_MAX_LENGTH = 4096


def _text(name: str) -> BodyField:
    return BodyField(name=name, type="string")


def shared_bodies(*, tokens: bool) -> list[Body]:
    """``Problem`` (every error), ``FieldError``, ``HealthStatus``, ``ActionResult``, and
    ``TokenPair`` when the service issues tokens."""
    bodies = [
        Body(
            "Problem",
            (_text("detail"), BodyField(name="errors", type="ref", ref="FieldError", many=True)),
            description="The body of every error response.",
        ),
        Body(
            "FieldError",
            (
                BodyField(
                    name="field",
                    type="string",
                    description="The body key or parameter name at fault.",
                ),
                _text("message"),
            ),
        ),
        Body(
            "HealthStatus",
            (BodyField(name="status", type="string", choices=("ok", "unavailable")),),
        ),
        Body("ActionResult", (_text("detail"),), description="The answer of a collection action."),
    ]
    if tokens:
        bodies.append(
            Body(
                "TokenPair",
                (
                    BodyField(name="access_token", type="string"),
                    BodyField(name="refresh_token", type="string"),
                    BodyField(name="token_type", type="string", choices=("bearer",)),
                    BodyField(
                        name="expires_in",
                        type="int",
                        minimum=1,
                        description="Seconds until the access token expires.",
                    ),
                ),
            )
        )
    return bodies


def system_operations() -> list[Operation]:
    """``GET /health`` (alive), ``GET /ready`` (503 when a dependency is down), ``GET
    /metrics`` (Prometheus text format). All public."""
    return [
        Operation(
            "health", "health", "get", "/health", "Liveness", "system", 200, response="HealthStatus"
        ),
        Operation(
            "ready",
            "ready",
            "get",
            "/ready",
            "Readiness",
            "system",
            200,
            response="HealthStatus",
            errors=(503,),
        ),
        Operation(
            "metrics",
            "metrics",
            "get",
            "/metrics",
            "Prometheus metrics",
            "system",
            200,
            response_media="text/plain",
        ),
    ]


def _password(*, min_length: int | None) -> BodyField:
    return BodyField(
        name="password",
        type="string",
        min_length=min_length,
        max_length=PASSWORD_MAX_LENGTH,
        writeonly=True,
    )


def _email() -> BodyField:
    return BodyField(name="email", type="email", max_length=EMAIL_MAX_LENGTH)


def auth_operations(
    spec: Spec,
    user_inputs: tuple[BodyField, ...],
    security: tuple[str, ...],
    *,
    tokens: bool,
    session: bool,
) -> tuple[list[Operation], list[Body]]:
    """The ``/auth`` endpoints and their bodies.

    ``user_inputs`` are the keys a client may set on a User; registering takes them plus
    ``email`` (when the User has none) and ``password``. ``tokens``: jwt or oauth2 is on
    (tokens are issued); ``session``: the session cookie is.
    """
    auth = spec.project.auth
    ops: list[Operation] = []
    bodies: list[Body] = []
    signed_in = "TokenPair" if tokens else USER
    if tokens or session:
        email = () if any(f.name == "email" for f in user_inputs) else (_email(),)
        register = (*email, *user_inputs, _password(min_length=PASSWORD_MIN_LENGTH))
        bodies.append(Body("RegisterRequest", register, closed=True))
        bodies.append(Body("LoginRequest", (_email(), _password(min_length=1)), closed=True))
        ops.append(
            Operation(
                "auth_register",
                "register",
                "post",
                "/auth/register",
                "Create an account",
                "auth",
                201,
                request="RegisterRequest",
                response=USER,
                errors=(400, 409, 422, 429),
                limits=(AUTH_LIMIT,),
            )
        )
        ops.append(
            Operation(
                "auth_login",
                "login",
                "post",
                "/auth/login",
                "Sign in",
                "auth",
                200,
                request="LoginRequest",
                response=signed_in,
                errors=(400, 401, 422, 429),
                limits=(AUTH_LIMIT,),
                description="Sets the session cookie" if session else None,
            )
        )
    if tokens:
        bodies.append(
            Body(
                "RefreshRequest",
                (BodyField(name="refresh_token", type="string", max_length=_TOKEN_MAX_LENGTH),),
                closed=True,
            )
        )
        ops.append(
            Operation(
                "auth_refresh",
                "refresh",
                "post",
                "/auth/refresh",
                "Renew tokens",
                "auth",
                200,
                request="RefreshRequest",
                response="TokenPair",
                errors=(400, 401, 422, 429),
                limits=(AUTH_LIMIT,),
            )
        )
    if session:
        ops.append(
            Operation(
                "auth_logout",
                "logout",
                "post",
                "/auth/logout",
                "Sign out",
                "auth",
                204,
                errors=(401,),
                principals=("authenticated",),
                security=("sessionCookie",),
            )
        )
    ops.append(
        Operation(
            "auth_me",
            "me",
            "get",
            "/auth/me",
            "The signed-in user",
            "auth",
            200,
            response=USER,
            errors=(401,),
            principals=("authenticated",),
            security=security,
        )
    )
    if "oauth2" in auth.methods and auth.providers:
        oauth_ops, oauth_body = _oauth(auth.providers)
        ops.extend(oauth_ops)
        bodies.append(oauth_body)
    return ops, bodies


def _oauth(providers: tuple[str, ...]) -> tuple[list[Operation], Body]:
    provider = QueryParam(
        name="provider",
        role="provider",
        location="path",
        value=BodyField(name="provider", type="string", choices=providers),
    )
    redirect = QueryParam(
        name="redirect_uri",
        role="redirect_uri",
        value=BodyField(name="redirect_uri", type="url", max_length=URL_MAX_LENGTH, required=False),
        description="Where the provider sends the browser back with a code.",
    )
    state = QueryParam(
        name="state",
        role="state",
        value=BodyField(name="state", type="string", max_length=255, required=False),
        description="Returned unchanged with the code (CSRF protection).",
    )
    body = Body(
        "OAuthTokenRequest",
        (
            BodyField(name="grant_type", type="string", choices=("authorization_code",)),
            BodyField(name="code", type="string", max_length=_TOKEN_MAX_LENGTH),
            BodyField(name="redirect_uri", type="url", max_length=URL_MAX_LENGTH, required=False),
        ),
        closed=True,
        media="application/x-www-form-urlencoded",
    )
    base = "/auth/oauth/{provider}"
    ops = [
        Operation(
            "auth_oauth_authorize",
            "oauth_authorize",
            "get",
            f"{base}/authorize",
            "Sign in with a provider",
            "auth",
            302,
            params=(provider, redirect, state),
            errors=(404, 422),
            description="Redirects to the provider's consent page.",
        ),
        Operation(
            "auth_oauth_token",
            "oauth_token",
            "post",
            f"{base}/token",
            "Exchange a provider's code for tokens",
            "auth",
            200,
            params=(provider,),
            request=body.name,
            response="TokenPair",
            errors=(400, 401, 404, 422, 429),
            limits=(AUTH_LIMIT,),
        ),
    ]
    return ops, body
