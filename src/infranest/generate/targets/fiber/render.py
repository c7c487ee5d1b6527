"""The Fiber target: Go, Fiber v3, GORM (SQLite by default, PostgreSQL by URL)."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment

from infranest.generate.tables import tables
from infranest.generate.target import Files, ProjectView
from infranest.generate.targets.fiber import ml
from infranest.generate.targets.fiber.api import (
    ResourceCode,
    fields_literal,
    resource_code,
    tenancy_literal,
)
from infranest.generate.targets.fiber.models import models
from infranest.generate.targets.fiber.tests_ctx import test_context
from infranest.generate.targets.fiber.toolchain import GO_VERSION, GOSEC_VERSION
from infranest.generate.templates import environment, kebab
from infranest.spec.builtins import USER

PACKAGE = "infranest.generate.targets.fiber"
# Files rendered from the template of the same path (plus ``.j2``) with the project context.
PROJECT_FILES = (
    ".env.example",
    ".github/workflows/ci.yml",
    ".gitignore",
    ".dockerignore",
    "Dockerfile",
    "Makefile",
    "README.md",
    "cmd/server/main.go",
    "docker-compose.yml",
    "infranest.toml",
    "internal/app/app.go",
    "internal/app/app_test.go",
    "internal/app/helpers_test.go",
    "internal/app/resources_test.go",
    "internal/auth/password.go",
    "internal/auth/tokens.go",
    "internal/auth/auth_test.go",
    "internal/config/config.go",
    "internal/config/config_test.go",
    "internal/db/db.go",
    "internal/db/db_test.go",
    "internal/handlers/access.go",
    "internal/handlers/convert.go",
    "internal/handlers/crud.go",
    "internal/handlers/endpoints.go",
    "internal/handlers/handler.go",
    "internal/handlers/list.go",
    "internal/handlers/problem.go",
    "internal/handlers/resource.go",
    "internal/handlers/routes.go",
    "internal/handlers/system.go",
    "internal/handlers/validate.go",
    "internal/handlers/handlers_test.go",
    "internal/handlers/engine_test.go",
    "internal/middleware/observe.go",
    "internal/middleware/ratelimit.go",
    "internal/middleware/middleware_test.go",
    "internal/models/registry.go",
    "openapi.go",
)
AUTH_FILES = ("internal/handlers/auth.go", "internal/app/auth_test.go")
OAUTH_FILES = ("internal/app/oauth_test.go",)
ML_FILES = (
    "internal/app/predictions_test.go",
    "internal/handlers/predictions.go",
    "internal/ml/predictor.go",
)
API_KEY_FILES = (
    "internal/apikeys/apikeys.go",
    "internal/apikeys/apikeys_test.go",
    "internal/app/apikeys_test.go",
    "internal/models/api_key.go",
)
# Names the root package may not take (they are imported next to it).
_TAKEN = frozenset(
    {"app", "auth", "config", "db", "fiber", "gorm", "handlers", "middleware", "models", "main"}
)


def module_path(view: ProjectView) -> str:
    name = kebab(view.spec.project.name) or "service"
    return name if name[:1].isalpha() else f"service-{name}"


def package_name(view: ProjectView) -> str:
    name = re.sub(r"[^a-z0-9]", "", view.spec.project.name.lower()) or "service"
    if not name[:1].isalpha() or name in _TAKEN:
        name = f"api{name}"
    return name


def data_text(name: str) -> str:
    return resources.files(PACKAGE).joinpath("data", name).read_text(encoding="utf-8")


def project_context(view: ProjectView) -> dict[str, Any]:
    spec = view.spec
    shape = view.shape
    by_entity = {t.entity: t for t in tables(spec)[0]}
    codes: list[ResourceCode] = [
        resource_code(spec, r, by_entity[r.entity]) for r in shape.resources
    ]
    auth = spec.project.auth.enabled and spec.entity(USER) is not None
    roles = spec.project.roles
    entity_models, links = models(spec)
    p: dict[str, Any] = {
        "module": module_path(view),
        "package_name": package_name(view),
        "project_name": spec.project.name,
        "project_title": " ".join((spec.project.description or spec.project.name).split()),
        "version": spec.project.version or "0.1.0",
        "auth": auth,
        "roles": roles,
        "default_role": roles[-1] if roles else "",
        "cors": ",".join(spec.project.cors),
        "providers": spec.project.auth.providers if "oauth2" in spec.project.auth.methods else (),
        "tokens": bool({"jwt", "oauth2"} & set(spec.project.auth.methods)),
        "sessions": "session" in spec.project.auth.methods,
        "apikey": auth and "apikey" in spec.project.auth.methods,
        "resources": codes,
        "tenancy": tenancy_literal(spec),
        "models": entity_models,
        "links": links,
        "go_mod_body": data_text("go.mod.body").strip(),
        "go_version": GO_VERSION,
        "gosec_version": GOSEC_VERSION,
    }
    if auth:
        user_read = next(b for b in shape.bodies if b.name == USER)
        register = shape.body("RegisterRequest")
        p["user_read"] = fields_literal(spec, user_read, by_entity.get(USER)).replace(
            "\n\t", "\n\t\t"
        )
        p["register_fields"] = fields_literal(spec, register, by_entity.get(USER))
    p["uses_regexp"] = "regexp." in (p.get("user_read", "") + p.get("register_fields", ""))
    p["ml_models"] = ml.models(view)
    p["uses_regexp_ml"] = any("regexp." in m.fields for m in p["ml_models"])
    p["tests"] = test_context(view, p)
    return p


class FiberTarget:
    """Go 1.26 with Fiber v3, GORM and a declarative resource registry."""

    name = "fiber"
    language = "go"

    def render(self, view: ProjectView) -> Files:
        env = environment(PACKAGE)
        p = project_context(view)
        files: Files = {}
        paths = list(PROJECT_FILES) + (list(AUTH_FILES) if p["auth"] else [])
        paths += list(OAUTH_FILES) if p["auth"] and p["providers"] else []
        paths += list(API_KEY_FILES) if p["apikey"] else []
        paths += list(ML_FILES) if p["ml_models"] else []
        for path in paths:
            files[path] = _render(env, f"{path}.j2", p)
        files["go.mod"] = _render(env, "go.mod.j2", p)
        files["go.sum"] = data_text("go.sum")
        for model in p["models"] + p["links"]:
            files[f"internal/models/{model.table}.go"] = _render(
                env, "internal/models/model.go.j2", {**p, "model": model}
            )
        for code in p["resources"]:
            files[f"internal/handlers/{code.file}_resource.go"] = _render(
                env, "internal/handlers/resource_file.go.j2", {**p, "r": code}
            )
        files["openapi.json"] = view.openapi_json
        return dict(sorted(files.items()))

    def format(self, files: Mapping[str, str]) -> Files:
        return format_go(files)


def _render(env: Environment, template: str, context: dict[str, Any]) -> str:
    return env.get_template(template).render(**context)


class GoMissingError(RuntimeError):
    """gofmt is needed to format the generated Go code."""


def format_go(files: Mapping[str, str]) -> Files:
    """The files with every ``.go`` file run through ``gofmt``."""
    gofmt = shutil.which("gofmt")
    if gofmt is None:
        raise GoMissingError(
            "the fiber target needs `gofmt` (part of Go, https://go.dev/dl/) on PATH "
            "to format the generated code"
        )
    out = dict(files)
    go_files = sorted(p for p in files if p.endswith(".go"))
    if not go_files:
        return out
    with tempfile.TemporaryDirectory(prefix="infranest-gofmt-") as tmp:
        root = Path(tmp)
        for path in go_files:
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(files[path], encoding="utf-8")
        done = subprocess.run(
            [gofmt, "-w", *go_files], cwd=root, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"gofmt failed on the generated code:\n{done.stderr}")
        for path in go_files:
            out[path] = (root / path).read_text(encoding="utf-8")
    return out
