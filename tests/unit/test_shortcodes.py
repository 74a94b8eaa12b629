"""Shortcodes: expansion from the model, code left alone, and every mistake as path:line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import odhub
from conftest import mkdocs_build
from odhub.derive import peers
from odhub.render.shortcodes import expand_shortcodes

LINK = re.compile(r"\]\(([^)]+)\)")


@pytest.fixture(scope="module")
def model(repo_root: Path) -> odhub.Model:
    return odhub.load(repo_root)


def links(markdown: str) -> set[str]:
    return set(LINK.findall(markdown))


def problems_of(markdown: str, model: odhub.Model, source_text: str | None = None,
                source: str = "notes/page.md") -> list[str]:
    with pytest.raises(odhub.InvalidData) as caught:
        expand_shortcodes(markdown, model, source, source_text=source_text)
    return [str(p) for p in caught.value.problems]


def test_case_studies_by_principle_lists_exactly_those(model: odhub.Model) -> None:
    principle = "open-by-default"
    out = expand_shortcodes(f"Intro\n\n<!-- hub:case-studies principle={principle} -->\n",
                            model, "index.md")
    expected = {c.src_uri for c in model.case_studies.values() if principle in c.principles}
    assert expected and len(expected) < len(model.case_studies)
    assert links(out) == expected
    assert "<!--" not in out and out.startswith("Intro\n\n")


def test_filters_narrow_together(model: odhub.Model) -> None:
    out = expand_shortcodes("<!-- hub:case-studies hub=latin-america year=2015 -->",
                            model, "index.md")
    expected = {
        c.src_uri for c in model.case_studies.values()
        if c.year == 2015 and any(model.countries[i].hub == "latin-america" for i in c.countries)
    }
    assert expected
    assert links(out) == expected


def test_countries_of_a_hub_link_relative_to_the_page(model: odhub.Model) -> None:
    out = expand_shortcodes("<!-- hub:countries hub=latin-america -->", model,
                            "guides/deep/page.md")
    expected = {f"../../countries/{c.slug}.md" for c in model.countries.values()
                if c.hub == "latin-america"}
    assert expected and links(out) == expected


def test_guidance_and_peers(model: odhub.Model) -> None:
    out = expand_shortcodes("<!-- hub:guidance objective=catalyze-action -->\n\n"
                            "<!-- hub:peers country=ken -->", model, "index.md")
    guides = {g.src_uri for g in model.guidance.values() if "catalyze-action" in g.objectives}
    neighbours = {f"countries/{p.iso3.lower()}.md" for p in peers.of(model)["KEN"]}
    assert guides and neighbours
    assert guides | neighbours <= links(out)
    assert "countries/ken.md" not in links(out)  # a country is never its own peer


def test_code_is_left_alone_and_text_around_is_kept(model: odhub.Model) -> None:
    page = ("Use `<!-- hub:nonsense -->` like this:\n\n"
            "```markdown\n<!-- hub:countries hub=nowhere -->\n```\n\n"
            "~~~\n<!-- hub:peers -->\n~~~\n")
    assert expand_shortcodes(page, model, "index.md") == page


def test_expansion_inside_an_admonition_keeps_its_indent(model: odhub.Model) -> None:
    out = expand_shortcodes("!!! note\n    <!-- hub:case-studies country=MEX -->\n",
                            model, "index.md")
    items = [line for line in out.splitlines()[1:] if line.strip()]
    assert len(items) == len(model.case_studies_by_country["MEX"]) >= 2
    assert all(line.startswith("    - [") for line in items)


def test_unknown_shortcode_names_the_file_and_line_counting_front_matter(
        model: odhub.Model) -> None:
    front = "---\ntitle: A page\n---\n\n"
    body = "Intro\n\nMore\n\n<!-- hub:case-study principle=open-by-default -->\n"
    found = problems_of(body, model, source_text=front + body)
    # Line 9 of the file: 4 lines of front matter and blank, then the 5th body line.
    assert len(found) == 1
    assert found[0].startswith("docs/notes/page.md:9: ")
    assert "unknown shortcode 'hub:case-study'" in found[0]
    assert "did you mean 'hub:case-studies'" in found[0]


def test_unknown_argument_and_unknown_id_list_the_choices(model: odhub.Model) -> None:
    body = ("<!-- hub:countries region=latin-america -->\n"
            "<!-- hub:countries hub=latin-americ -->\n"
            "<!-- hub:peers country=ZZZ -->\n"
            "<!-- hub:peers -->\n"
            "<!-- hub:guidance level -->\n")
    found = problems_of(body, model)
    by_line = {int(p.split(":")[1]): p for p in found}
    assert sorted(by_line) == [1, 2, 3, 4, 5]
    assert "unknown argument 'region'" in by_line[1] and "takes: hub" in by_line[1]
    assert "'latin-americ' is not a known hub" in by_line[2]
    assert "did you mean 'latin-america'" in by_line[2]
    assert all(hub in by_line[2] for hub in model.hubs)  # the valid ids are listed
    assert "'ZZZ' is not a known country" in by_line[3]
    assert "'country' is required" in by_line[4]
    assert "'level' is not a key=value argument" in by_line[5]


def test_contributor_html_becomes_text_but_autolinks_stay(model: odhub.Model) -> None:
    page = ("<script>alert(1)</script> and <b onclick=x>bold</b>, "
            "see <https://example.org> or `<kbd>` or a < b\n")
    out = expand_shortcodes(page, model, "case-studies/x.md", escape_html=True)
    assert "<script" not in out and "<b " not in out and "</b>" not in out
    assert "&lt;script>alert(1)&lt;/script>" in out
    assert "<https://example.org>" in out and "`<kbd>`" in out and "a < b" in out
    # Hand-written pages by maintainers keep their HTML (e.g. Material grids).
    assert expand_shortcodes(page, model, "index.md") == page


@pytest.mark.build
def test_a_bad_shortcode_stops_the_build_with_path_and_line(hub_copy: Path,
                                                            tmp_path: Path) -> None:
    page = hub_copy / "docs" / "peer-learning.md"
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    target = next(i for i, line in enumerate(lines) if "hub:countries hub=" in line)
    lines[target] = "<!-- hub:countries hub=atlantis -->\n"
    page.write_text("".join(lines), encoding="utf-8")
    result = mkdocs_build(hub_copy, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/peer-learning.md:{target + 1}: hub:countries: hub: 'atlantis'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "peer-learning").exists()
