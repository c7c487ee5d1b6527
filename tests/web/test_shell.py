"""The application shell in a real browser: sign-in redirect, theme toggle, skip link,
keyboard navigation of the project tabs, and accessibility of the shell in both themes."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect
from web_support import assert_accessible, register, set_theme

SHOP = (Path(__file__).resolve().parents[2] / "examples" / "shop.nest").read_text()


def _project(page: Page) -> int:
    workspace = page.request.post("/api/workspaces", data={"name": "Shell"}).json()
    project = page.request.post(
        f"/api/workspaces/{workspace['id']}/projects", data={"name": "Shop"}
    ).json()
    saved = page.request.post(
        f"/api/projects/{project['id']}/versions", data={"text": SHOP, "message": "first"}
    )
    assert saved.status == 201, saved.text()
    project_id: int = project["id"]
    return project_id


def test_signed_out_visitor_is_sent_to_login(page: Page) -> None:
    page.goto("/projects/1/code")
    expect(page).to_have_url("/login?next=%2Fprojects%2F1%2Fcode")


def test_theme_toggle_switches_and_is_remembered(page: Page) -> None:
    page.goto("/login")
    register(page)
    page.goto("/")
    set_theme(page, "light")
    page.get_by_role("button", name="Switch to dark theme").click()
    html = page.locator("html")
    expect(html).to_have_attribute("data-theme", "dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(20, 23, 28)"
    page.reload()
    expect(html).to_have_attribute("data-theme", "dark")
    expect(page.get_by_role("button", name="Switch to light theme")).to_be_visible()


def test_keyboard_reaches_content_and_moves_between_tabs(page: Page) -> None:
    page.goto("/login")
    register(page)
    project_id = _project(page)
    page.goto(f"/projects/{project_id}/spec")
    expect(page.get_by_role("heading", name="Shop", level=1)).to_be_visible()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    tabs = page.get_by_role("navigation", name="Project")
    tabs.get_by_role("link", name="Spec").focus()
    page.keyboard.press("ArrowRight")
    expect(tabs.get_by_role("link", name="Design")).to_be_focused()
    page.keyboard.press("End")
    expect(tabs.get_by_role("link", name="Code")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"/projects/{project_id}/code?v=1")


def test_shell_is_accessible_in_both_themes(page: Page) -> None:
    page.goto("/login")
    register(page)
    project_id = _project(page)
    page.goto(f"/projects/{project_id}/spec")
    expect(page.get_by_role("heading", name="Shop", level=1)).to_be_visible()
    for theme in ("light", "dark"):
        set_theme(page, theme)
        expect(page.get_by_role("heading", name="Shop", level=1)).to_be_visible()
        assert_accessible(page, label=f"shell-{theme}")
