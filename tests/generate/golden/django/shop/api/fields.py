"""Strict serializer fields: JSON types are checked as the contract states, never coerced."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from rest_framework import serializers

INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)


class StrictStringMixin:
    """Accept only JSON strings."""

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            raise serializers.ValidationError("Must be a string.")
        return super().to_internal_value(data)  # type: ignore[misc]


def _no_nul(value: str) -> None:
    if "\x00" in value:
        raise serializers.ValidationError("Must not contain NUL characters.")


class StringField(StrictStringMixin, serializers.CharField):
    def __init__(
        self, *, pattern: str | None = None, allow_nul: bool = False, **kwargs: Any
    ) -> None:
        kwargs.setdefault("trim_whitespace", False)
        blank_ok = not kwargs.get("min_length") and (pattern is None or re.search(pattern, ""))
        kwargs.setdefault("allow_blank", bool(blank_ok))
        super().__init__(**kwargs)
        if allow_nul:  # hashed, never stored as text
            self.validators = [
                v for v in self.validators if type(v).__name__ != "ProhibitNullCharactersValidator"
            ]
        else:
            self.validators.append(_no_nul)
        if pattern is not None:
            compiled = re.compile(pattern)

            def matches(value: str) -> None:
                if not compiled.search(value):
                    raise serializers.ValidationError(f"Must match the pattern {pattern}.")

            self.validators.append(matches)


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$")


class EmailField(StringField):
    """An email address (as JSON Schema's ``email`` format: local part, ``@``, domain)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allow_blank", False)
        super().__init__(**kwargs)
        self.validators.append(_matcher(_EMAIL, "Must be an email address."))


class UrlField(StringField):
    """An absolute URI (as JSON Schema's ``uri`` format: a scheme, then the rest)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allow_blank", False)
        super().__init__(**kwargs)
        self.validators.append(_matcher(_URI, "Must be an absolute URI."))


def _matcher(pattern: re.Pattern[str], message: str) -> Any:
    def check(value: str) -> None:
        if not pattern.search(value):
            raise serializers.ValidationError(message)

    return check


class UuidField(StrictStringMixin, serializers.UUIDField):
    pass


class ChoiceField(StrictStringMixin, serializers.ChoiceField):
    pass


class DateField(StrictStringMixin, serializers.DateField):
    pass


class DateTimeField(StrictStringMixin, serializers.DateTimeField):
    pass


class TimeField(StrictStringMixin, serializers.TimeField):
    pass


class UtcTimeField(serializers.TimeField):
    """A time of day written as RFC 3339 ``full-time``: with an offset (naive times are UTC)."""

    def to_representation(self, value: Any) -> Any:
        text = super().to_representation(value)
        if isinstance(text, str) and getattr(value, "tzinfo", None) is None:
            return f"{text}Z"
        return text


class IntegerField(serializers.IntegerField):
    """A JSON integer (not a boolean, float or string) within the column's range."""

    def __init__(self, *, bits: int = 32, **kwargs: Any) -> None:
        low, high = INT32 if bits == 32 else INT64
        kwargs.setdefault("min_value", low)
        kwargs.setdefault("max_value", high)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, float) and data.is_integer():
            data = int(data)
        if isinstance(data, bool) or not isinstance(data, int):
            raise serializers.ValidationError("Must be an integer.")
        return super().to_internal_value(data)


class FloatField(serializers.FloatField):
    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            raise serializers.ValidationError("Must be a number.")
        return super().to_internal_value(data)


class BooleanField(serializers.BooleanField):
    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, bool):
            raise serializers.ValidationError("Must be true or false.")
        return data


class DecimalField(serializers.Field):
    """A decimal number written as a JSON string matching ``pattern``."""

    def __init__(
        self,
        *,
        pattern: str,
        decimal_places: int,
        min_value: Decimal | None = None,
        max_value: Decimal | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.pattern = re.compile(pattern)
        self.decimal_places = decimal_places
        self.min_value = min_value
        self.max_value = max_value

    def to_internal_value(self, data: Any) -> Decimal:
        if not isinstance(data, str) or not self.pattern.search(data):
            raise serializers.ValidationError("Must be a decimal number written as a string.")
        try:
            value = Decimal(data)
        except InvalidOperation as exc:
            raise serializers.ValidationError("Must be a decimal number.") from exc
        if self.min_value is not None and value < self.min_value:
            raise serializers.ValidationError(f"Must be at least {self.min_value}.")
        if self.max_value is not None and value > self.max_value:
            raise serializers.ValidationError(f"Must be at most {self.max_value}.")
        return value

    def to_representation(self, value: Any) -> str:
        quantum = Decimal(1).scaleb(-self.decimal_places)
        return str(Decimal(value).quantize(quantum))


class IdListField(serializers.ListField):
    """A JSON array of row ids; duplicates are dropped."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("child", IntegerField(bits=64, min_value=1))
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> list[int]:
        if not isinstance(data, list):
            raise serializers.ValidationError("Must be an array of ids.")
        values: list[int] = super().to_internal_value(data)
        return sorted(set(values))


class ClosedSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """A request body: a JSON object whose unknown keys are rejected."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({key: ["Unknown field."] for key in unknown})
        return super().to_internal_value(data)


class ReadSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """A response body; keys with read roles are left out for other callers."""

    read_roles: dict[str, tuple[str, ...]] = {}
    owner_column: str | None = None  # names the row's owner, for the read role "owner"
    tenant_column: str | None = None  # names the row's tenant, for the read role "tenant"

    def to_representation(self, instance: Any) -> Any:
        data = super().to_representation(instance)
        if self.read_roles:
            from api.crud import holds

            user = getattr(self.context.get("request"), "user", None)
            for key, roles in self.read_roles.items():
                if not holds(user, roles, instance, self.owner_column, self.tenant_column):
                    data.pop(key, None)
        return data
