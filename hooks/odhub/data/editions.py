"""Hand-written pages in other languages: `docs/<page>.<lang>.md` beside `docs/<page>.md`.

A translation is published at the English page's address in its language's edition. Its
front matter records the English version it was made from (`translation_of`, the git blob
hash of the English file, as `git hash-object` prints it), so a change to the English page
marks the translation out of date, on the page and on the translation status page.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from odhub.data.yamlfile import read_bytes

SOURCE_LANGUAGE = "en"
_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<language>[a-z]{2,3})\.md$")


def blob_hash(data: bytes) -> str:
    """Git's object id for a file's bytes: the same as `git hash-object FILE`."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def split_translation(src_uri: str, languages: Iterable[str]) -> tuple[str, str] | None:
    """'about.es.md' -> ('about.md', 'es') when es is an edition; else None."""
    match = _SUFFIX.match(src_uri)
    if match is None or match["language"] not in languages \
            or match["language"] == SOURCE_LANGUAGE:
        return None
    return f"{match['stem']}.md", match["language"]


@dataclass(frozen=True)
class PageTranslation:
    """One translation of a hand-written page, and whether it still matches the English."""

    english_src: str
    src_uri: str
    language: str
    translation_of: str | None
    english_hash: str
    front_matter: dict

    @property
    def stale(self) -> bool:
        return self.translation_of != self.english_hash


@dataclass(frozen=True)
class EditionFiles:
    """What an edition's build does with the hand-written files: which to leave out and
    which English pages a translation takes the place of (english src -> translation src)."""

    remove: tuple[str, ...]
    replace: dict[str, str]


def edition_files(src_uris: Iterable[str], language: str,
                  languages: Iterable[str]) -> EditionFiles:
    """Every translation file leaves the build, except this edition's, which stand in
    for their English pages (an orphan translation, with no English page, is left out)."""
    known = tuple(languages)
    sources = set(src_uris)
    remove, replace = [], {}
    for src in sorted(sources):
        found = split_translation(src, known)
        if found is None:
            continue
        english, lang = found
        remove.append(src)
        if lang == language and english in sources:
            replace[english] = src
    return EditionFiles(tuple(remove), replace)


def hand_written_pages(docs: Path, languages: Iterable[str]) -> dict[str, str]:
    """The English hand-written pages (docs-relative), translations left out, each with
    the hash a translation of its current version records."""
    known = tuple(languages)
    pages = {}
    for file in sorted(docs.rglob("*.md")):
        src = file.relative_to(docs).as_posix()
        if split_translation(src, known) is None:
            data, _ = read_bytes(file, src)  # load() reports a file it cannot read
            pages[src] = blob_hash(data) if data is not None else ""
    return pages
