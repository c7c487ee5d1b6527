"""The declarative base, the id type and the column helpers every model uses."""

import enum
import uuid
from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase

ID_TYPE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
}


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING)


def utcnow() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    return datetime.now(UTC).date()


def new_uuid() -> uuid.UUID:
    return uuid.uuid4()


def enum_type(values: type[enum.Enum], name: str, length: int) -> sa.Enum:
    """An enum stored as its values in a VARCHAR (portable across databases)."""
    return sa.Enum(
        values,
        name=name,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
