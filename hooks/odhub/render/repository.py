"""The hub's repository, as pages link to it: not at all while mkdocs.yml has a placeholder.

mkdocs.yml ships with `repo_url: https://github.com/OWNER/open-data-peer-hub` until the
hub is published. Every "edit this page" button and the header's repository link would
point at that address, a 404; so while it is the placeholder, pages carry neither.
"""

from __future__ import annotations

from urllib.parse import urlsplit

PLACEHOLDER_OWNER = "OWNER"


def published_repository(repo_url: str | None) -> str | None:
    """repo_url when it names a real repository; None when unset or the placeholder."""
    if not repo_url:
        return None
    owner = urlsplit(repo_url).path.strip("/").split("/", 1)[0]
    return None if owner == PLACEHOLDER_OWNER else repo_url
