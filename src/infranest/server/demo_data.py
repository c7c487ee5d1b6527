"""The demo's monitored model: a churn classifier with a reference dataset and eight
hourly windows of current data, the last two with an injected drift (higher spend and more
support calls in the ``apac`` region, and a changed relation between them and churn), so
drift, distributions, performance and root cause all have something to show.

Everything comes from a seeded random generator: the same anchor gives the same events.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import numpy as np

from infranest.monitor.ingest import validate
from infranest.monitor.schema import ColumnSpec, ModelSchema
from infranest.monitor.store import Store
from infranest.server.monitoring import reference_schema

MODEL = "churn"
REFERENCE_ROWS = 2000
WINDOWS = 8
DRIFTED = 2  # the last windows with the injected drift
ROWS_PER_WINDOW = 250
PLANS = ("basic", "plus", "pro")
REGIONS = ("eu", "us", "apac")

SCHEMA = ModelSchema(
    model=MODEL,
    version="1",
    columns=(
        ColumnSpec(name="age", minimum=18, maximum=100),
        ColumnSpec(name="tenure_months", minimum=0),
        ColumnSpec(name="monthly_spend", minimum=0),
        ColumnSpec(name="support_calls", minimum=0),
        ColumnSpec(name="plan", kind="categorical", categories=PLANS),
        ColumnSpec(name="region", kind="categorical", role="segment", categories=REGIONS),
        ColumnSpec(name="churn_score", role="score", nullable=False),
        ColumnSpec(name="churn_predicted", kind="boolean", role="prediction"),
        ColumnSpec(name="churned", kind="boolean", role="label"),
    ),
)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    out: np.ndarray = 1.0 / (1.0 + np.exp(-x))
    return out


def _rows(
    rng: np.random.Generator, n: int, start: datetime, span: timedelta, prefix: str, drift: bool
) -> list[dict[str, Any]]:
    region = rng.choice(REGIONS, n, p=(0.45, 0.35, 0.2) if not drift else (0.3, 0.3, 0.4))
    apac = region == "apac"
    age = np.clip(rng.normal(41, 12, n), 18, 95)
    tenure = rng.gamma(2.0, 14.0, n)
    spend = rng.lognormal(3.6, 0.45, n) * np.where(drift & apac, 1.8, 1.0)
    calls = rng.poisson(np.where(drift & apac, 4.5, 1.2))
    plan = rng.choice(PLANS, n, p=(0.5, 0.3, 0.2) if not drift else (0.7, 0.2, 0.1))
    logit = -1.2 + 0.55 * calls - 0.03 * tenure + 0.4 * (plan == "basic")
    score = _sigmoid(logit)
    # After the drift, churn follows spend more than the model learned.
    truth_logit = logit + (0.02 * (spend - 40) if drift else 0.0)
    churned = rng.random(n) < _sigmoid(truth_logit)
    stamps = [start + span * float(t) for t in np.sort(rng.random(n))]
    return [
        {
            "event_id": f"{prefix}-{i:05d}",
            "timestamp": stamps[i],
            "age": round(float(age[i]), 1),
            "tenure_months": round(float(tenure[i]), 1),
            "monthly_spend": round(float(spend[i]), 2),
            "support_calls": int(calls[i]),
            "plan": str(plan[i]),
            "region": str(region[i]),
            "churn_score": round(float(score[i]), 4),
            "churn_predicted": bool(score[i] >= 0.5),
            "churned": bool(churned[i]),
        }
        for i in range(n)
    ]


def _unlabelled(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` without their labels (labels that have not arrived yet)."""
    for row in rows:
        row.pop("churned")
    return rows


def seed_model(store: Store, anchor: datetime) -> bool:
    """Register the demo model and store its data, unless it has events already; the
    current windows end at ``anchor``; every event is labelled except the newest window's."""
    store.register(SCHEMA)
    reference = reference_schema(SCHEMA)
    store.register(reference)
    if store.count(SCHEMA) or store.count(reference):
        return False
    rng = np.random.default_rng(7)
    hour = timedelta(hours=1)
    ref_rows = _rows(rng, REFERENCE_ROWS, anchor - timedelta(days=8), 24 * hour, "ref", False)
    store.append(reference, validate(reference, ref_rows).events)
    for w in range(WINDOWS):
        start = anchor - (WINDOWS - w) * hour
        rows = _rows(rng, ROWS_PER_WINDOW, start, hour, f"w{w}", w >= WINDOWS - DRIFTED)
        if w == WINDOWS - 1:  # the newest hour's labels have not arrived yet
            rows = _unlabelled(rows)
        store.append(SCHEMA, validate(SCHEMA, rows).events)
    return True
