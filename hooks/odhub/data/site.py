"""The build around the data: the hub's folder, its public repository and file history.

The model holds what the data says. A few page parts also need the build itself: the
home page's "what's new" (the files changed last) and the offline download (the release
asset and the size of the zip built beside the site).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from odhub.data import history
from odhub.data.repository import Repository

# scripts/build_offline.py writes it here; the publish workflow attaches it to a release.
OFFLINE_ZIP = "odhub-offline.zip"


@dataclass
class Site:
    root: Path
    repository: Repository | None = None
    # Root-relative path -> last commit date (history.file_dates), asked of git once.
    dates: dict[str, dt.datetime] = field(default_factory=dict)

    def updated(self, path: str) -> dt.datetime | None:
        """When a root-relative file last changed: its commit, else its file time."""
        return history.last_updated(self.root, path, self.dates)

    @property
    def offline_download(self) -> str | None:
        """Where readers download the offline edition, once the hub is published."""
        return self.repository.latest_download(OFFLINE_ZIP) if self.repository else None

    @cached_property
    def offline_zip_size(self) -> int | None:
        """Bytes of the zip built beside this site (`make offline` before `make site`)."""
        zip_file = self.root / OFFLINE_ZIP
        return zip_file.stat().st_size if zip_file.is_file() else None
