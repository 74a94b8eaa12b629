"""Validation refuses images without alt text in any hand-written page, naming path:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_odhub
from odhub import InvalidData, load
from odhub.data.images import missing_alt_text


def lines_flagged(text: str) -> list[int]:
    return [p.line for p in missing_alt_text(text, "docs/x.md")]


def test_markdown_image_with_empty_alt_is_flagged_on_its_line() -> None:
    text = "# Title\n\nSome text.\n\n![](map.png)\n\n![  ](chart.svg \"A chart\")\n"
    assert lines_flagged(text) == [5, 7]


def test_reference_style_image_with_empty_alt_is_flagged() -> None:
    assert lines_flagged("intro\n![][logo]\n\n[logo]: logo.png\n") == [2]


def test_images_with_alt_text_pass() -> None:
    text = ("![Map of the hub](map.png)\n"
            '<img src="a.png" alt="Portal home page">\n'
            "<IMG SRC='b.png' ALT='Logo'>\n"
            '<img src="rule.png" alt="">\n')  # explicit alt="": decorative, allowed
    assert lines_flagged(text) == []


def test_img_tag_without_alt_is_flagged_even_across_lines() -> None:
    text = 'one\n<p>\n<img\n  src="a.png"\n  width="10">\n</p>\n<img data-alt="x" src="b.png">\n'
    problems = missing_alt_text(text, "docs/x.md")
    assert [p.line for p in problems] == [3, 7]
    assert all("alt" in p.message for p in problems)


def test_code_and_comments_are_not_images() -> None:
    text = ("```markdown\n![](inside-fence.png)\n```\n"
            "~~~~\n<img src=x>\n```\nstill code\n~~~~\n"
            "Write `![](example.png)` to add an image.\n"
            "<!-- ![](commented-out.png) -->\n"
            "![](real.png)\n")
    assert lines_flagged(text) == [11]


def test_load_reports_every_page_with_path_and_line(hub_copy: Path) -> None:
    guidance = sorted((hub_copy / "docs/guidance").glob("[!i]*.md"))[0]
    about = hub_copy / "docs/about.md"
    guidance.write_text(guidance.read_text(encoding="utf-8") + "\n![](figure.png)\n",
                        encoding="utf-8")
    about_lines = about.read_text(encoding="utf-8").count("\n")
    with about.open("a", encoding="utf-8") as handle:
        handle.write('\n<img src="team.jpg">\n')

    with pytest.raises(InvalidData) as caught:
        load(hub_copy)
    found = {(p.path, p.line) for p in caught.value.problems}
    guidance_line = guidance.read_text(encoding="utf-8").splitlines().index("![](figure.png)")
    assert found == {
        (f"docs/guidance/{guidance.name}", guidance_line + 1),
        ("docs/about.md", about_lines + 2),
    }

    result = run_odhub("validate", cwd=hub_copy)
    assert result.returncode != 0
    assert f"docs/about.md:{about_lines + 2}: <img> without an alt attribute" in (
        result.stdout + result.stderr)
