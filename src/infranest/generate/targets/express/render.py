"""Render the Express project: one template per file, one route module per resource."""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources
from typing import Any

from jinja2 import Environment

from infranest.generate.target import Files, ProjectView
from infranest.generate.targets.express import ml, tests_context
from infranest.generate.targets.express.context import project
from infranest.generate.templates import environment

PACKAGE = "infranest.generate.targets.express"
LOCKFILE = "package-lock.json"
# Files rendered once per project, from the template of the same path plus ``.j2``.
PROJECT_FILES = (
    ".dockerignore",
    ".env.example",
    ".github/workflows/ci.yml",
    ".gitignore",
    "Dockerfile",
    "README.md",
    "docker-compose.yml",
    "eslint.config.js",
    "eslint.security.config.js",
    "infranest.toml",
    "package.json",
    "src/app.ts",
    "src/config.ts",
    "src/context.ts",
    "src/core/errors.ts",
    "src/core/idempotency.ts",
    "src/core/metrics.ts",
    "src/core/ratelimit.ts",
    "src/db/database.ts",
    "src/db/migrations.ts",
    "src/db/types.ts",
    "src/http/access.ts",
    "src/http/crud.ts",
    "src/logger.ts",
    "src/migrate.ts",
    "src/routes/system.ts",
    "src/server.ts",
    "tests/core.test.ts",
    "tests/crud.test.ts",
    "tests/helpers.ts",
    "tests/system.test.ts",
    "tsconfig.build.json",
    "tsconfig.json",
    "vitest.config.ts",
)

# Files of API-key authentication (``auth apikey``).
API_KEY_FILES = (
    "src/core/apikeys.ts",
    "src/core/commands.ts",
    "src/manage.ts",
    "tests/apikeys.test.ts",
)

# Files of ML inference (spec ``model`` blocks).
ML_FILES = ("src/ml/predictor.ts", "src/routes/predictions.ts", "tests/predictions.test.ts")


class ExpressTarget:
    """Express 5 + TypeScript + Kysely + zod, tested with vitest and supertest."""

    name = "express"
    language = "node"

    def render(self, view: ProjectView) -> Files:
        env = environment(PACKAGE)
        p = project(view)
        files: Files = {}
        p["factories"] = tests_context.factories(view)
        p["models"] = ml.models(view)
        for path in ML_FILES if p["models"] else ():
            files[path] = _render(env, f"{path}.j2", p=p)
        p["uses_pick"] = tests_context.uses_pick(p["factories"])
        for path in PROJECT_FILES:
            files[path] = _render(env, f"{path}.j2", p=p)
        if any(r.many for r in p["resources"]) or "refine(unique" in str(p["register"]):
            files["src/http/validation.ts"] = _render(env, "src/http/validation.ts.j2", p=p)
        for path in API_KEY_FILES if p["apikey"] else ():
            files[path] = _render(env, f"{path}.j2", p=p)
        if p["auth"]:
            files["src/core/security.ts"] = _render(env, "src/core/security.ts.j2", p=p)
            files["src/routes/auth.ts"] = _render(env, "src/routes/auth.ts.j2", p=p)
            files["tests/auth.test.ts"] = _render(env, "tests/auth.test.ts.j2", p=p)
        files["tests/factories.ts"] = _render(env, "tests/factories.ts.j2", p=p)
        for r in p["resources"]:
            files[f"src/resources/{r.plural}.ts"] = _render(
                env, "src/resources/resource.ts.j2", p=p, r=r
            )
            t = tests_context.resource_tests(view, r, p)
            files[f"tests/{r.plural}.test.ts"] = _render(
                env, "tests/resource.test.ts.j2", p=p, r=r, t=t
            )
        files["openapi.json"] = view.openapi_json
        files[LOCKFILE] = lockfile(p["package"], p["version"])
        return dict(sorted(files.items()))

    def format(self, files: Mapping[str, str]) -> Files:
        """The templates emit formatted TypeScript; only trailing whitespace is trimmed."""
        return {path: _tidy(path, text) for path, text in files.items()}


def _tidy(path: str, text: str) -> str:
    if path.endswith((".json", ".md")):
        return text
    lines = [line.rstrip() for line in text.splitlines()]
    return "\n".join(lines).rstrip("\n") + "\n"


def _render(env: Environment, template: str, **context: Any) -> str:
    return env.get_template(template).render(**context)


def lockfile(name: str, version: str) -> str:
    """The shipped ``package-lock.json`` with this project's name and version."""
    text = resources.files(PACKAGE).joinpath("data", LOCKFILE).read_text(encoding="utf-8")
    data = json.loads(text)
    data["name"] = name
    data["version"] = version
    data["packages"][""]["name"] = name
    data["packages"][""]["version"] = version
    return json.dumps(data, indent=2) + "\n"
