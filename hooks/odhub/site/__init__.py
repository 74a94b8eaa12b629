"""Site: the complete source of the site, page by page, for any static-site engine.

The MkDocs adapter asks it for each page during a build; `odhub build-source` writes the
same files to a folder that engines without hooks (Zensical) build as they are.
"""

from __future__ import annotations

from odhub.site.built import fix_built_site
from odhub.site.settings import SiteSettings, edit_base, read_settings
from odhub.site.source import (
    SiteSource,
    SourceFile,
    check_output_folder,
    site_source,
    write_source,
)

__all__ = ["SiteSettings", "SiteSource", "SourceFile", "check_output_folder", "edit_base",
           "fix_built_site", "read_settings", "site_source", "write_source"]
