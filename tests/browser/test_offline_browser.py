"""The offline edition, built and zipped by the documented command, works from file://.

One session fixture runs `scripts/build_offline.py` (what `make offline` runs) into a
temporary folder and unzips the result, so every test looks at what a reader downloads.
Chromium then opens the unzipped files with every request that is not file:/data: aborted
and recorded.

The browser here runs as a reader's does: without `--allow-file-access-from-files`, which
the shared `browser` fixture passes. With that flag Chromium runs Web Workers from file://,
so search would work even without the iframe-worker shim and the test could not notice the
shim missing; without it, a missing shim makes the search box disappear.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

import odhub
from browser_support import RequestLog, guarded, search
from offline_support import OfflineEdition

pytestmark = [pytest.mark.build, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]
EXPLORER = "case-studies/index.html"
SEARCH_COUNTRY = "KEN"
# A word written in case studies; the test checks that some case study still contains it.
SEARCH_WORD = "Montevideo"

# Absolute URLs inside the theme's scripts that never fire in the offline edition, and why.
# A new URL (for example after a Material upgrade) fails the test until someone looks at it.
DORMANT_SCRIPT_URLS = {
    "https://api.github.com/": "repository facts; fetched only when repo_url is set",
    "https://${": "repository facts from repo_url's own host (GitLab); same condition",
    "https://unpkg.com/mermaid": "loaded only on pages with a Mermaid diagram",
    "https://unpkg.com/resize-observer-polyfill": "only for browsers without ResizeObserver",
    "https://clipboardjs.com/": "text of an error message",
    "http://lunrjs.com": "licence comment",
    "http://tartarus.org/": "comment (Porter stemmer)",
    "https://bit.ly/": "text of a console warning",
}
# What each load-bearing entry above depends on: none of these may appear in any page.
DORMANT_CONDITIONS = {
    'data-md-component="source"': "the repository widget (its facts come from api.github.com)",
    'class="mermaid"': "a Mermaid diagram (its library comes from unpkg.com)",
}


@pytest.fixture(scope="module")
def model() -> odhub.Model:
    return odhub.load(ROOT)


# -- the zip and the build report ---------------------------------------------------------


def test_zip_has_one_folder_with_the_site_and_the_shim_licence(
        offline_edition: OfflineEdition) -> None:
    with zipfile.ZipFile(offline_edition.zip) as archive:
        names = archive.namelist()
    assert {name.split("/", 1)[0] for name in names} == {"odhub-offline"}
    for needed in ("index.html", "search/search_index.js", EXPLORER,
                   "assets/vendor/iframe-worker/shim.js",
                   "assets/vendor/iframe-worker/LICENSE"):
        assert f"odhub-offline/{needed}" in names
    assert not [name for name in names if name.endswith(".map")]


def test_build_report_matches_the_zip(offline_edition: OfflineEdition) -> None:
    report = offline_edition.report
    sizes = sorted(page.stat().st_size for page in offline_edition.root.rglob("*.html"))
    assert f"({offline_edition.zip.stat().st_size} bytes)" in report
    assert re.search(rf"^pages: {len(sizes)}$", report, re.MULTILINE), report
    line = re.search(r"^HTML page size: median (.+), p95 (.+)$", report, re.MULTILINE)
    assert line, report
    median, p95 = _bytes(line.group(1)), _bytes(line.group(2))
    slack = 52  # the report rounds to 0.1 KiB

    def share_at_most(limit: float) -> float:
        return sum(size <= limit + slack for size in sizes) / len(sizes)

    assert share_at_most(median) >= 0.5
    assert sum(size >= median - slack for size in sizes) / len(sizes) >= 0.5
    assert share_at_most(p95) >= 0.95
    assert any(abs(size - p95) <= slack for size in sizes)  # p95 is a real page's size


def _bytes(printed: str) -> float:
    number, unit = printed.split()
    return float(number) * {"B": 1, "KiB": 1024, "MiB": 1024 * 1024}[unit]


# -- nothing in the files points at the network ------------------------------------------

# Elements and attributes through which a page loads something by itself.
RESOURCE_ATTRIBUTES = {
    "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"),
    "iframe": ("src",), "embed": ("src",), "object": ("data",), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "input": ("src",), "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"), "feimage": ("href", "xlink:href"),
}
LOADING_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch",
                     "preconnect", "dns-prefetch", "manifest", "apple-touch-icon"}
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+["']([^"']+)""")


