"""Health, readiness, metrics, the contract document, errors, settings, limits."""

import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient
from starlette.requests import Request

from app.core import ratelimit
from app.core.config import Settings
from app.core.logging import JsonFormatter, configure_logging
from app.main import contract


def test_health(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready(client: TestClient) -> None:
    response = client.get("/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_not_ready_when_the_database_fails(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.orm import Session

    def broken(self: Session, *args: object, **kwargs: object) -> None:
        raise RuntimeError("database down")

    monkeypatch.setattr(Session, "execute", broken)
    response = client.get("/ready")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


def test_metrics(client: TestClient) -> None:
    client.get("/health")
    response = client.get("/metrics")
    assert response.status_code == 200
    assert "http_requests_total" in response.text


def test_openapi_is_the_contract(client: TestClient) -> None:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    assert response.json() == contract()
    assert response.json()["info"]["version"] == "0.1.0"


def test_docs_use_the_contract(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    assert "/openapi.json" in response.text


def test_unknown_route_is_a_problem(client: TestClient) -> None:
    response = client.get("/no-such-route")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found", "errors": []}


def test_unexpected_errors_are_problems() -> None:
    import asyncio

    from app.core.errors import unexpected_handler

    request = Request({"type": "http", "method": "GET", "path": "/x", "headers": []})
    response = asyncio.run(unexpected_handler(request, RuntimeError("boom")))
    assert response.status_code == 500
    assert b'"errors":[]' in response.body


def test_values_the_database_refuses_are_422() -> None:
    import asyncio

    from sqlalchemy.exc import DataError

    from app.core.errors import data_handler

    request = Request({"type": "http", "method": "POST", "path": "/x", "headers": []})
    refused = DataError("INSERT", {}, ValueError("NUL character in text"))
    response = asyncio.run(data_handler(request, refused))
    assert response.status_code == 422
    assert b'"errors":[]' in response.body


def test_production_refuses_the_example_secret() -> None:
    with pytest.raises(ValueError, match="SECRET_KEY"):
        Settings(ENVIRONMENT="production", SECRET_KEY="change-me-in-production")
    assert (
        Settings(ENVIRONMENT="production", SECRET_KEY="s3cret-value").SECRET_KEY == "s3cret-value"
    )


def test_postgres_urls_use_psycopg() -> None:
    settings = Settings(DATABASE_URL="postgresql://u:p@db:5432/app")
    assert settings.DATABASE_URL == "postgresql+psycopg://u:p@db:5432/app"
    assert Settings(CORS_ORIGINS="https://a.example, https://b.example").cors_origins == [
        "https://a.example",
        "https://b.example",
    ]


def test_logs_are_json(capsys: pytest.CaptureFixture[str]) -> None:
    import json
    import logging

    configure_logging("INFO")
    try:
        raise ValueError("bad")
    except ValueError:
        logging.getLogger("app.test").exception("failed", extra={"order": 7})
    line = capsys.readouterr().out.strip().splitlines()[-1]
    entry = json.loads(line)
    assert entry["message"] == "failed"
    assert entry["order"] == 7
    assert "ValueError" in entry["exception"]
    assert isinstance(JsonFormatter(), logging.Formatter)


def test_rate_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ratelimit.settings, "RATE_LIMIT_ENABLED", True)
    request = Request(
        {"type": "http", "method": "GET", "path": "/x", "headers": [], "client": ("10.0.0.1", 1)}
    )
    limits = [ratelimit.Limit(count=2, period="minute", scope="ip")]
    ratelimit.enforce(request, "op", limits)
    ratelimit.enforce(request, "op", limits)
    with pytest.raises(HTTPException) as caught:
        ratelimit.enforce(request, "op", limits)
    assert caught.value.status_code == 429
    assert caught.value.headers is not None
    assert int(caught.value.headers["Retry-After"]) >= 1
    for scope in ("user", "tenant", "global"):
        ratelimit.enforce(
            request, "other", [ratelimit.Limit(1, "second", scope)], user_id=1, tenant_id=2
        )


def test_rate_limit_windows_reset() -> None:
    limiter = ratelimit.RateLimiter()
    limit = ratelimit.Limit(count=1, period="second", scope="global")
    assert limiter.hit("k", limit, now=100.0) == 0
    assert limiter.hit("k", limit, now=100.5) == 1
    assert limiter.hit("k", limit, now=101.0) == 0
