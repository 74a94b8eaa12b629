"""Every built page of every edition is valid HTML according to the Nu HTML Checker
(vnu.jar from npm)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

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
            '<pre><code>&lt;a tabindex=""&gt; autocomplete="off" tabindex=""</code></pre>\n</body>')
    expected = (page.replace(' autocomplete="off">', ">", 1)
                .replace("<input autocomplete='off' TYPE", "<input TYPE", 1)
                .replace(' tabindex="">Monitor', ">Monitor", 1))
    assert fix_theme_markup(page) == expected
