"""The Django target: deterministic, compilable, the expected files, golden records."""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path

import pytest

from infranest.generate import render
from infranest.generate.patterns import sample_matching
from infranest.generate.target import Files, load_target
from infranest.spec.exporters.openapi import to_openapi
from infranest.spec.loader import load
from infranest.spec.model import Spec

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden" / "django"
NO_DEPLOY: frozenset[str] = frozenset()  # deploy/ is the engine's, not this target's
SPECS = {
    "shop": ROOT / "examples" / "shop.nest",
    "helpdesk": ROOT / "examples" / "helpdesk.nest",
    "saas_tasks": ROOT / "examples" / "saas_tasks.nest",
    "fintech": ROOT / "examples" / "fintech.nest",
    "social": ROOT / "examples" / "social.nest",
    "chinook": ROOT.parent / "shared" / "corpus" / "sql" / "chinook-postgres-schema.sql",
}


def _spec(name: str) -> Spec:
    path = SPECS[name]
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    return load(path).spec


@pytest.fixture(scope="module")
def shop() -> Files:
    return render(_spec("shop"), load_target("django"), deploy=NO_DEPLOY)


def test_render_is_deterministic(shop: Files) -> None:
    assert render(_spec("shop"), load_target("django"), deploy=NO_DEPLOY) == shop


def test_every_python_file_compiles(shop: Files) -> None:
    for path, text in shop.items():
        if path.endswith(".py"):
            compile(text, path, "exec")


def test_the_expected_files(shop: Files) -> None:
    expected = {
        ".dockerignore",
        ".env.example",
        ".github/workflows/ci.yml",
        ".gitignore",
        "Dockerfile",
        "README.md",
        "docker-compose.yml",
        "manage.py",
        "openapi.json",
        "pyproject.toml",
        "requirements-dev.txt",
        "requirements.txt",
    }
    expected |= {f"config/{n}.py" for n in ("__init__", "settings", "urls", "wsgi", "asgi")}
    api = ["__init__", "apps", "fields", "errors", "querying", "throttling", "crud", "jsonlog"]
    api += ["system", "models", "serializers", "resources", "actions", "urls", "security"]
    api += ["auth_views", "migrations/__init__", "migrations/0001_initial"]
    expected |= {f"api/{n}.py" for n in api}
    tests = ["__init__", "conftest", "factories", "test_system", "test_migrations"]
    tests += ["test_building_blocks", "test_resources", "test_auth"]
    expected |= {f"tests/{n}.py" for n in tests}
    assert set(shop) == expected


def test_the_contract_is_embedded(shop: Files) -> None:
    assert shop["openapi.json"] == json.dumps(to_openapi(_spec("shop")), indent=2) + "\n"


def test_the_service_declares_how_to_run(shop: Files) -> None:
    table = tomllib.loads(shop["pyproject.toml"])["tool"]["infranest"]
    assert table["package"] == "api"
    assert table["migrate"] == ["python", "manage.py", "migrate", "--noinput"]
    assert "{port}" in " ".join(table["serve"])
    assert ".infranest" not in shop[".gitignore"]


def test_routes_follow_the_contract(shop: Files) -> None:
    urls = shop["api/urls.py"]
    for path in ("products", "products/<int:pk>", "orders/<int:pk>/cancel", "auth/login"):
        assert f'"{path}"' in urls
    assert not re.search(r'path\("[^"]+/"', urls)


def test_models_and_migration_agree_on_columns(shop: Files) -> None:
    models, migration = shop["api/models.py"], shop["api/migrations/0001_initial.py"]
    assert "class Product(models.Model):" in models
    assert 'name="Product"' in migration
    assert "models.UniqueConstraint(" in migration
    assert "models.Index(" in migration
    for column in ("sku", "deleted_at", "version", "placed_at"):
        assert f'"{column}"' in migration


def test_actions_are_marked_for_the_user(shop: Files) -> None:
    actions = shop["api/actions.py"]
    for name in ("order_cancel", "order_ship", "order_refund", "cart_checkout"):
        assert f"def {name}(" in actions
    assert actions.count("# TODO") == 5


@pytest.mark.parametrize(
    "pattern",
    ["^[a-z0-9]+(-[a-z0-9]+)*$", "^[A-Z0-9-]{4,32}$", r"^\+?[0-9 ]{6,20}$", "^(ab|cd)x?$"],
)
def test_samples_match_their_pattern(pattern: str) -> None:
    values = {sample_matching(pattern, n, stretch=False) for n in range(5)}
    assert None not in values
    assert all(re.search(pattern, v or "") for v in values)
    assert len(values) > 1 or pattern.startswith("^(ab")


def _files(name: str) -> Files:
    return render(_spec(name), load_target("django"), deploy=NO_DEPLOY)


def test_session_and_api_key_auth_without_tokens() -> None:
    files = _files("helpdesk")
    settings, urls = files["config/settings.py"], files["api/urls.py"]
    assert 'SESSION_COOKIE_NAME = "session"' in settings
    assert 'SESSION_COOKIE_SAMESITE = "Strict"' in settings
    assert "django.contrib.sessions.middleware.SessionMiddleware" in settings
    assert '"api.security.ApiKeyAuthentication"' in settings
    assert '"api.security.BearerAuthentication"' not in settings
    assert '"auth/logout"' in urls
    assert '"auth/refresh"' not in urls
    assert "PyJWT" not in files["requirements.txt"]
    assert 'request.headers.get("X-API-Key")' in files["api/security.py"]
    assert "class ApiKey(models.Model):" in files["api/models.py"]
    assert 'name="ApiKey"' in files["api/migrations/0001_initial.py"]
    for command in ("issue_api_key", "revoke_api_key"):
        assert f"api/management/commands/{command}.py" in files
    for path, text in files.items():
        if path.endswith(".py"):
            compile(text, path, "exec")


def test_rows_are_scoped_to_the_callers_tenants() -> None:
    files = _files("saas_tasks")
    crud = files["api/crud.py"]
    assert '"Organization": "id"' in crud
    assert '"Task": "organization_id"' in crud
    assert "visible(models.Membership)\n        .filter(member_id=user.pk)" in crud
    assert "models.Comment" not in crud
    assert "visible(models.Organization).filter(created_by_id=user.pk)" in crud
    assert "You belong to no Organization." in crud
    assert 'tenant="organization_id"' in files["api/resources.py"]
    assert "def tenant_of(user: Any)" in files["tests/factories.py"]
    assert "def test_other_tenants_rows_are_hidden(" in files["tests/test_resources.py"]


def test_field_roles_may_name_the_owner() -> None:
    fintech, social = _files("fintech"), _files("social")
    assert 'owner_column = "holder_id"' in fintech["api/serializers.py"]
    assert 'owner="id"' in social["api/resources.py"]
    assert 'values.setdefault("handle"' in social["tests/factories.py"]


@pytest.mark.parametrize("name", ["shop", "chinook"])
def test_golden_files(name: str) -> None:
    files = _files(name)
    folder = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        for path, text in files.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    stored = {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in folder.rglob("*")
        if p.is_file() and not {".ruff_cache", "__pycache__"} & set(p.parts)
    }
    assert sorted(stored) == sorted(files)
    for path, text in files.items():
        assert stored[path] == text, path
