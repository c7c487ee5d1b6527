"""The shared pieces every resource uses: strict fields, list parameters, error bodies."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from rest_framework import serializers

from api import fields
from api.errors import field_errors
from api.querying import decode_cursor, encode_cursor, parse_value


def _rejects(field: serializers.Field, value: Any) -> bool:  # type: ignore[type-arg]
    try:
        field.run_validation(value)
    except serializers.ValidationError:
        return True
    return False


@pytest.mark.parametrize(
    ("field", "good", "bad"),
    [
        (fields.StringField(max_length=3, pattern="^a"), "ab", ["ba", 1, "abcd", "a\x00", ""]),
        (fields.EmailField(), "a@example.com", ["nope", 5, "a b@c"]),
        (fields.UrlField(), "https://example.com", ["nope", 5, "http://a b"]),
        (fields.UuidField(), str(uuid.UUID(int=1)), [1, "nope"]),
        (fields.ChoiceField(choices=["a", "b"]), "a", ["c", 1]),
        (fields.DateField(), "2024-01-02", ["nope", 1]),
        (fields.DateTimeField(), "2024-01-02T03:04:05Z", ["nope", 1]),
        (fields.TimeField(), "03:04:05", ["nope", 1]),
        (fields.IntegerField(min_value=1, max_value=9), 5.0, [0, 10, True, 1.5, "5"]),
        (fields.IntegerField(bits=64), 2**40, [2**63, "1"]),
        (fields.FloatField(min_value=0), 1.5, [-1, True, "1.5"]),
        (fields.BooleanField(), True, ["true", 1, None]),
        (fields.IdListField(), [2, 1, 2], ["1", [0], ["x"]]),
        (
            fields.DecimalField(
                pattern=r"^-?\d{1,4}(\.\d{1,2})?$",
                decimal_places=2,
                min_value=Decimal("0"),
                max_value=Decimal("100"),
            ),
            "12.5",
            [12.5, "-1", "101", "1.234", "x"],
        ),
    ],
)
def test_strict_fields(field: Any, good: Any, bad: list[Any]) -> None:
    assert not _rejects(field, good)
    for value in bad:
        assert _rejects(field, value), value


def test_decimals_are_written_with_their_scale() -> None:
    field = fields.DecimalField(pattern=r"^\d+(\.\d+)?$", decimal_places=2)
    assert field.to_representation(Decimal("3.5")) == "3.50"
    assert fields.IdListField().run_validation([3, 1, 3]) == [1, 3]
    assert fields.UtcTimeField().to_representation(datetime.time(3, 4, 5)) == "03:04:05Z"
    aware = datetime.time(3, 4, 5, tzinfo=datetime.UTC)
    assert fields.UtcTimeField().to_representation(aware) == "03:04:05+00:00"


def test_closed_bodies_reject_unknown_keys_and_non_objects() -> None:
    class Body(fields.ClosedSerializer):
        name = fields.StringField(required=True)

    assert Body(data={"name": "x"}).is_valid()
    unknown = Body(data={"name": "x", "other": 1})
    assert not unknown.is_valid()
    assert "other" in unknown.errors
    assert not Body(data=[1]).is_valid()


@pytest.mark.parametrize(
    ("kind", "raw", "value"),
    [
        ("int", "42", 42),
        ("bigint", "-7", -7),
        ("id", "3", 3),
        ("float", "1.5", 1.5),
        ("decimal", "2.50", Decimal("2.50")),
        ("bool", "true", True),
        ("bool", "false", False),
        ("date", "2024-01-02", datetime.date(2024, 1, 2)),
        ("time", "03:04:05", datetime.time(3, 4, 5)),
        ("uuid", str(uuid.UUID(int=5)), uuid.UUID(int=5)),
        ("string", "text", "text"),
    ],
)
def test_parameters_parse_by_type(kind: str, raw: str, value: Any) -> None:
    assert parse_value("p", kind, raw) == value


def test_datetime_parameters_are_aware() -> None:
    found = parse_value("p", "datetime", "2024-01-02T03:04:05")
    assert found.tzinfo is not None
    assert parse_value("p", "enum", "a", ("a", "b")) == "a"


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        ("int", "1.5"),
        ("int", str(2**40)),
        ("id", "0"),
        ("float", "x"),
        ("float", "nan"),
        ("decimal", "x"),
        ("bool", "yes"),
        ("date", "2024-13-45"),
        ("datetime", "x"),
        ("time", "25:00"),
        ("uuid", "x"),
    ],
)
def test_invalid_parameters_answer_422(kind: str, raw: str) -> None:
    with pytest.raises(serializers.ValidationError):
        parse_value("p", kind, raw, pattern=r"^\d+$" if kind == "decimal" else None)
    with pytest.raises(serializers.ValidationError):
        parse_value("p", "enum", "c", ("a", "b"))


def test_cursors_round_trip_and_reject_garbage() -> None:
    assert decode_cursor(encode_cursor(40)) == 40
    for raw in ("!!", encode_cursor(1)[:-1] + "@", "eDox", "bzp4"):
        with pytest.raises(serializers.ValidationError):
            decode_cursor(raw)


def test_error_details_are_flattened() -> None:
    detail = {
        "a": ["bad"],
        "b": {"c": ["worse"]},
        "non_field_errors": ["whole"],
        "d": [{"e": ["x"]}],
    }
    assert field_errors(detail) == [
        {"field": "a", "message": "bad"},
        {"field": "b.c", "message": "worse"},
        {"field": "", "message": "whole"},
        {"field": "d[0].e", "message": "x"},
    ]
    assert field_errors("plain") == [{"field": "", "message": "plain"}]


def test_entry_points_load() -> None:
    from config import asgi, wsgi

    assert wsgi.application is not None
    assert asgi.application is not None


def _request(user: Any = None, address: str = "10.0.0.1", body: bytes = b"", **headers: str) -> Any:
    return SimpleNamespace(
        user=user,
        META={"REMOTE_ADDR": address},
        headers=headers,
        body=body,
    )


def _member(pk: int) -> Any:
    return SimpleNamespace(pk=pk, is_authenticated=True, role="none")


@pytest.mark.django_db
def test_limits_count_per_scope_and_answer_retry_after(settings: Any) -> None:
    from django.core.cache import cache
    from rest_framework.exceptions import Throttled

    from api.throttling import Limit, check_limits

    settings.RATE_LIMIT_ENABLED = True
    cache.clear()
    for scope in ("user", "ip", "tenant", "global"):
        limits = (Limit(2, "minute", scope),)
        check_limits(_request(_member(1)), f"op-{scope}", limits)
        check_limits(_request(_member(1)), f"op-{scope}", limits)
        with pytest.raises(Throttled) as caught:
            check_limits(_request(_member(1)), f"op-{scope}", limits)
        assert caught.value.wait is not None and caught.value.wait >= 1
    check_limits(_request(None), "op-anonymous", (Limit(1, "second", "user"),))
    settings.RATE_LIMIT_ENABLED = False
    for _ in range(5):
        check_limits(_request(_member(1)), "op-user", (Limit(2, "minute", "user"),))


def test_idempotency_keys_replay_the_first_answer() -> None:
    from django.core.cache import cache
    from rest_framework.response import Response

    from api.crud import Op
    from api.throttling import idempotent

    cache.clear()
    op = Op("op", ("anyone",), idempotent=True)
    calls: list[int] = []

    def run() -> Response:
        calls.append(1)
        return Response({"n": len(calls)}, status=201)

    first = idempotent(_request(_member(1), **{"Idempotency-Key": "k"}), op, run)
    again = idempotent(_request(_member(1), **{"Idempotency-Key": "k"}), op, run)
    other = idempotent(_request(None, body=b"{}", **{"Idempotency-Key": "k"}), op, run)
    plain = idempotent(_request(_member(1)), op, run)
    assert (first.data, again.data, again.status_code) == ({"n": 1}, {"n": 1}, 201)
    assert other.data == {"n": 2} and plain.data == {"n": 3}
    with pytest.raises(serializers.ValidationError):
        idempotent(_request(_member(1), **{"Idempotency-Key": "k" * 256}), op, run)


@pytest.mark.django_db
def test_access_is_granted_by_principals() -> None:
    from django.contrib.contenttypes.models import ContentType
    from rest_framework import exceptions

    from api.crud import ALL, OWN, TENANT, Op, Resource, grant, holds, user_tenant

    resource = Resource(
        name="thing",
        model=ContentType,
        read=serializers.Serializer,
        create=None,
        update=serializers.Serializer,
        ops={},
        owner="owner",
        tenant="tenant",
    )
    member = _member(1)
    assert grant(_request(None), Op("a", ("anyone",)), resource) == ALL
    assert grant(_request(member), Op("a", ("authenticated",)), resource) == ALL
    assert grant(_request(member), Op("a", ("none",)), resource) == ALL
    assert grant(_request(member), Op("a", ("owner",)), resource) == OWN
    assert grant(_request(member), Op("a", ("tenant",)), resource) == TENANT
    with pytest.raises(exceptions.NotAuthenticated):
        grant(_request(None), Op("a", ("owner",)), resource)
    with pytest.raises(exceptions.PermissionDenied):
        grant(_request(member), Op("a", ("admin",)), resource)
    assert user_tenant(member) is None
    row = SimpleNamespace(owner_id=1, tenant_id=None)
    assert holds(None, ("anyone",), row, None, None)
    assert not holds(None, ("admin",), row, None, None)
    assert holds(member, ("owner",), row, "owner_id", None)
    assert not holds(_member(2), ("owner",), row, "owner_id", None)
    assert not holds(member, ("tenant",), row, None, "tenant_id")


@pytest.mark.django_db
def test_lists_page_sort_and_search_any_table() -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.http import QueryDict

    from api.querying import apply_search, apply_sort, paginate

    rows = ContentType.objects.all()
    count = rows.count()
    assert count >= 2
    items, envelope = paginate(
        apply_sort(rows, QueryDict(""), ()), QueryDict("size=1"), "cursor", 5, 10
    )
    assert len(items) == 1 and envelope["next_cursor"]
    following = QueryDict(f"size=10&cursor={envelope['next_cursor']}")
    rest, envelope = paginate(rows.order_by("id"), following, "cursor", 5, 10)
    assert rest[0].pk > items[0].pk
    everything, envelope = paginate(rows, QueryDict(""), "none", 5, 10)
    assert len(everything) == count and envelope == {}
    found = apply_search(rows, QueryDict("q=CONTENTTYPE"), ("model",))
    assert [r.model for r in found] == ["contenttype"]
    assert apply_search(rows, QueryDict(""), ("model",)).count() == count
    assert apply_search(rows, QueryDict("q=a%00b"), ("model",)).count() == 0
    ordered = apply_sort(rows, QueryDict("sort=-model"), ("model",))
    assert [r.model for r in ordered] == sorted((r.model for r in rows), reverse=True)
    with pytest.raises(serializers.ValidationError):
        apply_sort(rows, QueryDict("sort=--model"), ("model",))
    with pytest.raises(serializers.ValidationError):
        paginate(rows, QueryDict("page=0"), "offset", 5, 10)


def test_errors_map_to_contract_codes() -> None:
    from django.db import IntegrityError
    from rest_framework import exceptions

    from api.errors import handle_exception

    assert handle_exception(IntegrityError("dup"), {}).status_code == 409
    answer = handle_exception(exceptions.NotAuthenticated(), {})
    assert answer.status_code == 401 and answer.data["errors"] == []
    assert handle_exception(ValueError("x"), {}) is None


def test_read_roles_hide_keys_from_other_callers() -> None:
    class Body(fields.ReadSerializer):
        read_roles = {"secret": ("admin",)}
        name = serializers.CharField()
        secret = serializers.CharField()

    row = SimpleNamespace(name="n", secret="s")
    admin = SimpleNamespace(user=SimpleNamespace(role="admin", is_authenticated=True, pk=1))
    other = SimpleNamespace(user=SimpleNamespace(role="member", is_authenticated=True, pk=2))
    assert Body(row, context={"request": admin}).data == {"name": "n", "secret": "s"}
    assert Body(row, context={"request": other}).data == {"name": "n"}
