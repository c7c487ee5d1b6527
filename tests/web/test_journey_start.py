"""The guided start in a real browser: create an account, a workspace, describe a backend,
answer the questions one at a time while the draft takes shape, save it into a project, then
edit the spec both ways (ER form → text, text → lint marker and graph) and save a version.
Every page is checked with axe in the light and the dark theme; screenshots are kept."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect
from web_support import PASSWORD, assert_accessible, new_email, screenshot

DESCRIPTION = "an app for my business"
MAX_QUESTIONS = 10


def _in_both_themes(page: Page, label: str) -> None:
    """Runs axe in the current theme and, after the header toggle, in the other one; takes a
    screenshot of each (the toggle does not reload, so the page keeps its state)."""
    for _ in range(2):
        theme = page.evaluate("document.documentElement.dataset.theme")
        assert_accessible(page, label=f"{label}-{theme}")
        screenshot(page, f"journey-start-{label}-{theme}")
        page.get_by_role("button", name=re.compile(r"^Switch to (dark|light) theme$")).click()


def _editor(page: Page) -> Locator:
    return page.locator(".spec-text .cm-content")


def _node(page: Page, entity: str) -> Locator:
    return page.locator(f'.react-flow__node[data-id="{entity}"]')


def _sign_up(page: Page) -> None:
    page.goto("/login?next=%2F")
    _in_both_themes(page, "login")
    page.get_by_role("button", name="Create an account").click()
    page.get_by_label("Email").fill("not-an-address")
    page.get_by_label("Password").fill("short")
    page.get_by_role("button", name="Create an account").click()
    expect(page.get_by_text("Enter an email address like name@example.com.")).to_be_visible()
    expect(page.get_by_text("Use at least 8 characters for the password.")).to_be_visible()
    page.get_by_label("Email").fill(new_email("journey"))
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create an account").click()
    expect(page.get_by_role("heading", name="Projects", level=1)).to_be_visible()


def _answer_questions(page: Page) -> int:
    """Answers every question (the first with its second choice, the rest as recommended)
    and returns how many were asked."""
    draft = page.locator(".start-draft .cm-content")
    save = page.get_by_role("button", name="Save and open the spec")
    for asked in range(MAX_QUESTIONS + 1):
        if save.is_visible():
            return asked
        expect(page.get_by_text(re.compile(rf"^Question {asked + 1}\b"))).to_be_visible()
        expect(page.get_by_text("recommended", exact=True)).to_be_visible()
        if asked == 0:
            _in_both_themes(page, "start-question")
            page.get_by_role("radio").nth(1).check()
        before = draft.inner_text()
        page.get_by_role("button", name="Answer", exact=True).click()
        answered = page.get_by_text(re.compile(rf"^{asked + 1} answered\b"))
        expect(answered.or_(save)).to_be_visible()
        if asked == 0:
            expect(draft).not_to_have_text(before)
    raise AssertionError(f"more than {MAX_QUESTIONS} questions were asked")


def test_describe_answer_save_and_edit_the_spec(page: Page) -> None:
    _sign_up(page)
    page.get_by_label("Workspace name").fill("Studio")
    page.get_by_role("button", name="Create workspace").click()
    workspace = page.get_by_role("region", name="Studio")
    expect(workspace.get_by_text("No projects yet.")).to_be_visible()
    _in_both_themes(page, "home")

    workspace.get_by_role("link", name="Describe a backend").click()
    expect(page).to_have_url(re.compile(r"/start\?workspace=\d+$"))
    page.get_by_label("What should the backend do?").fill(DESCRIPTION)
    page.get_by_role("button", name="Draft the spec").click()
    draft = page.locator(".start-draft .cm-content")
    expect(draft).to_contain_text("project")
    asked = _answer_questions(page)
    assert asked >= 1
    expect(draft).to_contain_text("entity")
    _in_both_themes(page, "start-save")
    expect(page.get_by_label("Workspace")).to_have_value(re.compile(r"\d+"))
    page.get_by_label("New project's name").fill("Salon")
    page.get_by_role("button", name="Save and open the spec").click()

    expect(page).to_have_url(re.compile(r"/projects/\d+/spec$"))
    expect(page.get_by_role("heading", name="Salon", level=1)).to_be_visible()
    text = _editor(page)
    expect(text).to_contain_text("entity ")
    entities = re.findall(r"^entity (\w+)", text.inner_text(), re.MULTILINE)
    assert len(entities) >= 2, entities
    nodes = page.locator(".react-flow__node")
    expect(_node(page, entities[0])).to_be_visible()
    expect(nodes).to_have_count(len(entities) + 1)  # and the built-in User
    _in_both_themes(page, "spec")

    # ER form → text: select the entity from the list, add a field.
    first, second = entities[0], entities[1]
    page.get_by_label("Entity", exact=True).select_option(first)
    page.get_by_label("Field name", exact=True).fill("nickname")
    page.get_by_label("Type", exact=True).fill("string(80)")
    page.get_by_role("checkbox", name="optional").first.check()
    page.get_by_role("button", name="Add field").click()
    expect(text).to_contain_text("nickname: string(80) optional")
    expect(_node(page, first).get_by_text("nickname")).to_be_visible()

    # A bad name is refused next to the form, and the text is left alone.
    page.get_by_label("Field name", exact=True).fill("NickName")
    page.get_by_role("button", name="Add field").click()
    expect(page.get_by_role("alert").filter(has_text="not a valid field name")).to_be_visible()
    expect(text).not_to_contain_text("NickName")

    # The relation form (the keyboard route to drawing an edge).
    page.get_by_label("From", exact=True).select_option(first)
    page.get_by_label("to", exact=True).select_option(second)
    page.get_by_label("Cardinality").select_option("many_to_many")
    page.get_by_label(re.compile(r"^Field name on")).fill("partners")
    page.get_by_role("button", name="Add relation").click()
    expect(text).to_contain_text(f"partners: [{second}]")
    expect(page.locator(".react-flow__edge").filter(has_text="partners")).to_have_count(1)

    # Keyboard: a node is in the tab order; Enter selects it (the panel follows) and the
    # arrow keys move it, and its place is remembered for the project.
    node = _node(page, second)
    node.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Entity", exact=True)).to_have_value(second)
    placed = node.get_attribute("style")
    page.keyboard.press("ArrowRight")
    expect(node).not_to_have_attribute("style", placed or "")
    project = re.search(r"/projects/(\d+)/", page.url)
    assert project is not None
    key = f"infranest-er-positions:{project.group(1)}"
    stored = page.evaluate("key => JSON.parse(localStorage.getItem(key) || '{}')", key)
    assert second in stored, stored

    # Drawing an edge from one entity to another fills in the relation form and focuses it.
    page.get_by_role("button", name="Fit View").click()
    _node(page, second).locator(".react-flow__handle-top").drag_to(
        _node(page, first).locator(".react-flow__handle-bottom")
    )
    expect(page.get_by_label("From", exact=True)).to_be_focused()
    expect(page.get_by_label("From", exact=True)).to_have_value(second)
    expect(page.get_by_label("to", exact=True)).to_have_value(first)

    # Text → lint marker and graph: a field of a misspelt type.
    text.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\nentity Broken {\n  size: strng\n}\n")
    expect(page.locator(".cm-lintRange-error")).to_have_count(1)
    expect(page.locator(".cm-lint-marker-error")).to_be_visible()
    expect(_node(page, "Broken")).to_be_visible()
    screenshot(page, "journey-start-spec-lint")

    # Saving refuses the invalid spec and names the place; removing the entity fixes it.
    page.get_by_label("Version message").fill("nickname and partners")
    page.get_by_role("button", name="Save as new version").click()
    problems = page.get_by_role("alert").filter(has_text="Not saved")
    expect(problems).to_contain_text("strng")
    expect(problems).to_contain_text(re.compile(r"line \d+:\d+"))
    page.get_by_label("Entity", exact=True).select_option("Broken")
    page.get_by_role("button", name="Remove entity Broken").click()
    expect(text).not_to_contain_text("Broken")
    expect(page.locator(".cm-lintRange-error")).to_have_count(0)

    page.get_by_role("button", name="Save as new version").click()
    expect(page.get_by_role("status").filter(has_text="Saved as version 2.")).to_be_visible()
    expect(page.locator(".version-picker select")).to_have_value("2")
    expect(text).to_contain_text("nickname: string(80) optional")
    screenshot(page, "journey-start-saved")


def test_a_viewer_sees_no_create_buttons_and_a_read_only_spec(page: Page) -> None:
    api = page.request
    viewer = new_email("viewer")
    assert api.post("/api/auth/register", data={"email": viewer, "password": PASSWORD}).ok
    owner = new_email("owner")
    assert api.post("/api/auth/register", data={"email": owner, "password": PASSWORD}).ok
    workspace = api.post("/api/workspaces", data={"name": "Shared"}).json()["id"]
    member = {"email": viewer, "role": "viewer"}
    assert api.post(f"/api/workspaces/{workspace}/members", data=member).ok
    project = api.post(f"/api/workspaces/{workspace}/projects", data={"name": "Notes"}).json()
    spec = "project notes {\n  auth jwt\n}\n\nentity Note {\n  title: string\n}\n"
    saved = api.post(f"/api/projects/{project['id']}/versions", data={"text": spec})
    assert saved.status == 201, saved.text()
    assert api.post("/api/auth/login", data={"email": viewer, "password": PASSWORD}).ok

    page.goto("/")
    shared = page.get_by_role("region", name="Shared")
    expect(shared.get_by_role("link", name="Notes")).to_be_visible()
    expect(shared.get_by_text("viewer", exact=True)).to_be_visible()
    expect(shared.get_by_role("button", name="New project")).to_have_count(0)
    expect(shared.get_by_role("link", name="Describe a backend")).to_have_count(0)

    shared.get_by_role("link", name="Notes").click()
    expect(page.get_by_role("textbox", name="Spec of Notes (read-only)")).to_be_visible()
    expect(_node(page, "Note")).to_be_visible()
    expect(page.get_by_role("button", name="Save as new version")).to_have_count(0)
    expect(page.get_by_role("button", name="Add field")).to_have_count(0)
    expect(page.get_by_role("button", name="Add entity")).to_have_count(0)


def test_a_pasted_spec_is_checked_before_the_project_is_created(page: Page) -> None:
    api = page.request
    email = new_email("paste")
    assert api.post("/api/auth/register", data={"email": email, "password": PASSWORD}).ok
    workspace = api.post("/api/workspaces", data={"name": "Pasted"}).json()["id"]
    page.goto("/")
    region = page.get_by_role("region", name="Pasted")
    region.get_by_role("button", name="New project").click()
    region.get_by_label("Project name").fill("Library")
    spec = "project library {\n  auth jwt\n}\n\nentity Book {\n  title: strng\n}\n"
    region.get_by_label(re.compile(r"^Spec text")).fill(spec)
    region.get_by_role("button", name="Create project").click()
    problems = region.get_by_role("alert")
    expect(problems).to_contain_text("line 6:3")
    expect(problems).to_contain_text("strng")
    assert_accessible(page, label="home-new-project-errors")
    screenshot(page, "journey-start-home-new-project-errors")
    listed = api.get(f"/api/workspaces/{workspace}/projects").json()
    assert listed == []

    region.get_by_label(re.compile(r"^Spec text")).fill(spec.replace("strng", "string"))
    region.get_by_role("button", name="Create project").click()
    expect(page).to_have_url(re.compile(r"/projects/\d+/spec$"))
    expect(_editor(page)).to_contain_text("title: string")
    expect(_node(page, "Book").get_by_text("title")).to_be_visible()
