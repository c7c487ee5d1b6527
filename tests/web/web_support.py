"""Helpers for the browser tests (fixtures are in conftest.py): ``register(page)``,
``assert_accessible(page)`` (axe-core, WCAG 2.1 A/AA, no serious or critical violation),
``set_theme(page, theme)``, ``screenshot(page, name)``, ``new_email()``."""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
WEB_DIST = ROOT / "web" / "dist"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-results" / "web"
PASSWORD = "correct horse battery"
_emails = itertools.count(1)


def missing(what: str) -> None:
    """Skips the test for a missing tool, or fails when CI requires the browser tests."""
    if os.environ.get("INFRANEST_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required but {what}")
    pytest.skip(what)


def screenshot(page: Page, name: str) -> Path:
    """Saves a full-page PNG under test-results/web/ (kept as a CI artifact)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
    if not page.is_closed():
        page.screenshot(path=str(path), full_page=True)
    return path


def new_email(label: str = "user") -> str:
    """An address no other test in this run uses (workers included)."""
    return f"{label}-{os.getpid()}-{next(_emails)}@example.test"


def register(page: Page, email: str | None = None, name: str = "Ada") -> str:
    """Creates an account through the API of the page's server and keeps its session
    cookie in the page's context; returns the email."""
    address = email or new_email()
    response = page.request.post(
        "/api/auth/register", data={"email": address, "password": PASSWORD, "name": name}
    )
    assert response.status == 201, response.text()
    return address


def set_theme(page: Page, theme: str) -> None:
    """Chooses the light or dark theme the way the toggle does, then reloads."""
    page.evaluate("theme => localStorage.setItem('infranest-theme', theme)", theme)
    page.reload()
    page.wait_for_function("t => document.documentElement.dataset.theme === t", arg=theme)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations of WCAG 2.0/2.1 A and AA on the current page."""
    if not AXE.is_file():
        missing(f"{AXE} is missing: run npm ci in web/")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
        })"""
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def assert_accessible(page: Page, *, label: str = "") -> None:
    """Fails on any serious or critical axe violation, listing rule, impact and nodes."""
    bad = [v for v in axe_violations(page) if v.get("impact") in ("serious", "critical")]
    if bad:
        lines = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(str(node["target"]) for node in v["nodes"][:5])
            for v in bad
        ]
        screenshot(page, f"axe-{label or 'page'}")
        pytest.fail(f"accessibility violations on {page.url}:\n" + "\n".join(lines))
