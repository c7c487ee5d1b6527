"""The SDK against a real ingestion server: batches in the background, retries until the
server is there, never blocks or raises into the caller, and says what happened."""

from __future__ import annotations

import time
from pathlib import Path

from monitor_support import SCHEMA, event, post, serve

from infranest.monitor.sdk import MonitorClient
from infranest.monitor.store import open_store
from infranest.verify.server import free_port


def _stored(store: str) -> set[str]:
    opened = open_store(store)
    try:
        return set(opened.frame(SCHEMA).column("event_id").to_pylist())
    finally:
        opened.close()


def test_events_are_batched_delivered_and_bad_ones_counted(tmp_path: Path) -> None:
    store = f"duckdb:{tmp_path / 'm.duckdb'}"
    with serve(store, tmp_path / "server.log") as server:
        server.wait_healthy(60)
        post(f"{server.base_url}/v1/models", SCHEMA.model_dump(mode="json"))
        client = MonitorClient(server.base_url, "churn", "1", batch_size=200, flush_interval=0.2)
        for n in range(2000):
            assert client.log(event(n)) is True
        client.log(event(5000, age="old"))
        client.label("e7", True)
        assert client.flush(60)
        client.close()
        assert client.stats.sent == 2001  # 2000 events and one label
        assert client.stats.rejected == 1
        assert client.stats.dropped == 0
        assert client.stats.batches >= 10  # batched, not one request per event
    assert len(_stored(store)) == 2000


def test_events_logged_while_the_server_is_down_arrive_when_it_comes_up(
    tmp_path: Path,
) -> None:
    store = f"duckdb:{tmp_path / 'm.duckdb'}"
    setup = open_store(store)
    setup.register(SCHEMA)
    setup.close()
    port = free_port()
    client = MonitorClient(
        f"http://127.0.0.1:{port}", "churn", "1", flush_interval=0.05, max_retries=12
    )
    for n in range(100):
        client.log(event(n))  # nothing listens yet: must neither block nor raise
    time.sleep(0.5)
    assert client.stats.sent == 0
    with serve(store, tmp_path / "server.log", port=port) as server:
        server.wait_healthy(60)
        assert client.flush(60)
        client.close()
    assert client.stats.sent == 100
    assert client.stats.retries > 0
    assert len(_stored(store)) == 100


def test_a_full_queue_drops_and_counts_instead_of_blocking() -> None:
    client = MonitorClient(
        f"http://127.0.0.1:{free_port()}", "churn", "1", max_queue=10, max_retries=0
    )
    results = [client.log(event(n)) for n in range(500)]
    assert results.count(False) > 0
    assert client.stats.dropped >= results.count(False)
    client.close(timeout=2)
    assert client.log(event(1)) is False  # closed: dropped, still no exception


def test_a_client_given_the_schema_registers_it_before_its_first_batch(tmp_path: Path) -> None:
    store = f"duckdb:{tmp_path / 'm.duckdb'}"
    with serve(store, tmp_path / "server.log") as server:
        server.wait_healthy(60)
        schema = SCHEMA.model_dump(mode="json")
        client = MonitorClient(server.base_url, "churn", "1", flush_interval=0.05, schema=schema)
        for n in range(20):
            client.log(event(n))
        assert client.flush(60)
        client.close()
        assert (client.stats.sent, client.stats.dropped) == (20, 0)
        # A second client with other columns for the same version is refused: 409, dropped.
        other = {**schema, "columns": [{"name": "x"}]}
        refused = MonitorClient(server.base_url, "churn", "1", flush_interval=0.05, schema=other)
        refused.log({"event_id": "x1", "x": 1.0})
        assert refused.flush(60)
        refused.close()
        assert (refused.stats.sent, refused.stats.dropped) == (0, 1)
    assert len(_stored(store)) == 20
