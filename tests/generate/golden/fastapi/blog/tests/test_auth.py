"""Accounts: register, sign in, refresh, the current user."""

from collections.abc import Callable

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
    actor = as_role(None)
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
