"""Privacy rules: personal data tagging, exposure, retention, erasure and export."""

from __future__ import annotations

from collections.abc import Iterator

from infranest.design.model import Context, Fix, Hit
from infranest.design.rules.edits import Edit
from infranest.design.rules.helpers import (
    edit_entity,
    edit_field,
    entity_path,
    field_path,
    has_word,
    operation,
    restricted_read,
    served,
    with_admin,
    words,
)
from infranest.design.rules.registry import rule
from infranest.spec.builtins import USER
from infranest.spec.model import Entity, FieldAccess, FieldDef, PiiCategory, Spec

SPECIAL = ("health", "biometric", "financial")
PII_WORDS: dict[str, PiiCategory] = {
    "email": "contact", "phone": "contact", "mobile": "contact", "telephone": "contact",
    "address": "location", "street": "location", "zip": "location", "postcode": "location",
    "postal": "location", "latitude": "location", "longitude": "location", "lat": "location",
    "lng": "location", "gps": "location", "ssn": "identity", "birth": "identity",
    "dob": "identity", "birthday": "identity", "passport": "identity",
    "national_id": "identity", "tax_id": "identity", "first_name": "identity",
    "last_name": "identity", "full_name": "identity", "surname": "identity",
    "gender": "personal", "nationality": "identity", "iban": "financial",
    "salary": "financial", "card_number": "financial", "diagnosis": "health",
    "allergies": "health", "ip_address": "personal",
}  # fmt: skip
ERASURE_WORDS = (
    "erase", "erasure", "forget", "anonymize", "anonymise", "personal_data", "delete_account",
    "gdpr", "close_account", "delete_me", "purge_me",
)  # fmt: skip
EXPORT_WORDS = ("export", "personal_data", "download_data", "takeout", "portability", "my_data")


def _pii(entity: Entity) -> list[FieldDef]:
    return [f for f in entity.fields if f.pii is not None]


def _personal(entity: Entity) -> list[FieldDef]:
    """Fields tagged ``pii`` or named like personal data."""
    return [f for f in entity.fields if f.pii is not None or _category(f) is not None]


def _restrict(ctx: Context, entity: Entity, fields: list[FieldDef]) -> Fix | None:
    """``readable(owner, admin)`` on ``fields`` (the owner when there is one, the
    administrative role when the project has one)."""
    base: tuple[str, ...] = ("owner",) if entity.owner_field is not None else ()
    principals = with_admin(ctx.spec, base)
    if not principals or not fields:
        return None
    edit: Edit = _identity
    for f in fields:
        access = FieldAccess(read=principals, write=f.access.write if f.access else ())
        step = edit_field(entity.name, f.name, access=access)
        edit = _then(edit, step)
    names = ", ".join(f.name for f in fields)
    return Fix(f"{entity.name}.{{{names}}} readable({', '.join(principals)})", edit)


def _identity(spec: Spec) -> Spec:
    return spec


def _then(first: Edit, second: Edit) -> Edit:
    return lambda spec: second(first(spec))


