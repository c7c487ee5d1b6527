"""Calibration: run a generated service locally under load and fit the model to it.

The service is started and signed into exactly as ``infranest verify`` does (its own
venv, a SQLite database, a user with the spec's admin role), a few rows are created
through the API (seeding.py), and each measured endpoint is driven by closed-loop clients
at several concurrencies while the service's CPU time is read from ``/proc``
(cputime.py). The framework costs are fitted to the measured CPU time per request, the
USL's σ and κ to the throughput curves (fitting.py). Predictions then use the fitted
profile.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import numpy as np

from infranest.design.capacity.demand import DemandBuilder, service_times
from infranest.design.capacity.fitting import EndpointRun, client_ms, fit, predicted_curve
from infranest.design.capacity.loadgen import Measurement, measure
from infranest.design.capacity.model import Costs, Hardware, hardware_from_json
from infranest.design.capacity.predict import single_response
from infranest.design.capacity.seeding import seed
from infranest.spec.diagnostics import SpecError
from infranest.spec.exporters.api_types import ApiShape
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
MAX_RESOURCES = 6


class CalibrationError(Exception):
    """The project cannot be measured; the message says why and where."""


@dataclass(frozen=True)
class Comparison:
    """One endpoint, predicted against measured, two ways.

    *Wall clock*: the most requests per second the closed loop reached, against the
    model's ``X(N)`` at the same concurrencies. *CPU*: the service's CPU time per
    request, against the model's application demand ``D``; as a ceiling, ``c / D``.
    """

    operation: str
    path: str
    predicted_rps: float
    measured_rps: float
    predicted_p50_ms: float  # one client
    measured_p50_ms: float
    servers: int
    predicted_demand_ms: float
    measured_demand_ms: float | None

    @property
    def error(self) -> float:
        """Relative error of the predicted wall-clock ceiling: (predicted − measured) /
        measured."""
        return (self.predicted_rps - self.measured_rps) / self.measured_rps

    @property
    def predicted_cpu_rps(self) -> float:
        return self.servers * 1000 / self.predicted_demand_ms

    @property
    def measured_cpu_rps(self) -> float | None:
        if not self.measured_demand_ms:
            return None
        return self.servers * 1000 / self.measured_demand_ms

    @property
    def cpu_error(self) -> float | None:
        """Relative error of the predicted CPU ceiling ``c / D`` (None: not measured)."""
        measured = self.measured_cpu_rps
        return None if measured is None else (self.predicted_cpu_rps - measured) / measured

    def to_json(self) -> dict[str, Any]:
        cpu_error = self.cpu_error
        measured_cpu = self.measured_cpu_rps
        return {
            "operation": self.operation,
            "path": self.path,
            "predicted_rps": round(self.predicted_rps, 1),
            "measured_rps": round(self.measured_rps, 1),
            "error": round(self.error, 4),
            "predicted_p50_ms_1_client": round(self.predicted_p50_ms, 3),
            "measured_p50_ms_1_client": round(self.measured_p50_ms, 3),
            "predicted_demand_ms": round(self.predicted_demand_ms, 4),
            "measured_demand_ms": _round(self.measured_demand_ms, 4),
            "predicted_cpu_rps": round(self.predicted_cpu_rps, 1),
            "measured_cpu_rps": _round(measured_cpu, 1),
            "cpu_error": _round(cpu_error, 4),
        }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


@dataclass(frozen=True)
class Calibration:
    project: str
    target: str
    hardware: Hardware
    endpoints: tuple[EndpointRun, ...]
    rows: dict[str, int]

    @property
    def client_ms(self) -> float:
        """The load generator's CPU per request in these runs (median over endpoints)."""
        return client_ms(self.endpoints)

    def compare(
        self, hardware: Hardware | None = None, client: float | None = None
    ) -> tuple[Comparison, ...]:
        """Predicted (with ``hardware``, default the fitted one, and the load generator's
        ``client`` ms per request, default this calibration's) against measured."""
        hw = hardware or self.hardware
        load = self.client_ms if client is None else client
        out = []
        for e in self.endpoints:
            service = service_times(e.demand, hw)
            out.append(
                Comparison(
                    e.operation,
                    e.path,
                    max(predicted_curve(e, hw, load)),
                    e.measured_ceiling,
                    single_response(service, hw) * 1000,
                    e.at(1).p50_ms,
                    hw.app_servers,
                    service["app"] * 1000,
                    e.measured_demand_ms,
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
                e.operation: [_measurement_json(e.path, m) for m in e.runs] for e in self.endpoints
            },
            "comparison": [c.to_json() for c in self.compare()],
        }


