"""Server settings, read from environment variables."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass

DEFAULT_DATABASE_URL = "sqlite:///./.infranest-server/infranest.db"


@dataclass(frozen=True)
class Settings:
    """``database_url`` (SQLAlchemy URL), ``secret_key`` (random per process when unset),
    ``environment`` (``production`` makes the session cookie ``Secure``)."""

    database_url: str = DEFAULT_DATABASE_URL
    secret_key: str = ""
    environment: str = "development"
    session_hours: int = 24 * 14
    login_attempts_per_minute: int = 10

    @property
    def secure_cookies(self) -> bool:
        return self.environment == "production"

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            database_url=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
            secret_key=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(32),
            environment=os.environ.get("ENVIRONMENT", "development"),
        )
