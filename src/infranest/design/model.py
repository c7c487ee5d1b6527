"""Audit rules and their findings as values.

A :class:`Rule` is metadata (what it checks, why, how to fix it, how it maps to the OWASP
API Security Top 10 2023 and CWE) plus a ``check`` that reads a :class:`Context` and yields
:class:`Hit` values; :meth:`Rule.run` turns them into :class:`Finding` values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from infranest.spec.builtins import finalize
from infranest.spec.diagnostics import SpecError
from infranest.spec.exporters.api_shape import api_shape
from infranest.spec.exporters.api_types import ApiShape
from infranest.spec.model import Loc, Severity, Spec

Category = Literal["security", "privacy", "performance", "design"]
CATEGORIES: tuple[Category, ...] = ("security", "privacy", "performance", "design")
SEVERITIES: tuple[Severity, ...] = ("low", "medium", "high", "critical")
OWASP_ITEMS: dict[str, str] = {
    "API1": "Broken Object Level Authorization",
    "API2": "Broken Authentication",
    "API3": "Broken Object Property Level Authorization",
    "API4": "Unrestricted Resource Consumption",
    "API5": "Broken Function Level Authorization",
    "API6": "Unrestricted Access to Sensitive Business Flows",
    "API7": "Server Side Request Forgery",
    "API8": "Security Misconfiguration",
    "API9": "Improper Inventory Management",
    "API10": "Unsafe Consumption of APIs",
}


def severity_rank(severity: Severity) -> int:
    """0 for low up to 3 for critical."""
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Fix:
    """A safe, mechanical change to the spec that removes one finding."""

    description: str
    apply: Callable[[Spec], Spec]


@dataclass(frozen=True)
class Hit:
    """What a rule's check reports: a message, where, and maybe a fix."""

    message: str
    path: str
    loc: Loc | None = None
    fix: Fix | None = None


@dataclass(frozen=True)
class Finding:
    """One weakness found in a spec by one rule."""

    rule_id: str
    severity: Severity
    message: str
    path: str
    loc: Loc | None = None
    fix: Fix | None = None

    def where(self, file: str | None = None) -> str:
        if self.loc is not None:
            return str(self.loc)
        return f"{file or '<spec>'}: {self.path}"


class Context:
    """What every check reads: the finalized spec and the API a service would serve."""

    def __init__(self, spec: Spec, shape: ApiShape | None = None) -> None:
        self.spec = finalize(spec)
        self.shape = shape if shape is not None else shape_of(self.spec)

    @property
    def auth(self) -> bool:
        return self.spec.project.auth.enabled


def shape_of(spec: Spec) -> ApiShape | None:
    """The API shape of ``spec``, or None when the spec cannot be served at all."""
    try:
        return api_shape(spec)
    except SpecError:
        return None


Check = Callable[[Context], Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
    """An audit rule: stable ``id``, metadata for the catalogue and the tutor, and a check.

    ``story`` tells what goes wrong, ``ignore`` when it is acceptable to leave, ``cost``
    what the fix costs; ``explain`` prints them.
    """

    id: str
    title: str
    severity: Severity
    category: Category
    why: str
    fix: str
    check_fn: Check
    owasp: tuple[str, ...] = ()
    cwe: tuple[int, ...] = ()
    story: str = ""
    ignore: str = ""
    cost: str = ""
    fixable: bool = False
    tags: tuple[str, ...] = field(default=())

    def check(self, spec: Spec, shape: ApiShape | None = None) -> list[Finding]:
        """Every finding of this rule on ``spec``."""
        return self.run(Context(spec, shape))

    def run(self, ctx: Context) -> list[Finding]:
        return [
            Finding(self.id, self.severity, h.message, h.path, h.loc, h.fix)
            for h in self.check_fn(ctx)
        ]

    @property
    def mapping(self) -> str:
        """``API1, CWE-639`` style."""
        parts = [f"{o}:2023" for o in self.owasp] + [f"CWE-{c}" for c in self.cwe]
        return ", ".join(parts) or "-"
