"""The Python SDK: log prediction events from a service without slowing or breaking it.

``log()`` only puts the event on a bounded in-memory queue and returns at once (False,
and the event counted as dropped, when the queue is full). A background thread sends
batches to the ingestion API, retrying connection errors, 429 and 5xx answers with
exponential backoff. Nothing the SDK does raises into the caller; ``stats`` says what
happened. ``flush()`` waits for the queue to drain; ``close()`` flushes and stops.

    client = MonitorClient("http://127.0.0.1:8700", "churn", "1", api_key="...")
    client.log({"event_id": "e1", "age": 42, "plan": "pro", "churn": True})

Given the model's ``schema`` (the JSON ``POST /v1/models`` takes), the client registers it
before its first batch (already registered with the same columns is fine). The module uses
the standard library only: generated services vendor it (``infranest.monitor.vendor``).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import queue
import random
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

log = logging.getLogger("infranest.monitor.sdk")
_STOP = object()


@dataclass
class Stats:
    queued: int = 0
    sent: int = 0  # accepted by the server (stored or already there)
    rejected: int = 0  # refused by the server's validation (reason in the log)
    dropped: int = 0  # queue full, or retries exhausted
    batches: int = 0
    retries: int = 0


class MonitorClient:
    def __init__(
        self,
        url: str,
        model: str,
        version: str = "1",
        *,
        api_key: str | None = None,
        batch_size: int = 500,
        flush_interval: float = 1.0,
        max_queue: int = 100_000,
        max_retries: int = 8,
        timeout: float = 10.0,
        schema: Mapping[str, Any] | None = None,
    ) -> None:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"monitor URL must be http:// or https://, got {url!r}")
        base = url.rstrip("/")
        self.base = base
        self.schema = dict(schema) if schema is not None else None
        self._registered = schema is None
        self.endpoint = (
            f"{base}/v1/models/{quote(model, safe='')}/versions/{quote(version, safe='')}"
        )
        self.api_key = api_key
        self.batch_size = max(1, batch_size)
        self.flush_interval = flush_interval
        self.max_retries = max_retries
        self.timeout = timeout
        self.stats = Stats()
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=max_queue)
        self._pending = 0
        self._idle = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="infranest-monitor", daemon=True)
        self._thread.start()
        atexit.register(self.close, 2.0)

    # --- the caller's side (never raises, never blocks) ----------------------------

    def log(self, event: Mapping[str, Any]) -> bool:
        return self._put(("events", dict(event)))

    def label(self, event_id: str, label: Any) -> bool:
        return self._put(("labels", {"event_id": event_id, "label": label}))

    def _put(self, item: tuple[str, dict[str, Any]]) -> bool:
        if self._closed:
            self.stats.dropped += 1
            return False
        try:
            with self._idle:
                self._queue.put_nowait(item)
                self._pending += 1
            self.stats.queued += 1
            return True
        except queue.Full:
            self.stats.dropped += 1
            return False

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything queued so far was sent (or given up); True if drained."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._idle:
            while self._pending > 0:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._idle.wait(left if left is not None else 0.5)
        return True

    def close(self, timeout: float = 5.0) -> None:
        if self._closed:
            return
        self.flush(timeout)
        self._closed = True
        with contextlib.suppress(queue.Full):
            self._queue.put(_STOP, timeout=timeout)
        self._thread.join(timeout)

    # --- the background thread -----------------------------------------------------

    def _take(self) -> tuple[list[tuple[str, dict[str, Any]]], bool]:
        items: list[tuple[str, dict[str, Any]]] = []
        deadline = time.monotonic() + self.flush_interval
        while len(items) < self.batch_size:
            wait = deadline - time.monotonic() if items else self.flush_interval
            try:
                item = self._queue.get(timeout=max(wait, 0.001))
            except queue.Empty:
                break
            if item is _STOP:
                return items, True
            items.append(item)
        return items, False

    def _run(self) -> None:
        while True:
            items, stop = self._take()
            for kind in ("events", "labels"):
                rows = [row for k, row in items if k == kind]
                if rows:
                    try:
                        self._send(kind, rows)
                    except Exception:  # never let the thread die
                        log.exception("infranest monitor: unexpected error; batch dropped")
                        self.stats.dropped += len(rows)
            if items:
                with self._idle:
                    self._pending -= len(items)
                    self._idle.notify_all()
            if stop:
                return

    def _register(self) -> bool:
        """Register the schema once (before the first batch); False when it cannot be."""
        if self._registered:
            return True
        body = json.dumps(self.schema).encode()
        status, answer = self._deliver(f"{self.base}/v1/models", body)
        if status in (200, 201):
            self._registered = True
            return True
        log.error("infranest monitor: registering the model failed: %s %s", status, answer)
        return False

    def _send(self, kind: str, rows: list[dict[str, Any]]) -> None:
        if not self._register():
            self.stats.dropped += len(rows)
            return
        body = json.dumps(rows, default=str).encode()
        status, answer = self._deliver(f"{self.endpoint}/{kind}", body)
        if status in (200, 201, 422):
            rejected = len(answer.get("rejected", [])) if isinstance(answer, dict) else 0
            self.stats.batches += 1
            self.stats.rejected += rejected
            self.stats.sent += len(rows) - rejected
            if rejected:
                log.warning("infranest monitor: %d row(s) rejected: %s", rejected, answer)
            return
        if status is None:
            log.error("infranest monitor: gave up on a batch of %d after retries", len(rows))
        else:
            log.error("infranest monitor: %s answered %s %s; batch dropped", kind, status, answer)
        self.stats.dropped += len(rows)

    def _deliver(self, url: str, body: bytes) -> tuple[int | None, Any]:
        """POST with retries (connection errors, 429, 5xx: exponential backoff with jitter);
        the final answer, or ``(None, last answer)`` when the retries ran out."""
        answer: Any = None
        for attempt in range(self.max_retries + 1):
            status, answer = self._post(url, body)
            if status is not None and status < 500 and status != 429:
                return status, answer
            if attempt < self.max_retries:
                self.stats.retries += 1
                time.sleep(min(5.0, 0.1 * 2**attempt) * (0.5 + random.random()))  # nosec B311
        return None, answer

    def _post(self, url: str, body: bytes) -> tuple[int | None, Any]:
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["X-API-Key"] = self.api_key
        # The URL is the configured monitor's, checked to be http(s) in __init__.
        request = urllib.request.Request(  # nosec B310
            url, data=body, headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # nosec B310
                return int(response.status), _json(response.read())
        except urllib.error.HTTPError as exc:
            return int(exc.code), _json(exc.read())
        except (OSError, ValueError):
            return None, None


def _json(data: bytes) -> Any:
    try:
        return json.loads(data)
    except ValueError:
        return data[:200].decode(errors="replace")
