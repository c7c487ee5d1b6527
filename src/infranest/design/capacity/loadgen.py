"""A closed-loop HTTP load generator: N clients, each sending its next request as soon as
the last one answered, over a kept-alive connection, for a fixed time.

Runs in threads of this process (the requests wait on sockets, not on Python), so it needs
nothing installed; on a small machine it shares the CPU with the service it measures,
which the calibration accounts for by measuring the same way it predicts. Given the
service's process id, a run also measures the CPU time the service spent (cputime.py):
then the warm-up is a separate run, so that every request of the measured run counts and
the CPU time divides by exactly the requests that used it.
"""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import numpy as np

from infranest.design.capacity.cputime import CpuSample


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
    server_cpu_s: float | None = None  # the service's CPU seconds over all the requests
    client_cpu_s: float | None = None  # this process's (the load generator's)
    server_ms_runs: tuple[float, ...] = ()  # CPU ms per request of each repeat, if several

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    @property
    def server_ms(self) -> float | None:
        """The service's CPU milliseconds per request (answered or failed)."""
        if self.server_cpu_s is None or self.requests + self.errors == 0:
            return None
        return self.server_cpu_s * 1000 / (self.requests + self.errors)

    @property
    def client_ms(self) -> float | None:
        """The load generator's CPU milliseconds per request."""
        if self.client_cpu_s is None or self.requests + self.errors == 0:
            return None
        return self.client_cpu_s * 1000 / (self.requests + self.errors)


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
    server_pid: int | None = None,
) -> Measurement:
    """Run ``clients`` closed-loop clients on ``GET path`` for ``warmup + seconds``; only
    requests started after the warm-up count. With ``server_pid`` the warm-up runs first
    on its own and the service's CPU time over the measured requests is recorded."""
    if server_pid is not None and warmup > 0:
        measure(base_url, path, headers, clients, seconds=warmup, warmup=0.0)
        warmup = 0.0
    parts = urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    before = CpuSample.take(server_pid) if server_pid is not None else None
    now = time.perf_counter()
    start_at, stop_at = now + warmup, now + warmup + seconds
    threads = [_Client(host, port, path, headers, stop_at) for _ in range(clients)]
    for t in threads:
        t.start_at = start_at
        t.start()
    for t in threads:
        t.join(timeout=seconds + warmup + 60)
    spent = None
    if before is not None and server_pid is not None:
        spent = before.until(CpuSample.take(server_pid))
    latencies = np.array([x for t in threads for x in t.latencies]) * 1000
    errors = sum(t.errors for t in threads)
    server_cpu = spent.server if spent else None
    client_cpu = spent.client if spent else None
    if latencies.size == 0:
        return Measurement(clients, 0, errors, seconds, 0.0, 0.0, 0.0, server_cpu, client_cpu)
    p50, p95 = np.percentile(latencies, [50, 95])
    return Measurement(
        clients,
        int(latencies.size),
        errors,
        seconds,
        float(latencies.mean()),
        float(p50),
        float(p95),
        server_cpu,
        client_cpu,
    )
