"""A page's YAML front matter: split off as MkDocs splits it, and written back.

The regular expression is MkDocs' own (mkdocs.utils.meta.YAML_RE), so a page means the
same to `odhub build-source` as to a MkDocs build. Only YAML front matter is read: the
hub's pages never use the older MultiMarkdown style.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml

_YAML_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def split(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, Markdown after it); ({}, text) when there is none or it is no mapping."""
    found = _YAML_FRONT_MATTER.match(text)
    if not found:
        return {}, text
    try:
        meta = yaml.safe_load(found.group(1))
    except yaml.YAMLError:
        return {}, text  # MkDocs, too, then treats the whole file as Markdown
    if not isinstance(meta, dict):
        return {}, text
    return meta, text[found.end():].lstrip("\n")


def join(meta: Mapping[str, Any], markdown: str) -> str:
    """The page as a file: front matter (if any) and its Markdown."""
    if not meta:
        return markdown
    block = yaml.safe_dump(dict(meta), allow_unicode=True, sort_keys=False, width=1 << 16)
    return f"---\n{block}---\n\n{markdown}"
