"""Verification runs through the API: roles, a real run followed over Server-Sent Events,
the queue, cancelling (and the processes it stops), and a restart."""

from __future__ import annotations

import importlib.util
import itertools
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from server_support import World, live_server, make_app, seed, token_of

STEPS = ["generate", "setup", "tests", "lint", "security", "deploy", "api"]
ORDER = {"pending": 0, "running": 1, "passed": 2, "failed": 2, "skipped": 2}
needs_tools = pytest.mark.skipif(
    any(importlib.util.find_spec(m) is None for m in ("ruff", "bandit")),
    reason="InfraNest's environment lacks ruff or bandit",
)


def _events(lines: Iterator[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(event, data) pairs of a text/event-stream; comments (keep-alives) are skipped."""
    kind, data = "message", ""
    for line in lines:
        if line.startswith("event: "):
            kind = line.removeprefix("event: ")
        elif line.startswith("data: "):
            data += line.removeprefix("data: ")
        elif line == "" and data:
            yield kind, json.loads(data)
            kind, data = "message", ""


def _wait(condition: Any, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat")
    if stat.exists():
        try:
            return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except (OSError, IndexError):
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_starting_a_run_needs_an_editor_and_a_visible_version(world: World) -> None:
    url = f"{world.versions}/1/verify/fastapi"
    assert world.viewer.post(url).status_code == 403
    assert world.outsider.post(url).status_code == 404
    assert world.anonymous.post(url).status_code == 401
    assert world.editor.post(f"{world.versions}/1/verify/cobol").status_code == 404
    assert world.editor.post(f"{world.versions}/9/verify/fastapi").status_code == 404
    bad = world.editor.post(url, json={"skip": ["nap"]})
    assert bad.status_code == 422
    started = world.editor.post(url, json={"skip": ["api", "deploy", "api"]})
    assert started.status_code == 202
    run = started.json()
    assert (run["status"], run["version"], run["target"]) == ("queued", 1, "fastapi")
    assert run["options"]["skip"] == ["api", "deploy"]
    assert [s["name"] for s in run["steps"]] == STEPS
    assert run["counts"] == {"pending": len(STEPS)}
    assert run["duration"] is None
    default = world.editor.post(url).json()
    assert default["options"]["skip"] == ["deploy"]


def test_runs_are_listed_read_and_cancelled_by_role(world: World) -> None:
    url = f"{world.versions}/1/verify/fastapi"
    first = world.editor.post(url).json()["id"]
    second = world.owner.post(url).json()["id"]
    runs = f"/api/projects/{world.project}/verify-runs"
    assert [r["id"] for r in world.viewer.get(runs).json()] == [second, first]
    assert world.outsider.get(runs).status_code == 404
    one = f"/api/verify-runs/{first}"
    assert world.viewer.get(one).json()["status"] == "queued"
    assert world.outsider.get(one).status_code == 404
    assert world.anonymous.get(one).status_code == 401
    assert world.viewer.get("/api/verify-runs/999").status_code == 404
    assert world.viewer.post(f"{one}/cancel").status_code == 403
    assert world.outsider.post(f"{one}/cancel").status_code == 404
    cancelled = world.editor.post(f"{one}/cancel")
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    assert world.editor.post(f"{one}/cancel").status_code == 409
    assert world.viewer.get(f"/api/verify-runs/{second}").json()["status"] == "queued"
    assert world.outsider.get(f"{one}/events").status_code == 404


def test_a_finished_run_streams_one_done_event(world: World) -> None:
    run = world.editor.post(f"{world.versions}/1/verify/fastapi").json()
    world.editor.post(f"/api/verify-runs/{run['id']}/cancel")
    response = world.viewer.get(f"/api/verify-runs/{run['id']}/events")
    assert response.headers["content-type"].startswith("text/event-stream")
    events = list(_events(iter(response.text.splitlines())))
    assert [kind for kind, _ in events] == ["done"]
    assert events[0][1]["status"] == "cancelled"


def test_a_restart_marks_unfinished_runs_failed(tmp_path: Path, world: World) -> None:
    run = world.editor.post(f"{world.versions}/1/verify/fastapi").json()
    restarted = make_app(tmp_path)  # a new server on the same database
    client = TestClient(restarted, headers=world.viewer.headers)
    body = client.get(f"/api/verify-runs/{run['id']}").json()
    assert body["status"] == "failed"
    assert body["error"].startswith("interrupted")
    assert body["finished_at"] is not None


@needs_tools
def test_a_real_run_reports_progress_over_server_sent_events(tmp_path: Path) -> None:
    # InfraNest's own interpreter has ruff and bandit: lint and security run for real on the
    # generated project; tests (which need the project's own dependencies) are skipped.
    app = make_app(tmp_path, verify_python=Path(sys.executable))
    world = seed(app)
    headers = {"Authorization": f"Bearer {token_of(world.editor)}"}
    with live_server(app) as base:
        started = httpx.post(
            f"{base}{world.versions}/1/verify/fastapi",
            json={"skip": ["tests", "deploy", "api"]},
            headers=headers,
        )
        assert started.status_code == 202, started.text
        run_id = started.json()["id"]
        url = f"{base}/api/verify-runs/{run_id}/events"
        with httpx.stream("GET", url, headers=headers, timeout=600) as stream:
            assert stream.headers["content-type"].startswith("text/event-stream")
            events = list(_events(stream.iter_lines()))
        final = httpx.get(f"{base}/api/verify-runs/{run_id}", headers=headers).json()
    kinds = [kind for kind, _ in events]
    assert kinds[-1] == "done"
    assert "progress" in kinds
    assert set(kinds[:-1]) == {"progress"}
    for earlier, later in itertools.pairwise(events):
        for before, after in zip(earlier[1]["steps"], later[1]["steps"], strict=True):
            assert ORDER[after["status"]] >= ORDER[before["status"]], (before, after)
    statuses = {s["name"]: s["status"] for s in final["steps"]}
    assert statuses == {
        "generate": "passed",
        "setup": "passed",
        "tests": "skipped",
        "lint": "passed",
        "security": "passed",
        "deploy": "skipped",
        "api": "skipped",
    }
    assert final["status"] == "passed", final["log"]
    assert events[-1][1]["status"] == "passed"
    lint = next(s for s in final["steps"] if s["name"] == "lint")
    assert lint["counts"] == {"findings": 0}
    generated = next(s for s in final["steps"] if s["name"] == "generate")
    assert generated["counts"]["files"] > 10
    assert "lint: passed" in final["log"]
    assert final["duration"] > 0


def test_one_run_at_a_time_and_cancelling_stops_the_running_one(tmp_path: Path) -> None:
    # An "interpreter" that hangs: setup's check of it runs until the run is cancelled.
    pid_file = tmp_path / "hung.pid"
    hung = tmp_path / "hung-python"
    hung.write_text(f"#!/bin/sh\necho $$ > {pid_file}\nexec sleep 600\n", encoding="utf-8")
    hung.chmod(0o755)
    app = make_app(tmp_path, verify_python=hung)
    world = seed(app)
    headers = {"Authorization": f"Bearer {token_of(world.editor)}"}
    with live_server(app) as base:
        url = f"{base}{world.versions}/1/verify/fastapi"
        first = httpx.post(url, headers=headers).json()["id"]
        second = httpx.post(url, headers=headers).json()["id"]

        def run(run_id: int) -> dict[str, Any]:
            found: dict[str, Any] = httpx.get(
                f"{base}/api/verify-runs/{run_id}", headers=headers
            ).json()
            return found

        _wait(pid_file.exists, "setup to start the hung interpreter")
        pid = int(pid_file.read_text().strip())
        assert run(first)["status"] == "running"
        assert run(second)["status"] == "queued"
        setup = next(s for s in run(first)["steps"] if s["name"] == "setup")
        assert setup["status"] == "running"
        cancelled = httpx.post(f"{base}/api/verify-runs/{first}/cancel", headers=headers)
        assert cancelled.status_code == 200
        _wait(lambda: run(first)["status"] == "cancelled", "the first run to stop")
        _wait(lambda: not _alive(pid), "the hung process to be stopped")
        stopped = run(first)
        assert {s["name"]: s["status"] for s in stopped["steps"]}["setup"] == "failed"
        assert "cancelled" in stopped["log"]
        _wait(lambda: run(second)["status"] == "running", "the second run to start")
        _wait(lambda: pid_file.read_text().strip() not in ("", str(pid)), "its hung process")
        again = int(pid_file.read_text().strip())
        # Deleting the project stops its run in progress, and the queue goes on.
        owner = {"Authorization": f"Bearer {token_of(world.owner)}"}
        gone = httpx.delete(f"{base}/api/projects/{world.project}", headers=owner)
        assert gone.status_code == 204
        _wait(lambda: not _alive(again), "the second hung process to be stopped")
        assert httpx.get(f"{base}/api/verify-runs/{second}", headers=headers).status_code == 404
