"""Images without alt text in hand-written pages: a Problem each, with path and line.

A screen reader says nothing useful about an image without a text alternative (WCAG
1.1.1), so validation refuses `![](chart.png)` and `<img src="chart.png">`. An `<img>`
with an explicit `alt=""` is a deliberate choice (a decorative image) and is allowed.
Code blocks, inline code and HTML comments are examples, not images, and are skipped.
"""

from __future__ import annotations

import re

from odhub.data.errors import Problem
from odhub.data.markdown_code import blank, blank_code, line_at

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# ![alt](target) and ![alt][reference]; alt may not contain a closing bracket.
_MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\s*[(\[]")
_IMG_START = re.compile(r"<img", re.IGNORECASE)
_IMG_TAG = re.compile(r"<img\b(?P<attributes>[^>]*)>", re.IGNORECASE)
_ALT_ATTRIBUTE = re.compile(r"\salt(?:\s*=|[\s/]|$)", re.IGNORECASE)

MARKDOWN_MESSAGE = ("image without alt text: describe what it shows between the brackets, "
                    "for example ![Map of the Africa hub's countries](map.png)")
HTML_MESSAGE = ("<img> without an alt attribute: add alt=\"what it shows\" "
                "(or alt=\"\" if the image is only decoration)")


def missing_alt_text(text: str, path: str) -> list[Problem]:
    """Every image in the Markdown text that lacks alt text, with its line number."""
    if "![" not in text and not _IMG_START.search(text):
        return []  # no image at all: most pages, and the blanking below costs a full pass
    visible = _COMMENT.sub(lambda m: blank(m[0]), blank_code(text))
    problems = []
    for match in _MARKDOWN_IMAGE.finditer(visible):
        if not match.group("alt").strip():
            problems.append(Problem(path, line_at(visible, match.start()), "", MARKDOWN_MESSAGE))
    for match in _IMG_TAG.finditer(visible):
        if not _ALT_ATTRIBUTE.search(match.group("attributes")):
            problems.append(Problem(path, line_at(visible, match.start()), "", HTML_MESSAGE))
    return problems
