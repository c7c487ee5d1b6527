"""Order: `/orders`."""

import uuid
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import Order
from tests import factories
from tests.conftest import Actor

PATH = "/orders"


def payload(db: Session, actor: Actor, n: int) -> dict[str, Any]:
    """A valid create body."""
    return {
        "ship_to_name": f"shiptona-{n}",
        "ship_to_address": f"shiptoad-{n}",
    }


def update_value(n: int) -> Any:
    """A valid value of `currency`."""
    return ["eur", "usd", "gbp"][n % 3]


def make_row(db: Session, actor: Actor) -> Order:
    return factories.make_order(db, actor.id)


def test_create(client: TestClient, db: Session, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role("customer")
    response = client.post(PATH, json=payload(db, actor, 101), headers=actor.headers)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["id"] >= 1
    assert set(
        [
            "id",
            "number",
            "customer_id",
            "status",
            "subtotal",
            "shipping_fee",
            "total",
            "currency",
            "ship_to_name",
            "ship_to_address",
            "phone",
            "note",
            "placed_at",
            "created_at",
            "updated_at",
            "version",
        ]
    ) <= set(body)
    assert body["ship_to_name"] is not None
    assert body["ship_to_address"] is not None


def test_create_rejects_unknown_keys(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("customer")
    body = {**payload(db, actor, 103), "not_a_field": 1}
    response = client.post(PATH, json=body, headers=actor.headers)
    assert response.status_code == 422
    assert any(e["field"] == "not_a_field" for e in response.json()["errors"])


def test_create_validates_currency(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("customer")
    body = {**payload(db, actor, 104), "currency": "not-a-choice"}
    response = client.post(PATH, json=body, headers=actor.headers)
    assert response.status_code == 422
    assert any(e["field"].startswith("currency") for e in response.json()["errors"])


def test_create_needs_credentials(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("customer")
    response = client.post(PATH, json=payload(db, actor, 105))
    assert response.status_code == 401


def test_create_forbidden_for_admin(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("admin")
    response = client.post(PATH, json=payload(db, actor, 106), headers=actor.headers)
    assert response.status_code == 403


def test_read(client: TestClient, db: Session, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role("staff")
    row = make_row(db, actor)
    response = client.get(f"{PATH}/{row.id}", headers=actor.headers)
    assert response.status_code == 200, response.text
    assert response.json()["id"] == row.id
    assert set(
        [
            "id",
            "number",
            "customer_id",
            "status",
            "subtotal",
            "shipping_fee",
            "total",
            "currency",
            "ship_to_name",
            "ship_to_address",
            "phone",
            "note",
            "placed_at",
            "created_at",
            "updated_at",
            "version",
        ]
    ) <= set(response.json())


def test_read_unknown_is_404(client: TestClient, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role("staff")
    for raw in ("999999", "abc", "0"):
        response = client.get(f"{PATH}/{raw}", headers=actor.headers)
        assert response.status_code == 404
        assert response.json()["errors"] == []


def test_read_needs_credentials(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    row = make_row(db, as_role("staff"))
    assert client.get(f"{PATH}/{row.id}").status_code == 401


def test_rows_of_others_are_hidden(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    owner = as_role("customer")
    other = as_role("customer")
    row = make_row(db, owner)
    assert client.get(f"{PATH}/{row.id}", headers=owner.headers).status_code == 200
    assert client.get(f"{PATH}/{row.id}", headers=other.headers).status_code == 404
    edit = {"version": row.version}
    assert client.patch(f"{PATH}/{row.id}", json=edit, headers=other.headers).status_code in (
        403,
        404,
    )
    listed = client.get(PATH, headers=other.headers)
    if listed.status_code == 200:
        assert row.id not in [item["id"] for item in listed.json()["items"]]


def test_list(client: TestClient, db: Session, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role("staff")
    row = make_row(db, actor)
    response = client.get(PATH, headers=actor.headers)
    assert response.status_code == 200, response.text
    page = response.json()
    assert row.id in [item["id"] for item in page["items"]]
    assert page["next_cursor"] is None


def test_list_pages(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("staff")
    rows = [make_row(db, actor), make_row(db, actor)]
    first = client.get(PATH, params={"size": 1}, headers=actor.headers)
    assert first.status_code == 200
    assert [item["id"] for item in first.json()["items"]] == [rows[0].id]
    cursor = first.json()["next_cursor"]
    assert cursor
    second = client.get(PATH, params={"size": 1, "cursor": cursor}, headers=actor.headers)
    assert [item["id"] for item in second.json()["items"]] == [rows[1].id]
    assert second.json()["next_cursor"] is None
    too_big = client.get(PATH, params={"size": 101}, headers=actor.headers)
    assert too_big.status_code == 422
    assert too_big.json()["errors"][0]["field"] == "size"
    assert client.get(PATH, params={"cursor": "bogus!"}, headers=actor.headers).status_code == 422


def test_list_filters_search_sort(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("staff")
    row = make_row(db, actor)
    read = client.get(PATH, headers=actor.headers).json()["items"][0]
    assert read["id"] == row.id
    if read["status"] is not None:
        found = client.get(PATH, params={"status": read["status"]}, headers=actor.headers)
        assert found.status_code == 200, found.text
        assert row.id in [item["id"] for item in found.json()["items"]]
    if read["customer_id"] is not None:
        found = client.get(PATH, params={"customer_id": read["customer_id"]}, headers=actor.headers)
        assert found.status_code == 200, found.text
        assert row.id in [item["id"] for item in found.json()["items"]]
    ranged = client.get(PATH, params={"placed_at__gte": "not-a-value"}, headers=actor.headers)
    assert ranged.status_code == 422
    text = str(read["number"] or "")
    if text:
        hit = client.get(PATH, params={"q": text[-3:].upper()}, headers=actor.headers)
        assert row.id in [item["id"] for item in hit.json()["items"]]
    miss = client.get(PATH, params={"q": "no-such-text-%_"}, headers=actor.headers)
    assert miss.json()["items"] == []
    assert client.get(PATH, params={"sort": "placed_at"}, headers=actor.headers).status_code == 200
    assert client.get(PATH, params={"sort": "-placed_at"}, headers=actor.headers).status_code == 200
    assert client.get(PATH, params={"sort": "total"}, headers=actor.headers).status_code == 200
    assert client.get(PATH, params={"sort": "-total"}, headers=actor.headers).status_code == 200
    assert client.get(PATH, params={"sort": "not_a_key"}, headers=actor.headers).status_code == 422


def test_list_needs_credentials(client: TestClient) -> None:
    assert client.get(PATH).status_code == 401


def test_update(client: TestClient, db: Session, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role("staff")
    row = make_row(db, actor)
    body: dict[str, Any] = {}
    body["currency"] = update_value(202)
    body["version"] = row.version
    response = client.patch(f"{PATH}/{row.id}", json=body, headers=actor.headers)
    assert response.status_code == 200, response.text
    assert response.json()["id"] == row.id
    assert response.json()["version"] == row.version + 1
    stale = client.patch(f"{PATH}/{row.id}", json=body, headers=actor.headers)
    assert stale.status_code == 409
    unknown = client.patch(f"{PATH}/{row.id}", json={"not_a_field": 1}, headers=actor.headers)
    assert unknown.status_code == 422
    nulled = client.patch(
        f"{PATH}/{row.id}",
        json={"currency": None, "version": row.version + 1},
        headers=actor.headers,
    )
    assert nulled.status_code in (200, 422)
    other = as_role("customer")
    assert client.patch(f"{PATH}/{row.id}", json=body, headers=other.headers).status_code == 403


def test_delete(client: TestClient, db: Session, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role("admin")
    row = make_row(db, actor)
    other = as_role("staff")
    assert client.delete(f"{PATH}/{row.id}", headers=other.headers).status_code == 403
    response = client.delete(f"{PATH}/{row.id}", headers=actor.headers)
    assert response.status_code == 204
    assert client.delete(f"{PATH}/{row.id}", headers=actor.headers).status_code == 404
    db.expunge_all()
    assert db.get(Order, row.id) is None


def test_action_order_cancel(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("staff")
    row = make_row(db, actor)
    url = f"{PATH}/{row.id}/cancel"
    headers = {**actor.headers, "Idempotency-Key": str(uuid.uuid4())}
    response = client.request("POST", url, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["id"] == row.id
    again = client.request("POST", url, headers=headers)
    assert again.json() == response.json()


def test_action_order_ship(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("staff")
    row = make_row(db, actor)
    url = f"{PATH}/{row.id}/ship"
    headers = {**actor.headers}
    response = client.request("POST", url, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["id"] == row.id


def test_action_order_refund(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("admin")
    row = make_row(db, actor)
    url = f"{PATH}/{row.id}/refund"
    headers = {**actor.headers, "Idempotency-Key": str(uuid.uuid4())}
    response = client.request("POST", url, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["id"] == row.id
    again = client.request("POST", url, headers=headers)
    assert again.json() == response.json()
