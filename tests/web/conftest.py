"""Browser tests: the built UI (web/dist) served by a real InfraNest server on 127.0.0.1,
driven by Playwright in Debian's headless Chromium (/usr/bin/chromium).

Fixtures: ``server`` (base URL of a live server on a fresh SQLite database), ``demo_server``
(the same with the demo workspace seeded), ``page`` / ``demo_page`` (a fresh browser context
and page on that server; a screenshot of the last state is kept under ``test-results/web/``).
Helpers to import in tests: ``web_support`` (register, assert_accessible, set_theme,
screenshot, new_email).

Without Chromium or a built UI the tests skip with the reason, unless
``INFRANEST_REQUIRE_BROWSER=1`` (set by CI) turns the skip into a failure.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, Playwright, sync_playwright
from web_support import WEB_DIST, missing, screenshot

from infranest.server.app import create_app
from infranest.server.settings import Settings

CHROMIUM = Path(os.environ.get("INFRANEST_CHROMIUM", "/usr/bin/chromium"))
# Chromium flags for a closed network: no background fetches, no first-run work.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class LiveServer:
    """A uvicorn server running ``create_app(settings)`` in a daemon thread."""

    url: str
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


def _start(settings: Settings) -> LiveServer:
    port = _free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the InfraNest server did not start")
        time.sleep(0.05)
    return LiveServer(f"http://127.0.0.1:{port}", server, thread)


def _settings(folder: Path, *, demo: bool) -> Settings:
    if not (WEB_DIST / "index.html").is_file():
        missing(f"{WEB_DIST}/index.html is missing: build the UI with `make web`")
    folder.mkdir(parents=True, exist_ok=True)
    return Settings(
        database_url=f"sqlite:///{folder / 'infranest.db'}",
        secret_key="browser-tests",
        data_dir=folder,
        web_dist=WEB_DIST,
        demo=demo,
        demo_verify=False,
    )


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    live = _start(_settings(tmp_path_factory.mktemp("server"), demo=False))
    yield live.url
    live.stop()


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    live = _start(_settings(tmp_path_factory.mktemp("demo-server"), demo=True))
    yield live.url
    live.stop()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not CHROMIUM.is_file():
        missing(f"{CHROMIUM} is missing: apt-get install chromium")
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


def _page(browser: Browser, base_url: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(
        base_url=base_url, viewport={"width": 1400, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    screenshot(page, f"{request.node.name}-last")
    context.close()


@pytest.fixture
def page(browser: Browser, server: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    yield from _page(browser, server, request)


@pytest.fixture
def demo_page(browser: Browser, demo_server: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    yield from _page(browser, demo_server, request)
