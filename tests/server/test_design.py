from __future__ import annotations

from server_support import SPEC, SPEC_V2, World

from infranest.design.audit import audit
from infranest.spec.loader import load_text


def test_audit_matches_the_core_report(world: World) -> None:
    response = world.viewer.get(f"{world.versions}/1/audit")
    assert response.status_code == 200
    expected = audit(load_text(SPEC, "spec.nest").spec).to_json()
    assert response.json()["summary"] == expected["summary"]
    assert response.json()["summary"]["total"] > 0


def test_fix_saves_a_new_version_with_fewer_fixable_findings(world: World) -> None:
    assert world.viewer.post(f"{world.versions}/1/fix").status_code == 403
    assert world.outsider.post(f"{world.versions}/1/fix").status_code == 404
    assert world.anonymous.post(f"{world.versions}/1/fix").status_code == 401
    response = world.editor.post(f"{world.versions}/1/fix")
    assert response.status_code == 200
    body = response.json()
    assert body["applied"]
    assert body["version"]["number"] == 2
    before = world.viewer.get(f"{world.versions}/1/audit").json()["summary"]["total"]
    after = world.viewer.get(f"{world.versions}/2/audit").json()["summary"]["total"]
    assert after < before


def test_predict_gives_capacity_per_endpoint(world: World) -> None:
    response = world.viewer.get(f"{world.versions}/1/predict", params={"rps": 50})
    assert response.status_code == 200
    capacity = response.json()["capacity"]
    assert capacity["rps"] == 50
    assert capacity["endpoints"]
    assert "forecast" in response.json()
    bad = world.viewer.get(f"{world.versions}/1/predict", params={"target": "cobol"})
    assert bad.status_code == 422


def test_diff_between_versions(world: World) -> None:
    world.editor.post(world.versions, json={"text": SPEC_V2})
    response = world.viewer.get(f"/api/projects/{world.project}/diff", params={"old": 1, "new": 2})
    assert response.status_code == 200
    body = response.json()
    assert body["summary"]["total"] == 1
    assert "pinned" in body["changes"][0]["path"]
    assert set(body["migrations"]) == {"fastapi", "django", "sql"}
    missing = world.viewer.get(f"/api/projects/{world.project}/diff", params={"old": 1, "new": 7})
    assert missing.status_code == 404


def test_design_routes_hide_from_outsiders_and_need_a_session(world: World) -> None:
    urls = [
        f"{world.versions}/1/audit",
        f"{world.versions}/1/predict",
        f"/api/projects/{world.project}/diff?old=1&new=1",
    ]
    for url in urls:
        assert world.outsider.get(url).status_code == 404, url
        assert world.anonymous.get(url).status_code == 401, url
