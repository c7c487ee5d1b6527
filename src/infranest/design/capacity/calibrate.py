"""Calibration: run a generated service locally under load and fit the model to it.

The service is started and signed into exactly as ``infranest verify`` does (its own
venv, a SQLite database, a user with the spec's admin role), a few rows are created
through the API, and each measured endpoint is driven by closed-loop clients at several
concurrencies. The framework costs (per request, per query, per row) are fitted by
non-negative least squares to the measured ceilings; the USL's σ and κ by
``curve_fit`` to the throughput curves. Predictions then use the fitted profile.
"""

from __future__ import annotations

import copy
import json
import os
import re
import secrets
import string
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import curve_fit, nnls  # type: ignore[import-untyped]

from infranest.design.capacity.demand import Demand, DemandBuilder, service_times
from infranest.design.capacity.loadgen import Measurement, measure
from infranest.design.capacity.model import Costs, Hardware, hardware_from_json
from infranest.design.capacity.predict import resource_bound, single_response
from infranest.design.capacity.queueing import closed_loop_throughput
from infranest.spec.diagnostics import SpecError
from infranest.spec.exporters.api_types import ApiShape, Body, BodyField
from infranest.spec.loader import load
from infranest.spec.model import Load, Spec
from infranest.verify import auth
from infranest.verify.api import service_env
from infranest.verify.process import run
from infranest.verify.project import (
    SPEC_COPY,
    WORK_DIR,
    NotAProjectError,
    Options,
    Project,
    fuzz_role,
    load_project,
    toolchain,
    venv_python,
)
from infranest.verify.server import Server, free_port

DATABASE_URL = "sqlite:///./.infranest/capacity.db"
LEVELS = (1, 4, 16)
SEED_ROWS = 25
MAX_RESOURCES = 3
_FREE_TYPES = frozenset({"string", "text", "email", "url", "file", "uuid"})


class CalibrationError(Exception):
    """The project cannot be measured; the message says why and where."""


@dataclass(frozen=True)
class EndpointRun:
    operation: str
    path: str
    demand: Demand
    runs: tuple[Measurement, ...]

    @property
    def measured_ceiling(self) -> float:
        return max(m.throughput for m in self.runs)

    def at(self, clients: int) -> Measurement:
        return next(m for m in self.runs if m.clients == clients)


@dataclass(frozen=True)
class Comparison:
    operation: str
    path: str
    predicted_rps: float
    measured_rps: float
    predicted_p50_ms: float  # one client
    measured_p50_ms: float

    @property
    def error(self) -> float:
        """Relative error of the predicted ceiling: (predicted − measured) / measured."""
        return (self.predicted_rps - self.measured_rps) / self.measured_rps

    def to_json(self) -> dict[str, Any]:
        return {
            "operation": self.operation,
            "path": self.path,
            "predicted_rps": round(self.predicted_rps, 1),
            "measured_rps": round(self.measured_rps, 1),
            "error": round(self.error, 4),
            "predicted_p50_ms_1_client": round(self.predicted_p50_ms, 3),
            "measured_p50_ms_1_client": round(self.measured_p50_ms, 3),
        }


@dataclass(frozen=True)
class Calibration:
    project: str
    target: str
    hardware: Hardware
    endpoints: tuple[EndpointRun, ...]
    rows: dict[str, int]

    def compare(self, hardware: Hardware | None = None) -> tuple[Comparison, ...]:
        """Predicted (with ``hardware``, default the fitted one) against measured: the
        most requests per second at the concurrencies measured."""
        hw = hardware or self.hardware
        out = []
        for e in self.endpoints:
            service = service_times(e.demand, hw)
            out.append(
                Comparison(
                    e.operation,
                    e.path,
                    max(predicted_curve(e, hw)),
                    e.measured_ceiling,
                    single_response(service, hw) * 1000,
                    e.at(1).p50_ms,
                )
            )
        return tuple(out)

    def to_json(self) -> dict[str, Any]:
        return {
            "project": self.project,
            "target": self.target,
            "hardware": self.hardware.to_json(),
            "rows": self.rows,
            "measurements": {
                e.operation: [
                    {
                        "path": e.path,
                        "clients": m.clients,
                        "requests": m.requests,
                        "seconds": m.seconds,
                        "rps": round(m.throughput, 1),
                        "mean_ms": round(m.mean_ms, 3),
                        "p50_ms": round(m.p50_ms, 3),
                        "p95_ms": round(m.p95_ms, 3),
                        "errors": m.errors,
                    }
                    for m in e.runs
                ]
                for e in self.endpoints
            },
            "comparison": [c.to_json() for c in self.compare()],
        }


