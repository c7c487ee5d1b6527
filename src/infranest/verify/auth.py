"""Sign a fresh user in through the service's ``/auth`` endpoints, as the contract gives them.

The register body is built from the contract document's ``RegisterRequest`` schema: a
random email and password, plus the smallest valid value for any other required key.
"""

from __future__ import annotations

import json
import re
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

REGISTER = "/auth/register"
LOGIN = "/auth/login"
_SAMPLES_BY_FORMAT = {
    "email": "verify@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "date": "2024-01-01",
    "date-time": "2024-01-01T00:00:00Z",
    "time": "00:00:00",
    "uuid": "00000000-0000-4000-8000-000000000001",
}


class SignInError(Exception):
    """Registering or logging in did not answer what the contract says."""


@dataclass(frozen=True)
class Credentials:
    email: str
    headers: dict[str, str]  # what every request of the fuzzing run carries
    kind: str  # "bearer", "cookie" or "none"


def has_auth(document: dict[str, Any]) -> bool:
    paths = document.get("paths", {})
    return REGISTER in paths and LOGIN in paths


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    seen = 0
    while "$ref" in schema and seen < 20:
        node: Any = document
        for part in str(schema["$ref"]).lstrip("#/").split("/"):
            node = node.get(part, {}) if isinstance(node, dict) else {}
        schema, seen = node, seen + 1
    return schema


def _request_schema(document: dict[str, Any], path: str) -> dict[str, Any]:
    operation = document.get("paths", {}).get(path, {}).get("post", {})
    body = _resolve(document, operation.get("requestBody", {}))
    schema = body.get("content", {}).get("application/json", {}).get("schema", {})
    return _resolve(document, schema)


def sample(document: dict[str, Any], schema: dict[str, Any]) -> Any:
    """The smallest value ``schema`` accepts, for the common cases of the contract."""
    schema = _resolve(document, schema)
    for key in ("const", "default"):
        if key in schema:
            return schema[key]
    if schema.get("enum"):
        return schema["enum"][0]
    for key in ("oneOf", "anyOf", "allOf"):
        if schema.get(key):
            return sample(document, schema[key][0])
    kinds = schema.get("type", "string")
    kind = next((k for k in kinds if k != "null"), "null") if isinstance(kinds, list) else kinds
    if kind == "string":
        if schema.get("format") in _SAMPLES_BY_FORMAT:
            return _SAMPLES_BY_FORMAT[schema["format"]]
        low = max(int(schema.get("minLength", 1)), 1)
        if "pattern" in schema:
            return _matching(str(schema["pattern"]), low, int(schema.get("maxLength", 1000)))
        return "x" * low
    if kind in ("integer", "number"):
        low = schema.get("minimum", schema.get("exclusiveMinimum", 0) + 1)
        return int(low) if kind == "integer" else float(low)
    if kind == "boolean":
        return False
    if kind == "array":
        return [sample(document, schema.get("items", {}))] * int(schema.get("minItems", 0))
    if kind == "object":
        props = schema.get("properties", {})
        return {k: sample(document, props.get(k, {})) for k in schema.get("required", [])}
    return None


def _matching(pattern: str, low: int, high: int) -> str:
    """The simplest string of ``low``..``high`` characters in which ``pattern`` is found
    (hypothesis, which schemathesis brings, shrinks to it deterministically)."""
    from hypothesis import HealthCheck, find, settings
    from hypothesis import strategies as st

    strategy = st.from_regex(pattern).filter(lambda s: low <= len(s) <= high)
    quiet = settings(database=None, suppress_health_check=list(HealthCheck))
    try:
        found: str = find(strategy, lambda _: True, settings=quiet)
    except Exception:  # an unsupported or unsatisfiable pattern: let the service say so
        return "x" * low
    return found


def _vary_text(document: dict[str, Any], props: dict[str, Any], body: dict[str, Any]) -> None:
    """Makes each plain text value of ``body`` differ from call to call, so that a second
    user does not collide with the first on a unique register field (a handle, a name).
    A value with a pattern varies too when a random lower-case or digit token matches it."""
    for key, value in body.items():
        schema = _resolve(document, props.get(key, {}))
        plain = not any(k in schema for k in ("const", "enum", "format"))
        if not (plain and isinstance(value, str)):
            continue
        low = max(int(schema.get("minLength", 1)), 1)
        high = int(schema.get("maxLength", 1000))
        width = max(low, 8)
        tokens = ("u" + secrets.token_hex(width), str(secrets.randbelow(10**width)).zfill(width))
        for token in tokens:
            candidate = token[: max(low, min(high, len(token)))]
            if "pattern" not in schema or _matches(str(schema["pattern"]), candidate):
                body[key] = candidate
                break


def _matches(pattern: str, text: str) -> bool:
    """``text`` contains a match of the JSON Schema ``pattern`` (False when Python's ``re``
    cannot read it)."""
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return False


def _password(schema: dict[str, Any]) -> str:
    low = int(schema.get("minLength", 12))
    high = int(schema.get("maxLength", 128))
    token = "Vf1!" + secrets.token_urlsafe(max(low, 16))
    return token[: max(low, min(high, 32))]


def _post(url: str, body: dict[str, Any]) -> tuple[int, Any, list[str]]:
    data = json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method="POST")
    request.add_header("Content-Type", "application/json")
    request.add_header("Accept", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # nosec B310 - loopback
            status, raw, cookies = response.status, response.read(), response.headers
    except urllib.error.HTTPError as exc:
        status, raw, cookies = exc.code, exc.read(), exc.headers
    try:
        answer: Any = json.loads(raw)
    except ValueError:
        answer = raw.decode("utf-8", errors="replace")[:500]
    return status, answer, cookies.get_all("Set-Cookie") or []


def sign_in(base_url: str, document: dict[str, Any]) -> Credentials:
    """Register a random user and log in; the headers that authenticate it."""
    schema = _request_schema(document, REGISTER)
    props = schema.get("properties", {})
    body = sample(document, schema) if schema else {}
    _vary_text(document, props, body)
    email = f"verify-{secrets.token_hex(6)}@example.com"
    password = _password(_resolve(document, props.get("password", {})))
    body.update(email=email, password=password)
    status, answer, _ = _post(base_url + REGISTER, body)
    if status not in (200, 201):
        raise SignInError(f"POST {REGISTER} answered {status}: {answer}")
    status, answer, cookies = _post(base_url + LOGIN, {"email": email, "password": password})
    if status != 200:
        raise SignInError(f"POST {LOGIN} answered {status}: {answer}")
    if isinstance(answer, dict) and isinstance(answer.get("access_token"), str):
        return Credentials(email, {"Authorization": f"Bearer {answer['access_token']}"}, "bearer")
    pairs = [cookie.split(";", 1)[0].strip() for cookie in cookies]
    if pairs:
        return Credentials(email, {"Cookie": "; ".join(pairs)}, "cookie")
    raise SignInError(f"POST {LOGIN} answered 200 with neither an access_token nor a cookie")
