"""One spec, five targets, one contract: each generated project embeds the same
``openapi.json`` and its route declarations — parsed from the generated source of each
framework — cover exactly the contract's operations (plus ``GET /openapi.json``)."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from infranest.generate import render
from infranest.generate.target import Files, load_target
from infranest.spec.exporters.openapi import to_openapi
from infranest.spec.loader import load
from infranest.spec.model import Spec

ROOT = Path(__file__).resolve().parents[2]
TARGETS = ("fastapi", "django", "fiber", "express", "rails")
EXAMPLES = ("shop", "saas_tasks")
METHODS = frozenset({"get", "post", "put", "patch", "delete"})
# Served by every target, but not an operation of the contract it serves.
DOCUMENT_ROUTE = ("get", "/openapi.json")

Route = tuple[str, str]  # (lower-case method, path with every parameter written "{}")


def _template(path: str) -> str:
    """``/a/{id}``, ``/a/:id``, ``/a/<int:pk>`` → ``/a/{}``; no trailing slash."""
    path = re.sub(r"\{[^}]*\}|:[A-Za-z_]\w*|<[^>]*>", "{}", path)
    return "/" + path.strip("/") if path.strip("/") else "/"


@cache
def _spec(example: str) -> Spec:
    return load(ROOT / "examples" / f"{example}.nest").spec


@cache
def _files(example: str, target: str) -> Files:
    return render(_spec(example), load_target(target), frozenset())


def _contract(example: str) -> set[Route]:
    paths: dict[str, dict[str, object]] = to_openapi(_spec(example))["paths"]
    return {(m, _template(p)) for p, ops in paths.items() for m in ops if m in METHODS}


def _const(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _fastapi_routes(files: Files) -> list[Route]:
    """``@router.<method>("<path>")`` under ``APIRouter(prefix=...)`` in app/api/routes."""
    found: list[Route] = []
    for name, text in files.items():
        if not name.startswith("app/api/routes/") or not name.endswith(".py"):
            continue
        tree = ast.parse(text)
        prefix = ""
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "APIRouter":
                prefix = next(
                    (_const(k.value) or "" for k in node.keywords if k.arg == "prefix"), ""
                )
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for deco in node.decorator_list:
                if (
                    isinstance(deco, ast.Call)
                    and isinstance(deco.func, ast.Attribute)
                    and getattr(deco.func.value, "id", None) == "router"
                    and deco.func.attr in METHODS
                ):
                    route = _const(deco.args[0]) if deco.args else None
                    assert route is not None, f"{name}:{deco.lineno}: a route without a path"
                    found.append((deco.func.attr, _template(prefix + route)))
    return found


def _view_methods(files: Files, module: str) -> dict[str, list[str]]:
    """The HTTP methods of each view in ``api/<module>.py``: a class view's ``def get``/
    ``def post``..., a function view's ``@require_GET``/``@require_POST``."""
    methods: dict[str, list[str]] = {}
    for node in ast.parse(files[f"api/{module}.py"]).body:
        if isinstance(node, ast.ClassDef):
            names = [f.name for f in node.body if isinstance(f, ast.FunctionDef)]
            methods[node.name] = [n for n in names if n in METHODS]
        elif isinstance(node, ast.FunctionDef):
            decorators = [getattr(d, "id", "") for d in node.decorator_list]
            methods[node.name] = [d.removeprefix("require_").lower() for d in decorators]
    return methods


def _django_routes(files: Files) -> list[Route]:
    """``path("<route>", <view>)`` in api/urls.py; a class view answers its
    ``http_method_names`` when given, else the methods its class defines."""
    found: list[Route] = []
    for node in ast.walk(ast.parse(files["api/urls.py"])):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "path"):
            continue
        route, view = _const(node.args[0]), node.args[1]
        assert route is not None, f"urls.py:{node.lineno}: a path without a route"
        if isinstance(view, ast.Call):  # <module>.<Class>.as_view(...)
            listed = [k.value for k in view.keywords if k.arg == "http_method_names"]
            klass = getattr(view.func, "value", None)
            assert isinstance(klass, ast.Attribute), f"urls.py:{node.lineno}: not a class view"
            if listed and isinstance(listed[0], ast.List):
                methods = [m for e in listed[0].elts if (m := _const(e)) is not None]
            else:
                module = getattr(klass.value, "id", "")
                methods = _view_methods(files, module)[klass.attr]
        else:  # <module>.<function>
            assert isinstance(view, ast.Attribute), f"urls.py:{node.lineno}: unknown view"
            methods = _view_methods(files, getattr(view.value, "id", ""))[view.attr]
        found += [(m, _template(route)) for m in methods if m in METHODS]
    return found