def _workers(project: Project) -> int:
    """Worker processes the serve command starts (``--workers N``; one otherwise)."""
    words = list(project.serve)
    for flag in ("--workers", "-w"):
        if flag in words and words.index(flag) + 1 < len(words):
            value = words[words.index(flag) + 1]
            if value.isdigit():
                return int(value)
    return 1


def local_hardware(project: Project) -> Hardware:
    """This machine running the project as ``[tool.infranest].serve`` starts it, on
    SQLite (database work is in the service's process)."""
    cores = os.cpu_count() or 1
    return Hardware(
        name=f"local-{project.target}",
        target=project.target,
        app_cores=cores,
        app_workers=_workers(project),
        db_cores=1,
        db_in_process=True,
        network_mbps=10_000.0,
        rtt_ms=0.05,
        sigma=0.0,
        kappa=0.0,
        costs=Costs(),
    )


def _unique_text(field_min: int, field_max: int, i: int) -> str:
    token = f"c{i}" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(6))
    text = token.ljust(max(field_min, 1), "x")
    return text[: max(field_max, len(token))] if field_max else text


def _variant(base: str, pattern: str, i: int, used: set[str]) -> str | None:
    """A string in which ``pattern`` is found, made from the valid ``base`` by changing
    characters within their class (digit, lower, upper) as the digits of ``i`` say."""
    classes = (string.digits, string.ascii_lowercase, string.ascii_uppercase)
    for attempt in range(i + 1, i + 200):
        chars = list(base)
        n = attempt
        for pos in range(len(chars) - 1, -1, -1):
            alphabet = next((c for c in classes if chars[pos] in c), None)
            if alphabet is None or n == 0:
                continue
            chars[pos] = alphabet[(alphabet.index(chars[pos]) + n) % len(alphabet)]
            n //= len(alphabet)
        text = "".join(chars)
        if text not in used and re.search(pattern, text):
            return text
    return None


def _fresh(f: BodyField, base: Any, i: int, used: set[str]) -> Any:
    """A value of ``f`` unlikely to collide with the rows created before (unique keys)."""
    token = "".join(secrets.choice(string.ascii_lowercase) for _ in range(6))
    if f.type == "email":
        return f"seed{i}.{token}@example.com"
    if f.type in ("url", "file"):
        return f"https://example.com/{i}/{token}"
    if f.type == "uuid":
        return str(uuid.uuid4())
    if f.pattern:
        return _variant(base, f.pattern, i, used) if isinstance(base, str) else None
    return _unique_text(f.min_length or 1, f.max_length or 0, i)


def _body(
    document: dict[str, Any],
    body: Body,
    ids: dict[str, list[int]],
    i: int,
    used: dict[str, set[str]],
    samples: dict[str, Any],
) -> Any:
    """A create body: the contract's smallest valid value, with fresh text for every
    free-form key and the ids of rows created before; None when a required reference has
    no row yet or no fresh value exists."""
    if body.name not in samples:  # the contract's smallest body: computed once (slow)
        schemas = document.get("components", {}).get("schemas", {})
        samples[body.name] = auth.sample(document, schemas.get(body.name, {}))
    value = copy.deepcopy(samples[body.name])
    if not isinstance(value, dict):
        return None
    for f in body.fields:
        if f.type == "id" and not f.many:
            known = ids.get(f.target or "", [])
            if known:
                value[f.name] = known[i % len(known)]
            elif f.required:
                return None
        elif f.many and f.name in value:
            value[f.name] = []
        elif f.type in _FREE_TYPES and not f.choices and f.name in value:
            fresh = _fresh(f, value[f.name], i, used.setdefault(f"{body.name}.{f.name}", set()))
            if fresh is None:
                return None
            used[f"{body.name}.{f.name}"].add(str(fresh))
            value[f.name] = fresh
    return value


def _post(url: str, body: Any, headers: dict[str, str]) -> tuple[int, Any]:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST")
    for key, val in {**headers, "Content-Type": "application/json"}.items():
        request.add_header(key, val)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # nosec B310 - loopback
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, None


def seed(
    base_url: str, shape: ApiShape, document: dict[str, Any], headers: dict[str, str]
) -> dict[str, list[int]]:
    """Create up to :data:`SEED_ROWS` rows of each entity the contract lets us create."""
    ids: dict[str, list[int]] = {}
    used: dict[str, set[str]] = {}
    samples: dict[str, Any] = {}
    for resource in shape.resources:
        if resource.create is None:
            continue
        for i in range(SEED_ROWS):
            body = _body(document, resource.create, ids, i, used, samples)
            if body is None:
                break
            status, answer = _post(base_url + resource.path, body, headers)
            if status != 201 or not isinstance(answer, dict) or "id" not in answer:
                break
            ids.setdefault(resource.entity, []).append(int(answer["id"]))
    return ids


