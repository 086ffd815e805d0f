"""nncore imports numpy and the standard library only (read from the source with ast)."""

import ast
import sys
from pathlib import Path

import pytest

import nncore

FILES = sorted(Path(nncore.__file__).parent.glob("*.py"))


def imported_roots(source):
    """Top-level names of the absolute imports in `source` (relative ones are nncore's)."""
    roots = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_nncore_imports_numpy_and_the_standard_library_only(path):
    others = imported_roots(path.read_text()) - {"numpy"} - set(sys.stdlib_module_names)
    assert not others, f"{path.name} imports {sorted(others)}"


def test_the_check_sees_a_foreign_import():
    assert imported_roots("import numpy as np\nfrom streamlit import x\nfrom . import a") == {
        "numpy", "streamlit"}
