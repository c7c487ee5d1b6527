"""The ``rule`` decorator: each rule module declares its rules with it."""

from __future__ import annotations

from collections.abc import Callable

from infranest.design.model import Category, Check, Rule
from infranest.spec.model import Severity

REGISTERED: list[Rule] = []


def rule(
    id: str,
    title: str,
    *,
    severity: Severity,
    category: Category,
    why: str,
    fix: str,
    owasp: tuple[str, ...] = (),
    cwe: tuple[int, ...] = (),
    story: str = "",
    ignore: str = "",
    cost: str = "",
    fixable: bool = False,
) -> Callable[[Check], Check]:
    """Register the decorated check as rule ``id``."""

    def register(check: Check) -> Check:
        if any(r.id == id for r in REGISTERED):
            raise ValueError(f"duplicate rule id {id}")
        REGISTERED.append(
            Rule(
                id=id,
                title=title,
                severity=severity,
                category=category,
                why=" ".join(why.split()),
                fix=" ".join(fix.split()),
                check_fn=check,
                owasp=owasp,
                cwe=cwe,
                story=" ".join(story.split()),
                ignore=" ".join(ignore.split()),
                cost=" ".join(cost.split()),
                fixable=fixable,
            )
        )
        return check

    return register
