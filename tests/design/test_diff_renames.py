"""Renames are one change, not a drop and an add; migration plans for each target."""

from __future__ import annotations

import pytest
from design_support import HEADER, spec_of

from infranest.design.history.diff import diff
from infranest.design.history.migrate import Step, plan

SHOP = """
enum Colour { red, green, blue }

entity Customer {
  name: string(80)
  allow all: admin
}

entity Order {
  customer: Customer on_delete(cascade)
  total: decimal(10,2) min(0)
  colour: Colour = red
  note: text optional
  filter customer
  allow all: admin
}
"""


def _kinds(old: str, new: str) -> list[str]:
    return [c.kind for c in diff(spec_of(old), spec_of(new)).changes]


def test_entity_rename_follows_its_references() -> None:
    renamed = SHOP.replace("Customer", "Client")
    result = diff(spec_of(SHOP), spec_of(renamed))
    assert result.renames.entities == {"Customer": "Client"}
    assert [c.kind for c in result.changes] == ["entity-renamed"]
    assert result.changes[0].api == "breaking"
    assert result.changes[0].db == "safe"


def test_field_rename_updates_clauses() -> None:
    renamed = SHOP.replace("customer: Customer", "buyer: Customer").replace(
        "filter customer", "filter buyer"
    )
    result = diff(spec_of(SHOP), spec_of(renamed))
    assert result.renames.fields == {("Order", "customer"): "buyer"}
    assert [c.kind for c in result.changes] == ["field-renamed"]


def test_a_field_with_other_constraints_is_not_a_rename() -> None:
    changed = SHOP.replace("  note: text optional", "  memo: text")
    kinds = _kinds(SHOP, changed)
    assert "field-renamed" not in kinds
    assert {"field-added-required", "field-removed"} <= set(kinds)


def test_ambiguous_renames_pair_by_spelling() -> None:
    old = SHOP.replace("  note: text optional", "  note: text optional\n  notes: text optional")
    new = SHOP.replace(
        "  note: text optional", "  note_text: text optional\n  notes_text: text optional"
    )
    result = diff(spec_of(old), spec_of(new))
    assert result.renames.fields == {
        ("Order", "note"): "note_text",
        ("Order", "notes"): "notes_text",
    }


def test_enum_and_member_renames() -> None:
    renamed = SHOP.replace("Colour", "Hue")
    assert _kinds(SHOP, renamed) == ["enum-renamed"]
    member = SHOP.replace("red, green, blue", "crimson, green, blue").replace("= red", "= crimson")
    result = diff(spec_of(SHOP), spec_of(member))
    assert [c.kind for c in result.changes] == ["enum-member-renamed"]
    reordered = SHOP.replace("red, green, blue", "green, red, blue")
    assert "enum-member-renamed" not in _kinds(SHOP, reordered)


@pytest.fixture
def evolved() -> tuple[str, str]:
    new = (
        SHOP.replace("customer: Customer", "buyer: Customer")
        .replace("filter customer", "filter buyer")
        .replace("  note: text optional", "  note: text")
        .replace("  total: decimal(10,2) min(0)\n", "")
        .replace(
            "  allow all: admin\n}\n\nentity Order",
            "  allow all: admin\n  timestamps\n}\n\nentity Order",
        )
    )
    return SHOP, new


def test_alembic_plan(evolved: tuple[str, str]) -> None:
    result = diff(spec_of(evolved[0]), spec_of(evolved[1]))
    steps = plan(result, "fastapi")
    codes = [s.code for s in steps]
    assert 'op.alter_column("orders", "customer_id", new_column_name="buyer_id")' in codes
    assert 'op.drop_column("orders", "total")' in codes
    assert 'op.alter_column("orders", "note", nullable=False)' in codes
    backfill = next(s for s in steps if s.code.startswith('op.execute("UPDATE orders SET note'))
    assert backfill.warning is not None
    assert "backfill" in backfill.warning
    assert codes.index(backfill.code) < codes.index(
        'op.alter_column("orders", "note", nullable=False)'
    )
    assert any(c.startswith('op.add_column("customers", sa.Column("created_at"') for c in codes)
    dropped = next(s for s in steps if s.code == 'op.drop_column("orders", "total")')
    assert dropped.warning is not None


def test_django_plan(evolved: tuple[str, str]) -> None:
    result = diff(spec_of(evolved[0]), spec_of(evolved[1]))
    codes = [s.code for s in plan(result, "django")]
    assert 'migrations.RenameField(model_name="order", old_name="customer", new_name="buyer")' in (
        codes
    )
    assert 'migrations.RemoveField(model_name="order", name="total")' in codes
    assert "migrations.RunPython(backfill_order_note)" in codes
    assert 'migrations.AddField(model_name="customer", name="created_at", field=...)' in codes


def test_sql_plan_uses_the_spec_database(evolved: tuple[str, str]) -> None:
    result = diff(spec_of(evolved[0]), spec_of(evolved[1]))
    codes = [s.code for s in plan(result, "sql")]
    assert "ALTER TABLE orders RENAME COLUMN customer_id TO buyer_id;" in codes
    assert "ALTER TABLE orders DROP COLUMN total;" in codes
    assert "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;" in codes
    mysql = HEADER.replace("database postgresql", "database mysql")
    old, new = spec_of(mysql + evolved[0]), spec_of(mysql + evolved[1])
    timestamps = [s.code for s in plan(diff(old, new), "sql") if "created_at" in s.code]
    assert timestamps == [
        "ALTER TABLE customers ADD COLUMN created_at TIMESTAMP NOT NULL "
        "DEFAULT CURRENT_TIMESTAMP();"
    ]


def test_unknown_plan_target() -> None:
    result = diff(spec_of(SHOP), spec_of(SHOP))
    with pytest.raises(ValueError, match="valid: fastapi, django, sql"):
        plan(result, "rails")


def test_an_added_entity_gets_its_table_in_every_plan() -> None:
    added = SHOP + "\nentity Bin {\n  size: int\n  label: string(20) optional\n}\n"
    result = diff(spec_of(SHOP), spec_of(added))
    assert plan(result, "sql") == [
        Step(
            "CREATE TABLE bins (id BIGINT PRIMARY KEY, size INT NOT NULL, label VARCHAR(20));",
            "entity-added",
        )
    ]
    (alembic,) = plan(result, "fastapi")
    assert alembic.code.startswith('op.create_table("bins", sa.Column("id", ID_TYPE')
    assert 'sa.Column("label", sa.String(20), nullable=True)' in alembic.code
    (django,) = plan(result, "django")
    assert '("size", models.IntegerField())' in django.code
