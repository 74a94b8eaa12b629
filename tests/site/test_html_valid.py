"""Every built page of every edition is valid HTML according to the Nu HTML Checker
(vnu.jar from npm)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import run_odhub
from node_tools import VNU, require_file, require_java
from odhub.render import fix_theme_markup

pytestmark = pytest.mark.build


def test_every_page_passes_the_nu_html_checker(built_site: Path,
                                               built_editions: dict[str, Path]) -> None:
    java = require_java()
    vnu = require_file(VNU)
    pages = sorted(built_site.rglob("*.html"))  # every edition: /es/ and /fr/ are below
    for language, edition in built_editions.items():
        in_edition = [p for p in pages if p.is_relative_to(edition)]
        assert len(in_edition) > 50, f"the {language} build should hold the whole hub"
    # The checker sees the hreflang alternates as written, rel="alternate " (see main.html).
    assert 'rel="alternate " hreflang="fr"' in (
        built_editions["es"] / "countries/civ/index.html").read_text(encoding="utf-8")

    # One JVM for all pages: starting Java per page would take minutes.
    result = subprocess.run(
        [java, "-jar", str(vnu), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True, text=True,
    )
    report = json.loads(result.stderr or result.stdout)  # vnu writes its report to stderr
    errors = [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]

    def describe(message: dict) -> str:
        page = message.get("url", "?").removeprefix("file:").removeprefix(str(built_site))
        return f"{page}:{message.get('lastLine', '?')}: {message['message']}"

    assert errors == [], f"{len(errors)} HTML errors:\n" + "\n".join(map(describe, errors))
    assert result.returncode == 0, result.stderr[-2000:]


def test_theme_markup_repairs_touch_only_the_invalid_attributes() -> None:
    page = ('<body>\n<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">\n'
            "<input autocomplete='off' TYPE=checkbox id=\"x\">\n"
            '<input type="text" name="q" autocomplete="off">\n'
            '<label class="md-nav__link" for="__nav_2" tabindex="">Monitor</label>\n'
            '<label for="__nav_3" tabindex="0">About</label>\n'
            '<label class="md-overlay" for="__drawer" aria-hidden="true"></label>\n'
            '<label class="md-nav__title"><span aria-hidden="true">x</span></label>\n'
            '<pre><code>&lt;a tabindex=""&gt; autocomplete="off" tabindex=""</code></pre>\n</body>')
    expected = (page.replace(' autocomplete="off">', ">", 1)
                .replace("<input autocomplete='off' TYPE", "<input TYPE", 1)
                .replace(' tabindex="">Monitor', ">Monitor", 1)
                .replace('for="__drawer" aria-hidden="true">', 'for="__drawer">', 1))
    assert fix_theme_markup(page) == expected


def test_fix_markup_repairs_a_built_site_once(tmp_path: Path) -> None:
    """`odhub fix-markup SITE`: what the hooks do to each page, for engines without hooks."""
    (tmp_path / "a").mkdir()
    broken = '<input type="checkbox" id="__search" autocomplete="off">'
    (tmp_path / "a/index.html").write_text(broken, encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>fine</p>", encoding="utf-8")
    first = run_odhub("fix-markup", str(tmp_path), cwd=tmp_path)
    assert first.returncode == 0 and "fixed 1 pages" in first.stdout, first.stderr
    assert (tmp_path / "a/index.html").read_text(encoding="utf-8") == \
        '<input type="checkbox" id="__search">'
    again = run_odhub("fix-markup", str(tmp_path), cwd=tmp_path)
    assert "fixed 0 pages" in again.stdout
    missing = run_odhub("fix-markup", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert missing.returncode == 1 and "is not a folder" in missing.stderr


def test_fix_markup_gives_the_content_its_table_regions_once() -> None:
    """What on_page_content does after Markdown, done to a page an engine built: only in
    the content column, and not again on a second run."""
    from odhub.site.built import fix_built_page

    page = ('<nav><table><tr><td>menu</td></tr></table></nav>'
            '<article class="md-content__inner md-typeset"><h2>Portals</h2>'
            '<table><tr><th>Year</th></tr><tr><td>2011</td></tr></table>'
            '<p><a href="https://data.gov.uk/">https://data.gov.uk/</a></p></article>')
    fixed = fix_built_page(page)
    assert fixed.startswith('<nav><table><tr><td>menu</td></tr></table></nav>')
    assert fixed.count('role="region"') == 1
    assert '<div class="odhub-table" role="region" aria-label="Portals" tabindex="0"><table>' \
        in fixed
    assert '<a href="https://data.gov.uk/" data-search-exclude>' in fixed
    assert fix_built_page(fixed) == fixed
