"""The design and code views in a real browser: audit a spec, apply the safe fixes and see
the fixed findings gone; capacity charts with their tables; the history diff; browse,
search and download the generated code; a verify run followed live; axe in both themes."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from playwright.sync_api import Page, expect
from web_support import assert_accessible, register, screenshot, set_theme

# Fixable findings: SEC034 (text without max_length), SEC017 (no API version) and
# PERF008 (no optimistic lock); SEC007 (write access left to the default) has no fix.
NOTES = """project notes "Notes" {
  auth jwt
  database postgresql
}
entity Note "A note" {
  title: string
  body: text optional
}
"""
# Version 2 drops a field and adds a required one: breaking, destructive changes.
NOTES_V2 = """project notes "Notes" {
  auth jwt
  database postgresql
}
entity Note "A note" {
  title: string max_length(200)
  pinned: bool = false
}
"""


def _project(page: Page, *texts: str) -> int:
    workspace = page.request.post("/api/workspaces", data={"name": "Design"}).json()
    project = page.request.post(
        f"/api/workspaces/{workspace['id']}/projects", data={"name": "Notes"}
    ).json()
    for number, text in enumerate(texts, start=1):
        saved = page.request.post(
            f"/api/projects/{project['id']}/versions", data={"text": text, "message": f"v{number}"}
        )
        assert saved.status == 201, saved.text()
    project_id: int = project["id"]
    return project_id


def _rules(page: Page, project_id: int, version: int) -> list[tuple[str, str]]:
    audit = page.request.get(f"/api/projects/{project_id}/versions/{version}/audit").json()
    return [(f["rule"], f["path"]) for f in audit["findings"]]


def _accessible_in_both_themes(page: Page, name: str, ready: Any) -> None:
    for theme in ("light", "dark"):
        set_theme(page, theme)
        expect(ready).to_be_visible()
        assert_accessible(page, label=f"{name}-{theme}")
        screenshot(page, f"{name}-{theme}")


def test_audit_then_fix_removes_the_fixed_findings(page: Page) -> None:
    page.goto("/login")
    register(page)
    project_id = _project(page, NOTES)
    before = _rules(page, project_id, 1)
    fixable = [
        f
        for f in page.request.get(f"/api/projects/{project_id}/versions/1/audit").json()["findings"]
        if f["fix"]
    ]
    assert fixable, "the spec must have findings with a safe fix"

    page.goto(f"/projects/{project_id}/design")
    expect(page.get_by_role("heading", name="Audit findings (v1)")).to_be_visible()
    for rule, _ in before:
        expect(page.locator(f'li.finding[data-rule="{rule}"]').first).to_be_visible()
    sec034 = page.locator('li.finding[data-rule="SEC034"]')
    expect(sec034).to_contain_text("API4 Unrestricted Resource Consumption")
    expect(sec034).to_contain_text("spec.nest:7:3")
    _accessible_in_both_themes(page, "design-findings", sec034)

    page.get_by_role("button", name=f"Apply {len(fixable)} safe fixes").click()
    expect(page).to_have_url(f"/projects/{project_id}/design?v=2")
    expect(page.get_by_role("heading", name="Audit findings (v2)")).to_be_visible()
    status = page.locator(".fix-status")
    expect(status).to_contain_text("saved as v2")
    expect(status).to_contain_text(f"{len(fixable)} findings are gone")
    after = _rules(page, project_id, 2)
    for finding in fixable:
        assert (finding["rule"], finding["path"]) not in after
        expect(page.locator(f'li.finding[data-rule="{finding["rule"]}"]')).to_have_count(
            sum(1 for rule, _ in after if rule == finding["rule"])
        )
        expect(status).to_contain_text(finding["rule"])
    expect(page.locator('li.finding[data-rule="SEC007"]')).to_be_visible()
    screenshot(page, "design-after-fix")


def test_capacity_charts_and_history_diff(page: Page) -> None:
    page.goto("/login")
    register(page)
    project_id = _project(page, NOTES, NOTES_V2)
    page.goto(f"/projects/{project_id}/design?v=2")
    tabs = page.get_by_role("tablist", name="Design")
    tabs.get_by_role("tab", name="Findings").focus()
    page.keyboard.press("ArrowRight")
    expect(tabs.get_by_role("tab", name="Capacity")).to_have_attribute("aria-selected", "true")

    page.get_by_label("Peak load (req/s)").fill("400")
    page.get_by_label("Growth per month (%)").fill("25")
    page.get_by_label("Target framework").select_option("django")
    page.get_by_role("button", name="Predict").click()
    expect(page.get_by_text("At 400 req/s on reference-django")).to_be_visible()
    prediction = page.request.get(
        f"/api/projects/{project_id}/versions/2/predict?rps=400&growth=25&target=django"
    ).json()
    endpoints = prediction["capacity"]["endpoints"]
    ceiling = page.locator("figure", has_text="Throughput ceiling per endpoint")
    expect(ceiling.locator(".recharts-bar-rectangle")).to_have_count(min(15, len(endpoints)))
    ceiling.get_by_text("as a table").click()
    rows = ceiling.locator("table tbody tr")
    expect(rows).to_have_count(min(15, len(endpoints)))
    lowest = min(endpoints, key=lambda e: e["ceiling_rps"])
    expect(rows.first).to_contain_text(f"{lowest['method']} {lowest['path']}")
    forecast = page.locator("figure", has_text="Growth forecast")
    expect(forecast.locator(".recharts-line").first).to_be_visible()
    for resource, month in prediction["forecast"]["saturation_month"].items():
        if month is not None:
            expect(forecast).to_contain_text(f"{resource} saturates")
    _accessible_in_both_themes(page, "design-capacity", forecast)

    page.get_by_role("tab", name="History").click()
    timeline = page.locator("ol.timeline > li")
    expect(timeline).to_have_count(2)
    expect(timeline.first).to_contain_text("v2")
    diff = page.locator(".diff")
    expect(diff.get_by_role("heading", name="Changes from v1 to v2")).to_be_visible()
    expect(diff.locator(".impact-group.impact-breaking")).to_be_visible()
    expect(diff.locator(".impact-group.impact-destructive")).to_contain_text("body")
    expect(diff.locator(".migration-steps")).to_contain_text("pinned")
    _accessible_in_both_themes(page, "design-history", diff.locator(".migration-steps"))


def test_browse_search_and_download_the_generated_code(page: Page, tmp_path: Any) -> None:
    page.goto("/login")
    register(page)
    project_id = _project(page, NOTES)
    listing = page.request.get(f"/api/projects/{project_id}/versions/1/generate/fastapi").json()
    paths = sorted(f["path"] for f in listing["files"])
    page.goto(f"/projects/{project_id}/code")
    tree = page.get_by_role("tree", name="Generated files")
    expect(tree).to_be_visible()
    expect(page.get_by_text(f"{len(paths)} files for fastapi, v1")).to_be_visible()

    # Keyboard: the first folder is .github; go down to app, open it, reach main.py.
    tree.get_by_role("treeitem").first.focus()
    app = tree.locator('[data-path="app"]')
    while not app.evaluate("el => el === document.activeElement"):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowRight")
    expect(app).to_have_attribute("aria-expanded", "true")
    main = tree.locator('[data-path="app/main.py"]')
    while not main.evaluate("el => el === document.activeElement"):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="app/main.py")).to_be_visible()
    viewer = page.locator(".code-viewer .cm-content")
    expect(viewer).to_contain_text("FastAPI")
    expect(page.locator(".code-viewer .cm-line span").first).to_be_visible()
    _accessible_in_both_themes(page, "code-file", viewer)

    search = page.get_by_label("Search files")
    search.fill("models")
    for item in tree.get_by_role("treeitem").all():
        path = item.get_attribute("data-path") or ""
        assert "models" in path or any(p.startswith(path + "/") and "models" in p for p in paths), (
            path
        )
    text = page.request.get(
        f"/api/projects/{project_id}/versions/1/generate/fastapi/file?path=app/main.py"
    ).json()["text"]
    count = text.lower().count("app")
    search.fill("app")
    status = page.locator("#code-search-status")
    expect(status).to_contain_text(f"of {count} in app/main.py")
    search.press("Enter")
    expect(status).to_contain_text(f"Match 1 of {count}")
    page.get_by_role("button", name="Next match").click()
    expect(status).to_contain_text(f"Match 2 of {count}")
    page.get_by_role("button", name="Previous match").click()
    page.get_by_role("button", name="Previous match").click()
    expect(status).to_contain_text(f"Match {count} of {count}")
    expect(page.locator(".cm-search-current")).to_have_count(1)

    # Content search: a word only inside files, never in a path.
    search.fill("create_app")
    expect(tree.locator('[data-path="app/main.py"]')).to_have_count(0)
    page.get_by_label("Also search file contents").check()
    expect(tree.locator('[data-path="app/main.py"]')).to_be_visible()
    screenshot(page, "code-search")

    with page.expect_download() as info:
        page.get_by_role("link", name="Download zip").click()
    target = tmp_path / "project.zip"
    info.value.save_as(target)
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as archive:
        assert archive.testzip() is None
        assert sorted(archive.namelist()) == paths
        assert archive.read("app/main.py").decode() == text


def test_verify_run_steps_progress_live(page: Page) -> None:
    page.goto("/login")
    register(page)
    project_id = _project(page, NOTES)
    page.goto(f"/projects/{project_id}/code?target=fastapi")
    page.get_by_role("button", name="Run verify…").click()
    panel = page.locator(".verify-panel")
    skips = panel.get_by_role("group", name="Skip steps")
    for name in ("setup", "tests", "lint", "security", "deploy", "api"):
        skips.get_by_label(name, exact=True).check()
    with page.expect_request(lambda r: r.url.endswith("/events")) as stream:
        panel.get_by_role("button", name="Start verify").click()
    assert "/api/verify-runs/" in stream.value.url
    status = panel.get_by_role("status")
    expect(status).to_contain_text("Run #")
    steps = panel.locator("table.run-steps tbody tr")
    expect(steps).to_have_count(7)
    generate = panel.locator('tr[data-step="generate"]')
    expect(generate).to_have_attribute("data-status", "passed", timeout=120_000)
    expect(generate).to_contain_text("files for fastapi")
    expect(status).to_contain_text("passed", timeout=120_000)
    for name in ("setup", "tests", "lint", "security", "deploy", "api"):
        expect(panel.locator(f'tr[data-step="{name}"]')).to_have_attribute("data-status", "skipped")
    run_id = int(status.inner_text().split("#")[1].split(":")[0])
    run = page.request.get(f"/api/verify-runs/{run_id}").json()
    assert run["status"] == "passed"
    assert run["options"]["skip"] == sorted(["setup", "tests", "lint", "security", "deploy", "api"])
    assert_accessible(page, label="verify-run")
    screenshot(page, "verify-run")
