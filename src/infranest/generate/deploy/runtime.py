"""What the deployment files need to know about the service: :class:`Runtime`.

Every target serves the same conventions (port 8000, ``/health``, ``/ready``, ``/metrics``,
the same environment variables), so one description fits them all; a target may still
give its own through an optional ``runtime(view, files) -> Runtime`` attribute.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from infranest.spec.model import Spec
from infranest.spec.names import words

# Requests per second one replica (``cpu`` cores) is planned to serve; HPA bounds use it.
RPS_PER_REPLICA = 50.0
MAX_REPLICAS = 100
# Months of the spec's growth the autoscaler's maximum is planned for.
GROWTH_HORIZON_MONTHS = 12
_PERIODS_PER_MONTH = {"day": 30.0, "week": 52.0 / 12.0, "month": 1.0, "year": 1.0 / 12.0}
APP_NAME_LENGTH = 20
DEFAULT_MIGRATE = ("python", "manage.py", "migrate", "--noinput")


@dataclass(frozen=True)
class EnvVar:
    """One environment variable the service reads: a config value, or a secret's name."""

    name: str
    value: str
    secret: bool = False
    description: str = ""


@dataclass(frozen=True)
class Runtime:
    """The service as a container: where it listens, what it reads, how big it runs."""

    app: str
    version: str
    env: tuple[EnvVar, ...]
    migrate: tuple[str, ...]
    database: str = "postgresql"
    port: int = 8000
    health_path: str = "/health"
    ready_path: str = "/ready"
    metrics_path: str = "/metrics"
    cpu: float = 0.5  # cores each replica may use
    memory_mb: int = 1024  # MiB each replica may use
    min_replicas: int = 2
    max_replicas: int = 10

    @property
    def config(self) -> tuple[EnvVar, ...]:
        return tuple(v for v in self.env if not v.secret)

    @property
    def secrets(self) -> tuple[EnvVar, ...]:
        return tuple(v for v in self.env if v.secret)

    @property
    def cpu_millis(self) -> int:
        return round(self.cpu * 1000)


def app_name(spec: Spec) -> str:
    """The project's name as a DNS label (``saas_tasks`` → ``saas-tasks``) that fits every
    cloud's name limits: whole words up to 20 characters, starting with a letter."""
    parts = words(spec.project.name) or ["app"]
    if not parts[0][0].isalpha():
        parts.insert(0, "app")
    name = parts[0][:APP_NAME_LENGTH]
    for part in parts[1:]:
        if len(name) + 1 + len(part) > APP_NAME_LENGTH:
            break
        name = f"{name}-{part}"
    return name


def environment(spec: Spec) -> tuple[EnvVar, ...]:
    """The variables every target reads, with production values for the config ones."""
    project = spec.project
    env = [
        EnvVar("ENVIRONMENT", "production", description="development, test or production"),
        EnvVar("LOG_LEVEL", "INFO", description="log level"),
        EnvVar("CORS_ORIGINS", ",".join(project.cors), description="allowed origins"),
        EnvVar("RATE_LIMIT_ENABLED", "true", description="apply the spec's rate limits"),
        EnvVar("MIGRATE_ON_START", "false", description="migrations run as a separate job"),
    ]
    if project.auth.enabled:
        env += [
            EnvVar("ACCESS_TOKEN_MINUTES", "30", description="access token lifetime"),
            EnvVar("REFRESH_TOKEN_DAYS", "7", description="refresh token lifetime"),
        ]
        if project.roles:
            env.append(
                EnvVar("DEFAULT_ROLE", project.roles[-1], description="self-registered role")
            )
    env += [
        EnvVar("DATABASE_URL", "", secret=True, description="database connection URL"),
        EnvVar("SECRET_KEY", "", secret=True, description="signing key for tokens"),
    ]
    if "oauth2" in project.auth.methods:
        for provider in project.auth.providers:
            prefix = f"OAUTH_{'_'.join(words(provider)).upper()}"
            env += [
                EnvVar(f"{prefix}_CLIENT_ID", "", secret=True, description=f"{provider} OAuth"),
                EnvVar(f"{prefix}_CLIENT_SECRET", "", secret=True, description=f"{provider} OAuth"),
            ]
            env += [
                EnvVar(f"{prefix}_{part}_URL", "", description=f"{provider} OAuth endpoint")
                for part in ("AUTHORIZE", "TOKEN", "USERINFO")
            ]
    for integration in spec.integrations:
        if integration.secret and all(v.name != integration.secret for v in env):
            env.append(EnvVar(integration.secret, "", secret=True, description=integration.name))
    return tuple(env)


def replicas(spec: Spec) -> tuple[int, int]:
    """Autoscaler bounds from ``project.load`` (average and peak rps) and ``growth``:
    the minimum serves the average, the maximum the peak after a year of growth."""
    load = spec.project.load
    if load is None or (load.rps is None and load.peak_rps is None):
        return 2, 10
    average = load.rps if load.rps is not None else (load.peak_rps or 0.0) / 4
    peak = load.peak_rps if load.peak_rps is not None else average * 4
    growth = spec.project.growth
    if growth is not None and growth.rate > 0:
        periods = GROWTH_HORIZON_MONTHS * _PERIODS_PER_MONTH[growth.period]
        peak *= (1 + growth.rate / 100) ** periods
    low = min(MAX_REPLICAS, max(2, math.ceil(average / RPS_PER_REPLICA)))
    high = min(MAX_REPLICAS, max(low + 1, math.ceil(peak / RPS_PER_REPLICA)))
    return low, high


def declared_migrate(files: Mapping[str, str]) -> tuple[str, ...] | None:
    """``[tool.infranest].migrate`` of the rendered project (``infranest.toml`` or
    ``pyproject.toml``), the command every target declares for verify."""
    for name in ("infranest.toml", "pyproject.toml"):
        text = files.get(name)
        if text is None:
            continue
        try:
            data: dict[str, Any] = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            continue
        command = data.get("tool", {}).get("infranest", {}).get("migrate")
        if isinstance(command, list) and command and all(isinstance(w, str) for w in command):
            return tuple(command)
    return None


def default_runtime(spec: Spec, files: Mapping[str, str]) -> Runtime:
    """The runtime of a service generated from ``spec`` whose files are ``files``."""
    low, high = replicas(spec)
    return Runtime(
        app=app_name(spec),
        version=spec.project.version or "0.1.0",
        env=environment(spec),
        migrate=declared_migrate(files) or DEFAULT_MIGRATE,
        database=spec.project.database,
        min_replicas=low,
        max_replicas=high,
    )
