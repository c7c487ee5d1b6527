"""Change kinds and how each is classified for API clients and for the database.

API: a change is *breaking* when a request valid before may now be refused (a stricter
request) or a response may now hold something a client could not receive before (a
looser response); *none* when the API does not change. Database: *safe* (no data is lost
or must be rewritten), *data-migrating* (existing rows must be backfilled, converted or
checked), *destructive* (data is dropped), *none* (no schema change).

Constraint kinds come in two directions. ``…-tightened`` makes requests stricter: it
breaks clients only when the field is accepted in requests. ``…-loosened`` makes
responses looser: it breaks clients only when the field is returned in responses.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, Literal

ApiClass = Literal["breaking", "non-breaking", "none"]
DbClass = Literal["safe", "data-migrating", "destructive", "none"]
API_CLASSES: tuple[ApiClass, ...] = ("breaking", "non-breaking", "none")
DB_CLASSES: tuple[DbClass, ...] = ("safe", "data-migrating", "destructive", "none")

# Field attributes compared as constraints: the direction of each change is computed.
CONSTRAINTS: tuple[str, ...] = (
    "length",
    "max_length",
    "min_length",
    "min",
    "max",
    "precision",
    "scale",
    "optional",
    "unique",
    "pattern",
)
# Constraints the database enforces; the others are validation in the service only.
DB_CONSTRAINTS = frozenset({"length", "precision", "scale", "optional", "unique"})


@dataclass(frozen=True)
class KindInfo:
    api: ApiClass
    db: DbClass
    summary: str
    # Set on constraint kinds: the API class depends on where the field appears.
    request_side: bool = False
    response_side: bool = False


def _constraint_kinds() -> dict[str, KindInfo]:
    kinds: dict[str, KindInfo] = {}
    for name in CONSTRAINTS:
        db_tight: DbClass = "data-migrating"
        loose: DbClass = "safe" if name in DB_CONSTRAINTS else "none"
        label = name.replace("_", " ")
        kinds[f"field-{name.replace('_', '-')}-tightened"] = KindInfo(
            "breaking",
            db_tight,
            f"{label} made stricter: requests may be refused; existing rows may violate it",
            request_side=True,
        )
        kinds[f"field-{name.replace('_', '-')}-loosened"] = KindInfo(
            "breaking",
            loose,
            f"{label} relaxed: responses may hold values clients never saw",
            response_side=True,
        )
    return kinds


KINDS: dict[str, KindInfo] = {
    # project
    "auth-enabled": KindInfo("breaking", "safe", "authentication required where none was"),
    "auth-disabled": KindInfo("breaking", "none", "authentication removed: tokens are refused"),
    "auth-method-added": KindInfo("non-breaking", "none", "a new way to sign in"),
    "auth-method-removed": KindInfo("breaking", "none", "a way to sign in is gone"),
    "role-added": KindInfo("non-breaking", "none", "a new role"),
    "role-removed": KindInfo("breaking", "data-migrating", "users with the role lose it"),
    "database-changed": KindInfo("none", "data-migrating", "all data moves to another engine"),
    "tenancy-added": KindInfo("breaking", "data-migrating", "rows become tenant-scoped"),
    "tenancy-removed": KindInfo("breaking", "destructive", "tenant scoping removed"),
    "project-metadata-changed": KindInfo("none", "none", "description, version, load or CORS"),
    # enums
    "enum-added": KindInfo("none", "safe", "a new enum"),
    "enum-removed": KindInfo("none", "safe", "an unused enum removed"),
    "enum-renamed": KindInfo("non-breaking", "safe", "an enum renamed, members unchanged"),
    "enum-member-added": KindInfo("breaking", "safe", "responses may hold a new value"),
    "enum-member-removed": KindInfo("breaking", "data-migrating", "requests with it refused"),
    "enum-member-renamed": KindInfo("breaking", "data-migrating", "stored values rewritten"),
    # entities
    "entity-added": KindInfo("non-breaking", "safe", "a new resource and table"),
    "entity-removed": KindInfo("breaking", "destructive", "the resource and its table dropped"),
    "entity-renamed": KindInfo("breaking", "safe", "the table renamed; its paths change"),
    "entity-hints-changed": KindInfo("none", "none", "rows, cache, retention or description"),
    "timestamps-added": KindInfo("non-breaking", "safe", "created_at/updated_at added"),
    "timestamps-removed": KindInfo("breaking", "destructive", "created_at/updated_at dropped"),
    "soft-delete-added": KindInfo("non-breaking", "safe", "DELETE keeps rows, hidden"),
    "soft-delete-removed": KindInfo("non-breaking", "data-migrating", "soft-deleted rows must go"),
    "optimistic-lock-added": KindInfo("breaking", "safe", "updates must send version"),
    "optimistic-lock-removed": KindInfo("breaking", "destructive", "version leaves responses"),
    "pagination-style-changed": KindInfo("breaking", "none", "the list envelope changes"),
    "page-size-changed": KindInfo("non-breaking", "none", "default page size changed"),
    "page-max-lowered": KindInfo("breaking", "none", "larger pages are refused"),
    "page-max-raised": KindInfo("breaking", "none", "pages may be larger than clients expect"),
    "search-added": KindInfo("non-breaking", "none", "a new searchable field"),
    "search-removed": KindInfo("breaking", "none", "q no longer searches the field"),
    "filter-added": KindInfo("non-breaking", "none", "a new filter parameter"),
    "filter-removed": KindInfo("breaking", "none", "a filter parameter refused or ignored"),
    "sort-added": KindInfo("non-breaking", "none", "a new sort key"),
    "sort-removed": KindInfo("breaking", "none", "a sort key refused"),
    "index-added": KindInfo("none", "safe", "a composite index"),
    "index-removed": KindInfo("none", "safe", "a composite index dropped"),
    "unique-index-added": KindInfo("breaking", "data-migrating", "duplicates refused (409)"),
    "unique-index-removed": KindInfo("breaking", "safe", "duplicates allowed in responses"),
    "access-narrowed": KindInfo("breaking", "none", "fewer callers may use an endpoint"),
    "access-widened": KindInfo("non-breaking", "none", "more callers may use an endpoint"),
    "limit-added": KindInfo("breaking", "none", "a new rate limit (429)"),
    "limit-removed": KindInfo("non-breaking", "none", "a rate limit removed"),
    "endpoint-added": KindInfo("non-breaking", "none", "a new endpoint"),
    "endpoint-removed": KindInfo("breaking", "none", "an endpoint is gone"),
    "idempotency-added": KindInfo("non-breaking", "none", "Idempotency-Key accepted"),
    "idempotency-removed": KindInfo("breaking", "none", "Idempotency-Key no longer honoured"),
    # fields
    "field-added-optional": KindInfo("non-breaking", "safe", "a new optional field"),
    "field-added-defaulted": KindInfo("non-breaking", "safe", "a new field with a default"),
    "field-added-required": KindInfo("breaking", "data-migrating", "a new required field"),
    "field-added-server": KindInfo("non-breaking", "safe", "a new field the server sets"),
    "field-removed": KindInfo("breaking", "destructive", "the field and its column dropped"),
    "field-renamed": KindInfo("breaking", "safe", "the column renamed; the key changes"),
    "field-type-changed": KindInfo("breaking", "data-migrating", "values converted"),
    "field-type-widened": KindInfo(
        "breaking", "safe", "a wider type: responses may hold larger values", response_side=True
    ),
    "field-enum-changed": KindInfo("breaking", "data-migrating", "another enum's values"),
    "field-relation-changed": KindInfo("breaking", "data-migrating", "target or cardinality"),
    "field-on-delete-changed": KindInfo("non-breaking", "safe", "the foreign key's rule"),
    "field-default-added": KindInfo("non-breaking", "none", "the field may be left out"),
    "field-default-removed": KindInfo("breaking", "none", "the field must now be sent"),
    "field-default-changed": KindInfo("non-breaking", "none", "a different default"),
    "field-index-added": KindInfo("none", "safe", "an index on the column"),
    "field-index-removed": KindInfo("none", "safe", "the column's index dropped"),
    "field-readonly-added": KindInfo("breaking", "none", "clients may no longer set it"),
    "field-readonly-removed": KindInfo("non-breaking", "none", "clients may set it"),
    "field-writeonly-added": KindInfo("breaking", "none", "it leaves responses"),
    "field-writeonly-removed": KindInfo("non-breaking", "none", "it appears in responses"),
    "field-access-narrowed": KindInfo("breaking", "none", "fewer roles may see or set it"),
    "field-access-widened": KindInfo("non-breaking", "none", "more roles may see or set it"),
    "field-owner-changed": KindInfo("breaking", "data-migrating", "row ownership changes"),
    "field-privacy-changed": KindInfo("none", "none", "pii category or retention"),
    **_constraint_kinds(),
}


@dataclass(frozen=True)
class Change:
    """One difference between two specs: its kind, where, and how it is classified."""

    kind: str
    path: str
    message: str
    api: ApiClass
    db: DbClass
    entity: str | None = None
    field: str | None = None
    old: Any = None
    new: Any = None
    extra: dict[str, Any] = dataclass_field(default_factory=dict)

    @property
    def breaking(self) -> bool:
        return self.api == "breaking"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "path": self.path,
            "message": self.message,
            "api": self.api,
            "db": self.db,
        }


def classify(
    kind: str, *, in_request: bool = True, in_response: bool = True
) -> tuple[ApiClass, DbClass]:
    """The classes of ``kind`` for a field accepted in requests (``in_request``) and
    returned in responses (``in_response``)."""
    info = KINDS[kind]
    api = info.api
    if info.request_side and not in_request:
        api = "non-breaking"
    if info.response_side and not in_response:
        api = "non-breaking"
    return api, info.db


def make(
    kind: str,
    path: str,
    message: str,
    *,
    in_request: bool = True,
    in_response: bool = True,
    **kw: Any,
) -> Change:
    api, db = classify(kind, in_request=in_request, in_response=in_response)
    return Change(kind, path, message, api, db, **kw)
