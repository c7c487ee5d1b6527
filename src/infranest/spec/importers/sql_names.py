"""Names for imported SQL: entities from table names, fields from columns."""

from __future__ import annotations

from infranest.spec.inflect import singularize
from infranest.spec.names import to_pascal, to_snake, words


def entity_name(table: str) -> str:
    """``film_actor`` → ``FilmActor``; ``order_items`` → ``OrderItem``."""
    parts = words(table)
    if not parts:
        return to_pascal(table)
    return to_pascal("_".join([*parts[:-1], singularize(parts[-1])]))


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
