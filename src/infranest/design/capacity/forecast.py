"""Growth forecast: when each resource saturates, what to change then, and its effect.

Traffic and data grow together by the spec's ``growth`` (compounded monthly); peak
traffic (``load peak``, else the average) is checked month by month against each
resource's capacity. A resource saturates in the first month its utilisation at the
peak reaches :data:`SATURATION`. The remedy for the first saturating resource is applied
to the model, and the forecast continues, up to ``horizon`` months.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from infranest.design.capacity.demand import RESOURCES, Demand, DemandBuilder, Query, Resource
from infranest.design.capacity.model import SATURATION, Hardware, scaled
from infranest.design.capacity.predict import DEFAULT_RPS, predict
from infranest.spec.model import Growth, Spec

DAYS_PER_PERIOD = {"day": 1.0, "week": 7.0, "month": 30.4375, "year": 365.25}
HORIZON_MONTHS = 36
CACHE_HIT_RATIO = 0.8
PARTITIONS = 8
MAX_STEPS = 6
TARGET_UTILISATION = 0.5  # what a scaling change aims for
QUEUED_SHARE = 1.0  # writes moved to a queue leave the request path entirely


def monthly_factor(growth: Growth | None, rate_percent: float | None = None) -> float:
    """Growth per month: ``(1 + rate/100) ** (30.4375 / days in the period)``."""
    if rate_percent is not None:
        return 1.0 + rate_percent / 100
    if growth is None:
        return 1.0
    return float(
        (1.0 + growth.rate / 100) ** (DAYS_PER_PERIOD["month"] / DAYS_PER_PERIOD[growth.period])
    )


@dataclass(frozen=True)
class Step:
    """A resource saturating in ``month`` and the change that relieves it."""

    month: int
    resource: Resource
    utilisation: float
    peak_rps: float
    change: str
    reason: str
    effect: str
    months_gained: int | None  # None: beyond the horizon after the change

    def to_json(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "resource": self.resource,
            "utilisation": round(self.utilisation, 3),
            "peak_rps": round(self.peak_rps, 1),
            "change": self.change,
            "reason": self.reason,
            "effect": self.effect,
            "months_gained": self.months_gained,
        }


@dataclass(frozen=True)
class Forecast:
    monthly_growth: float
    peak_rps: float
    horizon: int
    saturation: dict[Resource, int | None]  # first month at SATURATION, without changes
    steps: tuple[Step, ...]
    # utilisation at the peak in months 0..horizon, without changes (1.0 = full capacity)
    utilisation: dict[Resource, tuple[float, ...]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "monthly_growth_percent": round((self.monthly_growth - 1) * 100, 3),
            "peak_rps": self.peak_rps,
            "horizon_months": self.horizon,
            "saturation_month": dict(self.saturation),
            "plan": [s.to_json() for s in self.steps],
            "utilisation_by_month": {
                r: [{"month": m, "utilisation": round(u, 4)} for m, u in enumerate(series)]
                for r, series in self.utilisation.items()
            },
        }


@dataclass(frozen=True)
class _World:
    """What the forecast varies: the hardware and a rewrite of every demand."""

    hardware: Hardware
    rewrite: Callable[[Demand], Demand]


def _identity(d: Demand) -> Demand:
    return d


class _Rewritten(DemandBuilder):
    def __init__(self, base: DemandBuilder, rewrite: Callable[[Demand], Demand]) -> None:
        super().__init__(base.spec, base.shape)
        self.row_scale = base.row_scale
        self._rewrite = rewrite

    def all(self) -> tuple[Demand, ...]:
        return tuple(self._rewrite(d) for d in super().all())


def _utilisation(
    spec: Spec,
    builder: DemandBuilder,
    world: _World,
    month: int,
    g: float,
    peak: float,
    ratio: float | None,
) -> dict[Resource, float]:
    scaled_builder = _Rewritten(builder.with_rows_scaled(g**month), world.rewrite)
    report = predict(
        spec,
        world.hardware,
        rps=peak * g**month,
        read_ratio=ratio,
        builder=scaled_builder,
        latency=False,
    )
    return report.utilisation


def _baseline(
    spec: Spec,
    builder: DemandBuilder,
    world: _World,
    g: float,
    peak: float,
    ratio: float | None,
    horizon: int,
) -> dict[Resource, tuple[float, ...]]:
    """Utilisation per resource in months 0..``horizon`` (constant without growth)."""
    months = range(horizon + 1) if g != 1.0 else range(1)
    used = [_utilisation(spec, builder, world, m, g, peak, ratio) for m in months]
    if g == 1.0:
        used *= horizon + 1
    return {r: tuple(u[r] for u in used) for r in RESOURCES}


def _first_saturation(
    spec: Spec,
    builder: DemandBuilder,
    world: _World,
    g: float,
    peak: float,
    ratio: float | None,
    start: int,
    horizon: int,
) -> tuple[int, Resource, float] | None:
    for month in range(start, horizon + 1):
        used = _utilisation(spec, builder, world, month, g, peak, ratio)
        worst = max(RESOURCES, key=lambda r: used[r])
        if used[worst] >= SATURATION:
            return month, worst, used[worst]
        if g <= 1.0:
            return None  # no growth: what does not saturate now never will
    return None


def forecast(
    spec: Spec,
    hardware: Hardware,
    *,
    rps: float | None = None,
    growth_percent: float | None = None,
    read_ratio: float | None = None,
    horizon: int = HORIZON_MONTHS,
) -> Forecast:
    """Month by month up to ``horizon``: saturation per resource and a plan of changes.

    ``rps`` overrides the spec's peak (``load peak``, else ``load rps``);
    ``growth_percent`` a monthly growth rate in percent overriding the spec's ``growth``.
    """
    builder = DemandBuilder(spec, target=hardware.target)
    load = builder.spec.project.load
    peak = rps if rps is not None else (load.peak_rps or load.rps if load else None)
    peak = DEFAULT_RPS if peak is None else peak
    g = monthly_factor(builder.spec.project.growth, growth_percent)
    base = _World(hardware, _identity)
    series = _baseline(spec, builder, base, g, peak, read_ratio, horizon)
    saturation: dict[Resource, int | None] = {
        r: next((m for m, u in enumerate(series[r]) if u >= SATURATION), None) for r in RESOURCES
    }
    steps: list[Step] = []
    world, start = base, 0
    for _ in range(MAX_STEPS):
        found = _first_saturation(spec, builder, world, g, peak, read_ratio, start, horizon)
        if found is None:
            break
        month, resource, level = found
        ds = _Rewritten(builder.with_rows_scaled(g**month), world.rewrite).all()
        change, reason, after = _remedy(resource, level, ds, world, builder.spec)
        later = _first_saturation(spec, builder, after, g, peak, read_ratio, month, horizon)
        gained = None if later is None else later[0] - month
        effect = _effect(resource, level, spec, builder, after, month, g, peak, read_ratio, later)
        steps.append(Step(month, resource, level, peak * g**month, change, reason, effect, gained))
        if later is None:
            break
        if later[0] == month and later[1] == resource and later[2] >= level * 0.95:
            break  # the change does not help: stop rather than repeat it
        world, start = after, later[0]
    return Forecast(g, peak, horizon, saturation, tuple(steps), series)


def _effect(
    resource: Resource,
    before: float,
    spec: Spec,
    builder: DemandBuilder,
    after: _World,
    month: int,
    g: float,
    peak: float,
    ratio: float | None,
    later: tuple[int, Resource, float] | None,
) -> str:
    now = _utilisation(spec, builder, after, month, g, peak, ratio)[resource]
    text = f"{resource} utilisation at month {month}: {before:.0%} → {now:.0%}"
    if later is None:
        return text + "; nothing saturates again within the horizon"
    return text + f"; next saturation: {later[1]} in month {later[0]}"


def _declares_cache(spec: Spec, d: Demand) -> bool:
    entity = spec.entity(d.entity or "")
    return entity is not None and entity.cache is not None


def _is_cacheable(d: Demand, spec: Spec) -> bool:
    entity = spec.entity(d.entity or "")
    return d.read and entity is not None and d.kind in ("list", "read")


def _remedy(
    resource: Resource, level: float, ds: tuple[Demand, ...], world: _World, spec: Spec
) -> tuple[str, str, _World]:
    """The change for a saturating ``resource``, why, and the world after it."""
    hw = world.hardware
    if resource == "network":
        return (
            "cache",
            "responses fill the network link; a CDN or response cache serves repeated reads",
            _World(hw, _compose(world.rewrite, _cached(spec, hit=CACHE_HIT_RATIO, db_only=False))),
        )
    if resource == "app":
        factor = float(max(2, math.ceil(level / TARGET_UTILISATION)))
        return (
            "more replicas",
            f"application CPU is the bottleneck; run {factor:g}× the application servers "
            f"({hw.app_workers} → {round(hw.app_workers * factor)} workers)",
            _World(scaled(hw, app=factor), world.rewrite),
        )
    db_reads = sum(q.share for d in ds if d.read for q in d.queries)
    db_writes = sum(q.share for d in ds if not d.read for q in d.queries if q.kind == "write")
    scans = [
        q for d in ds for q in d.queries if q.kind in ("scan", "count") and q.examined > 10_000
    ]
    if scans:
        biggest = max(scans, key=lambda q: q.examined * q.share)
        return (
            "partitioning",
            f"{biggest.what} examines {biggest.examined:,.0f} rows; partition the table "
            f"({PARTITIONS} partitions) or index what it filters on",
            _World(hw, _compose(world.rewrite, _partitioned)),
        )
    if db_writes > db_reads:
        return (
            "queue",
            "writes dominate the database; move them behind a queue "
            "(batched, off the request path)",
            _World(hw, _compose(world.rewrite, _queued)),
        )
    if any(_is_cacheable(d, spec) and _declares_cache(spec, d) for d in ds):
        return (
            "cache",
            f"reads dominate the database; cache reads ({CACHE_HIT_RATIO:.0%} hits assumed)",
            _World(hw, _compose(world.rewrite, _cached(spec, hit=CACHE_HIT_RATIO, db_only=True))),
        )
    replicas = max(1, math.ceil(level / TARGET_UTILISATION) - 1)
    return (
        "read replica",
        f"reads dominate the database; add {replicas} read replica(s): reads split over "
        f"{replicas + 1} servers",
        _World(hw, _compose(world.rewrite, _replicated(replicas))),
    )


def _compose(
    first: Callable[[Demand], Demand], second: Callable[[Demand], Demand]
) -> Callable[[Demand], Demand]:
    return lambda d: second(first(d))


def _scale_queries(d: Demand, keep: float, only: Callable[[Query], bool]) -> Demand:
    queries = tuple(replace(q, share=q.share * keep) if only(q) else q for q in d.queries)
    return replace(d, queries=queries)


def _cached(spec: Spec, *, hit: float, db_only: bool) -> Callable[[Demand], Demand]:
    def rewrite(d: Demand) -> Demand:
        if not _is_cacheable(d, spec):
            return d
        out = _scale_queries(d, 1 - hit, lambda q: q.what != "load the caller (User by id)")
        return out if db_only else replace(out, response_bytes=d.response_bytes * (1 - hit))

    return rewrite


def _replicated(replicas: int) -> Callable[[Demand], Demand]:
    def rewrite(d: Demand) -> Demand:
        if not d.read:
            return d
        return _scale_queries(d, 1 / (replicas + 1), lambda q: q.kind != "write")

    return rewrite


def _partitioned(d: Demand) -> Demand:
    queries = tuple(
        replace(q, examined=q.examined / PARTITIONS, sorted_rows=q.sorted_rows / PARTITIONS)
        if q.kind in ("scan", "count")
        else q
        for q in d.queries
    )
    return replace(d, queries=queries)


def _queued(d: Demand) -> Demand:
    if d.read:
        return d
    return _scale_queries(d, 1 - QUEUED_SHARE, lambda q: q.kind == "write")


def horizon_text(month: int | None) -> str:
    return "not within the horizon" if month is None else f"month {month}"


def months_until(current: float, capacity: float, g: float) -> float:
    """Months until ``current`` growing by ``g`` a month reaches ``capacity``."""
    if current >= capacity:
        return 0.0
    if g <= 1.0:
        return math.inf
    return math.log(capacity / current) / math.log(g)
