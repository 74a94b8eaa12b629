"""The web edition, served over HTTP, makes no failing request and none to another host.

Chromium opens one page of every kind from the strict build, served by http.server on
127.0.0.1, and searches from one of them (the worker and the index load then). Every
request is recorded: one to another host (api.github.com for the repository widget, a
CDN, a font) is refused and reported, and so is any request that fails or gets an error
status (data/sitemap.xml, which Material used to ask for beside the news feed).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytestmark = [pytest.mark.build, pytest.mark.browser]

# One page of each kind: hand-written, generated from data, the blog, the theme's own,
# and pages of the Spanish and French editions.
PAGES = (
    "", "countries/", "countries/ken/", "hubs/", "hubs/africa/", "case-studies/",
    "case-studies/mexico-datos-gob-mx/", "guidance/", "guidance/adopting-the-open-data-charter/",
    "principles/", "sectors/", "monitor/", "events/", "data/", "news/",
    "news/ogp-od4d-partnership/", "contribute/", "contribute/data-fields/", "tags/",
    "404.html", "es/", "es/countries/ken/", "fr/case-studies/", "fr/404.html",
)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # no access log in tests
        pass


@pytest.fixture(scope="module")
def served(built_site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_pages_make_no_failing_or_third_party_request(browser, served: str,
                                                      built_site: Path) -> None:
    for page in PAGES:
        assert (built_site / page / ("" if page.endswith(".html") else "index.html")).is_file()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    elsewhere: list[str] = []
    failed: list[str] = []
    errors: list[str] = []

    def guard(route) -> None:
        url = route.request.url
        if url.startswith(served) or url.startswith(("data:", "blob:", "about:")):
            requested.append(url)
            route.continue_()
        else:
            elsewhere.append(url)
            route.abort()

    context.route("**/*", guard)
    context.on("requestfailed", lambda request: failed.append(
        f"{request.url} ({request.failure})"))
    context.on("response", lambda response: failed.append(
        f"{response.url} (HTTP {response.status})") if response.status >= 400 else None)
    tab = context.new_page()
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        for page in PAGES:
            tab.goto(served + page)
            tab.wait_for_load_state("networkidle")
        box = tab.locator("input.md-search__input")  # search: the worker and its index
        box.click()
        box.press_sequentially("Kenya")
        tab.wait_for_selector(".md-search-result__item")
        tab.wait_for_load_state("networkidle")
    finally:
        context.close()

    assert elsewhere == []
    assert failed == []
    assert errors == []
    # Pages, style sheets, scripts, the search index: the log is not empty by accident.
    assert len(requested) > 3 * len(PAGES)
    assert any(url.endswith("search/search_index.json") for url in requested)
