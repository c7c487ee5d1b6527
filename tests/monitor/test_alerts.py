"""Alert rules end to end against real local receivers: a rule fires once, is deduplicated,
repeats after its cooldown, resolves; every channel (webhook, Slack, PagerDuty Events v2,
SMTP email) gets what its API expects; a failing channel does not stop the others."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from monitor_support import SCHEMA, event
from receivers import Received, http_receiver, smtp_receiver

from infranest.monitor.alerts.config import ConfigError, load_config
from infranest.monitor.alerts.engine import AlertEngine
from infranest.monitor.ingest import validate
from infranest.monitor.metrics import MetricError, check_metric, compute
from infranest.monitor.store import Store, open_store

START = datetime(2026, 1, 1, tzinfo=UTC)


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def _ingest(store: Store, rows: list[dict[str, object]]) -> None:
    batch = validate(SCHEMA, rows)
    assert not batch.rejected
    store.append(SCHEMA, batch.events)


def _at(minute: int, n: int, **extra: object) -> dict[str, object]:
    stamp = (START + timedelta(minutes=minute, seconds=n % 60)).isoformat()
    return event(n, timestamp=stamp, **extra)


def test_metrics_over_a_window() -> None:
    store = open_store("duckdb::memory:")
    store.register(SCHEMA)
    _ingest(store, [_at(0, n, age=None if n % 4 == 0 else 30) for n in range(40)])
    store.add_labels(SCHEMA, [(f"e{n}", n % 2 == 0) for n in range(20)])
    frame = store.frame(SCHEMA)
    assert compute("event_count", SCHEMA, frame) == 40
    assert compute("missing_rate:age", SCHEMA, frame) == pytest.approx(0.25)
    assert compute("mean:age", SCHEMA, frame) == pytest.approx(30)
    assert compute("accuracy", SCHEMA, frame) is None  # the schema has no prediction column
    assert compute("drift_share", SCHEMA, frame) is None  # no reference
    shifted = [_at(0, n, age=90 + n % 7, plan="free") for n in range(100, 400)]
    baseline = [_at(0, n, age=20 + n % 7, plan="pro") for n in range(400, 700)]
    store2 = open_store("duckdb::memory:")
    store2.register(SCHEMA)
    _ingest(store2, shifted)
    store3 = open_store("duckdb::memory:")
    store3.register(SCHEMA)
    _ingest(store3, baseline)
    share = compute("drift_share", SCHEMA, store2.frame(SCHEMA), store3.frame(SCHEMA))
    assert share == pytest.approx(2 / 3)  # age and plan drifted; active (same mix) did not
    assert compute("drifted:age", SCHEMA, store2.frame(SCHEMA), store3.frame(SCHEMA)) == 1.0
    with pytest.raises(MetricError, match="valid: event_count"):
        check_metric("latency")
    with pytest.raises(MetricError, match="has no column 'nope'"):
        check_metric("mean:nope", SCHEMA)


def test_rules_file_errors_name_the_place(tmp_path: Path) -> None:
    bad = {
        "channels": {"ops": {"type": "webhook", "url": "http://x"}},
        "rules": [
            {
                "id": "a",
                "model": "churn",
                "metric": "event_count",
                "threshold": 1,
                "window": "soon",
                "channels": ["ops"],
            },
            {"id": "b", "model": "churn", "metric": "latency", "threshold": 1},
            {
                "id": "c",
                "model": "churn",
                "metric": "event_count",
                "threshold": 1,
                "channels": ["pager"],
            },
        ],
    }
    with pytest.raises(ConfigError) as caught:
        load_config(_write(tmp_path, bad))
    text = " | ".join(caught.value.problems)
    assert "rules.0.window" in text
    assert "use a number and s, m, h or d" in text
    assert "rules.1.metric" in text
    bad["rules"] = bad["rules"][2:]  # type: ignore[index]
    with pytest.raises(ConfigError, match="unknown channel\\(s\\) pager; channels are ops"):
        load_config(_write(tmp_path, bad))


def test_fire_dedupe_repeat_resolve_through_every_channel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PD_ROUTING_KEY", "routing-123")
    received = Received()
    with http_receiver() as (base, posts), smtp_receiver(received) as smtp_port:
        config = load_config(
            _write(
                tmp_path,
                {
                    "channels": {
                        "hook": {"type": "webhook", "url": f"{base}/hook"},
                        "slack": {"type": "slack", "url": f"{base}/slack"},
                        "pd": {
                            "type": "pagerduty",
                            "routing_key_env": "PD_ROUTING_KEY",
                            "url": f"{base}/pd",
                        },
                        "mail": {
                            "type": "email",
                            "host": "127.0.0.1",
                            "port": smtp_port,
                            "sender": "ml@example.com",
                            "to": ["team@example.com"],
                        },
                        "broken": {"type": "webhook", "url": f"{base}/fail"},
                    },
                    "rules": [
                        {
                            "id": "age-missing",
                            "model": "churn",
                            "metric": "missing_rate:age",
                            "op": ">",
                            "threshold": 0.2,
                            "window": "10m",
                            "cooldown": "30m",
                            "severity": "critical",
                            "min_events": 10,
                            "channels": ["hook", "slack", "pd", "mail", "broken"],
                        },
                    ],
                },
            )
        )
        store = open_store(f"duckdb:{tmp_path / 'm.duckdb'}")
        store.register(SCHEMA)
        engine = AlertEngine(config, store)
        _ingest(store, [_at(0, n, age=None if n % 2 else 40) for n in range(30)])
        first = engine.evaluate(START + timedelta(minutes=5))[0]
        assert (first.transition, first.value) == ("firing", 0.5)
        outcome = {d.channel: d.ok for d in first.deliveries}
        assert outcome == {"hook": True, "slack": True, "pd": True, "mail": True, "broken": False}
        assert "HTTP 500" in next(d.detail for d in first.deliveries if d.channel == "broken")

        again = engine.evaluate(START + timedelta(minutes=6))[0]
        assert (again.breached, again.transition) == (True, None)  # deduplicated
        _ingest(store, [_at(20, n, age=None) for n in range(100, 120)])
        cooling = engine.evaluate(START + timedelta(minutes=25))[0]
        assert (cooling.breached, cooling.transition) == (True, None)  # 20 min < 30 min cooldown
        _ingest(store, [_at(30, n, age=None) for n in range(150, 170)])
        later = engine.evaluate(START + timedelta(minutes=36))[0]
        assert later.transition == "repeat"  # still breached, cooldown over
        _ingest(store, [_at(40, n, age=33) for n in range(200, 240)])
        resolved = engine.evaluate(START + timedelta(minutes=45))[0]
        assert (resolved.transition, resolved.value) == ("resolved", 0.0)
        store_history = store.alert_history("age-missing")
        store.close()

    assert [r["status"] for r in store_history] == ["resolved", "repeat", "firing"]
    by_path: dict[str, list[object]] = {}
    for path, body in posts.posts:
        by_path.setdefault(path, []).append(body)
    hook = by_path["/hook"]
    assert [h["status"] for h in hook] == ["firing", "repeat", "resolved"]  # type: ignore[index]
    assert hook[0]["metric"] == "missing_rate:age"  # type: ignore[index]
    assert by_path["/slack"][0]["text"].startswith("[CRITICAL] age-missing")  # type: ignore[index]
    trigger, _, resolve = by_path["/pd"]
    assert trigger["routing_key"] == "routing-123"  # type: ignore[index]
    assert trigger["event_action"] == "trigger"  # type: ignore[index]
    assert trigger["payload"]["severity"] == "critical"  # type: ignore[index]
    assert resolve["event_action"] == "resolve"  # type: ignore[index]
    assert trigger["dedup_key"] == resolve["dedup_key"]  # type: ignore[index]
    assert len(received.mails) == 3
    assert received.mails[0]["To"] == "team@example.com"
    assert "age-missing" in received.mails[0]["Subject"]
    assert json.loads(received.mails[2].get_payload(decode=True))["status"] == "resolved"  # type: ignore[arg-type]


def test_too_few_events_change_nothing(tmp_path: Path) -> None:
    config = load_config(
        _write(
            tmp_path,
            {
                "rules": [
                    {
                        "id": "r",
                        "model": "churn",
                        "metric": "event_count",
                        "op": "<",
                        "threshold": 100,
                        "window": "1h",
                        "min_events": 50,
                    }
                ]
            },
        )
    )
    store = open_store("duckdb::memory:")
    store.register(SCHEMA)
    _ingest(store, [_at(0, n) for n in range(10)])
    result = AlertEngine(config, store).evaluate(START + timedelta(minutes=30))[0]
    assert (result.breached, result.transition, result.events) == (None, None, 10)
    assert store.alert_history() == []


def test_the_server_evaluates_rules_on_ingest(tmp_path: Path) -> None:
    from monitor_support import get, post, serve

    with http_receiver() as (base, posts):
        rules = _write(
            tmp_path,
            {
                "channels": {"hook": {"type": "webhook", "url": f"{base}/hook"}},
                "rules": [
                    {
                        "id": "quiet-age",
                        "model": "churn",
                        "metric": "missing_rate:age",
                        "op": ">=",
                        "threshold": 0.5,
                        "window": "1h",
                        "channels": ["hook"],
                    },
                ],
            },
        )
        store = f"duckdb:{tmp_path / 'm.duckdb'}"
        extra = ("--rules", str(rules), "--alert-interval", "3600")
        with serve(store, tmp_path / "server.log", *extra) as server:
            server.wait_healthy(60)
            post(f"{server.base_url}/v1/models", SCHEMA.model_dump(mode="json"))
            rows = [
                {k: v for k, v in event(n, age=None).items() if k != "timestamp"} for n in range(20)
            ]
            status, _ = post(f"{server.base_url}/v1/models/churn/versions/1/events", rows)
            assert status == 200
            deadline = time.monotonic() + 30
            history: list[dict[str, object]] = []
            while time.monotonic() < deadline and not history:
                time.sleep(0.2)
                history = get(f"{server.base_url}/v1/alerts")[1]
            assert [h["status"] for h in history] == ["firing"], server.output()
            assert history[0]["rule"] == "quiet-age"
            status, evaluated = post(f"{server.base_url}/v1/alerts/evaluate", {})
            assert status == 200
            assert evaluated[0]["breached"] is True
            assert evaluated[0]["transition"] is None  # already firing: deduplicated
    assert [p for p, _ in posts.posts] == ["/hook"]
