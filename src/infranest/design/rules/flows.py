"""Sensitive business flows (API6): limits per user and idempotency."""

from __future__ import annotations

from collections.abc import Iterator

from infranest.design.model import Context, Fix, Hit
from infranest.design.rules.edits import (
    add_limit,
    idempotent_operation,
    set_action,
    set_flow,
)
from infranest.design.rules.helpers import (
    action_operation,
    action_path,
    entity_path,
    has_word,
    head_word,
    operation,
    served,
)
from infranest.design.rules.registry import rule
from infranest.spec.exporters.api_types import Operation
from infranest.spec.model import RateLimit

SENSITIVE_ENTITIES = (
    "order", "payment", "transfer", "booking", "reservation", "withdrawal", "payout",
    "transaction", "invoice", "coupon", "voucher", "redemption", "vote", "invitation",
    "invite", "signup", "subscription", "donation", "refund", "purchase", "checkout", "bid",
    "charge", "loan", "claim", "ticket_purchase",
)  # fmt: skip
SENSITIVE_ACTIONS = (
    "checkout", "pay", "purchase", "buy", "transfer", "withdraw", "redeem", "coupon",
    "refund", "book", "reserve", "vote", "bid", "claim", "order", "invite", "signup",
    "subscribe", "donate", "tip", "return", "charge", "capture", "apply", "place",
)  # fmt: skip
MONEY_ENTITIES = (
    "payment", "transfer", "order", "withdrawal", "payout", "transaction", "charge",
    "refund", "booking", "purchase", "donation", "reservation",
)  # fmt: skip
MONEY_ACTIONS = (
    "pay", "checkout", "charge", "capture", "refund", "transfer", "withdraw", "purchase",
    "buy", "book", "redeem", "apply_coupon", "payout", "place",
)  # fmt: skip


def per_caller(op: Operation) -> bool:
    """A limit counts requests of each user or tenant (an ip limit is bypassed by proxies)."""
    return any(lim.scope in ("user", "tenant") for lim in op.limits)


