"""Names for imported SQL: entities from table names, fields from columns."""

from __future__ import annotations

from infranest.spec.names import to_pascal, to_snake, words

_IRREGULAR = {
    "people": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "mice": "mouse",
    "geese": "goose",
    "feet": "foot",
    "teeth": "tooth",
    "criteria": "criterion",
    "indices": "index",
    "matrices": "matrix",
    "vertices": "vertex",
    "analyses": "analysis",
    "statuses": "status",
    "buses": "bus",
    "aliases": "alias",
    "movies": "movie",
    "cookies": "cookie",
}
_UNCHANGED = frozenset({"data", "media", "news", "series", "species", "metadata", "sms", "gps"})


def singular(word: str) -> str:
    """The singular of a simple English plural; anything else comes back unchanged.

    ``customers`` → ``customer``, ``categories`` → ``category``, ``addresses`` →
    ``address``, ``boxes`` → ``box``; ``status``, ``class``, ``analysis`` stay.
    """
    lower = word.lower()
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    if lower in _UNCHANGED or len(lower) <= 3 or not lower.endswith("s"):
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


def entity_name(table: str) -> str:
    """``film_actor`` → ``FilmActor``; ``order_items`` → ``OrderItem``."""
    parts = words(table)
    if not parts:
        return to_pascal(table)
    return to_pascal("_".join([*parts[:-1], singular(parts[-1])]))


def relation_name(column: str) -> str:
    """``film_id`` → ``film``; ``AlbumId`` → ``album``; ``reports_to`` stays."""
    snake = to_snake(column)
    if snake.endswith("_id") and len(snake) > 3:
        return snake[:-3]
    if snake.startswith("id_") and len(snake) > 3:
        return snake[3:]
    return snake


def unique_name(base: str, taken: set[str], *, separator: str = "_") -> str:
    """``base``, or ``base_2``, ``base_3``... whichever is not taken yet; marks it taken."""
    name, number = base, 2
    while name.lower() in taken:
        name = f"{base}{separator}{number}"
        number += 1
    taken.add(name.lower())
    return name
