"""JDL applications and deployments to the spec's project settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from infranest.spec.diagnostics import valid_choices
from infranest.spec.importers.jdl_ast import (
    ConfigEntry,
    ConfigValue,
    JdlApplication,
    JdlDocument,
    Selection,
)
from infranest.spec.importers.jdl_fields import Report
from infranest.spec.model import Auth, Database, Loc, Project
from infranest.spec.names import to_snake

# JHipster's baseName when none is given and no file name helps.
DEFAULT_NAME = "jhipster"
_AUTH: dict[str, Auth] = {
    "jwt": Auth(methods=("jwt",)),
    "session": Auth(methods=("session",)),
    "oauth2": Auth(methods=("oauth2",), providers=("oidc",)),
}
_DATABASES: dict[str, Database] = {"postgresql": "postgresql", "mysql": "mysql"}
_NO = frozenset({"no", "false"})
# Keys read into the spec; every other config key is named in one warning.
_READ_KEYS = frozenset(
    {
        "baseName",
        "authenticationType",
        "prodDatabaseType",
        "databaseType",
        "applicationType",
        "searchEngine",
    }
)


@dataclass(frozen=True)
class Scope:
    """The entities (JDL names) an application generates and its full-text search engine."""

    entities: tuple[str, ...]
    search_engine: str | None
    search_loc: Loc | None


def build_project(document: JdlDocument, filename: str, report: Report) -> Project:
    """The project from the first application block (JHipster's defaults without one)."""
    for deployment in document.deployments:
        report.unsupported(
            "deployment block is not represented: the spec describes one service, not its "
            "deployment (docker-compose, kubernetes, ...)",
            deployment.loc,
        )
    if not document.applications:
        return Project(name=_file_name(filename), auth=_AUTH["jwt"])
    first, *others = document.applications
    for other in others:
        name = _config(other).get("baseName")
        report.unsupported(
            f"application '{name.value if name else '?'}' is not represented: the spec "
            "describes one service; its entities are imported into the first application's "
            "project and its config is ignored",
            other.loc,
        )
    return _project(first, filename, report)


def scopes(document: JdlDocument, declared: tuple[str, ...], report: Report) -> list[Scope]:
    """The entities and search engine of each application, in order."""
    result: list[Scope] = []
    for application in document.applications:
        entities = declared
        if application.entities is not None:
            entities = select(application.entities, declared, report)
        engine_entry = _config(application).get("searchEngine")
        engine = str(engine_entry.value) if engine_entry is not None else None
        if engine in _NO:
            engine = None
        result.append(Scope(entities, engine, engine_entry.loc if engine_entry else None))
    listed = {name for scope in result for name in scope.entities}
    if document.applications and any(a.entities is not None for a in document.applications):
        for entity in document.entities:
            if entity.name.value not in listed:
                report.unsupported(
                    f"entity {entity.name.value} is in no application's entity list (JHipster "
                    "would not generate it); it is imported anyway",
                    entity.name.loc,
                )
    return result


def select(
    selection: Selection,
    available: tuple[str, ...],
    report: Report,
    declared: tuple[str, ...] | None = None,
) -> tuple[str, ...]:
    """The entities a selection names among ``available``; other names are errors.

    ``declared`` (every entity of the file) tells a name that is not declared at all from
    one outside the application the selection belongs to.
    """
    for named in (*selection.names, *selection.excluded):
        if named.value in available:
            continue
        known = declared is not None and named.value in declared
        report.fail(
            "unknown-entity",
            f"entity '{named.value}' is "
            + ("not one of this application's entities" if known else "not declared"),
            named.loc,
            hint=valid_choices(named.value, available),
        )
    chosen = available if selection.everything else tuple(n.value for n in selection.names)
    excluded = {n.value for n in selection.excluded}
    return tuple(dict.fromkeys(n for n in chosen if n in available and n not in excluded))


def _config(application: JdlApplication) -> dict[str, ConfigEntry]:
    return {entry.key.value: entry for entry in application.config}


def _file_name(filename: str) -> str:
    stem = PurePath(filename).stem
    if stem.startswith("<") or not stem:
        return DEFAULT_NAME
    return to_snake(stem)


def _project(application: JdlApplication, filename: str, report: Report) -> Project:
    config = _config(application)
    base = config.get("baseName")
    name = _file_name(filename)
    if base is not None:
        name = to_snake(str(base.value))
    auth = _auth(config.get("authenticationType"), report)
    database = _database(config.get("prodDatabaseType"), config.get("databaseType"), report)
    _application_type(config.get("applicationType"), report)
    ignored = [key for key in config if key not in _READ_KEYS]
    if ignored:
        report.unsupported(
            "application config not represented (build, client and tooling settings of the "
            f"generated JHipster application): {', '.join(ignored)}",
            config[ignored[0]].loc,
        )
    return Project(
        name=name,
        description=application.doc,
        auth=auth,
        database=database,
        loc=application.loc,
    )


def _auth(entry: ConfigEntry | None, report: Report) -> Auth:
    if entry is None:
        return _AUTH["jwt"]
    value = _text(entry.value)
    if value in _AUTH:
        return _AUTH[value]
    if value == "uaa":
        report.unsupported(
            "authenticationType uaa (JHipster's own OAuth2 server) is not represented; "
            "imported as oauth2 with provider 'uaa'",
            entry.loc,
        )
        return Auth(methods=("oauth2",), providers=("uaa",))
    report.unsupported(
        f"authenticationType '{value}' is not known; imported as jwt, JHipster's default",
        entry.loc,
        hint="valid: jwt, session, oauth2",
    )
    return _AUTH["jwt"]


def _database(prod: ConfigEntry | None, kind: ConfigEntry | None, report: Report) -> Database:
    if kind is not None and _text(kind.value) != "sql":
        report.unsupported(
            f"databaseType '{_text(kind.value)}' is not represented: the spec describes a "
            "relational schema",
            kind.loc,
        )
    if prod is None:
        return "postgresql"
    value = _text(prod.value)
    if value in _DATABASES:
        return _DATABASES[value]
    if value == "mariadb":
        report.unsupported("prodDatabaseType mariadb is imported as mysql", prod.loc)
        return "mysql"
    report.unsupported(
        f"prodDatabaseType '{value}' is not represented; imported as postgresql",
        prod.loc,
        hint="valid: postgresql, mysql (mariadb becomes mysql)",
    )
    return "postgresql"


def _application_type(entry: ConfigEntry | None, report: Report) -> None:
    if entry is not None and _text(entry.value) != "monolith":
        report.unsupported(
            f"applicationType '{_text(entry.value)}' is not represented: the spec describes "
            "one service (a monolith)",
            entry.loc,
        )


def _text(value: ConfigValue) -> str:
    return ", ".join(value) if isinstance(value, tuple) else str(value)
