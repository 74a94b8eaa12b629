"""The Spanish and French editions: real builds of mkdocs.es.yml and mkdocs.fr.yml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import mkdocs_build
from odhub.data.editions import blob_hash, edition_files, split_translation

pytestmark = pytest.mark.build


def _html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_each_edition_has_its_language_its_404_feed_and_exports(
        built_editions: dict[str, Path]) -> None:
    for language, site in built_editions.items():
        page = _html(site, "countries/civ/index.html")
        assert f'<html lang="{language}"' in page
        for part in ("404.html", "data/news.xml", "data/countries.csv",
                     "search/search_index.json"):
            assert (site / part).is_file(), (language, part)
    index = _html(built_editions["es"], "search/search_index.json")
    assert '"lang":["es"]' in index.replace(" ", "")
    assert "Noticias del Open Data Peer Hub" in _html(built_editions["es"], "data/news.xml")


def test_spanish_country_page_reads_spanish(built_editions: dict[str, Path]) -> None:
    page = _html(built_editions["es"], "countries/civ/index.html")
    assert "Costa de Marfil" in page and "octubre de 2015" in page
    assert ">Datos<" in page and "Ingresó en 2015." in page
    assert "Côte d’Ivoire" in _html(built_editions["fr"], "countries/civ/index.html")


def test_selector_and_hreflang_point_at_the_same_page_without_sitemap_probes(
        built_editions: dict[str, Path]) -> None:
    page = _html(built_editions["es"], "countries/civ/index.html")
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)"', page))
    assert set(links.values()) == {"en", "es", "fr"}
    assert {href: lang for href, lang in links.items()} == {
        "../../../countries/civ/": "en", "../../../es/countries/civ/": "es",
        "../../../fr/countries/civ/": "fr"}
    # Material fetches sitemap.xml beside any element matching link[rel=alternate].
    assert not re.search(r'<link rel="alternate"[ >]', page)
    assert page.count('<link rel="alternate " hreflang=') == 3


def test_every_country_page_links_the_same_country_in_every_edition(
        built_editions: dict[str, Path]) -> None:
    # The browser tests click the selector on a sample; this reads it on every page.
    wrong = []
    for language, site in built_editions.items():
        pages = sorted((site / "countries").glob("*/index.html"))
        assert len(pages) > 50
        for page in pages:
            html = page.read_text(encoding="utf-8")
            selector = dict(re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)"', html))
            alternates = re.findall(r'<link rel="alternate " hreflang="([a-z]+)" href="([^"]+)"',
                                    html)
            links = [(lang, href) for href, lang in selector.items()] + alternates
            assert len(links) == 2 * len(built_editions), page
            for lang, href in links:
                target = (page.parent / href / "index.html").resolve()
                if target != (built_editions[lang] / page.relative_to(site)).resolve():
                    wrong.append(f"{language}/{page.relative_to(site)}: {lang} -> {href}")
    assert wrong == []


def test_404_pages_name_no_host_in_their_links(built_editions: dict[str, Path]) -> None:
    # The 404 page's base_url is "/": joined carelessly, "//" + "es/" names a host "es".
    for language, site in built_editions.items():
        hrefs = re.findall(r'href="([^"]*)"', _html(site, "404.html"))
        assert [h for h in hrefs if h.startswith("//")] == [], language
        assert any(re.fullmatch(r"/(\./|\.\./)?fr/", h) for h in hrefs), (language, hrefs)


def test_untranslated_pages_fall_back_with_a_notice_and_translations_replace_them(
        built_editions: dict[str, Path]) -> None:
    assert "Pas encore traduit" in _html(built_editions["fr"], "contribute/performance/index.html")
    about = _html(built_editions["fr"], "about/index.html")
    assert "À propos de ce portail" in about and "Pas encore traduit" not in about
    assert "Acerca de este portal" in _html(built_editions["es"], "about/index.html")
    english = _html(built_editions["en"], "about/index.html")
    assert "About this hub" in english and "Acerca" not in english
    assert not (built_editions["en"] / "about.es").exists()
    status = _html(built_editions["es"], "contribute/translation-status/index.html")
    assert "Estado de las traducciones" in status and "traducida" in status


def test_a_page_shown_in_english_says_so_and_its_notice_speaks_the_edition(
        built_editions: dict[str, Path]) -> None:
    """WCAG 3.1.2 (language of parts): the English text of a fallback page is marked
    lang="en" inside the edition's <html lang>, and the notice above it is not."""
    for language in ("es", "fr"):
        page = _html(built_editions[language], "contribute/performance/index.html")
        assert f'<html lang="{language}"' in page
        body = page.split('<div lang="en">', 1)
        assert len(body) == 2, language
        notice = re.search(r'<div class="admonition info" lang="([a-z]+)">', body[1])
        assert notice and notice.group(1) == language
        translated = _html(built_editions[language], "about/index.html")
        assert '<div lang="en">' not in translated


def test_a_changed_english_page_marks_its_translation_stale(hub_copy: Path,
                                                            tmp_path: Path) -> None:
    about = hub_copy / "docs/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nOne more sentence.\n",
                     encoding="utf-8")
    result = mkdocs_build(hub_copy, tmp_path / "site", "mkdocs.fr.yml")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/about/index.html").read_text(encoding="utf-8")
    assert "n'est peut-être plus à jour" in page
    status = (tmp_path / "site/contribute/translation-status/index.html").read_text(
        encoding="utf-8")
    assert "à mettre à jour" in status


def test_suffix_files_map_to_their_english_page() -> None:
    languages = ("en", "es", "fr")
    assert split_translation("guidance/x.es.md", languages) == ("guidance/x.md", "es")
    assert split_translation("guidance/x.de.md", languages) is None  # not an edition
    plan = edition_files(["a.md", "a.es.md", "a.fr.md", "b.fr.md"], "es", languages)
    assert plan.replace == {"a.md": "a.es.md"}
    assert set(plan.remove) == {"a.es.md", "a.fr.md", "b.fr.md"}
    assert blob_hash(b"hello\n") == "ce013625030ba8dba906f756967f9e9ca394464a"  # git's
