"""The Django target with a required cycle of foreign keys (sakila's Store <-> Staff): the
migration adds every relation after the tables, and one side's factory reserves an id."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from infranest.generate import render
from infranest.generate.target import Files, load_target
from infranest.spec.loader import load

ROOT = Path(__file__).resolve().parents[2]
SAKILA = ROOT.parent / "shared" / "corpus" / "sql" / "sakila-postgres-schema.sql"


@pytest.fixture(scope="module")
def sakila() -> Files:
    if not SAKILA.exists():
        pytest.skip(f"{SAKILA} is not in this checkout")
    return render(load(SAKILA).spec, load_target("django"))


def _function(source: str, name: str) -> str:
    tree = ast.parse(source)
    found = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    return ast.get_source_segment(source, found) or ""


def test_relations_are_added_after_every_table(sakila: Files) -> None:
    migration = sakila["api/migrations/0001_initial.py"]
    last_table = migration.rindex("migrations.CreateModel(")
    for field in ('name="manager_staff"', 'name="store"'):
        assert migration.index(field) > last_table


def test_only_the_later_entity_reserves_an_id(sakila: Files) -> None:
    factories = sakila["tests/factories.py"]
    store = _function(factories, "make_store")
    assert 'values.setdefault("id", reserved_id(models.Store))' in store
    assert 'make_staff(store_id=values["id"])' in store
    staff = _function(factories, "make_staff")
    assert "reserved_id" not in staff
    assert 'values["store"] = make_store()' in staff


def test_only_the_reserving_side_may_be_refused_a_delete(sakila: Files) -> None:
    suite = sakila["tests/test_resources.py"]
    resources = suite[suite.index("RESOURCES: dict") :]
    store = resources[resources.index('"store": {') :]
    staff = resources[resources.index('"staff": {') :]
    assert '"cyclic": True' in store[: store.index("\n    },")]
    assert '"cyclic": False' in staff[: staff.index("\n    },")]
