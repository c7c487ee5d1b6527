"""A closed-loop HTTP load generator: N clients, each sending its next request as soon as
the last one answered, over a kept-alive connection, for a fixed time.

Runs in threads of this process (the requests wait on sockets, not on Python), so it needs
nothing installed; on a small machine it shares the CPU with the service it measures,
which the calibration accounts for by measuring the same way it predicts.
"""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import numpy as np


@dataclass(frozen=True)
class Measurement:
    """What ``clients`` concurrent clients achieved on one request."""

    clients: int
    requests: int
    errors: int  # answers that were not 2xx, and failed connections
    seconds: float
    mean_ms: float
    p50_ms: float
    p95_ms: float

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0


class _Client(threading.Thread):
    def __init__(
        self, host: str, port: int, path: str, headers: Mapping[str, str], stop_at: float
    ) -> None:
        super().__init__(daemon=True)
        self.host, self.port, self.path = host, port, path
        self.headers = dict(headers)
        self.stop_at = stop_at
        self.start_at = 0.0
        self.latencies: list[float] = []
        self.errors = 0

    def run(self) -> None:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            while True:
                began = time.perf_counter()
                if began >= self.stop_at:
                    return
                try:
                    connection.request("GET", self.path, headers=self.headers)
                    response = connection.getresponse()
                    response.read()
                    ok = 200 <= response.status < 300
                    if response.will_close:
                        connection.close()
                except (OSError, http.client.HTTPException):
                    ok = False
                    connection.close()
                ended = time.perf_counter()
                if began >= self.start_at:
                    if ok:
                        self.latencies.append(ended - began)
                    else:
                        self.errors += 1
        finally:
            connection.close()


def measure(
    base_url: str,
    path: str,
    headers: Mapping[str, str],
    clients: int,
    *,
    seconds: float = 2.0,
    warmup: float = 0.3,
) -> Measurement:
    """Run ``clients`` closed-loop clients on ``GET path`` for ``warmup + seconds``; only
    requests started after the warm-up count."""
    parts = urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    now = time.perf_counter()
    start_at, stop_at = now + warmup, now + warmup + seconds
    threads = [_Client(host, port, path, headers, stop_at) for _ in range(clients)]
    for t in threads:
        t.start_at = start_at
        t.start()
    for t in threads:
        t.join(timeout=seconds + warmup + 60)
    latencies = np.array([x for t in threads for x in t.latencies]) * 1000
    errors = sum(t.errors for t in threads)
    if latencies.size == 0:
        return Measurement(clients, 0, errors, seconds, 0.0, 0.0, 0.0)
    p50, p95 = np.percentile(latencies, [50, 95])
    return Measurement(
        clients,
        int(latencies.size),
        errors,
        seconds,
        float(latencies.mean()),
        float(p50),
        float(p95),
    )
