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
