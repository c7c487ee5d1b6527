"""Growth forecast: compounding, saturation months, remedies and their effect."""

from __future__ import annotations

import math

import pytest
from design_support import spec_of

from infranest.design.capacity.forecast import forecast, monthly_factor
from infranest.design.capacity.model import SATURATION, default_hardware
from infranest.design.capacity.predict import predict
from infranest.spec.model import Growth

SMALL = """project t {
  auth jwt
  roles admin
  load rps 50, peak 100, users 1000, reads 90%
  growth 10% per month
}

entity Note {
  author: User owner on_delete(cascade)
  body: string(200)
  rows 1000
  allow all: owner
}
"""

SCANNING = SMALL.replace("  rows 1000\n", "  filter body\n  rows 2000000\n")


def test_monthly_factor_compounds_each_period() -> None:
    assert monthly_factor(Growth(rate=6, period="month")) == pytest.approx(1.06)
    assert monthly_factor(Growth(rate=20, period="year")) == pytest.approx(1.2 ** (1 / 12))
    assert monthly_factor(Growth(rate=3, period="week")) == pytest.approx(1.03 ** (30.4375 / 7))
    assert monthly_factor(None) == 1.0
    assert monthly_factor(Growth(rate=6), rate_percent=2.0) == pytest.approx(1.02)


def test_saturation_month_matches_the_compounded_load() -> None:
    spec = spec_of(SMALL)
    hw = default_hardware("fastapi")
    now = predict(spec, hw, rps=100).utilisation["app"]
    result = forecast(spec, hw)
    expected = math.ceil(math.log(SATURATION / now) / math.log(1.10))
    # Data grows too, so the month can only come earlier, never later.
    assert result.saturation["app"] is not None
    assert expected - 2 <= result.saturation["app"] <= expected
    first = result.steps[0]
    assert first.resource == "app"
    assert first.change == "more replicas"
    assert first.month == result.saturation["app"]
    assert first.peak_rps == pytest.approx(100 * 1.1**first.month)
    assert "→" in first.effect
    assert first.months_gained is None or first.months_gained > 0


def test_no_growth_and_light_load_never_saturates() -> None:
    spec = spec_of(SMALL)
    result = forecast(spec, default_hardware("fastapi"), growth_percent=0.0, rps=1.0)
    assert result.saturation == {"app": None, "db": None, "network": None}
    assert result.steps == ()


def test_a_scan_of_a_large_table_is_relieved_by_partitioning() -> None:
    spec = spec_of(SCANNING)
    result = forecast(spec, default_hardware("fastapi"))
    db_steps = [s for s in result.steps if s.resource == "db"]
    assert db_steps
    assert db_steps[0].change == "partitioning"
    assert "Note" in db_steps[0].reason
    assert [s.month for s in result.steps] == sorted(s.month for s in result.steps)


def test_reads_on_the_database_get_a_replica_or_a_cache() -> None:
    cached = SMALL.replace("  rows 1000\n", "  rows 1000\n  cache 1m\n")
    hw = default_hardware("fiber")  # a fast framework: the database saturates first
    spec = spec_of(cached)
    result = forecast(spec, hw, rps=40_000)
    db = next(s for s in result.steps if s.resource == "db")
    assert db.change in ("cache", "read replica")
    json_form = result.to_json()
    assert json_form["plan"][0]["change"] == result.steps[0].change


def test_utilisation_series_follows_the_growth_and_marks_saturation() -> None:
    spec = spec_of(SMALL)
    hw = default_hardware("fastapi")
    result = forecast(spec, hw, horizon=30)
    app = result.utilisation["app"]
    assert len(app) == 31
    assert app[0] == pytest.approx(predict(spec, hw, rps=100).utilisation["app"])
    assert list(app) == sorted(app)  # traffic and data only grow
    month = result.saturation["app"]
    assert month is not None
    assert app[month] >= SATURATION > max(app[:month], default=0.0)
    data = result.to_json()["utilisation_by_month"]
    assert set(data) == {"app", "db", "network"}
    assert [p["month"] for p in data["db"]] == list(range(31))
    assert data["app"][month]["utilisation"] == pytest.approx(app[month], abs=1e-4)


def test_utilisation_series_is_flat_without_growth() -> None:
    result = forecast(spec_of(SMALL), default_hardware("fastapi"), growth_percent=0.0, horizon=6)
    for series in result.utilisation.values():
        assert len(series) == 7
        assert len(set(series)) == 1
