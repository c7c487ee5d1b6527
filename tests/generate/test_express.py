"""The Express target: deterministic, the expected files, sound contents, golden records."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import pytest

from infranest.generate import render
from infranest.generate.target import Files, ProjectView, load_target
from infranest.generate.targets.express import zod
from infranest.generate.targets.express.render import lockfile
from infranest.spec.exporters.api_types import BodyField
from infranest.spec.exporters.openapi import to_openapi
from infranest.spec.loader import load
from infranest.spec.model import Spec

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden" / "express"
SPECS = {"shop": ROOT / "examples" / "shop.nest"}


def _spec(name: str) -> Spec:
    path = SPECS[name]
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    return load(path).spec


@pytest.fixture(scope="module")
def shop() -> Files:
    return render(_spec("shop"), load_target("express"))


def test_render_is_deterministic(shop: Files) -> None:
    assert render(_spec("shop"), load_target("express")) == shop


def test_the_expected_files(shop: Files) -> None:
    view = ProjectView.of(_spec("shop"))
    expected = {
        "openapi.json",
        "package.json",
        "package-lock.json",
        "infranest.toml",
        "tsconfig.json",
        "eslint.config.js",
        "vitest.config.ts",
        "Dockerfile",
        "docker-compose.yml",
        ".github/workflows/ci.yml",
        "README.md",
        ".env.example",
        ".gitignore",
        "src/app.ts",
        "src/server.ts",
        "src/migrate.ts",
        "src/routes/auth.ts",
        "src/routes/system.ts",
        "tests/auth.test.ts",
        "tests/factories.ts",
    }
    for r in view.shape.resources:
        expected |= {f"src/resources/{r.plural}.ts", f"tests/{r.plural}.test.ts"}
    assert expected <= set(shop)


def test_embeds_the_contract_document(shop: Files) -> None:
    assert json.loads(shop["openapi.json"]) == to_openapi(_spec("shop"))
    assert shop["openapi.json"] == json.dumps(to_openapi(_spec("shop")), indent=2) + "\n"


def test_declares_how_verify_runs_it(shop: Files) -> None:
    table = tomllib.loads(shop["infranest.toml"])["tool"]["infranest"]
    assert table["package"] == "src"
    assert table["migrate"] == ["node", "dist/migrate.js"]
    assert "{port}" in table["serve"]


def test_pins_every_dependency_and_ships_a_matching_lockfile(shop: Files) -> None:
    package = json.loads(shop["package.json"])
    lock = json.loads(shop["package-lock.json"])
    for group in ("dependencies", "devDependencies"):
        for name, version in package[group].items():
            assert version[0].isdigit(), f"{name} is not pinned: {version}"
            assert lock["packages"][""][group][name] == version
            assert lock["packages"][f"node_modules/{name}"]["version"] == version
    assert lock["name"] == package["name"] == "shop"
    assert "prisma" not in shop["package-lock.json"]


def test_lockfile_takes_the_project_name() -> None:
    data = json.loads(lockfile("blog", "2.0.0"))
    assert (data["name"], data["packages"][""]["version"]) == ("blog", "2.0.0")


def test_every_resource_route_is_served(shop: Files) -> None:
    view = ProjectView.of(_spec("shop"))
    for r in view.shape.resources:
        module = shop[f"src/resources/{r.plural}.ts"]
        for op in r.operations:
            path = op.path.replace("{id}", ":id")
            assert f'router.{op.method}("{path}"' in module, op.operation_id
            assert f'operation: "{op.operation_id}"' in module
        assert f'from "./resources/{r.plural}.js"' in shop["src/app.ts"]


def test_actions_are_marked_for_the_user(shop: Files) -> None:
    assert "TODO: implement the `checkout` action" in shop["src/resources/carts.ts"]
    assert 'once(ctx.idempotency, req.headers["idempotency-key"]' in shop["src/resources/carts.ts"]


def test_dockerfile_is_multi_stage_non_root_with_healthcheck(shop: Files) -> None:
    docker = shop["Dockerfile"]
    assert docker.count("FROM node:20") == 2
    assert "USER node" in docker
    assert "HEALTHCHECK" in docker
    assert "EXPOSE 8000" in docker
    assert "postgres:" in shop["docker-compose.yml"]


def test_gitignore_keeps_the_engine_folder(shop: Files) -> None:
    assert ".infranest" not in shop[".gitignore"]


def test_format_trims_trailing_whitespace() -> None:
    target = load_target("express")
    assert target.format({"a.ts": "x  \n\n\n", "b.json": "{} "}) == {"a.ts": "x\n", "b.json": "{} "}


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        (BodyField(name="n", type="int", minimum=0), "z.number().int().min(0).max(2147483647)"),
        (BodyField(name="e", type="enum", choices=("a", "b")), 'z.enum(["a", "b"])'),
        (BodyField(name="m", type="email", max_length=254), "z.email().max(254)"),
        (BodyField(name="o", type="bool", required=False), "z.boolean().optional()"),
        (BodyField(name="s", type="string", nullable=True), "z.string().nullable()"),
        (BodyField(name="d", type="date"), "z.iso.date()"),
    ],
)
def test_zod_expressions(field: BodyField, expected: str) -> None:
    assert zod.body_field(field) == expected


def test_zod_query_values_are_parsed_from_text() -> None:
    size = zod.query_scalar(BodyField(name="size", type="int", minimum=1, maximum=50))
    assert size.startswith("z.string().regex(")
    assert size.endswith(".pipe(z.number().int().min(1).max(50))")


# Tool caches and installs that runs leave in stored projects; not part of the record.
IGNORED = frozenset({"node_modules", "dist", "coverage", ".infranest"})


def _recorded(folder: Path) -> list[Path]:
    return [
        p
        for p in folder.rglob("*")
        if p.is_file() and not IGNORED & set(p.relative_to(folder).parts)
    ]


@pytest.mark.parametrize("name", sorted(SPECS))
def test_golden(name: str) -> None:
    files = render(_spec(name), load_target("express"), deploy=frozenset())
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
