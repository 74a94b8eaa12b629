"""Playwright driving Debian's Chromium, with every non-local request blocked and recorded.

Nothing here downloads a browser: tests use /usr/bin/chromium (installed by .ci/run) and
are skipped with a clear reason when it is absent on a developer's machine.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("ODHUB_CHROMIUM", "/usr/bin/chromium")
# Flags that keep Chromium from phoning home on a closed network and let it run as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


@dataclass
class RequestLog:
    """Requests a page tried to make to anywhere but the local files."""

    blocked: list[str] = field(default_factory=list)


def require_chromium() -> str:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; .ci/run should have installed chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, headless=True,
                                              args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def guarded(browser, allowed: tuple[str, ...] = (),
            **options: object) -> tuple[object, object, RequestLog]:
    """A new context (Playwright options such as viewport) and a page in it: requests to
    file:/data:/blob:/about: and to the allowed URL prefixes go through, every other one
    is refused and logged."""
    context = browser.new_context(**options)
    log = RequestLog()

    def guard(route) -> None:
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES + allowed):
            route.continue_()
        else:
            log.blocked.append(url)
            route.abort()

    context.route("**/*", guard)
    return context, context.new_page(), log


@pytest.fixture
def offline_page(browser) -> Iterator[tuple[object, RequestLog]]:
    """A fresh page whose network requests (anything not file:/data:) are refused and logged."""
    context, page, log = guarded(browser)
    yield page, log
    context.close()


# -- a built site over HTTP, for what file:// cannot show --------------------------------


@dataclass
class LocalServer:
    """A folder served on localhost; `paths` lists every path a browser asked for."""

    url: str
    paths: list[str] = field(default_factory=list)


@contextmanager
def serve(folder: Path) -> Iterator[LocalServer]:
    """Serve folder on a free localhost port (the online editions use directory URLs,
    which file:// would show as folder listings instead of their index.html)."""
    served = LocalServer("")

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, format: str, *args: object) -> None:
            served.paths.append(self.path)  # every request, answered or not

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    served.url = f"http://127.0.0.1:{server.server_port}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()


def local_only_page(browser, allowed: tuple[str, ...] = ()) -> tuple[object, RequestLog]:
    """A desktop-sized page in a new context: requests to file:/data: and to the allowed
    URL prefixes go through, every other one is refused and logged."""
    _context, page, log = guarded(browser, allowed, viewport={"width": 1280, "height": 900})
    return page, log


def search(page, text: str, links: str = ".md-search-result__link") -> list[str]:
    """Type text into Material's search box; the result links (every one, or those the
    links selector picks) once the list settles."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(text)
    page.wait_for_selector(".md-search-result__item")
    # Results update as each letter arrives: wait until the list stops changing, so the
    # hits belong to the whole query and not to its first letters.
    read = "links => links.map(a => a.href)"
    hits = page.eval_on_selector_all(links, read)
    for _ in range(20):
        page.wait_for_timeout(250)
        again = page.eval_on_selector_all(links, read)
        if again == hits:
            break
        hits = again
    return hits


def switch_language(page, language: str) -> None:
    """Open the header's language selector and follow the link to language's edition."""
    page.locator(".md-header__option .md-select > button").click()
    link = page.locator(f".md-select__link[hreflang='{language}']")
    with page.expect_navigation():
        link.click()
