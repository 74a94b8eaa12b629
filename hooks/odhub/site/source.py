"""The site's complete source: every page as the site shows it, and every other file.

One code path for every engine. The MkDocs adapter calls `SiteSource.added_files` and
`SiteSource.known_pages` from `on_files`, `SiteSource.page` from `on_page_markdown` and
`SiteSource.content_html` from `on_page_content`; `site_source` walks docs/ and calls the
same methods to give the files `odhub build-source` writes for engines that run no hooks
(`odhub fix-markup` then applies `content_html` to the pages they build). What one engine
gets, the other gets.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from odhub.data.editions import EditionFiles, edition_files
from odhub.data.errors import InvalidData, Problem
from odhub.data.history import SourceFiles
from odhub.data.model import Model
from odhub.data.repository import Repository
from odhub.data.site import Site
from odhub.export import EXPORT_DIR
from odhub.export.exports import export_files
from odhub.render import (
    Chrome,
    PageLinks,
    PageMarkdown,
    Places,
    SiteLinks,
    finish_content_html,
    generated_pages,
    page_markdown,
)
from odhub.site import frontmatter

# Left in an output folder so a later run knows it may replace that folder, and nothing
# else: `odhub build-source ~` must never empty a home directory.
MARKER = ".odhub-source"


@dataclass(frozen=True)
class SourceFile:
    """One file of the site's source, at its path under the docs folder.

    A page's `content` is its Markdown without front matter, and `meta` its front matter;
    any other file (stylesheet, map, export) has its bytes or text as `content`.
    """

    path: str
    content: str | bytes
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_page(self) -> bool:
        return self.path.endswith(".md")

    def as_file(self) -> bytes:
        """What to write to disk: a page with its front matter, anything else as it is."""
        if self.is_page:
            return frontmatter.join(self.meta, str(self.content)).encode("utf-8")
        return self.content if isinstance(self.content, bytes) else self.content.encode()


class SiteSource:
    """The hub's part in one build: added files, and each page's Markdown and front matter.

    Made once per build (dates come from one `git log`). Called in build order: `edition`,
    then `added_files` and `known_pages`, then `page` for each page, since translations
    and generated pages take their edit link and date from the file they are made from,
    and the blocks' links are checked against the build's pages.
    """

    def __init__(self, model: Model, root: Path, *, docs_dir: str = "docs",
                 edit_base: str | None = None, site_url: str | None = None,
                 edit_links: bool = True, repo_url: str | None = None,
                 directory_urls: bool = True) -> None:
        self.model = model  # loaded for one edition: model.language
        # False while repo_url is the placeholder: every page then says edit_url None, so
        # an engine does not link a repository that does not exist.
        self.edit_links = edit_links
        self.root = root
        self.language = model.language
        self.edit_base = edit_base
        self.site_url = site_url
        self.sources = SourceFiles(root, docs_dir, edit_base, model.language)
        self.repository = Repository.from_url(repo_url)
        # The home page's parts (what's new, the offline download) read the build's files.
        self.site = Site(root, self.repository, self.sources.dates)
        # Words and repository links of the theme overrides (engines with hooks only).
        self.chrome = Chrome(model, self.repository, model.language)
        self.places = Places(model)
        self.directory_urls = directory_urls
        self.links = PageLinks(directory_urls=directory_urls)

    def edition(self, hand_written: Collection[str]) -> EditionFiles:
        """Which hand-written files (docs-relative) this edition leaves out, and which
        English pages a translation stands in for; those then edit and date it."""
        edition = edition_files(hand_written, self.model.language, self.model.languages)
        self.sources.add_translations(edition.replace)
        return edition

    def added_files(self, hand_written: Collection[str]) -> list[SourceFile]:
        """Generated pages (Markdown still with its front matter, before `page`), the files
        they embed, and the exports under data/. Raises InvalidData when a hand-written
        file (docs-relative path) has the path of one: it would hide it."""
        pages = generated_pages(self.model, self.language, SiteLinks(edit_base=self.edit_base))
        exports = [SourceFile(f"{EXPORT_DIR}/{name}", content) for name, content in
                   export_files(self.model, self.root, self.language, self.site_url).items()]
        added = [SourceFile(p.path, p.markdown) for p in pages] + exports
        hidden = sorted(set(hand_written) & {f.path for f in added})
        if hidden:
            docs = self.sources.docs_dir
            raise InvalidData([
                Problem(f"{docs}/{path}", 0, "", "would hide a generated page or file of "
                        "the same path; rename or remove the hand-written file")
                for path in hidden])
        self.sources.add_generated(pages)
        return added

    def known_pages(self, pages: Iterable[str]) -> None:
        """The docs paths of every page of the build (hand-written and generated): a facts
        or related block linking to any other path is refused by `page`."""
        self.links = PageLinks(frozenset(pages), self.directory_urls)

    def parent(self, src_uri: str) -> str | None:
        """The page a page kept out of the navigation sits under (breadcrumbs, tab)."""
        return self.places.parent(src_uri)

    @staticmethod
    def content_html(html: str, page_title: str = "") -> str:
        """A page's content HTML as the site shows it: labelled table regions, addresses
        kept out of search (odhub.render.content_html)."""
        return finish_content_html(html, page_title)

    def page(self, src_uri: str, markdown: str, *,
             source_text: str | None = None) -> PageMarkdown:
        """The page's Markdown as the site shows it (shortcodes expanded, facts and related
        links added) and the front matter fields to set on it: tags, the revision date and,
        where the engine cannot work it out (generated pages, translations), the edit
        link: None where no one file makes the page. Raises InvalidData."""
        result = page_markdown(self.model, markdown, src_uri, source_text=source_text,
                               language=self.language, site=self.site, links=self.links)
        meta = dict(result.meta)
        source = self.sources.page(src_uri)
        if not self.edit_links:
            meta["edit_url"] = None
        elif src_uri in self.sources.generated:
            # Set even when None: an engine would otherwise link docs/<page>.md, which
            # does not exist (or is the English one). Hand-written pages keep the
            # engine's own edit link.
            meta["edit_url"] = source.edit_url
        if source.updated:
            meta["revision_date"] = source.updated  # shown by the theme's source-file.html
        return PageMarkdown(result.markdown, meta)

    def source_page(self, path: str, text: str) -> SourceFile:
        """A whole page file through `page`, as a MkDocs build would see it."""
        meta, markdown = frontmatter.split(text)
        result = self.page(path, markdown, source_text=text)
        return SourceFile(path, result.markdown, {**meta, **result.meta})


def hand_written_files(docs: Path) -> list[str]:
    """Docs-relative paths of the files an engine would read from docs/: MkDocs leaves out
    dot files and folders, and templates/ folders (its default `exclude_docs`)."""
    found = []
    for folder, subfolders, files in os.walk(docs):
        subfolders[:] = sorted(d for d in subfolders
                               if not d.startswith(".") and d != "templates")
        for name in sorted(files):
            if not name.startswith("."):
                found.append((Path(folder) / name).relative_to(docs).as_posix())
    return found


def site_source(site: SiteSource, docs: Path) -> Iterator[SourceFile]:
    """Every file of the complete site source: hand-written pages and generated ones
    through `SiteSource.page`, assets, and exports. Raises InvalidData."""
    found = hand_written_files(docs)
    edition = site.edition(found)
    hand_written = [path for path in found if path not in set(edition.remove)]
    added = site.added_files(hand_written)
    site.known_pages([path for path in hand_written if path.endswith(".md")]
                     + [file.path for file in added if file.is_page])
    problems: list[Problem] = []
    for path in hand_written:
        file = docs / edition.replace.get(path, path)  # a translation stands in
        try:
            if path.endswith(".md"):
                # utf-8-sig and universal newlines, as MkDocs reads pages
                yield site.source_page(path, file.read_text(encoding="utf-8-sig"))
            else:
                yield SourceFile(path, file.read_bytes())
        except InvalidData as err:
            problems += err.problems
    for added_file in added:
        try:
            yield (site.source_page(added_file.path, str(added_file.content))
                   if added_file.is_page else added_file)
        except InvalidData as err:
            problems += err.problems
    if problems:
        raise InvalidData(problems)


def check_output_folder(out: Path) -> None:
    """Raise FileExistsError unless out is missing, empty or an earlier output (MARKER)."""
    if out.exists() and (not out.is_dir() or (any(out.iterdir())
                                               and not (out / MARKER).is_file())):
        raise FileExistsError(f"{out} is not empty and was not written by odhub "
                              "build-source; pick an empty or new folder")


def write_source(files: Iterable[SourceFile], out: Path) -> int:
    """Write the files into out, replacing an earlier output there; returns their count.

    Written into a sibling folder first, so a failure leaves the earlier output whole.
    Refuses a folder that holds anything but an earlier output (`check_output_folder`).
    """
    check_output_folder(out)
    partial = out.with_name(out.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    count = 0
    try:
        for file in files:
            target = partial / PurePosixPath(file.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.as_file())
            count += 1
        (partial / MARKER).write_text("written by odhub build-source; replaced on each run\n",
                                      encoding="utf-8")
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    shutil.rmtree(out, ignore_errors=True)
    partial.replace(out)
    return count
