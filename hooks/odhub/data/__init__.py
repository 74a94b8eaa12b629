"""Data: read every data file and front matter, validate it, and build the model."""

from __future__ import annotations

from odhub.data.editions import edition_files
from odhub.data.errors import InvalidData, Problem
from odhub.data.history import SourceFiles
from odhub.data.load import load
from odhub.data.model import Model
from odhub.data.repository import Repository
from odhub.data.site import Site

__all__ = ["InvalidData", "Model", "Problem", "Repository", "Site", "SourceFiles",
           "edition_files", "load"]