def _remote(url: str) -> bool:
    url = url.strip().lower()
    return url.startswith(("http://", "https://", "//"))


def _css_remote_urls(css: str) -> list[str]:
    return [url for groups in CSS_URL.findall(css) for url in groups if url and _remote(url)]


class _ResourceParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.remote: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        urls = [values[name] for name in RESOURCE_ATTRIBUTES.get(tag, ()) if name in values]
        if tag == "link" and LOADING_LINK_RELS & set(values.get("rel", "").lower().split()):
            urls.append(values.get("href", ""))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            urls.append(values.get("content", "").partition("url=")[2])
        candidates = [part.split()[0] for url in urls for part in url.split(",") if part.split()]
        self.remote += [f"<{tag}> {url}" for url in candidates if _remote(url)]
        self.remote += [f"<{tag} style> {url}" for url in _css_remote_urls(values.get("style", ""))]
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.remote += [f"<style> {url}" for url in _css_remote_urls(data)]


def test_no_page_or_stylesheet_loads_anything_from_the_network(
        offline_edition: OfflineEdition) -> None:
    root = offline_edition.root
    found: list[str] = []
    for page in sorted(root.rglob("*.html")):
        parser = _ResourceParser()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(root)}: {item}" for item in parser.remote]
    for sheet in sorted(root.rglob("*.css")):
        found += [f"{sheet.relative_to(root)}: {url}"
                  for url in _css_remote_urls(sheet.read_text(encoding="utf-8"))]
    assert found == []


def test_the_resource_scan_sees_what_the_offline_plugin_would_add() -> None:
    # Guards the scan itself with the markup Material writes without our vendored shim.
    parser = _ResourceParser()
    parser.feed('<script src="https://unpkg.com/iframe-worker/shim"></script>'
                '<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>'
                '<img srcset="a.png 1x, //cdn.example/b.png 2x" alt="">'
                '<style>@import "https://fonts.googleapis.com/css";</style>'
                '<link rel="stylesheet" href="assets/odhub.css"><a href="https://x.org">x</a>')
    assert parser.remote == ["<script> https://unpkg.com/iframe-worker/shim",
                             "<link> https://fonts.gstatic.com",
                             "<img> //cdn.example/b.png",
                             "<style> https://fonts.googleapis.com/css"]


def test_scripts_hold_only_dormant_network_urls(offline_edition: OfflineEdition) -> None:
    root = offline_edition.root.resolve()
    pages = {page: page.read_text(encoding="utf-8") for page in root.rglob("*.html")}
    # The scripts pages load (relative src; 404.html's root-relative copies are the same
    # files), and the search worker the theme's bundle starts.
    scripts = set(root.glob("assets/javascripts/workers/*.js"))
    for page, text in pages.items():
        for src in re.findall(r'<script[^>]*\ssrc="([^"]+)"', text):
            if not _remote(src) and not src.startswith("/"):
                scripts.add((page.parent / src.split("?")[0]).resolve())
    assert any(script.name.startswith("bundle.") for script in scripts)

    unexplained = sorted(
        f"{script.relative_to(root)}: {url}"
        for script in scripts
        for url in set(re.findall(r"https?://[^\s\"'`)\\]+", script.read_text(encoding="utf-8")))
        if not url.startswith(tuple(DORMANT_SCRIPT_URLS))
    )
    assert unexplained == []
    for marker, meaning in DORMANT_CONDITIONS.items():
        assert not [page for page, text in pages.items() if marker in text], \
            f"a page has {meaning}"


# -- in the browser, with the network blocked ---------------------------------------------


