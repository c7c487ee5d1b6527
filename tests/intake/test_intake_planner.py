"""The planner: valuable questions first, never what the text answered, few of them."""

from __future__ import annotations

import pytest

from infranest.intake.planner import MAX_QUESTIONS, THRESHOLD
from infranest.intake.session import Session, start

PRECISE = (
    "An online shop called potteryhub: products in categories, carts, orders with items and "
    "reviews by customers and staff. Django, PostgreSQL, JWT auth."
)
VAGUE = "an app for my business"


def _run(session: Session) -> list[str]:
    asked: list[str] = []
    while (q := session.next_question()) is not None:
        asked.append(q.id)
        session.answer(q.id, q.default, by_default=True)
    return asked


def test_stated_framework_auth_and_database_are_not_asked() -> None:
    asked = _run(start(PRECISE))
    assert not {"framework", "auth", "database", "name"} & set(asked)


def test_vague_description_gets_more_questions_than_a_precise_one() -> None:
    vague, precise = _run(start(VAGUE)), _run(start(PRECISE))
    assert len(vague) > len(precise)
    assert "purpose" in vague
    assert "name" in vague
    assert len(vague) <= MAX_QUESTIONS


def test_questions_come_most_valuable_first_with_choices_default_and_why() -> None:
    session = start("a booking system for salons: services and appointments")
    questions = session.open_questions()
    assert questions, "some decision should be open"
    scores = [q.score for q in questions]
    assert scores == sorted(scores, reverse=True)
    assert min(scores) >= THRESHOLD
    for q in questions:
        assert q.choices
        assert q.default in q.choices
        assert q.why


def test_answers_change_the_draft_at_once() -> None:
    session = start("a blog with posts, tags and comments")
    assert session.spec().project.target is None
    session.answer("framework", "rails")
    session.answer("database", "mysql")
    session.answer("auth", "none")
    spec = session.spec()
    assert (spec.project.target, spec.project.database) == ("rails", "mysql")
    assert not spec.project.auth.enabled
    assert spec.entity("User") is None
    assert all(not e.access for e in spec.entities)


def test_dropping_an_unknown_entity_removes_it() -> None:
    session = start("an app to manage beehives, hive inspections and honey harvests")
    unknown = [q for q in session.open_questions() if q.id.startswith("entity.")]
    assert unknown
    name = unknown[0].id.removeprefix("entity.")
    assert session.spec().entity(name) is not None
    session.answer(unknown[0].id, "drop")
    assert session.spec().entity(name) is None


def test_choosing_a_purpose_for_a_vague_text_brings_entities() -> None:
    session = start(VAGUE)
    session.answer("purpose", "booking")
    names = {e.name for e in session.spec().entities}
    assert {"Business", "Service"} <= names


def test_an_invalid_choice_is_refused() -> None:
    session = start(VAGUE)
    with pytest.raises(ValueError, match="not a choice"):
        session.answer("framework", "cobol")
    with pytest.raises(KeyError):
        session.answer("no-such-question", "x")


def test_the_same_question_comes_back_until_answered() -> None:
    session = start(VAGUE)
    first = session.next_question()
    assert first is not None
    assert session.next_question() == first


def test_auth_methods_combine_and_stated_auth_round_trips() -> None:
    session = start("a blog with posts")
    session.answer("auth", "jwt+oauth2(github)")
    auth = session.spec().project.auth
    assert auth.methods == ("jwt", "oauth2")
    assert auth.providers == ("github",)
    with pytest.raises(ValueError, match="combined"):
        session.answer("auth", "jwt+kerberos")
    stated = start("a blog with posts, sign in with GitHub").stated()
    assert stated["auth"] == "jwt+oauth2(github)"
