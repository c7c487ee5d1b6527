"""Tag: `/tags`."""

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import Tag
from tests import factories
from tests.conftest import Actor

PATH = "/tags"


def payload(db: Session, actor: Actor, n: int) -> dict[str, Any]:
    """A valid create body."""
    return {
        "label": f"label-{n}",
    }


def update_value(n: int) -> Any:
    """A valid value of `label`."""
    return f"label-{n}"


def make_row(db: Session, actor: Actor) -> Tag:
    return factories.make_tag(db, actor.id)


def test_create(client: TestClient, db: Session, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role("admin")
    response = client.post(PATH, json=payload(db, actor, 101), headers=actor.headers)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["id"] >= 1
    assert set(["id", "label", "products_ids"]) <= set(body)
    assert body["label"] is not None


def test_create_unique_conflict(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("admin")
    body = payload(db, actor, 102)
    assert client.post(PATH, json=body, headers=actor.headers).status_code == 201
    response = client.post(PATH, json=dict(body), headers=actor.headers)
    assert response.status_code == 409
    assert response.json()["detail"]


def test_create_rejects_unknown_keys(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("admin")
    body = {**payload(db, actor, 103), "not_a_field": 1}
    response = client.post(PATH, json=body, headers=actor.headers)
    assert response.status_code == 422
    assert any(e["field"] == "not_a_field" for e in response.json()["errors"])


def test_create_validates_label(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("admin")
    body = {**payload(db, actor, 104), "label": "x" * 41}
    response = client.post(PATH, json=body, headers=actor.headers)
    assert response.status_code == 422
    assert any(e["field"].startswith("label") for e in response.json()["errors"])


def test_create_needs_credentials(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("admin")
    response = client.post(PATH, json=payload(db, actor, 105))
    assert response.status_code == 401


def test_create_forbidden_for_customer(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("customer")
    response = client.post(PATH, json=payload(db, actor, 106), headers=actor.headers)
    assert response.status_code == 403


def test_read(client: TestClient, db: Session, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role("customer")
    row = make_row(db, actor)
    response = client.get(f"{PATH}/{row.id}", headers=actor.headers)
    assert response.status_code == 200, response.text
    assert response.json()["id"] == row.id
    assert set(["id", "label", "products_ids"]) <= set(response.json())


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
    too_big = client.get(PATH, params={"size": 101}, headers=actor.headers)
    assert too_big.status_code == 422
    assert too_big.json()["errors"][0]["field"] == "size"


def test_list_filters_search_sort(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role("customer")
    row = make_row(db, actor)
    read = client.get(PATH, headers=actor.headers).json()["items"][0]
    assert read["id"] == row.id
    text = str(read["label"] or "")
    if text:
        hit = client.get(PATH, params={"q": text[-3:].upper()}, headers=actor.headers)
        assert row.id in [item["id"] for item in hit.json()["items"]]
    miss = client.get(PATH, params={"q": "no-such-text-%_"}, headers=actor.headers)
    assert miss.json()["items"] == []


def test_update(client: TestClient, db: Session, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role("admin")
    row = make_row(db, actor)
    body: dict[str, Any] = {}
    body["label"] = update_value(202)
    response = client.patch(f"{PATH}/{row.id}", json=body, headers=actor.headers)
    assert response.status_code == 200, response.text
    assert response.json()["id"] == row.id
    unknown = client.patch(f"{PATH}/{row.id}", json={"not_a_field": 1}, headers=actor.headers)
    assert unknown.status_code == 422
    nulled = client.patch(f"{PATH}/{row.id}", json={"label": None}, headers=actor.headers)
    assert nulled.status_code in (200, 422)
    other = as_role("customer")
    assert client.patch(f"{PATH}/{row.id}", json=body, headers=other.headers).status_code == 403


def test_delete(client: TestClient, db: Session, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role("admin")
    row = make_row(db, actor)
    other = as_role("customer")
    assert client.delete(f"{PATH}/{row.id}", headers=other.headers).status_code == 403
    response = client.delete(f"{PATH}/{row.id}", headers=actor.headers)
    assert response.status_code == 204
    assert client.delete(f"{PATH}/{row.id}", headers=actor.headers).status_code == 404
    db.expunge_all()
    assert db.get(Tag, row.id) is None
