"""Review: `/reviews`."""

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import Review
from tests import factories
from tests.conftest import Actor

PATH = "/reviews"


def payload(db: Session, actor: Actor, n: int) -> dict[str, Any]:
    """A valid create body."""
    return {
        "product_id": factories.make_product(db, actor.id).id,
        "rating": (1 + n % 5),
    }


def update_value(n: int) -> Any:
    """A valid value of `rating`."""
    return 1 + n % 5


def make_row(db: Session, actor: Actor) -> Review:
    return factories.make_review(db, actor.id)


def test_create(client: TestClient, db: Session, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role("customer")
    response = client.post(PATH, json=payload(db, actor, 101), headers=actor.headers)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["id"] >= 1
    assert set(
        [
            "id",
            "product_id",
            "author_id",
            "rating",
            "title",
            "body",
            "verified",
            "created_at",
            "updated_at",
        ]
    ) <= set(body)
    assert body["rating"] is not None


def test_create_rejects_unknown_keys(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("customer")
    body = {**payload(db, actor, 103), "not_a_field": 1}
    response = client.post(PATH, json=body, headers=actor.headers)
    assert response.status_code == 422
    assert any(e["field"] == "not_a_field" for e in response.json()["errors"])


def test_create_validates_rating(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("customer")
    body = {**payload(db, actor, 104), "rating": 0}
    response = client.post(PATH, json=body, headers=actor.headers)
    assert response.status_code == 422
    assert any(e["field"].startswith("rating") for e in response.json()["errors"])


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
    actor = as_role("customer")
    row = make_row(db, actor)
    response = client.get(f"{PATH}/{row.id}", headers=actor.headers)
    assert response.status_code == 200, response.text
    assert response.json()["id"] == row.id
    assert set(
        [
            "id",
            "product_id",
            "author_id",
            "rating",
            "title",
            "body",
            "verified",
            "created_at",
            "updated_at",
        ]
    ) <= set(response.json())


def test_read_unknown_is_404(client: TestClient, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role("customer")
    for raw in ("999999", "abc", "0"):
        response = client.get(f"{PATH}/{raw}", headers=actor.headers)
        assert response.status_code == 404
        assert response.json()["errors"] == []


def test_list(client: TestClient, db: Session, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role("customer")
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
    actor = as_role("customer")
    rows = [make_row(db, actor), make_row(db, actor)]
    first = client.get(PATH, params={"size": 1}, headers=actor.headers)
    assert first.status_code == 200
    assert [item["id"] for item in first.json()["items"]] == [rows[0].id]
    second = client.get(PATH, params={"size": 1, "page": 2}, headers=actor.headers)
    assert [item["id"] for item in second.json()["items"]] == [rows[1].id]
    assert second.json()["total"] == 2
    too_big = client.get(PATH, params={"size": 51}, headers=actor.headers)
    assert too_big.status_code == 422
    assert too_big.json()["errors"][0]["field"] == "size"


def test_list_filters_search_sort(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("customer")
    row = make_row(db, actor)
    read = client.get(PATH, headers=actor.headers).json()["items"][0]
    assert read["id"] == row.id
    if read["product_id"] is not None:
        found = client.get(PATH, params={"product_id": read["product_id"]}, headers=actor.headers)
        assert found.status_code == 200, found.text
        assert row.id in [item["id"] for item in found.json()["items"]]
    if read["rating"] is not None:
        found = client.get(PATH, params={"rating": read["rating"]}, headers=actor.headers)
        assert found.status_code == 200, found.text
        assert row.id in [item["id"] for item in found.json()["items"]]
    if read["verified"] is not None:
        found = client.get(PATH, params={"verified": read["verified"]}, headers=actor.headers)
        assert found.status_code == 200, found.text
        assert row.id in [item["id"] for item in found.json()["items"]]
    ranged = client.get(PATH, params={"rating__gte": "not-a-value"}, headers=actor.headers)
    assert ranged.status_code == 422
    text = str(read["title"] or "")
    if text:
        hit = client.get(PATH, params={"q": text[-3:].upper()}, headers=actor.headers)
        assert row.id in [item["id"] for item in hit.json()["items"]]
    miss = client.get(PATH, params={"q": "no-such-text-%_"}, headers=actor.headers)
    assert miss.json()["items"] == []
    assert client.get(PATH, params={"sort": "rating"}, headers=actor.headers).status_code == 200
    assert client.get(PATH, params={"sort": "-rating"}, headers=actor.headers).status_code == 200
    assert client.get(PATH, params={"sort": "not_a_key"}, headers=actor.headers).status_code == 422


def test_update(client: TestClient, db: Session, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role("admin")
    row = make_row(db, actor)
    body: dict[str, Any] = {}
    body["rating"] = update_value(202)
    response = client.patch(f"{PATH}/{row.id}", json=body, headers=actor.headers)
    assert response.status_code == 200, response.text
    assert response.json()["id"] == row.id
    unknown = client.patch(f"{PATH}/{row.id}", json={"not_a_field": 1}, headers=actor.headers)
    assert unknown.status_code == 422
    nulled = client.patch(f"{PATH}/{row.id}", json={"rating": None}, headers=actor.headers)
    assert nulled.status_code in (200, 422)


def test_delete(client: TestClient, db: Session, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role("admin")
    row = make_row(db, actor)
    response = client.delete(f"{PATH}/{row.id}", headers=actor.headers)
    assert response.status_code == 204
    assert client.delete(f"{PATH}/{row.id}", headers=actor.headers).status_code == 404
    db.expunge_all()
    kept = db.get(Review, row.id)
    assert kept is not None and kept.deleted_at is not None
