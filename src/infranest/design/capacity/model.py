"""Hardware profiles and the cost constants of the capacity model (docs/capacity.md).

Every constant is a per-request or per-row CPU cost on a reference machine (one modern
x86 core, 2020s); ``infranest predict --calibrate DIR`` replaces the framework costs and
the USL coefficients with values fitted to measurements of a generated service.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

# Rows assumed for an entity whose spec gives no ``rows``.
DEFAULT_ROWS = 10_000
# Users assumed when ``project.load`` gives none (to size per-owner row counts).
DEFAULT_USERS = 1_000
# Share of list requests that use a filter, a sort key and a search (the request mix).
FILTER_SHARE = 0.3
SORT_SHARE = 0.2
SEARCH_SHARE = 0.1
# Items of a to-many relation loaded with each row (one extra query per page: no N+1).
RELATED_PER_ROW = 3.0
# Targets whose generated list endpoints load each to-many relation with one query per row
# (N+1). None today: every target loads it with one query per page (SQLAlchemy's
# ``selectin``, Django's ``prefetch_related``, ActiveRecord's ``includes``, an ``IN`` query in
# Go and TypeScript); benchmarks/runtime counts the statements per list request.
PER_ROW_RELATION_TARGETS: frozenset[str] = frozenset()
# Utilisation at which a resource counts as saturated (the knee of the M/M/c curve).
SATURATION = 0.8

# Application CPU per request spent in the framework (routing, validation, JSON, middleware).
FRAMEWORK_REQUEST_MS: dict[str, float] = {
    "fastapi": 2.0,
    "django": 3.0,
    "rails": 3.5,
    "express": 0.8,
    "fiber": 0.15,
}
# Interpreted frameworks run one request per worker process at a time on one core (GIL).
SINGLE_CORE_WORKERS: frozenset[str] = frozenset({"fastapi", "django", "rails", "express"})


@dataclass(frozen=True)
class Costs:
    """CPU costs (milliseconds or microseconds, as each name says)."""

    request_ms: float = 2.0  # framework work per request (app CPU)
    auth_ms: float = 0.15  # verifying a token or session (app CPU)
    password_hash_ms: float = 60.0  # one argon2/PBKDF2 hash or verify (app CPU)
    query_app_ms: float = 0.35  # driver and ORM work per query (app CPU)
    query_db_ms: float = 0.08  # parse, plan and one index probe per query (database CPU)
    write_db_ms: float = 0.25  # extra per INSERT/UPDATE/DELETE: WAL, index upkeep (database)
    row_db_us: float = 0.5  # per row examined by a scan or range (database CPU)
    count_row_us: float = 0.05  # per row counted by COUNT(*) (database CPU)
    sort_row_us: float = 0.15  # per row·log2(rows) sorted without an index (database CPU)
    row_app_us: float = 25.0  # per row turned into an object and serialised (app CPU)
    byte_app_ns: float = 10.0  # per response byte encoded (app CPU)


@dataclass(frozen=True)
class Hardware:
    """Where the service runs: servers, cores, network, and the contention coefficients.

    ``sigma`` (contention) and ``kappa`` (coherency) are the Universal Scalability Law's
    coefficients over concurrent requests; ``db_in_process`` (SQLite) charges database
    CPU to the application's cores.
    """

    name: str = "default"
    target: str = "fastapi"
    app_cores: int = 4
    app_workers: int = 4
    db_cores: int = 4
    db_in_process: bool = False
    network_mbps: float = 1000.0
    rtt_ms: float = 0.5
    sigma: float = 0.02
    kappa: float = 0.0005
    costs: Costs = field(default_factory=Costs)

    @property
    def app_servers(self) -> int:
        """Requests the application can serve at once on distinct cores."""
        if self.target in SINGLE_CORE_WORKERS:
            return max(1, min(self.app_workers, self.app_cores))
        return max(1, self.app_cores)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def default_hardware(target: str | None) -> Hardware:
    """The reference profile for ``target`` (fastapi when None)."""
    name = target or "fastapi"
    request_ms = FRAMEWORK_REQUEST_MS.get(name, FRAMEWORK_REQUEST_MS["fastapi"])
    return Hardware(name=f"reference-{name}", target=name, costs=Costs(request_ms=request_ms))


def hardware_from_json(data: dict[str, Any]) -> Hardware:
    """A profile from :meth:`Hardware.to_json`'s form; unknown keys raise ``ValueError``."""
    data = dict(data)
    costs = Costs(**data.pop("costs", {}))
    try:
        return Hardware(**data, costs=costs)
    except TypeError as exc:
        raise ValueError(f"not a hardware profile: {exc}") from None


def load_hardware(path: Path) -> Hardware:
    """A profile saved as JSON (e.g. by ``infranest predict --calibrate``)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: cannot read a hardware profile ({exc})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a hardware profile is a JSON object")
    profile = data.get("hardware", data)
    if not isinstance(profile, dict):
        raise ValueError(f"{path}: 'hardware' is not an object")
    return hardware_from_json(profile)


def scaled(hardware: Hardware, *, app: float = 1.0, db: float = 1.0) -> Hardware:
    """``hardware`` with ``app`` times the application servers and ``db`` times the
    database cores (used to model more replicas and read replicas)."""
    workers = max(1, round(hardware.app_workers * app))
    cores = max(1, round(hardware.app_cores * app))
    return replace(
        hardware,
        app_workers=workers,
        app_cores=cores,
        db_cores=max(1, round(hardware.db_cores * db)),
    )
