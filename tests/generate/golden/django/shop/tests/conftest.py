"""Fixtures: an API client, users of each role, and signed-in clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.factories import make_user


@pytest.fixture(autouse=True)
def _fresh_cache(settings: Any) -> Iterator[None]:
    settings.RATE_LIMIT_ENABLED = True
    # Tests hash many passwords: a fast hasher here; the service keeps Django's default.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def client_for() -> Callable[[Any], APIClient]:
    """A client signed in as ``user`` (or anonymous for None)."""

    def build(user: Any) -> APIClient:
        client = APIClient()
        if user is not None:
            from api.security import issue_tokens

            token = issue_tokens(user)["access_token"]
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        return client

    return build


@pytest.fixture
def user_with() -> Callable[[str], Any]:
    """A new user with ``role``."""
    return make_user
