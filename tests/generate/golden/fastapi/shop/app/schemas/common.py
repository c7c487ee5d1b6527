"""Shared schema pieces: base classes, value types and the service's own bodies."""

from datetime import UTC, date, datetime, time
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    AnyUrl,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    TypeAdapter,
    model_validator,
)


def _aware(value: datetime) -> datetime:
    """Datetimes without an offset are UTC (SQLite stores them naive)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


UtcDateTime = Annotated[datetime, AfterValidator(_aware)]


def _iso_time(value: Any) -> Any:
    """A time is an ISO 8601 string (or a stored time), never a number of seconds."""
    if isinstance(value, int | float):
        raise ValueError("Input should be an ISO 8601 time string")
    return value


def _utc_time(value: time) -> time:
    """Times are stored in UTC and answered with their offset (``Z``): a time without an
    offset is UTC, one with an offset is converted."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return datetime.combine(date(2000, 1, 1), value).astimezone(UTC).timetz()


UtcTime = Annotated[time, BeforeValidator(_iso_time), AfterValidator(_utc_time)]

_URL = TypeAdapter(AnyUrl)


def _absolute_uri(value: str) -> str:
    """An absolute URI (``format: uri`` in the contract), kept exactly as the client sent it."""
    _URL.validate_python(value)
    return value


UriStr = Annotated[str, AfterValidator(_absolute_uri)]


class RequestBody(BaseModel):
    """A closed request body: unknown keys answer 422."""

    model_config = ConfigDict(extra="forbid", regex_engine="python-re")

    NOT_NULL: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="after")
    def _no_nulls(self) -> "RequestBody":
        given = [n for n in self.model_fields_set & self.NOT_NULL if getattr(self, n) is None]
        if given:
            raise ValueError(f"{', '.join(sorted(given))} may not be null")
        return self

    def changes(self) -> dict[str, Any]:
        """The keys the client sent, with their values."""
        return {name: getattr(self, name) for name in sorted(self.model_fields_set)}


class ReadBody(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Problem(BaseModel):
    detail: str
    errors: list["FieldError"]


class FieldError(BaseModel):
    field: str
    message: str


class HealthStatus(BaseModel):
    status: str


class ActionResult(BaseModel):
    detail: str
