"""The FastAPI target breaks required cycles of foreign keys: the closing key is added after
the tables and checked at commit, and the test factories make both rows in one transaction.
The order and the deferred keys themselves: tests/generate/test_tables.py."""

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
    return render(load(SAKILA).spec, load_target("fastapi"))


def _migration(files: Files) -> str:
    return next(text for path, text in files.items() if path.startswith("alembic/versions/"))


def _function(source: str, name: str) -> str:
    tree = ast.parse(source)
    found = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    return ast.get_source_segment(source, found) or ""


def test_sakila_migration_adds_the_closing_key_after_both_tables(sakila: Files) -> None:
    upgrade = _function(_migration(sakila), "upgrade")
    staff = upgrade.index('op.create_table(\n        "staff"')
    stores = upgrade.index('op.create_table(\n        "stores"')
    staff_table = upgrade[staff:stores]
    assert '["stores.id"]' not in staff_table
    assert staff < stores < upgrade.index('batch.create_foreign_key(\n            "fk_staff_store_')
    closing = upgrade[upgrade.index('op.batch_alter_table("staff")') :]
    assert 'deferrable=True,\n            initially="DEFERRED"' in closing


def test_sakila_downgrade_drops_the_closing_key_first(sakila: Files) -> None:
    downgrade = _function(_migration(sakila), "downgrade")
    dropped = downgrade.index('batch.drop_constraint("fk_staff_store_id_stores"')
    assert dropped < downgrade.index('op.drop_table("stores")')
    assert dropped < downgrade.index('op.drop_table("staff")')


def test_sakila_model_declares_the_closing_key(sakila: Files) -> None:
    staff = sakila["app/models/staff.py"]
    key = staff[staff.index('sa.ForeignKey(\n            "stores.id"') :]
    key = key[: key.index(")")]
    assert "use_alter=True" in key
    assert "deferrable=True" in key
    assert 'initially="DEFERRED"' in key
    assert "use_alter" not in sakila["app/models/store.py"]


def test_sakila_factories_make_the_cycle_in_one_transaction(sakila: Files) -> None:
    factories = sakila["tests/factories.py"]
    store = _function(factories, "make_store")
    assert 'values.setdefault("id", reserved_id(db, Store))' in store
    assert 'make_staff(db, owner_id, store_id=values["id"])' in store
    assert store.index("make_address(") < store.index("with held(db):")
    staff = _function(factories, "make_staff")
    assert "reserved_id" not in staff
    assert "held" not in staff
    assert 'values["store_id"] = make_store(db, owner_id).id' in staff
    stored = _function(factories, "_store")
    assert stored.index('db.info.get("held")') < stored.index("db.commit()")


def test_sakila_store_delete_expects_the_partner_to_refuse(sakila: Files) -> None:
    stores = _function(sakila["tests/test_stores.py"], "test_delete")
    assert "status_code == 409" in stores
    staff = _function(sakila["tests/test_staff.py"], "test_delete")
    assert "status_code == 204" in staff


def test_without_a_cycle_the_factories_have_no_cycle_helpers() -> None:
    files = render(load(ROOT / "examples" / "shop.nest").spec, load_target("fastapi"))
    assert "def held(" not in files["tests/factories.py"]
    assert "batch_alter_table" not in _migration(files)
