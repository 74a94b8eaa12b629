"""Playwright driving Debian's Chromium, with every non-local request blocked and recorded.

Nothing here downloads a browser: tests use /usr/bin/chromium (installed by .ci/run) and
are skipped with a clear reason when it is absent on a developer's machine.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
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


@pytest.fixture
def offline_page(browser) -> Iterator[tuple[object, RequestLog]]:
    """A fresh page whose network requests (anything not file:/data:) are refused and logged."""
    context = browser.new_context()
    log = RequestLog()

    def guard(route) -> None:
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            log.blocked.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    yield page, log
    context.close()


def search_hits(page, text: str) -> list[str]:
    """Type text into the theme's search box; the result links once they stop changing."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(text)
    page.wait_for_selector(".md-search-result__item")
    # Results update as each letter arrives: wait until the list stops changing, so the
    # hits belong to the whole query and not to its first letters.
    read = "links => links.map(a => a.href)"
    hits = page.eval_on_selector_all(".md-search-result__link", read)
    for _ in range(20):
        page.wait_for_timeout(250)
        again = page.eval_on_selector_all(".md-search-result__link", read)
        if again == hits:
            break
        hits = again
    return hits
