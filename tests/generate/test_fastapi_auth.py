"""The FastAPI target's authentication: bearer tokens, session cookie and API keys are
generated exactly when the spec's ``auth`` names them."""

from __future__ import annotations

from pathlib import Path

import pytest

from infranest.generate.target import Files, ProjectView, load_target
from infranest.spec.loader import load

ROOT = Path(__file__).resolve().parents[2]
API_KEY_FILES = {
    "app/core/api_keys.py",
    "app/manage.py",
    "app/models/api_key.py",
    "tests/test_api_keys.py",
}


def _files(example: str) -> Files:
    path = ROOT / "examples" / f"{example}.nest"
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    target = load_target("fastapi")
    return target.format(target.render(ProjectView.of(load(path).spec)))


@pytest.fixture(scope="module")
def helpdesk() -> Files:
    """``auth session, apikey``."""
    return _files("helpdesk")


@pytest.fixture(scope="module")
def shop() -> Files:
    """``auth jwt, oauth2(...)``."""
    return _files("shop")


def test_api_keys_only_when_asked(helpdesk: Files, shop: Files) -> None:
    assert set(helpdesk) >= API_KEY_FILES
    assert not API_KEY_FILES & set(shop)
    assert "X-API-Key" not in shop["app/api/deps.py"]


def test_api_key_header_authenticates(helpdesk: Files) -> None:
    deps = helpdesk["app/api/deps.py"]
    assert "request.headers.get(API_KEY_HEADER)" in deps
    assert 'API_KEY_HEADER = "X-API-Key"' in helpdesk["app/core/api_keys.py"]
    assert "hashlib.sha256" in helpdesk["app/core/api_keys.py"]


def test_api_keys_table_is_migrated(helpdesk: Files) -> None:
    (migration,) = (t for p, t in helpdesk.items() if p.startswith("alembic/versions/"))
    assert 'op.create_table(\n        "api_keys"' in migration
    assert 'op.drop_table("api_keys")' in migration
    assert "ApiKey" in helpdesk["app/models/__init__.py"]


def test_session_only_service_takes_no_bearer_token(helpdesk: Files) -> None:
    deps = helpdesk["app/api/deps.py"]
    assert "Authorization" not in deps
    assert "request.cookies[SESSION_COOKIE]" in deps
    assert 'Cookie": f"session={token}"' in helpdesk["tests/conftest.py"]
    assert "set_cookie" in helpdesk["app/api/routes/auth.py"]


def test_token_service_reads_the_bearer_header(shop: Files) -> None:
    deps = shop["app/api/deps.py"]
    assert 'request.headers.get("Authorization")' in deps
    assert "SESSION_COOKIE in request.cookies" not in deps
    assert '"WWW-Authenticate": "Bearer"' in deps


def test_api_key_only_service_has_no_sign_in(tmp_path: Path) -> None:
    spec = tmp_path / "keys.nest"
    spec.write_text(
        'project keys "Machine API" {\n  auth apikey\n  roles admin, client\n}\n'
        "entity Reading {\n  owner: User owner on_delete(cascade)\n  value: float\n}\n",
        encoding="utf-8",
    )
    target = load_target("fastapi")
    files = target.format(target.render(ProjectView.of(load(spec).spec)))
    assert set(files) >= API_KEY_FILES
    assert '"/register"' not in files["app/api/routes/auth.py"]
    assert '"/me"' in files["app/api/routes/auth.py"]
    assert 'X-API-Key": key' in files["tests/conftest.py"]
    assert "/auth/register" not in files["tests/test_auth.py"]
    assert '"WWW-Authenticate": "ApiKey"' in files["app/api/deps.py"]
