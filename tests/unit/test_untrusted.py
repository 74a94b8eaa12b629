"""Contributor text is data: a template expression or a <script> in a case study never runs.

No template language is evaluated over contributor Markdown (shortcodes are HTML comments
parsed by a regex), front matter values are escaped by the page templates, and raw HTML in
case study bodies is turned into visible text.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import mkdocs_build

JINJA = "{{ cycler.__init__.__globals__.os.getcwd() }}"
SCRIPT = "<script>alert(1)</script>"


class _Page(HTMLParser):
    """Collects the text of <script> elements and the page's visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def parse(file: Path) -> _Page:
    page = _Page()
    page.feed(file.read_text(encoding="utf-8"))
    return page


def poison(file: Path) -> None:
    text = file.read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    hostile = f"{JINJA} {SCRIPT}"
    front = "\n".join(
        f"summary: {hostile!r}" if line.startswith("summary:") else
        f"outcomes: {hostile!r}" if line.startswith("outcomes:") else line
        for line in front.splitlines()
    )
    body = (f"Before the attack {JINJA} after it.\n\n{SCRIPT}\n\n"
            f"Inline <script>alert(1)</script> too.\n\n{body}")
    file.write_text(f"{front}\n---\n{body}", encoding="utf-8")


@pytest.mark.build
def test_template_expressions_and_scripts_in_a_case_study_do_not_run(
        hub_copy: Path, tmp_path: Path) -> None:
    case = hub_copy / "docs" / "case-studies" / "mexico-datos-gob-mx.md"
    poison(case)
    site = tmp_path / "site"
    result = mkdocs_build(hub_copy, site)
    assert result.returncode == 0, result.stderr
    assert "WARNING -" not in result.stderr, result.stderr  # MkDocs' own warnings

    page = parse(site / "case-studies" / "mexico-datos-gob-mx" / "index.html")
    visible = " ".join(" ".join(page.text).split())
    # The summary and outcomes show the attacker's text literally, as text.
    assert visible.count(JINJA) >= 2
    assert visible.count(SCRIPT) >= 3  # summary, outcomes, body block and inline
    assert "Before the attack {{ cycler." in visible and "getcwd() }} after it" in visible
    assert not any("alert(1)" in script for script in page.scripts)

    # Nothing anywhere in the site ran the expression or carries a live script.
    cwd = str(hub_copy.resolve())
    for file in site.rglob("*.html"):
        text = file.read_text(encoding="utf-8")
        assert cwd not in text, file
        assert not any("alert(1)" in s for s in parse(file).scripts), file
    explorer = parse(site / "case-studies" / "index.html")
    assert JINJA in " ".join(" ".join(explorer.text).split())
    assert html.escape(SCRIPT, quote=False) in (site / "case-studies" / "index.html").read_text(
        encoding="utf-8")
