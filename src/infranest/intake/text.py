"""Normalising descriptions: tokens, singular forms, synonyms and typo tolerance."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from infranest.spec.inflect import singularize


def _lexicon() -> dict[str, list[str]]:
    text = resources.files("infranest.intake").joinpath("lexicon.yaml").read_text("utf-8")
    data: dict[str, list[str]] = yaml.safe_load(text)
    return data


LEXICON = _lexicon()

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[,.;:!?()/&+]")
PUNCTUATION = frozenset(",.;:!?()/&+")

# Spelling variants and common shorthands, read before anything else.
SYNONYMS: dict[str, str] = {
    "ecommerce": "e commerce",
    "organisation": "organization",
    "enrolment": "enrollment",
    "organiser": "organizer",
    "traveller": "traveler",
    "cancelled": "canceled",
    "catalog": "catalogue",
    "postgre": "postgresql",
    "postgres": "postgresql",
    "pg": "postgresql",
    "mongo": "mongodb",
    "todos": "todo",
    "w": "with",
    "msg": "message",
    "msgs": "message",
    "pics": "photo",
    "pic": "photo",
    "img": "image",
    "appt": "appointment",
    "appts": "appointment",
    "db": "database",
    "auth'd": "authenticated",
    "signup": "sign up",
    "login": "log in",
    "checkin": "check in",
    "dms": "dm",
}

# Words never taken for a misspelt domain word, nor for an unknown entity.
COMMON_WORDS: frozenset[str] = frozenset(LEXICON["common"])


@dataclass(frozen=True)
class Token:
    """One word of a description: its surface form and its normalised (singular) form."""

    raw: str
    word: str
    plural: bool = False

    @property
    def is_punct(self) -> bool:
        return self.word in PUNCTUATION


def raw_tokens(text: str) -> list[str]:
    """Lower-case words and punctuation; hyphens and underscores split words."""
    lowered = text.lower().replace("-", " ").replace("_", " ").replace("’", "'")
    out: list[str] = []
    for tok in _TOKEN.findall(lowered):
        out.extend(SYNONYMS.get(tok, tok).split())
    return out


def normalize_word(word: str) -> str:
    """The singular of a lower-case word (``categories`` → ``category``)."""
    if word in PUNCTUATION or word.isdigit() or len(word) <= 3:
        return word
    return singularize(word)


def phrase_key(phrase: str) -> str:
    """The lookup key of a knowledge-base phrase: normalised words joined by spaces."""
    return " ".join(normalize_word(w) for w in raw_tokens(phrase) if w not in PUNCTUATION)


@cache
def _english() -> Any:
    from spellchecker import SpellChecker

    return SpellChecker(distance=1)


def _undoubled(word: str) -> str:
    return re.sub(r"(.)\1", r"\1", word)


def _inflections(word: str) -> set[str]:
    """The plural and verb forms of ``word`` (invite: invites, invited, inviting)."""
    forms = {word, f"{word}s", f"{word}es", f"{word}ed", f"{word}ing"}
    if word.endswith("e"):
        forms |= {f"{word}d", f"{word[:-1]}ing"}
    if word.endswith("y"):
        forms |= {f"{word[:-1]}ies", f"{word[:-1]}ied"}
    return forms


def is_english(word: str) -> bool:
    """The word is in an English word-frequency dictionary (pyspellchecker's)."""
    return bool(_english().known([word.lower()]))


class Speller:
    """Corrects words close to the vocabulary (domain words, entity terms, settings)."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self.vocabulary = sorted({w for w in vocabulary if len(w) >= 4})
        self._known = frozenset(self.vocabulary)
        self._cache: dict[str, str] = {}

    def knows(self, word: str) -> bool:
        return word in self._known or word in COMMON_WORDS

    def correct(self, word: str) -> str:
        if len(word) < 5 or word in self._known or word in COMMON_WORDS or word.isdigit():
            return word
        if word not in self._cache:
            matches = difflib.get_close_matches(word, self.vocabulary, n=3, cutoff=0.84)
            # A known word with a prefix (repayment) is a compound, not a typo; nor is a
            # known word's part (light in flight).
            fits = [m for m in matches if not word.endswith(m) and word not in m]
            if is_english(word):
                # "plants" is a word, not a typo of "plans": an English word only takes an
                # inflection (menus → menu) or a spelling variant (travellers → traveler).
                fits = [m for m in fits if _undoubled(word) in _inflections(_undoubled(m))]
            self._cache[word] = fits[0] if fits else word
        return self._cache[word]


def tokenize(text: str, speller: Speller | None = None) -> list[Token]:
    """Tokens with singular forms; misspelt words corrected when a speller is given."""
    tokens: list[Token] = []
    for raw in raw_tokens(text):
        word = normalize_word(raw)
        if speller is not None and not speller.knows(word) and word not in PUNCTUATION:
            fixed = speller.correct(raw)
            word = normalize_word(fixed) if fixed != raw else speller.correct(word)
        tokens.append(Token(raw=raw, word=word, plural=word != raw and raw.endswith("s")))
    return tokens
