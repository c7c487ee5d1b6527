from __future__ import annotations

from server_support import World


def test_project_crud_by_role(world: World) -> None:
    url = f"/api/workspaces/{world.workspace}/projects"
    assert world.viewer.post(url, json={"name": "X"}).status_code == 403
    assert world.outsider.post(url, json={"name": "X"}).status_code == 404
    assert world.anonymous.post(url, json={"name": "X"}).status_code == 401
    created = world.editor.post(url, json={"name": "Shop"})
    assert created.status_code == 201
    shop = created.json()
    assert shop["latest_version"] is None
    names = [p["name"] for p in world.viewer.get(url).json()]
    assert names == ["Notes", "Shop"]
    assert world.outsider.get(url).status_code == 404
    one = f"/api/projects/{shop['id']}"
    assert world.viewer.get(one).json()["name"] == "Shop"
    assert world.outsider.get(one).status_code == 404
    assert world.viewer.patch(one, json={"name": "Y"}).status_code == 403
    assert world.outsider.patch(one, json={"name": "Y"}).status_code == 404
    patched = world.editor.patch(one, json={"description": "store"})
    assert (patched.json()["name"], patched.json()["description"]) == ("Shop", "store")
    assert world.editor.delete(one).status_code == 403
    assert world.outsider.delete(one).status_code == 404
    assert world.owner.delete(one).status_code == 204
    assert world.owner.get(one).status_code == 404


def test_latest_version_is_reported(world: World) -> None:
    assert world.viewer.get(f"/api/projects/{world.project}").json()["latest_version"] == 1
    assert world.anonymous.get(f"/api/projects/{world.project}").status_code == 401
