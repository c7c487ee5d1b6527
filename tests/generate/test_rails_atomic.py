"""The Rails target's updates are all or nothing: assigning ``<name>_ids`` to a stored row
writes its join rows at once, so the assignment and the save share one transaction and a
save that fails (409 on a unique value, 422) leaves the many-to-many set as it was."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from infranest.generate import render
from infranest.generate.target import Files, load_target
from infranest.spec.loader import load

ROOT = Path(__file__).resolve().parents[2]
CONCERN = "app/controllers/concerns/resource_endpoints.rb"
WRITES = "app/controllers/concerns/row_writes.rb"
RECORD = "app/models/application_record.rb"
_TRANSACTION = re.compile(r"^    contract\.model\.transaction do\n.*?^    end\n", re.M | re.S)


def _method(source: str, name: str) -> str:
    found = re.search(rf"^  def {re.escape(name)}[(\n].*?^  end\n", source, re.M | re.S)
    assert found is not None, name
    return found[0]


# The generated update steps on real ActiveRecord models: a widget whose tag set is
# assigned together with a code another widget holds, then with a free code.
_PROGRAM = """
require "active_record"
ActiveRecord::Base.establish_connection(adapter: "sqlite3", database: ":memory:")
ActiveRecord::Schema.verbose = false
ActiveRecord::Schema.define do
  create_table :tags do |t|
    t.string :label
  end
  create_table :widgets do |t|
    t.string :code
    t.index :code, unique: true
  end
  create_table :tags_widgets, id: false do |t|
    t.integer :tag_id
    t.integer :widget_id
  end
end
class Tag < ActiveRecord::Base; end
class Widget < ActiveRecord::Base
  has_and_belongs_to_many :tags
%(save)s
end
class ApiError < StandardError
  def self.conflict(message)
    new(message)
  end
end
Contract = Struct.new(:model, :many)
class Endpoint
  def contract
    Contract.new(Widget, { "tags_ids" => :tags })
  end
%(assign)s
%(many)s
  def update(row, values)
%(block)s
  end
end
tag = Tag.create!(label: "a")
Widget.create!(code: "taken")
id = Widget.create!(code: "free").id
seen = []
begin
  Endpoint.new.update(Widget.find(id), { "tags_ids" => [tag.id], "code" => "taken" })
rescue ActiveRecord::RecordNotUnique
  seen << "conflict"
end
seen << Widget.find(id).tags.count << Widget.find(id).code
Endpoint.new.update(Widget.find(id), { "tags_ids" => [tag.id], "code" => "other" })
seen << Widget.find(id).tags.count << Widget.find(id).code
puts seen.join(",")
"""


def _render(path: Path) -> Files:
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    return render(load(path).spec, load_target("rails"), deploy=frozenset())


@pytest.fixture(scope="module")
def shop() -> Files:
    return _render(ROOT / "examples" / "shop.nest")


def _update(files: Files) -> str:
    concern = files[CONCERN]
    return concern[concern.index("  def update\n") : concern.index("  def destroy\n")]


def test_an_update_assigns_and_saves_in_one_transaction(shop: Files) -> None:
    block = _TRANSACTION.search(_update(shop))
    assert block is not None
    assert "assign_values(row, values)" in block[0]
    assert "row.save_next_version!" in block[0]
    # The version is checked before anything is written.
    assert _update(shop).index("check_version!") < block.start()


def test_without_optimistic_lock_the_plain_save_is_in_the_transaction() -> None:
    files = _render(ROOT.parent / "shared" / "corpus" / "sql" / "chinook-postgres-schema.sql")
    block = _TRANSACTION.search(_update(files))
    assert block is not None
    assert "      row.save!\n" in block[0]


def test_the_generated_suite_checks_a_failed_update_keeps_the_set(shop: Files) -> None:
    products = shop["test/integration/products_test.rb"]
    start = products.index('test "leaves tags as they were when an update fails"')
    test = products[start : products.index("\n  end\n", start)]
    assert 'create_product(sku: "SAMPLE-0001")' in test  # another row holds the sku
    assert '"tags_ids" => [create_tag.id], "sku" => "SAMPLE-0001"' in test
    assert 'body["version"] = row.lock_version' in test
    assert "assert_response :conflict" in test
    assert "assert_empty row.reload.tags" in test


def _active_record() -> bool:
    if shutil.which("ruby") is None:
        return False
    probe = ["ruby", "-e", 'require "active_record"; require "sqlite3"']
    return subprocess.run(probe, capture_output=True, check=False, timeout=60).returncode == 0


@pytest.mark.skipif(not _active_record(), reason="ruby with activerecord and sqlite3 is missing")
def test_a_failed_save_leaves_the_join_rows_on_active_record(shop: Files) -> None:
    writes = shop[WRITES]
    block = _TRANSACTION.search(_update(shop))
    assert block is not None
    program = _PROGRAM % {
        "save": _method(shop[RECORD], "save_next_version!"),
        "assign": _method(writes, "assign_values"),
        "many": _method(writes, "assign_many"),
        "block": block[0],
    }
    done = subprocess.run(
        ["ruby", "-e", program], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    # The duplicate code fails the save (409) and takes the tag set with it; a free code
    # saves both.
    assert done.stdout.strip() == "conflict,0,free,1,other"
