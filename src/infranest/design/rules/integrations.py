"""Outbound calls: server-side request forgery (API7) and unsafe consumption (API10)."""

from __future__ import annotations

from collections.abc import Iterator

from infranest.design.model import Context, Fix, Hit
from infranest.design.rules.edits import idempotent_operation, set_integration
from infranest.design.rules.helpers import (
    action_operation,
    field_path,
    has_word,
    operation,
    served,
    writable_by_clients,
)
from infranest.design.rules.registry import rule
from infranest.spec.exporters.api_types import Operation
from infranest.spec.model import Duration, Integration

CALLBACK_NAMES = ("webhook", "callback", "endpoint", "hook", "notify_url", "redirect", "api_url")


def _path(integration: Integration, key: str = "") -> str:
    return f"integrations[{integration.name}]" + (f".{key}" if key else "")


def used_operations(ctx: Context, integration: Integration) -> Iterator[tuple[str, Operation]]:
    """The operations listed in ``used_by`` that the API serves."""
    for ref in integration.used_by:
        name, _, op_name = ref.partition(".")
        entity = ctx.spec.entity(name)
        if entity is None:
            continue
        if op_name in ("create", "read", "list", "update", "delete"):
            op = operation(ctx, entity, op_name)
        else:
            op = action_operation(ctx, entity, op_name)
        if op is not None:
            yield ref, op


def is_write(op: Operation) -> bool:
    return op.kind in ("create", "update", "delete") or (op.kind == "action" and op.method != "get")


@rule(
    "SEC050",
    "Integration without a timeout",
    severity="high",
    category="security",
    owasp=("API10", "API4"),
    cwe=(1088, 400),
    why="""Calls to the integration have no `timeout`: when the third party hangs, every
    request that calls it hangs too, and the workers run out.""",
    fix="""Bound each call: `timeout 10s` (shorter for calls on the request path).""",
    story="""The payment provider degrades and answers after 5 minutes; all 32 workers wait
    on it and the whole shop, catalogue included, stops answering.""",
    ignore="""Never; even background jobs need an upper bound.""",
    cost="""Slow but successful calls fail; choose the bound from the provider's p99.""",
    fixable=True,
)
def no_timeout(ctx: Context) -> Iterator[Hit]:
    for integration in ctx.spec.integrations:
        if integration.timeout is None:
            fix = Fix(
                f"integration {integration.name}: timeout 10s",
                set_integration(integration.name, timeout=Duration(amount=10, unit="s")),
            )
            yield Hit(
                f"integration {integration.name} has no timeout",
                _path(integration, "timeout"),
                integration.loc,
                fix,
            )


@rule(
    "SEC051",
    "Retries without exponential backoff",
    severity="medium",
    category="security",
    owasp=("API10",),
    cwe=(400,),
    why="""Failed calls are retried at once (no backoff, or `backoff none`): when the third
    party is overloaded, retries multiply its load and keep it down.""",
    fix="""Retry with `backoff exponential` (with jitter in the generated client).""",
    story="""The mail API rate-limits; three immediate retries from every worker quadruple
    the traffic and the ban lasts an hour instead of a minute.""",
    ignore="""A single retry to another replica of an internal service.""",
    cost="""Slower recovery of a single call.""",
    fixable=True,
)
def retries_without_backoff(ctx: Context) -> Iterator[Hit]:
    for integration in ctx.spec.integrations:
        if integration.retries and integration.backoff in (None, "none"):
            fix = Fix(
                f"integration {integration.name}: backoff exponential",
                set_integration(integration.name, backoff="exponential"),
            )
            yield Hit(
                f"integration {integration.name} retries {integration.retries} time(s) "
                "without backoff",
                _path(integration, "retries"),
                integration.loc,
                fix,
            )


@rule(
    "SEC052",
    "Integration responses used without validation",
    severity="medium",
    category="security",
    owasp=("API10",),
    cwe=(20,),
    why="""Answers of the third party are used without `validate_response`: a compromised,
    buggy or spoofed provider can inject data the service trusts more than user input.""",
    fix="""Add `validate_response` so answers are checked against the expected schema.""",
    story="""A geocoding provider returns HTML after an outage; the service stores it as
    an address and renders it into every invoice (stored XSS through a third party).""",
    ignore="""Fire-and-forget calls whose answers are not used.""",
    cost="""Maintaining the expected response schema.""",
    fixable=True,
)
def no_response_validation(ctx: Context) -> Iterator[Hit]:
    for integration in ctx.spec.integrations:
        if not integration.validate_response:
            fix = Fix(
                f"integration {integration.name}: validate_response",
                set_integration(integration.name, validate_response=True),
            )
            yield Hit(
                f"integration {integration.name} does not validate responses",
                _path(integration),
                integration.loc,
                fix,
            )


