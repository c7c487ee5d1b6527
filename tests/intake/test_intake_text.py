"""Normalisation: plurals, spelling variants, typos."""

from __future__ import annotations

from infranest.intake.text import Speller, phrase_key, tokenize


def test_plurals_become_singular_and_hyphens_split() -> None:
    assert [t.word for t in tokenize("Categories, e-commerce; addresses")] == [
        "category",
        ",",
        "e",
        "commerce",
        ";",
        "address",
    ]
    assert phrase_key("Shopping Carts") == "shopping cart"


def test_typos_are_corrected_towards_the_vocabulary() -> None:
    speller = Speller(["restaurant", "inventory", "article", "payment", "flight"])
    words = [t.word for t in tokenize("restaraunts inventroy articels", speller)]
    assert words == ["restaurant", "inventory", "article"]


def test_compounds_and_parts_of_known_words_are_not_typos() -> None:
    speller = Speller(["payment", "flight"])
    assert [t.word for t in tokenize("repayments lights", speller)] == ["repayment", "light"]


def test_common_words_are_left_alone() -> None:
    speller = Speller(["customer", "theses"])
    assert [t.word for t in tokenize("these customers", speller)] == ["these", "customer"]
