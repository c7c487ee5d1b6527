"""The monitor in the server: ingestion with workspace API keys, the dashboards' reads
(drift per window, distributions, performance, root cause) and alerts, by role."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from server_support import World, live_server

from infranest.monitor.sdk import MonitorClient

SCHEMA = {
    "model": "fraud",
    "version": "1",
    "columns": [
        {"name": "x", "kind": "numeric"},
        {"name": "color", "kind": "categorical"},
        {"name": "seg", "kind": "categorical", "role": "segment"},
        {"name": "pred", "kind": "boolean", "role": "prediction"},
        {"name": "y", "kind": "boolean", "role": "label"},
    ],
}
# Dashboards' windows start on the hour: the test's data is laid out the same way.
NOW = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
HOUR = timedelta(hours=1)


def _rows(
    prefix: str, n: int, start: datetime, shift: float, seed: int, labels: bool = True
) -> list[dict[str, Any]]:
    rng = np.random.default_rng(seed)
    x = rng.normal(shift, 1.0, n)
    colors = rng.choice(["red", "blue"], n, p=[0.5, 0.5] if not shift else [0.1, 0.9])
    truth = rng.random(n) < 0.5
    pred = truth ^ (rng.random(n) < (0.1 if not shift else 0.4))
    return [
        {
            "event_id": f"{prefix}{i}",
            "timestamp": (start + HOUR * (i / n)).isoformat(),
            "x": float(x[i]),
            "color": str(colors[i]),
            "seg": "a" if i % 2 else "b",
            "pred": bool(pred[i]),
            "y": bool(truth[i]) if labels else None,
        }
        for i in range(n)
    ]


@pytest.fixture
def key(world: World) -> str:
    created = world.owner.post(f"/api/workspaces/{world.workspace}/api-keys", json={"name": "k"})
    value: str = created.json()["key"]
    return value


def _base(world: World) -> str:
    return f"/api/workspaces/{world.workspace}/monitor"


def _ingest(world: World, key: str) -> dict[str, list[dict[str, Any]]]:
    """Register the model and send a reference, a calm window and a shifted window."""
    ingest = f"{_base(world)}/v1/models"
    headers = {"X-API-Key": key}
    assert world.anonymous.post(ingest, json=SCHEMA, headers=headers).status_code == 201
    data = {
        "reference": _rows("r", 400, NOW - 30 * HOUR, 0.0, 1, labels=False),
        "calm": _rows("c", 150, NOW - 2 * HOUR, 0.0, 2),
        "shifted": _rows("s", 150, NOW - HOUR, 1.5, 3),
    }
    model = f"{ingest}/fraud/versions/1"
    sent = world.anonymous.post(f"{model}/reference", json=data["reference"], headers=headers)
    assert sent.json()["stored"] == 400
    for name in ("calm", "shifted"):
        sent = world.anonymous.post(f"{model}/events", json={"events": data[name]}, headers=headers)
        assert sent.status_code == 200, sent.text
        assert sent.json()["stored"] == 150
    return data


def test_ingestion_takes_the_workspaces_keys_and_editors_only(world: World, key: str) -> None:
    url = f"{_base(world)}/v1/models"
    assert world.anonymous.post(url, json=SCHEMA).status_code == 401
    assert world.viewer.post(url, json=SCHEMA).status_code == 403
    assert world.outsider.post(url, json=SCHEMA).status_code == 404
    created = world.anonymous.post(url, json=SCHEMA, headers={"X-API-Key": key})
    assert (created.status_code, created.json()["created"]) == (201, True)
    again = world.editor.post(url, json=SCHEMA)
    assert (again.status_code, again.json()["created"]) == (200, False)
    other = {**SCHEMA, "columns": SCHEMA["columns"][:2]}
    assert world.editor.post(url, json=other).status_code == 409
    bearer = {"Authorization": f"Bearer {key}"}
    events = f"{url}/fraud/versions/1/events"
    one = _rows("e", 1, NOW, 0.0, 9)[0]
    assert world.anonymous.post(events, json=one, headers=bearer).json()["stored"] == 1
    mine = world.outsider.post("/api/workspaces", json={"name": "Elsewhere"}).json()["id"]
    foreign = f"/api/workspaces/{mine}/monitor/v1/models"
    assert world.anonymous.post(foreign, json=SCHEMA, headers={"X-API-Key": key}).status_code == 401


def test_a_revoked_key_is_401(world: World, key: str) -> None:
    url = f"{_base(world)}/v1/models"
    keys = world.owner.get(f"/api/workspaces/{world.workspace}/api-keys").json()
    world.owner.delete(f"/api/workspaces/{world.workspace}/api-keys/{keys[0]['id']}")
    refused = world.anonymous.post(url, json=SCHEMA, headers={"X-API-Key": key})
    assert refused.status_code == 401
    assert "not valid" in refused.json()["detail"]


def test_bad_rows_are_rejected_with_row_and_field_and_labels_join(world: World, key: str) -> None:
    _ingest(world, key)
    model = f"{_base(world)}/v1/models/fraud/versions/1"
    good, bad = _rows("z", 2, NOW - HOUR, 0.0, 4)
    bad["x"] = "lots"
    result = world.editor.post(f"{model}/events", json=[good, bad]).json()
    assert (result["stored"], result["rejected"][0]["row"], result["rejected"][0]["field"]) == (
        1,
        2,
        "x",
    )
    labels = world.editor.post(f"{model}/labels", json=[{"event_id": "z0", "label": False}])
    assert labels.json() == {"stored": 1, "rejected": []}
    assert (
        world.editor.post(f"{_base(world)}/v1/models/nope/versions/1/events", json=[]).status_code
        == 404
    )


def test_a_parquet_upload_is_validated_column_wise_with_a_reason_per_row(
    world: World, key: str
) -> None:
    _ingest(world, key)
    model = f"{_base(world)}/v1/models/fraud/versions/1"
    rows = _rows("p", 4, NOW - HOUR, 0.0, 5)
    table = pa.table(
        {
            "event_id": pa.array(["p0", None, "p2", "p3"], pa.string()),
            "timestamp": pa.array([datetime.fromisoformat(r["timestamp"]) for r in rows]),
            # Decimals are numbers column-wise (the row path would refuse Decimal values).
            "x": pa.array([1.25, 2.5, 3.75, 5.0]).cast(pa.decimal128(6, 2)),
            "color": [r["color"] for r in rows],
            "seg": [r["seg"] for r in rows],
            "pred": [r["pred"] for r in rows],
            "y": [r["y"] for r in rows],
        }
    )
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    sent = world.anonymous.post(
        f"{model}/events",
        content=sink.getvalue().to_pybytes(),
        headers={"X-API-Key": key, "Content-Type": "application/vnd.apache.parquet"},
    )
    assert sent.status_code == 200, sent.text
    result = sent.json()
    assert (result["received"], result["accepted"], result["stored"]) == (4, 3, 3)
    assert result["rejected"] == [
        {"row": 2, "field": "event_id", "reason": "is required: a non-empty text or integer id"}
    ]
    again = world.editor.post(f"{model}/events", json=rows).json()  # p0, p2, p3 are stored
    assert (again["stored"], again["duplicates"]) == (1, 3)


def test_models_and_drift_per_window(world: World, key: str) -> None:
    _ingest(world, key)
    base = _base(world)
    listed = world.viewer.get(f"{base}/models").json()
    assert [(m["model"], m["events"], m["reference_events"]) for m in listed] == [
        ("fraud", 300, 400)
    ]
    assert world.outsider.get(f"{base}/models").status_code == 404
    assert world.anonymous.get(f"{base}/models").status_code == 401
    drift = world.viewer.get(f"{base}/models/fraud/versions/1/drift", params={"windows": 3})
    assert drift.status_code == 200
    windows = drift.json()["windows"]
    assert [w["events"] for w in windows] == [0, 150, 150]
    calm, shifted = ({f["column"]: f for f in w["features"]} for w in windows[1:])
    assert shifted["x"]["drifted"]
    assert not calm["x"]["drifted"]
    assert shifted["x"]["strength"] > calm["x"]["strength"]
    assert shifted["color"]["drifted"]
    assert windows[2]["drift_share"] == 1.0
    assert windows[0]["features"] == []
    missing = world.viewer.get(f"{base}/models/nope/versions/1/drift")
    assert missing.status_code == 404


def test_distributions_count_every_value(world: World, key: str) -> None:
    data = _ingest(world, key)
    url = f"{_base(world)}/models/fraud/versions/1/distribution"
    numeric = world.viewer.get(url, params={"column": "x"}).json()
    assert numeric["kind"] == "numeric"
    assert sum(b["reference"] for b in numeric["bins"]) == len(data["reference"])
    assert sum(b["current"] for b in numeric["bins"]) == len(data["shifted"])
    categorical = world.viewer.get(url, params={"column": "color"}).json()
    counts = {c["value"]: c["current"] for c in categorical["categories"]}
    expected = {c: sum(r["color"] == c for r in data["shifted"]) for c in ("red", "blue")}
    assert counts == expected
    assert world.viewer.get(url, params={"column": "nope"}).status_code == 404


def test_performance_per_window_and_root_cause(world: World, key: str) -> None:
    data = _ingest(world, key)
    base = f"{_base(world)}/models/fraud/versions/1"
    found = world.viewer.get(f"{base}/performance", params={"windows": 2}).json()
    assert found["metrics"] == ["accuracy", "precision", "recall", "f1"]
    shifted = found["windows"][1]
    right = sum(r["pred"] == r["y"] for r in data["shifted"])
    assert shifted["labelled"] == 150
    assert shifted["metrics"]["accuracy"] == pytest.approx(right / 150)
    calm = found["windows"][0]["metrics"]["accuracy"]
    assert calm > shifted["metrics"]["accuracy"]
    cause = world.viewer.get(f"{base}/rootcause").json()
    assert {f["column"] for f in cause["features"]} == {"x", "color"}
    assert cause["features"][0]["drifted"]
    assert {s["value"] for s in cause["segments"]} == {"a", "b"}


def test_a_model_without_reference_answers_409(world: World) -> None:
    world.editor.post(f"{_base(world)}/v1/models", json=SCHEMA)
    drift = world.viewer.get(f"{_base(world)}/models/fraud/versions/1/drift")
    assert drift.status_code == 409
    assert "reference" in drift.json()["detail"]


def test_alert_rules_channels_history_and_evaluation(world: World, key: str) -> None:
    _ingest(world, key)
    url = f"{_base(world)}/alerts"
    rule = {"id": "x-high", "model": "fraud", "metric": "mean:x", "op": ">", "threshold": 0.5}
    # Two hours back from now always hold the whole shifted hour (and maybe the calm one).
    rule |= {"window": "2h", "reference": "none", "channels": ["ops"]}
    assert world.editor.put(f"{url}/rules", json=[rule]).status_code == 422
    hook = {
        "ops": {"type": "webhook", "url": "http://127.0.0.1:9/hook", "headers": {"T": "hush-42"}}
    }
    assert world.editor.put(f"{url}/channels", json=hook).status_code == 403
    assert world.owner.put(f"{url}/channels", json=hook).status_code == 200
    assert world.viewer.put(f"{url}/rules", json=[rule]).status_code == 403
    assert world.outsider.put(f"{url}/rules", json=[rule]).status_code == 404
    assert world.editor.put(f"{url}/rules", json=[rule]).status_code == 200
    response = world.viewer.get(url)
    shown = response.json()
    assert shown["channels"] == [{"name": "ops", "type": "webhook"}]
    assert "hush-42" not in response.text
    assert [r["id"] for r in shown["rules"]] == ["x-high"]
    assert world.viewer.post(f"{url}/evaluate").status_code == 403
    evaluated = world.editor.post(f"{url}/evaluate").json()
    assert [(e["rule"], e["transition"]) for e in evaluated] == [("x-high", "firing")]
    assert evaluated[0]["deliveries"][0]["ok"] is False  # nothing listens on port 9
    history = world.viewer.get(f"{url}/history").json()
    assert [(h["rule"], h["status"]) for h in history] == [("x-high", "firing")]
    assert world.outsider.get(f"{url}/history").status_code == 404


def test_the_monitor_sdk_sends_to_a_workspace_with_its_key(tmp_path: Any, world: World) -> None:
    key = world.owner.post(f"/api/workspaces/{world.workspace}/api-keys", json={"name": "s"})
    secret = key.json()["key"]
    world.editor.post(f"{_base(world)}/v1/models", json=SCHEMA)
    app = world.anonymous.app
    assert isinstance(app, FastAPI)
    with live_server(app) as base:
        client = MonitorClient(f"{base}{_base(world)}", "fraud", "1", api_key=secret)
        for row in _rows("sdk", 20, NOW - HOUR, 0.0, 5):
            assert client.log(row)
        assert client.flush(60)
        client.close()
        assert client.stats.sent == 20
    with TestClient(app, headers=world.viewer.headers) as viewer:
        listed = viewer.get(f"{_base(world)}/models").json()
    assert listed[0]["events"] == 20


def test_every_read_route_hides_from_outsiders_and_needs_a_session(world: World, key: str) -> None:
    _ingest(world, key)
    model = f"{_base(world)}/models/fraud/versions/1"
    one = world.viewer.get(model).json()
    assert (one["model"], one["events"], one["reference_events"]) == ("fraud", 300, 400)
    assert one["last_event"] is not None
    urls = [
        f"{_base(world)}/models",
        model,
        f"{model}/drift",
        f"{model}/distribution?column=x",
        f"{model}/performance",
        f"{model}/rootcause",
        f"{_base(world)}/alerts",
        f"{_base(world)}/alerts/history",
    ]
    for url in urls:
        assert world.viewer.get(url).status_code == 200, url
        assert world.outsider.get(url).status_code == 404, url
        assert world.anonymous.get(url).status_code == 401, url
    assert world.viewer.get(f"{model}/drift", params={"window": "10s"}).status_code == 422
