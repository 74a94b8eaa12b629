"""Export: the hub's open data as files (CSV, JSON, data package, calendar, feed), and
the web edition's search index over the built site."""

from __future__ import annotations

from odhub.derive.tables import EXPORT_DIR
from odhub.export.exports import write_exports
from odhub.export.search import SearchIndexError, index_site

__all__ = ["EXPORT_DIR", "SearchIndexError", "index_site", "write_exports"]
