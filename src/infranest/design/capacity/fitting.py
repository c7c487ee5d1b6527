"""Fitting the model's framework costs and USL coefficients to measured endpoints.

Each measured endpoint gives its application demand ``D`` (milliseconds of CPU per
request): measured directly as the service's CPU time per request when the measurement
has it (cputime.py), else derived from the wall-clock ceiling as ``c / X_max``. The
framework costs are the non-negative least-squares solution of ``D = Σ_k cost_k · x_k``
over the endpoints, where ``x_k`` are the demand's features (:data:`FEATURES`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from scipy.optimize import curve_fit, nnls  # type: ignore[import-untyped]

from infranest.design.capacity.demand import Demand, service_times
from infranest.design.capacity.loadgen import Measurement
from infranest.design.capacity.model import Hardware
from infranest.design.capacity.predict import resource_bound, single_response
from infranest.design.capacity.queueing import closed_loop_throughput


@dataclass(frozen=True)
class EndpointRun:
    """One endpoint's measurements at each concurrency."""

    operation: str
    path: str
    demand: Demand
    runs: tuple[Measurement, ...]

    @property
    def measured_ceiling(self) -> float:
        """The most requests per second (wall clock) at any concurrency measured."""
        return max(m.throughput for m in self.runs)

    @property
    def busy(self) -> Measurement:
        """The run that shows the least CPU time per request among those with more than
        one client (the service never idle; all runs when there is only one level).

        With one client a request shows up to 2.6 times the CPU time it shows with more
        (the server idles between requests); with 16 clients of one worker sometimes more
        than with 4. The ceiling is the best the service does, ``X_max = c / min_N D(N)``.
        """
        busy = [m for m in self.runs if m.clients > 1] or list(self.runs)
        timed = [m for m in busy if m.server_ms is not None]
        if not timed:
            return max(busy, key=lambda m: m.clients)
        return min(timed, key=lambda m: m.server_ms or 0.0)

    @property
    def measured_demand_ms(self) -> float | None:
        """The service's CPU milliseconds per request in the :attr:`busy` run (None when
        the runs did not measure CPU time)."""
        return self.busy.server_ms

    @property
    def client_demand_ms(self) -> float | None:
        """The load generator's CPU milliseconds per request in the :attr:`busy` run."""
        return self.busy.client_ms

    def at(self, clients: int) -> Measurement:
        return next(m for m in self.runs if m.clients == clients)


# The fitted terms: (Costs field, the demand's quantity it is paid per). The per-row cost
# is in microseconds, so its quantity is divided by 1000.
Feature = tuple[str, Callable[[Demand], float]]
FEATURES: tuple[Feature, ...] = (
    ("request_ms", lambda d: 1.0),
    ("auth_ms", lambda d: 1.0 if d.auth else 0.0),
    ("query_app_ms", lambda d: d.query_count),
    ("row_app_us", lambda d: d.rows_returned / 1000),
)


def demand_ms(e: EndpointRun, hardware: Hardware) -> float:
    """The endpoint's application demand in ms: measured CPU time when there is one,
    else ``c / X_max`` from the wall-clock ceiling."""
    measured = e.measured_demand_ms
    if measured is not None:
        return measured
    return hardware.app_servers * 1000 / e.measured_ceiling


def fit_costs(hardware: Hardware, runs: list[EndpointRun]) -> Hardware:
    """``hardware`` with the :data:`FEATURES` costs fitted by NNLS to the runs' demands,
    with relative weights (a cheap endpoint counts as much as an expensive one); the
    database and byte terms keep their constants."""
    base = replace(hardware.costs, **{name: 0.0 for name, _ in FEATURES})
    probe = replace(hardware, costs=base, rtt_ms=0.0)
    matrix: list[list[float]] = []
    target: list[float] = []
    for e in runs:
        fixed = service_times(e.demand, probe)["app"] * 1000
        matrix.append([quantity(e.demand) for _, quantity in FEATURES])
        target.append(max(demand_ms(e, hardware) - fixed, 0.0))
    weights = 1.0 / np.maximum(np.array(target), 1e-3)
    solution, _ = nnls(np.array(matrix) * weights[:, None], np.array(target) * weights)
    costs = replace(
        base, **{name: float(v) for (name, _), v in zip(FEATURES, solution, strict=True)}
    )
    return replace(hardware, costs=costs, rtt_ms=0.0)


