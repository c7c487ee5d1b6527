from __future__ import annotations

from server_support import World

from infranest.intake.session import start

TEXT = "A shop where customers order products and pay by card; staff ship the orders."


def test_conversation_asks_the_core_sessions_questions(world: World) -> None:
    started = world.editor.post("/api/intake", json={"text": TEXT})
    assert started.status_code == 201
    body = started.json()
    core = start(TEXT)
    first = core.next_question()
    assert first is not None
    assert body["question"]["id"] == first.id
    assert body["spec"].startswith("project")
    core.answer(first.id, first.default)
    following = core.next_question()
    answered = world.editor.post(
        f"/api/intake/{body['id']}/answers",
        json={"question_id": first.id, "value": first.default},
    ).json()
    assert answered["answered"] == [{"question_id": first.id, "answer": first.default}]
    assert (answered["question"] or {}).get("id") == (following.id if following else None)
    assert world.editor.get(f"/api/intake/{body['id']}").json()["answered"] == answered["answered"]


def test_bad_answer_is_422_and_others_cannot_see_the_conversation(world: World) -> None:
    body = world.editor.post("/api/intake", json={"text": TEXT}).json()
    question = body["question"]
    url = f"/api/intake/{body['id']}"
    if not question["free_text"] and question["id"] != "auth":
        bad = world.editor.post(
            f"{url}/answers", json={"question_id": question["id"], "value": "zzz"}
        )
        assert bad.status_code == 422
    unknown = world.editor.post(f"{url}/answers", json={"question_id": "nope", "value": "x"})
    assert unknown.status_code == 422
    assert world.viewer.get(url).status_code == 404
    assert world.anonymous.get(url).status_code == 401
    assert world.anonymous.post("/api/intake", json={"text": TEXT}).status_code == 401
    assert world.editor.get("/api/intake/missing").status_code == 404


def test_save_needs_editor_on_the_project(world: World) -> None:
    body = world.viewer.post("/api/intake", json={"text": TEXT}).json()
    url = f"/api/intake/{body['id']}/save"
    assert world.viewer.post(url, json={"project_id": world.project}).status_code == 403
    mine = world.editor.post("/api/intake", json={"text": TEXT}).json()
    saved = world.editor.post(
        f"/api/intake/{mine['id']}/save", json={"project_id": world.project, "message": "m"}
    )
    assert saved.status_code == 201
    assert saved.json()["number"] == 2
    assert saved.json()["text"] == mine["spec"]
    other = world.outsider.post("/api/intake", json={"text": TEXT}).json()
    hidden = world.outsider.post(
        f"/api/intake/{other['id']}/save", json={"project_id": world.project}
    )
    assert hidden.status_code == 404


def test_expected_counts_the_questions_left_and_ends_at_the_answered_count(world: World) -> None:
    body = world.editor.post("/api/intake", json={"text": TEXT}).json()
    core = start(TEXT)
    assert body["expected"] == min(10, len(core.open_questions()))
    assert body["expected"] >= 1
    url = f"/api/intake/{body['id']}"
    while body["question"] is not None:
        question = body["question"]
        assert len(body["answered"]) < body["expected"]
        body = world.editor.post(
            f"{url}/answers", json={"question_id": question["id"], "value": question["default"]}
        ).json()
    assert body["expected"] == len(body["answered"])
