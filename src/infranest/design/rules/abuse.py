"""Unrestricted resource consumption (API4)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from infranest.design.model import Context, Fix, Hit
from infranest.design.rules.edits import add_limit, set_action
from infranest.design.rules.helpers import (
    WRITE_KINDS,
    action_operation,
    action_path,
    edit_field,
    entity_path,
    field_path,
    has_word,
    operations,
    served,
    writable_by_clients,
)
from infranest.design.rules.registry import rule
from infranest.spec.model import LimitScope, RateLimit

EXPENSIVE_ACTIONS = (
    "export", "report", "import", "upload", "convert", "send", "sms", "notify", "mail",
    "contact", "generate", "render", "sync", "bulk", "batch", "analyze", "analyse", "resend",
    "invite", "download", "pdf", "print", "backup", "scan", "crawl", "fetch", "transcode",
    "recalculate", "rebuild", "broadcast", "search",
)  # fmt: skip
# A group repeated by a quantifier that itself contains a quantifier or an alternation.
_NESTED = re.compile(
    r"\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,\d*\}|\|)(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})"
)


def _scope(ctx: Context, public: bool) -> LimitScope:
    return "ip" if public or not ctx.auth else "user"


@rule(
    "SEC030",
    "Expensive action without a rate limit",
    severity="medium",
    category="security",
    owasp=("API4",),
    cwe=(770,),
    why="""An action that does costly work or sends messages (export, report, convert,
    send, contact, generate, upload) has no rate limit: one client can exhaust CPU, the
    mail or SMS budget, or a third party's quota.""",
    fix="""Give it a limit: `action export_csv ... limit 5/hour per user`.""",
    story="""A script calls `POST /mechanics/contact` ten thousand times; the SMS provider
    bill arrives, and the provider blocks the account for spam.""",
    ignore="""Cheap actions whose name only sounds expensive.""",
    cost="""Heavy legitimate users hit the limit; offer a batch endpoint instead.""",
    fixable=True,
)
def expensive_action(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        for action in entity.actions:
            op = action_operation(ctx, entity, action.name)
            if op is None or op.limits or not has_word(action.name, EXPENSIVE_ACTIONS):
                continue
            scope = _scope(ctx, op.public)
            limit = RateLimit(count=10, period="minute", scope=scope)
            fix = Fix(
                f"action {action.name} limit 10/minute per {scope}",
                set_action(entity.name, action.name, limit=limit),
            )
            yield Hit(
                f"{entity.name}.{action.name} looks expensive and has no rate limit",
                action_path(entity, action.name),
                action.loc or entity.loc,
                fix,
            )


@rule(
    "SEC031",
    "Public write without a rate limit",
    severity="high",
    category="security",
    owasp=("API4", "API6"),
    cwe=(770, 799),
    why="""A create, update, delete or state-changing action is open to `anyone` and has no
    rate limit: bots can fill the database or flood the service.""",
    fix="""Limit it per client address: `limit create: 10/minute per ip`.""",
    story="""A public contact form (`POST /messages`) receives a million spam rows overnight;
    the disk fills up and the service stops.""",
    ignore="""Behind a gateway or CAPTCHA that limits callers already; say so in a
    comment.""",
    cost="""Shared addresses (offices, mobile carriers) share the limit.""",
    fixable=True,
)
def public_write(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        for op in operations(ctx, entity):
            write = op.kind in WRITE_KINDS or (op.kind == "action" and op.method != "get")
            if not write or not op.public or op.limits:
                continue
            limit = RateLimit(count=10, period="minute", scope="ip")
            name = op.action or op.kind
            if op.action is not None:
                fix = Fix(
                    f"action {name} limit 10/minute per ip",
                    set_action(entity.name, name, limit=limit),
                )
            else:
                scoped = limit.model_copy(update={"operations": (name,)})
                fix = Fix(f"limit {name}: 10/minute per ip", add_limit(entity.name, scoped))
            yield Hit(
                f"{entity.name}.{name} is public and has no rate limit",
                action_path(entity, name) if op.action else entity_path(entity),
                entity.loc,
                fix,
            )


@rule(
    "SEC032",
    "File upload without a rate limit",
    severity="medium",
    category="security",
    owasp=("API4",),
    cwe=(400, 770),
    why="""The entity has a `file` field, so create and update accept uploads, and neither
    has a rate limit: storage and bandwidth are unbounded.""",
    fix="""Limit uploads: `limit create, update: 30/hour per user`.""",
    story="""One account uploads 50,000 large files through `POST /documents`; the storage
    bill and the backup window explode.""",
    ignore="""Uploads restricted to trusted staff roles.""",
    cost="""Bulk imports need a separate path.""",
    fixable=True,
)
def upload_unlimited(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        files = [f for f in entity.fields if f.type == "file" and writable_by_clients(f)]
        if not files:
            continue
        ops = [o for o in operations(ctx, entity) if o.kind in ("create", "update")]
        bare = tuple(o.kind for o in ops if not o.limits)
        if not bare:
            continue
        scope = _scope(ctx, any(o.public for o in ops))
        limit = RateLimit(count=30, period="hour", scope=scope, operations=bare)
        fix = Fix(f"limit {', '.join(bare)}: 30/hour per {scope}", add_limit(entity.name, limit))
        yield Hit(
            f"{entity.name}.{files[0].name} accepts uploads through {', '.join(bare)} "
            "without a rate limit",
            field_path(entity, files[0]),
            files[0].loc or entity.loc,
            fix,
        )


@rule(
    "SEC033",
    "Pattern prone to catastrophic backtracking",
    severity="medium",
    category="security",
    owasp=("API4",),
    cwe=(1333,),
    why="""A `pattern` repeats a group that itself repeats or alternates (`(a+)+`,
    `(\\w|\\d)*`): on a crafted input most regex engines backtrack exponentially and one
    request occupies a worker for seconds or minutes (ReDoS).""",
    fix="""Rewrite the pattern without nested quantifiers, bound the length with
    `max_length` first, or use a linear-time engine.""",
    story="""An email pattern `^([a-zA-Z0-9])+([a-zA-Z0-9._-])*@...` is sent
    `aaaaaaaaaaaaaaaaaaaaaaaaaaaa!`; each request takes 30 seconds and a handful of them
    stop the service.""",
    ignore="""When the engine is linear-time (RE2, Rust regex) in every target you
    generate; Python, Ruby and JavaScript engines are not.""",
    cost="""A more careful pattern.""",
)
def redos(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        for f in entity.fields:
            if f.pattern is not None and _NESTED.search(f.pattern):
                yield Hit(
                    f"{entity.name}.{f.name} pattern {f.pattern!r} nests quantifiers",
                    field_path(entity, f),
                    f.loc or entity.loc,
                )


@rule(
    "SEC034",
    "Long text accepted without a length bound",
    severity="low",
    category="security",
    owasp=("API4",),
    cwe=(770,),
    why="""A `text` field set by callers has no `max_length`: a request may store megabytes
    in one row, and every later read returns them.""",
    fix="""Bound it: `max_length(10000)` (or what the use needs).""",
    story="""A comment of 50 MB is stored once and served on every page view of the
    post.""",
    ignore="""When the framework's body size limit is the intended bound.""",
    cost="""None; pick a generous bound.""",
    fixable=True,
)
def unbounded_text(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        for f in entity.fields:
            if f.type != "text" or f.max_length is not None or not writable_by_clients(f):
                continue
            fix = Fix(
                f"{entity.name}.{f.name} max_length(10000)",
                edit_field(entity.name, f.name, max_length=10000),
            )
            yield Hit(
                f"{entity.name}.{f.name} is text without max_length",
                field_path(entity, f),
                f.loc or entity.loc,
                fix,
            )
