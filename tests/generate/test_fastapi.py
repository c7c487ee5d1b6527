"""The FastAPI target: deterministic, compilable, the expected files, golden records."""

from __future__ import annotations

import ast
import json
import os
import re
import tomllib
from pathlib import Path

import pytest

from infranest.generate import render
from infranest.generate.target import Files, ProjectView, load_target
from infranest.generate.targets.fastapi.context import revision
from infranest.generate.targets.fastapi.samples import invalid, sample, text_shape
from infranest.spec.exporters.api_types import BodyField
from infranest.spec.exporters.openapi import to_openapi
from infranest.spec.loader import load
from infranest.spec.model import Spec

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden" / "fastapi"
SPECS = {
    "shop": ROOT / "examples" / "shop.nest",
    "blog": ROOT.parent / "shared" / "corpus" / "jdl" / "blog.jh",
}


def _spec(name: str) -> Spec:
    path = SPECS[name]
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    return load(path).spec


@pytest.fixture(scope="module")
def shop() -> Files:
    return render(_spec("shop"), load_target("fastapi"))


def test_render_is_deterministic(shop: Files) -> None:
    assert render(_spec("shop"), load_target("fastapi")) == shop


def test_every_python_file_compiles(shop: Files) -> None:
    for path, text in shop.items():
        if path.endswith(".py"):
            compile(text, path, "exec")


def test_the_expected_files(shop: Files) -> None:
    resources = ["carts", "cart_items", "categories", "order_items", "orders", "payments"]
    resources += ["products", "reviews", "tags"]
    expected = {
        "openapi.json",
        "pyproject.toml",
        "requirements.txt",
        "requirements-dev.txt",
        "Dockerfile",
        "docker-compose.yml",
        ".github/workflows/ci.yml",
        ".env.example",
        ".gitignore",
        "README.md",
        "alembic.ini",
        "alembic/env.py",
        "app/main.py",
        "app/api/deps.py",
        "app/api/routes/auth.py",
        "app/core/config.py",
        "app/core/security.py",
        "app/models/associations.py",
        "tests/conftest.py",
        "tests/test_migrations.py",
        "tests/test_auth.py",
        *(f"app/api/routes/{r}.py" for r in resources),
        *(f"tests/test_{r}.py" for r in resources),
    }
    assert expected <= set(shop)
    migrations = [p for p in shop if p.startswith("alembic/versions/")]
    assert migrations == [f"alembic/versions/{revision(_spec('shop'))}_initial.py"]
    assert not any(".infranest" in p for p in shop)


def test_openapi_is_the_contract(shop: Files) -> None:
    assert shop["openapi.json"] == json.dumps(to_openapi(_spec("shop")), indent=2) + "\n"


def test_pyproject_declares_how_to_serve(shop: Files) -> None:
    config = tomllib.loads(shop["pyproject.toml"])["tool"]["infranest"]
    assert config["package"] == "app"
    assert config["migrate"] == ["alembic", "upgrade", "head"]
    assert "{port}" in config["serve"]


def test_settings_follow_the_conventions(shop: Files) -> None:
    config = shop["app/core/config.py"]
    for name in ("ENVIRONMENT", "DATABASE_URL", "SECRET_KEY", "CORS_ORIGINS", "LOG_LEVEL"):
        assert f"{name}:" in config
    assert "DEFAULT_ROLE: str | None = 'customer'" in config.replace('"', "'")
    assert "OAUTH_GOOGLE_CLIENT_ID" in config
    assert "OAUTH_APPLE_USERINFO_URL" in config
    assert ".infranest" not in shop[".gitignore"]


def test_closed_bodies_forbid_unknown_keys(shop: Files) -> None:
    assert 'extra="forbid"' in shop["app/schemas/common.py"]
    assert "class ProductCreate(RequestBody)" in shop["app/schemas/product.py"]


def test_actions_are_marked_for_the_user(shop: Files) -> None:
    assert "# TODO: implement the `cancel` action" in shop["app/api/routes/orders.py"]


