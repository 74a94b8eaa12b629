"""Language editions are gettext catalogues: strings are extracted by Babel, every one is
translated in each language, plural rules come from CLDR, and pages use them."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from conftest import run_odhub
from odhub import load
from odhub.cli import messages
from odhub.lang.translator import Translator, catalogue_path, languages
from odhub.render import generated_pages, page_markdown


@pytest.fixture(scope="module")
def template(repo_root: Path) -> Catalog:
    return messages.extract(repo_root)


def test_strings_are_found_in_templates_python_and_the_navigation(template: Catalog) -> None:
    where = {m.id if isinstance(m.id, str) else m.id[0]: m.locations for m in template}
    assert any(f.endswith("_country_facts.md.j2") for f, _ in where["Joined in {year}."])
    assert "{count} country has a page." in where                 # the singular of an _n()
    assert any(f.endswith(".py") for f, _ in where["Open Data Peer Hub events"])
    assert where["Propose a translation"][0][0] == "mkdocs.yml"  # a navigation title
    assert "Early {period}" in where                             # marked with N_ where defined


@pytest.mark.parametrize("language", ["es", "fr"])
def test_every_string_is_translated(template: Catalog, language: str) -> None:
    update = messages.update_catalogue(language, template)
    missing = [f"{messages.locations(m)}: {messages.message_text(m)!r}"
               for m in update.untranslated]
    assert missing == [], (f"{len(missing)} strings lack a {language} translation "
                           "(run `odhub messages`, then translate):\n" + "\n".join(missing))
    assert update.added == []


def test_a_missing_translation_is_reported_with_its_location(
        hub_copy: Path, repo_root: Path) -> None:
    po = catalogue_path("fr", hub_copy / "hooks/odhub/lang/locales")
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Faits"', 'msgstr ""'), encoding="utf-8")
    update = messages.update_catalogue("fr", messages.extract(repo_root),
                                       hub_copy / "hooks/odhub/lang/locales")
    lost = [m for m in update.untranslated if m.id == "Facts"]
    assert lost and "_country_facts.md.j2:" in messages.locations(lost[0])


@pytest.mark.parametrize("language", ["es", "fr"])
def test_plural_rules_come_from_cldr(language: str) -> None:
    on_disk = messages.read_catalogue(language)
    assert on_disk.plural_forms == Catalog(locale=language).plural_forms
    t = Translator(language)
    if language == "fr":  # French: 0 and 1 take the singular
        assert t.ngettext("{count} country has a page.", "{count} countries have a page.",
                          0) == "0 pays a une page."
    assert t.ngettext("{count} country has a page.", "{count} countries have a page.",
                      2).startswith("2 ")


def test_the_editions_are_the_languages_with_a_catalogue() -> None:
    assert languages() == ("en", "es", "fr")


def test_spanish_pages_use_cldr_names_dates_and_labels(repo_root: Path) -> None:
    model = load(repo_root, language="es")
    page = {p.path: p.markdown for p in generated_pages(model, "es")}["countries/civ.md"]
    assert "# Costa de Marfil" in page
    assert "## Datos" in page and "Ingresó en 2015\\." in page
    assert "octubre de 2015" in page            # as_of 2015-10, from CLDR
    french = load(repo_root, language="fr")
    page = {p.path: p.markdown for p in generated_pages(french, "fr")}["countries/civ.md"]
    assert "# Côte d’Ivoire" in page and "octobre 2015" in page and "## Faits" in page


def test_vocabularies_fall_back_to_english_visibly_and_validate_lists_them(
        hub_copy: Path) -> None:
    sectors = hub_copy / "data/sectors.yml"
    text = sectors.read_text(encoding="utf-8")
    sectors.write_text(text.replace("      title: Salud\n", "", 1), encoding="utf-8")
    model = load(hub_copy, language="es")
    assert model.sectors["health"].title == "Health"
    assert model.sectors["health"].untranslated == ("title",)
    page = {p.path: p.markdown for p in generated_pages(model, "es")}["sectors/health.md"]
    assert "Todavía sin traducir" in page and 'lang="en"' in page
    result = run_odhub("--root", str(hub_copy), "validate", cwd=hub_copy)
    assert result.returncode == 0, result.stderr
    assert "data/sectors.yml:" in result.stdout and "health: no es translation of title" \
        in result.stdout


def test_placeholders_survive_translation() -> None:
    assert Translator("en").ngettext("{count} country", "{count} countries", 3) == \
        "3 countries"
    assert Translator("es").gettext("Joined in {year}.", year=2011) == "Ingresó en 2011."


@pytest.mark.parametrize("language", ["es", "fr"])
def test_a_page_shown_in_english_says_so_to_the_editions_search(repo_root: Path,
                                                                language: str) -> None:
    model = load(repo_root, language)
    translated = {src for src, by in model.page_translations.items() if language in by}
    untranslated = sorted(set(model.hand_written) - translated)
    assert translated and untranslated  # the bundled hub has both kinds in each edition
    for src in (untranslated[0], sorted(translated)[0]):
        text = (repo_root / "docs" / src).read_text(encoding="utf-8")
        meta = page_markdown(model, text, src, language=language).meta
        assert meta.get("shown_in") == ("en" if src in untranslated else None), src
