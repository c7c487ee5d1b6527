from __future__ import annotations

from server_support import World


def _ids(world: World) -> dict[str, int]:
    members = world.owner.get(f"/api/workspaces/{world.workspace}/members").json()
    return {m["email"].split("@")[0]: m["user_id"] for m in members}


def test_create_and_list_show_the_callers_role(world: World) -> None:
    own = world.viewer.post("/api/workspaces", json={"name": "Mine"})
    assert own.status_code == 201
    assert own.json()["role"] == "owner"
    listed = world.viewer.get("/api/workspaces").json()
    assert [(w["name"], w["role"]) for w in listed] == [("Team", "viewer"), ("Mine", "owner")]
    assert world.outsider.get("/api/workspaces").json() == []


def test_get_workspace_member_sees_it_outsider_gets_404(world: World) -> None:
    url = f"/api/workspaces/{world.workspace}"
    assert world.viewer.get(url).json()["role"] == "viewer"
    assert world.outsider.get(url).status_code == 404
    assert world.owner.get("/api/workspaces/999").status_code == 404
    assert world.anonymous.get(url).status_code == 401


def test_members_are_listed_for_members_only(world: World) -> None:
    url = f"/api/workspaces/{world.workspace}/members"
    roles = {m["email"]: m["role"] for m in world.viewer.get(url).json()}
    assert roles == {
        "alice@example.com": "owner",
        "bob@example.com": "editor",
        "carol@example.com": "viewer",
    }
    assert world.outsider.get(url).status_code == 404
    assert world.anonymous.get(url).status_code == 401


def test_only_the_owner_adds_members(world: World) -> None:
    url = f"/api/workspaces/{world.workspace}/members"
    body = {"email": "dave@example.com", "role": "viewer"}
    assert world.editor.post(url, json=body).status_code == 403
    assert world.viewer.post(url, json=body).status_code == 403
    assert world.outsider.post(url, json=body).status_code == 404
    assert world.anonymous.post(url, json=body).status_code == 401
    assert world.owner.post(url, json={"email": "nobody@example.com"}).status_code == 404
    assert world.owner.post(url, json=body).status_code == 201
    assert world.owner.post(url, json=body).status_code == 409
    assert world.outsider.get(f"/api/workspaces/{world.workspace}").json()["role"] == "viewer"


def test_only_the_owner_changes_roles_and_one_owner_remains(world: World) -> None:
    ids = _ids(world)
    carol = f"/api/workspaces/{world.workspace}/members/{ids['carol']}"
    assert world.editor.patch(carol, json={"role": "owner"}).status_code == 403
    assert world.outsider.patch(carol, json={"role": "owner"}).status_code == 404
    changed = world.owner.patch(carol, json={"role": "editor"})
    assert changed.json()["role"] == "editor"
    alice = f"/api/workspaces/{world.workspace}/members/{ids['alice']}"
    assert world.owner.patch(alice, json={"role": "viewer"}).status_code == 409
    missing = f"/api/workspaces/{world.workspace}/members/999"
    assert world.owner.patch(missing, json={"role": "viewer"}).status_code == 404


def test_only_the_owner_removes_members(world: World) -> None:
    ids = _ids(world)
    base = f"/api/workspaces/{world.workspace}/members"
    assert world.editor.delete(f"{base}/{ids['carol']}").status_code == 403
    assert world.outsider.delete(f"{base}/{ids['carol']}").status_code == 404
    assert world.owner.delete(f"{base}/{ids['alice']}").status_code == 409
    assert world.owner.delete(f"{base}/{ids['carol']}").status_code == 204
    assert world.viewer.get(f"/api/workspaces/{world.workspace}").status_code == 404


def test_api_keys_are_shown_once_and_owner_only(world: World) -> None:
    url = f"/api/workspaces/{world.workspace}/api-keys"
    assert world.editor.post(url, json={"name": "ingest"}).status_code == 403
    assert world.outsider.get(url).status_code == 404
    created = world.owner.post(url, json={"name": "ingest"})
    assert created.status_code == 201
    key = created.json()
    assert key["key"].startswith(key["prefix"])
    listed = world.owner.get(url).json()
    assert [(k["name"], k["prefix"]) for k in listed] == [("ingest", key["prefix"])]
    assert "key" not in listed[0]
    assert world.editor.delete(f"{url}/{key['id']}").status_code == 403
    assert world.owner.delete(f"{url}/{key['id']}").status_code == 204
    assert world.owner.delete(f"{url}/{key['id']}").status_code == 404
