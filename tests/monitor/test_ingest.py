"""Event validation: each bad row rejected with its row, field and what is valid; good
rows of the same batch kept; schema changes across the batch reported."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from monitor_support import SCHEMA, event
from pydantic import ValidationError

from infranest.monitor.ingest import validate
from infranest.monitor.schema import ColumnSpec, ModelSchema

NOW = datetime(2026, 5, 1, tzinfo=UTC)


def test_good_rows_are_normalised() -> None:
    batch = validate(SCHEMA, [event(1), event(2, churned=True)], NOW)
    assert not batch.rejected
    first, second = batch.events
    assert first.event_id == "e1"
    assert first.timestamp == datetime(2026, 1, 1, 0, 0, 1, tzinfo=UTC)
    assert first.values == {
        "age": 21.0,
        "plan": "pro",
        "active": False,
        "region": "eu",
        "score": 0.01,
    }
    assert (first.label, second.label) == (None, True)


def test_each_bad_row_is_rejected_with_a_reason_and_the_rest_kept() -> None:
    rows = [
        event(1),
        event(2, age="old"),
        "not an object",
        event(4, score=None),
        event(5, active="yes"),
        {k: v for k, v in event(6).items() if k != "event_id"},
        event(7, timestamp="yesterday"),
        event(1),
        event(9),
    ]
    batch = validate(SCHEMA, rows, NOW)
    assert [e.event_id for e in batch.events] == ["e1", "e9"]
    reasons = {(r.row, r.field): r.reason for r in batch.rejected}
    assert reasons[(2, "age")] == "got string 'old'; expected a number"
    assert reasons[(3, None)].endswith("expected a JSON object")
    assert reasons[(4, "score")] == "is required (the column is not nullable)"
    assert reasons[(5, "active")] == "got string 'yes'; expected true or false"
    assert reasons[(6, "event_id")] == "is required: a non-empty text or integer id"
    assert "ISO 8601" in reasons[(7, "timestamp")]
    assert reasons[(8, "event_id")] == "duplicate event_id in this batch (first at row 1)"


def test_missing_timestamp_means_now_and_epoch_seconds_work() -> None:
    plain = {k: v for k, v in event(1).items() if k != "timestamp"}
    epoch = event(2, timestamp=1_700_000_000)
    batch = validate(SCHEMA, [plain, epoch], NOW)
    assert batch.events[0].timestamp == NOW
    assert batch.events[1].timestamp == datetime.fromtimestamp(1_700_000_000, UTC)


def test_schema_changes_are_reported() -> None:
    rows = [
        {k: v for k, v in event(n, age=str(n), extra=1).items() if k != "region"} for n in range(5)
    ]
    changes = validate(SCHEMA, rows, NOW).changes
    assert changes.new == ("extra",)
    assert changes.missing == ("region",)
    assert changes.retyped == (("age", "numeric", "string"),)
    assert not validate(SCHEMA, [event(1)], NOW).changes


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ([{"name": "timestamp"}], "reserved"),
        ([{"name": "a"}, {"name": "a"}], "declared twice"),
        ([{"name": "1x"}], "must be an identifier"),
        ([{"name": "p", "role": "prediction"}, {"name": "q", "role": "prediction"}], "one"),
        ([{"name": "c", "kind": "categorical", "minimum": 1}], "need kind numeric"),
    ],
)
def test_bad_schemas_say_what_is_wrong(columns: list[dict[str, object]], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        ModelSchema.model_validate({"model": "m", "columns": columns})


def test_schema_roles() -> None:
    assert [c.name for c in SCHEMA.role("label")] == ["churned"]
    assert "churned" not in [c.name for c in SCHEMA.event_columns]
    assert SCHEMA.column("plan") == ColumnSpec(
        name="plan", kind="categorical", categories=("free", "pro")
    )
