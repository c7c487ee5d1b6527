"""Table-driven: one edit of a base spec per change kind, and its classification."""

from __future__ import annotations

import pytest

from infranest.design.history.changes import KINDS, Change
from infranest.design.history.diff import diff
from infranest.spec.model import Spec
from infranest.spec.parser import parse
from infranest.spec.validate import validate

BASE = """project t {
  auth jwt
  roles admin, staff
  database postgresql
  version "1.0.0"
}

enum Status { draft, live, gone }

entity Shelf {
  label: string(40)
  allow read, list: anyone
  allow write: admin
}

entity Item {
  owner: User owner on_delete(cascade)
  shelf: Shelf optional on_delete(set_null)
  title: string(100) min_length(2)
  body: text optional
  price: decimal(10,2) min(0)
  amount: int = 0 min(0) max(100)
  status: Status = draft
  code: string(20) unique pattern("^[A-Z]+$")
  secret: string(64) writeonly optional
  stamp: string(30) readonly optional
  search title
  filter status
  sort price
  paginate offset 20 max 100
  index (status, price)
  allow read, list: anyone
  allow write: admin
  action publish: post on item by admin
}
"""

# (kind, text in BASE, its replacement, API class, database class)
CASES: list[tuple[str, str, str, str, str]] = [
    ("auth-method-added", "auth jwt", "auth jwt, session", "non-breaking", "none"),
    ("role-added", "roles admin, staff", "roles admin, staff, guest", "non-breaking", "none"),
    ("role-removed", "roles admin, staff", "roles admin", "breaking", "data-migrating"),
    ("database-changed", "database postgresql", "database mysql", "none", "data-migrating"),
    ("project-metadata-changed", 'version "1.0.0"', 'version "1.1.0"', "none", "none"),
    ("enum-added", "enum Status {", "enum Size { s, m }\nenum Status {", "none", "safe"),
    ("enum-member-added", "draft, live, gone", "draft, live, gone, archived", "breaking", "safe"),
    ("enum-member-removed", "draft, live, gone", "draft, live", "breaking", "data-migrating"),
    (
        "enum-member-renamed",
        "draft, live, gone",
        "draft, live, deleted",
        "breaking",
        "data-migrating",
    ),
    ("enum-renamed", "Status", "State", "non-breaking", "safe"),
    (
        "entity-added",
        "entity Shelf {",
        "entity Bin {\n  size: int\n}\n\nentity Shelf {",
        "non-breaking",
        "safe",
    ),
    ("entity-renamed", "Shelf", "Rack", "breaking", "safe"),
    (
        "field-added-optional",
        "  body: text optional\n",
        "  body: text optional\n  note: text optional\n",
        "non-breaking",
        "safe",
    ),
    (
        "field-added-required",
        "  body: text optional\n",
        "  body: text optional\n  note: text\n",
        "breaking",
        "data-migrating",
    ),
    (
        "field-added-defaulted",
        "  body: text optional\n",
        "  body: text optional\n  rank: int = 1\n",
        "non-breaking",
        "safe",
    ),
    (
        "field-added-server",
        "  body: text optional\n",
        "  body: text optional\n  slug: string readonly optional\n",
        "non-breaking",
        "safe",
    ),
    ("field-removed", "  body: text optional\n", "", "breaking", "destructive"),
    ("field-renamed", "  body: text optional\n", "  content: text optional\n", "breaking", "safe"),
    (
        "field-type-changed",
        "  amount: int = 0",
        "  amount: float = 0",
        "breaking",
        "data-migrating",
    ),
    ("field-type-widened", "  amount: int = 0", "  amount: bigint = 0", "breaking", "safe"),
    (
        "field-relation-changed",
        "  shelf: Shelf optional",
        "  shelf: Item optional",
        "breaking",
        "data-migrating",
    ),
    (
        "field-on-delete-changed",
        "on_delete(set_null)",
        "on_delete(restrict)",
        "non-breaking",
        "safe",
    ),
    (
        "field-length-tightened",
        "title: string(100)",
        "title: string(80)",
        "breaking",
        "data-migrating",
    ),
    ("field-length-loosened", "title: string(100)", "title: string(200)", "breaking", "safe"),
    ("field-min-length-tightened", "min_length(2)", "min_length(3)", "breaking", "data-migrating"),
    (
        "field-min-tightened",
        "price: decimal(10,2) min(0)",
        "price: decimal(10,2) min(1)",
        "breaking",
        "data-migrating",
    ),
    ("field-max-loosened", "max(100)", "max(1000)", "breaking", "none"),
    ("field-precision-loosened", "decimal(10,2)", "decimal(12,2)", "breaking", "safe"),
    (
        "field-optional-tightened",
        "  body: text optional",
        "  body: text",
        "breaking",
        "data-migrating",
    ),
    (
        "field-optional-loosened",
        "  price: decimal(10,2) min(0)",
        "  price: decimal(10,2) optional min(0)",
        "breaking",
        "safe",
    ),
    (
        "field-unique-tightened",
        "title: string(100)",
        "title: string(100) unique",
        "breaking",
        "data-migrating",
    ),
    ("field-unique-loosened", "code: string(20) unique", "code: string(20)", "breaking", "safe"),
    ("field-pattern-loosened", ' pattern("^[A-Z]+$")', "", "breaking", "none"),
    ("field-default-removed", "amount: int = 0", "amount: int", "breaking", "none"),
    ("field-default-changed", "amount: int = 0", "amount: int = 5", "non-breaking", "none"),
    (
        "field-default-added",
        "  body: text optional",
        '  body: text optional = "x"',
        "non-breaking",
        "none",
    ),
    ("field-index-added", "  body: text optional", "  body: text optional index", "none", "safe"),
    (
        "field-readonly-added",
        "  body: text optional",
        "  body: text optional readonly",
        "breaking",
        "none",
    ),
    (
        "field-writeonly-added",
        "  body: text optional",
        "  body: text optional writeonly",
        "breaking",
        "none",
    ),
    (
        "field-writeonly-removed",
        "  secret: string(64) writeonly optional",
        "  secret: string(64) optional",
        "non-breaking",
        "none",
    ),
    (
        "field-privacy-changed",
        "  body: text optional",
        "  body: text optional pii(personal)",
        "none",
        "none",
    ),
    (
        "timestamps-added",
        "  index (status, price)\n",
        "  index (status, price)\n  timestamps\n",
        "non-breaking",
        "safe",
    ),
    (
        "soft-delete-added",
        "  index (status, price)\n",
        "  index (status, price)\n  soft_delete\n",
        "non-breaking",
        "safe",
    ),
    (
        "optimistic-lock-added",
        "  index (status, price)\n",
        "  index (status, price)\n  optimistic_lock\n",
        "breaking",
        "safe",
    ),
    (
        "pagination-style-changed",
        "paginate offset 20 max 100",
        "paginate cursor 20 max 100",
        "breaking",
        "none",
    ),
    (
        "page-size-changed",
        "paginate offset 20 max 100",
        "paginate offset 10 max 100",
        "non-breaking",
        "none",
    ),
    (
        "page-max-lowered",
        "paginate offset 20 max 100",
        "paginate offset 20 max 50",
        "breaking",
        "none",
    ),
    ("search-added", "  search title", "  search title, body", "non-breaking", "none"),
    ("filter-removed", "  filter status\n", "", "breaking", "none"),
    ("sort-added", "  sort price", "  sort price, amount", "non-breaking", "none"),
    (
        "index-added",
        "  index (status, price)\n",
        "  index (status, price)\n  index (amount)\n",
        "none",
        "safe",
    ),
    ("index-removed", "  index (status, price)\n", "", "none", "safe"),
    (
        "unique-index-added",
        "  index (status, price)\n",
        "  index (status, price)\n  unique (title, shelf)\n",
        "breaking",
        "data-migrating",
    ),
    (
        "access-narrowed",
        "  allow read, list: anyone\n  allow write: admin\n  action",
        "  allow read, list: staff\n  allow write: admin\n  action",
        "breaking",
        "none",
    ),
    (
        "access-widened",
        "  allow write: admin\n  action",
        "  allow write: admin, staff\n  action",
        "non-breaking",
        "none",
    ),
    (
        "limit-added",
        "action publish: post on item by admin",
        "action publish: post on item by admin limit 5/minute per user",
        "breaking",
        "none",
    ),
    (
        "idempotency-added",
        "action publish: post on item by admin",
        "action publish: post on item by admin idempotent",
        "non-breaking",
        "none",
    ),
    (
        "endpoint-added",
        "action publish: post on item by admin",
        "action publish: post on item by admin\n  action archive: post on item by admin",
        "non-breaking",
        "none",
    ),
    ("endpoint-removed", "  action publish: post on item by admin\n", "", "breaking", "none"),
    (
        "field-access-narrowed",
        "  body: text optional",
        "  body: text optional readable(admin)",
        "breaking",
        "none",
    ),
    ("auth-method-removed", "auth jwt", "auth session", "breaking", "none"),
    (
        "entity-hints-changed",
        "  index (status, price)\n",
        "  index (status, price)\n  rows 5000\n",
        "none",
        "none",
    ),
]


