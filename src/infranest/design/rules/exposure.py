"""Object property level authorization (API3): data exposure and mass assignment."""

from __future__ import annotations

from collections.abc import Iterator

from infranest.design.model import Context, Fix, Hit
from infranest.design.rules.edits import Edit
from infranest.design.rules.helpers import (
    admin_role,
    edit_entity,
    edit_field,
    field_path,
    has_word,
    is_open,
    operation,
    owned,
    restricted_read,
    served,
    user_relations,
    words,
    writable_by_clients,
)
from infranest.design.rules.registry import rule
from infranest.spec.model import Entity, FieldAccess, FieldDef

SECRET_NAMES = (
    "password", "passwd", "pwd", "secret", "token", "api_key", "apikey", "access_token",
    "refresh_token", "private_key", "pin", "otp", "salt", "password_hash", "client_secret",
    "mfa_secret", "totp_secret", "secret_key", "hash", "credentials", "passcode",
)  # fmt: skip
PRIVILEGE_NAMES = (
    "role", "roles", "admin", "is_admin", "is_staff", "staff", "superuser", "is_superuser",
    "permissions", "permission", "scopes", "scope", "verified", "is_verified", "approved",
    "is_approved", "balance", "credit", "credits", "available_credit", "karma", "trusted",
    "banned", "plan", "tier", "quota", "discount", "privileges", "group", "groups",
)  # fmt: skip
STATE_NAMES = ("status", "state", "stage", "phase")
AMOUNT_NAMES = (
    "quantity", "qty", "amount", "price", "total", "count", "credit", "balance", "fee",
    "cost", "units", "points", "discount", "value",
)  # fmt: skip
INTERNAL_NAMES = ("internal", "debug", "private", "hidden", "conversion", "params", "raw")


def _callers_write(ctx: Context, entity: Entity) -> bool:
    """Create or update is open to non-role callers (anyone, authenticated, owner, tenant)."""
    for kind in ("create", "update"):
        op = operation(ctx, entity, kind)
        if op is not None and (is_open(op) or {"owner", "tenant"} & set(op.principals)):
            return True
    return False


def _write_fix(ctx: Context, entity: Entity, f: FieldDef) -> Fix | None:
    if f.optional or f.default is not None:
        return Fix(
            f"make {entity.name}.{f.name} readonly", edit_field(entity.name, f.name, readonly=True)
        )
    role = admin_role(ctx.spec)
    if role is not None:
        access = FieldAccess(read=f.access.read if f.access else (), write=(role,))
        return Fix(
            f"{entity.name}.{f.name} writable({role})",
            edit_field(entity.name, f.name, access=access),
        )
    return None


