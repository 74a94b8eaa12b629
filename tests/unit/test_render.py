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
    portal_sources = [u for p in france.portals for u in p.sources]
    for url in (*france.ogp.sources, *france.ogp.status_sources, *france.charter.sources,
                *portal_sources):
        assert f'href="{url}"' in html
    assert "France takes part in the Open Government Partnership (OGP); it joined in 2014." \
        in html
    assert "Adopted by the national government in 2015." in html
    assert 'href="https://data.gouv.fr"' in html


def test_country_without_facts_reads_well(pages) -> None:
    _, by_path = pages
    text = to_html(by_path["countries/mlt.md"].split("---", 2)[2])
    assert "No adoption recorded in our sources." in text
    assert "No open data commitment of Malta is recorded." in text
    assert "No OGP commitment" not in text  # Malta has a portal and an OGP status
    timor = to_html(by_path["countries/tls.md"].split("---", 2)[2])
    assert "No national open data portal is recorded for Timor-Leste" in timor


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


def test_former_members_say_they_left_and_when(pages) -> None:
    model, by_path = pages
    former = [c for c in model.countries.values() if c.standing == "former"]
    assert len(former) == 9
    for country in former:
        text = to_html(by_path[country.page].split("---", 2)[2])
        first = text[text.index("</h1>"):][:600]
        assert "Former OGP member" in first, country.iso3
        assert ("until it withdrew in" in first or "removed or suspended its membership in"
                in first or f"removed or suspended the membership of {country.name} in"
                in first), country.iso3
    tanzania = to_html(by_path["countries/tza.md"].split("---", 2)[2])
    assert "Tanzania took part in OGP from 2011 until it withdrew in July 2017." in tanzania


def test_commitments_link_their_ogp_pages(pages) -> None:
    model, by_path = pages
    kenya = to_html(by_path["countries/ken.md"].split("---", 2)[2])
    assert ('<a href="https://www.opengovpartnership.org/members/kenya/commitments/KE0026/">'
            'commitment KE0026</a>') in kenya
    assert 'id="ke0026">KE0026: Publish open data to spur innovation' in kenya
    ivory = to_html(by_path["countries/civ.md"].split("---", 2)[2])
    for cid in ("CI0009", "CI0024"):
        url = model.commitments[cid].url
        assert f'<a href="{url}">commitment {cid}</a>' in ivory
    # The commitment names the case study about it, which links back (see test_build).
    start = ivory.index('id="ci0009"')
    item = ivory[start:ivory.find("<h", start + 4)]
    assert "cote-divoire-data-gouv-ci.md" in item


def test_a_year_already_in_a_title_is_not_repeated(pages) -> None:
    _, by_path = pages
    canada = by_path["countries/can.md"]
    assert "Leaders Edition \\(2018\\)](" in canada
    assert "\\(2018\\)]" in canada and "\\(2018\\)](../case-studies/" \
        "open-data-barometer-leaders-edition-2018.md) (2018)" not in canada
    kenya = by_path["countries/ken.md"]
    assert "hosted by LDRI in Nairobi](../case-studies/africa-open-data-network-ldri.md) " \
        "(2017)" in kenya


def test_lists_of_case_studies_give_each_its_own_item(pages) -> None:
    # Each page that lists case studies under "## Case studies" links every one of them
    # at the start of its own list item, however the line before it ended (a year added
    # after a title once ran the whole list into one item).
    model, by_path = pages
    listings = {
        **{f"principles/{p}.md": cases for p, cases in model.case_studies_by_principle.items()},
        **{model.hubs[h].page: cases for h, cases in model.case_studies_by_hub.items()},
        **{model.countries[c].page: cases
           for c, cases in model.case_studies_by_country.items()},
    }
    checked = 0
    for path, cases in listings.items():
        if len(cases) < 2:
            continue
        section = by_path[path].split("\n## Case studies", 1)[1].split("\n## ", 1)[0]
        items = [line for line in section.splitlines() if line.startswith("- [")]
        assert len(items) == len(cases), (path, section)
        linked = {re.match(r"- \[.*?\]\((?:\.\./)*([^)]+)\)", item)[1] for item in items}
        assert linked == {case.src_uri for case in cases}, path
        checked += 1
    assert checked > 3, "too few pages list two case studies or more"


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_no_list_item_runs_into_the_next(repo_root, language: str) -> None:
    # A template line that ends in a block tag loses its newline (trim_blocks), and the
    # next item of its list lands on the same line: "... starred- [AF0012](...)".
    model = load(repo_root)
    run_on = re.compile(r"\S- \[")
    found = [(page.path, line.strip()[:120])
             for page in generated_pages(model, language)
             for line in page.markdown.splitlines()
             if re.match(r"\s*(?:- |\d+\. )", line) and run_on.search(line.strip()[2:])]
    assert found == []
