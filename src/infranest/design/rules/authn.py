"""Authentication (API2), configuration (API8) and inventory (API9) rules."""

from __future__ import annotations

import re
from collections.abc import Iterator

from infranest.design.model import Context, Fix, Hit
from infranest.design.rules.edits import actions_for_admin, set_action
from infranest.design.rules.helpers import (
    WRITE_KINDS,
    action_operation,
    action_path,
    entity_path,
    has_word,
    is_open,
    operations,
    served,
    words,
)
from infranest.design.rules.registry import rule
from infranest.spec.model import RateLimit

CREDENTIAL_CHECKS = (
    "login", "signin", "sign_in", "logon", "otp", "verify", "password", "passcode", "reset",
    "token", "pin", "mfa", "totp", "2fa", "unlock", "passphrase", "credentials",
)  # fmt: skip
ACCOUNT_SECRETS = ("password", "passwd", "email", "phone", "mfa", "totp", "pin")
DEBUG_WORDS = (
    "debug", "internal", "dump", "createdb", "create_db", "seed", "reset_db", "backdoor",
    "phpinfo", "actuator", "diagnostics", "test_only",
)  # fmt: skip
LEGACY_WORDS = ("legacy", "old", "deprecated", "obsolete", "tmp", "temp")
_LOCAL = re.compile(r"^http://(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$")
_VERSIONED = re.compile(r"^v\d+$")


@rule(
    "SEC010",
    "No authentication on an API that changes data",
    severity="critical",
    category="security",
    owasp=("API2",),
    cwe=(306,),
    why="""The project has `auth none`, so every create, update, delete and action is
    public: anyone on the network can change or delete all data.""",
    fix="""Enable authentication (`auth jwt`) and grant writes to roles or owners.""",
    story="""A forgotten internal service is exposed by a load balancer change; a scanner
    finds `DELETE /customers/{id}` and empties the table.""",
    ignore="""Read-only public data sets behind a gateway that authenticates callers; then
    document where authentication happens.""",
    cost="""Clients must sign in; machine clients need API keys (`auth apikey`).""",
)
def no_auth(ctx: Context) -> Iterator[Hit]:
    if ctx.auth:
        return
    writes = [
        f"{e.name}.{o.action or o.kind}"
        for e in served(ctx)
        for o in operations(ctx, e)
        if o.kind in WRITE_KINDS or (o.kind == "action" and o.method != "get")
    ]
    if writes:
        shown = ", ".join(writes[:5]) + (", ..." if len(writes) > 5 else "")
        yield Hit(
            f"auth none: {len(writes)} write operation(s) are public ({shown})",
            "project.auth",
            ctx.spec.project.loc,
        )


