"""Every section of every built page says something (scripts/page_audit.py), and the
audit itself notices an empty section."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import page_audit  # a script, not a package


def test_the_audit_finds_an_empty_section(tmp_path: Path) -> None:
    page = tmp_path / "countries" / "xyz" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        "<html><body><article><h1>X</h1><h2 id='a'>Full<a class='headerlink'>¶</a></h2>"
        "<p>Some text.</p><h2 id='b'>Empty<a class='headerlink'>¶</a></h2>"
        "<h2 id='c'>Parent</h2><h3>Child</h3><ul><li>item</li></ul>"
        "<h2 id='d'>Chart only</h2><figure><svg><title>t</title></svg></figure>"
        "</article></body></html>", encoding="utf-8")
    found = page_audit.audit(tmp_path)
    assert found.empty["countries"] == 1
    assert found.examples["countries"] == ["countries/xyz/index.html: Empty"]


@pytest.mark.build
def test_no_section_of_the_built_site_is_empty(built_site: Path) -> None:
    found = page_audit.audit(built_site)
    assert sum(found.empty.values()) == 0, "\n".join(page_audit.report(found))
    assert found.with_commitments == 74  # the countries of ogp_commitments.csv
    assert found.peers_with_commitments > found.with_commitments / 2
