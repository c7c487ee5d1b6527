"""Accounts and credentials: register, login, tokens, me, limits, OAuth2."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest

from api.models import User

REGISTER = {"email": "new.user@example.com", "password": "correct horse battery"}
PROVIDERS = ["google", "apple"]
FORM = "grant_type=authorization_code&code=c"


@pytest.mark.django_db
def test_register_then_login_then_me(api: Any) -> None:
    answer = api.post("/auth/register", REGISTER, format="json")
    assert answer.status_code == 201, answer.json()
    assert answer.json().get("email", REGISTER["email"]) == REGISTER["email"]
    assert "password" not in answer.json()
    user = User.objects.get(email=REGISTER["email"])
    assert user.role == "customer"
    assert user.password != REGISTER["password"]
    login = api.post(
        "/auth/login", {"email": REGISTER["email"], "password": REGISTER["password"]}, format="json"
    )
    assert login.status_code == 200
    tokens = login.json()
    assert set(tokens) == {"access_token", "refresh_token", "token_type", "expires_in"}
    assert tokens["token_type"] == "bearer"
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}")
    me = api.get("/auth/me")
    assert me.status_code == 200
    assert me.json()["id"] == user.pk
    api.credentials()
    renewed = api.post("/auth/refresh", {"refresh_token": tokens["refresh_token"]}, format="json")
    assert renewed.status_code == 200
    assert renewed.json()["access_token"]
    wrong_kind = api.post("/auth/refresh", {"refresh_token": tokens["access_token"]}, format="json")
    assert wrong_kind.status_code == 401


@pytest.mark.django_db
def test_register_rejects_duplicates_and_bad_bodies(api: Any) -> None:
    assert api.post("/auth/register", REGISTER, format="json").status_code == 201
    again = api.post(
        "/auth/register", {**REGISTER, "email": REGISTER["email"].upper()}, format="json"
    )
    assert again.status_code == 409
    short = api.post("/auth/register", {**REGISTER, "password": "short"}, format="json")
    assert short.status_code == 422
    assert short.json()["errors"][0]["field"] == "password"
    extra = api.post("/auth/register", {**REGISTER, "role": "admin"}, format="json")
    assert extra.status_code == 422


@pytest.mark.django_db
def test_login_rejects_wrong_passwords(api: Any, user_with: Any) -> None:
    user = user_with("customer")
    answer = api.post(
        "/auth/login", {"email": user.email, "password": "wrong password"}, format="json"
    )
    assert answer.status_code == 401
    assert answer.json() == {"detail": "Wrong email or password.", "errors": []}


@pytest.mark.django_db
def test_login_is_rate_limited(api: Any) -> None:
    body = {"email": "nobody@example.com", "password": "wrong password"}
    codes = [api.post("/auth/login", body, format="json").status_code for _ in range(11)]
    assert codes[:-1] == [401] * 10
    assert codes[-1] == 429
    last = api.post("/auth/login", body, format="json")
    assert int(last["Retry-After"]) >= 1
    assert last.json()["detail"]


@pytest.mark.django_db
def test_limits_can_be_switched_off(api: Any, settings: Any) -> None:
    settings.RATE_LIMIT_ENABLED = False
    body = {"email": "nobody@example.com", "password": "wrong password"}
    codes = {api.post("/auth/login", body, format="json").status_code for _ in range(12)}
    assert codes == {401}


@pytest.mark.django_db
def test_credentials_must_be_valid(api: Any) -> None:
    assert api.get("/auth/me").status_code == 401
    assert api.get("/health").status_code == 200
    api.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert api.get("/auth/me").status_code == 401
    api.credentials(HTTP_AUTHORIZATION="Basic abc")
    assert api.get("/auth/me").status_code == 401


@pytest.mark.django_db
def test_tokens_of_disabled_users_are_refused(user_with: Any, client_for: Any) -> None:
    user = user_with("customer")
    client = client_for(user)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert client.get("/auth/me").status_code == 401


def test_unconfigured_providers_answer_503(api: Any) -> None:
    for provider in PROVIDERS:
        assert api.get(f"/auth/oauth/{provider}/authorize").status_code == 503
    assert api.get("/auth/oauth/no-such-provider/authorize").status_code == 404


@pytest.mark.django_db
def test_oauth_sign_in(api: Any, settings: Any) -> None:
    provider = PROVIDERS[0]
    settings.OAUTH_PROVIDERS = {
        provider: {
            "client_id": "id",
            "client_secret": "secret",
            "authorize_url": "https://id.example.com/authorize",
            "token_url": "https://id.example.com/token",
            "userinfo_url": "https://id.example.com/userinfo",
        }
    }
    answer = api.get(
        f"/auth/oauth/{provider}/authorize",
        {"state": "s1", "redirect_uri": "https://app.example.com/cb"},
    )
    assert answer.status_code == 302
    assert answer["Location"].startswith("https://id.example.com/authorize?")
    replies = [{"access_token": "provider-token"}, {"email": "Someone@Example.com"}]
    with mock.patch("api.auth_views._call", side_effect=replies):
        token = api.post(
            f"/auth/oauth/{provider}/token", FORM, content_type="application/x-www-form-urlencoded"
        )
    assert token.status_code == 200, token.json()
    assert User.objects.filter(email="someone@example.com").exists()
    with mock.patch("api.auth_views._call", side_effect=[{"access_token": "t"}, {}]):
        nobody = api.post(
            f"/auth/oauth/{provider}/token", FORM, content_type="application/x-www-form-urlencoded"
        )
    assert nobody.status_code == 401
    settings.OAUTH_PROVIDERS[provider]["token_url"] = "http://insecure.example.com/token"
    insecure = api.post(
        f"/auth/oauth/{provider}/token", FORM, content_type="application/x-www-form-urlencoded"
    )
    assert insecure.status_code == 503
