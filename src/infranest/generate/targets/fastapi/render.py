"""Render the FastAPI project: one template per file, per-entity templates per entity."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import Environment

from infranest.generate.formatting import format_python
from infranest.generate.target import Files, ProjectView
from infranest.generate.targets.fastapi import ml, tests_context
from infranest.generate.targets.fastapi.context import project, schema_module
from infranest.generate.templates import environment
from infranest.spec.builtins import USER
from infranest.spec.names import to_snake

PACKAGE = "infranest.generate.targets.fastapi"
# Files rendered once per project, from the template of the same path plus ``.j2``.
PROJECT_FILES = (
    ".env.example",
    ".github/workflows/ci.yml",
    ".gitignore",
    "Dockerfile",
    "README.md",
    "alembic.ini",
    "alembic/env.py",
    "alembic/script.py.mako",
    "app/api/access.py",
    "app/api/crud.py",
    "app/api/deps.py",
    "app/api/router.py",
    "app/api/routes/system.py",
    "app/core/config.py",
    "app/core/errors.py",
    "app/core/idempotency.py",
    "app/core/logging.py",
    "app/core/metrics.py",
    "app/core/ratelimit.py",
    "app/db/base.py",
    "app/db/session.py",
    "app/main.py",
    "app/models/__init__.py",
    "app/models/enums.py",
    "app/schemas/common.py",
    "docker-compose.yml",
    "pyproject.toml",
    "requirements-dev.txt",
    "requirements.txt",
    "tests/conftest.py",
    "tests/factories.py",
    "tests/test_migrations.py",
    "tests/test_system.py",
)
# Files of API-key authentication (``auth apikey``).
API_KEY_FILES = (
    "app/core/api_keys.py",
    "app/manage.py",
    "app/models/api_key.py",
    "tests/test_api_keys.py",
)
PACKAGES = {
    "app/__init__.py": "The generated service.",
    "app/api/__init__.py": "HTTP routes and their dependencies.",
    "app/api/routes/__init__.py": "One module per resource.",
    "app/core/__init__.py": "Settings, security, logging, metrics, limits.",
    "app/db/__init__.py": "Database engine, sessions and the model base.",
    "app/schemas/__init__.py": "Request and response bodies (pydantic).",
    "tests/__init__.py": "The service's test suite.",
}


class FastApiTarget:
    """FastAPI + SQLAlchemy 2 + Alembic + pydantic v2, laid out like the
    full-stack-fastapi-template backend."""

    name = "fastapi"
    language = "python"

    def render(self, view: ProjectView) -> Files:
        env = environment(PACKAGE)
        p = project(view)
        p["factories"] = tests_context.factories(view.spec, p["tables"])
        p["ml"] = ml.context(view)
        files: Files = {path: f'"""{doc}"""\n' for path, doc in PACKAGES.items()}
        for path in PROJECT_FILES:
            files[path] = _render(env, f"{path}.j2", p=p)
        if p["associations"]:
            files["app/models/associations.py"] = _render(env, "app/models/associations.py.j2", p=p)
        if p["auth"]:
            files["app/core/security.py"] = _render(env, "app/core/security.py.j2", p=p)
            files["app/api/routes/auth.py"] = _render(env, "app/api/routes/auth.py.j2", p=p)
            files["app/schemas/auth.py"] = _render(env, "app/schemas/auth.py.j2", p=p)
            files["tests/test_auth.py"] = _render(env, "tests/test_auth.py.j2", p=p)
        if p["apikey"]:
            for path in API_KEY_FILES:
                files[path] = _render(env, f"{path}.j2", p=p)
        if p["routes"]:
            first = p["routes"][0]
            p["core_model"], p["core_module"] = first.entity, first.module
            files["tests/test_core.py"] = _render(env, "tests/test_core.py.j2", p=p)
        for table in p["tables"]:
            entity = view.spec.entity(table.entity)
            files[f"app/models/{table.module}.py"] = _render(
                env, "app/models/model.py.j2", p=p, t=table, e=entity
            )
            if entity is not None and (view.shape.resource(entity.name) or entity.name == USER):
                s = schema_module(view.spec, view, entity)
                files[f"app/schemas/{table.module}.py"] = _render(
                    env, "app/schemas/schema.py.j2", p=p, e=entity, s=s
                )
        for route in p["routes"]:
            files[f"app/api/routes/{route.plural}.py"] = _render(
                env, "app/api/routes/resource.py.j2", p=p, r=route
            )
            t = tests_context.resource_tests(view, route, p)
            files[f"tests/test_{route.plural}.py"] = _render(
                env, "tests/test_resource.py.j2", p=p, r=route, t=t
            )
        files[f"alembic/versions/{p['revision']}_initial.py"] = _render(
            env, "alembic/versions/initial.py.j2", p=p
        )
        files.update(ml.render(env, p))
        files["openapi.json"] = view.openapi_json
        return dict(sorted(files.items()))

    def format(self, files: Mapping[str, str]) -> Files:
        return format_python(files)


def _render(env: Environment, template: str, **context: Any) -> str:
    return env.get_template(template).render(**context)


def module_name(entity: str) -> str:
    return to_snake(entity)
