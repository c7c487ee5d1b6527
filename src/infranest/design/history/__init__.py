"""Spec history and diff: saved versions, classified changes, renames, migration plans
(docs/history.md)."""

from __future__ import annotations

from infranest.design.history.changes import KINDS, Change
from infranest.design.history.diff import SpecDiff, diff
from infranest.design.history.migrate import plan
from infranest.design.history.store import HistoryError, read_version, save, versions

__all__ = [
    "KINDS",
    "Change",
    "HistoryError",
    "SpecDiff",
    "diff",
    "plan",
    "read_version",
    "save",
    "versions",
]
