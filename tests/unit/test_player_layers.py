"""The player's modules import only what their layer may (STYLE.md: app_pages -> ui ->
laptop -> nncore -> numpy): checked in a fresh interpreter, by what lands in sys.modules."""

import subprocess
import sys

import pytest

from tests.e2e.server import ROOT

RULES = {  # module: top-level packages it must not pull in
    "nncore.recording": {"streamlit", "plotly", "pandas", "laptop", "ui"},
    "laptop.playback": {"streamlit", "plotly", "ui"},
    "ui.player.payload": {"streamlit", "plotly", "nncore", "laptop"},
}


@pytest.mark.parametrize("module,forbidden", RULES.items())
def test_module_imports_stay_in_their_layer(module, forbidden):
    code = (f"import sys, {module}; "
            "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))")
    loaded = set(subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                                capture_output=True, text=True).stdout.split())
    assert module.split(".")[0] in loaded  # the check can see what was imported
    assert not loaded & forbidden, loaded & forbidden
