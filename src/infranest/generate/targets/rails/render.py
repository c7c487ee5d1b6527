"""Render the Rails project: one template per file, per-entity templates per entity."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import Environment

from infranest.generate.target import Files, ProjectView
from infranest.generate.targets.rails import contracts, ml, tests_ctx
from infranest.generate.targets.rails.ruby import ruby_literal
from infranest.generate.targets.rails.tables import TableBuilder
from infranest.generate.targets.rails.tidy import tidy_ruby
from infranest.generate.templates import environment
from infranest.spec.builtins import USER
from infranest.spec.model import Spec
from infranest.spec.names import to_pascal, to_snake

PACKAGE = "infranest.generate.targets.rails"
SCHEMA_VERSION = "2024_01_01_000000"
MIGRATION = "db/migrate/20240101000000_create_tables.rb"
# Files rendered once per project, from the template of the same path plus ``.j2``.
PROJECT_FILES = (
    ".dockerignore",
    ".env.example",
    ".github/workflows/ci.yml",
    ".gitignore",
    ".rubocop.yml",
    "Dockerfile",
    "Gemfile",
    "README.md",
    "Rakefile",
    "app/contracts/resource_contract.rb",
    "app/controllers/application_controller.rb",
    "app/controllers/concerns/authentication.rb",
    "app/controllers/concerns/problem_responses.rb",
    "app/controllers/concerns/resource_endpoints.rb",
    "app/controllers/concerns/row_writes.rb",
    "app/controllers/system_controller.rb",
    "app/errors/api_error.rb",
    "app/models/application_record.rb",
    "app/services/list_query.rb",
    "app/services/request_body.rb",
    "app/services/row_presenter.rb",
    "app/services/value_checker.rb",
    "app/validators/not_null_validator.rb",
    "bin/rails",
    "bin/rake",
    "config.ru",
    "config/application.rb",
    "config/boot.rb",
    "config/database.yml",
    "config/environment.rb",
    "config/environments/development.rb",
    "config/environments/production.rb",
    "config/environments/test.rb",
    "config/initializers/cors.rb",
    "config/initializers/filter_parameter_logging.rb",
    "config/initializers/rack_attack.rb",
    "config/puma.rb",
    "config/routes.rb",
    "db/schema.rb",
    "docker-compose.yml",
    "infranest.toml",
    "lib/app_settings.rb",
    "lib/json_log_formatter.rb",
    "lib/problem_exceptions.rb",
    "lib/request_metrics.rb",
    "test/coverage.rb",
    "test/integration/system_test.rb",
    "test/services/value_checker_test.rb",
    "test/test_helper.rb",
)
AUTH_FILES = (
    "app/controllers/auth_controller.rb",
    "app/services/json_web_token.rb",
    "test/integration/auth_test.rb",
)
# Files of ML inference (spec ``model`` blocks).
ML_FILES = (
    "app/controllers/predictions_controller.rb",
    "app/services/predictor.rb",
    "test/integration/predictions_test.rb",
)
KEEP = ("log/.keep", "tmp/.keep", "db/.keep")
_PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


class RailsTarget:
    """Rails (API mode) + ActiveRecord + minitest, on Debian's Rails 6.1 and current Rails."""

    name = "rails"
    language = "ruby"

    def render(self, view: ProjectView) -> Files:
        env = environment(PACKAGE)
        env.filters["rb"] = ruby_literal
        env.filters["article"] = article
        # Ruby interpolation ("{#{x}}") would open a Jinja comment.
        env.comment_start_string, env.comment_end_string = "<%#", "%>"
        p = project(view)
        files: Files = dict.fromkeys(KEEP, "")
        paths = PROJECT_FILES + (AUTH_FILES if p["auth"] else ())
        for path in paths:
            files[path] = _render(env, f"{path}.j2", p=p)
        if p["has_idempotent"]:
            files["app/controllers/concerns/idempotency.rb"] = _render(
                env, "app/controllers/concerns/idempotency.rb.j2", p=p
            )
        if p["providers"]:
            files["app/services/o_auth_client.rb"] = _render(
                env, "app/services/o_auth_client.rb.j2", p=p
            )
        for path in ML_FILES if p["ml"] else ():
            files[path] = _render(env, f"{path}.j2", p=p)
        files[MIGRATION] = _render(env, "db/migrate/create_tables.rb.j2", p=p)
        for table in p["tables"]:
            files[f"app/models/{table.file}.rb"] = _render(
                env, "app/models/model.rb.j2", p=p, t=table
            )
        for enum in view.spec.enums:
            values = [v.name for v in enum.values]
            files[f"app/models/{to_snake(enum.name)}.rb"] = _render(
                env,
                "app/models/enum.rb.j2",
                p=p,
                e={"name": enum.name, "description": enum.description, "members": values},
            )
        for r in p["resources"]:
            files[f"app/contracts/{to_snake(r.entity)}_contract.rb"] = _render(
                env, "app/contracts/contract.rb.j2", p=p, r=r
            )
            files[f"app/controllers/{r.plural}_controller.rb"] = _render(
                env, "app/controllers/resource_controller.rb.j2", p=p, r=r
            )
            t = tests_ctx.resource_tests(view.spec, r.resource, p["auth"])
            files[f"test/integration/{r.plural}_test.rb"] = _render(
                env, "test/integration/resource_test.rb.j2", p=p, r=r, t=t
            )
        files["openapi.json"] = view.openapi_json
        return dict(sorted(files.items()))

    def format(self, files: Mapping[str, str]) -> Files:
        return {path: tidy_ruby(path, text) for path, text in files.items()}


