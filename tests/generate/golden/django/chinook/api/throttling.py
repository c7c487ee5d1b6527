"""Rate limits (fixed windows in the cache: 429 with ``Retry-After``) and idempotency keys."""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response

from api.errors import InvalidParams

if TYPE_CHECKING:
    from api.crud import Op

PERIOD_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
IDEMPOTENCY_SECONDS = 24 * 3600
IDEMPOTENCY_HEADER = "Idempotency-Key"


@dataclass(frozen=True)
class Limit:
    """``count`` requests per ``period`` for each ``scope`` (user, ip, tenant, global)."""

    count: int
    period: str
    scope: str = "user"


def client_address(request: Request) -> str:
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def _subject(request: Request, scope: str) -> str:
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    if scope == "user" and signed_in:
        return f"user:{user.pk}"
    if scope == "tenant" and signed_in:
        from api.crud import user_tenant

        tenant = user_tenant(user)
        return f"tenant:{tenant}" if tenant is not None else f"user:{user.pk}"
    if scope == "global":
        return "global"
    return f"ip:{client_address(request)}"


def check_limits(request: Request, operation_id: str, limits: tuple[Limit, ...]) -> None:
    """Count this request against each limit (a window opens with the first request);
    raise 429 with the seconds left in the window when one is exceeded."""
    if not settings.RATE_LIMIT_ENABLED:
        return
    now = time.time()
    for index, limit in enumerate(limits):
        window = PERIOD_SECONDS[limit.period]
        key = f"rl:{operation_id}:{index}:{_subject(request, limit.scope)}"
        if cache.add(key, 0, timeout=window):
            cache.set(f"{key}:start", now, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=window)
            count = 1
        if count > limit.count:
            started = float(cache.get(f"{key}:start", now))
            raise exceptions.Throttled(wait=max(1, math.ceil(started + window - now)))


def idempotent(request: Request, op: Op, run: Callable[[], Response]) -> Response:
    """Run ``run`` once per ``Idempotency-Key``; a repeat within 24 hours gets the same answer."""
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None:
        return run()
    if not 1 <= len(key) <= 255:
        raise InvalidParams({IDEMPOTENCY_HEADER: ["Must be 1 to 255 characters."]})
    user = getattr(request, "user", None)
    who = user.pk if user is not None and user.is_authenticated else client_address(request)
    body = hashlib.sha256(request.body).hexdigest()
    digest = hashlib.sha256(f"{op.operation_id}:{who}:{key}:{body}".encode()).hexdigest()
    cache_key = f"idem:{digest}"
    stored: Any = cache.get(cache_key)
    if stored is not None:
        return Response(stored[1], status=stored[0])
    response = run()
    if response.status_code < 400:
        cache.set(cache_key, (response.status_code, response.data), IDEMPOTENCY_SECONDS)
    return response
