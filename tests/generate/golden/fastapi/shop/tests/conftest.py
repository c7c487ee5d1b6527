"""Test setup: a temporary SQLite database (or DATABASE_URL when set), a client, callers."""

import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest

_FOLDER = Path(tempfile.mkdtemp(prefix="app-tests-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_FOLDER / 'test.db'}")
os.environ["ENVIRONMENT"] = "test"
os.environ["RATE_LIMIT_ENABLED"] = "false"
os.environ.setdefault("SECRET_KEY", "test-secret-key-with-enough-length-for-hs256")

from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from app.core.idempotency import store  # noqa: E402
from app.core.ratelimit import limiter  # noqa: E402
from app.core.security import create_token  # noqa: E402
from app.db.session import SessionLocal, engine  # noqa: E402
from app.main import app  # noqa: E402
from app.models import Base  # noqa: E402
from tests import factories  # noqa: E402


@dataclass
class Actor:
    """A caller: its user id (None without auth) and the headers that authenticate it."""

    id: int | None
    role: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


@pytest.fixture(scope="session", autouse=True)
def schema() -> Iterator[None]:
    Base.metadata.create_all(engine)
    yield
    Base.metadata.drop_all(engine)


@pytest.fixture(autouse=True)
def clean() -> Iterator[None]:
    yield
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    limiter.reset()
    store.reset()


@pytest.fixture
def db() -> Iterator[Session]:
    with SessionLocal() as session:
        yield session


@pytest.fixture
def client() -> TestClient:
    return TestClient(app)


@pytest.fixture
def as_role(db: Session) -> Callable[[str | None], Actor]:
    """Make a caller with the given role."""

    def make(role: str | None) -> Actor:
        user = factories.make_user(db, role=role)
        token = create_token(user.id, "access", timedelta(minutes=5))
        return Actor(user.id, role, {"Authorization": f"Bearer {token}"})

    return make
