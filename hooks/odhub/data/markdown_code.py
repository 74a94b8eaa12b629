"""Where a Markdown page holds code: fenced blocks and code spans, whose text is shown as is.

The one code scanner of the library. Shortcodes, raw HTML tags and images are looked for
outside code, so documentation can show `<!-- hub:peers -->` or `![](map.png)` as an
example. The patterns follow Python-Markdown with pymdownx.superfences: a fence closes
with the same run of backticks or tildes (an unclosed fence is not code), and a code span
closes with the same number of backticks within one paragraph.
"""

from __future__ import annotations

import re

# Named groups, so other scanners can put these first in their own alternation: code is
# then matched before anything that looks like markup inside it.
FENCE = r"(?P<fence>^[ \t]*(?P<mark>`{3,}|~{3,})[^\n]*\n(?:.*?\n)??[ \t]*(?P=mark)[ \t]*$)"
SPAN = r"(?P<code>(?P<ticks>`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)(?P=ticks)(?!`))"
CODE = f"{FENCE}|{SPAN}"
FLAGS = re.MULTILINE | re.DOTALL

_CODE = re.compile(CODE, FLAGS)
_NOT_NEWLINE = re.compile(r"[^\n]")


def blank(text: str) -> str:
    """The text with every character but newlines turned into a space."""
    return _NOT_NEWLINE.sub(" ", text)


def blank_code(text: str) -> str:
    """The text with every fence and code span blanked; offsets and lines stay put."""
    if "`" not in text and "~~~" not in text:
        return text
    return _CODE.sub(lambda match: blank(match[0]), text)


def line_at(text: str, offset: int) -> int:
    """The 1-based line of the character at offset."""
    return text.count("\n", 0, offset) + 1
