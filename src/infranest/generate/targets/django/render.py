"""Render the Django project of a ProjectView: template context, then every file."""

from __future__ import annotations

from typing import Any

from infranest.generate.target import Files, ProjectView
from infranest.generate.targets.django import ml
from infranest.generate.targets.django.api_ctx import (
    resource_of,
    routes_of,
    serializer_of,
    tenancy_of,
)
from infranest.generate.targets.django.models_ctx import enums_of, models_of
from infranest.generate.targets.django.tests_ctx import json_value, tests_of
from infranest.generate.templates import environment
from infranest.spec.exporters.api_shape import API_KEY_HEADER, AUTH_LIMIT, SESSION_COOKIE
from infranest.spec.exporters.api_types import Body

PACKAGE = "infranest.generate.targets.django"
_REQUEST_BODIES = ("RegisterRequest", "LoginRequest", "RefreshRequest", "OAuthTokenRequest")
# Templates rendered once each; the output path is the template path without ``.j2``.
_ALWAYS = (
    "manage.py",
    "config/__init__.py",
    "config/settings.py",
    "config/urls.py",
    "config/wsgi.py",
    "config/asgi.py",
    "api/__init__.py",
    "api/apps.py",
    "api/fields.py",
    "api/errors.py",
    "api/querying.py",
    "api/throttling.py",
    "api/crud.py",
    "api/jsonlog.py",
    "api/system.py",
    "api/models.py",
    "api/serializers.py",
    "api/resources.py",
    "api/urls.py",
    "api/migrations/__init__.py",
    "api/migrations/0001_initial.py",
    "tests/__init__.py",
    "tests/conftest.py",
    "tests/factories.py",
    "tests/test_system.py",
    "tests/test_migrations.py",
    "tests/test_building_blocks.py",
    "tests/test_resources.py",
    "requirements.txt",
    "requirements-dev.txt",
    "pyproject.toml",
    "README.md",
    "Dockerfile",
    "docker-compose.yml",
    "dot-env.example",
    "dot-gitignore",
    "dot-dockerignore",
    "github/workflows/ci.yml",
)
_AUTH = ("api/security.py", "api/auth_views.py", "tests/test_auth.py")
_API_KEYS = (
    "api/management/__init__.py",
    "api/management/commands/__init__.py",
    "api/management/commands/issue_api_key.py",
    "api/management/commands/revoke_api_key.py",
)
_RENAMES = {"dot-": ".", "github/": ".github/"}


def _output_path(template: str) -> str:
    for prefix, real in _RENAMES.items():
        if template.startswith(prefix):
            return real + template[len(prefix) :]
    return template


def context(view: ProjectView) -> dict[str, Any]:
    """Everything the templates read."""
    spec, shape = view.spec, view.shape
    project = spec.project
    auth = project.auth.enabled
    methods = set(project.auth.methods)
    providers = list(project.auth.providers) if "oauth2" in methods else []
    read_names = {r.read.name for r in shape.resources}
    if auth:
        read_names.add("User")
    serializers = []
    for body in shape.bodies:
        if body.name in read_names:
            serializers.append(serializer_of(body, read=True, spec=spec))
        elif body.closed and (body.name not in _REQUEST_BODIES or auth):
            serializers.append(serializer_of(body, read=False))
    resources = [resource_of(spec, r, auth) for r in shape.resources]
    register = next((b for b in shape.bodies if b.name == "RegisterRequest"), None)
    user_relations = [
        (f.name, f.target)
        for f in (register.fields if register else ())
        if f.type == "id" and not f.many and f.target
    ]
    tokens = bool(methods & {"jwt", "oauth2"})
    session = auth and "session" in methods
    names = {e.name.lower() for e in spec.entities}
    user_entity = spec.entity("User") if auth else None
    return {
        "register_payload": _register_payload(register),
        "spec": spec,
        "shape": shape,
        "name": project.name,
        "title": project.description or project.name,
        "version": shape.version,
        "auth": auth,
        "tokens": tokens,
        "session": session,
        "login": tokens or session,
        "apikey": auth and "apikey" in methods,
        "api_key_model": "ApiKey" if "apikey" not in names else "ServiceApiKey",
        "session_cookie": SESSION_COOKIE,
        "api_key_header": API_KEY_HEADER,
        "api_key_meta": "HTTP_" + API_KEY_HEADER.upper().replace("-", "_"),
        "tenancy": tenancy_of(spec),
        "user_soft_delete": user_entity is not None and user_entity.soft_delete,
        "providers": providers,
        "roles": list(project.roles),
        "default_role": project.roles[-1] if project.roles else "",
        "cors": list(project.cors),
        "database": project.database,
        "enums": enums_of(spec),
        "models": models_of(spec),
        "serializers": serializers,
        "resources": resources,
        "routes": routes_of(resources),
        "auth_limit": AUTH_LIMIT,
        "user_read": "UserSerializer",
        "user_relations": user_relations,
        "tests": tests_of(view, resources),
        "ml": ml.context(view),
    }


def _register_payload(register: Body | None) -> str:
    """A valid ``RegisterRequest`` as a Python literal."""
    values: dict[str, Any] = {"email": "new.user@example.com", "password": "correct horse battery"}
    enums: dict[str, tuple[str, ...]] = {}
    for f in register.fields if register else ():
        if f.name not in values and f.required and f.type != "id":
            values[f.name] = json_value(f, 3, enums)
    return repr(values)


def render_project(view: ProjectView) -> Files:
    env = environment(PACKAGE)
    ctx = context(view)
    chosen = _ALWAYS + (_AUTH if ctx["auth"] else ()) + (_API_KEYS if ctx["apikey"] else ())
    if any(r.actions for r in ctx["resources"]):
        chosen += ("api/actions.py",)
    files: Files = {}
    for template in chosen:
        files[_output_path(template)] = env.get_template(template + ".j2").render(ctx)
    files.update(ml.render(env, ctx))
    files["openapi.json"] = view.openapi_json
    return files
