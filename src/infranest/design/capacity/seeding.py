"""Seeding a generated service with rows through its API, for calibration.

Each entity the contract lets us create gets up to :data:`SEED_ROWS` rows: the contract's
smallest valid body, with fresh values for unique keys, the ids of rows created before
for references, and, for an enum that must be unique, each of its values in turn.
"""

from __future__ import annotations

import copy
import json
import re
import secrets
import string
import uuid
from typing import Any

from infranest.design.capacity.model import RELATED_PER_ROW
from infranest.spec.exporters.api_types import ApiShape, Body, BodyField
from infranest.verify import auth

SEED_ROWS = 100
_FREE_TYPES = frozenset({"string", "text", "email", "url", "file", "uuid"})


def _unique_text(field_min: int, field_max: int, i: int) -> str:
    token = f"c{i}" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(6))
    text = token.ljust(max(field_min, 1), "x")
    return text[: max(field_max, len(token))] if field_max else text


def _variant(base: str, pattern: str, i: int, used: set[str]) -> str | None:
    """A string in which ``pattern`` is found, made from the valid ``base`` by changing
    characters within their class (digit, lower, upper) as the digits of ``i`` say."""
    classes = (string.digits, string.ascii_lowercase, string.ascii_uppercase)
    for attempt in range(i + 1, i + 200):
        chars = list(base)
        n = attempt
        for pos in range(len(chars) - 1, -1, -1):
            alphabet = next((c for c in classes if chars[pos] in c), None)
            if alphabet is None or n == 0:
                continue
            chars[pos] = alphabet[(alphabet.index(chars[pos]) + n) % len(alphabet)]
            n //= len(alphabet)
        text = "".join(chars)
        if text not in used and re.search(pattern, text):
            return text
    return None


def _fresh(f: BodyField, base: Any, i: int, used: set[str]) -> Any:
    """A value of ``f`` unlikely to collide with the rows created before (unique keys)."""
    token = "".join(secrets.choice(string.ascii_lowercase) for _ in range(6))
    if f.type == "email":
        return f"seed{i}.{token}@example.com"
    if f.type in ("url", "file"):
        return f"https://example.com/{i}/{token}"
    if f.type == "uuid":
        return str(uuid.uuid4())
    if f.pattern:
        return _variant(base, f.pattern, i, used) if isinstance(base, str) else None
    return _unique_text(f.min_length or 1, f.max_length or 0, i)


def _body(
    document: dict[str, Any],
    body: Body,
    ids: dict[str, list[int]],
    i: int,
    used: dict[str, set[str]],
    samples: dict[str, Any],
) -> Any:
    """A create body: the contract's smallest valid value, with fresh text for every
    free-form key, each enum value in turn, the ids of rows created before (up to
    :data:`RELATED_PER_ROW` for a to-many key, as the model assumes); None when a
    required reference has no row yet or no fresh value exists."""
    if body.name not in samples:  # the contract's smallest body: computed once (slow)
        schemas = document.get("components", {}).get("schemas", {})
        samples[body.name] = auth.sample(document, schemas.get(body.name, {}))
    value = copy.deepcopy(samples[body.name])
    if not isinstance(value, dict):
        return None
    for f in body.fields:
        if f.type == "id" and not f.many:
            known = ids.get(f.target or "", [])
            if known:
                value[f.name] = known[i % len(known)]
            elif f.required:
                return None
        elif f.many and f.type == "id":
            known = ids.get(f.target or "", [])
            linked = min(len(known), int(RELATED_PER_ROW))
            value[f.name] = [known[(i + k) % len(known)] for k in range(linked)]
        elif f.many and f.name in value:
            value[f.name] = []
        elif f.choices and not f.many and f.name in value:
            value[f.name] = f.choices[i % len(f.choices)]
        elif f.type in _FREE_TYPES and not f.choices and f.name in value:
            fresh = _fresh(f, value[f.name], i, used.setdefault(f"{body.name}.{f.name}", set()))
            if fresh is None:
                return None
            used[f"{body.name}.{f.name}"].add(str(fresh))
            value[f.name] = fresh
    return value


def _post(url: str, body: Any, headers: dict[str, str]) -> tuple[int, Any]:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST")
    for key, val in {**headers, "Content-Type": "application/json"}.items():
        request.add_header(key, val)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # nosec B310 - loopback
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, None


def seed(
    base_url: str, shape: ApiShape, document: dict[str, Any], headers: dict[str, str]
) -> dict[str, list[int]]:
    """Create up to :data:`SEED_ROWS` rows of each entity the contract lets us create."""
    ids: dict[str, list[int]] = {}
    used: dict[str, set[str]] = {}
    samples: dict[str, Any] = {}
    for resource in shape.resources:
        if resource.create is None:
            continue
        for i in range(SEED_ROWS):
            body = _body(document, resource.create, ids, i, used, samples)
            if body is None:
                break
            status, answer = _post(base_url + resource.path, body, headers)
            if status != 201 or not isinstance(answer, dict) or "id" not in answer:
                break
            ids.setdefault(resource.entity, []).append(int(answer["id"]))
    return ids
