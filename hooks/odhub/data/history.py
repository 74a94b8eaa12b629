"""What git knows about the hub: its files at a past revision, and when each file changed.

Everything here degrades gracefully: a hub unpacked from a zip, with no git history, still
builds (dates fall back to file times) — only `odhub diff` needs git and says so clearly.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.dates import format_date

from odhub.lang.translator import Translator, cldr_locale


class GitError(Exception):
    """git is missing, the folder is not in a repository, or a revision is unknown."""


def _git(root: Path, *args: str, binary: bool = False) -> str | bytes:
    if shutil.which("git") is None:
        raise GitError("git is not installed, so revisions cannot be read")
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                            text=not binary, check=False)
    if result.returncode != 0:
        message = result.stderr if isinstance(result.stderr, str) else result.stderr.decode(
            "utf-8", "replace")
        raise GitError(message.strip() or f"git {args[0]} failed")
    return result.stdout


# Marks the commit-date fields in `git log -z` output, which file names never start with.
_DATE = "\x01"


@dataclass(frozen=True)
class Revision:
    name: str  # what the user typed, e.g. origin/main
    commit: str  # full commit id

    @property
    def label(self) -> str:
        return f"{self.name} ({self.commit[:7]})"


def resolve(root: Path, name: str) -> Revision:
    """The commit a revision name points to; GitError with a readable message otherwise."""
    try:
        _git(root, "rev-parse", "--is-inside-work-tree")
    except GitError as err:
        raise GitError(f"{root} is not inside a git repository: {err}") from None
    try:
        commit = str(_git(root, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}"))
    except GitError:
        raise GitError(f"'{name}' is not a commit, branch or tag in this repository "
                       "(for a pull request, fetch the base branch first: "
                       "git fetch origin main)") from None
    return Revision(name, commit.strip())


@contextmanager
def files_at(root: Path, revision: Revision) -> Iterator[Path]:
    """The hub's folder as it was at `revision`, unpacked into a temporary folder.

    `git archive` reads the commit without touching the work tree, the index or
    .git/worktrees, so an interrupted run leaves nothing behind but a temp folder.
    """
    prefix = str(_git(root, "rev-parse", "--show-prefix")).strip()
    top = Path(str(_git(root, "rev-parse", "--show-toplevel")).strip())
    # From a subfolder, git archive would also limit itself to that folder; run it at the
    # top and name the hub's subtree instead.
    archive = _git(top, "archive", "--format=tar", f"{revision.commit}:{prefix}",
                   binary=True)
    with tempfile.TemporaryDirectory(prefix="odhub-rev-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:  # type: ignore[arg-type]
            tar.extractall(folder, filter="data")
        yield Path(folder)


def file_dates(root: Path) -> dict[str, dt.datetime]:
    """When each file under root was last committed, keyed by root-relative POSIX path.

    One `git log` for the whole hub, read newest first, so the first date seen for a file
    is its last change. An empty mapping when git or its history is absent.
    """
    try:
        output = str(_git(root, "log", f"--format=%x00{_DATE}%cI", "--name-only",
                          "--relative", "-z", "--no-renames", "--", "."))
    except GitError:
        return {}
    dates: dict[str, dt.datetime] = {}
    current: dt.datetime | None = None
    for field in output.split("\x00"):
        field = field.lstrip("\n")
        if field.startswith(_DATE):
            current = dt.datetime.fromisoformat(field.removeprefix(_DATE))
        elif field and current is not None:
            dates.setdefault(field, current)
    return dates


def last_updated(root: Path, path: str, dates: dict[str, dt.datetime]) -> dt.datetime | None:
    """The commit date of a root-relative path, else its file time, else None."""
    if path in dates:
        return dates[path]
    try:
        stamp = (root / path).stat().st_mtime
    except OSError:
        return None
    return dt.datetime.fromtimestamp(stamp, tz=dt.UTC)


@dataclass(frozen=True)
class PageSource:
    """Where a built page comes from: the file to edit and when it last changed."""

    source_file: str | None  # relative to the hub's folder, e.g. data/countries/ken.yml
    edit_url: str | None  # only set where MkDocs cannot work it out (generated pages)
    updated: str | None  # the date, written out for readers in the site's language


class SourceFiles:
    """Source file, edit link and last-updated date of every page in one build.

    Built once per build: git is asked once for all dates (`file_dates`), and generated
    pages name their data file through `GeneratedPage.source_file`.
    """

    def __init__(self, root: Path, docs_dir: str = "docs", edit_base: str | None = None,
                 language: str = "en") -> None:
        self.root = root
        self.docs_dir = docs_dir.strip("/")
        self.edit_base = edit_base
        self.language = language
        self.dates = file_dates(root)
        self.generated: dict[str, str | None] = {}

    def add_generated(self, pages: Iterable[Any]) -> None:
        for page in pages:
            self.generated[page.path] = getattr(page, "source_file", None)

    def add_translations(self, replaced: dict[str, str]) -> None:
        """Pages an edition builds from a translation: edit and date that file."""
        for english, translation in replaced.items():
            self.generated[english] = f"{self.docs_dir}/{translation}"

    def page(self, src_uri: str) -> PageSource:
        if src_uri in self.generated:
            source = self.generated[src_uri]
            if source is None:
                return PageSource(None, None, None)
            edit = f"{self.edit_base}{source}" if self.edit_base else None
        else:
            source, edit = f"{self.docs_dir}/{src_uri}", None
        when = last_updated(self.root, source, self.dates)
        # Pages show other dates too (what the sources describe): this one says what it is.
        label = Translator(self.language).gettext(
            "Page last changed {date}", date=_long_date(when, self.language)) if when else None
        return PageSource(source, edit, label)


def _long_date(when: dt.datetime, language: str) -> str:
    return format_date(when.date(), format="long", locale=cldr_locale(language))
