"""Safe YAML loading that remembers the line of every value, and refuses hostile input.

Validation errors must name a line, so the document is built straight from the parser's
events (libyaml's C parser when available), remembering each value's line by its path.
Timestamps stay strings: the schemas check their format, and JSON has no date type.

Hub data is small, hand-written text, so what it never needs is refused at once, with
the line, instead of being expanded: aliases and anchors (a "billion laughs" document
grows exponentially), tags (`!!python/object`, `!!binary`), merge keys and non-text keys,
files over MAX_FILE_BYTES and nesting deeper than MAX_DEPTH. Building from events, with
a stack instead of recursion, keeps every refusal as quick as reading the file.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

try:  # the libyaml binding is several times faster; fall back when it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from odhub.data.errors import Problem

FieldPath = tuple[str | int, ...]

# The largest file in the bundled hub is 12 KB (a page) and the largest data file 6 KB; a
# country with a few hundred imported commitments stays well under 1 MiB, and a file of
# 1 MiB still reads in a fraction of a second. So 1 MiB is far above any real file and
# far below what could slow a build (a 30 MB string took 27 s).
MAX_FILE_BYTES = 1 << 20
# The schemas nest at most 4 levels (country > ogp > action_plans > [i]); 16 leaves room
# for new fields and stops a 10,000-deep document long before any recursion limit.
MAX_DEPTH = 16
# Values (texts, numbers, lists, mappings) in one file. The largest bundled file holds
# about 400; a country with 300 imported commitments of ~20 values each would hold 6,000.
# Without this bound a file of 1 MiB could hold 500,000 one-digit numbers, and a wrong
# value costs ~50 microseconds to explain: 10,000 keeps even that refusal well under 1 s.
MAX_VALUES = 10_000

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_MERGE = "tag:yaml.org,2002:merge"
# Scalar tags hub data may carry (written or, mostly, implied): text, numbers, true/false,
# null and dates (kept as text).
_SCALAR_TAGS = {f"tag:yaml.org,2002:{name}"
                for name in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_NO_KEY = object()  # a mapping frame waiting for its next key
_RESOLVER = yaml.resolver.Resolver()


@lru_cache(maxsize=1 << 12)  # keys and short values repeat across files
def _plain_tag(value: str) -> str:
    """The tag YAML implies for an unquoted scalar: int for 2011, bool for true, ..."""
    return _RESOLVER.resolve(ScalarNode, value, (True, False))


def _tag(event: ScalarEvent) -> str:
    if event.tag is not None and event.tag != "!":
        return event.tag
    return _plain_tag(event.value) if event.implicit[0] else _STR  # quoted: always text


class _PlainConstructor(yaml.constructor.SafeConstructor):
    """SafeConstructor that keeps dates as the strings the contributor wrote."""


_PlainConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", _PlainConstructor.construct_yaml_str
)


@dataclass
class LineMap:
    """Line (1-based) of each value, keyed by its path inside the document."""

    lines: dict[FieldPath, int] = field(default_factory=dict)

    def line_of(self, path: FieldPath) -> int:
        """The line of the value at path, or of its nearest ancestor that exists."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


@dataclass
class YamlDocument:
    path: str
    data: Any
    lines: LineMap
    first_line: int = 1  # where the document starts in the file (front matter is offset)


class _Refused(Exception):
    """Input hub data never needs; carries the line it was found on."""

    def __init__(self, mark: yaml.Mark | None, message: str) -> None:
        super().__init__(message)
        self.line = mark.line + 1 if mark is not None else 0
        self.message = message


def _shown_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