@rule(
    "SEC012",
    "Credential check without a rate limit",
    severity="high",
    category="security",
    owasp=("API2", "API4"),
    cwe=(307,),
    why="""An action that checks a secret (login, OTP, PIN, password reset, token
    verification) has no rate limit, so the secret can be guessed by brute force.""",
    fix="""Limit it per client address and per user: `action verify_otp ... limit
    5/minute per ip`.""",
    story="""A 4-digit OTP has 10,000 values; without a limit a script tries them all in
    minutes and resets the victim's password.""",
    ignore="""Never for short secrets; long random tokens (≥ 128 bits) make guessing
    impractical, but a limit still stops credential stuffing.""",
    cost="""Legitimate users who mistype often may wait; pick a limit that fits (5 per
    minute is typical).""",
    fixable=True,
)
def credential_check_unlimited(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        for action in entity.actions:
            op = action_operation(ctx, entity, action.name)
            if op is None or op.limits or not has_word(action.name, CREDENTIAL_CHECKS):
                continue
            scope = "ip" if op.public or not ctx.auth else "user"
            limit = RateLimit(count=5, period="minute", scope=scope)
            fix = Fix(
                f"action {action.name} limit 5/minute per {scope}",
                set_action(entity.name, action.name, limit=limit),
            )
            yield Hit(
                f"{entity.name}.{action.name} checks a credential but has no rate limit",
                action_path(entity, action.name),
                action.loc or entity.loc,
                fix,
            )


@rule(
    "SEC013",
    "Password or email change on any account",
    severity="high",
    category="security",
    owasp=("API2", "API1"),
    cwe=(620, 639),
    why="""An item action that changes an account secret (password, email, phone, MFA)
    takes the account from the URL and is open to every signed-in user: nothing ties the
    account to the caller or asks for the current password.""",
    fix="""Change secrets only for the caller (a collection action on the caller's own
    account, or `by owner`), and require the current password or a confirmation sent to the
    old address.""",
    story="""Bob sends `PUT /users/alice/password` with his own token and a new password:
    Alice's account is now his. Changing the email first lets him also reset the
    password.""",
    ignore="""Administrative resets restricted to an admin role, with an audit log.""",
    cost="""One more field in the form (current password) and a confirmation email.""",
)
def account_secret_change(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        for action in entity.actions:
            op = action_operation(ctx, entity, action.name)
            if op is None or action.scope != "item" or not is_open(op):
                continue
            if set(words(action.name)) & set(ACCOUNT_SECRETS):
                yield Hit(
                    f"{entity.name}.{action.name} changes an account secret for any "
                    f"{entity.name} id and is open to {', '.join(op.principals)}",
                    action_path(entity, action.name),
                    action.loc or entity.loc,
                )


@rule(
    "SEC014",
    "Debug or internal endpoint exposed",
    severity="high",
    category="security",
    owasp=("API9", "API3"),
    cwe=(489, 215),
    why="""An action or entity named like a debugging or maintenance tool (debug, dump,
    internal, createdb, seed) is served to non-administrators. Such endpoints tend to
    return everything (password hashes included) or reset data.""",
    fix="""Remove it from the production API or restrict it to an administrative role.""",
    story="""`GET /users/v1/_debug` was added during development and returns every user
    with their password and admin flag; it ships because it is in the same router.""",
    ignore="""Never in production; keep such tools behind a separate, non-public service.""",
    cost="""None.""",
    fixable=True,
)
def debug_endpoint(ctx: Context) -> Iterator[Hit]:
    return actions_for_admin(
        ctx,
        DEBUG_WORDS,
        lambda op, role: role is None or op.principals != (role,),
        "looks like a debug/internal endpoint and is open to",
    )


@rule(
    "SEC015",
    "Any origin may call the API from a browser",
    severity="high",
    category="security",
    owasp=("API8",),
    cwe=(942,),
    why="""`cors "*"` lets scripts on every web site call the API from their visitors'
    browsers; with cookie sessions or tokens kept in the browser, any site can act as the
    signed-in user or read their data.""",
    fix="""List the origins of your own front ends: `cors "https://app.example.com"`.""",
    story="""A phishing page calls `GET /me` from the victim's browser and exfiltrates
    the answer, because the API answered `Access-Control-Allow-Origin: *`.""",
    ignore="""Public, unauthenticated, read-only APIs (open data) may allow every origin.""",
    cost="""Each new front-end origin must be added to the spec.""",
)
def cors_wildcard(ctx: Context) -> Iterator[Hit]:
    project = ctx.spec.project
    if "*" in project.cors and ctx.auth:
        yield Hit(
            'cors allows every origin ("*") on an authenticated API', "project.cors", project.loc
        )


@rule(
    "SEC016",
    "Cleartext HTTP origin or integration",
    severity="medium",
    category="security",
    owasp=("API8", "API10"),
    cwe=(319,),
    why="""A CORS origin or an integration URL uses `http://` (not local): traffic,
    tokens and personal data travel unencrypted and can be read or changed on the way.""",
    fix="""Use `https://` URLs.""",
    story="""A payment provider reached over `http://` through a hotel Wi-Fi: an attacker on
    the path rewrites "declined" into "captured".""",
    ignore="""Local development origins (`http://localhost:5173`) are not reported.""",
    cost="""A certificate for your own origins; none for third parties offering HTTPS.""",
)
def cleartext(ctx: Context) -> Iterator[Hit]:
    project = ctx.spec.project
    for origin in project.cors:
        if origin.startswith("http://") and not _LOCAL.match(origin):
            yield Hit(f"cors origin {origin} is not HTTPS", "project.cors", project.loc)
    for integration in ctx.spec.integrations:
        if integration.url is not None and integration.url.startswith("http://"):
            yield Hit(
                f"integration {integration.name} is called over cleartext HTTP",
                f"integrations[{integration.name}].url",
                integration.loc,
            )


@rule(
    "SEC017",
    "API without a version",
    severity="low",
    category="security",
    owasp=("API9",),
    cwe=(1059,),
    why="""The project declares no API version, so deployed services, their documents and
    their clients cannot say which contract they implement; old and new APIs get mixed up
    and retired endpoints linger.""",
    fix="""Declare it: `version "1.0.0"` (the generated default is 0.1.0).""",
    story="""A breaking change ships under the same unversioned document; old mobile apps
    keep calling removed fields and nobody can tell which hosts still serve the old
    API.""",
    ignore="""Prototypes that have no clients yet.""",
    cost="""Bumping the version on each contract change.""",
    fixable=True,
)
def no_version(ctx: Context) -> Iterator[Hit]:
    project = ctx.spec.project
    if project.version is None:
        fix = Fix(
            'version "0.1.0" (the generated default, now explicit)',
            lambda s: s.model_copy(
                update={"project": s.project.model_copy(update={"version": "0.1.0"})}
            ),
        )
        yield Hit("the project declares no API version", "project.version", project.loc, fix)


@rule(
    "SEC018",
    "Legacy or versioned endpoint still served",
    severity="low",
    category="security",
    owasp=("API9",),
    cwe=(1059,),
    why="""An action or entity named `legacy`, `old`, `deprecated` or `v1` suggests an
    older variant kept next to its replacement; old variants miss the fixes the new ones
    received.""",
    fix="""Retire the old variant, or give it the same access rules and limits as the new
    one and a removal date.""",
    story="""`/v2/check-otp` got a rate limit after a pen test; `/v1/check-otp` did not and
    is brute-forced.""",
    ignore="""When the variant is current and the name is only historical.""",
    cost="""Migrating the last clients of the old variant.""",
)
def legacy_endpoint(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        names = [(entity.name, entity_path(entity), entity.loc)]
        names += [
            (f"{entity.name}.{a.name}", action_path(entity, a.name), a.loc or entity.loc)
            for a in entity.actions
        ]
        for label, path, loc in names:
            parts = words(label.split(".")[-1])
            if set(parts) & set(LEGACY_WORDS) or any(_VERSIONED.match(p) for p in parts):
                yield Hit(f"{label} looks like a legacy or versioned variant", path, loc)


PUBLIC_BY_DESIGN = (
    "login", "signin", "sign_in", "register", "signup", "sign_up", "forgot", "reset",
    "otp", "verify", "confirm", "activate", "token", "oauth", "callback",
)  # fmt: skip


@rule(
    "SEC019",
    "Unauthenticated access to user data",
    severity="high",
    category="security",
    owasp=("API2", "API1"),
    cwe=(306, 200),
    why="""Reading the User entity, or a custom action of an entity that holds user data
    (points to users or has personal data), is open to `anyone`: without signing in,
    anyone reads it, and user names or ids can be enumerated.""",
    fix="""Require sign-in (`authenticated`, `owner` or a role); keep public only what is
    meant to be public, and then without personal data.""",
    story="""`GET /users/v1` answers without a token and lists every user name: the first
    step of a password-spraying attack. A report endpoint meant for a mechanic's mail link
    answers anyone who guesses the report id.""",
    ignore="""Public profiles people chose to publish, showing no personal data; sign-in
    and sign-up endpoints (not reported).""",
    cost="""Clients must sign in first; links in emails need a signed token.""",
)
def unauthenticated_user_data(ctx: Context) -> Iterator[Hit]:
    if not ctx.auth:
        return
    for entity in served(ctx):
        account = entity.name == "User"
        personal = account or any(
            (f.is_relation and f.target == "User") or f.pii is not None for f in entity.fields
        )
        if not personal:
            continue
        for op in operations(ctx, entity):
            if not op.public or op.kind not in ("read", "list", "action"):
                continue
            if op.kind != "action" and not account:
                continue  # public reads of other entities: see PRIV006
            if op.action is not None and has_word(op.action, PUBLIC_BY_DESIGN):
                continue
            name = op.action or op.kind
            path = action_path(entity, name) if op.action else entity_path(entity)
            action = next((a for a in entity.actions if a.name == op.action), None)
            yield Hit(
                f"{entity.name}.{name} ({op.method.upper()} {op.path}) serves user data "
                "without authentication",
                path,
                (action.loc if action is not None else None) or entity.loc,
            )
