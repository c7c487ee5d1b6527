from __future__ import annotations

from server_support import SPEC, SPEC_V2, World

BROKEN = SPEC.replace("title: string", "title: strng")


def test_save_list_and_get_versions(world: World) -> None:
    saved = world.editor.post(world.versions, json={"text": SPEC_V2, "message": "pin"})
    assert saved.status_code == 201
    assert (saved.json()["number"], saved.json()["message"]) == (2, "pin")
    listed = world.viewer.get(world.versions).json()
    assert [(v["number"], v["message"]) for v in listed] == [(2, "pin"), (1, "v1")]
    one = world.viewer.get(f"{world.versions}/1").json()
    assert one["text"] == SPEC
    assert world.viewer.get(f"{world.versions}/9").status_code == 404


def test_viewer_cannot_save_and_outsider_cannot_see(world: World) -> None:
    body = {"text": SPEC_V2}
    assert world.viewer.post(world.versions, json=body).status_code == 403
    assert world.outsider.post(world.versions, json=body).status_code == 404
    assert world.anonymous.post(world.versions, json=body).status_code == 401
    for url in (world.versions, f"{world.versions}/1", f"{world.versions}/1/formatted"):
        assert world.outsider.get(url).status_code == 404
        assert world.anonymous.get(url).status_code == 401


def test_an_invalid_spec_is_refused_with_line_and_column(world: World) -> None:
    response = world.editor.post(world.versions, json={"text": BROKEN})
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "the spec is not valid"
    error = next(e for e in body["errors"] if e["level"] == "error")
    assert (error["file"], error["line"], error["column"]) == ("spec.nest", 6, 3)
    assert "strng" in error["message"]
    assert [v["number"] for v in world.viewer.get(world.versions).json()] == [1]


def test_a_syntax_error_is_refused_with_line_and_column(world: World) -> None:
    response = world.editor.post(world.versions, json={"text": "entity {\n"})
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["line"] == 1
    assert error["column"] >= 1


def test_formatted_version_is_canonical(world: World) -> None:
    messy = SPEC.replace("  title: string\n", "  title:   string\n")
    world.editor.post(world.versions, json={"text": messy})
    formatted = world.viewer.get(f"{world.versions}/2/formatted").json()["text"]
    assert "title: string" in formatted
    assert formatted == world.viewer.get(f"{world.versions}/1/formatted").json()["text"]


def test_check_and_format_text_without_saving(world: World) -> None:
    ok = world.viewer.post("/api/specs/check", json={"text": SPEC}).json()
    assert (ok["valid"], ok["format"]) == (True, "nest")
    bad = world.viewer.post("/api/specs/check", json={"text": BROKEN}).json()
    assert bad["valid"] is False
    assert any(d["line"] == 6 for d in bad["diagnostics"])
    assert world.anonymous.post("/api/specs/check", json={"text": SPEC}).status_code == 401
    formatted = world.viewer.post("/api/specs/format", json={"text": SPEC})
    assert formatted.json()["text"].startswith("project notes")
    assert world.viewer.post("/api/specs/format", json={"text": BROKEN}).status_code == 422
    assert world.anonymous.post("/api/specs/format", json={"text": SPEC}).status_code == 401
