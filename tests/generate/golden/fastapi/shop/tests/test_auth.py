"""Accounts: register, sign in, refresh, the current user."""

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Actor


def extra(n: int) -> dict[str, object]:
    """Registration keys besides email and password."""
    return {}


def _register(client: TestClient, email: str = "ada@example.com") -> dict[str, object]:
    body = {"email": email, "password": "correct-horse-battery", **extra(7)}
    response = client.post("/auth/register", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_register_and_sign_in(client: TestClient) -> None:
    user = _register(client)
    assert user["email"] == "ada@example.com"
    assert "password" not in user and "hashed_password" not in user
    response = client.post(
        "/auth/login", json={"email": "ada@example.com", "password": "correct-horse-battery"}
    )
    assert response.status_code == 200
    tokens = response.json()
    assert tokens["token_type"] == "bearer"
    assert tokens["expires_in"] > 0
    me = client.get("/auth/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.status_code == 200
    assert me.json()["email"] == "ada@example.com"
    assert me.json().get("role", "customer") == "customer"


def test_register_twice_conflicts(client: TestClient) -> None:
    _register(client)
    body = {"email": "ADA@example.com", "password": "another-password", **extra(8)}
    response = client.post("/auth/register", json=body)
    assert response.status_code == 409
    assert response.json()["detail"]


def test_register_validates(client: TestClient) -> None:
    response = client.post(
        "/auth/register", json={"email": "not-an-email", "password": "short", "extra": 1}
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"email", "password", "extra"} <= fields


def test_malformed_json_is_400(client: TestClient) -> None:
    response = client.post(
        "/auth/login", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == []


def test_wrong_password_is_401(client: TestClient) -> None:
    _register(client)
    wrong = client.post(
        "/auth/login", json={"email": "ada@example.com", "password": "wrong-password"}
    )
    assert wrong.status_code == 401
    unknown = client.post(
        "/auth/login", json={"email": "nobody@example.com", "password": "whatever"}
    )
    assert unknown.status_code == 401


def test_me_needs_credentials(client: TestClient) -> None:
    assert client.get("/auth/me").status_code == 401
    assert (
        client.get("/auth/me", headers={"Authorization": "Bearer not-a-token"}).status_code == 401
    )
    assert client.get("/auth/me", headers={"Authorization": "Basic abc"}).status_code == 401


def test_me(client: TestClient, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role("customer")
    response = client.get("/auth/me", headers=actor.headers)
    assert response.status_code == 200
    assert response.json()["id"] == actor.id


def test_refresh(client: TestClient) -> None:
    _register(client)
    tokens = client.post(
        "/auth/login", json={"email": "ada@example.com", "password": "correct-horse-battery"}
    ).json()
    response = client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert response.status_code == 200
    assert response.json()["access_token"]
    refused = client.post("/auth/refresh", json={"refresh_token": tokens["access_token"]})
    assert refused.status_code == 401


def test_oauth_unconfigured_is_503(client: TestClient) -> None:
    response = client.get("/auth/oauth/google/authorize", follow_redirects=False)
    assert response.status_code == 503
    assert response.json()["errors"] == []


def test_oauth_unknown_provider_is_422(client: TestClient) -> None:
    assert client.get("/auth/oauth/nope/authorize").status_code == 422


def _configure(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.core.config import settings

    prefix = "OAUTH_GOOGLE_"
    for key, value in {
        "CLIENT_ID": "client",
        "CLIENT_SECRET": "secret",
        "AUTHORIZE_URL": "https://idp.example/authorize",
        "TOKEN_URL": "https://idp.example/token",
        "USERINFO_URL": "https://idp.example/userinfo",
    }.items():
        monkeypatch.setattr(settings, prefix + key, value)


def test_oauth_flow(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import httpx

    from app.api.routes import auth

    _configure(monkeypatch)
    redirect = client.get(
        "/auth/oauth/google/authorize?state=xyz&redirect_uri=https://app.example/cb",
        follow_redirects=False,
    )
    assert redirect.status_code == 302
    assert redirect.headers["location"].startswith("https://idp.example/authorize?")
    assert "state=xyz" in redirect.headers["location"]

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/token":
            return httpx.Response(200, json={"access_token": "provider-token"})
        return httpx.Response(200, json={"email": "oauth@example.com"})

    real_client = httpx.Client
    monkeypatch.setattr(
        auth.httpx, "Client", lambda **kw: real_client(transport=httpx.MockTransport(answer), **kw)
    )
    form = {
        "grant_type": "authorization_code",
        "code": "abc",
        "redirect_uri": "https://app.example/cb",
    }
    response = client.post("/auth/oauth/google/token", data=form)
    assert response.status_code == 200, response.text
    assert response.json()["token_type"] == "bearer"
    again = client.post("/auth/oauth/google/token", data=form)
    assert again.status_code == 200

    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, json={"error": "invalid_grant"})

    monkeypatch.setattr(
        auth.httpx, "Client", lambda **kw: real_client(transport=httpx.MockTransport(refuse), **kw)
    )
    assert client.post("/auth/oauth/google/token", data=form).status_code == 401

    def no_email(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"access_token": "t"})

    monkeypatch.setattr(
        auth.httpx,
        "Client",
        lambda **kw: real_client(transport=httpx.MockTransport(no_email), **kw),
    )
    assert client.post("/auth/oauth/google/token", data=form).status_code == 401
