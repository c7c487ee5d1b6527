"""The shared relational layout (``infranest.generate.tables``): names, columns, constraints,
association tables, creation order and the breaking of foreign-key cycles."""

from __future__ import annotations

from pathlib import Path

import pytest

from infranest.generate.tables import MAX_NAME, Table, constraint_name, tables
from infranest.generate.targets.fastapi.models import SqlColumn, sql_tables
from infranest.spec.loader import load, load_text
from infranest.spec.model import Spec

ROOT = Path(__file__).resolve().parents[2]
RING = """
project ring {
  database postgresql
}
entity Alpha {
  name: string
  beta: Beta
}
entity Beta {
  name: string
  gamma: Gamma
}
entity Gamma {
  name: string
  alpha: Alpha on_delete(restrict)
}
entity Delta {
  name: string
  alpha: Alpha
}
"""


def test_a_ring_of_required_keys_is_broken_once() -> None:
    found, _ = tables(load_text(RING, "ring.nest").spec)
    order = [t.name for t in found]
    deferred = {(t.name, c.name) for t in found for c in t.deferred}
    assert deferred == {("alphas", "beta_id")}
    for table in found:
        for column in table.columns:
            if column.fk is not None and not column.deferred:
                assert order.index(column.fk_table) < order.index(table.name)
    assert order.index("deltas") > order.index("alphas")


def test_restrict_on_a_deferred_key_becomes_no_action() -> None:
    spec = load_text(
        RING.replace("beta: Beta\n", "beta: Beta on_delete(restrict)\n"), "r.nest"
    ).spec
    found, _ = tables(spec)
    alpha = next(t for t in found if t.name == "alphas")
    assert [(c.name, c.ondelete) for c in alpha.deferred] == [("beta_id", None)]
    gamma = next(t for t in found if t.name == "gammas")
    assert [c.ondelete for c in gamma.columns if c.name == "alpha_id"] == ["RESTRICT"]


@pytest.fixture(scope="module")
def saas() -> Spec:
    return load(ROOT / "examples" / "saas_tasks.nest").spec


def _table(found: list[Table], entity: str) -> Table:
    return next(t for t in found if t.entity == entity)


def test_constraint_names_are_cut_to_postgresql_length_and_stay_distinct() -> None:
    assert constraint_name("ix_tasks_project_id") == "ix_tasks_project_id"
    long_a, long_b = "ix_" + "a" * 70, "ix_" + "a" * 69 + "b"
    cut_a, cut_b = constraint_name(long_a), constraint_name(long_b)
    assert len(cut_a) == len(cut_b) == MAX_NAME
    assert cut_a != cut_b
    assert cut_a.startswith("ix_aaa")


def test_columns_keep_their_field_and_the_added_columns_come_last(saas: Spec) -> None:
    found, _ = tables(saas)
    task = _table(found, "Task")
    added = [(c.name, c.nullable) for c in task.columns if c.field is None]
    assert added == [
        ("created_at", False),
        ("updated_at", False),
        ("deleted_at", True),
        ("version", False),
    ]
    assert all(c.field is not None for c in task.columns[: -len(added)])
    project = next(c for c in task.columns if c.name == "project_id")
    assert project.field is not None
    assert project.field.name == "project"
    assert (project.fk, project.ondelete) == ("projects.id", "CASCADE")
    user = _table(found, "User")
    assert user.is_user
    assert [c.name for c in user.columns if c.field is None][:3] == [
        "hashed_password",
        "role",
        "is_active",
    ]


def test_relations_are_indexed_and_composite_uniques_named_by_columns(saas: Spec) -> None:
    task = _table(tables(saas)[0], "Task")
    assert [(u.name, u.columns) for u in task.uniques] == [
        ("uq_tasks_project_id_number", ("project_id", "number"))
    ]
    assert "ix_tasks_project_id_status" in {i.name for i in task.indexes}
    assert task.depends == ("organizations", "projects", "users")


def test_a_self_many_to_many_shares_one_table_seen_from_both_sides(saas: Spec) -> None:
    found, associations = tables(saas)
    link = next(a for a in associations if a.name == "task_blocked_by")
    assert (link.left, link.right) == ("from_task_id", "to_task_id")
    assert link.left_table == link.right_table == "tasks"
    task = _table(found, "Task")
    sides = {m.attr: m for m in task.many if m.table == link.name}
    blocked_by, blocks = sides["blocked_by"], sides["blocks"]
    assert (blocked_by.owner, blocks.owner) == (True, False)
    assert (blocked_by.local_column, blocked_by.remote_column) == ("from_task_id", "to_task_id")
    assert (blocks.local_column, blocks.remote_column) == ("to_task_id", "from_task_id")
    assert blocks.key == "blocks_ids"
    assert [a.name for a in associations] == sorted(a.name for a in associations)


def test_every_table_comes_after_the_tables_it_references(saas: Spec) -> None:
    found, _ = tables(saas)
    order = [t.name for t in found]
    for table in found:
        assert all(order.index(dep) < order.index(table.name) for dep in table.depends)


def test_fastapi_keeps_the_layout_and_adds_sqlalchemy_types(saas: Spec) -> None:
    shared, shared_links = tables(saas)
    sql, sql_links = sql_tables(saas)
    assert sql_links == shared_links
    for plain, typed in zip(shared, sql, strict=True):
        assert typed.name == plain.name
        assert [c.name for c in typed.columns] == [c.name for c in plain.columns]
        assert all(isinstance(c, SqlColumn) for c in typed.columns)
    task = _table(sql, "Task")
    by_name = {c.name: c for c in task.columns if isinstance(c, SqlColumn)}
    assert by_name["project_id"].sa_type == "ID_TYPE"
    assert by_name["title"].sa_type == "sa.String(200)"
    assert (by_name["updated_at"].default, by_name["updated_at"].onupdate) == ("utcnow", "utcnow")
    assert by_name["version"].default == "1"
