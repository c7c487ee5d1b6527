"""Settings from environment variables (and `.env`); see `.env.example`."""

from functools import lru_cache
from typing import Literal

from pydantic import field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# The value `.env.example` ships with; refused in production.
PLACEHOLDER_KEY = "change-me-in-production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    PROJECT_NAME: str = "blog"
    ENVIRONMENT: Literal["development", "test", "production"] = "development"
    DATABASE_URL: str = "sqlite:///./app.db"
    SECRET_KEY: str = PLACEHOLDER_KEY
    CORS_ORIGINS: str = ""
    LOG_LEVEL: str = "INFO"
    RATE_LIMIT_ENABLED: bool = True
    ACCESS_TOKEN_MINUTES: int = 30
    REFRESH_TOKEN_DAYS: int = 7
    DEFAULT_ROLE: str | None = None

    @field_validator("DATABASE_URL")
    @classmethod
    def _psycopg_driver(cls, value: str) -> str:
        """`postgresql://` and `postgres://` URLs use the psycopg 3 driver."""
        for prefix in ("postgresql://", "postgres://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value[len(prefix) :]
        return value

    @model_validator(mode="after")
    def _refuse_example_secret(self) -> "Settings":
        if self.ENVIRONMENT == "production" and self.SECRET_KEY in ("", PLACEHOLDER_KEY):
            raise ValueError("SECRET_KEY must be set to a secret value in production")
        return self

    @property
    def cors_origins(self) -> list[str]:
        return [o.strip() for o in self.CORS_ORIGINS.split(",") if o.strip()]


@lru_cache
def get_settings() -> Settings:
    return Settings()


settings = get_settings()
