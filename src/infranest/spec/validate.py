"""Semantic validation: every rule a well-formed spec must also obey, as diagnostics.

``validate`` is total: whatever spec it is given (dangling names, duplicates, nonsense
numbers), it returns findings and never raises. The checks live in ``validate_*`` modules:
fields (``validate_fields``, ``validate_values``), entities (``validate_entity``), flows,
integrations and ML models (``validate_services``); this module checks the project and
the top-level definitions and orders the findings.
"""

from __future__ import annotations

from collections.abc import Sequence

from infranest.spec import names
from infranest.spec.diagnostics import Diagnostic, valid_choices
from infranest.spec.model import PRINCIPALS, SCALAR_TYPES, EnumDef, Spec
from infranest.spec.validate_context import Checker, PathOf, at, quoted
from infranest.spec.validate_entity import check_entity, check_required_cycles
from infranest.spec.validate_services import check_flows, check_integrations, check_models
from infranest.spec.validate_values import is_http_url

KNOWN_OAUTH_PROVIDERS: tuple[str, ...] = (
    "google",
    "github",
    "gitlab",
    "microsoft",
    "apple",
    "facebook",
    "twitter",
    "linkedin",
    "slack",
    "discord",
    "okta",
    "auth0",
    "keycloak",
    "bitbucket",
)
# Names a field's type may spell besides entity and enum names.
_TYPE_WORDS = frozenset(SCALAR_TYPES) | {"enum", "relation"}


def validate(spec: Spec) -> tuple[Diagnostic, ...]:
    """Every error and warning about ``spec``, ordered by source location.

    Findings without a location keep the order the definitions have, next to the findings
    before them.
    """
    c = Checker(spec)
    _check_project(c)
    _check_top_level_names(c)
    for enum in spec.enums:
        _check_enum(c, enum)
    for ent in spec.entities:
        check_entity(c, ent)
    check_required_cycles(c)
    check_flows(c, spec.flows)
    check_integrations(c, spec.integrations)
    check_models(c, spec.models)
    return _ordered(c.out)


def _ordered(found: Sequence[Diagnostic]) -> tuple[Diagnostic, ...]:
    keyed = []
    last: tuple[str, int, int] = ("", 0, 0)
    for i, d in enumerate(found):
        if d.loc is not None:
            last = (d.loc.file, d.loc.line, d.loc.column)
        keyed.append((last, i, d))
    keyed.sort(key=lambda k: (k[0], k[1]))
    return tuple(d for _, _, d in keyed)


def _check_project(c: Checker) -> None:
    project = c.spec.project
    c.check_identifier(project.name, "project", "snake", project.loc, "project")
    _check_auth(c)
    _check_roles(c)
    _check_tenancy(c)
    load = project.load
    if (
        load is not None
        and load.rps is not None
        and load.peak_rps is not None
        and load.peak_rps < load.rps
    ):
        c.warn(
            "load-inconsistent",
            f"peak load ({load.peak_rps:g} rps) is below the average ({load.rps:g} rps)",
            at(load, project),
            "project.load",
            "the peak should be at least the average",
        )
    for i, origin in enumerate(project.cors):
        _check_origin(c, origin, f"project.cors[{i}]")


def _check_auth(c: Checker) -> None:
    project = c.spec.project
    auth = project.auth
    loc = at(auth, project)
    methods = auth.methods
    if not methods:
        c.error(
            "auth-no-methods",
            "auth lists no methods",
            loc,
            "project.auth.methods",
            "use 'auth none' to disable authentication, or e.g. 'auth jwt'",
        )
    if "none" in methods and len(set(methods)) > 1:
        others = [m for m in dict.fromkeys(methods) if m != "none"]
        c.error(
            "auth-none-combined",
            f"auth 'none' cannot be combined with {quoted(others)}",
            loc,
            "project.auth.methods",
            "remove 'none', or use 'auth none' alone",
        )
    repeated: list[str] = [m for m in dict.fromkeys(methods) if methods.count(m) > 1]
    repeated += [p for p in dict.fromkeys(auth.providers) if auth.providers.count(p) > 1]
    if repeated:
        c.warn(
            "duplicate-auth-method",
            f"auth lists {quoted(repeated)} more than once",
            loc,
            "project.auth",
            "list each method and provider once",
        )
    if "oauth2" in methods and not auth.providers:
        c.error(
            "oauth2-without-provider",
            "oauth2 needs at least one identity provider",
            loc,
            "project.auth.providers",
            f"e.g. 'auth oauth2(google)'; known: {', '.join(KNOWN_OAUTH_PROVIDERS)}",
        )
    if auth.providers and "oauth2" not in methods:
        c.error(
            "provider-without-oauth2",
            f"identity providers {quoted(auth.providers)} given without oauth2",
            loc,
            "project.auth.providers",
            "add oauth2 to the methods, e.g. 'auth jwt, oauth2(google)'",
        )
    for i, provider in enumerate(auth.providers):
        if provider in KNOWN_OAUTH_PROVIDERS:
            continue
        hint = valid_choices(provider, KNOWN_OAUTH_PROVIDERS)
        if hint.startswith("did you mean"):
            c.warn(
                "unknown-oauth-provider",
                f"OAuth2 provider '{provider}' looks misspelt",
                loc,
                f"project.auth.providers[{i}]",
                hint,
            )