@rule(
    "PRIV001",
    "Personal data without retention",
    severity="medium",
    category="privacy",
    cwe=(359,),
    why="""A `pii` field has no `retention`, and its entity has none: the data is kept
    forever, against the storage-limitation principle (GDPR art. 5(1)(e)), and every
    breach exposes all of history.""",
    fix="""State how long it may be kept: `retention(3y)` on the field or `retention 3y` on
    the entity (with `timestamps`).""",
    story="""A breach leaks ten years of delivery addresses of customers who left long
    ago; the regulator asks why they were still stored.""",
    ignore="""Account data kept while the account exists (the User entity is not checked)
    and data you must keep by law — then write that period.""",
    cost="""A purge job, and deciding the period with whoever owns compliance.""",
)
def no_retention(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        if entity.name == USER or entity.retention is not None:
            continue
        for f in _pii(entity):
            if f.retention is None:
                yield Hit(
                    f"{entity.name}.{f.name} holds personal data ({f.pii}) with no retention",
                    field_path(entity, f),
                    f.loc or entity.loc,
                )


@rule(
    "PRIV002",
    "Personal data in search, filters or sorting",
    severity="medium",
    category="privacy",
    owasp=("API3",),
    cwe=(598, 359),
    why="""A `pii` field is searchable, filterable or sortable: its values travel in URLs
    (`?email=...`) that end up in access logs, proxies and browser history, and sorting or
    filtering by a hidden value reveals it bit by bit.""",
    fix="""Remove it from `search`, `filter` and `sort`; look people up through a dedicated
    POST action or an owner-scoped endpoint.""",
    story="""Support searches `/customers?phone=+4915...`; the URLs, with phone numbers,
    sit in three log systems kept for a year. Sorting employees by a salary they cannot see
    still tells them who earns more.""",
    ignore="""Owner-scoped lists where the caller only searches their own data, if logs
    drop query strings.""",
    cost="""Staff lose a convenient filter; give them a POST search action.""",
    fixable=True,
)
def pii_in_queries(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        for f in _pii(entity):
            lists = [k for k in ("search", "filter", "sort") if f.name in getattr(entity, k)]
            if not lists:
                continue
            yield Hit(
                f"{entity.name}.{f.name} is personal data used in {', '.join(lists)}",
                field_path(entity, f),
                f.loc or entity.loc,
                Fix(
                    f"drop {entity.name}.{f.name} from {', '.join(lists)}",
                    _unlist(entity.name, f.name),
                ),
            )


def _unlist(entity: str, name: str) -> Edit:
    def change(e: Entity) -> Entity:
        keep = {
            k: tuple(n for n in getattr(e, k) if n != name) for k in ("search", "filter", "sort")
        }
        return e.model_copy(update=keep)

    return edit_entity(entity, change)


@rule(
    "PRIV003",
    "Personal data in list views of every user",
    severity="medium",
    category="privacy",
    owasp=("API3",),
    cwe=(359,),
    why="""The list endpoint is open to every signed-in user and returns personal data
    (`pii` fields, or fields named like it) that have no `readable` restriction: anyone
    with an account can harvest them page by page.""",
    fix="""Restrict the fields (`readable(owner, admin)`) or the list (`allow list: owner,
    admin`).""",
    story="""A community site lists posts with the author's email and phone; a scraper
    with one free account collects 200,000 contacts for spam.""",
    ignore="""Directories meant to be shared inside an organisation (tenant-scoped).""",
    cost="""Clients that showed the data need another endpoint.""",
    fixable=True,
)
def pii_in_lists(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        op = operation(ctx, entity, "list")
        if op is None or "authenticated" not in op.principals:
            continue
        fields = [f for f in _personal(entity) if not restricted_read(f)]
        if fields:
            names = ", ".join(f.name for f in fields)
            yield Hit(
                f"{entity.name}: every signed-in user lists personal data ({names})",
                entity_path(entity),
                entity.loc,
                _restrict(ctx, entity, fields),
            )


@rule(
    "PRIV004",
    "No erasure path for personal data",
    severity="medium",
    category="privacy",
    cwe=(359,),
    why="""The spec holds personal data (the built-in User included) but declares no way
    for a person to have it erased: no action named like `erase`, `forget`, `anonymize`,
    `delete_account` or `personal_data`. The right to erasure (GDPR art. 17) then becomes
    manual database work.""",
    fix="""Add an action such as `action personal_data: delete on item by owner
    idempotent` on the entity that represents the person, implemented to erase or
    anonymise their rows.""",
    story="""A user asks to be forgotten; an engineer deletes rows by hand, misses the
    copies in orders and reviews, and the complaint reaches the regulator.""",
    ignore="""Services holding no data about identifiable people (then remove the `pii`
    tags that say otherwise).""",
    cost="""The erasure code, and deciding what is deleted versus anonymised (invoices must
    be kept).""",
)
def no_erasure(ctx: Context) -> Iterator[Hit]:
    yield from _missing_path(ctx, ERASURE_WORDS, "erase")


@rule(
    "PRIV005",
    "No export path for personal data",
    severity="low",
    category="privacy",
    cwe=(359,),
    why="""Personal data is stored but no action lets a person obtain a copy (names like
    `export`, `personal_data`, `takeout`): the right of access and portability (GDPR art.
    15 and 20) is served by hand.""",
    fix="""Add `action personal_data: get on item by owner` returning the person's data,
    or an export action.""",
    story="""Access requests arrive by email; each takes an engineer half a day and one of
    them includes another customer's data by mistake.""",
    ignore="""Services holding no personal data.""",
    cost="""An export endpoint and its tests.""",
)
def no_export(ctx: Context) -> Iterator[Hit]:
    yield from _missing_path(ctx, EXPORT_WORDS, "export")


def _missing_path(ctx: Context, vocabulary: tuple[str, ...], verb: str) -> Iterator[Hit]:
    holders = [e for e in ctx.spec.entities if _pii(e)]
    if not holders:
        return
    actions = [a.name for e in ctx.spec.entities for a in e.actions]
    if any(has_word(name, vocabulary) for name in actions):
        return
    names = ", ".join(e.name for e in holders[:4]) + (", ..." if len(holders) > 4 else "")
    yield Hit(
        f"personal data is stored ({names}) but no action lets a person {verb} it",
        entity_path(holders[0]),
        holders[0].loc or ctx.spec.project.loc,
    )


@rule(
    "PRIV006",
    "Personal data readable by anyone",
    severity="high",
    category="privacy",
    owasp=("API3",),
    cwe=(359, 200),
    why="""Reading or listing the entity is granted to `anyone` (no sign-in) and it returns
    personal data (`pii` fields, or fields named like it) without a `readable`
    restriction.""",
    fix="""Restrict the fields: `readable(owner, admin)`, or stop granting read to
    `anyone`.""",
    story="""Public reviews carry the reviewer's email; search engines index them and the
    addresses are sold to spammers.""",
    ignore="""Data people chose to publish (a public display name).""",
    cost="""Public pages show less.""",
    fixable=True,
)
def pii_public(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        ops = [operation(ctx, entity, k) for k in ("read", "list")]
        if not any(o is not None and o.public for o in ops):
            continue
        fields = [f for f in _personal(entity) if not restricted_read(f)]
        if fields:
            names = ", ".join(f.name for f in fields)
            yield Hit(
                f"{entity.name}: personal data ({names}) is readable without signing in",
                entity_path(entity),
                entity.loc,
                _restrict(ctx, entity, fields),
            )


@rule(
    "PRIV007",
    "Personal data not tagged",
    severity="low",
    category="privacy",
    cwe=(359,),
    why="""A field named like personal data (email, phone, address, date of birth, IBAN,
    salary, coordinates) or of type `email` has no `pii` tag, so the privacy rules cannot
    reason about it and generated code will log it like any value.""",
    fix="""Tag it: `pii(contact)`, `pii(location)`, `pii(identity)`, ...""",
    story="""An unmarked `phone` field is written to request logs and analytics; nobody
    knew it was personal data until the audit by the regulator.""",
    ignore="""Business contact data of organisations (a company switchboard) is not
    personal data.""",
    cost="""None: a tag.""",
    fixable=True,
)
def untagged_pii(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        for f in entity.fields:
            if f.pii is not None or f.is_relation:
                continue
            category = _category(f)
            if category is None:
                continue
            yield Hit(
                f"{entity.name}.{f.name} looks like personal data ({category}) but is not "
                "tagged pii",
                field_path(entity, f),
                f.loc or entity.loc,
                Fix(
                    f"{entity.name}.{f.name} pii({category})",
                    edit_field(entity.name, f.name, pii=category),
                ),
            )


def _category(f: FieldDef) -> PiiCategory | None:
    if f.is_relation:
        return None
    if f.type == "email":
        return "contact"
    parts = words(f.name)
    joined = "_".join(parts)
    for key, category in PII_WORDS.items():
        if key == joined or key in parts or (key.count("_") and key in joined):
            return category
    return None


@rule(
    "PRIV008",
    "Special-category data without field-level access",
    severity="medium",
    category="privacy",
    owasp=("API3",),
    cwe=(359,),
    why="""Health, biometric or financial data is readable by everyone who may read the
    row; such data needs the narrowest audience (GDPR art. 9), usually narrower than the
    row's.""",
    fix="""Add `readable(owner, <role>)` with the roles that need it.""",
    story="""Receptionists who book appointments can read every patient's diagnosis
    because it sits on the appointment row.""",
    ignore="""When the row's readers are exactly the people who need the field.""",
    cost="""Views showing the field need the role.""",
    fixable=True,
)
def special_category(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        fields = [f for f in _pii(entity) if f.pii in SPECIAL and not restricted_read(f)]
        for f in fields:
            yield Hit(
                f"{entity.name}.{f.name} holds {f.pii} data readable by every reader of the row",
                field_path(entity, f),
                f.loc or entity.loc,
                _restrict(ctx, entity, [f]),
            )


@rule(
    "PRIV009",
    "Soft-deleted personal data kept forever",
    severity="medium",
    category="privacy",
    cwe=(359, 459),
    why="""The entity is `soft_delete` and holds personal data but has no `retention`:
    `DELETE` only hides rows, so people who deleted their data still have it stored.""",
    fix="""Add `retention` (rows are purged after it) or purge soft-deleted rows after a
    grace period.""",
    story="""A user deletes their messages; a breach two years later leaks them, deleted
    flag and all.""",
    ignore="""When a purge job outside the spec removes soft-deleted rows.""",
    cost="""A purge job.""",
)
def soft_deleted_pii(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        if entity.soft_delete and entity.retention is None and _pii(entity):
            yield Hit(
                f"{entity.name} soft-deletes rows with personal data and never purges them",
                entity_path(entity),
                entity.loc,
            )
