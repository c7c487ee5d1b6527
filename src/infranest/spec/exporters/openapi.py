"""The OpenAPI 3.1 document of the API a generated service serves.

Built only from :func:`~infranest.spec.exporters.api_shape.api_shape`, so the document and
the generated services cannot disagree. The output is deterministic: the same spec gives
an equal dict with keys in the same order.
"""

from __future__ import annotations

from typing import Any

from infranest.spec.exporters.api_shape import api_shape
from infranest.spec.exporters.api_types import (
    SESSION_COOKIE,
    ApiShape,
    Operation,
    SecurityScheme,
)
from infranest.spec.exporters.openapi_schemas import (
    Schema,
    body_schema,
    enum_schema,
    parameter,
    ref,
)
from infranest.spec.model import RateLimit, Spec

OPENAPI_VERSION = "3.1.0"

# Error responses shared by all operations: component name and description.
_ERRORS: dict[int, tuple[str, str]] = {
    400: ("BadRequest", "The request body is not valid JSON."),
    401: ("Unauthorized", "Credentials are missing, invalid or expired."),
    403: ("Forbidden", "The caller may not do this."),
    404: ("NotFound", "No such resource, or not one the caller may see."),
    409: ("Conflict", "A unique value, the version or a reference conflicts."),
    422: ("ValidationError", "The body or a parameter is invalid; `errors` says which."),
    429: ("TooManyRequests", "Rate limit exceeded; retry after `Retry-After` seconds."),
    503: ("ServiceUnavailable", "A dependency (such as the database) is unavailable."),
}
_SUCCESS: dict[int, str] = {
    200: "OK",
    201: "Created",
    204: "No content",
    302: "Redirect to the identity provider",
}
_METHOD_ORDER = ("get", "post", "put", "patch", "delete")


def to_openapi(spec: Spec) -> dict[str, Any]:
    """The OpenAPI 3.1.0 document of ``spec``'s API (raises ``SpecError`` like api_shape)."""
    return openapi_document(api_shape(spec))


def openapi_document(shape: ApiShape) -> dict[str, Any]:
    info: Schema = {"title": shape.title, "version": shape.version}
    if shape.description:
        info["description"] = shape.description
    used = sorted({code for op in _served(shape) for code in op.errors})
    components: Schema = {
        "schemas": _schemas(shape),
        "responses": {_ERRORS[code][0]: _error_response(code) for code in used},
    }
    if shape.security_schemes:
        components["securitySchemes"] = {
            s.name: _security_scheme(s) for s in shape.security_schemes
        }
    return {
        "openapi": OPENAPI_VERSION,
        "info": info,
        "servers": [{"url": "/", "description": "This service"}],
        "tags": _tags(shape),
        "paths": _paths(shape),
        "components": components,
    }


def _served(shape: ApiShape) -> list[Operation]:
    """Every operation, the ML models' inference endpoints last."""
    return [*shape.operations, *(p.operation for p in shape.predictions)]


def _schemas(shape: ApiShape) -> Schema:
    schemas: Schema = {e.name: enum_schema(e) for e in shape.enums}
    schemas.update((b.name, body_schema(b)) for b in shape.bodies)
    for prediction in shape.predictions:
        for body in (prediction.features, prediction.result):
            schemas[body.name] = body_schema(body)
    return schemas


def _tags(shape: ApiShape) -> list[Schema]:
    tags: list[Schema] = [{"name": "system", "description": "Health, readiness and metrics."}]
    if any(op.tag == "auth" for op in shape.operations):
        tags.append({"name": "auth", "description": "Accounts and sign-in."})
    for resource in shape.resources:
        tag: Schema = {"name": resource.entity}
        if resource.description:
            tag["description"] = resource.description
        tags.append(tag)
    if shape.predictions:
        tags.append({"name": "models", "description": "ML model inference (monitored)."})
    return tags


def _paths(shape: ApiShape) -> Schema:
    grouped: dict[str, dict[str, Operation]] = {}
    for op in _served(shape):
        grouped.setdefault(op.path, {})[op.method] = op
    sessions = any(s.kind == "cookie" for s in shape.security_schemes)
    return {
        path: {
            method: _operation(ops[method], shape, sessions)
            for method in _METHOD_ORDER
            if method in ops
        }
        for path, ops in grouped.items()
    }


def _limit_text(limit: RateLimit) -> str:
    return f"{limit.count} per {limit.period} per {limit.scope}"


def _description(op: Operation) -> str | None:
    lines = [op.description] if op.description else []
    if not op.public:
        lines.append(f"Allowed: {', '.join(op.principals)}.")
    if op.limits:
        lines.append(f"Rate limit: {'; '.join(_limit_text(lim) for lim in op.limits)}.")
    if op.idempotent:
        lines.append("Idempotent with the `Idempotency-Key` header.")
    return " ".join(lines) or None


def _operation(op: Operation, shape: ApiShape, sessions: bool) -> Schema:
    result: Schema = {"tags": [op.tag], "summary": op.summary}
    description = _description(op)
    if description:
        result["description"] = description
    result["operationId"] = op.operation_id
    if op.params:
        result["parameters"] = [parameter(p) for p in op.params]
    if op.request is not None:
        media = shape.body(op.request).media
        result["requestBody"] = {"required": True, "content": {media: {"schema": ref(op.request)}}}
    responses: Schema = {str(op.status): _success(op, sessions and op.kind == "login")}
    for code in op.errors:
        responses[str(code)] = {"$ref": f"#/components/responses/{_ERRORS[code][0]}"}
    result["responses"] = responses
    result["security"] = [{name: []} for name in op.security]
    return result


def _success(op: Operation, sets_cookie: bool) -> Schema:
    response: Schema = {"description": _SUCCESS[op.status]}
    if op.status == 302:
        response["headers"] = {
            "Location": {"required": True, "schema": {"type": "string", "format": "uri"}}
        }
    if sets_cookie:
        response["headers"] = {
            "Set-Cookie": {
                "description": f"The `{SESSION_COOKIE}` cookie (HttpOnly, Secure, SameSite=Lax).",
                "schema": {"type": "string"},
            }
        }
    if op.response_media == "text/plain":
        response["content"] = {"text/plain": {"schema": {"type": "string"}}}
    elif op.response is not None:
        response["content"] = {op.response_media: {"schema": ref(op.response)}}
    return response


def _error_response(code: int) -> Schema:
    description = _ERRORS[code][1]
    schema = ref("HealthStatus" if code == 503 else "Problem")
    response: Schema = {"description": description}
    if code == 429:
        response["headers"] = {
            "Retry-After": {
                "description": "Seconds to wait before retrying.",
                "required": True,
                "schema": {"type": "integer", "minimum": 0},
            }
        }
    response["content"] = {"application/json": {"schema": schema}}
    return response


def _security_scheme(scheme: SecurityScheme) -> Schema:
    if scheme.kind == "bearer":
        return {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    if scheme.kind in ("cookie", "header"):
        return {"type": "apiKey", "in": scheme.kind, "name": scheme.parameter}
    base = f"/auth/oauth/{scheme.provider}"
    return {
        "type": "oauth2",
        "description": f"Sign in with {scheme.provider}; the token endpoint answers this "
        "service's own bearer tokens.",
        "flows": {
            "authorizationCode": {
                "authorizationUrl": f"{base}/authorize",
                "tokenUrl": f"{base}/token",
                "scopes": {},
            }
        },
    }
