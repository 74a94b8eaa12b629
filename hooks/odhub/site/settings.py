"""The few engine settings the hub's files depend on, read from a MkDocs-style config.

MkDocs, ProperDocs and Zensical all read mkdocs.yml (Zensical's variant inherits it), so
`odhub build-source` reads the same file the engine will, and the adapter passes MkDocs'
parsed config: both then compute the edit links with `edit_base`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from odhub.render.repository import published_repository


@dataclass(frozen=True)
class SiteSettings:
    site_url: str | None = None
    repo_url: str | None = None
    branch: str = "main"  # extra.odhub.branch: where data files are edited
    language: str = "en"  # theme.language
    directory_urls: bool = True  # use_directory_urls: pages at countries/ken/, not .html

    @property
    def published(self) -> bool:
        """False for mkdocs.yml's placeholder repo_url: then no page offers an edit link."""
        return published_repository(self.repo_url) is not None

    @property
    def edit_base(self) -> str | None:
        return edit_base(self.repo_url, self.branch)


def edit_base(repo_url: str | None, branch: str = "main") -> str | None:
    """Where edit links to data files start; data lives beside docs/, so these come from
    repo_url, not edit_uri. None unless repo_url is a published repository's https URL."""
    repo = (published_repository(repo_url) or "").rstrip("/")
    return f"{repo}/edit/{branch}/" if repo.startswith("https://") else None


class _PlainLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its !!python/name tags (emoji functions)."""


_PlainLoader.add_multi_constructor("tag:yaml.org,2002:python/",
                                   lambda loader, suffix, node: None)
_PlainLoader.add_constructor("!ENV", lambda loader, node: None)


def read_settings(config_file: Path) -> SiteSettings:
    """The settings of a mkdocs.yml, following INHERIT as MkDocs does."""
    config = _read(config_file)
    theme = config.get("theme") or {}
    odhub = (config.get("extra") or {}).get("odhub") or {}
    return SiteSettings(site_url=config.get("site_url") or None,
                        repo_url=config.get("repo_url") or None,
                        branch=str(odhub.get("branch") or "main"),
                        language=str(theme.get("language") or "en")
                        if isinstance(theme, dict) else "en",
                        directory_urls=config.get("use_directory_urls") is not False)


def _read(config_file: Path) -> dict[str, Any]:
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_PlainLoader) or {}
    parent = config.pop("INHERIT", None)
    if parent:
        return _merge(_read(config_file.parent / parent), config)
    return config


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged
