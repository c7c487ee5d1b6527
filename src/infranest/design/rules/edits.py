"""Spec transformations the safe fixes are made of."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from infranest.design.model import Context, Fix, Hit
from infranest.design.rules.helpers import (
    action_operation,
    action_path,
    admin_role,
    edit_entity,
    has_word,
    served,
)
from infranest.spec.exporters.api_types import Operation
from infranest.spec.model import AccessRule, Entity, Flow, RateLimit, Spec
from infranest.spec.names import to_snake

Edit = Callable[[Spec], Spec]


def regrant(entity: str, ops: tuple[str, ...], principals: tuple[str, ...]) -> Edit:
    """Grant ``ops`` to exactly ``principals``: drop them from the rules naming them and add
    one rule naming them (the most specific rule decides, so broader rules no longer do)."""

    def change(e: Entity) -> Entity:
        rules: list[AccessRule] = []
        for r in e.access:
            rest = tuple(o for o in r.operations if o not in ops)
            if rest == r.operations:
                rules.append(r)
            elif rest:
                rules.append(r.model_copy(update={"operations": rest}))
        rules.append(AccessRule(operations=ops, principals=principals))
        return e.model_copy(update={"access": tuple(rules)})

    return edit_entity(entity, change)


def set_action(entity: str, action: str, **changes: object) -> Edit:
    def change(e: Entity) -> Entity:
        actions = tuple(a.model_copy(update=changes) if a.name == action else a for a in e.actions)
        return e.model_copy(update={"actions": actions})

    return edit_entity(entity, change)


def add_limit(entity: str, limit: RateLimit) -> Edit:
    return edit_entity(entity, lambda e: e.model_copy(update={"limits": (*e.limits, limit)}))


def set_flow(name: str, **changes: object) -> Edit:
    def apply(spec: Spec) -> Spec:
        flows = tuple(f.model_copy(update=changes) if f.name == name else f for f in spec.flows)
        return spec.model_copy(update={"flows": flows})

    return apply


def set_integration(name: str, **changes: object) -> Edit:
    def apply(spec: Spec) -> Spec:
        found = tuple(
            i.model_copy(update=changes) if i.name == name else i for i in spec.integrations
        )
        return spec.model_copy(update={"integrations": found})

    return apply


def make_step_idempotent(entity: str, operation: str) -> Edit:
    """Make ``Entity.operation`` accept an Idempotency-Key: through the flow that lists it
    as a step (the whole flow becomes idempotent), else through a new one-step flow."""
    step = f"{entity}.{operation}"

    def apply(spec: Spec) -> Spec:
        flow = next((f for f in spec.flows if step in f.steps), None)
        if flow is not None:
            return set_flow(flow.name, idempotent=True)(spec)
        taken = {f.name for f in spec.flows}
        name = f"{to_snake(entity)}_{operation}"
        while name in taken:
            name += "_flow"
        new = Flow(name=name, steps=(step,), idempotent=True)
        return spec.model_copy(update={"flows": (*spec.flows, new)})

    return apply


def idempotent_operation(entity: str, operation: str, action: bool) -> Edit:
    if action:
        return set_action(entity, operation, idempotent=True)
    return make_step_idempotent(entity, operation)


def actions_for_admin(
    ctx: Context,
    vocabulary: Iterable[str],
    concern: Callable[[Operation, str | None], bool],
    describe: str,
) -> Iterator[Hit]:
    """A hit for each action named from ``vocabulary`` whose operation ``concern`` flags
    (given the spec's admin role), fixed by granting the action to that role alone."""
    role = admin_role(ctx.spec)
    words = tuple(vocabulary)
    for entity in served(ctx):
        for action in entity.actions:
            op = action_operation(ctx, entity, action.name)
            if op is None or not has_word(action.name, words) or not concern(op, role):
                continue
            fix = None
            if role is not None:
                fix = Fix(
                    f"action {action.name} by {role}",
                    set_action(entity.name, action.name, allow=(role,)),
                )
            yield Hit(
                f"{entity.name}.{action.name} {describe} {', '.join(op.principals)}",
                action_path(entity, action.name),
                action.loc or entity.loc,
                fix,
            )