class _Builder:
    """Python data and a LineMap from one document's events; no recursion, no expansion."""

    def __init__(self, loader: Any, path: str, offset: int) -> None:
        self.loader = loader
        self.path = path
        self.offset = offset
        self.lines = LineMap()
        self.problems: list[Problem] = []
        self.constructor = _PlainConstructor()

    def scalar(self, event: ScalarEvent) -> Any:
        tag = _tag(event)
        if tag == _STR:
            return event.value  # nearly every value: skip the constructor
        if tag == _INT and event.value.isascii() and event.value.isdecimal() \
                and len(event.value) < 20:
            return int(event.value)  # a year or a count; the constructor handles 0x1f, 1_000
        if tag not in _SCALAR_TAGS:
            raise _Refused(event.start_mark, f"invalid YAML: the tag '{_shown_tag(tag)}' is "
                           "not allowed (hub data holds text, numbers, true/false, lists "
                           "and mappings, written without tags)")
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.constructor.construct_object(node)
        except ValueError:  # Python reads no integer of more than 4,300 digits
            shown = event.value if len(event.value) <= 20 else event.value[:17] + "..."
            raise _Refused(event.start_mark, f"invalid YAML: '{shown}' is too long to be "
                           "read as a number") from None

    def key(self, event: Any) -> str:
        """A mapping key, always text: `2018:` is the key '2018', as JSON would have it."""
        if not isinstance(event, ScalarEvent):
            raise _Refused(event.start_mark, "invalid YAML: a mapping key must be plain text, "
                           "not a list or mapping")
        tag = _tag(event)
        if tag == _MERGE:
            raise _Refused(event.start_mark, "merge keys (<<) are not allowed in hub data: "
                           "write the fields out in full")
        if tag not in _SCALAR_TAGS:
            raise _Refused(event.start_mark,
                           f"invalid YAML: the tag '{_shown_tag(tag)}' is not allowed")
        return event.value

    def build(self) -> Any:
        offset = self.offset
        lines = self.lines.lines
        get_event = self.loader.get_event
        # Frames of open collections: [container, path, pending key (mappings only)].
        stack: list[list[Any]] = []
        root: Any = None
        values = 0
        while True:
            event = get_event()
            kind = type(event)
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                stack.pop()
                continue
            if kind is StreamEndEvent:
                return root
            if kind is AliasEvent:
                raise _Refused(event.start_mark, f"YAML aliases (*{event.anchor}) are not "
                               "allowed in hub data: write the value out in full")
            if kind is DocumentStartEvent:
                if lines:  # a second document in the file
                    raise _Refused(event.start_mark, "invalid YAML: expected a single "
                                   "document, but found another one (a second '---')")
                continue
            if kind is not ScalarEvent and kind is not MappingStartEvent \
                    and kind is not SequenceStartEvent:
                continue  # stream and document boundaries
            values += 1
            if values > MAX_VALUES:
                raise _Refused(event.start_mark, f"more than {MAX_VALUES:,} values in one "
                               "file; hub files hold a few hundred: split it")
            if event.anchor is not None:
                raise _Refused(event.start_mark, f"YAML anchors (&{event.anchor}) are not "
                               "allowed in hub data: write the value out in full")
            frame = stack[-1] if stack else None
            if frame is not None and frame[2] is _NO_KEY:  # this event is a mapping key
                key = self.key(event)
                child = (*frame[1], key)
                line = event.start_mark.line + 1 + offset
                if key in frame[0]:
                    self.problems.append(Problem(self.path, line, format_path(child),
                                                 "duplicate key"))
                lines[child] = line
                frame[2] = key
                continue
            if kind is ScalarEvent:
                value = self.scalar(event)
            else:
                if len(stack) >= MAX_DEPTH:
                    raise _Refused(event.start_mark, f"nested more than {MAX_DEPTH} levels "
                                   "deep; hub data needs a few levels at most")
                tag = event.tag
                if tag is not None and tag != "!" and tag not in _COLLECTION_TAGS:
                    raise _Refused(event.start_mark, f"invalid YAML: the tag "
                                   f"'{_shown_tag(tag)}' is not allowed")
                value = {} if kind is MappingStartEvent else []
            if frame is None:
                here: FieldPath = ()
                root = value
                lines[here] = event.start_mark.line + 1 + offset
            elif frame[2] is None:  # an item of a sequence
                here = (*frame[1], len(frame[0]))
                frame[0].append(value)
                lines[here] = event.start_mark.line + 1 + offset
            else:  # the value of the pending key (its line is the key's)
                here = (*frame[1], frame[2])
                frame[0][frame[2]] = value
                frame[2] = _NO_KEY
            if kind is MappingStartEvent:
                stack.append([value, here, _NO_KEY])
            elif kind is SequenceStartEvent:
                stack.append([value, here, None])


