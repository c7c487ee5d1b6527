"""Settings from the environment, as generated services read them."""

import os
from pathlib import Path


def database_path() -> Path:
    url = os.environ.get("DATABASE_URL", "sqlite:///./app.db")
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        raise SystemExit(f"tinyapp supports SQLite only, not {url}")
    return Path(url[len(prefix) :])


def secret_key() -> str:
    return os.environ.get("SECRET_KEY", "development-only")