def fit(hardware: Hardware, runs: list[EndpointRun]) -> Hardware:
    """Fit the profile to measurements.

    1. Framework costs: :func:`fit_costs`.
    2. ``rtt_ms``: what a lone request takes beyond its demand (client, loopback, event
       loop), the median over endpoints of ``R(1) − D``.
    3. σ and κ: ``curve_fit`` of the modelled ``X(N)`` (:func:`predicted_curve`, with
       the load generator's CPU on the same cores) to every measured throughput.
    """
    fitted = fit_costs(hardware, runs)
    extra = [
        e.at(min(m.clients for m in e.runs)).mean_ms
        - sum(service_times(e.demand, fitted).values()) * 1000
        for e in runs
    ]
    fitted = replace(fitted, rtt_ms=max(float(np.median(extra)), 0.0))
    sigma, kappa = _fit_usl(fitted, runs, client_ms(runs))
    return replace(fitted, sigma=sigma, kappa=kappa)


def client_ms(runs: list[EndpointRun] | tuple[EndpointRun, ...]) -> float:
    """The load generator's median CPU milliseconds per request (0 when not measured)."""
    found = [m for m in (e.client_demand_ms for e in runs) if m is not None]
    return float(np.median(found)) if found else 0.0


def predicted_curve(e: EndpointRun, hardware: Hardware, client: float = 0.0) -> list[float]:
    """The model's closed-loop throughput at each concurrency ``e`` was measured at.

    ``client``: CPU milliseconds the load generator spends per request on the same cores
    (calibration runs it there), so that the cores bound ``X ≤ cores / (D + client)``.
    """
    service = service_times(e.demand, hardware)
    bound, _ = resource_bound(service, hardware)
    if client > 0:
        bound = min(bound, hardware.app_cores * 1000 / (service["app"] * 1000 + client))
    r1 = single_response(service, hardware)
    return [
        closed_loop_throughput(m.clients, r1, bound, hardware.sigma, hardware.kappa) for m in e.runs
    ]


def _fit_usl(hardware: Hardware, runs: list[EndpointRun], client: float) -> tuple[float, float]:
    """σ, κ making the *shape* of :func:`predicted_curve` (each endpoint's throughput at
    each concurrency over its best) match the measured shape (``curve_fit`` over all
    endpoints and concurrencies at once). Shapes, not levels: on a shared machine the
    service gets an unknown share of the cores, which scales a whole curve, and the
    level is what the CPU time per request already measures."""
    curves = [e for e in runs if len(e.runs) > 1 and all(m.throughput > 0 for m in e.runs)]
    if not curves:
        return hardware.sigma, hardware.kappa
    measured = np.concatenate([_shape([m.throughput for m in e.runs]) for e in curves])

    def model(_: np.ndarray, sigma: float, kappa: float) -> np.ndarray:
        hw = replace(hardware, sigma=sigma, kappa=kappa)
        shapes = [_shape(predicted_curve(e, hw, client)) for e in curves]
        ratio: np.ndarray = np.concatenate(shapes) / measured
        return ratio

    try:
        params, _ = curve_fit(
            model,
            np.zeros(measured.size),
            np.ones(measured.size),
            p0=(0.01, 0.0001),
            bounds=([0, 0], [1, 1]),
            max_nfev=2000,
        )
    except (RuntimeError, ValueError):  # no better fit than the start: keep the profile's
        return hardware.sigma, hardware.kappa
    return float(params[0]), float(params[1])


def _shape(curve: list[float]) -> np.ndarray:
    values = np.array(curve, dtype=float)
    shape: np.ndarray = values / values.max()
    return shape
