"""The demo workspace: everything a first look needs, created once."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from server_support import make_app

from infranest.server.demo import DEMO_EMAIL, DEMO_PASSWORD


def _signed_in(client: TestClient) -> TestClient:
    login = client.post("/api/auth/login", json={"email": DEMO_EMAIL, "password": DEMO_PASSWORD})
    assert login.status_code == 200, login.text
    client.headers["Authorization"] = f"Bearer {login.json()['token']}"
    return client


def _snapshot(client: TestClient) -> dict[str, object]:
    workspaces = client.get("/api/workspaces").json()
    ws = workspaces[0]["id"]
    projects = client.get(f"/api/workspaces/{ws}/projects").json()
    pid = projects[0]["id"]
    monitor = f"/api/workspaces/{ws}/monitor"
    return {
        "workspaces": [(w["name"], w["role"]) for w in workspaces],
        "projects": [(p["name"], p["latest_version"]) for p in projects],
        "versions": [v["number"] for v in client.get(f"/api/projects/{pid}/versions").json()],
        "runs": [r["id"] for r in client.get(f"/api/projects/{pid}/verify-runs").json()],
        "models": [(m["model"], m["events"]) for m in client.get(f"{monitor}/models").json()],
        "rules": [r["id"] for r in client.get(f"{monitor}/alerts").json()["rules"]],
        "history": len(client.get(f"{monitor}/alerts/history").json()),
    }


def test_the_demo_has_content_on_every_screen_and_a_restart_adds_nothing(tmp_path: Path) -> None:
    first = _signed_in(TestClient(make_app(tmp_path, demo=True)))
    before = _snapshot(first)
    assert before["workspaces"] == [("Demo workspace", "owner")]
    assert before["projects"] == [("Shop", 2)]
    assert before["versions"] == [2, 1]
    assert len(before["runs"]) == 1  # type: ignore[arg-type]
    assert before["models"] == [("churn", 2000)]
    assert before["rules"] == ["churn-drift", "churn-spend"]
    assert before["history"]
    ws = first.get("/api/workspaces").json()[0]["id"]
    pid = first.get(f"/api/workspaces/{ws}/projects").json()[0]["id"]
    diff = first.get(f"/api/projects/{pid}/diff", params={"old": 1, "new": 2}).json()
    assert diff["summary"]["total"] == 2
    churn = f"/api/workspaces/{ws}/monitor/models/churn/versions/1"
    drift = first.get(f"{churn}/drift", params={"windows": 8}).json()["windows"]
    assert [w["events"] for w in drift] == [250] * 8
    assert drift[-1]["drift_share"] > drift[0]["drift_share"]
    performance = first.get(f"{churn}/performance", params={"windows": 8}).json()["windows"]
    assert performance[0]["metrics"]["accuracy"] is not None
    # Every event is labelled but the newest hour's (their labels have not come yet).
    assert [w["labelled"] for w in performance] == [250] * 7 + [0]
    cause = first.get(f"{churn}/rootcause").json()
    assert cause["features"][0]["drifted"]
    assert cause["segments"][0]["value"] == "apac"

    again = _signed_in(TestClient(make_app(tmp_path, demo=True)))
    after = _snapshot(again)
    assert after == before | {"history": after["history"]}
    assert after["history"] == before["history"]
    run = again.get(f"/api/verify-runs/{after['runs'][0]}").json()  # type: ignore[index]
    assert run["status"] == "failed"  # the first server stopped before it ran
