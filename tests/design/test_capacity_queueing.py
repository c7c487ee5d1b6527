"""Queueing formulas against closed forms: Erlang C, M/M/1 sojourn percentiles, the USL."""

from __future__ import annotations

import math

import numpy as np
import pytest

from infranest.design.capacity.queueing import (
    ceiling,
    closed_loop_throughput,
    erlang_c,
    percentiles,
    station,
    usl,
    usl_peak,
)


def _erlang_c_direct(c: int, a: float) -> float:
    top = a**c / math.factorial(c) * c / (c - a)
    return top / (sum(a**k / math.factorial(k) for k in range(c)) + top)


@pytest.mark.parametrize(("c", "a"), [(1, 0.5), (2, 1.0), (4, 3.2), (8, 7.9), (16, 10.0)])
def test_erlang_c_matches_the_textbook_formula(c: int, a: float) -> None:
    assert erlang_c(c, a) == pytest.approx(_erlang_c_direct(c, a), rel=1e-9)


def test_erlang_c_known_values() -> None:
    assert erlang_c(1, 0.7) == pytest.approx(0.7)  # M/M/1: the utilisation
    assert erlang_c(2, 1.0) == pytest.approx(1 / 3)
    assert erlang_c(3, 3.0) == 1.0
    assert erlang_c(3, 0.0) == 0.0


def test_erlang_c_is_stable_for_many_servers() -> None:
    value = erlang_c(400, 380.0)
    assert 0.0 < value < 1.0


def test_mm1_percentiles_are_those_of_an_exponential_sojourn() -> None:
    lam, service = 80.0, 0.01  # mu = 100, so the sojourn time is Exp(20)
    st = station(lam, service, 1)
    assert st.utilisation == pytest.approx(0.8)
    p50, p95 = percentiles([service], [st])
    assert p50 == pytest.approx(math.log(2) / 20, rel=0.03)
    assert p95 == pytest.approx(math.log(20) / 20, rel=0.03)


def test_saturated_station_has_infinite_latency() -> None:
    st = station(200.0, 0.01, 1)
    assert st.saturated
    assert percentiles([0.01], [st]) == (math.inf, math.inf)


def test_usl_shapes() -> None:
    n = np.array([1.0, 2.0, 4.0])
    assert list(usl(n, 10.0, 0.0, 0.0)) == [10.0, 20.0, 40.0]  # linear without contention
    assert float(usl(1.0, 10.0, 0.5, 0.1)) == pytest.approx(10.0)
    assert usl_peak(0.02, 0.0) == math.inf
    assert usl_peak(0.0, 0.01) == pytest.approx(10.0)
    sigma, kappa = 0.1, 0.001
    peak = usl_peak(sigma, kappa)
    assert float(usl(peak, 1.0, sigma, kappa)) > float(usl(peak * 2, 1.0, sigma, kappa))


def test_closed_loop_is_capped_by_the_bottleneck() -> None:
    assert closed_loop_throughput(1, 0.01, 1000.0, 0.0, 0.0) == pytest.approx(100.0)
    assert closed_loop_throughput(64, 0.01, 250.0, 0.0, 0.0) == 250.0
    assert ceiling(0.01, 250.0, 0.0, 0.0) == 250.0
    assert ceiling(0.01, 1e9, 0.0, 0.01) == pytest.approx(float(usl(10, 100.0, 0.0, 0.01)))
