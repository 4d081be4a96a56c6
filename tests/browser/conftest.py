"""Browser fixtures: the real site served on 127.0.0.1, and Debian's Chromium driven by Playwright.

Every page a test opens is watched: a console error, an uncaught exception or a request to any
host but 127.0.0.1 fails the test that caused it. Chromium is never downloaded: the tests use
/usr/bin/chromium (``apt-get install chromium``; .ci/run installs it) and fail, not skip,
without it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Request,
    Route,
    expect,
    sync_playwright,
)

from .siteserver import Site, serve

CHROMIUM = Path(os.environ.get("ROADMAP_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
# How long Playwright waits for a page, an element or an expected state before it gives up. The
# waits end as soon as the state is there: the bound only needs to outlast a busy machine, and no
# verdict depends on it.
PATIENCE_MS = 60_000
expect.set_options(timeout=PATIENCE_MS)


@dataclass
class Watch:
    """What went wrong on the pages of one test: console errors, exceptions, outside requests."""

    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Everything to report, one line each."""
        return [f"console: {e}" for e in self.errors] + [f"request to another host: {u}" for u in self.outside]


@pytest.fixture(scope="session")
def site(real_site: object) -> Iterator[Site]:
    """The real site (built strictly once per session by ``real_site``), served like GitHub Pages."""
    assert getattr(real_site, "ok", False), "the real site did not build: " + str(getattr(real_site, "error", ""))
    with serve(Path(real_site.site_dir)) as served:  # type: ignore[attr-defined]
        yield served


# Package scope, not session: Playwright's synchronous API keeps an asyncio loop running while it
# is started, and the tests after this package call asyncio.run().
@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    """Playwright's synchronous API, started once for the browser tests."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, headless; a clear failure when it is not installed."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's Chromium with `apt-get install -y chromium` "
            "(.ci/run does this); the browser tests never download a browser"
        )
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
    yield browser
    browser.close()


def open_context(browser: Browser, watch: Watch, **options: object) -> BrowserContext:
    """A fresh browser profile whose pages report errors and outside requests to ``watch``."""
    context = browser.new_context(**{"viewport": DESKTOP, **options})  # type: ignore[arg-type]
    context.set_default_timeout(PATIENCE_MS)

    def route(route: Route, request: Request) -> None:
        if urlsplit(request.url).hostname in ("127.0.0.1", None) or request.url.startswith(("blob:", "data:")):
            route.continue_()
        else:
            watch.outside.append(request.url)
            route.abort()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            watch.errors.append(f"{message.text} ({message.location.get('url', '')})")

    context.route("**/*", route)
    context.on("page", lambda page: _watch_page(page, watch, on_console))
    return context


def _watch_page(page: Page, watch: Watch, on_console: Callable[[ConsoleMessage], None]) -> None:
    page.on("console", on_console)
    page.on("pageerror", lambda error: watch.errors.append(f"uncaught: {error}"))


@pytest.fixture
def watch() -> Watch:
    """The problems seen by this test's pages."""
    return Watch()


@pytest.fixture
def context(browser: Browser, watch: Watch) -> Iterator[BrowserContext]:
    """A fresh, watched browser profile (empty storage) at a desktop size."""
    context = open_context(browser, watch)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext, watch: Watch) -> Iterator[Page]:
    """A watched page; the test fails if any page it opened logged an error or left 127.0.0.1."""
    page = context.new_page()
    yield page
    problems = watch.problems()
    assert not problems, "\n".join(problems)