def test_revision_changes_with_the_spec() -> None:
    spec = _spec("shop")
    other = spec.model_copy(update={"enums": spec.enums[:1]})
    assert re.fullmatch(r"[0-9a-f]{12}", revision(spec))
    assert revision(spec) != revision(other)


def test_samples_satisfy_their_constraints() -> None:
    slug = BodyField(name="slug", type="string", max_length=80, pattern="^[a-z0-9]+(-[a-z0-9]+)*$")
    code = BodyField(name="code", type="string", max_length=8, pattern="^[A-Z]{3}[0-9]{1,5}$")
    for f in (slug, code):
        shape = text_shape(f)
        assert shape is not None
        for n in (1, 77, 4321):
            value = shape.format(n=n)
            assert f.pattern is not None
            assert re.search(f.pattern, value)
    impossible = BodyField(name="x", type="string", pattern="^never$")
    assert text_shape(impossible) is None
    assert sample(impossible) is None
    bounded = BodyField(name="q", type="int", minimum=1, maximum=5)
    found = sample(bounded)
    assert found is not None
    assert all(1 <= eval(found.api, {"n": n}) <= 5 for n in range(20))
    assert invalid(bounded) == "0"
    assert invalid(BodyField(name="e", type="enum", enum="E", choices=("a",))) == "'not-a-choice'"


# Tool caches that linters leave in the stored projects; they are not part of the record.
CACHES = frozenset({".ruff_cache", "__pycache__", ".pytest_cache", ".mypy_cache"})


def _recorded(folder: Path) -> list[Path]:
    return [
        p
        for p in folder.rglob("*")
        if p.is_file() and not CACHES & set(p.relative_to(folder).parts)
    ]


def _golden_files(name: str) -> Files:
    """The target's own files; ``deploy/`` is the deployment renderer's, recorded there."""
    return render(_spec(name), load_target("fastapi"), deploy=frozenset())


@pytest.mark.parametrize("name", sorted(SPECS))
def test_golden(name: str) -> None:
    files = _golden_files(name)
    folder = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        if folder.exists():
            for old in _recorded(folder):
                old.unlink()
        for path, text in files.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    stored = {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in _recorded(folder)
    }
    assert sorted(stored) == sorted(files), "file list differs; UPDATE_GOLDEN=1 to accept"
    for path, text in files.items():
        assert stored[path] == text, f"{path} differs; UPDATE_GOLDEN=1 to accept"


def test_view_has_one_resource_per_route_module() -> None:
    view = ProjectView.of(_spec("shop"))
    files = load_target("fastapi").render(view)
    routes = {p for p in files if p.startswith("app/api/routes/") and not p.endswith("__init__.py")}
    assert len(routes) == len(view.shape.resources) + 2  # plus system and auth


def test_times_are_iso_strings_answered_in_utc(shop: Files) -> None:
    """``format: time`` is RFC 3339 (with an offset): times are stored in UTC and answered
    with ``Z``; a number is not a time."""
    from typing import Any

    from pydantic import TypeAdapter, ValidationError

    namespace: dict[str, Any] = {"__name__": "generated_common"}
    exec(compile(shop["app/schemas/common.py"], "common.py", "exec"), namespace)
    utc_time: TypeAdapter[Any] = TypeAdapter(namespace["UtcTime"])
    assert utc_time.dump_python(utc_time.validate_python("10:30:00+02:00"), mode="json") == (
        "08:30:00Z"
    )
    assert utc_time.dump_python(utc_time.validate_python("00:00:00"), mode="json") == "00:00:00Z"
    with pytest.raises(ValidationError):
        utc_time.validate_python(0)


def test_constant_text_samples_are_plain_strings() -> None:
    """A two-character field leaves no room for ``n``: its sample is a plain literal (ruff
    F541 flags an f-string without placeholders)."""
    from infranest.generate.targets.fastapi.samples import format_expr

    short = BodyField(name="country", type="string", max_length=2)
    found = sample(short)
    assert found is not None
    assert not found.api.startswith("f")
    assert len(ast.literal_eval(found.api)) <= 2
    assert format_expr("code-{n}") == "f'code-{n}'"
