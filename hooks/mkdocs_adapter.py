"""MkDocs hooks: the thin adapter between a MkDocs build and the odhub library.

Everything interesting lives in odhub; these functions only hand it the build's paths
and put its results where MkDocs expects them. `odhub build-source` runs the same
library calls (odhub.site) for engines without hooks, so both give the same site.
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path
from types import ModuleType

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.odhub")

_odhub: ModuleType | None = None
_site = None  # odhub.site.SiteSource, made anew in every on_config


def _fresh_odhub() -> ModuleType:
    """Import odhub anew: MkDocs keeps hook modules across `serve` rebuilds, and edits to
    the library (watched under hooks/) must show up without restarting the server."""
    for name in [n for n in sys.modules if n == "odhub" or n.startswith("odhub.")]:
        del sys.modules[name]
    importlib.import_module("odhub.site")  # and the layers below it
    return importlib.import_module("odhub")


def _language(config: MkDocsConfig) -> str:
    return config.theme.get("language", "en")  # the edition: mkdocs.es.yml sets es


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _odhub, _site
    _odhub = _fresh_odhub()
    _site = None
    if not _odhub.render.published_repository(config.repo_url):
        # The placeholder repo_url: no repository link and no edit buttons (all 404s).
        config.repo_url = config.edit_uri = config.edit_uri_template = None
    root = Path(config.config_file_path).resolve().parent
    # The editions share mkdocs.yml's texts; the catalogue translates them.
    t = _odhub.lang.Translator(_language(config))
    config.site_description = t.gettext((config.site_description or "").strip()) or None
    config.copyright = t.gettext((config.copyright or "").strip()) or None
    try:
        model = _odhub.load(root, language=_language(config))
    except _odhub.InvalidData as err:
        raise PluginError(f"odhub found problems in the hub's data:\n{err}") from None
    settings = _odhub.site.SiteSettings(
        site_url=config.site_url or None, repo_url=config.repo_url,
        branch=config.extra.get("odhub", {}).get("branch", "main"), language=model.language)
    _site = _odhub.site.SiteSource(
        model, root, docs_dir=Path(config.docs_dir).resolve().relative_to(root).as_posix(),
        edit_base=settings.edit_base, site_url=settings.site_url,
        edit_links=settings.published, repo_url=config.repo_url,
        directory_urls=config.use_directory_urls)
    log.debug("odhub: loaded %d countries and %d hubs", len(model.countries),
              len(model.hubs))
    return config


# Before other plugins (default priority 0) look at the files: redirects, tags and search
# then see the generated pages like any other page.
@event_priority(50)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _odhub is not None and _site is not None
    # Translations (page.es.md) stand in for their English pages in their edition only.
    edition = _site.edition([f.src_uri for f in files])
    for src in edition.remove:
        files.remove(files.get_file_from_path(src))
    for english, translation in edition.replace.items():
        files.remove(files.get_file_from_path(english))
        files.append(File.generated(config, english,
                                    abs_src_path=str(Path(config.docs_dir) / translation)))
    try:
        added = _site.added_files([file.src_uri for file in files])
    except _odhub.InvalidData as err:
        raise PluginError(str(err)) from None
    for file in added:  # generated pages, the map they embed, the exports under data/
        files.append(File.generated(config, file.path, content=file.content))
    _site.known_pages(file.src_uri for file in files.documentation_pages())
    return files


def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    assert _odhub is not None and _site is not None
    try:
        result = _site.page(page.file.src_uri, markdown,
                            source_text=page.file.content_string)
    except _odhub.InvalidData as err:
        raise PluginError(f"odhub found problems in a page:\n{err}") from None
    page.meta.update(result.meta)  # tags, revision_date, edit_url (overrides/ reads it)
    return result.markdown


def on_nav(nav: Navigation, files: Files, **_: object) -> Navigation:
    """The navigation titles of mkdocs.yml, in the edition's language. Pages kept out of
    the navigation get the parent odhub gives them, so the theme shows their breadcrumbs,
    highlights their section's tab and lists its pages."""
    assert _odhub is not None and _site is not None
    t = _odhub.lang.Translator(_site.model.language)

    def translate(items: list) -> None:
        for item in items:
            if "title" in vars(item) and item.title:  # set from mkdocs.yml, not the page
                item.title = t.gettext(item.title)
            translate(getattr(item, "children", None) or [])

    translate(nav.items)
    for file in files.documentation_pages():
        if file.page is None or file.page.parent is not None or file.inclusion.is_in_nav():
            continue
        parent_path = _site.parent(file.src_uri)
        parent = files.get_file_from_path(parent_path) if parent_path else None
        if parent is not None and parent.page is not None:
            file.page.parent = _stand_in(parent.page)
    return nav


def _stand_in(page: Page):  # -> Page | Section
    # A section's own index page (navigation.indexes) stands for the section, so the
    # breadcrumbs show "Countries" once, not the section and then its index page.
    section = page.parent
    if section is not None and section.children and section.children[0] is page:
        return section
    return page


def on_page_content(html: str, page: Page, **_: object) -> str:
    """Table regions and search exclusions, before the search plugin reads the page."""
    assert _site is not None
    return _site.content_html(html, page.title or "")


def on_page_context(context: dict, **_: object) -> dict:
    """The theme overrides find their words and links in `odhub`."""
    assert _site is not None
    context["odhub"] = _site.chrome
    return context


def on_template_context(context: dict, template_name: str, **_: object) -> dict:
    """The page at a missing address (404.html) finds its words in `odhub` too."""
    assert _site is not None
    context["odhub"] = _site.chrome
    return context


def on_post_page(output: str, **_: object) -> str:
    assert _odhub is not None
    return _odhub.render.fix_theme_markup(output)


def on_post_template(output_content: str, **_: object) -> str:  # 404.html
    assert _odhub is not None
    return _odhub.render.fix_theme_markup(output_content)


def on_post_build(config: MkDocsConfig) -> None:
    """In the web edition, the search index over every page written (the exports under
    data/ came with the files, from odhub.site)."""
    assert _odhub is not None and _site is not None
    if config.extra.get("odhub", {}).get("search") == "pagefind":
        try:
            _odhub.export.index_site(Path(config.site_dir), _site.model.language,
                                     log=log.info, other_editions=_other_editions(config))
        except _odhub.export.SearchIndexError as err:
            raise PluginError(str(err)) from None


def _other_editions(config: MkDocsConfig) -> list[str]:
    # Language editions built inside this one's folder (English holds es/ and fr/).
    links = [str(item.get("link", "")) for item in config.extra.get("alternate") or []]
    return [link for link in links if link and not link.startswith(("..", "/", "http"))]
