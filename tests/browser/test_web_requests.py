"""The web edition, served over HTTP, makes no failing request and none to another host.

Chromium opens one page of every kind from the strict build, served on 127.0.0.1, and
searches from one of them (the worker and the index load then). A request to another
host (api.github.com for the repository widget, a CDN, a font) is refused and reported,
and so is any request that fails or gets an error status (data/sitemap.xml, which
Material used to ask for beside the news feed).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import local_only_page, search, serve

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


def test_pages_make_no_failing_or_third_party_request(browser, built_site: Path) -> None:
    for page in PAGES:
        assert (built_site / page / ("" if page.endswith(".html") else "index.html")).is_file()
    failed: list[str] = []
    errors: list[str] = []
    with serve(built_site) as server:
        tab, log = local_only_page(browser, allowed=(server.url,))
        tab.context.on("requestfailed", lambda request: failed.append(
            f"{request.url} ({request.failure})"))
        tab.context.on("response", lambda response: failed.append(
            f"{response.url} (HTTP {response.status})") if response.status >= 400 else None)
        tab.on("pageerror", lambda error: errors.append(str(error)))
        try:
            for page in PAGES:
                tab.goto(server.url + page)
                tab.wait_for_load_state("networkidle")
            assert search(tab, "Kenya")  # the search worker and its index load
            tab.wait_for_load_state("networkidle")
        finally:
            tab.context.close()

    assert log.blocked == []
    assert failed == []
    assert errors == []
    # Pages, style sheets, scripts, the search index: the log is not empty by accident.
    assert len(server.paths) > 3 * len(PAGES)
    assert any(path.endswith("search/search_index.json") for path in server.paths)