@rule(
    "SEC040",
    "Sensitive creation without a per-user limit",
    severity="high",
    category="security",
    owasp=("API6",),
    cwe=(799,),
    why="""Creating orders, payments, transfers, bookings, coupons, votes or sign-ups is a
    business flow attackers automate (scalping, card testing, fake accounts); without a
    per-user limit nothing slows them down.""",
    fix="""Limit creation per user: `limit create: 20/hour per user` (or declare a `flow`
    with limits).""",
    story="""A bot reserves every concert seat within a minute of the sale opening and
    resells them; or tests thousands of stolen cards through `POST /payments`.""",
    ignore="""Creation restricted to staff roles (this rule does not fire then).""",
    cost="""A legitimate power user may hit the limit; tune it from real traffic.""",
    fixable=True,
)
def sensitive_create(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        op = operation(ctx, entity, "create")
        if op is None or not head_word(entity.name, SENSITIVE_ENTITIES) or per_caller(op):
            continue
        if not ({"anyone", "authenticated", "owner", "tenant"} & set(op.principals)):
            continue
        scope = "user" if ctx.auth else "ip"
        limit = RateLimit(count=20, period="hour", scope=scope, operations=("create",))
        fix = Fix(f"limit create: 20/hour per {scope}", add_limit(entity.name, limit))
        yield Hit(
            f"creating a {entity.name} is a sensitive flow without a per-user limit",
            entity_path(entity),
            entity.loc,
            fix,
        )


@rule(
    "SEC041",
    "Sensitive action without a per-user limit",
    severity="high",
    category="security",
    owasp=("API6",),
    cwe=(799,),
    why="""An action that moves money or scarce goods (checkout, pay, transfer, redeem,
    apply a coupon, book, vote, return) has no per-user limit, so it can be automated.""",
    fix="""Give the action a limit per user: `action redeem ... limit 10/minute per
    user`.""",
    story="""A script applies the same coupon code to thousands of carts; another returns
    orders in a loop faster than the warehouse checks them.""",
    ignore="""Actions only staff may call.""",
    cost="""Tune the limit to real use.""",
    fixable=True,
)
def sensitive_action(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        for action in entity.actions:
            op = action_operation(ctx, entity, action.name)
            if op is None or op.method == "get" or per_caller(op):
                continue
            if not has_word(action.name, SENSITIVE_ACTIONS):
                continue
            if not ({"anyone", "authenticated", "owner", "tenant"} & set(op.principals)):
                continue
            scope = "user" if ctx.auth else "ip"
            fix = Fix(
                f"action {action.name} limit 10/minute per {scope}",
                set_action(
                    entity.name,
                    action.name,
                    limit=RateLimit(count=10, period="minute", scope=scope),
                ),
            )
            yield Hit(
                f"{entity.name}.{action.name} is a sensitive flow without a per-user limit",
                action_path(entity, action.name),
                action.loc or entity.loc,
                fix,
            )


@rule(
    "SEC042",
    "Money movement without idempotency",
    severity="high",
    category="security",
    owasp=("API6",),
    cwe=(837,),
    why="""Creating a payment, order or transfer (or an action that charges, refunds or
    checks out) does not accept an `Idempotency-Key`: a client retrying after a timeout
    charges twice.""",
    fix="""Make it idempotent: `idempotent` on the action, or a flow listing the create
    with `idempotent`.""",
    story="""The mobile network drops the answer to `POST /payments`; the app retries and
    the customer is charged twice. Support refunds by hand, for every flaky connection.""",
    ignore="""Operations whose repetition is harmless (creating a draft).""",
    cost="""The service stores each key and its answer for 24 hours.""",
    fixable=True,
)
def money_idempotency(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        create = operation(ctx, entity, "create")
        if create is not None and head_word(entity.name, MONEY_ENTITIES) and not create.idempotent:
            fix = Fix(
                f"make {entity.name}.create idempotent (through a flow)",
                idempotent_operation(entity.name, "create", action=False),
            )
            yield Hit(
                f"creating a {entity.name} is not idempotent; a retry repeats it",
                entity_path(entity),
                entity.loc,
                fix,
            )
        for action in entity.actions:
            op = action_operation(ctx, entity, action.name)
            if op is None or op.idempotent or op.method == "get":
                continue
            if has_word(action.name, MONEY_ACTIONS):
                fix = Fix(
                    f"action {action.name} idempotent",
                    idempotent_operation(entity.name, action.name, action=True),
                )
                yield Hit(
                    f"{entity.name}.{action.name} moves money but is not idempotent",
                    action_path(entity, action.name),
                    action.loc or entity.loc,
                    fix,
                )


@rule(
    "SEC043",
    "Flow without a rate limit",
    severity="medium",
    category="security",
    owasp=("API6",),
    cwe=(799,),
    why="""A declared sensitive flow has no `limit`: the spec names the business process
    as sensitive but does not protect it.""",
    fix="""Add limits per user and per address: `limit 10/minute per user`.""",
    story="""A sign-up flow without limits lets one script create 100,000 accounts to
    abuse a referral bonus.""",
    ignore="""When each step already has its own per-user limit.""",
    cost="""Tune to real traffic.""",
    fixable=True,
)
def flow_unlimited(ctx: Context) -> Iterator[Hit]:
    scope = "user" if ctx.auth else "ip"
    for flow in ctx.spec.flows:
        if flow.limits:
            continue
        limit = RateLimit(count=10, period="minute", scope=scope)
        fix = Fix(
            f"flow {flow.name}: limit 10/minute per {scope}", set_flow(flow.name, limits=(limit,))
        )
        yield Hit(f"flow {flow.name} has no rate limit", f"flows[{flow.name}]", flow.loc, fix)


@rule(
    "SEC044",
    "Flow that creates without idempotency",
    severity="medium",
    category="security",
    owasp=("API6",),
    cwe=(837,),
    why="""A flow creates rows or calls state-changing actions but is not `idempotent`:
    retries of any step repeat it.""",
    fix="""Add `idempotent` to the flow.""",
    story="""Checkout's `Order.create` times out at the load balancer; the client retries
    and two orders are shipped.""",
    ignore="""Flows whose steps are naturally idempotent (PUT of a whole resource).""",
    cost="""Idempotency keys are stored for 24 hours.""",
    fixable=True,
)
def flow_not_idempotent(ctx: Context) -> Iterator[Hit]:
    for flow in ctx.spec.flows:
        if flow.idempotent:
            continue
        writes = [s for s in flow.steps if _writes(ctx, s)]
        if writes:
            fix = Fix(f"flow {flow.name}: idempotent", set_flow(flow.name, idempotent=True))
            yield Hit(
                f"flow {flow.name} changes data ({', '.join(writes)}) but is not idempotent",
                f"flows[{flow.name}]",
                flow.loc,
                fix,
            )


def _writes(ctx: Context, step: str) -> bool:
    name, _, op_name = step.partition(".")
    entity = ctx.spec.entity(name)
    if entity is None:
        return False
    if op_name in ("create", "update", "delete"):
        return True
    action = next((a for a in entity.actions if a.name == op_name), None)
    return action is not None and action.method != "get"