@pytest.fixture(scope="module")
def reader_browser(browser) -> object:
    # The shared Chromium runs with a reader's defaults (no --allow-file-access-from-files),
    # so a search that needs the iframe-worker shim fails here as it would for a reader.
    return browser


@pytest.fixture
def reader_page(reader_browser) -> Iterator[tuple[object, RequestLog]]:
    """A desktop-sized page whose requests to anything but local files are refused and logged."""
    context, page, log = guarded(reader_browser, viewport={"width": 1280, "height": 900})
    yield page, log
    context.close()


def _pages_to_open(model: odhub.Model) -> list[str]:
    country = model.countries[SEARCH_COUNTRY]
    hub = model.hubs[country.hub] if country.hub else next(iter(model.hubs.values()))
    return ["index.html", country.page.replace(".md", ".html"),
            hub.page.replace(".md", ".html"), EXPLORER]


def test_pages_make_no_network_request(offline_edition: OfflineEdition, reader_page,
                                       model: odhub.Model) -> None:
    page, log = reader_page
    failed_local: list[str] = []
    errors: list[str] = []

    def missing_file(request) -> None:
        # Material would probe sitemap.xml beside every <link rel="alternate">; main.html
        # writes its alternates so that it does not, and no file may be missing.
        if request.url.startswith("file:"):
            failed_local.append(request.url)

    page.on("requestfailed", missing_file)
    page.on("pageerror", lambda error: errors.append(str(error)))
    for relative in _pages_to_open(model):
        target = offline_edition.root / relative
        assert target.is_file(), relative
        page.goto(target.as_uri())
        page.wait_for_load_state("networkidle")
        # Searching loads the worker (through the shim's frame) and the index, so their
        # requests are part of what is checked on every page.
        assert search(page, model.countries[SEARCH_COUNTRY].name)
    assert log.blocked == []
    assert failed_local == []
    assert errors == []


def test_search_finds_a_country_by_name(offline_edition: OfflineEdition, reader_page,
                                        model: odhub.Model) -> None:
    page, log = reader_page
    page.goto((offline_edition.root / "index.html").as_uri())
    country = model.countries[SEARCH_COUNTRY]
    hits = search(page, country.name)
    expected = (offline_edition.root / country.page.replace(".md", ".html")).as_uri()
    assert any(hit.split("?")[0].split("#")[0] == expected for hit in hits), hits
    assert log.blocked == []


@pytest.mark.parametrize("query,iso3", [
    ("KEN", "KEN"), ("KE", "KEN"), ("CIV", "CIV"), ("CI", "CIV"), ("USA", "USA"),
    ("Ivory Coast", "CIV"), ("Macedonia", "MKD"), ("Türkiye", "TUR"), ("XKX", "XKX"),
])
def test_search_finds_a_country_by_code_or_other_name(
        offline_edition: OfflineEdition, reader_page, model: odhub.Model,
        query: str, iso3: str) -> None:
    page, log = reader_page
    page.goto((offline_edition.root / "index.html").as_uri())
    expected = (offline_edition.root / model.countries[iso3].page.replace(".md", ".html"))
    hits = [hit.split("?")[0].split("#")[0] for hit in search(page, query)]
    # First, not merely present: "CI" must not lose to case studies tagged "civic".
    assert hits and hits[0] == expected.as_uri(), hits[:5]
    assert log.blocked == []


def test_search_finds_a_word_from_a_case_study(offline_edition: OfflineEdition, reader_page,
                                               model: odhub.Model) -> None:
    with_word = {
        (offline_edition.root / case.src_uri.replace(".md", ".html")).as_uri()
        for case in model.case_studies.values()
        if SEARCH_WORD in (ROOT / "docs" / case.src_uri).read_text(encoding="utf-8")
    }
    assert with_word, f"no case study mentions {SEARCH_WORD!r}; pick another word"
    page, log = reader_page
    page.goto((offline_edition.root / EXPLORER).as_uri())
    hits = {hit.split("?")[0].split("#")[0] for hit in search(page, SEARCH_WORD)}
    assert hits & with_word, hits
    assert log.blocked == []
