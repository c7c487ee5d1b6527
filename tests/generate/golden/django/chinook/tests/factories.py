"""Rows with valid values, for tests (each call makes a distinct row)."""

from __future__ import annotations

import datetime
import decimal
import itertools
from typing import Any

from api import models

_counter = itertools.count(1)


def text(name: str, n: int, low: int, high: int) -> str:
    value = f"{name.replace('_', ' ')} {n}"
    if len(value) < low:
        value = value.ljust(low, "x")
    return value[-high:] if len(value) > high else value


def number(n: int, low: Any, high: Any) -> Any:
    value = n
    if low is not None and value < low:
        value = low + n
    if high is not None and value > high:
        value = high
    return value


def unused(model: Any, name: str, choices: list[str]) -> str:
    """The first of ``choices`` no row of ``model`` holds yet (for unique columns)."""
    taken = set(model.objects.values_list(name, flat=True))
    return next((c for c in choices if c not in taken), choices[0])


def reserved_id(model: Any) -> int:
    """An id no row of ``model`` has, far above those the database gives."""
    from django.db.models import Max

    return max(model.objects.aggregate(top=Max("id"))["top"] or 0, 1_000_000) + 1


def make_user(role: str = "", **values: Any) -> Any:
    del role, values
    return None


def make_album(**values: Any) -> models.Album:
    n = next(_counter)
    values.setdefault("title", text("title", n, 0, 160))
    if "artist" not in values and "artist_id" not in values:
        values["artist"] = make_artist()
    return models.Album.objects.create(**values)


def make_artist(**values: Any) -> models.Artist:
    return models.Artist.objects.create(**values)


def make_customer(**values: Any) -> models.Customer:
    n = next(_counter)
    values.setdefault("first_name", text("first_name", n, 0, 40))
    values.setdefault("last_name", text("last_name", n, 0, 20))
    values.setdefault("email", text("email", n, 0, 60))
    return models.Customer.objects.create(**values)


def make_employee(**values: Any) -> models.Employee:
    n = next(_counter)
    values.setdefault("last_name", text("last_name", n, 0, 20))
    values.setdefault("first_name", text("first_name", n, 0, 20))
    return models.Employee.objects.create(**values)


def make_genre(**values: Any) -> models.Genre:
    return models.Genre.objects.create(**values)


def make_invoice(**values: Any) -> models.Invoice:
    n = next(_counter)
    values.setdefault(
        "invoice_date", datetime.datetime(2024, 1, n % 28 + 1, 12, tzinfo=datetime.UTC)
    )
    values.setdefault("total", decimal.Decimal("1.00"))
    if "customer" not in values and "customer_id" not in values:
        values["customer"] = make_customer()
    return models.Invoice.objects.create(**values)


def make_invoice_line(**values: Any) -> models.InvoiceLine:
    n = next(_counter)
    values.setdefault("unit_price", decimal.Decimal("1.00"))
    values.setdefault("quantity", number(n, None, None))
    if "invoice" not in values and "invoice_id" not in values:
        values["invoice"] = make_invoice()
    if "track" not in values and "track_id" not in values:
        values["track"] = make_track()
    return models.InvoiceLine.objects.create(**values)


def make_media_type(**values: Any) -> models.MediaType:
    return models.MediaType.objects.create(**values)


def make_playlist(**values: Any) -> models.Playlist:
    return models.Playlist.objects.create(**values)


def make_playlist_track(**values: Any) -> models.PlaylistTrack:
    if "playlist" not in values and "playlist_id" not in values:
        values["playlist"] = make_playlist()
    if "track" not in values and "track_id" not in values:
        values["track"] = make_track()
    return models.PlaylistTrack.objects.create(**values)


def make_track(**values: Any) -> models.Track:
    n = next(_counter)
    values.setdefault("name", text("name", n, 0, 200))
    values.setdefault("milliseconds", number(n, None, None))
    values.setdefault("unit_price", decimal.Decimal("1.00"))
    if "media_type" not in values and "media_type_id" not in values:
        values["media_type"] = make_media_type()
    return models.Track.objects.create(**values)
