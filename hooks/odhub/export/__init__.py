"""Export: the hub's open data as files (CSV, JSON, data package, calendar, feed)."""

from __future__ import annotations

from odhub.derive.tables import EXPORT_DIR
from odhub.export.exports import write_exports

__all__ = ["EXPORT_DIR", "write_exports"]
