"""The example specs: valid, canonical, lossless in every form, and together a tour of the
whole language, so that coverage of the language cannot silently shrink."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml

from infranest.spec import interchange
from infranest.spec.diagnostics import SpecError
from infranest.spec.formatter import format_spec
from infranest.spec.loader import load
from infranest.spec.model import (
    OPERATIONS,
    PRINCIPALS,
    ActionScope,
    AuthMethod,
    Backoff,
    Cardinality,
    Comparator,
    Database,
    DefaultKind,
    Entity,
    FieldDef,
    FieldType,
    GrowthPeriod,
    HttpMethod,
    LimitScope,
    MLTask,
    Notifier,
    OnDelete,
    PaginationStyle,
    Period,
    PiiCategory,
    RateLimit,
    Severity,
    Spec,
    Target,
)
from infranest.spec.modifiers import (
    ENTITY_KEYWORDS,
    FIELD_MODIFIERS,
    INTEGRATION_KEYWORDS,
    MODEL_KEYWORDS,
    MONITOR_KEYWORDS,
    PROJECT_KEYWORDS,
    TenancyMode,
)
from infranest.spec.parser import parse

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.nest"))
BROKEN = ROOT / "examples" / "errors" / "broken.nest"
# The mistakes in broken.nest, in line order: each stands on a line with a trailing comment.
BROKEN_CODES = [
    "unknown-type",
    "unknown-modifier",
    "unknown-statement",
    "unknown-rate-period",
    "missing-colon",
    "unclosed-block",
]
# Warnings an example may keep, with the reason; none today.
ALLOWED_WARNINGS: dict[str, set[str]] = {}

# What a field declares, per field modifier (the default, `= value`, is checked apart).
MODIFIER_USED: dict[str, Callable[[FieldDef], bool]] = {
    "optional": lambda f: f.optional,
    "unique": lambda f: f.unique,
    "index": lambda f: f.index,
    "min": lambda f: f.min is not None,
    "max": lambda f: f.max is not None,
    "min_length": lambda f: f.min_length is not None,
    "max_length": lambda f: f.max_length is not None,
    "pattern": lambda f: f.pattern is not None,
    "readonly": lambda f: f.readonly,
    "writeonly": lambda f: f.writeonly,
    "owner": lambda f: f.owner,
    "tenant": lambda f: f.tenant,
    "on_delete": lambda f: f.on_delete is not None,
    "pii": lambda f: f.pii is not None,
    "retention": lambda f: f.retention is not None,
    "readable": lambda f: f.access is not None and bool(f.access.read),
    "writable": lambda f: f.access is not None and bool(f.access.write),
}
# What an entity declares, per entity statement keyword.
STATEMENT_USED: dict[str, Callable[[Entity], bool]] = {
    "search": lambda e: bool(e.search),
    "filter": lambda e: bool(e.filter),
    "sort": lambda e: bool(e.sort),
    "paginate": lambda e: e.pagination is not None,
    "index": lambda e: any(not i.unique for i in e.indexes),
    "unique": lambda e: any(i.unique for i in e.indexes),
    "timestamps": lambda e: e.timestamps,
    "soft_delete": lambda e: e.soft_delete,
    "optimistic_lock": lambda e: e.optimistic_lock,
    "allow": lambda e: bool(e.access),
    "action": lambda e: bool(e.actions),
    "limit": lambda e: bool(e.limits),
    "retention": lambda e: e.retention is not None,
    "cache": lambda e: e.cache is not None,
    "rows": lambda e: e.rows is not None,
}
# Values of the language the examples leave out on purpose, and why.
NOT_IN_EXAMPLES: dict[str, set[str]] = {
    # The validator rejects set_default: a relation cannot declare the default it needs.
    "on_delete": {"set_default"},
    # `auth none` has no users, owners or roles: no realistic example backend uses it.
    "auth": {"none"},
    # Without retries a backoff never applies; `none` is only ever the absence of one.
    "backoff": {"none"},
    # Alert thresholds are compared as bounds; equality on a float metric is not realistic.
    "comparator": {"==", "!="},
    # The canonical form prints a page size even for `paginate none`; shown in docs/dsl.md.
    "pagination": {"none"},
}


def values(literal: Any) -> set[str]:
    return {str(v) for v in get_args(literal)}


@cache
def spec_of(path: Path) -> Spec:
    return parse(path.read_text(encoding="utf-8"), str(path))


def all_specs() -> list[Spec]:
    return [spec_of(p) for p in EXAMPLES]


def declared_entities() -> list[Entity]:
    return [e for s in all_specs() for e in s.entities if not e.builtin]


def all_fields() -> list[FieldDef]:
    return [f for e in declared_entities() for f in e.fields]


def all_limits() -> list[RateLimit]:
    limits: list[RateLimit] = []
    for spec in all_specs():
        limits += [lim for fl in spec.flows for lim in fl.limits]
        for e in spec.entities:
            limits += list(e.limits) + [a.limit for a in e.actions if a.limit is not None]
    return limits


def expected(kind: str, literal: Iterable[str]) -> set[str]:
    return set(literal) - NOT_IN_EXAMPLES.get(kind, set())


# ---- each example -------------------------------------------------------------------------


def test_there_are_at_least_ten_examples() -> None:
    assert len(EXAMPLES) >= 10, [p.name for p in EXAMPLES]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_is_valid(path: Path) -> None:
    loaded = load(path)
    allowed = ALLOWED_WARNINGS.get(path.name, set())
    found = [d for d in loaded.diagnostics if d.is_error or d.code not in allowed]
    assert not found, "\n".join(d.render(loaded.source) for d in found)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_is_canonical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert format_spec(spec_of(path)) == text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_round_trips_through_text(path: Path) -> None:
    spec = spec_of(path)
    assert parse(format_spec(spec), str(path)) == spec


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_round_trips_through_json_and_yaml(path: Path) -> None:
    spec = spec_of(path)
    from_json = interchange.from_data(json.loads(interchange.to_json(spec)))
    from_yaml = interchange.from_data(yaml.safe_load(interchange.to_yaml(spec)))
    assert from_json == spec
    assert from_yaml == spec
    # Comments travel with the data, so the text comes back as it was.
    assert format_spec(from_json) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_keeps_its_comments(path: Path) -> None:
    spec = spec_of(path)
    comments = [*spec.comments, *spec.project.comments]
    comments += [c for e in spec.entities for c in e.comments]
    comments += [c for m in spec.models for c in m.comments]
    assert any(not c.trailing for c in comments)
    assert any(c.trailing for c in comments)


# ---- the broken example -------------------------------------------------------------------


def test_broken_example_reports_every_mistake_at_once() -> None:
    with pytest.raises(SpecError) as caught:
        load(BROKEN)
    found = caught.value.diagnostics
    assert [d.code for d in found] == BROKEN_CODES, caught.value.render()
    assert all(d.is_error and d.loc is not None and d.hint for d in found)
    lines = BROKEN.read_text(encoding="utf-8").split("\n")
    marked = [n for n, line in enumerate(lines, start=1) if "  # " in line]
    assert [d.loc.line for d in found if d.loc is not None] == marked


# ---- together, the examples use the whole language ----------------------------------------


def test_the_tables_name_every_modifier_and_statement() -> None:
    assert set(MODIFIER_USED) == set(FIELD_MODIFIERS)
    assert set(STATEMENT_USED) == set(ENTITY_KEYWORDS)


def test_examples_use_every_field_type() -> None:
    used = {f.type for f in all_fields()}
    assert values(FieldType) - used == set()
    assert any(f.type == "string" and f.length for f in all_fields())
    assert any(f.type == "decimal" and f.scale is not None for f in all_fields())


def test_examples_use_every_field_modifier_and_default_kind() -> None:
    fields = all_fields()
    unused = {name for name, used in MODIFIER_USED.items() if not any(map(used, fields))}
    assert unused == set()
    kinds = {f.default.kind for f in fields if f.default is not None}
    assert values(DefaultKind) - kinds == set()
    assert values(PiiCategory) - {f.pii for f in fields if f.pii} == set()
    on_delete = {f.on_delete for f in fields if f.on_delete}
    assert expected("on_delete", values(OnDelete)) - on_delete == set()


def test_examples_use_every_relation_kind_and_self_references() -> None:
    kinds = {(f.cardinality, f.via is not None) for f in all_fields() if f.cardinality is not None}
    wanted = {
        ("many_to_one", False),
        ("one_to_one", False),
        ("one_to_one", True),
        ("one_to_many", True),
        ("many_to_many", False),
        ("many_to_many", True),
    }
    assert {c for c, _ in wanted} == values(Cardinality)
    assert wanted - kinds == set()
    self_kinds = {
        f.cardinality for e in declared_entities() for f in e.fields if f.target == e.name
    }
    assert {"many_to_one", "one_to_many", "many_to_many"} <= self_kinds


def test_examples_use_every_entity_statement() -> None:
    entities = declared_entities()
    unused = {name for name, used in STATEMENT_USED.items() if not any(map(used, entities))}
    assert unused == set()
    styles = {e.pagination.style for e in entities if e.pagination is not None}
    assert expected("pagination", values(PaginationStyle)) - styles == set()


def test_examples_use_every_access_word_and_action_shape() -> None:
    entities = declared_entities()
    principals = {p for e in entities for r in e.access for p in r.principals}
    operations = {o for e in entities for r in e.access for o in r.operations}
    assert set(PRINCIPALS) - principals == set()
    assert set(OPERATIONS) - operations == set()
    actions = [a for e in entities for a in e.actions]
    assert values(HttpMethod) - {a.method for a in actions} == set()
    assert values(ActionScope) - {a.scope for a in actions} == set()
    assert any(a.idempotent for a in actions)
    assert any(a.allow and a.limit for a in actions)
    assert any(f.access is not None for f in all_fields())


def test_examples_use_every_rate_limit_shape() -> None:
    limits = all_limits()
    assert values(Period) - {lim.period for lim in limits} == set()
    assert values(LimitScope) - {lim.scope for lim in limits} == set()
    assert any(lim.operations for lim in limits)


def test_examples_use_every_project_setting() -> None:
    projects = [s.project for s in all_specs()]
    used = {
        "auth": bool,
        "roles": lambda p: bool(p.roles),
        "database": bool,
        "target": lambda p: p.target is not None,
        "tenancy": lambda p: p.tenancy is not None,
        "load": lambda p: p.load is not None,
        "growth": lambda p: p.growth is not None,
        "version": lambda p: p.version is not None,
        "cors": lambda p: bool(p.cors),
    }
    assert set(used) == set(PROJECT_KEYWORDS)
    assert {k for k, test in used.items() if not any(map(test, projects))} == set()
    methods = {m for p in projects for m in p.auth.methods}
    assert expected("auth", values(AuthMethod)) - methods == set()
    assert any(p.auth.providers for p in projects)
    assert values(Database) - {p.database for p in projects} == set()
    assert values(Target) - {p.target for p in projects if p.target} == set()
    assert values(TenancyMode) - {p.tenancy.mode for p in projects if p.tenancy} == set()
    assert values(GrowthPeriod) - {p.growth.period for p in projects if p.growth} == set()
    loads = [p.load for p in projects if p.load is not None]
    assert any(ld.rps and ld.peak_rps and ld.users and ld.read_ratio for ld in loads)


def test_examples_use_enums_both_ways_and_declare_a_user() -> None:
    enums = [e for s in all_specs() for e in s.enums]
    assert any(v.label for e in enums for v in e.values)
    assert any(e.comments for e in enums)  # printed one value per line
    assert any(not e.comments for e in enums)  # printed on one line
    users = [e for s in all_specs() for e in s.entities if e.name == "User"]
    assert any(u.builtin for u in users)
    assert any(not u.builtin for u in users)


def test_examples_use_flows_integrations_and_models_fully() -> None:
    specs = all_specs()
    flows = [f for s in specs for f in s.flows]
    assert any(f.steps and f.limits and f.idempotent for f in flows)
    integrations = [i for s in specs for i in s.integrations]
    integration_used = {
        "url": lambda i: i.url is not None,
        "timeout": lambda i: i.timeout is not None,
        "retries": lambda i: i.retries is not None,
        "circuit_breaker": lambda i: i.circuit_breaker,
        "validate_response": lambda i: i.validate_response,
        "secret": lambda i: i.secret is not None,
        "used_by": lambda i: bool(i.used_by),
    }
    assert set(integration_used) == set(INTEGRATION_KEYWORDS)
    assert {k for k, t in integration_used.items() if not any(map(t, integrations))} == set()
    backoffs = {i.backoff for i in integrations if i.backoff}
    assert expected("backoff", values(Backoff)) - backoffs == set()
    models = [m for s in specs for m in s.models]
    model_used = {
        "task": bool,
        "version": lambda m: m.version is not None,
        "on": lambda m: m.entity is not None,
        "feature": lambda m: bool(m.features),
        "prediction": lambda m: m.prediction is not None,
        "score": lambda m: m.score is not None,
        "labels": lambda m: m.labels,
        "segments": lambda m: bool(m.segments),
        "monitor": lambda m: m.monitor is not None,
    }
    assert set(model_used) == set(MODEL_KEYWORDS)
    assert {k for k, t in model_used.items() if not any(map(t, models))} == set()
    assert values(MLTask) - {m.task for m in models} == set()
    monitors = [m.monitor for m in models if m.monitor is not None]
    assert set(MONITOR_KEYWORDS) == {"window", "reference", "alert", "notify"}
    assert all(p.window and p.reference is not None and p.alerts and p.notify for p in monitors)
    alerts = [a for p in monitors for a in p.alerts]
    assert values(Severity) - {a.severity for a in alerts} == set()
    assert expected("comparator", values(Comparator)) - {a.op for a in alerts} == set()
    assert values(Notifier) - {n.kind for p in monitors for n in p.notify} == set()
