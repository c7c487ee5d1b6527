"""Shared schema pieces: base classes, value types and the service's own bodies."""

from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, AnyUrl, BaseModel, ConfigDict, TypeAdapter, model_validator


def _aware(value: datetime) -> datetime:
    """Datetimes without an offset are UTC (SQLite stores them naive)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


UtcDateTime = Annotated[datetime, AfterValidator(_aware)]

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
