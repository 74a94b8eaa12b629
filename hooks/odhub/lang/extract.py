"""A Babel extractor for mkdocs.yml: navigation titles, site description and copyright.

The editions share one navigation; its titles are translated through the catalogue like
any other UI string, so babel.cfg names this function for mkdocs.yml.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import yaml

# The top-level settings whose text readers see, besides the navigation.
CONFIG_TEXT = ("site_description", "copyright")


def mkdocs_config(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                  options: Any) -> Iterator[tuple[int, str, str, list[str]]]:
    """(line, function, message, comments) for each translatable text of a MkDocs config."""
    # compose() builds nodes without constructing them, so !!python/name tags are harmless.
    root = yaml.compose(fileobj.read().decode("utf-8"), Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return
    for key, value in root.value:
        if key.value in CONFIG_TEXT and isinstance(value, yaml.ScalarNode):
            yield value.start_mark.line + 1, "gettext", value.value.strip(), [key.value]
        elif key.value == "nav":
            yield from _nav_titles(value)


def _nav_titles(node: yaml.Node) -> Iterator[tuple[int, str, str, list[str]]]:
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nav_titles(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key.start_mark.line + 1, "gettext", key.value, ["navigation title"]
            yield from _nav_titles(value)
