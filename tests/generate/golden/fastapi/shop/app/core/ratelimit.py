"""Fixed-window rate limits per user, client address, tenant or globally.

A small in-process limiter rather than slowapi: the contract's scopes need the
authenticated user (and tenant), which are resolved by route dependencies after
slowapi's key functions run. Behind several workers, put a shared store behind
`RateLimiter` (the interface is `hit`).
"""

import math
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

from fastapi import HTTPException, Request

from app.core.config import settings

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


@dataclass(frozen=True)
class Limit:
    count: int
    period: str
    scope: str

    @property
    def seconds(self) -> int:
        return PERIODS[self.period]


class RateLimiter:
    """Counts hits per key in fixed windows; thread safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._windows: dict[str, tuple[int, int]] = {}

    def hit(self, key: str, limit: Limit, now: float | None = None) -> int:
        """Record a hit; 0 when allowed, else the seconds until the window ends."""
        moment = time.time() if now is None else now
        window = int(moment // limit.seconds)
        with self._lock:
            start, count = self._windows.get(key, (window, 0))
            if start != window:
                start, count = window, 0
            if count >= limit.count:
                return max(1, math.ceil((window + 1) * limit.seconds - moment))
            self._windows[key] = (start, count + 1)
            return 0

    def reset(self) -> None:
        with self._lock:
            self._windows.clear()


limiter = RateLimiter()


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def enforce(
    request: Request,
    operation: str,
    limits: Sequence[Limit],
    user_id: int | None = None,
    tenant_id: int | None = None,
) -> None:
    """Raise 429 with `Retry-After` when any of `limits` is exhausted."""
    if not settings.RATE_LIMIT_ENABLED:
        return
    for index, limit in enumerate(limits):
        subject = {
            "user": f"user:{user_id}" if user_id is not None else f"ip:{client_address(request)}",
            "ip": f"ip:{client_address(request)}",
            "tenant": f"tenant:{tenant_id}" if tenant_id is not None else f"user:{user_id}",
            "global": "global",
        }[limit.scope]
        wait = limiter.hit(f"{operation}:{index}:{subject}", limit)
        if wait:
            raise HTTPException(
                status_code=429,
                detail="Too many requests.",
                headers={"Retry-After": str(wait)},
            )
