"""Every audit rule, one module per concern; :data:`RULES` is the catalogue in id order."""

from __future__ import annotations

from infranest.design.model import Rule
from infranest.design.rules import (  # noqa: F401  (importing a module registers its rules)
    abuse,
    authn,
    authz,
    exposure,
    flows,
    integrations,
    patterns,
    performance,
    privacy,
)
from infranest.design.rules.registry import REGISTERED

_ORDER = {"SEC": 0, "PRIV": 1, "PERF": 2, "DES": 3}


def _key(rule: Rule) -> tuple[int, str]:
    prefix = rule.id.rstrip("0123456789")
    return (_ORDER.get(prefix, 9), rule.id)


RULES: tuple[Rule, ...] = tuple(sorted(REGISTERED, key=_key))
BY_ID: dict[str, Rule] = {r.id: r for r in RULES}


def get_rule(rule_id: str) -> Rule | None:
    """The rule with this id (case-insensitive)."""
    return BY_ID.get(rule_id.upper())
