"""Unsaved spec edits in a real browser: switching versions or tabs, or the Back button, asks
before discarding them; declining keeps the edits and the version, accepting switches."""

from __future__ import annotations

import re

from playwright.sync_api import Dialog, Locator, Page, expect
from web_support import register, screenshot

V1 = """project notes "Notes" {
  auth jwt
  database postgresql
}
entity Note "A note" {
  title: string
}
"""
V2 = V1.replace("  title: string\n", "  title: string\n  pinned: bool = false\n")
EDIT = "# a draft note"
PROMPT = "The spec has unsaved changes. Discard them?"


def _project(page: Page) -> int:
    workspace = page.request.post("/api/workspaces", data={"name": "Unsaved"}).json()
    project = page.request.post(
        f"/api/workspaces/{workspace['id']}/projects", data={"name": "Notes"}
    ).json()
    for number, text in enumerate((V1, V2), start=1):
        saved = page.request.post(
            f"/api/projects/{project['id']}/versions", data={"text": text, "message": f"v{number}"}
        )
        assert saved.status == 201, saved.text()
    project_id: int = project["id"]
    return project_id


def _edit(page: Page) -> None:
    editor = page.locator(".spec-text .cm-content")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(EDIT)
    expect(page.get_by_role("heading", name="Spec text (unsaved changes)")).to_be_visible()


class Answers:
    """Answers the next question (confirm dialog) as told and keeps what was asked."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.asked: list[str] = []

    def next(self, accept: bool) -> None:
        def answer(dialog: Dialog) -> None:
            self.asked.append(dialog.message)
            if accept:
                dialog.accept()
            else:
                dialog.dismiss()

        self.page.once("dialog", answer)

    def wait(self, count: int) -> None:
        """Waits until ``count`` questions were asked: the guard asks after React has
        rendered the blocked navigation, a moment after the click or selection."""
        for _ in range(200):
            if len(self.asked) >= count:
                break
            self.page.wait_for_timeout(25)
        assert len(self.asked) == count, self.asked


def _edited(page: Page, start: str) -> tuple[int, Locator]:
    """A new user's project with two versions, opened at ``start`` (a path below the
    project, or "" for the spec page of version 2 reached from its design page), with an
    unsaved edit in the spec text."""
    page.goto("/login")
    register(page)
    project_id = _project(page)
    if start:
        page.goto(f"/projects/{project_id}/{start}")
    else:
        page.goto(f"/projects/{project_id}/design?v=2")
        page.get_by_role("link", name="Spec", exact=True).click()
    editor = page.locator(".spec-text .cm-content")
    expect(editor).to_contain_text("pinned")
    _edit(page)
    return project_id, editor


def test_switching_versions_asks_before_discarding_edits(page: Page) -> None:
    _, editor = _edited(page, "spec?v=2")
    picker = page.get_by_role("combobox", name=re.compile(r"^Version"))
    answers = Answers(page)

    answers.next(accept=False)
    picker.select_option("1")
    answers.wait(1)
    assert answers.asked == [PROMPT]
    expect(picker).to_have_value("2")
    expect(editor).to_contain_text(EDIT)
    assert page.url.endswith("v=2")
    screenshot(page, "unsaved-declined")

    answers.next(accept=False)
    page.get_by_role("link", name="Design", exact=True).click()
    answers.wait(2)
    expect(page.get_by_role("heading", name="Spec text (unsaved changes)")).to_be_visible()

    answers.next(accept=True)
    picker.select_option("1")
    answers.wait(3)
    expect(picker).to_have_value("1")
    expect(editor).not_to_contain_text("pinned")
    expect(editor).not_to_contain_text(EDIT)
    expect(page.get_by_role("heading", name="Spec text", exact=True)).to_be_visible()


def test_unchanged_or_saved_text_switches_without_asking(page: Page) -> None:
    page.goto("/login")
    register(page)
    project_id = _project(page)
    asked: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(f"/projects/{project_id}/spec?v=2")
    editor = page.locator(".spec-text .cm-content")
    expect(editor).to_contain_text("pinned")
    picker = page.get_by_role("combobox", name=re.compile(r"^Version"))
    picker.select_option("1")
    expect(editor).not_to_contain_text("pinned")

    _edit(page)
    page.get_by_label("Version message").fill("draft")
    page.get_by_role("button", name="Save as new version").click()
    expect(picker).to_have_value("3")
    expect(page.get_by_role("heading", name="Spec text", exact=True)).to_be_visible()
    picker.select_option("2")
    expect(editor).to_contain_text("pinned")
    page.get_by_role("link", name="Design", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/projects/{project_id}/design\?v=2$"))
    assert asked == []


def test_back_button_asks_before_discarding_edits(page: Page) -> None:
    project_id, editor = _edited(page, "")
    answers = Answers(page)

    answers.next(accept=False)
    page.go_back(wait_until="commit")
    answers.wait(1)
    assert answers.asked == [PROMPT]
    expect(page).to_have_url(re.compile(rf"/projects/{project_id}/spec\?v=2$"))
    expect(page.get_by_role("heading", name="Spec text (unsaved changes)")).to_be_visible()
    expect(editor).to_contain_text(EDIT)

    answers.next(accept=True)
    page.go_back(wait_until="commit")
    answers.wait(2)
    expect(page).to_have_url(re.compile(rf"/projects/{project_id}/design\?v=2$"))
    screenshot(page, "unsaved-back-accepted")
