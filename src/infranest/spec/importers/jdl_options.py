"""JDL entity options (``paginate``, ``search``, ``filter``, ``dto``, ...) and entity annotations.

- ``paginate X with pagination`` (or ``pager``): offset pagination; ``infinite-scroll``:
  cursor pagination; ``no``: none. A later option overrides an earlier one, and options
  inside an application override global ones, as in JHipster.
- ``search X with elasticsearch`` (any engine but ``no``), or an application's
  ``searchEngine``: the entity's ``search`` lists its string and text fields.
- ``filter X``: the entity's ``filter`` lists every field with a column (scalars, enums and
  foreign keys) except files and long text, the fields JHipster's criteria can filter on.
- ``dto``, ``service``, ``readOnly`` and the other options: a warning naming the option.
"""

from __future__ import annotations

from collections.abc import Iterable

from infranest.spec.importers.jdl_ast import JdlDocument, JdlOption, Selection
from infranest.spec.importers.jdl_fields import EntityDraft, Report
from infranest.spec.importers.jdl_project import Scope, select
from infranest.spec.model import Loc, PaginationStyle

_PAGINATION: dict[str, PaginationStyle] = {
    "pagination": "offset",
    "pager": "offset",
    "infinite-scroll": "cursor",
}
_NO = frozenset({"no", "false"})
# Options the spec cannot express, and why.
_REASONS: dict[str, str] = {
    "dto": "DTO mapping is an implementation detail of JHipster's Java code",
    "service": "the service layer is an implementation detail of JHipster's Java code",
    "noFluentMethod": "fluent setters are an implementation detail of JHipster's Java code",
    "skipClient": "InfraNest generates no client application",
    "angularSuffix": "InfraNest generates no Angular client",
    "clientRootFolder": "InfraNest generates no client application",
    "skipServer": "the spec has no entities without server code",
    "noRestResources": "the spec has no entities without REST endpoints",
    "microservice": "the spec describes one service",
    "embedded": "the spec has no embedded (table-less) entities",
    "readOnly": "read-only entities (no create, update or delete endpoints) are not "
    "expressible without knowing who may read them",
}
_HINTS: dict[str, str] = {
    "readOnly": "add access rules that grant only read and list, e.g. allow read, list: anyone",
}


class OptionMapper:
    """Applies options to entity drafts (keyed by JDL name) in JHipster's order."""

    def __init__(self, drafts: dict[str, EntityDraft], report: Report) -> None:
        self.drafts = drafts
        self.report = report
        self._search_from: dict[str, Loc] = {}

    def apply_all(self, document: JdlDocument, scopes: list[Scope]) -> None:
        """Application search engines, then annotations, global options, application options."""
        every = tuple(self.drafts)
        for scope in scopes:
            if scope.search_engine is not None and scope.search_loc is not None:
                option = JdlOption("search", scope.search_engine, _all(), scope.search_loc)
                self.apply(option, scope.entities, quiet=True)
        for entity in document.entities:
            for annotation in entity.annotations:
                name = annotation.name[:1].lower() + annotation.name[1:]
                value = None if annotation.value is None else str(annotation.value)
                only = Selection((entity.name,), False, ())
                if name in _REASONS or name in ("paginate", "search", "filter"):
                    self.apply(JdlOption(name, value, only, annotation.loc), every)
                else:
                    self.report.unsupported(
                        f"entity annotation @{annotation.name} on {entity.name.value} is not "
                        "represented",
                        annotation.loc,
                    )
        for option in document.options:
            self.apply(option, every)
        for application, scope in zip(document.applications, scopes, strict=True):
            for option in application.options:
                self.apply(option, scope.entities)

    def apply(self, option: JdlOption, scope: tuple[str, ...], *, quiet: bool = False) -> None:
        chosen = select(option.selection, scope, self.report, tuple(self.drafts))
        targets = [self.drafts[n] for n in chosen]
        value = option.value
        if option.name == "paginate":
            self._paginate(option, targets)
        elif option.name == "search":
            for draft in targets:
                draft.search = value not in _NO
                self._search_from[draft.name] = option.loc
        elif option.name == "filter":
            for draft in targets:
                draft.filter = True
        elif option.name in _REASONS:
            if value in _NO or not targets or quiet:
                return
            shown = f"{option.name} {value}" if value else option.name
            self.report.unsupported(
                f"option '{shown}' on {_names(targets)} is not represented: "
                f"{_REASONS[option.name]}",
                option.loc,
                hint=_HINTS.get(option.name),
            )
        else:
            self.report.unsupported(
                f"option 'use {value}' is not a known JDL option value; ignored",
                option.loc,
                hint="valid: mapstruct, serviceClass, serviceImpl, pagination, "
                "infinite-scroll, elasticsearch, couchbase",
            )

    def finish(self) -> None:
        """Warn about searchable entities that have no text to search."""
        groups: dict[Loc, list[EntityDraft]] = {}
        for draft in self.drafts.values():
            if draft.search and not any(f.type in ("string", "text") for f in draft.fields):
                groups.setdefault(self._search_from[draft.name], []).append(draft)
        for loc, drafts in groups.items():
            self.report.unsupported(
                f"full-text search on {_names(drafts)} is not represented: the spec searches "
                "string and text fields, and these entities have none",
                loc,
            )

    def _paginate(self, option: JdlOption, targets: list[EntityDraft]) -> None:
        value = option.value or ""
        if value in _NO:
            style: PaginationStyle | None = None
        elif value in _PAGINATION:
            style = _PAGINATION[value]
        else:
            self.report.unsupported(
                f"pagination '{value}' is not known; ignored",
                option.loc,
                hint="valid: pagination, infinite-scroll, no",
            )
            return
        for draft in targets:
            draft.pagination = style


def _all() -> Selection:
    return Selection((), True, ())


def _names(drafts: Iterable[EntityDraft]) -> str:
    return ", ".join(d.name for d in drafts)
