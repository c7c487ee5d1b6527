"""Design-pattern rules: outbox, money types, delete behaviour, audit trail."""

from __future__ import annotations

from collections.abc import Iterator

from infranest.design.model import Context, Fix, Hit
from infranest.design.rules.helpers import (
    edit_field,
    entity_path,
    field_path,
    has_word,
    head_word,
    operation,
    owned,
    served,
    update_entity,
)
from infranest.design.rules.integrations import is_write, used_operations
from infranest.design.rules.registry import rule

MONEY_FIELDS = (
    "price", "amount", "total", "subtotal", "balance", "cost", "fee", "salary", "credit",
    "available_credit", "tax", "discount", "payout", "refund",
)  # fmt: skip
RECORD_ENTITIES = (
    "order", "payment", "invoice", "transaction", "transfer", "ledger", "booking", "refund",
    "payout", "receipt",
)  # fmt: skip


@rule(
    "DES001",
    "Dual write without an outbox",
    severity="medium",
    category="design",
    owasp=("API10",),
    why="""An operation that changes the database also calls an integration: if the call
    succeeds and the transaction fails (or the reverse), the two systems disagree, and
    retries make it worse.""",
    fix="""Write the intent to an outbox table in the same transaction and let a worker
    call the integration (or record the provider's id and reconcile).""",
    story="""The card is charged, then the order insert fails on a constraint: the customer
    paid for an order that does not exist.""",
    ignore="""Calls that read only (a price quote), or providers with strong idempotency
    plus a reconciliation job.""",
    cost="""An outbox table, a worker, and eventual (not immediate) consistency.""",
)
def dual_write(ctx: Context) -> Iterator[Hit]:
    for integration in ctx.spec.integrations:
        writes = [ref for ref, op in used_operations(ctx, integration) if is_write(op)]
        if writes:
            yield Hit(
                f"integration {integration.name} is called by operations that also write "
                f"to the database ({', '.join(writes)})",
                f"integrations[{integration.name}].used_by",
                integration.loc,
            )


@rule(
    "DES002",
    "Integration used by no operation",
    severity="low",
    category="design",
    owasp=("API9",),
    why="""The integration lists no `used_by`: the audit cannot tell which operations
    depend on it (idempotency, outbox, limits), and an unused integration keeps a secret
    alive for nothing.""",
    fix="""List the operations that call it: `used_by Payment.create`.""",
    story="""A payment integration is called from an action nobody knew about; its retries
    double-charge because the action was never made idempotent.""",
    ignore="""Integrations used only by background jobs outside the API.""",
    cost="""None.""",
)
def unused_integration(ctx: Context) -> Iterator[Hit]:
    for integration in ctx.spec.integrations:
        if not integration.used_by:
            yield Hit(
                f"integration {integration.name} lists no used_by",
                f"integrations[{integration.name}]",
                integration.loc,
            )


@rule(
    "DES003",
    "Money stored as float",
    severity="high",
    category="design",
    cwe=(681,),
    why="""A money-like field (price, amount, balance, credit) is a `float`: binary floating
    point cannot represent 0.10 exactly, so sums drift and comparisons fail.""",
    fix="""Use `decimal(12,2)` (or an integer amount of cents).""",
    story="""Ten payments of 0.10 add up to 0.9999999; the reconciliation with the bank
    fails every night.""",
    ignore="""Scientific quantities that are not money.""",
    cost="""Decimal arithmetic is slightly slower; JSON carries it as a string.""",
    fixable=True,
)
def float_money(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        for f in entity.fields:
            if f.type == "float" and has_word(f.name, MONEY_FIELDS):
                yield Hit(
                    f"{entity.name}.{f.name} holds money as a float",
                    field_path(entity, f),
                    f.loc or entity.loc,
                    Fix(
                        f"{entity.name}.{f.name}: decimal(12,2)",
                        edit_field(entity.name, f.name, type="decimal", precision=12, scale=2),
                    ),
                )


@rule(
    "DES004",
    "Relation without a delete behaviour",
    severity="low",
    category="design",
    why="""A relation holding a foreign key has no `on_delete`: the database default (no
    action) refuses to delete the target while rows point to it, which surfaces as an
    unexplained 409 instead of a decision.""",
    fix="""Say what should happen: `on_delete(restrict)`, `cascade` or `set_null`.""",
    story="""Deleting a customer fails in production with a foreign-key error nobody
    expected, or (with cascade chosen hastily) silently deletes their invoices.""",
    ignore="""Never costly to state; `restrict` keeps today's behaviour.""",
    cost="""None.""",
    fixable=True,
)
def no_on_delete(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        for f in entity.fields:
            if f.is_relation and f.has_column and f.on_delete is None:
                yield Hit(
                    f"{entity.name}.{f.name} does not say what deleting a {f.target} does",
                    field_path(entity, f),
                    f.loc or entity.loc,
                    Fix(
                        f"{entity.name}.{f.name}: on_delete(restrict)",
                        edit_field(entity.name, f.name, on_delete="restrict"),
                    ),
                )


@rule(
    "DES005",
    "Business records hard-deleted",
    severity="low",
    category="design",
    why="""Orders, payments, invoices and transactions can be deleted and the entity has no
    `soft_delete`: the record disappears, with it the audit trail and the numbers that
    accounting and disputes need.""",
    fix="""Add `soft_delete` (or forbid delete and use a `cancel` action).""",
    story="""A support agent deletes a disputed payment; when the chargeback arrives, there
    is no record of what was charged.""",
    ignore="""Drafts that never became binding.""",
    cost="""Soft-deleted rows stay in the table (purge with `retention`).""",
    fixable=True,
)
def hard_delete(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        if entity.soft_delete or not head_word(entity.name, RECORD_ENTITIES):
            continue
        if operation(ctx, entity, "delete") is None:
            continue
        fix = None
        if entity.field("deleted_at") is None:
            fix = Fix(f"{entity.name}: soft_delete", update_entity(entity.name, soft_delete=True))
        yield Hit(
            f"{entity.name} records are deleted for good",
            entity_path(entity),
            entity.loc,
            fix,
        )


@rule(
    "DES006",
    "Owned data without timestamps",
    severity="low",
    category="design",
    cwe=(778,),
    why="""Rows belong to users but the entity has no `timestamps`: nobody can tell when a
    row was created or last changed, which incident response, retention and disputes
    need.""",
    fix="""Add `timestamps`.""",
    story="""After an account takeover, support cannot tell which of the victim's records
    the attacker changed.""",
    ignore="""Pure join rows with no meaning of their own.""",
    cost="""Two columns per row.""",
    fixable=True,
)
def no_timestamps(ctx: Context) -> Iterator[Hit]:
    for entity in served(ctx):
        if entity.timestamps or not owned(entity):
            continue
        fix = None
        if entity.field("created_at") is None and entity.field("updated_at") is None:
            fix = Fix(f"{entity.name}: timestamps", update_entity(entity.name, timestamps=True))
        yield Hit(
            f"{entity.name} is owned data without timestamps", entity_path(entity), entity.loc, fix
        )