def _regex_routes(pattern: str, folder: str, suffix: str) -> Callable[[Files], list[Route]]:
    compiled = re.compile(pattern)

    def routes(files: Files) -> list[Route]:
        found: list[Route] = []
        for name, text in sorted(files.items()):
            if name.startswith(folder) and name.endswith(suffix) and "_test" not in name:
                found += [(m.lower(), _template(p)) for m, p in compiled.findall(text)]
        return found

    return routes


ROUTES: dict[str, Callable[[Files], list[Route]]] = {
    "fastapi": _fastapi_routes,
    "django": _django_routes,
    # app.Get("/orders/:id", ...) in internal/ (tests excluded)
    "fiber": _regex_routes(r'\bapp\.(Get|Post|Put|Patch|Delete)\("([^"]+)"', "internal/", ".go"),
    # router.get("/orders/:id", ...) in src/
    "express": _regex_routes(r'\brouter\.(get|post|put|patch|delete)\("([^"]+)"', "src/", ".ts"),
    # get "/orders/:id", to: "orders#show" in config/routes.rb
    "rails": _regex_routes(
        r'(?m)^\s*(get|post|put|patch|delete) "([^"]+)", to:', "config/routes.rb", ".rb"
    ),
}


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_target_embeds_the_same_contract_document(example: str) -> None:
    expected = json.dumps(to_openapi(_spec(example)), indent=2) + "\n"
    for target in TARGETS:
        assert _files(example, target)["openapi.json"] == expected, target


@pytest.mark.parametrize("example", EXAMPLES)
@pytest.mark.parametrize("target", TARGETS)
def test_routes_declared_are_exactly_the_contract(example: str, target: str) -> None:
    declared = ROUTES[target](_files(example, target))
    duplicates = sorted({r for r in declared if declared.count(r) > 1})
    assert not duplicates, f"{target} declares these routes twice: {duplicates}"
    contract = _contract(example)
    assert contract, "the contract has no operations"
    routes = set(declared) - {DOCUMENT_ROUTE}
    assert sorted(contract - routes) == [], f"{target} lacks routes of the contract"
    assert sorted(routes - contract) == [], f"{target} declares routes outside the contract"


def test_route_parsers_see_every_route_form() -> None:
    """The parsers are not vacuous: a known route of each kind is found in each target."""
    wanted = {("get", "/products"), ("patch", "/products/{}"), ("post", "/orders/{}/cancel")}
    wanted |= {("post", "/auth/register"), ("get", "/health")}
    for target in TARGETS:
        declared = set(ROUTES[target](_files("shop", target)))
        assert wanted <= declared, (target, sorted(wanted - declared))


# --- the black-box suite's own parts (its HTTP runs are in test_cross_target_slow.py) ---


def test_resources_are_created_after_the_rows_they_point_to() -> None:
    from infranest.spec.exporters.api_shape import api_shape
    from infranest.verify.blackbox import creation_order

    order = [r.entity for r in creation_order(api_shape(_spec("shop")))]
    assert order.index("Category") < order.index("Product") < order.index("Review")
    assert order.index("Cart") < order.index("CartItem")
    assert order.index("Order") < order.index("OrderItem")
    assert order.index("Order") < order.index("Payment")


def test_every_constraint_of_a_field_gets_its_own_invalid_value() -> None:
    from infranest.spec.exporters.api_shape import api_shape
    from infranest.verify.blackbox import invalid_values

    product = api_shape(_spec("shop")).resource("Product")
    assert product is not None
    assert product.create is not None
    sku, name = product.create.field("sku"), product.create.field("name")
    assert sku is not None
    assert name is not None
    assert [v.constraint for v in invalid_values(sku)] == ["max_length", "pattern"]
    assert [v.constraint for v in invalid_values(name)] == ["max_length", "min_length"]
    assert invalid_values(sku)[0].value == "x" * 33  # string(32)


def test_values_compare_as_the_contract_means_them() -> None:
    from infranest.verify.blackbox_lists import comparable, query_value

    assert comparable("1") == comparable("1.00") == comparable(1)
    assert comparable("01:00:00") == comparable("01:00:00Z")
    assert comparable("2024-01-01T00:01:00+00:00") == comparable("2024-01-01T00:01:00Z")
    assert comparable("2024-01-01T00:01:00Z") != comparable("2024-01-01T00:02:00Z")
    assert comparable("sample-1") == "sample-1" != comparable("sample-2")
    assert (query_value(True), query_value(False), query_value(3)) == ("true", "false", "3")