def _check_roles(c: Checker) -> None:
    project = c.spec.project
    loc = project.loc
    seen: set[str] = set()
    for role in project.roles:
        path = f"project.roles[{role}]"
        if role in seen:
            c.error(
                "duplicate-role",
                f"role '{role}' is declared more than once",
                loc,
                path,
                "list each role once",
            )
            continue
        seen.add(role)
        if not c.check_identifier(role, "role", "snake", loc, path):
            continue
        if role in PRINCIPALS:
            c.error(
                "reserved-role",
                f"role '{role}' is named like the built-in principal '{role}'",
                loc,
                path,
                f"rename it (e.g. '{role}_role'); {', '.join(PRINCIPALS)} have a meaning of "
                "their own in access rules",
            )
    if project.roles and not c.auth:
        c.warn(
            "roles-without-auth",
            "roles are declared but the project has no authentication to assign them",
            loc,
            "project.roles",
            "enable auth (e.g. 'auth jwt') or remove the roles",
        )


def _check_tenancy(c: Checker) -> None:
    project = c.spec.project
    tenancy = project.tenancy
    if tenancy is None:
        return
    loc = at(tenancy, project)
    if tenancy.entity not in c.entities:
        c.error(
            "unknown-tenancy-entity",
            f"tenancy names unknown entity '{tenancy.entity}'",
            loc,
            "project.tenancy.entity",
            valid_choices(tenancy.entity, c.entities),
        )
    if not c.auth:
        c.error(
            "tenancy-without-auth",
            "multi-tenancy needs authentication to know each request's tenant",
            loc,
            "project.tenancy",
            "enable auth in the project (e.g. 'auth jwt')",
        )
    if tenancy.mode == "schema" and project.database != "postgresql":
        c.warn(
            "schema-tenancy-database",
            f"schema-per-tenant needs PostgreSQL schemas; the database is {project.database}",
            loc,
            "project.tenancy.mode",
            "use tenancy mode row, or database postgresql",
        )


def _check_origin(c: Checker, origin: str, path: str) -> None:
    project = c.spec.project
    if origin == "*":
        if "session" in project.auth.methods:
            c.warn(
                "cors-wildcard-credentials",
                "CORS allows any origin, but session auth needs credentials, which browsers "
                "refuse to send to a wildcard",
                project.loc,
                path,
                "list the allowed origins, e.g. 'cors https://app.example.com'",
            )
        return
    bare = is_http_url(origin) and origin.split("://", 1)[1].count("/") == 0
    if not bare:
        c.error(
            "invalid-cors-origin",
            f"CORS origin '{origin}' is not '*' or scheme://host[:port]",
            project.loc,
            path,
            "e.g. 'https://app.example.com' (no path, no trailing slash)",
        )


def _check_top_level_names(c: Checker) -> None:
    spec = c.spec
    c.check_duplicates(((e.name, e) for e in spec.enums), "duplicate-enum", "enum", PathOf("enums"))
    c.check_duplicates(
        ((e.name, e) for e in spec.entities), "duplicate-entity", "entity", PathOf("entities")
    )
    for en in spec.enums:
        ent = c.entities.get(en.name)
        if ent is not None:
            c.error(
                "enum-entity-clash",
                f"'{en.name}' is both an enum and an entity",
                en.loc,
                f"enums[{en.name}]",
                f"rename one of them (e.g. the enum '{en.name}Kind')",
            )
    tables: dict[str, str] = {}
    for ent in spec.entities:
        table = tables.setdefault(names.to_snake(ent.name), ent.name)
        if table != ent.name:
            c.error(
                "name-collision",
                f"entities '{table}' and '{ent.name}' become the same name "
                f"'{names.to_snake(ent.name)}' in generated code",
                ent.loc,
                f"entities[{ent.name}]",
                "rename one of them",
            )
    for kind, items in (("enum", spec.enums), ("entity", spec.entities)):
        for node in items:
            if node.name in _TYPE_WORDS:
                c.error(
                    "type-name-clash",
                    f"{kind} '{node.name}' is named like a built-in type",
                    node.loc,
                    f"{'enums' if kind == 'enum' else 'entities'}[{node.name}]",
                    f"use a PascalCase name; built-in types: {', '.join(sorted(_TYPE_WORDS))}",
                )


def _check_enum(c: Checker, enum: EnumDef) -> None:
    path = f"enums[{enum.name}]"
    if c.check_identifier(enum.name, "enum", "pascal", enum.loc, path):
        c.check_reserved(enum.name, "enum", enum.loc, path)
    if not enum.values:
        c.error(
            "empty-enum",
            f"enum {enum.name} has no values",
            enum.loc,
            path,
            "list its values, e.g. 'enum Status { active, archived }'",
        )
    c.check_duplicates(
        ((v.name, v) for v in enum.values),
        "duplicate-enum-value",
        "enum value",
        PathOf(f"{path}.values"),
    )
    for v in enum.values:
        here = f"{path}.values[{v.name}]"
        loc = at(v, enum)
        if c.check_identifier(v.name, "enum value", "any", loc, here):
            c.check_reserved(v.name, "enum_value", loc, here)