def article(noun: str) -> str:
    """``order`` → ``an order``."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _render(env: Environment, template: str, **context: Any) -> str:
    return env.get_template(template).render(**context)


def _limits(view: ProjectView) -> list[str]:
    found = []
    for op in view.shape.operations:
        segments = ["[^/]+" if s.startswith("{") else s for s in op.path.strip("/").split("/")]
        pattern = "/" + "/".join(segments)
        for lim in op.limits:
            scope = {"tenant": "user"}.get(lim.scope, lim.scope)
            pairs = [
                ("operation", ruby_literal(op.operation_id)),
                ("method", ruby_literal(op.method.upper())),
                ("path", f"%r{{\\A{pattern}\\z}}"),
                ("count", ruby_literal(lim.count)),
                ("period", ruby_literal(_PERIODS[lim.period])),
                ("scope", ruby_literal(scope)),
            ]
            found.append(contracts.ruby_hash(pairs, 2))
    return found


def _module_name(spec: Spec) -> str:
    """The application's module: the project's name, unless an entity or enum has it."""
    name = to_pascal(spec.project.name) or "Service"
    taken = {e.name for e in spec.entities} | {e.name for e in spec.enums}
    taken |= {"User", "ApiError", "AppSettings", "Rails", "ActiveRecord", "ActiveSupport"}
    return f"{name}App" if name in taken else name


def project(view: ProjectView) -> dict[str, Any]:
    spec, shape = view.spec, view.shape
    auth = spec.project.auth
    builder = TableBuilder(spec)
    tables = builder.build()
    resources = [contracts.resource_view(spec, r) for r in shape.resources]
    bodies = {
        b.name: [contracts.ruby_hash(contracts.field_pairs(f), 4) for f in b.fields]
        for b in shape.bodies
        if b.name in ("RegisterRequest", "LoginRequest", "RefreshRequest", "OAuthTokenRequest")
        or b.name == USER
    }
    limited = next(
        (o for o in shape.operations if o.limits and "{" not in o.path and o.kind != "action"),
        None,
    )
    providers = list(auth.providers) if "oauth2" in auth.methods else []
    register = next((b for b in shape.bodies if b.name == "RegisterRequest"), None)
    extra = (
        tuple(f for f in register.fields if f.name not in ("email", "password")) if register else ()
    )
    res = shape.resources
    fields = [f for r in res for b in (r.read, r.update, r.create) if b for f in b.fields]
    owners = [spec.entity(r.entity) for r in res]
    return {
        "styles": sorted({r.pagination.style for r in res}) or ["none"],
        "has_search": any(p.role == "search" for r in res for p in r.list_params),
        "has_filters": any(p.role == "filter" for r in res for p in r.list_params),
        "has_sort": any(p.role == "sort" for r in res for p in r.list_params),
        "read_types": sorted({f.type for r in res for f in r.read.fields}),
        "has_many": any(f.many for f in fields),
        "has_versioned": any(r.optimistic_lock for r in res),
        "has_soft_delete": any(r.soft_delete for r in res),
        "has_hard_delete": any(not r.soft_delete for r in res),
        "has_read_roles": any(f.read_roles for f in fields),
        "has_write_roles": any(f.write_roles for f in fields),
        "has_owner": any(r.owner != "nil" for r in resources),
        "has_tenant": any(e is not None and e.tenant_field is not None for e in owners),
        "has_idempotent": any(o.idempotent for o in shape.operations),
        "has_unique": any(
            "unique: true" in line for t in tables for line in (*t.indexes, *t.columns)
        )
        or bool(builder.join_tables()),
        "title": spec.project.description or spec.project.name,
        "description": spec.project.description,
        "module": _module_name(spec),
        "db_name": to_snake(spec.project.name) or "app",
        "auth": auth.enabled,
        "tokens": bool({"jwt", "oauth2"} & set(auth.methods)),
        "providers": providers,
        "roles": list(spec.project.roles),
        "default_role": spec.project.roles[-1] if spec.project.roles else "",
        "cors": ",".join(spec.project.cors),
        "tables": tables,
        "joins": builder.join_tables(),
        "schema_version": SCHEMA_VERSION,
        "resources": resources,
        "routes": contracts.routes(shape),
        "ml": ml.models(view),
        "operations": shape.operations,
        "bodies": bodies,
        "limits": _limits(view),
        "limited_path": limited.path if limited else None,
        "limited_method": limited.method if limited else None,
        "limited_count": min(lim.count for lim in limited.limits) if limited else 0,
        "factories": tests_ctx.factories(spec),
        "register_extra": tests_ctx.body_literal(spec, extra, 5, all_keys=False),
        "register_many": [f.name for f in register.fields if f.many] if register else [],
    }
