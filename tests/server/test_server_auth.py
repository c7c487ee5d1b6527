from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from server_support import PASSWORD, World, sign_up

from infranest.server.auth import COOKIE


def test_register_sets_an_httponly_cookie_that_signs_in(app: FastAPI) -> None:
    client = TestClient(app)
    response = client.post(
        "/api/auth/register", json={"email": "Eve@Example.com", "password": PASSWORD, "name": "E"}
    )
    assert response.status_code == 201
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    assert "HttpOnly" in cookie
    assert client.get("/api/auth/me").json() == {"id": 1, "email": "eve@example.com", "name": "E"}


def test_register_twice_is_a_conflict(app: FastAPI) -> None:
    sign_up(app, "a@example.com")
    again = TestClient(app).post(
        "/api/auth/register", json={"email": "A@example.com", "password": PASSWORD}
    )
    assert again.status_code == 409
    assert again.json() == {"detail": "an account with this email exists"}


def test_register_rejects_a_short_password_as_problem_json(app: FastAPI) -> None:
    response = TestClient(app).post(
        "/api/auth/register", json={"email": "a@example.com", "password": "short"}
    )
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "invalid request"
    assert body["errors"][0]["path"] == "body.password"


def test_login_gives_a_bearer_token_and_wrong_password_is_401(app: FastAPI) -> None:
    sign_up(app, "a@example.com")
    client = TestClient(app)
    wrong = client.post("/api/auth/login", json={"email": "a@example.com", "password": "nope"})
    assert wrong.status_code == 401
    unknown = client.post("/api/auth/login", json={"email": "x@example.com", "password": "nope"})
    assert unknown.status_code == 401
    ok = client.post("/api/auth/login", json={"email": "a@example.com", "password": PASSWORD})
    assert ok.status_code == 200
    token = ok.json()["token"]
    fresh = TestClient(app, headers={"Authorization": f"Bearer {token}"})
    assert fresh.get("/api/auth/me").json()["email"] == "a@example.com"


def test_login_is_rate_limited_per_ip(app: FastAPI) -> None:
    client = TestClient(app)
    body = {"email": "nobody@example.com", "password": "wrong-password"}
    codes = [client.post("/api/auth/login", json=body).status_code for _ in range(11)]
    assert codes == [401] * 10 + [429]


def test_logout_ends_the_session(world: World) -> None:
    assert world.viewer.post("/api/auth/logout").status_code == 204
    assert world.viewer.get("/api/auth/me").status_code == 401


def test_me_and_logout_need_a_session(world: World) -> None:
    assert world.anonymous.get("/api/auth/me").status_code == 401
    assert world.anonymous.post("/api/auth/logout").status_code == 401
    bad = TestClient(world.anonymous.app, headers={"Authorization": "Bearer forged"})
    assert bad.get("/api/auth/me").json() == {"detail": "not signed in"}
