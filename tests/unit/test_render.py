"""Rendering: contributor text is shown as text, URLs are checked, pages link their sources."""

from __future__ import annotations

import re
from html import unescape

import markdown
import pytest

from odhub import load
from odhub.render import generated_pages
from odhub.render.markdown import UnsafeURL, escape_text, markdown_link, safe_url


def to_html(text: str) -> str:
    return markdown.markdown(str(text), extensions=["tables", "attr_list", "md_in_html"])


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "**bold** _it_ `code`",
    "{: onclick=alert(1) }",
    "a | b",
])
def test_escaped_text_renders_literally(hostile: str) -> None:
    html = to_html(escape_text(hostile))
    assert "<script" not in html and "<a " not in html and "<strong>" not in html
    assert "<p onclick" not in html
    # What the reader sees is exactly what the contributor typed.
    assert unescape(re.sub(r"<[^>]+>", "", html)).strip() == hostile


def test_safe_url_refuses_other_schemes() -> None:
    assert str(safe_url("https://data.gov.uk")) == "https://data.gov.uk"
    assert str(safe_url("mailto:hub@example.org")) == "mailto:hub@example.org"
    for bad in ("javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "ftp://x"):
        with pytest.raises(UnsafeURL):
            safe_url(bad)


def test_link_target_cannot_break_out_of_markdown() -> None:
    html = to_html(markdown_link("x", "https://e.org/a)(b<c>"))
    assert 'href="https://e.org/a%29%28b%3Cc%3E"' in html


@pytest.fixture(scope="module")
def pages(repo_root):
    model = load(repo_root)
    return model, {page.path: page.markdown for page in generated_pages(model)}


def test_one_page_per_country_hub_principle_and_objective(pages) -> None:
    model, by_path = pages
    for country in model.countries.values():
        assert f"countries/{country.iso3.lower()}.md" in by_path
    for hub in model.hubs:
        assert f"hubs/{hub}.md" in by_path
    for principle in model.principles:
        assert f"principles/{principle}.md" in by_path
    for objective in model.objectives:
        assert f"objectives/{objective}.md" in by_path
    assert {"countries/index.md", "hubs/index.md"} <= set(by_path)


def test_country_page_links_each_fact_source(pages) -> None:
    model, by_path = pages
    html = to_html(by_path["countries/fra.md"].split("---", 2)[2])
    france = model.countries["FRA"]
    for url in (*france.ogp.sources, *france.charter.sources, *france.portal.sources):
        assert f'href="{url}"' in html
    assert "Participating since 2014." in html
    assert "Adopted by the national government in 2015." in html
    assert 'href="https://www.data.gouv.fr"' in html


def test_country_without_facts_reads_well(pages) -> None:
    _, by_path = pages
    text = to_html(by_path["countries/ecu.md"].split("---", 2)[2])
    assert "No adoption recorded in our sources." in text
    assert "No open data commitments are recorded for Ecuador yet" in text


def test_hostile_summary_is_escaped_on_the_page(repo_root, tmp_path) -> None:
    from conftest import copy_hub
    hub = copy_hub(tmp_path / "hub")
    file = hub / "data/countries/ken.yml"
    file.write_text(file.read_text(encoding="utf-8") +
                    "summary: '<img src=x onerror=alert(1)> [x](javascript:alert(1))'\n",
                    encoding="utf-8")
    page = {p.path: p.markdown for p in generated_pages(load(hub))}["countries/ken.md"]
    html = to_html(page.split("---", 2)[2])
    assert not re.search(r"<img[^>]*onerror", html) and 'href="javascript' not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_apostrophes_survive_headings_and_the_toc() -> None:
    md = markdown.Markdown(extensions=["toc"])
    heading = escape_text("Côte d’Ivoire and l'Afrique")
    html = md.convert(f"## {heading}\n")
    assert "l'Afrique" in unescape(html) and "&amp;" not in html
    assert "&amp;" not in md.toc and "l'Afrique" in unescape(md.toc)
