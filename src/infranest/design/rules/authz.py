"""Authorization rules: object level (API1) and function level (API5)."""

from __future__ import annotations

from collections.abc import Iterator

from infranest.design.model import Context, Fix, Hit
from infranest.design.rules.edits import actions_for_admin, regrant, set_action
from infranest.design.rules.helpers import (
    action_operation,
    action_path,
    admin_role,
    edit_field,
    entity_path,
    field_path,
    is_open,
    operation,
    operations,
    owned,
    served,
    user_relations,
    with_admin,
)
from infranest.design.rules.helpers import words as words_of
from infranest.design.rules.registry import rule
from infranest.spec.builtins import USER
from infranest.spec.model import Entity

PRIVILEGED_ACTIONS = (
    "approve", "reject", "refund", "ban", "unban", "promote", "demote", "grant", "revoke",
    "moderate", "suspend", "unlock", "assign", "impersonate", "admin", "role", "roles",
    "credit", "payout", "purge", "verify_user", "deactivate", "activate", "close", "escalate",
    "publish_all", "delete_all", "import", "restore",
)  # fmt: skip


def _rule_names(entity: Entity) -> set[str]:
    return {o for r in entity.access for o in r.operations}


@rule(
    "SEC001",
    "Owned rows writable by every user",
    severity="high",
    category="security",
    owasp=("API1",),
    cwe=(639, 284),
    why="""The entity marks who owns each row, but updating or deleting a row is granted to
    `authenticated` or `anyone`, so any caller can change or delete rows that belong to
    someone else by guessing their ids.""",
    fix="""Grant update and delete to `owner` (plus an administrative role):
    `allow update, delete: owner, admin`.""",
    story="""A customer changes the id in `PATCH /orders/41` to `/orders/40` and edits a
    stranger's order; a script walks every id and deletes them all. Ownership is declared,
    yet nothing uses it for writes.""",
    ignore="""Rows that are deliberately collaborative (a shared wiki page) may be editable
    by everyone; then drop the `owner` marker so the intent is clear.""",
    cost="""Nothing at run time (one extra `WHERE owner_id = ?`). Support staff who must
    edit others' rows need a role in the rule.""",
    fixable=True,
)
def owned_rows_writable(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        if not owned(entity):
            continue
        ops = [o for o in operations(ctx, entity) if o.kind in ("update", "delete") and is_open(o)]
        if not ops:
            continue
        kinds = tuple(o.kind for o in ops)
        fix = None
        if entity.owner_field is not None:
            principals = with_admin(ctx.spec, ("owner",))
            fix = Fix(
                f"allow {', '.join(kinds)}: {', '.join(principals)}",
                regrant(entity.name, kinds, principals),
            )
        who = ", ".join(sorted({p for o in ops for p in o.principals}))
        yield Hit(
            f"{entity.name}: {' and '.join(kinds)} are open to {who} although rows are owned;"
            " any caller can change other people's rows",
            entity_path(entity),
            entity.loc,
            fix,
        )


@rule(
    "SEC002",
    "Owned rows readable by every signed-in user",
    severity="medium",
    category="security",
    owasp=("API1",),
    cwe=(639,),
    why="""Rows have an owner, but reading or listing them is granted to `authenticated`:
    every signed-in user sees every user's rows.""",
    fix="""Grant read and list to `owner` and the roles that need them; use `anyone` when
    the data is meant to be public.""",
    story="""An attacker signs up, lists `/invoices` and downloads the invoices of every
    customer; or reads `/invoices/1..n` one by one.""",
    ignore="""When every signed-in user is meant to see every row (a team directory), say so
    with an explicit rule and accept the finding.""",
    cost="""Support and reporting need a role to see all rows.""",
)
def owned_rows_readable(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        if not owned(entity):
            continue
        ops = [
            o
            for o in operations(ctx, entity)
            if o.kind in ("read", "list") and "authenticated" in o.principals
        ]
        if ops:
            kinds = " and ".join(o.kind for o in ops)
            yield Hit(
                f"{entity.name}: {kinds} open to every signed-in user although rows are owned",
                entity_path(entity),
                entity.loc,
            )


@rule(
    "SEC003",
    "Item action on owned rows callable by every user",
    severity="high",
    category="security",
    owasp=("API1",),
    cwe=(639,),
    why="""An action on a single row (`POST /x/{id}/action`, `GET /x/{id}/action`) of an
    entity whose rows have an owner or tenant is callable by `authenticated` or `anyone`, so
    it acts on, or reveals, other people's rows.""",
    fix="""Restrict the action to `owner` (`by owner, admin`).""",
    story="""A connected-car API serves `GET /vehicles/{id}/location` to any signed-in
    user: iterating ids tracks every car. Custom endpoints are written by hand and skip the
    ownership filter the CRUD code has.""",
    ignore="""Actions meant for any user on any row (reporting abuse of a post) are fine if
    they reveal nothing and change only the caller's own data.""",
    cost="""None; staff who act on every row need a role in `by`.""",
    fixable=True,
)
def owned_item_action(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        if not owned(entity):
            continue
        for action in entity.actions:
            op = action_operation(ctx, entity, action.name)
            if action.scope != "item" or op is None or not is_open(op):
                continue
            fix = None
            if entity.owner_field is not None:
                principals = with_admin(ctx.spec, ("owner",))
                fix = Fix(
                    f"action {action.name} by {', '.join(principals)}",
                    set_action(entity.name, action.name, allow=principals),
                )
            yield Hit(
                f"{entity.name}.{action.name} acts on one row but is open to "
                f"{', '.join(op.principals)}; rows belong to their owner",
                action_path(entity, action.name),
                action.loc or entity.loc,
                fix,
            )


@rule(
    "SEC004",
    "User data without an owner",
    severity="high",
    category="security",
    owasp=("API1", "API3"),
    cwe=(639, 915),
    why="""The entity points to a User but no field is marked `owner`, and its rows are
    read or changed by any signed-in user: the server neither fills the user from the caller
    nor limits callers to their own rows.""",
    fix="""Mark the relation to the user `owner` (`user: User owner`) and grant the item
    operations to `owner`.""",
    story="""`DELETE /videos/7` deletes someone else's video because the API only checks that
    the caller is signed in; `POST /orders` with `"user_id": 12` places an order in another
    user's name.""",
    ignore="""A relation to a user who is not the row's owner (an assignee, a reviewer) is
    fine when another field is the owner or the rows are shared on purpose.""",
    cost="""Clients stop sending the user id (the server fills it); shared views need an
    explicit rule.""",
    fixable=True,
)
def user_data_without_owner(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        relations = user_relations(entity)
        if not relations or owned(entity) or entity.name == USER:
            continue
        ops = [
            o
            for o in operations(ctx, entity)
            if o.kind in ("read", "update", "delete") and is_open(o)
        ]
        if not ops:
            continue
        fix = None
        if len(relations) == 1:
            name = relations[0].name
            fix = Fix(
                f"mark {entity.name}.{name} as owner", edit_field(entity.name, name, owner=True)
            )
        names = ", ".join(f.name for f in relations)
        yield Hit(
            f"{entity.name} belongs to a user ({names}) but has no owner field; "
            f"{', '.join(o.kind for o in ops)} reach every user's rows",
            entity_path(entity),
            entity.loc,
            fix,
        )


@rule(
    "SEC005",
    "Sequential ids on owned resources",
    severity="low",
    category="security",
    owasp=("API1",),
    cwe=(639, 200),
    why="""Rows are addressed by sequential integers, so ids are guessable: one missing
    ownership check anywhere becomes a full enumeration, and ids reveal business volume.""",
    fix="""Keep the ownership checks (the generated API answers 404 outside the caller's
    rows) and add a random public identifier, `public_id: uuid unique = uuid readonly`, for
    links shared outside the API.""",
    story="""An attacker creates two orders a day apart and learns from the ids how many
    orders the shop took; a hand-written export endpoint that forgot the owner filter is
    walked from 1 to n.""",
    ignore="""When every endpoint of the entity is owner-narrowed (the finding then only
    covers volume disclosure) and volumes are not secret.""",
    cost="""A unique uuid column and index per row.""",
)
def sequential_ids(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        if not owned(entity) or any(f.type == "uuid" and f.unique for f in entity.fields):
            continue
        yield Hit(
            f"{entity.name} rows are owned but addressed by sequential ids",
            entity_path(entity),
            entity.loc,
        )


@rule(
    "SEC006",
    "Any user can change any account",
    severity="critical",
    category="security",
    owasp=("API1", "API5"),
    cwe=(639, 285),
    why="""The declared `User` entity lets `authenticated` (or `anyone`) update, delete or
    call item actions on `/users/{id}`: every user can modify or delete every account.""",
    fix="""Grant item operations on User to an administrative role only; users change their
    own account through `/auth/me` and owner-scoped entities (a Profile with `account: one
    User owner`).""",
    story="""`PUT /users/v1/alice/password` with Bob's token changes Alice's password: the
    API checks that a token is present, not whose account it is. Account takeover of every
    user.""",
    ignore="""Never for update and delete; a read-only directory of users can be open if it
    shows no personal data.""",
    cost="""Self-service profile edits move to a separate owned entity.""",
)
def account_takeover(ctx: Context) -> Iterator[Hit]:
    entity = ctx.spec.entity(USER)
    if entity is None or entity.builtin:
        return
    risky = [
        o
        for o in operations(ctx, entity)
        if is_open(o)
        and (o.kind in ("update", "delete") or (o.action is not None and "{id}" in o.path))
    ]
    if risky:
        names = ", ".join(o.action or o.kind for o in risky)
        yield Hit(
            f"User: {names} open to every user on every account",
            entity_path(entity),
            entity.loc,
        )


@rule(
    "SEC007",
    "Write operations left to the default",
    severity="medium",
    category="security",
    owasp=("API5", "API1"),
    cwe=(862,),
    why="""No access rule names some of create, update or delete, so they fall back to
    `authenticated`: any signed-in user may change rows of an entity that is not owned by
    anyone (reference data, shared records).""",
    fix="""Cover every write on purpose, e.g. `allow write: admin`.""",
    story="""A shop declares `allow read, list: anyone` for products and forgets writes:
    every customer can set prices to zero with `PATCH /products/{id}`.""",
    ignore="""When every signed-in user is meant to edit the entity; write the rule anyway
    (`allow write: authenticated`) so the intent is recorded.""",
    cost="""None; decide who may write.""",
    fixable=True,
)
def default_writes(ctx: Context) -> Iterator[Hit]:
    if not ctx.auth:
        return
    for entity in served(ctx):
        if owned(entity) or user_relations(entity) or entity.name == USER:
            continue
        named = _rule_names(entity)
        kinds = tuple(
            o.kind
            for o in operations(ctx, entity)
            if o.kind in ("create", "update", "delete") and not named & {o.kind, "write", "all"}
        )
        if not kinds:
            continue
        role = admin_role(ctx.spec)
        fix = None
        if role is not None:
            fix = Fix(f"allow {', '.join(kinds)}: {role}", regrant(entity.name, kinds, (role,)))
        yield Hit(
            f"{entity.name}: no rule names {', '.join(kinds)}; they default to every "
            "signed-in user",
            entity_path(entity),
            entity.loc,
            fix,
        )


@rule(
    "SEC008",
    "Privileged action open to every user",
    severity="high",
    category="security",
    owasp=("API5",),
    cwe=(285,),
    why="""An action whose name says it is an administrative function (approve, refund,
    ban, promote, grant, revoke, moderate...) is callable by `authenticated` or `anyone`.""",
    fix="""Restrict it to the role that performs it: `action refund: post by admin`.""",
    story="""A customer finds `POST /orders/{id}/refund` in the mobile app's traffic and
    refunds their own orders; the endpoint trusts the client to hide the button.""",
    ignore="""When the verb is harmless in your domain (users `approve` their own drafts);
    then restrict it to `owner`.""",
    cost="""None.""",
    fixable=True,
)
def privileged_action(ctx: Context) -> Iterator[Hit]:
    return actions_for_admin(
        ctx,
        PRIVILEGED_ACTIONS,
        lambda op, role: is_open(op),
        "looks administrative but is open to",
    )


@rule(
    "SEC009",
    "Delete more open than update",
    severity="medium",
    category="security",
    owasp=("API5",),
    cwe=(285,),
    why="""Deleting a row is allowed to every signed-in user while updating it is
    restricted: the destructive operation has the weaker check, usually by oversight.""",
    fix="""Grant delete to the same principals as update (or fewer).""",
    story="""Only editors may edit articles, but any reader can delete them.""",
    ignore="""Rarely: when deletion is a user's right (leaving a group) and is owner-narrowed
    (this rule does not fire then).""",
    cost="""None.""",
    fixable=True,
)
def delete_more_open(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        delete = operation(ctx, entity, "delete")
        update = operation(ctx, entity, "update")
        if delete is None or update is None or not is_open(delete) or is_open(update):
            continue
        fix = Fix(
            f"allow delete: {', '.join(update.principals)}",
            regrant(entity.name, ("delete",), update.principals),
        )
        yield Hit(
            f"{entity.name}: delete is open to {', '.join(delete.principals)} but update only "
            f"to {', '.join(update.principals)}",
            entity_path(entity),
            entity.loc,
            fix,
        )


PLAIN_OWNER_NAMES = (
    "owner", "owner_id", "user", "user_id", "username", "created_by", "author", "author_id",
    "account_id", "customer_id", "uid",
)  # fmt: skip


@rule(
    "SEC026",
    "Ownership kept in a plain field",
    severity="high",
    category="security",
    owasp=("API1",),
    cwe=(639,),
    why="""A scalar field named like the row's owner (owner, user, username, user_id,
    created_by) holds the user as a plain value instead of an `owner` relation: the API
    cannot narrow rows to their owner, and callers can usually write the value
    themselves.""",
    fix="""Replace it with a relation to User marked `owner` (`owner: User owner`) and
    grant item operations to `owner`.""",
    story="""Books store their owner's username as text; `GET /books/v1/{title}` returns
    any user's book with its secret, and `POST /books/v1` with `"owner": "admin"` files a
    book under the administrator.""",
    ignore="""When the value names someone outside the system (an external author).""",
    cost="""A migration from the text value to a foreign key.""",
)
def plain_owner(ctx: Context) -> Iterator[Hit]:
    if not ctx.auth:
        return
    for entity in served(ctx):
        if entity.owner_field is not None or entity.name == USER:
            continue
        for f in entity.fields:
            if f.is_relation or "_".join(words_of(f.name)) not in PLAIN_OWNER_NAMES:
                continue
            yield Hit(
                f"{entity.name}.{f.name} names the row's user as a plain {f.type}, not an "
                "owner relation",
                field_path(entity, f),
                f.loc or entity.loc,
            )