def _targets(shape: ApiShape, ids: dict[str, list[int]]) -> list[tuple[str, str]]:
    """(operation id, path) of the endpoints to measure."""
    chosen = [("health", "/health")]
    if any(op.operation_id == "auth_me" for op in shape.operations):
        chosen.append(("auth_me", "/auth/me"))
    seeded = [r for r in shape.resources if ids.get(r.entity)]
    # The entities with the most rows: lists of many rows tell per-row costs apart.
    seeded.sort(key=lambda r: -len(ids[r.entity]))
    for resource in seeded[:MAX_RESOURCES]:
        first = ids[resource.entity][0]
        chosen.append((f"list_{resource.plural}", resource.path))
        chosen.append((f"get_{resource.name}", resource.item_path.replace("{id}", str(first))))
    return chosen


def _spec_as_measured(spec: Spec, rows: dict[str, int]) -> Spec:
    """The spec with the row counts and the single user of the measured database."""
    entities = tuple(e.model_copy(update={"rows": rows.get(e.name) or 1}) for e in spec.entities)
    project = spec.project.model_copy(update={"load": Load(users=1)})
    return spec.model_copy(update={"entities": entities, "project": project})


def measure_project(
    root: Path,
    *,
    levels: tuple[int, ...] = LEVELS,
    seconds: float = 2.0,
    repeats: int = 2,
    on_progress: Callable[[str], None] | None = None,
) -> Calibration:
    """Start the generated service in ``root``, seed it, measure it, fit the model."""
    say = on_progress or (lambda _: None)
    try:
        project = load_project(root)
    except NotAProjectError as exc:
        raise CalibrationError(str(exc)) from None
    python = venv_python(root)
    if not python.is_file():
        raise CalibrationError(
            f"{root}: no .venv (run `infranest verify {root}` once to create it)"
        )
    try:
        spec = load(root / SPEC_COPY).spec
    except SpecError as exc:
        raise CalibrationError(f"{root / SPEC_COPY}: {exc}") from None
    builder = DemandBuilder(spec)
    document: dict[str, Any] = json.loads((root / "openapi.json").read_text("utf-8"))
    options = Options(database_url=DATABASE_URL)
    chain = toolchain(python)
    role = fuzz_role(root, options)
    env = service_env(chain, options, role)
    (root / ".infranest" / "capacity.db").unlink(missing_ok=True)
    migrated = run(chain.command(project.migrate), cwd=root, env=env, timeout=300)
    if not migrated.ok:
        raise CalibrationError(f"{root}: migrate failed: {migrated.describe()}")
    port = free_port()
    log = root / WORK_DIR / "capacity-server.log"
    with Server(chain.command(project.serve, port), port=port, cwd=root, env=env, log=log) as srv:
        srv.wait_healthy(60)
        headers: dict[str, str] = {}
        if auth.has_auth(document):
            headers = auth.sign_in(srv.base_url, document).headers
        ids = seed(srv.base_url, builder.shape, document, headers)
        say(f"seeded {sum(len(v) for v in ids.values())} rows in {len(ids)} table(s)")
        rows = {k: len(v) for k, v in ids.items()}
        measured = DemandBuilder(_spec_as_measured(builder.spec, rows))
        runs: list[EndpointRun] = []
        for operation, path in _targets(builder.shape, ids):
            demand = measured.demand(measured.shape.operation(operation))
            results = tuple(
                _median_run(srv.base_url, path, headers, n, seconds, repeats) for n in levels
            )
            say(f"{operation}: " + ", ".join(f"{m.clients}→{m.throughput:.0f}/s" for m in results))
            runs.append(EndpointRun(operation, path, demand, results))
    hardware = fit(local_hardware(project), runs)
    return Calibration(str(root), project.target, hardware, tuple(runs), rows)


def from_json(data: dict[str, Any], spec: Spec) -> Calibration:
    """A calibration saved by :meth:`Calibration.to_json`, its demands derived again from
    ``spec`` (the project's spec) and the saved row counts; refit it with :func:`fit`."""
    rows = {str(k): int(v) for k, v in data["rows"].items()}
    builder = DemandBuilder(_spec_as_measured(spec, rows))
    runs = []
    for operation, saved in data["measurements"].items():
        measurements = tuple(
            Measurement(
                int(m["clients"]),
                int(m["requests"]),
                int(m["errors"]),
                float(m["seconds"]),
                float(m["mean_ms"]),
                float(m["p50_ms"]),
                float(m["p95_ms"]),
            )
            for m in saved
        )
        demand = builder.demand(builder.shape.operation(operation))
        runs.append(EndpointRun(operation, str(saved[0]["path"]), demand, measurements))
    hardware = hardware_from_json(data["hardware"])
    return Calibration(str(data["project"]), str(data["target"]), hardware, tuple(runs), rows)


