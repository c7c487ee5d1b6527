"""Health, readiness, metrics, the OpenAPI document and error bodies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.db import DatabaseError


def test_health_is_ok(api: Any) -> None:
    answer = api.get("/health")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}


@pytest.mark.django_db
def test_ready_checks_the_database(api: Any) -> None:
    assert api.get("/ready").json() == {"status": "ok"}
    with mock.patch("api.system.connection.cursor", side_effect=DatabaseError("down")):
        answer = api.get("/ready")
    assert answer.status_code == 503
    assert answer.json() == {"status": "unavailable"}


def test_metrics_are_prometheus_text(api: Any) -> None:
    api.get("/health")
    answer = api.get("/metrics")
    assert answer.status_code == 200
    assert b"http_requests_total" in answer.content


def test_openapi_document_is_served(api: Any) -> None:
    answer = api.get("/openapi.json")
    assert answer.status_code == 200
    served = json.loads(answer.content)
    assert served == json.loads(Path("openapi.json").read_text(encoding="utf-8"))
    assert served["openapi"].startswith("3.")


def test_unknown_paths_answer_a_problem(api: Any) -> None:
    answer = api.get("/no/such/path")
    assert answer.status_code == 404
    assert answer.json() == {"detail": "Not found.", "errors": []}


def test_trailing_slashes_are_not_routes(api: Any) -> None:
    assert api.get("/health/").status_code == 404


@pytest.mark.django_db
def test_malformed_json_answers_400(api: Any, user_with: Any, client_for: Any) -> None:
    from tests.test_resources import CREATABLE, RESOURCES, signed_in

    if not CREATABLE:
        pytest.skip("no resource accepts creation")
    name = CREATABLE[0]
    _, client = signed_in(name, "create", user_with, client_for)
    answer = client.post(RESOURCES[name]["path"], "{not json", content_type="application/json")
    assert answer.status_code == 400
    assert answer.json()["errors"] == []
    answer = client.post(RESOURCES[name]["path"], "[]", content_type="application/json")
    assert answer.status_code == 422


def test_server_errors_answer_a_problem() -> None:
    from api.errors import server_error

    answer = server_error(mock.Mock())
    assert answer.status_code == 500
    assert json.loads(answer.content)["detail"]


def test_json_logs_are_one_object_per_line() -> None:
    import logging

    from api.jsonlog import JsonFormatter

    record = logging.LogRecord("api", logging.INFO, __file__, 1, "hello %s", ("you",), None)
    record.path = "/health"
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "hello you"
    assert line["path"] == "/health"
    assert "boom" in line["exception"]


def test_production_refuses_the_example_secret(monkeypatch: Any) -> None:
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import config.settings as config_settings

    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("SECRET_KEY", config_settings.EXAMPLE_SECRET_KEY)
    with pytest.raises(ImproperlyConfigured):
        importlib.reload(config_settings)
    monkeypatch.setenv("ENVIRONMENT", "staging")
    with pytest.raises(ImproperlyConfigured):
        importlib.reload(config_settings)
    monkeypatch.setenv("ENVIRONMENT", "test")
    monkeypatch.setenv("DEFAULT_ROLE", "no-such-role")
    with pytest.raises(ImproperlyConfigured):
        importlib.reload(config_settings)
    monkeypatch.delenv("DEFAULT_ROLE")
    importlib.reload(config_settings)
