"""Capacity prediction: per-endpoint ceilings, latency at a load, the bottleneck.

The request mix: each entity read (list, read, ``get`` actions) gets an equal share of
``read_ratio`` of the traffic, each write an equal share of the rest; the service's own
endpoints (auth, health, metrics) are left out of the mix.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from infranest.design.capacity.demand import (
    RESOURCES,
    Demand,
    DemandBuilder,
    Resource,
    servers,
    service_times,
)
from infranest.design.capacity.model import Hardware
from infranest.design.capacity.queueing import Station, ceiling, percentiles, station
from infranest.spec.model import Spec

DEFAULT_READ_RATIO = 0.8
DEFAULT_RPS = 50.0
ENTITY_KINDS = frozenset({"list", "read", "create", "update", "delete", "action"})


@dataclass(frozen=True)
class EndpointPrediction:
    demand: Demand
    service: dict[Resource, float]  # seconds per request at each resource
    share: float  # of the mix
    ceiling_rps: float  # this endpoint alone, any concurrency
    bottleneck: Resource
    p50_ms: float  # at the given load (the whole mix)
    p95_ms: float

    def to_json(self) -> dict[str, Any]:
        d = self.demand
        return {
            "operation": d.operation,
            "method": d.method,
            "path": d.path,
            "queries": round(d.query_count, 3),
            "response_bytes": round(d.response_bytes),
            "service_ms": {r: round(v * 1000, 4) for r, v in self.service.items()},
            "share": round(self.share, 4),
            "ceiling_rps": _num(self.ceiling_rps),
            "bottleneck": self.bottleneck,
            "p50_ms": _num(self.p50_ms),
            "p95_ms": _num(self.p95_ms),
            "notes": list(d.notes),
        }


@dataclass(frozen=True)
class CapacityReport:
    hardware: Hardware
    rps: float
    read_ratio: float
    endpoints: tuple[EndpointPrediction, ...]
    utilisation: dict[Resource, float]
    mix_ceiling_rps: float
    bottleneck: Resource

    def endpoint(self, operation: str) -> EndpointPrediction:
        return next(e for e in self.endpoints if e.demand.operation == operation)

    def to_json(self) -> dict[str, Any]:
        return {
            "hardware": self.hardware.to_json(),
            "rps": self.rps,
            "read_ratio": self.read_ratio,
            "mix_ceiling_rps": _num(self.mix_ceiling_rps),
            "bottleneck": self.bottleneck,
            "utilisation": {r: round(u, 4) for r, u in self.utilisation.items()},
            "endpoints": [e.to_json() for e in self.endpoints],
        }


def _num(value: float) -> float | None:
    """JSON has no infinity: saturated latencies are null."""
    return round(value, 3) if math.isfinite(value) else None  # NaN too: not computed


def mix_shares(ds: tuple[Demand, ...], read_ratio: float) -> dict[str, float]:
    """Each entity operation's share of the traffic (see the module docstring)."""
    entity_ops = [d for d in ds if d.kind in ENTITY_KINDS]
    reads = [d for d in entity_ops if d.read]
    writes = [d for d in entity_ops if not d.read]
    shares = {d.operation: 0.0 for d in ds}
    read_share = read_ratio if writes else 1.0
    for d in reads:
        shares[d.operation] = read_share / len(reads)
    for d in writes:
        shares[d.operation] = (1.0 - read_share) / len(writes) if reads else 1.0 / len(writes)
    return shares


def resource_bound(service: dict[Resource, float], hardware: Hardware) -> tuple[float, Resource]:
    """``min over resources of c/D`` and the resource that sets it."""
    counts = servers(hardware)
    bounds = {r: (counts[r] / service[r] if service[r] > 0 else math.inf) for r in RESOURCES}
    worst = min(RESOURCES, key=lambda r: bounds[r])
    return bounds[worst], worst


def single_response(service: dict[Resource, float], hardware: Hardware) -> float:
    """Response time of a lone request: its service everywhere plus one round trip."""
    return sum(service.values()) + hardware.rtt_ms / 1000


def endpoint_ceiling(service: dict[Resource, float], hardware: Hardware) -> float:
    bound, _ = resource_bound(service, hardware)
    return ceiling(single_response(service, hardware), bound, hardware.sigma, hardware.kappa)


def predict(
    spec: Spec,
    hardware: Hardware,
    *,
    rps: float | None = None,
    read_ratio: float | None = None,
    builder: DemandBuilder | None = None,
    latency: bool = True,
) -> CapacityReport:
    """Predict ``spec``'s capacity on ``hardware`` at ``rps`` (default: the spec's
    ``load rps``, else 50) with ``read_ratio`` reads (default: the spec's, else 0.8);
    ``latency`` False skips the percentiles (NaN), which the forecast does not need."""
    builder = builder or DemandBuilder(spec, target=hardware.target)
    load = builder.spec.project.load
    rate = rps if rps is not None else (load.rps if load and load.rps is not None else None)
    rate = DEFAULT_RPS if rate is None else rate
    ratio = read_ratio if read_ratio is not None else (load.read_ratio if load else None)
    ratio = DEFAULT_READ_RATIO if ratio is None else ratio
    ds = builder.all()
    shares = mix_shares(ds, ratio)
    times = {d.operation: service_times(d, hardware) for d in ds}
    stations, mean = mix_stations(ds, times, shares, rate, hardware)
    utilisation = {r: stations[r].utilisation for r in RESOURCES}
    counts = servers(hardware)
    mix_bounds = {r: (counts[r] / mean[r] if mean[r] > 0 else math.inf) for r in RESOURCES}
    bottleneck = min(RESOURCES, key=lambda r: mix_bounds[r])
    endpoints = []
    for d in ds:
        service = times[d.operation]
        p50, p95 = math.nan, math.nan
        if latency:
            p50, p95 = percentiles(
                [service[r] for r in RESOURCES], [stations[r] for r in RESOURCES]
            )
        rtt = hardware.rtt_ms
        _, worst = resource_bound(service, hardware)
        endpoints.append(
            EndpointPrediction(
                demand=d,
                service=service,
                share=shares[d.operation],
                ceiling_rps=endpoint_ceiling(service, hardware),
                bottleneck=worst,
                p50_ms=p50 * 1000 + rtt,
                p95_ms=p95 * 1000 + rtt,
            )
        )
    return CapacityReport(
        hardware=hardware,
        rps=rate,
        read_ratio=ratio,
        endpoints=tuple(endpoints),
        utilisation=utilisation,
        mix_ceiling_rps=mix_bounds[bottleneck],
        bottleneck=bottleneck,
    )


def mix_stations(
    ds: tuple[Demand, ...],
    times: dict[str, dict[Resource, float]],
    shares: dict[str, float],
    rps: float,
    hardware: Hardware,
) -> tuple[dict[Resource, Station], dict[Resource, float]]:
    """Each resource as an M/M/c station fed by the whole mix, and the mix's mean
    service time there."""
    counts = servers(hardware)
    mean: dict[Resource, float] = {
        r: sum(shares[d.operation] * times[d.operation][r] for d in ds) for r in RESOURCES
    }
    return {r: station(rps, mean[r], counts[r]) for r in RESOURCES}, mean
