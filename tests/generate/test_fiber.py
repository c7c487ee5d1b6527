"""The Fiber target: deterministic, gofmt-clean, the expected files, golden records."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from infranest.generate import render
from infranest.generate.target import Files, ProjectView, load_target
from infranest.generate.targets.fiber import render as fiber_render
from infranest.generate.targets.fiber.api import fiber_path, field_literal, go_string
from infranest.generate.targets.fiber.models import go_name
from infranest.spec.exporters.api_types import BodyField
from infranest.spec.exporters.openapi import to_openapi
from infranest.spec.loader import load
from infranest.spec.model import Default, Spec

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden" / "fiber"
SPECS = {"shop": ROOT / "examples" / "shop.nest"}
needs_gofmt = pytest.mark.skipif(shutil.which("gofmt") is None, reason="gofmt (Go) not on PATH")


def _spec(name: str) -> Spec:
    path = SPECS[name]
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    return load(path).spec


@pytest.fixture(scope="module")
def shop() -> Files:
    if shutil.which("gofmt") is None:
        pytest.skip("gofmt (Go) not on PATH")
    return render(_spec("shop"), load_target("fiber"), deploy=frozenset())


def test_render_is_deterministic(shop: Files) -> None:
    assert render(_spec("shop"), load_target("fiber"), deploy=frozenset()) == shop


def test_the_expected_files(shop: Files) -> None:
    resources = ["carts", "cart_items", "categories", "order_items", "orders", "payments"]
    resources += ["products", "reviews", "tags"]
    expected = {
        "go.mod",
        "go.sum",
        "openapi.json",
        "openapi.go",
        "infranest.toml",
        "Dockerfile",
        "docker-compose.yml",
        ".github/workflows/ci.yml",
        ".env.example",
        ".gitignore",
        "README.md",
        "cmd/server/main.go",
        "internal/app/app.go",
        "internal/config/config.go",
        "internal/db/db.go",
        "internal/auth/tokens.go",
        "internal/handlers/auth.go",
        "internal/middleware/ratelimit.go",
        "internal/models/registry.go",
        "internal/models/product_tags.go",
        "internal/app/resources_test.go",
        "internal/app/oauth_test.go",
        *(f"internal/handlers/{r}_resource.go" for r in resources),
        *(f"internal/models/{r}.go" for r in resources),
    }
    assert expected <= set(shop)
    assert ".infranest" not in shop[".gitignore"]


@needs_gofmt
def test_go_files_are_gofmt_clean(shop: Files, tmp_path: Path) -> None:
    for path, text in shop.items():
        if path.endswith(".go"):
            target = tmp_path / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    gofmt = shutil.which("gofmt")
    assert gofmt is not None
    done = subprocess.run([gofmt, "-l", "."], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""


def test_the_contract_is_embedded_and_served(shop: Files) -> None:
    spec = _spec("shop")
    assert shop["openapi.json"] == json.dumps(to_openapi(spec), indent=2) + "\n"
    assert "//go:embed openapi.json" in shop["openapi.go"]
    assert '"/openapi.json"' in shop["internal/app/app.go"]


def test_every_operation_has_a_route(shop: Files) -> None:
    view = ProjectView.of(_spec("shop"))
    routes = "".join(text for path, text in shop.items() if path.startswith("internal/handlers/"))
    for op in view.shape.operations:
        if op.kind in ("health", "ready", "metrics"):
            continue
        assert go_string(fiber_path(op.path)) in routes + shop["internal/app/app.go"], op.path


def test_verify_declaration(shop: Files) -> None:
    table = tomllib.loads(shop["infranest.toml"])["tool"]["infranest"]
    assert table["package"] == "internal"
    assert table["migrate"] == ["server", "migrate"]
    assert "{port}" in table["serve"]


def test_module_and_checksums(shop: Files) -> None:
    assert shop["go.mod"].startswith("module shop\n")
    assert "github.com/gofiber/fiber/v3 v3." in shop["go.mod"]
    assert "gorm.io/gorm " in shop["go.mod"]
    assert shop["go.sum"] == fiber_render.data_text("go.sum")


def test_actions_are_marked_stubs(shop: Files) -> None:
    orders = shop["internal/handlers/orders_resource.go"]
    for action in ("Cancel", "Ship", "Refund"):
        assert f"func order{action}Action(" in orders
    assert orders.count("// TODO: implement") == 3


def test_field_literals_carry_every_constraint() -> None:
    field = BodyField(
        name="sku",
        type="string",
        max_length=32,
        min_length=4,
        pattern="^[A-Z]+$",
        nullable=True,
        default=Default(kind="string", value="AAAA"),
        write_roles=("admin",),
    )
    text = field_literal(field)
    for part in (
        'Key: "sku"',
        "MaxLength: 32",
        "MinLength: 4",
        "regexp.MustCompile(`^[A-Z]+$`)",
        "Nullable: true",
        'Default: "AAAA"',
        'WriteRoles: []string{"admin"}',
    ):
        assert part in text
    assert "Required: true" in text
    price = BodyField(name="p", type="decimal", minimum=0, scale=2, required=False)
    assert "Min: num(0)" in field_literal(price)
    assert "Scale: 2" in field_literal(price)


def test_go_names() -> None:
    assert go_name("category_id") == "CategoryID"
    assert go_name("id") == "ID"
    assert go_name("order_item") == "OrderItem"
    assert fiber_path("/orders/{id}/cancel") == "/orders/:id/cancel"


def test_format_needs_gofmt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(fiber_render.GoMissingError, match="gofmt"):
        fiber_render.format_go({"main.go": "package main\n"})


# Tool caches and build outputs that never belong to the record.
CACHES = frozenset({".infranest", "bin"})


def _recorded(folder: Path) -> list[Path]:
    return [
        p
        for p in folder.rglob("*")
        if p.is_file() and not CACHES & set(p.relative_to(folder).parts)
    ]


@needs_gofmt
@pytest.mark.parametrize("name", sorted(SPECS))
def test_golden(name: str) -> None:
    files = render(_spec(name), load_target("fiber"), deploy=frozenset())
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


def test_tenancy_is_resolved_and_tested() -> None:
    path = ROOT / "examples" / "iot.nest"
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    view = ProjectView.of(load(path).spec, deploy=frozenset())
    context = fiber_render.project_context(view)
    assert '{Table: "sites", Tenant: "id", Owner: "manager_id"' in context["tenancy"]
    by_name = {c.resource.name: c for c in context["resources"]}
    assert 'Tenant: "id"' in by_name["site"].literal
    reading = by_name["reading"].literal
    assert 'Tenant: "site_id"' in reading
    assert '{Key: "device_id", Table: "devices", Tenant: "site_id"}' in reading
    cases = {c.name: c for c in context["tests"]["cases"]}
    device = cases["device"]
    assert device.tenanted
    assert device.payload
    assert device.tenant_key == "site_id"
    assert (device.cross_key, device.cross_factory) == ("gateway_id", "makeDevice")
    assert device.ops["read"] == "creator"
    assert device.isolated
    assert context["tests"]["tenant_factory"] == "makeSite"
    shop_context = fiber_render.project_context(ProjectView.of(_spec("shop"), deploy=frozenset()))
    assert shop_context["tenancy"] == "nil"
    assert not any(c.tenanted for c in shop_context["tests"]["cases"])
