"""``POST /api/specs/graph``: entities, fields and relations with their source lines."""

from __future__ import annotations

from typing import Any

from server_support import World

SHOP = """project shop {
  auth jwt
  database postgresql
}

# What an order may be.
enum OrderStatus { pending, paid }

entity Order "A customer's order" {
  customer: User owner on_delete(cascade)
  status: OrderStatus = pending
  total: decimal(10,2) min(0)
  note: string(200) optional unique
  items: [OrderItem] via order
}

entity OrderItem {
  order: Order on_delete(cascade)
  quantity: int = 1
}
"""


def _by_name(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["name"]: item for item in items}


def test_graph_of_a_valid_spec_has_lines_types_and_relations(world: World) -> None:
    response = world.viewer.post("/api/specs/graph", json={"text": SHOP})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["readable"], body["valid"]) == (True, True)
    entities = _by_name(body["entities"])
    assert list(entities) == ["Order", "OrderItem", "User"]
    order = entities["Order"]
    assert (order["doc"], order["line"], order["end_line"], order["builtin"]) == (
        "A customer's order",
        9,
        15,
        False,
    )
    fields = _by_name(order["fields"])
    assert [f["line"] for f in order["fields"]] == [10, 11, 12, 13, 14]
    assert fields["customer"]["cardinality"] == "many_to_one"
    assert fields["customer"]["target"] == "User"
    assert (fields["status"]["type"], fields["status"]["enum"]) == ("enum", "OrderStatus")
    assert fields["total"]["written"] == "decimal(10,2)"
    assert (fields["note"]["optional"], fields["note"]["unique"]) == (True, True)
    items = fields["items"]
    assert (items["cardinality"], items["via"], items["written"]) == (
        "one_to_many",
        "order",
        "[OrderItem] via order",
    )
    user = entities["User"]
    assert (user["builtin"], user["line"]) == (True, None)
    assert body["enums"] == [{"name": "OrderStatus", "members": ["pending", "paid"], "line": 7}]


def test_graph_of_an_invalid_spec_reports_diagnostics(world: World) -> None:
    misspelt = SHOP.replace("quantity: int", "quantity: integr")
    body = world.viewer.post("/api/specs/graph", json={"text": misspelt}).json()
    assert (body["readable"], body["valid"]) == (True, False)
    error = next(d for d in body["diagnostics"] if d["level"] == "error")
    assert (error["line"], error["code"]) == (19, "unknown-type")
    assert "OrderItem" in _by_name(body["entities"])


def test_graph_of_unreadable_text_is_empty_with_syntax_errors(world: World) -> None:
    broken = SHOP.replace("entity OrderItem {", "entity OrderItem {{")
    body = world.viewer.post("/api/specs/graph", json={"text": broken}).json()
    assert (body["readable"], body["valid"]) == (False, False)
    assert (body["entities"], body["enums"]) == ([], [])
    assert body["diagnostics"][0]["line"] == 17


def test_graph_needs_a_session(world: World) -> None:
    response = world.anonymous.post("/api/specs/graph", json={"text": SHOP})
    assert response.status_code == 401
