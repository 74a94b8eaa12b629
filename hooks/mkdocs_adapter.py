"""MkDocs hooks: the thin adapter between a MkDocs build and the odhub library.

Everything interesting lives in odhub; these functions only hand it the build's paths
and put its results where MkDocs expects them.
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
_model = None  # odhub.Model, rebuilt in every on_config
_sources = None  # odhub.SourceFiles: edit links and dates, once per build
_links = None  # odhub.render.PageLinks: the build's pages, for the blocks' own links
_site = None  # odhub.data.Site: repository, news and file dates for the home page's parts
_chrome = None  # odhub.render.Chrome: words and links of the theme overrides


def _fresh_odhub() -> ModuleType:
    """Import odhub anew: MkDocs keeps hook modules across `serve` rebuilds, and edits to
    the library (watched under hooks/) must show up without restarting the server."""
    for name in [n for n in sys.modules if n == "odhub" or n.startswith("odhub.")]:
        del sys.modules[name]
    # the layers a build uses
    for layer in ("odhub.lang", "odhub.data", "odhub.render", "odhub.export"):
        importlib.import_module(layer)
    return importlib.import_module("odhub")


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _language(config: MkDocsConfig) -> str:
    return config.theme.get("language", "en")  # the edition: mkdocs.es.yml sets es


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _odhub, _model, _sources, _site, _chrome
    _odhub = _fresh_odhub()
    _model = None
    if not _odhub.render.published_repository(config.repo_url):
        # The placeholder repo_url: no repository link and no edit buttons (all 404s).
        config.repo_url = config.edit_uri = config.edit_uri_template = None
    root = _root(config)
    _sources = _odhub.data.SourceFiles(
        root, Path(config.docs_dir).resolve().relative_to(root).as_posix(),
        _edit_base(config), _language(config))
    # The editions share mkdocs.yml's texts; the catalogue translates them.
    t = _odhub.lang.Translator(_language(config))
    config.site_description = t.gettext((config.site_description or "").strip()) or None
    config.copyright = t.gettext((config.copyright or "").strip()) or None
    try:
        _model = _odhub.load(_root(config), language=_language(config))
    except _odhub.InvalidData as err:
        raise PluginError(f"odhub found problems in the hub's data:\n{err}") from None
    log.debug("odhub: loaded %d countries and %d hubs", len(_model.countries),
              len(_model.hubs))
    repository = _odhub.data.Repository.from_url(config.repo_url)
    _site = _odhub.data.Site(root, repository, _sources.dates)
    _chrome = _odhub.render.Chrome(_model, repository, _model.language)
    return config


# Before other plugins (default priority 0) look at the files: redirects, tags and search
# then see the generated pages like any other page.
@event_priority(50)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _odhub is not None and _model is not None and _sources is not None
    # Translations (page.es.md) stand in for their English pages in their edition only.
    edition = _odhub.data.edition_files([f.src_uri for f in files], _model.language,
                                        _model.languages)
    for src in edition.remove:
        files.remove(files.get_file_from_path(src))
    for english, translation in edition.replace.items():
        files.remove(files.get_file_from_path(english))
        files.append(File.generated(config, english,
                                    abs_src_path=str(Path(config.docs_dir) / translation)))
    _sources.add_translations(edition.replace)
    links = _odhub.render.SiteLinks(edit_base=_edit_base(config))
    pages = _odhub.render.generated_pages(_model, _model.language, links)
    _sources.add_generated(pages)
    for page in pages:
        if files.get_file_from_path(page.path) is not None:
            raise PluginError(f"docs/{page.path} would hide a generated page; rename or "
                              "remove the hand-written file")
        files.append(File.generated(config, page.path, content=page.markdown))
    global _links
    _links = _odhub.render.PageLinks(
        frozenset(file.src_uri for file in files.documentation_pages()),
        config.use_directory_urls)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    assert _odhub is not None and _model is not None
    try:
        result = _odhub.render.page_markdown(_model, markdown, page.file.src_uri,
                                             source_text=page.file.content_string,
                                             language=_model.language, site=_site,
                                             links=_links)
    except _odhub.InvalidData as err:
        raise PluginError(f"odhub found problems in a page:\n{err}") from None
    page.meta.update(result.meta)
    return result.markdown


def on_nav(nav: Navigation, files: Files, **_: object) -> Navigation:
    """The navigation titles of mkdocs.yml, in the edition's language. Pages kept out of
    the navigation get the parent odhub gives them, so the theme shows their breadcrumbs,
    highlights their section's tab and lists its pages."""
    assert _odhub is not None and _model is not None
    t = _odhub.lang.Translator(_model.language)

    def translate(items: list) -> None:
        for item in items:
            if "title" in vars(item) and item.title:  # set from mkdocs.yml, not the page
                item.title = t.gettext(item.title)
            translate(getattr(item, "children", None) or [])

    translate(nav.items)
    places = _odhub.render.Places(_model)
    for file in files.documentation_pages():
        if file.page is None or file.page.parent is not None or file.inclusion.is_in_nav():
            continue
        parent_path = places.parent(file.src_uri)
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
    assert _odhub is not None
    return _odhub.render.finish_content_html(html, page.title or "")


def on_page_context(context: dict, page: Page, **_: object) -> dict:
    """Edit button and "last update" date: generated pages edit their data file. The
    theme overrides find their words and links in `odhub`."""
    assert _sources is not None
    context["odhub"] = _chrome
    source = _sources.page(page.file.src_uri)
    if source.edit_url:
        page.edit_url = source.edit_url
    if source.updated:
        page.meta["revision_date"] = source.updated  # shown by Material's source-file.html
    return context


def on_template_context(context: dict, template_name: str, **_: object) -> dict:
    """The page at a missing address (404.html) finds its words in `odhub` too."""
    context["odhub"] = _chrome
    return context


def on_post_page(output: str, **_: object) -> str:
    assert _odhub is not None
    return _odhub.render.fix_theme_markup(output)


def on_post_template(output_content: str, **_: object) -> str:  # 404.html
    assert _odhub is not None
    return _odhub.render.fix_theme_markup(output_content)


def on_post_build(config: MkDocsConfig) -> None:
    """The hub's own open data (CSV, JSON, data package, calendar, feed) into site/data/,
    then, in the web edition, the search index over every page written."""
    assert _odhub is not None and _model is not None
    # Nothing here can fail on the data: load() in on_config checked all of it.
    _odhub.export.write_exports(_model, _root(config),
                                Path(config.site_dir) / _odhub.export.EXPORT_DIR,
                                language=_model.language,
                                site_url=config.site_url or None, log=log.info)
    if config.extra.get("odhub", {}).get("search") == "pagefind":
        try:
            _odhub.export.index_site(Path(config.site_dir), _model.language, log=log.info,
                                     other_editions=_other_editions(config))
        except _odhub.export.SearchIndexError as err:
            raise PluginError(str(err)) from None


def _other_editions(config: MkDocsConfig) -> list[str]:
    # Language editions built inside this one's folder (English holds es/ and fr/).
    links = [str(item.get("link", "")) for item in config.extra.get("alternate") or []]
    return [link for link in links if link and not link.startswith(("..", "/", "http"))]


def _edit_base(config: MkDocsConfig) -> str | None:
    # Data files live beside docs/, so their edit links come from repo_url, not edit_uri.
    repo = (config.repo_url or "").rstrip("/")
    branch = config.extra.get("odhub", {}).get("branch", "main")
    return f"{repo}/edit/{branch}/" if repo.startswith("https://") else None
