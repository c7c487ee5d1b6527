"""Queueing formulas: M/M/c with Erlang C, response-time percentiles, and the USL.

An M/M/c station has Poisson arrivals at rate ``lam``, ``c`` servers and exponential
service at rate ``mu`` each. With offered load ``a = lam/mu`` and utilisation
``rho = a/c < 1``, a request waits with probability C(c, a) (Erlang C), and then for an
exponential time of rate ``c·mu − lam``. A request's response time through several
stations is the sum of its own (exponential) service and that wait at each station.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.special import gammaln  # type: ignore[import-untyped]

_SAMPLES = 40_000
_SEED = 20_261_123


def erlang_c(c: int, a: float) -> float:
    """Probability that an arrival waits in M/M/c with offered load ``a`` (erlangs).

    Computed in log space (stable for large ``c``); 1.0 when ``a >= c`` (saturated).
    """
    if a <= 0:
        return 0.0
    if a >= c:
        return 1.0
    ks = np.arange(c)
    log_terms = ks * math.log(a) - gammaln(ks + 1)
    log_last = c * math.log(a) - float(gammaln(c + 1)) + math.log(c / (c - a))
    top = math.exp(log_last - np.logaddexp.reduce(np.append(log_terms, log_last)))
    return float(top)


@dataclass(frozen=True)
class Station:
    """An M/M/c station's state at one arrival rate; ``wait_rate`` is 0 when saturated."""

    servers: int
    utilisation: float
    wait_probability: float
    wait_rate: float  # 1/s of the exponential wait when a request waits

    @property
    def saturated(self) -> bool:
        return self.utilisation >= 1.0

    @property
    def mean_wait(self) -> float:
        if self.saturated:
            return math.inf
        return self.wait_probability / self.wait_rate if self.wait_rate > 0 else 0.0


def station(lam: float, mean_service: float, servers: int) -> Station:
    """The M/M/c station with arrival rate ``lam`` and mean service time ``mean_service``."""
    if mean_service <= 0 or lam <= 0:
        return Station(servers, 0.0, 0.0, 0.0)
    mu = 1.0 / mean_service
    a = lam / mu
    rho = a / servers
    if rho >= 1.0:
        return Station(servers, rho, 1.0, 0.0)
    return Station(servers, rho, erlang_c(servers, a), servers * mu - lam)


def percentiles(
    services: Sequence[float], stations: Sequence[Station], qs: Sequence[float] = (50, 95)
) -> tuple[float, ...]:
    """Percentiles (seconds) of a response time that is, at each station, an exponential
    service of mean ``services[i]`` plus, with the station's wait probability, an
    exponential wait; sampled with a fixed seed, so the answer is deterministic.
    Infinite when a station is saturated."""
    if any(s.saturated for s in stations):
        return tuple(math.inf for _ in qs)
    rng = np.random.default_rng(_SEED)
    total = np.zeros(_SAMPLES)
    for mean, st in zip(services, stations, strict=True):
        if mean > 0:
            total += rng.exponential(mean, _SAMPLES)
        if st.wait_probability > 0 and st.wait_rate > 0:
            waits = rng.random(_SAMPLES) < st.wait_probability
            total += waits * rng.exponential(1.0 / st.wait_rate, _SAMPLES)
    return tuple(float(v) for v in np.percentile(total, list(qs)))


def usl(n: float | np.ndarray, lam: float, sigma: float, kappa: float) -> np.ndarray:
    """Universal Scalability Law: throughput at concurrency ``n``,
    ``X(N) = λN / (1 + σ(N−1) + κN(N−1))``."""
    n_arr = np.asarray(n, dtype=float)
    return np.asarray(lam * n_arr / (1 + sigma * (n_arr - 1) + kappa * n_arr * (n_arr - 1)))


def usl_peak(sigma: float, kappa: float) -> float:
    """The concurrency at which the USL peaks: ``N* = sqrt((1−σ)/κ)`` (inf when κ = 0)."""
    if kappa <= 0:
        return math.inf
    return math.sqrt(max(1.0 - sigma, 0.0) / kappa)


def closed_loop_throughput(
    n: int, response_1: float, bound: float, sigma: float, kappa: float
) -> float:
    """Throughput of ``n`` clients sending back to back: the USL from the single-client
    rate ``1/response_1``, capped by the resource bound (the bottleneck's ``c/D``)."""
    if response_1 <= 0:
        return bound
    return float(min(float(usl(n, 1.0 / response_1, sigma, kappa)), bound))


def ceiling(response_1: float, bound: float, sigma: float, kappa: float) -> float:
    """The most a closed loop reaches at any concurrency up to 1024 clients."""
    peak = usl_peak(sigma, kappa)
    candidates = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024}
    if math.isfinite(peak):
        candidates |= {max(1, math.floor(peak)), max(1, math.ceil(peak))}
    return max(closed_loop_throughput(n, response_1, bound, sigma, kappa) for n in candidates)
