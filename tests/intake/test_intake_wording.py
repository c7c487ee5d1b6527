"""Wording that used to mislead extraction: a verb that is also an entity word, short
nouns, real English words close to a known term, listed nouns of a weakly indicated domain,
and the word that names the product itself."""

from __future__ import annotations

import pytest

from infranest.intake.extract import _speller, extract
from infranest.intake.text import tokenize


def _entities(text: str) -> set[str]:
    return set(extract(text).draft.entities)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "online bookstore where readers leave reviews on books",
            {"Book", "Review"},
            {"LeaveRequest"},
        ),
        ("app for my dog walking business: owners, dogs, walks, payments", {"Dog"}, set()),
        (
            "a tool to track greenhouse plants, sensors reading humidity",
            {"Plant"},
            {"Plan"},
        ),
        ("wedding planner: weddings, guests, budgets, tasks", {"Wedding", "Guest"}, {"Traveler"}),
        (
            "a recipe sharing site: users post recipes with ingredients",
            {"Recipe", "Ingredient"},
            {"Site"},
        ),
        ("HR system: employees, departments, sick leave, payroll", {"LeaveRequest"}, set()),
    ],
)
def test_wording(text: str, present: set[str], absent: set[str]) -> None:
    found = _entities(text)
    assert present <= found, found
    assert not absent & found, found


def test_english_words_keep_their_meaning_and_typos_are_still_fixed() -> None:
    words = {
        t.raw: t.word for t in tokenize("plants menus travellers invited restaraunts", _speller())
    }
    assert words["plants"] == "plant"
    assert words["menus"] == "menu"
    assert words["travellers"] == "traveler"
    assert words["invited"] == "invite"
    assert words["restaraunts"] == "restaurant"


def test_cardinality_is_read_from_the_text_and_can_be_answered() -> None:
    from infranest.intake.planner import decisions
    from infranest.intake.session import start
    from infranest.spec.validate import validate

    stated = start("app for a choir: singers belong to many ensembles, ensembles have rehearsals")
    singer = next(e for e in stated.spec().entities if e.name == "Singer")
    link = next(f for f in singer.fields if f.target == "Ensemble")
    assert (link.name, link.cardinality) == ("ensembles", "many_to_many")
    assert "relation.Singer.Ensemble" not in {d.id for d in decisions(stated.extraction(), {})}

    session = start("dog walking: owners have dogs, walks, walkers")
    # An open decision (answerable with --answers), below the threshold worth asking.
    assert "relation.Dog.Owner" in {d.id for d in decisions(session.extraction(), {})}
    dog = next(e for e in session.spec().entities if e.name == "Dog")
    assert [(f.name, f.cardinality) for f in dog.fields if f.target] == [("owner", "many_to_one")]
    session.answer("relation.Dog.Owner", "yes")
    spec = session.spec()
    dog = next(e for e in spec.entities if e.name == "Dog")
    assert [(f.name, f.cardinality) for f in dog.fields if f.target] == [("owners", "many_to_many")]
    assert [d.render() for d in validate(spec) if d.is_error] == []
