"""Endpoint-level changes read from the API shapes: endpoints, access, limits, idempotency."""

from __future__ import annotations

from infranest.design.history.changes import Change, make
from infranest.spec.diagnostics import SpecError
from infranest.spec.exporters.api_shape import api_shape
from infranest.spec.exporters.api_types import Operation
from infranest.spec.model import RateLimit, Spec


def _operations(spec: Spec) -> dict[tuple[str, str], Operation] | None:
    try:
        shape = api_shape(spec)
    except SpecError:
        return None
    return {(op.method.upper(), op.path): op for op in shape.operations}


def _limit(limit: RateLimit) -> str:
    return f"{limit.count}/{limit.period} per {limit.scope}"


def _narrowed(before: tuple[str, ...], after: tuple[str, ...]) -> bool:
    """Whether some caller allowed before is refused now (``anyone`` allows everyone;
    ``authenticated`` every signed-in caller)."""
    if "anyone" in after:
        return False
    if "anyone" in before:
        return True
    if "authenticated" in after:
        return False
    return not set(before) <= set(after)


def api_changes(old: Spec, new: Spec, *, skip: frozenset[str]) -> list[Change]:
    """Changes of the endpoints both specs serve, and endpoints added or removed, except
    those of the entities in ``skip`` (reported as entity changes)."""
    before, after = _operations(old), _operations(new)
    if before is None or after is None:
        return []
    out: list[Change] = []
    for key, op in after.items():
        if key not in before and op.entity not in skip:
            out.append(_endpoint("endpoint-added", key, op))
    for key, op in before.items():
        if key not in after and op.entity not in skip:
            out.append(_endpoint("endpoint-removed", key, op))
    for key, op in after.items():
        was = before.get(key)
        if was is not None:
            out += _operation(key, was, op)
    return out


def _endpoint(kind: str, key: tuple[str, str], op: Operation) -> Change:
    where = f"{key[0]} {key[1]}"
    verb = kind.removeprefix("endpoint-")
    return make(kind, where, f"{where} ({op.operation_id}) {verb}", entity=op.entity)


def _operation(key: tuple[str, str], old: Operation, new: Operation) -> list[Change]:
    where = f"{key[0]} {key[1]}"
    out: list[Change] = []
    if set(old.principals) != set(new.principals):
        kind = "access-narrowed" if _narrowed(old.principals, new.principals) else "access-widened"
        out.append(
            make(
                kind,
                where,
                f"{where}: callers {', '.join(old.principals)} → {', '.join(new.principals)}",
                entity=new.entity,
                old=old.principals,
                new=new.principals,
            )
        )
    was = {_limit(x) for x in old.limits}
    now = {_limit(x) for x in new.limits}
    for text in sorted(now - was):
        out.append(make("limit-added", where, f"{where}: limit {text} added", entity=new.entity))
    for text in sorted(was - now):
        out.append(
            make("limit-removed", where, f"{where}: limit {text} removed", entity=new.entity)
        )
    if old.idempotent != new.idempotent:
        kind = "idempotency-added" if new.idempotent else "idempotency-removed"
        out.append(
            make(kind, where, f"{where}: Idempotency-Key {kind.split('-')[1]}", entity=new.entity)
        )
    return out
