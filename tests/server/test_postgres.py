"""The server on PostgreSQL: its own tables (migrations included) and the monitor store, one
schema per workspace. Runs when INFRANEST_TEST_DATABASE_URL names a server (CI starts one
with scripts/postgres.sh); each test gets a database of its own."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient
from server_support import make_app, seed

from infranest.server.monitoring import Stores

POSTGRES = os.environ.get("INFRANEST_TEST_DATABASE_URL")
pytestmark = pytest.mark.skipif(POSTGRES is None, reason="INFRANEST_TEST_DATABASE_URL not set")


@pytest.fixture
def database() -> Iterator[str]:
    """A fresh database's URL, dropped afterwards."""
    assert POSTGRES is not None
    name = f"infranest_server_{secrets.token_hex(4)}"
    with psycopg.connect(POSTGRES, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = POSTGRES.rpartition("/")
    yield f"{base}/{name}"
    with psycopg.connect(POSTGRES, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_server_and_its_monitor_run_on_postgresql(tmp_path: Path, database: str) -> None:
    sqlalchemy_url = database.replace("postgresql://", "postgresql+psycopg://", 1)
    app = make_app(tmp_path, database_url=sqlalchemy_url, monitor_store=database)
    world = seed(app)
    run = world.editor.post(f"{world.versions}/1/verify/fastapi")
    assert run.status_code == 202
    base = f"/api/workspaces/{world.workspace}/monitor"
    schema = {"model": "m", "columns": [{"name": "x"}, {"name": "c", "kind": "categorical"}]}
    assert world.editor.post(f"{base}/v1/models", json=schema).status_code == 201
    rows = [{"event_id": str(i), "x": float(i % 7), "c": "ab"[i % 2]} for i in range(60)]
    for part in ("reference", "events"):
        sent = world.editor.post(f"{base}/v1/models/m/versions/1/{part}", json=rows)
        assert sent.json()["stored"] == 60
    drift = world.viewer.get(f"{base}/models/m/versions/1/drift", params={"windows": 1}).json()
    assert drift["windows"][0]["events"] == 60
    assert not any(f["drifted"] for f in drift["windows"][0]["features"])
    with psycopg.connect(database) as con:
        schemas = [r[0] for r in con.execute("SELECT nspname FROM pg_namespace").fetchall()]
    assert f"infranest_ws_{world.workspace}" in schemas
    restarted = make_app(tmp_path, database_url=sqlalchemy_url, monitor_store=database)
    again = TestClient(restarted, headers=world.viewer.headers)
    assert again.get(f"/api/verify-runs/{run.json()['id']}").json()["status"] == "failed"
    for server in (app, restarted):
        stores: Stores = server.state.monitor
        stores.close()
        server.state.db.engine.dispose()
