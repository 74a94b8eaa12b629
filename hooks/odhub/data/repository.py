"""The hub's public repository, as links for readers: issue forms and release downloads.

`repo_url` in mkdocs.yml ships as a placeholder (github.com/OWNER/...) until the hub is
published, and is empty in the offline edition. Links into a repository that does not
exist would be dead ends, so both cases give no Repository and the pages leave the links
out.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

PLACEHOLDER_OWNER = "OWNER"


@dataclass(frozen=True)
class Repository:
    """A GitHub repository, e.g. https://github.com/od4d/open-data-peer-hub."""

    url: str

    @classmethod
    def from_url(cls, repo_url: str | None) -> Repository | None:
        """The repository repo_url names, or None if it is empty, a placeholder or not an
        https GitHub repository (issue forms and release downloads are GitHub's)."""
        parts = urlsplit((repo_url or "").strip())
        path = [segment for segment in parts.path.split("/") if segment]
        if parts.scheme != "https" or parts.netloc.lower() != "github.com" or len(path) != 2:
            return None
        owner, name = path[0], path[1].removesuffix(".git")
        if owner == PLACEHOLDER_OWNER:
            return None
        return cls(f"https://github.com/{owner}/{name}")

    def issue_form(self, template: str, **fields: str) -> str:
        """The new-issue address for one form in .github/ISSUE_TEMPLATE/, with fields
        filled in: GitHub issue forms take a query parameter per field id."""
        query = urlencode({"template": template, **fields})
        return f"{self.url}/issues/new?{query}"

    def latest_download(self, asset: str) -> str:
        """A file attached to the latest release; GitHub redirects to the newest copy."""
        return f"{self.url}/releases/latest/download/{asset}"
