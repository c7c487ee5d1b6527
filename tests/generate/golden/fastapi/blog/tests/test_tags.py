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
        "name": f"name-{n}",
    }


def update_value(n: int) -> Any:
    """A valid value of `name`."""
    return f"name-{n}"


def make_row(db: Session, actor: Actor) -> Tag:
    return factories.make_tag(db, actor.id)


def test_create(client: TestClient, db: Session, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role(None)
    response = client.post(PATH, json=payload(db, actor, 101), headers=actor.headers)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["id"] >= 1
    assert set(["id", "name", "entry_ids"]) <= set(body)
    assert body["name"] is not None


def test_create_rejects_unknown_keys(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role(None)
    body = {**payload(db, actor, 103), "not_a_field": 1}
    response = client.post(PATH, json=body, headers=actor.headers)
    assert response.status_code == 422
    assert any(e["field"] == "not_a_field" for e in response.json()["errors"])


def test_create_validates_name(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role(None)
    body = {**payload(db, actor, 104), "name": "x" * 256}
    response = client.post(PATH, json=body, headers=actor.headers)
    assert response.status_code == 422
    assert any(e["field"].startswith("name") for e in response.json()["errors"])


def test_create_needs_credentials(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role(None)
    response = client.post(PATH, json=payload(db, actor, 105))
    assert response.status_code == 401


def test_read(client: TestClient, db: Session, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role(None)
    row = make_row(db, actor)
    response = client.get(f"{PATH}/{row.id}", headers=actor.headers)
    assert response.status_code == 200, response.text
    assert response.json()["id"] == row.id
    assert set(["id", "name", "entry_ids"]) <= set(response.json())


def test_read_unknown_is_404(client: TestClient, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role(None)
    for raw in ("999999", "abc", "0"):
        response = client.get(f"{PATH}/{raw}", headers=actor.headers)
        assert response.status_code == 404
        assert response.json()["errors"] == []


def test_read_needs_credentials(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    row = make_row(db, as_role(None))
    assert client.get(f"{PATH}/{row.id}").status_code == 401


def test_list(client: TestClient, db: Session, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role(None)
    row = make_row(db, actor)
    response = client.get(PATH, headers=actor.headers)
    assert response.status_code == 200, response.text
    page = response.json()
    assert row.id in [item["id"] for item in page["items"]]
    assert page["next_cursor"] is None


def test_list_pages(
    client: TestClient, db: Session, as_role: Callable[[str | None], Actor]
) -> None:
    actor = as_role(None)
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


def test_list_needs_credentials(client: TestClient) -> None:
    assert client.get(PATH).status_code == 401


def test_update(client: TestClient, db: Session, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role(None)
    row = make_row(db, actor)
    body: dict[str, Any] = {}
    body["name"] = update_value(202)
    response = client.patch(f"{PATH}/{row.id}", json=body, headers=actor.headers)
    assert response.status_code == 200, response.text
    assert response.json()["id"] == row.id
    unknown = client.patch(f"{PATH}/{row.id}", json={"not_a_field": 1}, headers=actor.headers)
    assert unknown.status_code == 422
    nulled = client.patch(f"{PATH}/{row.id}", json={"name": None}, headers=actor.headers)
    assert nulled.status_code in (200, 422)


def test_delete(client: TestClient, db: Session, as_role: Callable[[str | None], Actor]) -> None:
    actor = as_role(None)
    row = make_row(db, actor)
    response = client.delete(f"{PATH}/{row.id}", headers=actor.headers)
    assert response.status_code == 204
    assert client.delete(f"{PATH}/{row.id}", headers=actor.headers).status_code == 404
    db.expunge_all()
    assert db.get(Tag, row.id) is None