@rule(
    "SEC053",
    "Integration without a circuit breaker",
    severity="low",
    category="security",
    owasp=("API10", "API4"),
    cwe=(400,),
    why="""Without `circuit_breaker` the service keeps calling a failing third party, each
    call waiting for its timeout, instead of failing fast for a while.""",
    fix="""Add `circuit_breaker`.""",
    story="""The SMS provider is down for an hour; each sign-up waits 10 seconds for its
    timeout, and sign-ups pile up until the workers are exhausted.""",
    ignore="""Calls made only from background jobs with their own back-pressure.""",
    cost="""Some calls fail fast that might have succeeded.""",
    fixable=True,
)
def no_circuit_breaker(ctx: Context) -> Iterator[Hit]:
    for integration in ctx.spec.integrations:
        if not integration.circuit_breaker:
            fix = Fix(
                f"integration {integration.name}: circuit_breaker",
                set_integration(integration.name, circuit_breaker=True),
            )
            yield Hit(
                f"integration {integration.name} has no circuit breaker",
                _path(integration),
                integration.loc,
                fix,
            )


@rule(
    "SEC054",
    "Retried call from a non-idempotent operation",
    severity="high",
    category="security",
    owasp=("API10", "API6"),
    cwe=(837,),
    why="""The integration retries failed calls, and it is used by an operation that
    changes data but is not idempotent: a retry after a lost answer repeats the effect at
    the third party, and a client retry repeats it again.""",
    fix="""Make the calling operation idempotent (and pass its key on to the provider).""",
    story="""A charge times out after the provider accepted it; the retry charges again.""",
    ignore="""When the provider call itself is idempotent (a PUT of a full state).""",
    cost="""Idempotency keys are stored for 24 hours.""",
    fixable=True,
)
def retried_non_idempotent(ctx: Context) -> Iterator[Hit]:
    for integration in ctx.spec.integrations:
        if not integration.retries:
            continue
        for ref, op in used_operations(ctx, integration):
            if not is_write(op) or op.idempotent:
                continue
            entity, _, name = ref.partition(".")
            fix = Fix(
                f"make {ref} idempotent",
                idempotent_operation(entity, name, action=op.action is not None),
            )
            yield Hit(
                f"integration {integration.name} retries calls made by {ref}, which is not "
                "idempotent",
                _path(integration, "used_by"),
                integration.loc,
                fix,
            )


@rule(
    "SEC055",
    "Integration without a fixed destination",
    severity="medium",
    category="security",
    owasp=("API7", "API10"),
    cwe=(918,),
    why="""The integration declares no `url`, so where the server sends requests is decided
    at run time — often from data a client controls.""",
    fix="""Declare the base URL: `url "https://api.provider.example"`; allow-list any
    variable host.""",
    story="""A 'contact the mechanic' feature takes the mechanic's API address from the
    request; an attacker points it at `http://169.254.169.254/` and reads the cloud
    credentials.""",
    ignore="""Webhook senders that must call customer URLs; then validate and allow-list
    them, and block private address ranges.""",
    cost="""None.""",
)
def no_destination(ctx: Context) -> Iterator[Hit]:
    for integration in ctx.spec.integrations:
        if integration.url is None:
            yield Hit(
                f"integration {integration.name} has no fixed url",
                _path(integration, "url"),
                integration.loc,
            )


@rule(
    "SEC056",
    "Client-supplied URL the server may call",
    severity="medium",
    category="security",
    owasp=("API7",),
    cwe=(918,),
    why="""Callers set a URL field named like a callback (webhook, callback, endpoint,
    hook), or a URL on an entity whose operations call integrations or custom actions: the
    server may fetch it, reaching internal addresses on the caller's behalf.""",
    fix="""Validate such URLs on the server: https only, public addresses only (resolve and
    reject private, loopback and link-local ranges), an allow-list where possible.""",
    story="""A webhook URL of `http://localhost:6379/` makes the service send a request to
    its own Redis; a profile picture URL pointing at the metadata service leaks cloud
    keys.""",
    ignore="""URLs that are only stored and shown, never fetched by the server.""",
    cost="""A URL validator in the generated code and DNS checks at call time.""",
)
def client_url(ctx: Context) -> Iterator[Hit]:
    called = {ref.partition(".")[0] for i in ctx.spec.integrations for ref in i.used_by}
    for entity in served(ctx):
        active = entity.name in called or bool(entity.actions)
        for f in entity.fields:
            if not writable_by_clients(f) or f.is_relation:
                continue
            callback = has_word(f.name, CALLBACK_NAMES)
            url_like = f.type == "url" or has_word(f.name, ("url", "uri"))
            if callback or (url_like and active):
                yield Hit(
                    f"{entity.name}.{f.name} is a URL set by callers that the server may fetch",
                    field_path(entity, f),
                    f.loc or entity.loc,
                )
