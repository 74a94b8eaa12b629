"""Safe YAML loading that remembers the line of every value.

Validation errors must name a line, so we compose the node tree once (C loader when
available), remember each node's line by its path, then construct plain Python data.
Timestamps stay strings: the schemas check their format, and JSON has no date type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # the libyaml binding is several times faster; fall back when it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from odhub.data.errors import Problem

FieldPath = tuple[str | int, ...]


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


def _walk(node: yaml.Node, here: FieldPath, lines: LineMap, problems: list[Problem],
          path: str, offset: int) -> None:
    lines.lines[here] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = (*here, key)
            if key in seen:
                problems.append(Problem(path, key_node.start_mark.line + 1 + offset,
                                        format_path(child), "duplicate key"))
            seen.add(key)
            _walk(value_node, child, lines, problems, path, offset)
            lines.lines[child] = key_node.start_mark.line + 1 + offset
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*here, index), lines, problems, path, offset)


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


def _build(node: yaml.Node, here: FieldPath, lines: LineMap, problems: list[Problem],
           path: str, offset: int, constructor: _PlainConstructor) -> Any:
    """_walk and construction in one pass: the value of node, lines recorded on the way.

    Plain strings, lists and string-keyed mappings (nearly every node of our files) are
    built here; anything else (numbers, dates, merge keys, other tags) by the constructor,
    so the data is exactly what construct_document would give.
    """
    if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
        lines.lines[here] = node.start_mark.line + 1 + offset
        return node.value
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        lines.lines[here] = node.start_mark.line + 1 + offset
        return [_build(item, (*here, index), lines, problems, path, offset, constructor)
                for index, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode) and node.tag == _MAP and all(
            isinstance(key, yaml.ScalarNode) and key.tag == _STR for key, _ in node.value):
        lines.lines[here] = node.start_mark.line + 1 + offset
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            child = (*here, key)
            if key in mapping:
                problems.append(Problem(path, key_node.start_mark.line + 1 + offset,
                                        format_path(child), "duplicate key"))
            mapping[key] = _build(value_node, child, lines, problems, path, offset,
                                  constructor)
            lines.lines[child] = key_node.start_mark.line + 1 + offset
        return mapping
    _walk(node, here, lines, problems, path, offset)
    return constructor.construct_object(node, deep=True)


def parse_yaml(text: str, path: str, offset: int = 0) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML document; on a syntax error return the problem instead of raising."""
    problems: list[Problem] = []
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + 1 + offset) if mark else 1
        message = f"invalid YAML: {err.problem or err.context}"
        return None, [Problem(path, line, "", message)]
    except yaml.YAMLError as err:
        return None, [Problem(path, 1 + offset, "", f"invalid YAML: {err}")]
    if node is None:
        return YamlDocument(path, None, LineMap({(): 1 + offset})), []
    lines = LineMap()
    try:
        data = _build(node, (), lines, problems, path, offset, _PlainConstructor())
    except yaml.constructor.ConstructorError as err:  # e.g. !!python/object tags
        mark = err.problem_mark
        line = (mark.line + 1 + offset) if mark else 1 + offset
        return None, [Problem(path, line, "", f"invalid YAML: {err.problem}")]
    return YamlDocument(path, data, lines, 1 + offset), problems


def read_yaml(file: Path, display_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        return None, [Problem(display_path, 1, "", f"not valid UTF-8: {err.reason}")]
    return parse_yaml(text, display_path)


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
