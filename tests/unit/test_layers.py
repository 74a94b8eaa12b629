"""The library's layers: validation stays in the data layer."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

# Run in a fresh interpreter: this test process has imported everything already.
_PROBE = """
import json, sys
from odhub.cli.main import main
code = main(["--root", sys.argv[1], "validate"])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def test_validate_loads_no_rendering_code() -> None:
    result = subprocess.run([sys.executable, "-c", _PROBE, str(ROOT)], capture_output=True,
                            text=True, check=False)
    report = json.loads(result.stdout.splitlines()[-1])
    loaded = set(report["modules"])
    assert report["code"] in (0, 1), result.stderr
    assert "odhub.data.load" in loaded  # the probe did run validation
    rendering = sorted(m for m in loaded if m.startswith(("odhub.render", "odhub.export",
                                                          "odhub.derive", "jinja2")))
    assert rendering == []
