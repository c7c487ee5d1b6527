"""Service demands from the spec, and predictions built from them."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import pytest
from design_support import spec_of

from infranest.design.capacity.demand import DemandBuilder, demands, service_times
from infranest.design.capacity.model import (
    Hardware,
    default_hardware,
    hardware_from_json,
    load_hardware,
)
from infranest.design.capacity.predict import predict

CATALOGUE = """
entity Tag {
  label: string(40)
  allow read, list: anyone
}

entity Book {
  title: string(200)
  blurb: text optional
  pages: int min(1)
  year: int index
  tags: [Tag]
  search title
  filter pages, year
  sort pages
  paginate offset 20 max 100
  rows 100000
  allow read, list: anyone
  allow write: admin
}
"""


def _demand(body: str, operation: str) -> object:
    spec = spec_of(body)
    return next(d for d in demands(spec) if d.operation == operation)


def test_unindexed_filter_scans_and_an_index_removes_the_scan() -> None:
    book = next(d for d in demands(spec_of(CATALOGUE)) if d.operation == "list_books")
    scans = [q for q in book.queries if q.kind == "scan" and "filter" in q.what]
    assert len(scans) == 1
    assert "pages" in scans[0].what
    assert "year" not in scans[0].what
    assert scans[0].examined == 100_000
    assert any("filter on pages has no index" in n for n in book.notes)
    indexed = CATALOGUE.replace("pages: int min(1)", "pages: int min(1) index")
    after = next(d for d in demands(spec_of(indexed)) if d.operation == "list_books")
    assert not [q for q in after.queries if "filter" in q.what]
    hw = default_hardware("fastapi")
    assert service_times(after, hw)["db"] < service_times(book, hw)["db"]


def test_offset_pages_count_and_cursor_pages_do_not() -> None:
    offset = next(d for d in demands(spec_of(CATALOGUE)) if d.operation == "list_books")
    assert any(q.kind == "count" and q.examined == 100_000 for q in offset.queries)
    cursor = CATALOGUE.replace("paginate offset 20 max 100", "paginate cursor 20 max 100")
    listed = next(d for d in demands(spec_of(cursor)) if d.operation == "list_books")
    assert not any(q.kind == "count" for q in listed.queries)


def test_to_many_relations_cost_one_query_per_page_not_per_row() -> None:
    small = next(d for d in demands(spec_of(CATALOGUE)) if d.operation == "list_books")
    big_text = CATALOGUE.replace("paginate offset 20 max 100", "paginate offset 100 max 100")
    big = next(d for d in demands(spec_of(big_text)) if d.operation == "list_books")
    related = [q for q in big.queries if "Tag of Book.tags" in q.what]
    assert len(related) == 1  # no N+1
    assert big.query_count == small.query_count
    assert big.response_bytes > small.response_bytes * 4


def test_the_caller_is_loaded_only_where_credentials_are_needed() -> None:
    ds = {d.operation: d for d in demands(spec_of(CATALOGUE))}
    assert not ds["list_books"].auth
    assert ds["create_book"].auth
    assert ds["create_book"].queries[0].what.startswith("load the caller")
    assert ds["auth_login"].password_hashes == 1


def test_rows_scale_with_data_growth() -> None:
    builder = DemandBuilder(spec_of(CATALOGUE)).with_rows_scaled(2.0)
    book = next(d for d in builder.all() if d.operation == "list_books")
    assert any(q.kind == "count" and q.examined == 200_000 for q in book.queries)


def test_prediction_at_a_load() -> None:
    spec = spec_of(CATALOGUE)
    hw = default_hardware("django")
    low = predict(spec, hw, rps=10, read_ratio=0.9)
    high = predict(spec, hw, rps=100, read_ratio=0.9)
    assert high.utilisation["app"] == pytest.approx(10 * low.utilisation["app"])
    login = low.endpoint("auth_login")
    health = low.endpoint("health")
    assert login.ceiling_rps < health.ceiling_rps / 10  # the password hash dominates
    for e in low.endpoints:
        assert e.p95_ms >= e.p50_ms > 0
    shares = sum(e.share for e in low.endpoints)
    assert shares == pytest.approx(1.0)
    assert low.endpoint("list_books").share > low.endpoint("create_book").share


def test_saturation_is_reported_as_null_latency() -> None:
    spec = spec_of(CATALOGUE)
    report = predict(spec, default_hardware("fastapi"), rps=1e6)
    assert report.utilisation[report.bottleneck] > 1
    data = report.to_json()
    assert all(e["p95_ms"] is None for e in data["endpoints"])
    json.dumps(data)  # no infinities


def test_more_cores_help_only_while_the_application_is_the_bottleneck() -> None:
    small = default_hardware("fastapi")
    large = replace(small, app_cores=16, app_workers=16)
    few_rows = spec_of(CATALOGUE.replace("rows 100000", "rows 100"))
    assert predict(few_rows, small).bottleneck == "app"
    assert predict(few_rows, large).mix_ceiling_rps > 2 * predict(few_rows, small).mix_ceiling_rps
    many_rows = spec_of(CATALOGUE)  # scans of 100000 rows: the database is the bottleneck
    assert predict(many_rows, small).bottleneck == "db"
    assert predict(many_rows, large).mix_ceiling_rps == predict(many_rows, small).mix_ceiling_rps


def test_single_core_frameworks_use_one_core_per_worker() -> None:
    assert Hardware(target="django", app_cores=8, app_workers=2).app_servers == 2
    assert Hardware(target="fiber", app_cores=8, app_workers=1).app_servers == 8


def test_hardware_profiles_round_trip(tmp_path: Path) -> None:
    hw = replace(default_hardware("django"), sigma=0.3)
    assert hardware_from_json(hw.to_json()) == hw
    path = tmp_path / "profile.json"
    path.write_text(json.dumps({"hardware": hw.to_json()}), encoding="utf-8")
    assert load_hardware(path) == hw
    path.write_text('{"cores": 3}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a hardware profile"):
        load_hardware(path)


def test_infinite_free_ceilings_for_an_endpoint_with_no_work() -> None:
    spec = spec_of(CATALOGUE)
    report = predict(spec, default_hardware("fastapi"))
    health = report.endpoint("health")
    assert math.isfinite(health.ceiling_rps)
    assert health.bottleneck == "app"
