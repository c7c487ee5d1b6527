"""Payment: `/payments`."""

import uuid
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import Payment
from tests import factories
from tests.conftest import Actor

PATH = "/payments"


def payload(db: Session, actor: Actor, n: int) -> dict[str, Any]:
    """A valid create body."""
    return {
        "paid_order_id": factories.make_order(db, actor.id).id,
        "amount": str(0 + n % 10000000000),
        "currency": ["eur", "usd", "gbp"][n % 3],
    }


def update_value(n: int) -> Any:
    """A valid value of `amount`."""
    return str(0 + n % 10000000000)


def make_row(db: Session, actor: Actor) -> Payment:
    return factories.make_payment(db, actor.id)


def test_create(client: TestClient, db: Session, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role("customer")
    response = client.post(PATH, json=payload(db, actor, 101), headers=actor.headers)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["id"] >= 1
    assert set(
        [
            "id",
            "paid_order_id",
            "customer_id",
            "provider_ref",
            "amount",
            "currency",
            "status",
            "card_last4",
            "created_at",
            "updated_at",
        ]
    ) <= set(body)
    assert body["amount"] is not None
    assert body["currency"] is not None


def test_create_rejects_unknown_keys(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("customer")
    body = {**payload(db, actor, 103), "not_a_field": 1}
    response = client.post(PATH, json=body, headers=actor.headers)
    assert response.status_code == 422
    assert any(e["field"] == "not_a_field" for e in response.json()["errors"])


def test_create_validates_amount(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("customer")
    body = {**payload(db, actor, 104), "amount": "-1"}
    response = client.post(PATH, json=body, headers=actor.headers)
    assert response.status_code == 422
    assert any(e["field"].startswith("amount") for e in response.json()["errors"])


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
    actor = as_role("admin")
    row = make_row(db, actor)
    response = client.get(f"{PATH}/{row.id}", headers=actor.headers)
    assert response.status_code == 200, response.text
    assert response.json()["id"] == row.id
    assert set(
        [
            "id",
            "paid_order_id",
            "customer_id",
            "provider_ref",
            "amount",
            "currency",
            "status",
            "card_last4",
            "created_at",
            "updated_at",
        ]
    ) <= set(response.json())


def test_read_unknown_is_404(client: TestClient, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role("admin")
    for raw in ("999999", "abc", "0"):
        response = client.get(f"{PATH}/{raw}", headers=actor.headers)
        assert response.status_code == 404
        assert response.json()["errors"] == []


def test_read_needs_credentials(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    row = make_row(db, as_role("admin"))
    assert client.get(f"{PATH}/{row.id}").status_code == 401


def test_rows_of_others_are_hidden(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    owner = as_role("customer")
    other = as_role("customer")
    row = make_row(db, owner)
    assert client.get(f"{PATH}/{row.id}", headers=owner.headers).status_code == 200
    assert client.get(f"{PATH}/{row.id}", headers=other.headers).status_code == 404
    edit = {}
    assert client.patch(f"{PATH}/{row.id}", json=edit, headers=other.headers).status_code in (
        403,
        404,
    )
    listed = client.get(PATH, headers=other.headers)
    if listed.status_code == 200:
        assert row.id not in [item["id"] for item in listed.json()["items"]]


def test_list(client: TestClient, db: Session, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role("admin")
    row = make_row(db, actor)
    response = client.get(PATH, headers=actor.headers)
    assert response.status_code == 200, response.text
    page = response.json()
    assert row.id in [item["id"] for item in page["items"]]
    assert page["total"] >= 1
    assert page["page"] == 1


def test_list_pages(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("admin")
    rows = [make_row(db, actor), make_row(db, actor)]
    first = client.get(PATH, params={"size": 1}, headers=actor.headers)
    assert first.status_code == 200
    assert [item["id"] for item in first.json()["items"]] == [rows[0].id]
    second = client.get(PATH, params={"size": 1, "page": 2}, headers=actor.headers)
    assert [item["id"] for item in second.json()["items"]] == [rows[1].id]
    assert second.json()["total"] == 2
    too_big = client.get(PATH, params={"size": 101}, headers=actor.headers)
    assert too_big.status_code == 422
    assert too_big.json()["errors"][0]["field"] == "size"


def test_list_filters_search_sort(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("admin")
    row = make_row(db, actor)
    read = client.get(PATH, headers=actor.headers).json()["items"][0]
    assert read["id"] == row.id
    if read["status"] is not None:
        found = client.get(PATH, params={"status": read["status"]}, headers=actor.headers)
        assert found.status_code == 200, found.text
        assert row.id in [item["id"] for item in found.json()["items"]]
    if read["currency"] is not None:
        found = client.get(PATH, params={"currency": read["currency"]}, headers=actor.headers)
        assert found.status_code == 200, found.text
        assert row.id in [item["id"] for item in found.json()["items"]]
    assert client.get(PATH, params={"sort": "amount"}, headers=actor.headers).status_code == 200
    assert client.get(PATH, params={"sort": "-amount"}, headers=actor.headers).status_code == 200
    assert client.get(PATH, params={"sort": "not_a_key"}, headers=actor.headers).status_code == 422


def test_list_needs_credentials(client: TestClient) -> None:
    assert client.get(PATH).status_code == 401


def test_list_forbidden_for_staff(
    client: TestClient, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("staff")
    assert client.get(PATH, headers=actor.headers).status_code == 403


def test_update(client: TestClient, db: Session, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role("admin")
    row = make_row(db, actor)
    body: dict[str, Any] = {}
    body["amount"] = update_value(202)
    response = client.patch(f"{PATH}/{row.id}", json=body, headers=actor.headers)
    assert response.status_code == 200, response.text
    assert response.json()["id"] == row.id
    unknown = client.patch(f"{PATH}/{row.id}", json={"not_a_field": 1}, headers=actor.headers)
    assert unknown.status_code == 422
    nulled = client.patch(f"{PATH}/{row.id}", json={"amount": None}, headers=actor.headers)
    assert nulled.status_code in (200, 422)
    other = as_role("staff")
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
    assert db.get(Payment, row.id) is None


def test_action_payment_capture(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("admin")
    row = make_row(db, actor)
    url = f"{PATH}/{row.id}/capture"
    headers = {**actor.headers, "Idempotency-Key": str(uuid.uuid4())}
    response = client.request("POST", url, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["id"] == row.id
    again = client.request("POST", url, headers=headers)
    assert again.json() == response.json()