def _median_run(
    base_url: str, path: str, headers: dict[str, str], clients: int, seconds: float, repeats: int
) -> Measurement:
    """The run of median throughput among ``repeats`` (the machine may be shared)."""
    found = sorted(
        (measure(base_url, path, headers, clients, seconds=seconds) for _ in range(repeats)),
        key=lambda m: m.throughput,
    )
    return found[len(found) // 2]


def fit(hardware: Hardware, runs: list[EndpointRun]) -> Hardware:
    """Fit the profile to measurements.

    1. Framework costs: each endpoint's demand at the application is its measured ceiling's
       inverse times the application servers, ``D = c / X_max``; NNLS fits ``D = request +
       queries·query + rows·row`` with relative weights (the database and byte terms keep
       their constants).
    2. ``rtt_ms``: what a lone request takes beyond its demand (client, loopback, event
       loop), the median over endpoints of ``R(1) − D``.
    3. σ and κ: ``curve_fit`` of the modelled ``X(N)`` to every measured throughput.
    """
    base = replace(hardware.costs, request_ms=0.0, query_app_ms=0.0, row_app_us=0.0)
    probe = replace(hardware, costs=base, rtt_ms=0.0)
    servers = hardware.app_servers
    rows_a: list[list[float]] = []
    target: list[float] = []
    for e in runs:
        fixed = service_times(e.demand, probe)["app"] * 1000
        queries = e.demand.query_count
        returned = sum(q.share * q.returned for q in e.demand.queries)
        rows_a.append([1.0, queries, returned / 1000])
        target.append(max(servers * 1000 / e.measured_ceiling - fixed, 0.0))
    # Relative errors: a cheap endpoint (health) counts as much as an expensive one.
    weights = 1.0 / np.maximum(np.array(target), 1e-3)
    solution, _ = nnls(np.array(rows_a) * weights[:, None], np.array(target) * weights)
    costs = replace(
        base,
        request_ms=float(solution[0]),
        query_app_ms=float(solution[1]),
        row_app_us=float(solution[2]),
    )
    fitted = replace(hardware, costs=costs, rtt_ms=0.0)
    extra = [
        e.at(min(m.clients for m in e.runs)).mean_ms
        - sum(service_times(e.demand, fitted).values()) * 1000
        for e in runs
    ]
    fitted = replace(fitted, rtt_ms=max(float(np.median(extra)), 0.0))
    sigma, kappa = _fit_usl(fitted, runs)
    return replace(fitted, sigma=sigma, kappa=kappa)


def predicted_curve(e: EndpointRun, hardware: Hardware) -> list[float]:
    """The model's closed-loop throughput at each concurrency ``e`` was measured at."""
    service = service_times(e.demand, hardware)
    bound, _ = resource_bound(service, hardware)
    r1 = single_response(service, hardware)
    return [
        closed_loop_throughput(m.clients, r1, bound, hardware.sigma, hardware.kappa) for m in e.runs
    ]


def _fit_usl(hardware: Hardware, runs: list[EndpointRun]) -> tuple[float, float]:
    """σ, κ minimising the relative error of :func:`predicted_curve` against every
    measured throughput (``curve_fit`` over all endpoints and concurrencies at once)."""
    points = [(i, j) for i, e in enumerate(runs) for j, m in enumerate(e.runs) if m.throughput]
    if len({runs[i].runs[j].clients for i, j in points}) < 2:
        return hardware.sigma, hardware.kappa

    def model(_: np.ndarray, sigma: float, kappa: float) -> np.ndarray:
        hw = replace(hardware, sigma=sigma, kappa=kappa)
        curves = [predicted_curve(e, hw) for e in runs]
        return np.array([curves[i][j] / runs[i].runs[j].throughput for i, j in points])

    try:
        params, _ = curve_fit(
            model,
            np.zeros(len(points)),
            np.ones(len(points)),
            p0=(0.01, 0.0001),
            bounds=([0, 0], [1, 1]),
            max_nfev=2000,
        )
    except (RuntimeError, ValueError):  # no better fit than the start: keep the profile's
        return hardware.sigma, hardware.kappa
    return float(params[0]), float(params[1])
