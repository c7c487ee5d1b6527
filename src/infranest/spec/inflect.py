"""English inflection for names: the plural of a collection, the singular of a table."""

from __future__ import annotations

# singular → plural; read both ways.
_IRREGULAR: dict[str, str] = {
    "index": "indices",
    "status": "statuses",
    "bus": "buses",
    "alias": "aliases",
    "movie": "movies",
    "cookie": "cookies",
    "person": "people",
    "child": "children",
    "man": "men",
    "woman": "women",
    "mouse": "mice",
    "goose": "geese",
    "foot": "feet",
    "tooth": "teeth",
    "ox": "oxen",
    "datum": "data",
    "medium": "media",
    "criterion": "criteria",
    "phenomenon": "phenomena",
    "analysis": "analyses",
    "crisis": "crises",
    "thesis": "theses",
    "matrix": "matrices",
    "vertex": "vertices",
    "quiz": "quizzes",
    "leaf": "leaves",
    "life": "lives",
    "knife": "knives",
    "wife": "wives",
    "half": "halves",
    "shelf": "shelves",
    "wolf": "wolves",
    "thief": "thieves",
    "hero": "heroes",
    "potato": "potatoes",
    "tomato": "tomatoes",
    "echo": "echoes",
}
_SINGULAR: dict[str, str] = {plural: one for one, plural in _IRREGULAR.items()}
_UNCOUNTABLE: frozenset[str] = frozenset(
    {
        "sheep",
        "fish",
        "deer",
        "series",
        "species",
        "news",
        "equipment",
        "information",
        "metadata",
        "feedback",
        "software",
        "hardware",
        "staff",
        "money",
        "data",
        "media",
        "sms",
        "gps",
    }
)


def pluralize(word: str) -> str:
    """The English plural of one lower-case word: irregulars, then y→ies, s/x/z/ch/sh→es, +s.

    Uncountable words and words that already are an irregular plural stay as they are.
    """
    if word in _UNCOUNTABLE or word in _IRREGULAR.values():
        return word
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def singularize(word: str) -> str:
    """The singular of a simple English plural; anything else comes back unchanged.

    ``customers`` → ``customer``, ``categories`` → ``category``, ``addresses`` →
    ``address``, ``boxes`` → ``box``; ``status``, ``class``, ``analysis`` stay.
    """
    lower = word.lower()
    if lower in _UNCOUNTABLE:
        return word
    if lower in _SINGULAR:
        return _SINGULAR[lower]
    if len(lower) <= 3 or not lower.endswith("s"):
        return word
    if lower.endswith("ies"):
        return word[:-3] + "y"
    if lower.endswith("zzes"):
        return word[:-3]
    if lower.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if lower.endswith(("ss", "us", "is")):
        return word
    return word[:-1]
