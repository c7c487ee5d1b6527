"""Server settings, read from environment variables."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATA_DIR = Path(".infranest-server")
DEFAULT_DATABASE_URL = "sqlite:///./.infranest-server/infranest.db"
# The SPA the web/ folder builds, beside the package in a source checkout.
DEFAULT_WEB_DIST = Path(__file__).resolve().parents[3] / "web" / "dist"


@dataclass(frozen=True)
class Settings:
    """``database_url`` (SQLAlchemy URL), ``secret_key`` (random per process when unset),
    ``environment`` (``production`` makes the session cookie ``Secure``), ``data_dir``
    (verify work folders, the embedded monitor store), ``monitor_store`` (a monitor store
    URL; empty means DuckDB under ``data_dir``), ``web_dist`` (the built UI), ``demo``
    (seed the demo workspace at start), ``verify_python`` (an already provisioned
    interpreter for Python projects' verify runs: no venv, no pip)."""

    database_url: str = DEFAULT_DATABASE_URL
    secret_key: str = ""
    environment: str = "development"
    session_hours: int = 24 * 14
    login_attempts_per_minute: int = 10
    data_dir: Path = DEFAULT_DATA_DIR
    monitor_store: str = ""
    web_dist: Path = field(default=DEFAULT_WEB_DIST)
    demo: bool = False
    demo_verify: bool = True
    verify_python: Path | None = None
    alert_interval: float = 60.0

    @property
    def secure_cookies(self) -> bool:
        return self.environment == "production"

    @property
    def monitor_store_url(self) -> str:
        return self.monitor_store or f"duckdb:{self.data_dir / 'monitor'}"

    @classmethod
    def from_env(cls) -> Settings:
        python = os.environ.get("INFRANEST_VERIFY_PYTHON")
        data_dir = Path(os.environ.get("INFRANEST_DATA_DIR", str(DEFAULT_DATA_DIR)))
        return cls(
            database_url=os.environ.get("DATABASE_URL") or f"sqlite:///{data_dir / 'infranest.db'}",
            secret_key=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(32),
            environment=os.environ.get("ENVIRONMENT", "development"),
            data_dir=data_dir,
            monitor_store=os.environ.get("INFRANEST_MONITOR_STORE", ""),
            web_dist=Path(os.environ.get("INFRANEST_WEB_DIST", str(DEFAULT_WEB_DIST))),
            demo=os.environ.get("INFRANEST_DEMO", "") in ("1", "true", "yes"),
            verify_python=Path(python) if python else None,
        )
