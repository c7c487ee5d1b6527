"""The demand model's terms and the fit of its costs to measured CPU time per request."""

from __future__ import annotations

from dataclasses import replace

import pytest
from design_support import spec_of

from infranest.design.capacity import demand
from infranest.design.capacity.demand import DemandBuilder, service_times
from infranest.design.capacity.fitting import FEATURES, EndpointRun, demand_ms, fit_costs
from infranest.design.capacity.loadgen import Measurement
from infranest.design.capacity.model import RELATED_PER_ROW, Costs, Hardware

SHELF = """
entity Tag {
  label: string(40)
  allow read, list: anyone
}

entity Book {
  title: string(200)
  pages: int
  tags: [Tag]
  paginate offset 20 max 100
  rows 500
  allow read, list: anyone
  allow write: admin
}

entity Loan {
  book: Book
  due: date
  rows 5
  allow read, list: admin
  allow write: admin
}
"""


def test_related_rows_are_rows_the_orm_loads_per_page_or_per_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # FastAPI (SQLAlchemy's selectin): one query for the tags of the whole page.
    page = {d.operation: d for d in DemandBuilder(spec_of(SHELF), target="fastapi").all()}
    books = page["list_books"]
    tags = [q for q in books.queries if "Tag of Book.tags" in q.what]
    assert len(tags) == 1
    assert tags[0].share == 1
    assert tags[0].returned == 20 * RELATED_PER_ROW
    assert books.rows_returned == 20 + 20 * RELATED_PER_ROW  # the page and its tags
    # Django prefetches too: the same queries as FastAPI.
    django = {d.operation: d for d in DemandBuilder(spec_of(SHELF), target="django").all()}
    assert django["list_books"].query_count == books.query_count
    # A target that loaded the relation row by row (N+1) pays one query per row.
    monkeypatch.setattr(demand, "PER_ROW_RELATION_TARGETS", frozenset({"django"}))
    per_row = {d.operation: d for d in DemandBuilder(spec_of(SHELF), target="django").all()}
    n_plus_one = per_row["list_books"]
    assert n_plus_one.query_count == books.query_count - 1 + 20
    assert n_plus_one.rows_returned == books.rows_returned
    assert per_row["get_book"].query_count == page["get_book"].query_count  # one row: same
    hw = Hardware(costs=Costs(query_app_ms=0.5))
    extra = service_times(n_plus_one, hw)["app"] - service_times(books, hw)["app"]
    assert extra * 1000 == pytest.approx(19 * 0.5)


def test_largest_pages_are_what_the_calibration_asks_for() -> None:
    default = {d.operation: d for d in DemandBuilder(spec_of(SHELF), request_mix=False).all()}
    largest = DemandBuilder(spec_of(SHELF), request_mix=False, largest_pages=True)
    books = next(d for d in largest.all() if d.operation == "list_books")
    assert books.rows_returned == 5 * default["list_books"].rows_returned  # 100, not 20
    loans = next(d for d in largest.all() if d.operation == "list_loans")
    assert loans.rows_returned == default["list_loans"].rows_returned == 1 + 5  # caller, rows
    assert len(books.queries) == 3  # the page, COUNT(*), the tags: no filter, sort or search
    mixed = next(d for d in DemandBuilder(spec_of(SHELF)).all() if d.operation == "list_books")
    assert mixed.query_count >= books.query_count


def test_signed_in_clients_make_public_endpoints_resolve_the_caller() -> None:
    anonymous = {d.operation: d for d in DemandBuilder(spec_of(SHELF)).all()}
    signed = {d.operation: d for d in DemandBuilder(spec_of(SHELF), signed_in=True).all()}
    assert not anonymous["list_books"].auth
    assert signed["list_books"].auth
    assert signed["list_books"].query_count == anonymous["list_books"].query_count + 1
    assert anonymous["list_loans"].auth  # admin only: a caller either way
    assert signed["list_loans"].query_count == anonymous["list_loans"].query_count
    assert not signed["health"].auth  # the service's own endpoints read no credentials
    grown = DemandBuilder(spec_of(SHELF), signed_in=True).with_rows_scaled(2.0)
    assert grown.signed_in


def _run(builder: DemandBuilder, operation: str, hardware: Hardware) -> EndpointRun:
    """An endpoint whose measured CPU time per request is exactly what ``hardware``'s
    costs say (1000 requests at one level)."""
    demand = next(d for d in builder.all() if d.operation == operation)
    cpu_s = service_times(demand, hardware)["app"] * 1000
    measured = Measurement(4, 1000, 0, 2.0, 5.0, 5.0, 9.0, server_cpu_s=cpu_s, client_cpu_s=0.3)
    return EndpointRun(operation, demand.path, demand, (measured,))


def test_the_fit_recovers_the_costs_that_made_the_measurements() -> None:
    base = Hardware(target="fastapi", app_cores=2, app_workers=1, db_in_process=True)
    truth = replace(
        base,
        costs=Costs(request_ms=1.2, auth_ms=1.5, query_app_ms=0.6, row_app_us=40.0),
    )
    builders = [
        DemandBuilder(spec_of(SHELF), signed_in=False),
        DemandBuilder(spec_of(SHELF.replace("rows 500", "rows 7")), signed_in=True),
    ]
    operations = ("health", "list_books", "get_book", "list_tags", "get_tag", "list_loans")
    runs = [_run(b, op, truth) for b in builders for op in operations]
    runs.append(_run(builders[1], "auth_me", truth))
    for run in runs:
        assert demand_ms(run, base) == pytest.approx(service_times(run.demand, truth)["app"] * 1e3)
    fitted = fit_costs(base, runs).costs
    for name, _ in FEATURES:
        assert getattr(fitted, name) == pytest.approx(getattr(truth.costs, name), rel=1e-3), name


def test_without_cpu_time_the_demand_comes_from_the_wall_clock_ceiling() -> None:
    builder = DemandBuilder(spec_of(SHELF))
    demand = next(d for d in builder.all() if d.operation == "health")
    run = EndpointRun("health", "/health", demand, (Measurement(4, 800, 0, 2.0, 5, 5, 9),))
    assert run.measured_demand_ms is None
    two_workers = Hardware(target="django", app_cores=2, app_workers=2)
    assert demand_ms(run, two_workers) == pytest.approx(2 * 1000 / 400)
