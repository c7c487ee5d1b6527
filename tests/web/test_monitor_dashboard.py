"""The monitor dashboard in a real browser, on data ingested through the server's
ingestion API with a workspace API key (and on the demo workspace): drift per feature,
reference and current distributions, performance, alerts, root cause; axe in both themes."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from playwright.sync_api import Page, expect
from web_support import assert_accessible, register, screenshot, set_theme

CHANNELS = ("web", "app", "store")
COLUMNS = [
    {"name": "amount", "minimum": 0},
    {"name": "age", "minimum": 18, "maximum": 100},
    {"name": "channel", "kind": "categorical", "categories": list(CHANNELS)},
    {"name": "country", "kind": "categorical", "role": "segment"},
    {"name": "fraud_score", "role": "score"},
    {"name": "flagged", "kind": "boolean", "role": "prediction"},
    {"name": "fraud", "kind": "boolean", "role": "label"},
]


def _rows(rng: random.Random, n: int, start: datetime, prefix: str, drift: bool) -> list[Any]:
    """``n`` events in the hour after ``start``; with ``drift`` amounts double in one
    country and the channel mix moves to the app."""
    rows = []
    for i in range(n):
        country = rng.choice(("de", "fr", "jp"))
        shifted = drift and country == "jp"
        amount = rng.lognormvariate(3.5, 0.4) * (2.5 if shifted else 1.0)
        weights = (0.2, 0.7, 0.1) if drift else (0.6, 0.3, 0.1)
        score = min(0.99, amount / 200)
        rows.append(
            {
                "event_id": f"{prefix}-{i}",
                "timestamp": (start + timedelta(seconds=3599 * (i + 1) / (n + 1))).isoformat(),
                "amount": round(amount, 2),
                "age": rng.randint(18, 90),
                "channel": rng.choices(CHANNELS, weights)[0],
                "country": country,
                "fraud_score": round(score, 4),
                "flagged": score >= 0.5,
                "fraud": rng.random() < score,
            }
        )
    return rows


def _ingest(page: Page) -> tuple[int, list[Any]]:
    """A workspace with the ``fraud`` model: a reference day, then four hours of events
    (the last two drifted), sent with a workspace API key; returns the workspace and the
    reference rows."""
    workspace = page.request.post("/api/workspaces", data={"name": "Monitor"}).json()
    wid = workspace["id"]
    key = page.request.post(f"/api/workspaces/{wid}/api-keys", data={"name": "ingest"}).json()
    headers = {"X-API-Key": key["key"]}
    base = f"/api/workspaces/{wid}/monitor/v1/models"
    made = page.request.post(
        base, data={"model": "fraud", "version": "1", "columns": COLUMNS}, headers=headers
    )
    assert made.status == 201, made.text()
    rng = random.Random(11)
    now = datetime.now(UTC).replace(microsecond=0)
    reference = [
        row
        for hour in range(6)
        for row in _rows(rng, 100, now - timedelta(days=2, hours=hour), f"r{hour}", False)
    ]
    sent = page.request.post(f"{base}/fraud/versions/1/reference", data=reference, headers=headers)
    assert sent.status == 200, sent.text()
    assert sent.json()["stored"] == len(reference)
    for hour in range(4):
        start = now - timedelta(hours=4 - hour)
        rows = _rows(rng, 150, start, f"w{hour}", drift=hour >= 2)
        sent = page.request.post(f"{base}/fraud/versions/1/events", data=rows, headers=headers)
        assert sent.status == 200, sent.text()
        assert sent.json()["stored"] == len(rows)
    return wid, reference


def _both_themes(page: Page, name: str, ready: Any) -> None:
    for theme in ("light", "dark"):
        set_theme(page, theme)
        expect(ready).to_be_visible()
        assert_accessible(page, label=f"{name}-{theme}")
        screenshot(page, f"{name}-{theme}")


def test_dashboard_of_ingested_data(page: Page) -> None:
    page.goto("/login")
    register(page)
    wid, reference = _ingest(page)
    rule = {
        "id": "fraud-amount",
        "model": "fraud",
        "metric": "mean:amount",
        "op": ">",
        "threshold": 40,
        "window": "1h",
        "reference": "none",
        "severity": "critical",
        "description": "Average amount above the usual range.",
    }
    saved = page.request.put(f"/api/workspaces/{wid}/monitor/alerts/rules", data=[rule])
    assert saved.status == 200, saved.text()
    api = f"/api/workspaces/{wid}/monitor/models/fraud/versions/1"

    page.goto(f"/workspaces/{wid}/monitor")
    page.get_by_role("navigation", name="Models").get_by_role("link", name="fraud v1").click()
    expect(page).to_have_url(f"/workspaces/{wid}/monitor/fraud?version=1")
    expect(page.get_by_role("heading", name="Monitor: fraud v1")).to_be_visible()

    # Drift per feature: the heatmap marks the windows the server found drifted.
    drift = page.request.get(f"{api}/drift?window=1h&windows=12").json()
    heatmap = page.locator("table.heatmap")
    for feature in ("amount", "age", "channel"):
        drifted = sum(
            1
            for w in drift["windows"]
            for f in w["features"]
            if f["column"] == feature and f["drifted"]
        )
        row = heatmap.locator("tbody tr", has=page.get_by_role("button", name=feature, exact=True))
        expect(row.locator("td.heat-drifted")).to_have_count(drifted)
    amount_drifted = [
        f["drifted"] for w in drift["windows"] for f in w["features"] if f["column"] == "amount"
    ]
    assert amount_drifted[-1], "the last window doubles amounts in one country"
    trend = page.locator("figure", has_text="amount:")
    expect(trend.locator(".recharts-line")).to_be_visible()

    # Distribution: reference counts are what was sent; current ones what the window holds.
    page.get_by_label("Feature", exact=True).select_option("channel")
    figure = page.locator("figure", has_text="channel: share of values per category")
    expect(figure.locator(".recharts-bar-rectangle").first).to_be_visible()
    figure.get_by_text("as a table").click()
    sent = Counter(row["channel"] for row in reference)
    current = page.request.get(f"{api}/distribution?column=channel&window=1h").json()
    for category in current["categories"]:
        cells = figure.locator("tbody tr", has_text=category["value"]).locator("td")
        expect(cells.nth(1)).to_have_text(str(sent[category["value"]]))
        expect(cells.nth(3)).to_have_text(str(category["current"]))

    expect(page.locator("figure", has_text="Performance per window")).to_be_visible()
    ranking = page.request.get(f"{api}/rootcause?window=1h").json()
    first = page.locator("table.rank-table").first.locator("tbody tr").first
    expect(first).to_contain_text(ranking["features"][0]["column"])
    expect(page.locator("table.rank-table").nth(1)).to_contain_text("country = jp")

    alerts = page.get_by_role("region", name="Alerts")
    expect(alerts.get_by_role("rowheader", name="fraud-amount")).to_be_visible()
    alerts.get_by_role("button", name="Evaluate rules now").click()
    expect(alerts.get_by_role("status")).to_contain_text("Evaluated 1 rules")
    expect(alerts.locator(".alert-history li").first).to_contain_text("fraud-amount firing")
    _both_themes(page, "monitor-ingested", heatmap)


def test_demo_workspace_dashboard(demo_page: Page) -> None:
    page = demo_page
    page.goto("/login")
    login = page.request.post(
        "/api/auth/login", data={"email": "demo@infranest.local", "password": "infranest-demo"}
    )
    assert login.status == 200, login.text()
    wid = page.request.get("/api/workspaces").json()[0]["id"]
    page.goto(f"/workspaces/{wid}/monitor/churn")
    expect(page.get_by_role("heading", name="Monitor: churn v1")).to_be_visible()
    heatmap = page.locator("table.heatmap")
    expect(heatmap.locator("td.heat-drifted").first).to_be_visible()
    expect(page.get_by_role("region", name="Alerts")).to_contain_text("churn-drift")
    expect(page.locator("table.rank-table").nth(1)).to_contain_text("region = apac")
    _both_themes(page, "monitor-demo", heatmap)