def _spec(text: str) -> Spec:
    spec = parse(text, "case.nest")
    errors = [d.render() for d in validate(spec) if d.is_error]
    assert not errors, errors
    return spec


def _edited(old: str, new: str) -> str:
    """BASE with every ``old`` replaced (a rename replaces each reference too)."""
    assert old in BASE, f"{old!r} is not in BASE"
    return BASE.replace(old, new)


@pytest.mark.parametrize(("kind", "old", "new", "api", "db"), CASES, ids=[c[0] for c in CASES])
def test_change_kind(kind: str, old: str, new: str, api: str, db: str) -> None:
    result = diff(_spec(BASE), _spec(_edited(old, new)))
    found = [c for c in result.changes if c.kind == kind]
    assert found, [c.kind for c in result.changes]
    change: Change = found[0]
    assert (change.api, change.db) == (api, db)
    assert change.path
    assert change.message


def test_the_table_covers_at_least_thirty_kinds() -> None:
    kinds = {c[0] for c in CASES}
    assert len(kinds) >= 30
    assert kinds <= set(KINDS)


def test_no_change_no_diff() -> None:
    assert diff(_spec(BASE), _spec(BASE)).changes == ()


def test_entity_removed_is_breaking_and_destructive() -> None:
    without = BASE.replace("  shelf: Shelf optional on_delete(set_null)\n", "")
    start = without.index("entity Shelf {")
    end = without.index("}\n", start) + 2
    result = diff(_spec(BASE), _spec(without[:start] + without[end:]))
    kinds = {c.kind: c for c in result.changes}
    assert kinds["entity-removed"].api == "breaking"
    assert kinds["entity-removed"].db == "destructive"
    # Shelf's own endpoints are part of the entity change, not listed again.
    assert not any(c.kind == "endpoint-removed" and "shelves" in c.path for c in result.changes)


def test_readonly_field_tightening_does_not_break_requests() -> None:
    result = diff(_spec(BASE), _spec(_edited("stamp: string(30)", "stamp: string(20)")))
    change = next(c for c in result.changes if c.kind == "field-length-tightened")
    assert change.api == "non-breaking"  # clients never send a readonly field
    assert change.db == "data-migrating"


def test_writeonly_field_loosening_does_not_break_responses() -> None:
    result = diff(_spec(BASE), _spec(_edited("secret: string(64)", "secret: string(128)")))
    change = next(c for c in result.changes if c.kind == "field-length-loosened")
    assert change.api == "non-breaking"  # never returned, so no looser response


def test_field_access_given_to_more_roles_is_widened() -> None:
    narrow = _edited("  body: text optional", "  body: text optional readable(admin)")
    wide = _edited("  body: text optional", "  body: text optional readable(admin, staff)")
    result = diff(_spec(narrow), _spec(wide))
    assert [(c.kind, c.api) for c in result.changes] == [("field-access-widened", "non-breaking")]
