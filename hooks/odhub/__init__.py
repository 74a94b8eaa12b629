"""odhub: the Open Data Peer Hub library. Pure functions from data to pages; no MkDocs.

The subpackages are its layers; each imports only from the layers below it (import-linter
checks this in `make test`):

    cli       the `odhub` command: validate, new, generate, export, diff, messages, build-source
    site      the complete site source for any engine (the MkDocs hooks call it too)
    export    files of the hub's open data: CSV, JSON, data package, calendar, feed
    render    Markdown pages, shortcodes, SVG figures and theme fixes, from Jinja templates
    derive    views computed from the model: peers, related links, events, explorer, tables
    data      reading, validating and modelling data/ and page front matter
    lang      the translation function and country names from CLDR

Importing `odhub` loads the data layer only, so `odhub validate` stays quick; the MkDocs
adapter imports `odhub.site` (and the layers below it) when it builds.
"""

from __future__ import annotations

from odhub.data import InvalidData, Model, Problem, load

__all__ = ["InvalidData", "Model", "Problem", "load"]
