"""The three language editions in Chromium: the language selector keeps the reader on the
same page, search is per language, and the offline editions need no network at all.

The online editions come from the session's build of all three (`built_site`), served on
localhost: their links are directory URLs, which file:// would open as folder listings.
The offline ones come from the zip `scripts/build_offline.py` makes, opened from file://
with every request that is not a local file refused and recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import odhub
from browser_support import LocalServer, local_only_page, search, serve, switch_language
from odhub.lang import Translator
from offline_support import OfflineEdition

pytestmark = [pytest.mark.build, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "es", "fr")
# Countries whose names differ between the languages (Côte d'Ivoire / Costa de Marfil,
# Germany / Alemania / Allemagne), and Kosovo, whose code is not in ISO 3166.
SWITCHES = [
    ("CIV", "en", "es"), ("CIV", "es", "fr"), ("CIV", "fr", "en"),
    ("BFA", "fr", "es"), ("DEU", "en", "fr"), ("MEX", "es", "en"), ("XKX", "fr", "es"),
]


@pytest.fixture(scope="module")
def models() -> dict[str, odhub.Model]:
    return {language: odhub.load(ROOT, language=language) for language in LANGUAGES}


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[LocalServer]:
    with serve(built_site) as served:
        yield served


def edition_prefix(language: str) -> str:
    return "" if language == "en" else f"{language}/"


def heading(page) -> str:
    return page.locator(".md-content h1").first.inner_text()


def without_query(url: str) -> str:
    return url.split("#")[0].split("?")[0]


# -- the language selector ---------------------------------------------------------------


@pytest.mark.parametrize("iso3,start,target", SWITCHES)
def test_switching_language_on_a_country_page_lands_on_the_same_country(
        browser, server: LocalServer, models: dict[str, odhub.Model], iso3: str, start: str,
        target: str) -> None:
    page, _log = local_only_page(browser, allowed=(server.url,))
    path = f"countries/{iso3.lower()}/"
    page.goto(server.url + edition_prefix(start) + path)
    assert models[start].countries[iso3].name in heading(page)

    switch_language(page, target)
    assert without_query(page.url) == server.url + edition_prefix(target) + path
    assert page.locator("html").get_attribute("lang") == target
    assert models[target].countries[iso3].name in heading(page)
    # Material's own script would fetch sitemap.xml beside every <link rel=alternate>.
    assert [p for p in server.paths if "sitemap" in p] == []
    page.context.close()


@pytest.mark.parametrize("iso3,start,target", SWITCHES[:4])
def test_offline_language_selector_lands_on_the_same_country_with_no_request(
        browser, offline_edition: OfflineEdition, models: dict[str, odhub.Model], iso3: str,
        start: str, target: str) -> None:
    page, log = local_only_page(browser)
    missing: list[str] = []
    page.on("requestfailed", lambda request: missing.append(request.url))
    path = f"countries/{iso3.lower()}.html"  # the offline plugin turns off directory URLs
    page.goto((offline_edition.root / edition_prefix(start) / path).as_uri())

    switch_language(page, target)
    expected = offline_edition.root / edition_prefix(target) / path
    assert without_query(page.url) == expected.as_uri()
    assert models[target].countries[iso3].name in heading(page)
    page.wait_for_load_state("networkidle")
    assert log.blocked == []
    assert missing == []
    page.context.close()


# -- search per language -----------------------------------------------------------------


def is_translated(site: Path, url: str, base: str, language: str) -> bool:
    """Whether the page a hit names is in the edition's language, not an English page
    shown with the "not translated yet" notice."""
    relative = urlsplit(without_query(url)).path.removeprefix(urlsplit(base).path)
    file = site / relative / "index.html" if relative.endswith("/") or not relative \
        else site / relative
    text = file.read_text(encoding="utf-8")
    assert f'<html lang="{language}"' in text, url
    notice = Translator(language).gettext("Not translated yet")
    return notice not in text


def test_french_search_for_donnees_finds_french_pages_first(
        browser, server: LocalServer, built_editions: dict[str, Path]) -> None:
    page, _log = local_only_page(browser, allowed=(server.url,))
    base = server.url + "fr/"
    page.goto(base)
    hits = [without_query(hit) for hit in search(page, "données")]
    hits = list(dict.fromkeys(hits))  # a page's sections share its address
    assert len(hits) >= 5, hits
    assert all(hit.startswith(base) for hit in hits), hits  # the French index only
    french = [is_translated(built_editions["fr"], hit, base, "fr") for hit in hits]
    assert french[0], f"first hit is an English page: {hits[0]}"
    # Every French page comes before any English fallback page.
    assert french == sorted(french, reverse=True), list(zip(hits, french, strict=True))
    page.context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_offline_edition_searches_from_file_with_no_request(
        browser, offline_edition: OfflineEdition, models: dict[str, odhub.Model],
        language: str) -> None:
    page, log = local_only_page(browser)
    missing: list[str] = []
    page.on("requestfailed", lambda request: missing.append(request.url))
    edition = offline_edition.root / edition_prefix(language)
    page.goto((edition / "index.html").as_uri())
    country = models[language].countries["CIV"]
    hits = [without_query(hit) for hit in search(page, country.name)]
    assert hits and hits[0] == (edition / "countries/civ.html").as_uri(), hits[:5]
    page.wait_for_load_state("networkidle")
    assert log.blocked == []
    assert missing == []
    page.context.close()
