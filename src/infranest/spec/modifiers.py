"""The words of the DSL that are checked by the builder rather than by the grammar."""

from __future__ import annotations

from typing import Literal

TenancyMode = Literal["row", "schema"]
LoadKey = Literal["rps", "peak", "users", "reads"]
DefaultWord = Literal["true", "false", "null", "now", "today", "uuid"]

# Field modifiers: name → the kind of arguments it takes.
#   flag: none; number: one number; int: one whole number; string: one string;
#   word: one name; names: one or more names; duration: one duration like 30d;
#   optional_word: none or one name.
FIELD_MODIFIERS: dict[str, str] = {
    "optional": "flag",
    "unique": "flag",
    "index": "flag",
    "min": "number",
    "max": "number",
    "min_length": "int",
    "max_length": "int",
    "pattern": "string",
    "readonly": "flag",
    "writeonly": "flag",
    "owner": "flag",
    "tenant": "flag",
    "on_delete": "word",
    "pii": "optional_word",
    "retention": "duration",
    "readable": "names",
    "writable": "names",
}

INTEGRATION_ANCHORS: dict[str, str] = {
    "url": "url",
    "timeout": "timeout",
    "retries": "retries",
    "breaker": "circuit_breaker",
    "validate": "validate_response",
    "secret": "secret",
    "used_by": "used_by",
}

ENTITY_KEYWORDS: tuple[str, ...] = (
    "search",
    "filter",
    "sort",
    "paginate",
    "index",
    "unique",
    "timestamps",
    "soft_delete",
    "optimistic_lock",
    "allow",
    "action",
    "limit",
    "retention",
    "cache",
    "rows",
)
PROJECT_KEYWORDS: tuple[str, ...] = (
    "auth",
    "roles",
    "database",
    "target",
    "tenancy",
    "load",
    "growth",
    "version",
    "cors",
)
TOP_KEYWORDS: tuple[str, ...] = ("project", "enum", "entity", "flow", "integration", "model")
FLOW_KEYWORDS: tuple[str, ...] = ("steps", "limit", "idempotent")
INTEGRATION_KEYWORDS: tuple[str, ...] = tuple(INTEGRATION_ANCHORS.values())
MODEL_KEYWORDS: tuple[str, ...] = (
    "task",
    "version",
    "on",
    "feature",
    "prediction",
    "score",
    "labels",
    "segments",
    "monitor",
)
MONITOR_KEYWORDS: tuple[str, ...] = ("window", "reference", "alert", "notify")
BLOCK_KEYWORDS: dict[str, tuple[str, ...]] = {
    "project": PROJECT_KEYWORDS,
    "entity": ENTITY_KEYWORDS,
    "flow": FLOW_KEYWORDS,
    "integration": INTEGRATION_KEYWORDS,
    "model": MODEL_KEYWORDS,
    "monitor": MONITOR_KEYWORDS,
}

# Statements a block takes at most once (others, like roles or search, add up).
SINGLE_STATEMENTS: dict[str, frozenset[str]] = {
    "project": frozenset({"auth", "database", "target", "tenancy", "load", "growth", "version"}),
    "entity": frozenset({"paginate", "retention", "cache", "rows"}),
    "integration": frozenset({"url", "timeout", "retries", "secret"}),
    "model": frozenset({"task", "model_version", "on", "prediction", "score"}),
    "monitor": frozenset({"window", "reference"}),
}