@rule(
    "SEC011",
    "Secret-looking field returned in responses",
    severity="high",
    category="security",
    owasp=("API3", "API2"),
    cwe=(200, 522),
    why="""A field named like a credential (password, token, secret, API key, PIN) or
    tagged `pii(credential)` is not `writeonly`, so every read and list returns it.""",
    fix="""Mark it `writeonly` (accepted, never returned); store only a hash.""",
    story="""A mechanic list endpoint returns each mechanic's password; one leaked
    response becomes a list of working logins (and, through reuse, of other sites).""",
    ignore="""When the value is public by design (a public key) — then rename it so
    reviewers do not have to ask.""",
    cost="""Clients cannot read the value back; provide a reset or rotate action.""",
    fixable=True,
)
def secret_exposed(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        for f in entity.fields:
            if f.is_relation or restricted_read(f):
                continue
            if f.pii != "credential" and not has_word(f.name, SECRET_NAMES):
                continue
            fix = None
            if not f.readonly:
                fix = Fix(f"make {entity.name}.{f.name} writeonly", _hide(entity.name, f.name))
            yield Hit(
                f"{entity.name}.{f.name} looks like a credential and is returned in responses",
                field_path(entity, f),
                f.loc or entity.loc,
                fix,
            )


def _hide(entity: str, name: str) -> Edit:
    def change(e: Entity) -> Entity:
        fields = tuple(
            f.model_copy(update={"writeonly": True}) if f.name == name else f for f in e.fields
        )
        keep = {
            key: tuple(n for n in getattr(e, key) if n != name)
            for key in ("search", "filter", "sort")
        }
        return e.model_copy(update={"fields": fields, **keep})

    return edit_entity(entity, change)


@rule(
    "SEC020",
    "Privilege or state field writable by clients",
    severity="high",
    category="security",
    owasp=("API3",),
    cwe=(915,),
    why="""A field that grants privileges or money (role, is_admin, verified, balance,
    credit), or the state of an entity that has actions (status), is accepted in create or
    update bodies from ordinary callers: mass assignment.""",
    fix="""Make it `readonly` (set by the server or by actions) or restrict it with
    `writable(admin)`.""",
    story="""Registering with `{"username": "eve", "admin": true}` creates an administrator;
    `PATCH /orders/9 {"status": "returned"}` triggers a refund without returning
    anything.""",
    ignore="""When ordinary callers are meant to set it (a user choosing their plan goes
    through payment first: then it is not).""",
    cost="""Code that changes the field moves to actions or admin endpoints.""",
    fixable=True,
)
def mass_assignment(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        if not _callers_write(ctx, entity):
            continue
        for f in entity.fields:
            if not writable_by_clients(f) or f.is_relation:
                continue
            state = bool(entity.actions) and has_word(f.name, STATE_NAMES)
            if not (has_word(f.name, PRIVILEGE_NAMES) or state):
                continue
            kind = "state" if state else "privilege"
            yield Hit(
                f"{entity.name}.{f.name} is a {kind} field that callers may set in requests",
                field_path(entity, f),
                f.loc or entity.loc,
                _write_fix(ctx, entity, f),
            )


@rule(
    "SEC021",
    "Client-settable reference to a user",
    severity="medium",
    category="security",
    owasp=("API3",),
    cwe=(915,),
    why="""A relation to User that is not the `owner` is accepted from ordinary callers, so
    a caller can create or move rows in another user's name.""",
    fix="""Mark the relation `owner` (filled by the server from the caller) or `readonly`,
    or restrict it with `writable(admin)`.""",
    story="""`POST /videos {"user_id": 1}` files a video under the administrator's account;
    `PATCH /orders/5 {"user_id": 7}` moves an order to a victim.""",
    ignore="""Assignments between users (a task's assignee) that any member may set.""",
    cost="""Clients no longer choose the user; admin tools need a role.""",
)
def user_reference(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        if not _callers_write(ctx, entity):
            continue
        relations = [f for f in user_relations(entity) if writable_by_clients(f)]
        for f in relations:
            yield Hit(
                f"{entity.name}.{f.name} points to a user and is set by the caller",
                field_path(entity, f),
                f.loc or entity.loc,
            )


@rule(
    "SEC022",
    "Amount or quantity without a lower bound",
    severity="medium",
    category="security",
    owasp=("API3", "API6"),
    cwe=(1284, 20),
    why="""A numeric field named like an amount or quantity is set by callers and has no
    `min`, so negative values are accepted and flow into totals and credits.""",
    fix="""Give it a lower bound: `min(0)` (or `min(1)` for quantities).""",
    story="""An order with `"quantity": -100` yields a negative total, which the refund code
    pays out as store credit.""",
    ignore="""Signed quantities by design (stock adjustments) restricted to staff.""",
    cost="""None.""",
    fixable=True,
)
def unbounded_amount(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        for f in entity.fields:
            if f.type not in ("int", "bigint", "decimal", "float") or f.min is not None:
                continue
            if not writable_by_clients(f) or not has_word(f.name, AMOUNT_NAMES):
                continue
            fix = None
            default = f.default.value if f.default is not None else None
            if not isinstance(default, int | float) or default >= 0:
                fix = Fix(f"{entity.name}.{f.name} min(0)", edit_field(entity.name, f.name, min=0))
            yield Hit(
                f"{entity.name}.{f.name} accepts negative values",
                field_path(entity, f),
                f.loc or entity.loc,
                fix,
            )


@rule(
    "SEC023",
    "Internal field exposed",
    severity="medium",
    category="security",
    owasp=("API3",),
    cwe=(213,),
    why="""A field named like an internal detail (internal, debug, private, hidden, raw,
    conversion parameters) is returned to every caller who can read the row, and often
    accepted from them too.""",
    fix="""Restrict it: `readable(admin)`, or keep it out of the API.""",
    story="""A video's `conversion_params` reveal the ffmpeg command line the server runs;
    editing it (it is writable too) turns into command injection.""",
    ignore="""When the name is misleading and the value is meant for clients.""",
    cost="""None.""",
    fixable=True,
)
def internal_field(ctx: Context) -> Iterator[Hit]:
    role = admin_role(ctx.spec)
    for entity in served(ctx):
        for f in entity.fields:
            if restricted_read(f) or not set(words(f.name)) & set(INTERNAL_NAMES):
                continue
            fix = None
            if role is not None:
                access = FieldAccess(read=(role,), write=f.access.write if f.access else ())
                fix = Fix(
                    f"{entity.name}.{f.name} readable({role})",
                    edit_field(entity.name, f.name, access=access),
                )
            settable = " (and callers may set it)" if writable_by_clients(f) else ""
            yield Hit(
                f"{entity.name}.{f.name} looks internal and is returned to callers{settable}",
                field_path(entity, f),
                f.loc or entity.loc,
                fix,
            )


@rule(
    "SEC024",
    "Per-user data cached",
    severity="medium",
    category="security",
    owasp=("API3",),
    cwe=(524,),
    why="""The entity has a `cache` but its rows belong to users or tenants: a shared cache
    keyed by URL serves one user's answer to another.""",
    fix="""Drop the cache, or cache per caller (private, keyed by user) in hand-written
    code.""",
    story="""`GET /orders?page=1` is cached for a minute; the next customer sees the first
    customer's orders.""",
    ignore="""When the generated cache is known to be private per user.""",
    cost="""More database reads for these entities.""",
    fixable=True,
)
def cached_owned(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        if entity.cache is not None and owned(entity):
            fix = Fix(
                f"remove cache from {entity.name}",
                edit_entity(entity.name, lambda e: e.model_copy(update={"cache": None})),
            )
            yield Hit(
                f"{entity.name} rows are per user/tenant but cached for {entity.cache}",
                f"entities[{entity.name}].cache",
                entity.cache.loc or entity.loc,
                fix,
            )
