"""Design stage: audit a spec before code exists, fix what is safe, explain the trade-offs."""

from __future__ import annotations

from infranest.design.audit import AuditReport, audit
from infranest.design.model import Finding, Fix, Rule
from infranest.design.rules import RULES, get_rule

__all__ = ["RULES", "AuditReport", "Finding", "Fix", "Rule", "audit", "get_rule"]
