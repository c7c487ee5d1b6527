"""The Rails target's optimistic locking: every update answers the next ``version``, also
one that changes nothing (Rails bumps ``lock_version`` only when it writes a column)."""

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
RECORD = "app/models/application_record.rb"
_SAVE = re.compile(r"^  def save_next_version!\n.*?^  end\n", re.M | re.S)

# The generated method on real ActiveRecord models: on a locked one, a no-op save, a
# change, the same value again, then a save of a row another request changed meanwhile;
# on one without a lock column, a plain save.
_PROGRAM = """
require "active_record"
ActiveRecord::Base.establish_connection(adapter: "sqlite3", database: ":memory:")
ActiveRecord::Schema.verbose = false
ActiveRecord::Schema.define do
  create_table :widgets do |t|
    t.string :name
    t.integer :lock_version, null: false, default: 1
    t.timestamps
  end
  create_table :gadgets do |t|
    t.string :name
  end
end
class Record < ActiveRecord::Base
  self.abstract_class = true
%(method)s
end
class Widget < Record; end
class Gadget < Record; end
seen = []
id = Widget.create!(name: "a").id
seen << Widget.find(id).lock_version
Widget.find(id).save_next_version!
seen << Widget.find(id).lock_version
2.times do
  row = Widget.find(id)
  row.name = "b"
  row.save_next_version!
  seen << row.lock_version << Widget.find(id).lock_version
end
stale = Widget.find(id)
Widget.find(id).update!(name: "c")
begin
  stale.save_next_version!
rescue ActiveRecord::StaleObjectError
  seen << "stale"
end
gadget = Gadget.create!(name: "a")
gadget.save_next_version!
gadget.name = "b"
gadget.save_next_version!
seen << Gadget.find(gadget.id).name
puts seen.join(",")
"""


def _render(path: Path) -> Files:
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    return render(load(path).spec, load_target("rails"), deploy=frozenset())


@pytest.fixture(scope="module")
def shop() -> Files:
    return _render(ROOT / "examples" / "shop.nest")


def test_an_update_saves_the_next_version_even_without_changes(shop: Files) -> None:
    concern = shop[CONCERN]
    update = concern[concern.index("  def update\n") : concern.index("  def destroy\n")]
    assert "row.save_next_version!" in update
    assert "row.save!" not in update
    method = _SAVE.search(shop[RECORD])
    assert method is not None
    assert "if locking_enabled? && !changed?" in method[0]


def test_the_generated_suite_checks_a_no_op_update(shop: Files) -> None:
    orders = shop["test/integration/orders_test.rb"]
    start = orders.index('test "answers the next version for an update that changes nothing"')
    test = orders[start : orders.index("\n  end\n", start)]
    assert 'send_json :patch, "/orders/#{row.id}", { "version" => version }' in test
    assert 'body.merge("version" => version + 2)' in test  # the same values a second time
    assert 'assert_equal version + 3, json["version"]' in test
    assert 'assert_equal json["version"], row.reload.lock_version' in test
    # A change answers exactly one more version (no hand-made second increment).
    assert 'assert_equal row.lock_version + 1, json["version"]' in orders


def test_a_project_without_optimistic_lock_saves_plainly() -> None:
    files = _render(ROOT.parent / "shared" / "corpus" / "sql" / "chinook-postgres-schema.sql")
    assert "save_next_version!" not in files[CONCERN] + files[RECORD]
    assert "      row.save!\n    end\n    render json: present_row(row)\n" in files[CONCERN]


def _active_record() -> bool:
    if shutil.which("ruby") is None:
        return False
    probe = ["ruby", "-e", 'require "active_record"; require "sqlite3"']
    return subprocess.run(probe, capture_output=True, check=False, timeout=60).returncode == 0


@pytest.mark.skipif(not _active_record(), reason="ruby with activerecord and sqlite3 is missing")
def test_save_next_version_bumps_lock_version_once_on_active_record(shop: Files) -> None:
    method = _SAVE.search(shop[RECORD])
    assert method is not None
    program = _PROGRAM % {"method": method[0]}
    done = subprocess.run(
        ["ruby", "-e", program], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    # created 1; no-op → 2; a change → 3 (in memory and stored); same value again → 4;
    # a row changed meanwhile → StaleObjectError (answered 409); no lock column: saved.
    assert done.stdout.strip() == "1,2,3,3,4,4,stale,b"
