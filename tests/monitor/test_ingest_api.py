"""The ingestion API served for real (``infranest monitor serve`` in a child process):
single events, JSON batches, Parquet and Arrow uploads, labels, API keys, bad input, and
every acknowledged event still stored after the server is killed with SIGKILL."""

from __future__ import annotations

import http.client
import io
import os
import signal
import threading
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest
from monitor_support import SCHEMA, event, get, post, serve

from infranest.monitor.store import open_store

KEY = {"X-API-Key": "k-123"}


def _url(base: str, tail: str = "events") -> str:
    return f"{base}/v1/models/churn/versions/1/{tail}"


def test_the_whole_ingestion_api(tmp_path: Path) -> None:
    store = f"duckdb:{tmp_path / 'm.duckdb'}"
    with serve(store, tmp_path / "server.log", "--api-key", "k-123") as server:
        server.wait_healthy(60)
        base = server.base_url
        assert post(f"{base}/v1/models", SCHEMA.model_dump(mode="json"))[0] == 401
        status, body = post(f"{base}/v1/models", SCHEMA.model_dump(mode="json"), KEY)
        assert (status, body["created"]) == (201, True)
        assert post(f"{base}/v1/models", SCHEMA.model_dump(mode="json"), KEY)[0] == 200
        status, body = post(f"{base}/v1/models", {"model": "x", "columns": []}, KEY)
        assert status == 422
        assert body["detail"].startswith("columns:")

        status, body = post(_url(base), event(1), KEY)  # one event
        assert (status, body["stored"], body["rejected"]) == (200, 1, [])
        status, body = post(_url(base), [event(2), event(3, age="x"), event(1)], KEY)
        assert (status, body["accepted"], body["stored"], body["duplicates"]) == (200, 2, 1, 1)
        assert body["rejected"] == [
            {"row": 2, "field": "age", "reason": "got string 'x'; expected a number"}
        ]
        status, body = post(_url(base), {"events": [event(4, extra=1)]}, KEY)
        assert body["schema_changes"]["new_columns"] == ["extra"]
        status, body = post(_url(base), [event(5, score=None)], KEY)
        assert status == 422  # every row rejected

        table = pa.Table.from_pylist([event(n) for n in range(10, 20)])
        parquet = io.BytesIO()
        pq.write_table(table, parquet)
        headers = {**KEY, "Content-Type": "application/vnd.apache.parquet"}
        status, body = post(_url(base), parquet.getvalue(), headers)
        assert (status, body["stored"]) == (200, 10)
        stream = io.BytesIO()
        with pa.ipc.new_stream(stream, table.schema) as writer:
            writer.write_table(pa.Table.from_pylist([event(n) for n in range(20, 25)]))
        headers["Content-Type"] = "application/vnd.apache.arrow.stream"
        assert post(_url(base), stream.getvalue(), headers)[1]["stored"] == 5
        assert post(_url(base), b"garbage", headers)[0] == 400
        assert post(_url(base), b"a,b", {**KEY, "Content-Type": "text/csv"})[0] == 415

        status, body = post(_url(base, "labels"), [{"event_id": "e1", "label": True}], KEY)
        assert (status, body["stored"]) == (200, 1)
        status, body = post(_url(base, "labels"), [{"event_id": "e2", "label": "y"}], KEY)
        assert status == 422
        assert body["rejected"][0]["field"] == "label"

        assert post(f"{base}/v1/models/nope/versions/1/events", event(1), KEY)[0] == 404
        status, info = get(f"{base}/v1/models/churn/versions/1", KEY)
        assert (status, info["events"]) == (200, 1 + 1 + 1 + 10 + 5)
    reopened = open_store(store)
    try:
        rows = {r["event_id"]: r for r in reopened.frame(SCHEMA).to_pylist()}
        assert rows["e1"]["label"] is True
        assert rows["e13"]["plan"] == "pro"
    finally:
        reopened.close()


@pytest.mark.slow
def test_every_acknowledged_event_survives_a_kill_9(tmp_path: Path) -> None:
    store = f"duckdb:{tmp_path / 'm.duckdb'}"
    acknowledged: list[str] = []
    stop = threading.Event()
    with serve(store, tmp_path / "server.log") as server:
        server.wait_healthy(60)
        base = server.base_url
        post(f"{base}/v1/models", SCHEMA.model_dump(mode="json"))

        def load(worker: int) -> None:
            n = worker * 1_000_000
            while not stop.is_set():
                batch = [event(n + i) for i in range(50)]
                n += 50
                try:
                    status, _ = post(_url(base), batch)
                except (OSError, http.client.HTTPException):
                    return
                if status == 200:
                    acknowledged.extend(e["event_id"] for e in batch)

        threads = [threading.Thread(target=load, args=(w,)) for w in range(3)]
        for thread in threads:
            thread.start()
        while len(acknowledged) < 3000:
            threading.Event().wait(0.05)
        assert server.pid is not None
        os.killpg(server.pid, signal.SIGKILL)
        stop.set()
        for thread in threads:
            thread.join(30)
    reopened = open_store(store)
    try:
        stored = set(reopened.frame(SCHEMA).column("event_id").to_pylist())
    finally:
        reopened.close()
    missing = [e for e in acknowledged if e not in stored]
    assert len(acknowledged) >= 3000
    assert missing == []
