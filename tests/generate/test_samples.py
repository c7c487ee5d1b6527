"""The shared sample values: valid for every constraint, unique per n, and invalid ones
that really break a constraint."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal

import pytest

from infranest.generate.samples import (
    NoSampleError,
    invalid_value,
    sample_value,
)
from infranest.spec.exporters.api_types import BodyField

TEXT_FIELDS = [
    BodyField("title", "string", max_length=255),
    BodyField("code", "string", pattern=r"^[A-Z]{3}-\d{4}$", max_length=8),
    BodyField("slug", "string", pattern=r"^[a-z]+$", max_length=40),
    BodyField("phone", "string", pattern=r"^\+?[0-9 ]{7,15}$"),
    BodyField("short", "string", min_length=2, max_length=3),
    BodyField("body", "text", min_length=10),
]


def _valid_text(f: BodyField, value: str) -> bool:
    if f.pattern is not None and re.search(f.pattern, value) is None:
        return False
    return (f.min_length or 0) <= len(value) <= (f.max_length or 10**9)


@pytest.mark.parametrize("f", TEXT_FIELDS, ids=lambda f: f.name)
def test_text_samples_satisfy_constraints_and_vary(f: BodyField) -> None:
    values = [sample_value(f, n) for n in range(1, 21)]
    assert all(isinstance(v, str) and _valid_text(f, v) for v in values), values
    if f.name != "short":  # two or three characters leave room for few values, still >1
        assert len(set(values)) == len(values), values
    else:
        assert len(set(values)) > 1


@pytest.mark.parametrize("f", TEXT_FIELDS, ids=lambda f: f.name)
def test_invalid_text_breaks_a_constraint(f: BodyField) -> None:
    bad = invalid_value(f)
    assert bad is not None
    assert isinstance(bad.value, str)
    assert not _valid_text(f, bad.value)


def test_numbers_stay_within_bounds_and_digits() -> None:
    qty = BodyField("qty", "int", minimum=1, maximum=5)
    assert {sample_value(qty, n) for n in range(50)} <= {1, 2, 3, 4, 5}
    price = BodyField("price", "decimal", precision=4, scale=2, minimum=0.5)
    for n in range(300):
        value = sample_value(price, n)
        assert isinstance(value, str)
        assert Decimal("0.5") <= Decimal(value) <= Decimal("99.99")
    low = invalid_value(qty)
    assert low is not None
    assert low.value == 0
    big = BodyField("big", "int", maximum=10)
    bad = invalid_value(big)
    assert bad is not None
    assert bad.value == 11
    assert bad.constraint == "maximum"


def test_values_parse_as_their_types() -> None:
    assert date.fromisoformat(str(sample_value(BodyField("d", "date"), 3)))
    assert datetime.fromisoformat(str(sample_value(BodyField("t", "datetime"), 3))).tzinfo
    assert time.fromisoformat(str(sample_value(BodyField("h", "time"), 30)))
    email = sample_value(BodyField("email", "email"), 7)
    assert isinstance(email, str)
    assert re.fullmatch(r"[a-z0-9]+@example\.com", email)
    assert sample_value(BodyField("tags", "id", many=True), 1) == []
    assert sample_value(BodyField("state", "enum", enum="S", choices=("a", "b")), 1) == "b"


def test_impossible_constraints_raise() -> None:
    with pytest.raises(NoSampleError, match="qty"):
        sample_value(BodyField("qty", "int", minimum=10, maximum=5), 1)
    with pytest.raises(NoSampleError, match="owner"):
        sample_value(BodyField("owner", "id", target="User"), 1)
