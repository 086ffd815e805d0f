"""scripts/check_python.py: a too-old Python gets a plain message before anything installs."""

import runpy
import sys
from pathlib import Path

import pytest

SCRIPT = str(Path(__file__).resolve().parents[2] / "scripts" / "check_python.py")


def test_python_3_10_is_refused_with_the_version_needed_and_found(monkeypatch):
    monkeypatch.setattr(sys, "version_info", (3, 10, 12, "final", 0))
    with pytest.raises(SystemExit) as stop:
        runpy.run_path(SCRIPT, run_name="__main__")
    message = str(stop.value.code)
    assert "needs Python 3.11 or newer" in message
    assert "is 3.10.12" in message


@pytest.mark.parametrize("version", [(3, 11, 0, "final", 0), (3, 13, 1, "final", 0)])
def test_supported_pythons_pass_silently(monkeypatch, version):
    monkeypatch.setattr(sys, "version_info", version)
    runpy.run_path(SCRIPT, run_name="__main__")
