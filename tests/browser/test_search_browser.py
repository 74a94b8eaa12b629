"""The web edition's search (Pagefind behind Material's search box), in Chromium.

The session's real build (`built_site`) is served by Python's http.server on 127.0.0.1,
as a static host would serve it: Pagefind fetches its script, WebAssembly and index
fragments, which file:// does not allow. Every request to anywhere else is refused and
recorded. The offline edition's search (Material's own, from file://) is checked in
test_offline_browser.py with the same queries.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import odhub
from browser_support import RequestLog, search

pytestmark = [pytest.mark.build, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]
# The same queries as the offline edition's search test: codes and other names.
CODE_QUERIES = [
    ("KEN", "KEN"), ("KE", "KEN"), ("ke", "KEN"), ("CIV", "CIV"), ("CI", "CIV"),
    ("USA", "USA"), ("Ivory Coast", "CIV"), ("Macedonia", "MKD"), ("Türkiye", "TUR"),
    ("XKX", "XKX"),
]
SEARCH_WORD = "Montevideo"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served_site(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="module")
def model() -> odhub.Model:
    return odhub.load(ROOT)


@pytest.fixture
def web_page(browser, served_site: str) -> Iterator[tuple[object, RequestLog, list[str]]]:
    """A page whose requests beyond the local server are refused; and the local paths it
    requested, in order."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    log = RequestLog()
    local: list[str] = []

    def guard(route) -> None:
        url = route.request.url
        if url.startswith(served_site):
            local.append(url.removeprefix(served_site))
            route.continue_()
        else:
            log.blocked.append(url)
            route.abort()

    context.route("**/*", guard)
    yield context.new_page(), log, local
    context.close()


def _page_url(served_site: str, docs_path: str) -> str:
    stem = docs_path.removesuffix(".md").removesuffix("index")
    return served_site + (stem if stem.endswith("/") or not stem else stem + "/")


def _search(page, text: str) -> list[str]:
    """The pages listed (not their sections), in order, without ?h= or #anchor."""
    hits = search(page, text, ".md-search-result__item > .md-search-result__link")
    return [hit.split("?")[0].split("#")[0] for hit in hits]


def _outside_theme(blocked: list[str]) -> list[str]:
    # With repo_url set, Material asks api.github.com for the repository's stars; that is
    # the repository widget, not search.
    return [url for url in blocked if not url.startswith("https://api.github.com/")]


@pytest.mark.parametrize("query,iso3", CODE_QUERIES)
def test_search_finds_a_country_first_by_code_or_other_name(
        web_page, served_site: str, model: odhub.Model, query: str, iso3: str) -> None:
    page, log, _ = web_page
    page.goto(served_site)
    hits = _search(page, query)
    # First, not merely present: "CIV" must not lose to the "civic participation" sector.
    assert hits and hits[0] == _page_url(served_site, model.countries[iso3].page), hits[:5]
    assert _outside_theme(log.blocked) == []


def test_search_finds_a_word_from_a_case_study(web_page, served_site: str,
                                               model: odhub.Model) -> None:
    with_word = {
        _page_url(served_site, case.src_uri) for case in model.case_studies.values()
        if SEARCH_WORD in (ROOT / "docs" / case.src_uri).read_text(encoding="utf-8")
    }
    assert with_word, f"no case study mentions {SEARCH_WORD!r}; pick another word"
    page, _, _ = web_page
    page.goto(served_site + "case-studies/")
    assert set(_search(page, SEARCH_WORD)) & with_word


def test_nothing_of_the_index_loads_before_the_reader_types(
        web_page, served_site: str, model: odhub.Model) -> None:
    page, _, local = web_page
    page.goto(_page_url(served_site, model.countries["KEN"].page))
    page.wait_for_load_state("networkidle")
    assert not [path for path in local if path.startswith("pagefind/")], local
    assert "assets/search-worker.js" in local  # the search box is live
    _search(page, "Kenya")
    loaded = [path for path in local if path.startswith("pagefind/")]
    assert "pagefind/pagefind.js" in loaded
    assert any(path.startswith("pagefind/index/") for path in loaded)
    assert any(path.startswith("pagefind/fragment/") for path in loaded)


def test_keyboard_enter_opens_the_best_result(web_page, served_site: str,
                                              model: odhub.Model) -> None:
    page, _, _ = web_page
    page.goto(served_site)
    hits = _search(page, "KEN")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.split("?")[0] == hits[0])
    assert page.url.split("?")[0] == _page_url(served_site, model.countries["KEN"].page)


def test_result_titles_are_text_not_markup(web_page, served_site: str) -> None:
    page, _, _ = web_page
    page.goto(served_site)
    _search(page, "Kenya")
    # Material writes titles and excerpts as HTML: only our <mark> highlights may appear.
    tags = page.eval_on_selector_all(
        ".md-search-result__article *",
        "nodes => [...new Set(nodes.map(n => n.tagName.toLowerCase()))]")
    assert set(tags) <= {"div", "h1", "h2", "p", "mark", "nav", "span"}, tags


def test_results_leave_out_tag_listings_and_the_print_stamp(
        web_page, served_site: str, model: odhub.Model) -> None:
    # "health" is a sector's title, so its tag listing exists; pages whose front matter
    # says search: exclude (the tag listings) stay out of the results, and no excerpt
    # begins with the printed page's stamp (site name · address).
    sector = next(s for s in model.sectors.values() if s.title == "Health")
    page, _, _ = web_page
    page.goto(served_site)
    hits = _search(page, sector.title.lower())
    assert hits
    assert not [hit for hit in hits if hit.startswith(served_site + "tags/")], hits
    excerpts = page.eval_on_selector_all(".md-search-result__article",
                                         "articles => articles.map(a => a.textContent)")
    stamped = [text for text in excerpts if "Open Data Peer Hub ·" in text]
    assert stamped == []
