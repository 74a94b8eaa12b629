"""Case study and guidance pages: facts on top, related links below, tags from the model."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

import odhub
import odhub.render
from odhub.derive import related

# The facts and related blocks are HTML (their links checked by odhub, not by MkDocs).
LINK = re.compile(r'href="([^"]+)"')


@pytest.fixture(scope="module")
def model(repo_root: Path) -> odhub.Model:
    return odhub.load(repo_root)


def body_of(repo_root: Path, src_uri: str) -> str:
    text = (repo_root / "docs" / src_uri).read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1]


def test_case_study_facts_related_and_tags(model: odhub.Model, repo_root: Path) -> None:
    case = max(model.case_studies.values(), key=lambda c: (len(c.countries), c.src_uri))
    body = body_of(repo_root, case.src_uri)
    result = odhub.render.page_markdown(model, body, case.src_uri)
    out = result.markdown
    facts, rest = out.split(body.strip()[:80], 1)
    targets = set(LINK.findall(facts))
    # Directory URLs, relative to the page's own folder (case-studies/<slug>/).
    assert {f"../../countries/{iso3.lower()}/" for iso3 in case.countries} <= targets
    assert {f"../../principles/{p}/" for p in case.principles} <= targets
    assert {f"../../sectors/{s}/" for s in case.sectors} <= targets
    assert {html.escape(url) for url in case.sources} <= targets and str(case.year) in facts
    below = set(LINK.findall(rest))
    assert f"../{case.slug}/" not in below  # never itself
    similar = related.similar_case_studies(model, case)
    assert similar and {f"../{c.slug}/" for c in similar} <= below
    for other in similar:
        assert set(other.principles) & set(case.principles) or \
            set(other.sectors) & set(case.sectors)
    for guide in related.guidance_for_principles(model, case.principles):
        assert set(guide.principles) & set(case.principles)
        assert f"../../{guide.src_uri.removesuffix('.md')}/" in below
    titles = {model.principles[p].title for p in case.principles}
    titles |= {model.sectors[s].title for s in case.sectors}
    assert set(result.meta["tags"]) == titles


def test_guidance_page_links_case_studies_sharing_its_principles(model: odhub.Model,
                                                                  repo_root: Path) -> None:
    guide = sorted(model.guidance.values(), key=lambda g: g.src_uri)[0]
    out = odhub.render.page_markdown(model, body_of(repo_root, guide.src_uri), guide.src_uri)
    assert {f"../../objectives/{o}/" for o in guide.objectives} <= set(LINK.findall(out.markdown))
    cases = related.case_studies_for_guidance(model, guide)
    assert cases
    for case in cases:
        assert f'href="../../{case.src_uri.removesuffix(".md")}/"' in out.markdown
        assert set(case.principles) & set(guide.principles) or \
            set(case.objectives) & set(guide.objectives)
    assert set(out.meta["tags"]) == {model.principles[p].title for p in guide.principles}


def test_facts_go_below_an_authors_own_title(model: odhub.Model) -> None:
    case = next(iter(model.case_studies.values()))
    out = odhub.render.page_markdown(model, "# My title\n\nText.\n", case.src_uri).markdown
    assert out.startswith("# My title\n")
    assert out.index(case.summary[:20]) < out.index("Text.")


def test_other_pages_get_no_facts_and_no_tags(model: odhub.Model) -> None:
    result = odhub.render.page_markdown(model, "# About\n\n<b>Hi</b>\n", "about.md")
    assert result.markdown == "# About\n\n<b>Hi</b>\n" and result.meta == {}


def test_blocks_link_files_in_the_offline_edition(model: odhub.Model) -> None:
    case = next(iter(model.case_studies.values()))
    links = odhub.render.PageLinks(None, directory_urls=False)  # what the offline plugin sets
    out = odhub.render.page_markdown(model, "Text.\n", case.src_uri, links=links).markdown
    iso3 = case.countries[0].lower()
    assert f'href="../countries/{iso3}.html"' in out
    assert 'href="../guidance/index.html"' not in out  # case studies do not link it
    guide = next(iter(model.guidance.values()))
    out = odhub.render.page_markdown(model, "Text.\n", guide.src_uri, links=links).markdown
    assert 'href="index.html"' in out  # guidance/index.md, from guidance/<slug>.html


def test_a_block_linking_to_a_missing_page_fails_the_build_clearly(model: odhub.Model) -> None:
    case = next(iter(model.case_studies.values()))
    missing = model.countries[case.countries[0]].page
    pages = {c.page for c in model.countries.values()} | {
        f"principles/{p}.md" for p in model.principles} | {
        f"sectors/{s}.md" for s in model.sectors} | set(model.case_studies) | set(model.guidance)
    links = odhub.render.PageLinks(frozenset(pages - {missing}))
    with pytest.raises(odhub.InvalidData) as raised:
        odhub.render.page_markdown(model, "Text.\n", case.src_uri, links=links)
    assert str(raised.value).startswith(
        f"docs/{case.src_uri}: the block 'case_study_facts' links to '{missing}', which is "
        "not a page of this build")
    # With every page known, the same page renders.
    odhub.render.page_markdown(model, "Text.\n", case.src_uri,
                               links=odhub.render.PageLinks(frozenset(pages)))