def parse_yaml(text: str, path: str, offset: int = 0) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML document; on a syntax error or refused input return the problem
    instead of raising. A text without any document gives data None."""
    loader = _Loader(text)
    builder = _Builder(loader, path, offset)
    try:
        data = builder.build()
    except _Refused as err:
        return None, [Problem(path, (err.line or 1) + offset, "", err.message)]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + 1 + offset) if mark else 1 + offset
        message = f"invalid YAML: {err.problem or err.context}"
        return None, [Problem(path, line, "", message)]
    except yaml.YAMLError as err:
        return None, [Problem(path, 1 + offset, "", f"invalid YAML: {err}")]
    finally:
        loader.dispose()
    if not builder.lines.lines:
        return YamlDocument(path, None, LineMap({(): 1 + offset}), 1 + offset), []
    return YamlDocument(path, data, builder.lines, 1 + offset), builder.problems


def read_bytes(file: Path, display_path: str) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or a problem: larger than MAX_FILE_BYTES, or not a plain file (a
    link to a device could be read forever)."""
    with file.open("rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode):
            return None, [Problem(display_path, 1, "", "not a plain file")]
        if status.st_size > MAX_FILE_BYTES:
            return None, [Problem(display_path, 1, "", f"the file is "
                                  f"{status.st_size / (1 << 20):.1f} MiB; a file may hold at "
                                  "most 1 MiB (hub files are a few KB: split it, or shorten "
                                  "the long text)")]
        data = stream.read(status.st_size + 1)  # + 1: to notice a file written to meanwhile
    if len(data) > status.st_size:
        return None, [Problem(display_path, 1, "", "the file changed while it was read")]
    return data, []


def read_text(file: Path, display_path: str) -> tuple[str | None, list[Problem]]:
    """The file's text (see read_bytes), or a problem; a file not in UTF-8 is one too."""
    data, problems = read_bytes(file, display_path)
    if data is None:
        return None, problems
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return None, [Problem(display_path, 1, "", f"not valid UTF-8: {err.reason}")]
    # As MkDocs reads a page: without a byte order mark, with \n for every line break.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.removeprefix("\ufeff"), []


def read_yaml(file: Path, display_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """A data file: like parse_yaml, and a file without data says so."""
    text, problems = read_text(file, display_path)
    if text is None:
        return None, problems
    document, problems = parse_yaml(text, display_path)
    if document is not None and document.data is None:
        return None, [Problem(display_path, 1, "", "the file is empty: it needs the fields "
                              "its schema lists (see the data field reference)")]
    return document, problems


def format_path(path: FieldPath) -> str:
    """('ogp', 'action_plans', 1) -> 'ogp.action_plans[1]', the form errors print."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def split_front_matter(text: str) -> str | None:
    """The YAML between the opening and closing '---' lines, or None when absent."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "".join(lines[1:index])
    return None


# MkDocs' own test for front matter (mkdocs.utils.meta.YAML_RE): what it strips is what
# the build's on_page_markdown never sees.
_MKDOCS_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def page_body(text: str) -> tuple[str, int]:
    """A page's Markdown as the build renders it (front matter removed) and its first line."""
    match = _MKDOCS_FRONT_MATTER.match(text)
    if match is None:
        return text, 1
    body = text[match.end():].lstrip("\n")
    return body, text.count("\n", 0, len(text) - len(body)) + 1
