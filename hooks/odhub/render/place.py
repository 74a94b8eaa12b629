"""Where each page kept out of the navigation belongs: the page it sits under.

Country, hub, case study, guidance, principle, sector and objective pages are left out of
the navigation, which Material renders into every page (listing them would make every
page heavier and the build quadratic). They still belong to a section. Their parent gives
them breadcrumbs (Countries › Regional hubs › Africa › Kenya), the section's highlighted
tab and the section's side navigation.
"""

from __future__ import annotations

import posixpath
from functools import cached_property

from odhub.data.model import Model

# A folder's own index page is the parent of the other pages in it; pages at the top of
# docs/ that the navigation leaves out (the tags page) sit under the Learn section.
_TOP_LEVEL_PARENT = "learn/index.md"


class Places:
    """Parents of pages, from the hub's data: one instance per build."""

    def __init__(self, model: Model) -> None:
        self.model = model

    @cached_property
    def _country_parents(self) -> dict[str, str]:
        hubs = self.model.hubs
        return {country.page: hubs[country.hub].page if country.hub in hubs
                else "countries/index.md"
                for country in self.model.countries.values()}

    def parent(self, src_uri: str) -> str | None:
        """The docs path of the page src_uri sits under (which may not exist), or None."""
        if src_uri in self._country_parents:
            parent = self._country_parents[src_uri]
        else:
            folder = posixpath.dirname(src_uri)
            if not folder:
                parent = _TOP_LEVEL_PARENT if src_uri != "index.md" else None
            elif posixpath.basename(src_uri) == "index.md":
                return None  # a section index sits where the navigation puts it
            else:
                parent = f"{folder}/index.md"
        return None if parent == src_uri else parent
