"""A generated service feeds a real monitor: its prediction endpoint's event lands in a
running ``infranest monitor serve`` (both real processes; slow: installs the service)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import pytest
from monitor_support import get, post, serve

from infranest.generate import generate
from infranest.monitor.store import open_store
from infranest.spec.loader import load_text
from infranest.verify.server import Server, free_port

pytestmark = pytest.mark.slow

SPEC = """
project scoring "Churn scoring" {
  auth none
  database postgresql
}

enum Plan { free, pro, team }

entity Customer {
  name: string
}

model churn "Will a customer cancel?" {
  task classification
  version "3"
  feature plan: Plan
  feature seats: int
  feature spend: decimal
  prediction will_churn: bool
  score churn_probability: float
  labels
  segments plan
}
"""
FEATURES = {"plan": "team", "seats": 12, "spend": "149.90"}


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    done = subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=900, env=env, check=False
    )
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


def _events(monitor: str) -> int:
    status, body = get(f"{monitor}/v1/models/churn/versions/3", {"X-API-Key": "k1"})
    return int(body["events"]) if status == 200 else 0


@pytest.mark.parametrize("target", ["fastapi", "django"])
def test_a_prediction_reaches_the_running_monitor(target: str, tmp_path: Path) -> None:
    service = tmp_path / "service"
    generate(load_text(SPEC, "scoring.nest").spec, target, service)
    _run([sys.executable, "-m", "venv", ".venv"], service)
    _run([".venv/bin/pip", "install", "-q", "-r", "requirements.txt"], service)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COV_", "PYTEST_"))}
    env.update(
        ENVIRONMENT="test",
        DATABASE_URL=f"sqlite:///{service / 'app.db'}",
        SECRET_KEY="a-secret-for-this-test-only",
        RATE_LIMIT_ENABLED="false",
    )
    declared = tomllib.loads((service / "pyproject.toml").read_text())["tool"]["infranest"]
    migrate = declared["migrate"]
    _run([f".venv/bin/{migrate[0]}", *migrate[1:]], service, env)
    store = f"duckdb:{tmp_path / 'monitor.duckdb'}"
    with serve(store, tmp_path / "monitor.log", "--api-key", "k1") as monitor:
        monitor.wait_healthy(60)
        port = free_port()
        serve_cmd = [part.replace("{port}", str(port)) for part in declared["serve"]]
        command = [f".venv/bin/{serve_cmd[0]}", *serve_cmd[1:]]
        env.update(MONITOR_URL=monitor.base_url, MONITOR_API_KEY="k1")
        with Server(command, port=port, cwd=service, env=env, log=tmp_path / "service.log") as app:
            app.wait_healthy(120)
            status, answer = post(f"{app.base_url}/models/churn/predict", FEATURES)
            assert status == 200, answer
            bad = {**FEATURES, "seats": "many"}
            assert post(f"{app.base_url}/models/churn/predict", bad)[0] == 422
            deadline = time.monotonic() + 60  # the client sends in the background
            while _events(monitor.base_url) < 1 and time.monotonic() < deadline:
                time.sleep(0.2)
    opened = open_store(store)
    try:
        schema = opened.require("churn", "3")
        rows: list[dict[str, Any]] = opened.frame(schema).to_pylist()
    finally:
        opened.close()
    assert [r["event_id"] for r in rows] == [answer["event_id"]]
    row = rows[0]
    assert (row["plan"], row["seats"], row["spend"]) == ("team", 12.0, 149.9)
    assert row["will_churn"] == answer["will_churn"]
    assert row["churn_probability"] == answer["churn_probability"]
    assert [c.role for c in schema.columns if c.name == "plan"] == ["segment"]
