"""The Rails target: deterministic, the expected files, Ruby literals, golden records."""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path

import pytest

from infranest.generate import render
from infranest.generate.target import Files, ProjectView, load_target
from infranest.generate.targets.rails.ruby import (
    multiline_array,
    ruby_literal,
    ruby_regexp,
    ruby_string,
)
from infranest.generate.targets.rails.tidy import tidy_ruby
from infranest.spec.exporters.openapi import to_openapi
from infranest.spec.loader import load
from infranest.spec.model import Spec

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden" / "rails"
SPECS = {
    "shop": ROOT / "examples" / "shop.nest",
    "chinook": ROOT.parent / "shared" / "corpus" / "sql" / "chinook-postgres-schema.sql",
    "blog": ROOT.parent / "shared" / "corpus" / "jdl" / "blog.jh",
}
GOLDEN_SPECS = ("shop", "blog")


def _spec(name: str) -> Spec:
    path = SPECS[name]
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    return load(path).spec


@pytest.fixture(scope="module")
def shop() -> Files:
    return render(_spec("shop"), load_target("rails"))


def test_render_is_deterministic(shop: Files) -> None:
    assert render(_spec("shop"), load_target("rails")) == shop


def test_the_expected_files(shop: Files) -> None:
    plurals = ["carts", "cart_items", "categories", "order_items", "orders", "payments"]
    plurals += ["products", "reviews", "tags"]
    expected = {
        "openapi.json",
        "infranest.toml",
        "Gemfile",
        "Rakefile",
        "config.ru",
        ".rubocop.yml",
        "Dockerfile",
        "docker-compose.yml",
        ".github/workflows/ci.yml",
        ".env.example",
        ".gitignore",
        "README.md",
        "config/application.rb",
        "config/database.yml",
        "config/routes.rb",
        "config/initializers/rack_attack.rb",
        "config/initializers/cors.rb",
        "db/schema.rb",
        "db/migrate/20240101000000_create_tables.rb",
        "app/controllers/auth_controller.rb",
        "app/services/json_web_token.rb",
        "app/services/o_auth_client.rb",
        "app/models/user.rb",
        "app/models/order_status.rb",
        "test/test_helper.rb",
        "test/integration/auth_test.rb",
        "test/integration/system_test.rb",
        *(f"app/controllers/{p}_controller.rb" for p in plurals),
        *(f"test/integration/{p}_test.rb" for p in plurals),
    }
    assert expected <= set(shop)


def test_openapi_is_the_contract(shop: Files) -> None:
    assert json.loads(shop["openapi.json"]) == to_openapi(_spec("shop"))


def test_verify_table(shop: Files) -> None:
    table = tomllib.loads(shop["infranest.toml"])["tool"]["infranest"]
    assert table["package"] == "app"
    assert "{port}" in table["serve"]
    assert table["migrate"][:3] == ["bundle", "exec", "rails"]


def test_every_route_of_the_contract_is_drawn(shop: Files) -> None:
    view = ProjectView.of(_spec("shop"))
    routes = shop["config/routes.rb"]
    for op in view.shape.operations:
        path = op.path.replace("{id}", ":id").replace("{provider}", ":provider")
        assert f'{op.method} "{path}"' in routes


def test_models_carry_the_spec_validations(shop: Files) -> None:
    product = shop["app/models/product.rb"]
    assert "validates :name, not_null: true, length: { minimum: 2, maximum: 120 }" in product
    assert "format: { with: /\\A[A-Z0-9-]{4,32}\\z/ }" in product
    assert "numericality: { only_integer: true, greater_than_or_equal_to: 0 }" in product
    assert "inclusion: { in: Currency::VALUES }" in product
    item = shop["app/models/cart_item.rb"]
    assert "less_than_or_equal_to: 99" in item


def test_migration_and_schema_build_the_same_tables(shop: Files) -> None:
    def tables(text: str) -> list[str]:
        return re.findall(r"create_table :(\w+)", text)

    migration = shop["db/migrate/20240101000000_create_tables.rb"]
    assert tables(migration) == tables(shop["db/schema.rb"])
    assert "t.integer :lock_version, null: false, default: 1" in migration
    assert "t.datetime :deleted_at" in migration
    assert "add_foreign_key :products, :categories, column: :category_id, on_delete: :restrict" in (
        migration
    )


def test_actions_are_marked_stubs(shop: Files) -> None:
    orders = shop["app/controllers/orders_controller.rb"]
    for action in ("cancel", "ship", "refund"):
        assert f"def {action}" in orders
    assert orders.count("# TODO: implement") == 3
    assert 'idempotently("order_cancel")' in orders


def test_ruby_files_have_no_stray_blank_lines(shop: Files) -> None:
    for path, text in shop.items():
        if path.endswith(".rb"):
            assert "\n\n\n" not in text, path
            assert not re.search(r"\n\n\s*end\n", text), path
            assert text.endswith("\n"), path
            assert not text.endswith("\n\n"), path


def test_a_project_without_auth_has_no_accounts() -> None:
    files = render(_spec("chinook"), load_target("rails"))
    assert "app/controllers/auth_controller.rb" not in files
    assert "app/models/user.rb" not in files
    assert "def authorize!(_principals, **)" in files["app/controllers/concerns/authentication.rb"]


def test_many_to_many_sides_share_one_join_table(shop: Files) -> None:
    product, tag = shop["app/models/product.rb"], shop["app/models/tag.rb"]
    assert 'join_table: "tags_products"' in product
    assert 'join_table: "tags_products"' in tag
    assert 'foreign_key: "product_id"' in product
    assert 'foreign_key: "tag_id"' in tag


def test_ruby_literals() -> None:
    assert ruby_string('a"b#{c}') == '"a\\"b\\#{c}"'
    assert ruby_literal({"a": [1, None], "b-c": True}) == '{ a: [1, nil], "b-c" => true }'
    assert ruby_literal(["x", "y"]) == "%w[x y]"
    assert ruby_literal(12345) == "12_345"
    assert ruby_literal(1.0) == "1.0"
    assert ruby_regexp("^[^/]a$") == "/\\A[^\\/]a\\z/"
    assert ruby_regexp(r"^\+?[0-9 ]{6,20}$") == r"/\A\+?[0-9 ]{6,20}\z/"
    assert multiline_array(["a", "b"]) == "%w[\n  a\n  b\n]"
    assert multiline_array(["a b", 1]) == '[\n  "a b",\n  1\n]'


def test_tidy_ruby() -> None:
    text = "class A\n\n  def x\n\n    1\n\n  end\n\n\n\nend\n\n"
    assert tidy_ruby("a.rb", text) == "class A\n  def x\n    1\n  end\nend\n"
    assert tidy_ruby("README.md", "a  \n\n\nb\n") == "a\n\n\nb\n"


def _recorded(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


@pytest.mark.parametrize("name", GOLDEN_SPECS)
def test_golden(name: str) -> None:
    """The target's own files; ``deploy/`` is the deployment renderer's, recorded there."""
    files = render(_spec(name), load_target("rails"), deploy=frozenset())
    folder = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        if folder.exists():
            for old in _recorded(folder):
                old.unlink()
        for path, text in files.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    stored = {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in _recorded(folder)
    }
    assert sorted(stored) == sorted(files), "file list differs; UPDATE_GOLDEN=1 to accept"
    for path, text in files.items():
        assert stored[path] == text, f"{path} differs; UPDATE_GOLDEN=1 to accept"