def _measurement_json(path: str, m: Measurement) -> dict[str, Any]:
    return {
        "path": path,
        "clients": m.clients,
        "requests": m.requests,
        "seconds": m.seconds,
        "rps": round(m.throughput, 1),
        "mean_ms": round(m.mean_ms, 3),
        "p50_ms": round(m.p50_ms, 3),
        "p95_ms": round(m.p95_ms, 3),
        "errors": m.errors,
        "server_cpu_s": _round(m.server_cpu_s, 3),
        "client_cpu_s": _round(m.client_cpu_s, 3),
        "server_ms": _round(m.server_ms, 4),
        "server_ms_runs": list(m.server_ms_runs),
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
        largest = "" if resource.pagination.style == "none" else "?size="
        largest += str(resource.pagination.max_size) if largest else ""
        chosen.append((f"list_{resource.plural}", resource.path + largest))
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
    builder = DemandBuilder(spec, target=project.target)
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
        measured = DemandBuilder(
            _spec_as_measured(builder.spec, rows),
            target=project.target,
            signed_in=True,
            request_mix=False,
            largest_pages=True,
        )
        runs: list[EndpointRun] = []
        for operation, path in _targets(builder.shape, ids):
            demand = measured.demand(measured.shape.operation(operation))
            results = tuple(_median_run(srv, path, headers, n, seconds, repeats) for n in levels)
            endpoint = EndpointRun(operation, path, demand, results)
            cpu = endpoint.measured_demand_ms
            say(
                f"{operation}: "
                + ", ".join(f"{m.clients}→{m.throughput:.0f}/s" for m in results)
                + ("" if cpu is None else f"; {cpu:.2f} ms CPU/request")
            )
            runs.append(endpoint)
    hardware = fit(local_hardware(project), runs)
    return Calibration(str(root), project.target, hardware, tuple(runs), rows)


def from_json(data: dict[str, Any], spec: Spec) -> Calibration:
    """A calibration saved by :meth:`Calibration.to_json`, its demands derived again from
    ``spec`` (the project's spec) and the saved row counts; refit it with :func:`fit`."""
    rows = {str(k): int(v) for k, v in data["rows"].items()}
    paths = [str(saved[0]["path"]) for saved in data["measurements"].values()]
    builder = DemandBuilder(  # older calibrations asked for default pages
        _spec_as_measured(spec, rows),
        target=str(data["target"]),
        signed_in=True,
        request_mix=False,
        largest_pages=any("?size=" in path for path in paths),
    )
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
                _optional(m.get("server_cpu_s")),
                _optional(m.get("client_cpu_s")),
                tuple(float(v) for v in m.get("server_ms_runs", ())),
            )
            for m in saved
        )
        demand = builder.demand(builder.shape.operation(operation))
        runs.append(EndpointRun(operation, str(saved[0]["path"]), demand, measurements))
    saved = dict(data["hardware"])
    known = {f.name for f in fields(Costs)}
    saved["costs"] = {k: v for k, v in saved.get("costs", {}).items() if k in known}
    hardware = hardware_from_json(saved)  # costs of older models are dropped: refit it
    return Calibration(str(data["project"]), str(data["target"]), hardware, tuple(runs), rows)


def _optional(value: Any) -> float | None:
    return None if value is None else float(value)


def _median_run(
    server: Server, path: str, headers: dict[str, str], clients: int, seconds: float, repeats: int
) -> Measurement:
    """The run of median throughput among ``repeats`` (the machine may be shared), with
    the least CPU time per request of the repeats: other programs on the cores can only
    add to a request's CPU time (caches refilled after they ran), never take from it."""
    found = sorted(
        (
            measure(server.base_url, path, headers, clients, seconds=seconds, server_pid=server.pid)
            for _ in range(repeats)
        ),
        key=lambda m: m.throughput,
    )
    kept = found[len(found) // 2]
    count = (kept.requests + kept.errors) / 1000
    server_ms = [m.server_ms for m in found if m.server_ms is not None]
    client_ms = [m.client_ms for m in found if m.client_ms is not None]
    if not server_ms or not client_ms:
        return kept
    return replace(
        kept,
        server_cpu_s=min(server_ms) * count,
        client_cpu_s=float(np.median(client_ms)) * count,
        server_ms_runs=tuple(round(v, 4) for v in server_ms),
    )
