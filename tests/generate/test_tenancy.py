"""Tenancy rules shared by the Express and Fiber targets (``infranest.generate.tenancy``)."""

from __future__ import annotations

from pathlib import Path

from infranest.generate import tenancy
from infranest.spec.exporters.api_shape import api_shape
from infranest.spec.loader import load, load_text

ROOT = Path(__file__).resolve().parents[2]
TEAMS = """
project teams {
  auth jwt
  tenancy Team
}
entity Team {
  name: string
  creator: User owner
}
entity Note {
  team: Team tenant
  author: User owner
  body: text
}
"""


def test_with_memberships_only_they_and_owned_tenants_count() -> None:
    spec = load(ROOT / "examples" / "saas_tasks.nest").spec
    found = tenancy.sources(spec)
    assert [(s.table, s.tenant, s.owner) for s in found] == [
        ("organizations", "id", "created_by_id"),
        ("memberships", "organization_id", "member_id"),
    ]
    assert tenancy.owned_tenant(spec)
    membership, task = spec.entity("Membership"), spec.entity("Task")
    assert membership is not None
    assert task is not None
    assert tenancy.is_membership(membership)
    assert not tenancy.is_membership(task)
    assert tenancy.tenant_column(spec, task) == "organization_id"


def test_without_memberships_every_owned_tenant_row_counts() -> None:
    loaded = load_text(TEAMS, "teams.nest")
    assert not [d for d in loaded.diagnostics if d.level == "error"]
    spec = loaded.spec
    found = tenancy.sources(spec)
    assert [(s.table, s.tenant, s.owner) for s in found] == [
        ("teams", "id", "creator_id"),
        ("notes", "team_id", "author_id"),
    ]


def test_without_tenancy_there_are_no_sources_nor_tenant_columns() -> None:
    text = TEAMS.replace("  tenancy Team\n", "").replace("team: Team tenant", "team: Team")
    loaded = load_text(text, "teams.nest")
    assert not [d for d in loaded.diagnostics if d.level == "error"]
    spec = loaded.spec
    assert tenancy.sources(spec) == ()
    assert not tenancy.owned_tenant(spec)
    note = spec.entity("Note")
    assert note is not None
    assert tenancy.tenant_column(spec, note) is None


def test_body_relations_to_tenant_scoped_rows_are_parents() -> None:
    spec = load(ROOT / "examples" / "saas_tasks.nest").spec
    shape = api_shape(spec)
    tasks = next(r for r in shape.resources if r.entity == "Task")
    parents = tenancy.parents(spec, tasks)
    assert [(p.key, p.table, p.tenant, p.target) for p in parents] == [
        ("parent_id", "tasks", "organization_id", "Task"),
        ("project_id", "projects", "organization_id", "Project"),
    ]
    organizations = next(r for r in shape.resources if r.entity == "Organization")
    assert tenancy.parents(spec, organizations) == ()
