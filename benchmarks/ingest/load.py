"""The ingestion benchmark's load: a 15-column model, events, and HTTP clients that post
them over keep-alive connections (``http.client``, one connection per thread)."""

from __future__ import annotations

import http.client
import io
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from infranest.monitor.schema import ColumnSpec, ModelSchema

MODEL = "bench"
CATEGORIES = ("a", "b", "c", "d", "e", "f", "g", "h")
SCHEMA = ModelSchema(
    model=MODEL,
    version="1",
    columns=(
        *(ColumnSpec(name=f"num_{i}") for i in range(10)),
        *(ColumnSpec(name=f"cat_{i}", kind="categorical", categories=CATEGORIES) for i in range(5)),
    ),
)
EVENTS_PATH = f"/v1/models/{MODEL}/versions/1/events"
PARQUET = "application/vnd.apache.parquet"


def event(event_id: str, n: int) -> dict[str, Any]:
    """One event of the benchmark model (values vary with ``n``)."""
    row: dict[str, Any] = {"event_id": event_id}
    for i in range(10):
        row[f"num_{i}"] = ((n * 7919 + i * 104729) % 10_000) / 100.0
    for i in range(5):
        row[f"cat_{i}"] = CATEGORIES[(n + i) % len(CATEGORIES)]
    return row


def parquet_body(prefix: str, rows: int) -> bytes:
    """``rows`` events as one Parquet file."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    table = pa.Table.from_pylist([event(f"{prefix}{n}", n) for n in range(rows)])
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


class Connection:
    """A keep-alive HTTP connection to the server that reconnects after an error."""

    def __init__(self, base_url: str, timeout: float = 60.0) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.timeout = timeout
        self._conn: http.client.HTTPConnection | None = None

    def post(self, path: str, body: bytes, media: str = "application/json") -> tuple[int, Any]:
        """(status, parsed answer); raises OSError / HTTPException when the server is gone."""
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            self._conn.request("POST", path, body=body, headers={"Content-Type": media})
            response = self._conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        return response.status, json.loads(data) if data else None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


@dataclass
class Tally:
    """What a group of client threads did: acknowledged events and request latencies."""

    acknowledged: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    failures: int = 0
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, ids: list[str], latency: float, ok: bool) -> None:
        with self.lock:
            self.latencies.append(latency)
            if ok:
                self.acknowledged.extend(ids)
            else:
                self.failures += 1


def percentiles(values: list[float]) -> dict[str, float]:
    """p50/p95/p99/max of ``values`` (seconds) in milliseconds."""
    if not values:
        return {"p50_ms": 0.0, "p95_ms": 0.0, "p99_ms": 0.0, "max_ms": 0.0}
    p50, p95, p99 = np.percentile(np.asarray(values), [50, 95, 99]) * 1000
    return {
        "p50_ms": float(p50),
        "p95_ms": float(p95),
        "p99_ms": float(p99),
        "max_ms": max(values) * 1000,
    }


def worker(
    base_url: str,
    batch: int,
    tag: str,
    tally: Tally,
    keep_going: Callable[[], bool],
) -> None:
    """Post batches of ``batch`` events (a bare object when 1) while ``keep_going()``."""
    conn = Connection(base_url)
    n = 0
    try:
        while keep_going():
            ids = [f"{tag}-{n + i}" for i in range(batch)]
            rows = [event(eid, n + i) for i, eid in enumerate(ids)]
            body = json.dumps(rows[0] if batch == 1 else rows).encode()
            n += batch
            start = time.perf_counter()
            try:
                status, answer = conn.post(EVENTS_PATH, body)
            except (OSError, http.client.HTTPException) as exc:
                with tally.lock:
                    tally.failures += 1
                    tally.errors.append(type(exc).__name__)
                if not keep_going():
                    return
                time.sleep(0.05)
                continue
            ok = status == 200 and isinstance(answer, dict) and answer.get("accepted") == batch
            tally.record(ids, time.perf_counter() - start, ok)
    finally:
        conn.close()


def run_clients(
    base_url: str,
    clients: int,
    batch: int,
    tag: str,
    keep_going: Callable[[], bool],
    tally: Tally | None = None,
) -> tuple[Tally, float]:
    """``clients`` threads posting until ``keep_going()`` turns False; (tally, elapsed s)."""
    tally = tally if tally is not None else Tally()
    threads = [
        threading.Thread(target=worker, args=(base_url, batch, f"{tag}{c}", tally, keep_going))
        for c in range(clients)
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.perf_counter() - start


def for_seconds(duration: float) -> Callable[[], bool]:
    deadline = time.monotonic() + duration
    return lambda: time.monotonic() < deadline
