"""House rules read from the source: every cache is bounded, no two functions share a name
with different meanings, and modules are imported under their own names."""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP_FOLDERS = ("app_pages", "learn", "decide", "ui", "laptop")
CONVENTIONAL_ALIASES = {"np", "pd", "go", "st"}  # numpy, pandas, plotly, streamlit


def _sources(folders=APP_FOLDERS) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def _is_cache_data(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "cache_data"


def unbounded_caches(source: str) -> list[int]:
    """Line numbers of `st.cache_data` uses without `max_entries` (a bare decorator, or a
    call that does not pass it)."""
    tree = ast.parse(source)
    called = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _is_cache_data(node.func):
            if not any(k.arg == "max_entries" for k in node.keywords):
                lines.append(node.lineno)
        elif _is_cache_data(node) and id(node) not in called:
            lines.append(node.lineno)
    return lines


def test_the_cache_check_catches_an_unbounded_cache():
    assert unbounded_caches("@st.cache_data\ndef f(): pass") == [1]
    assert unbounded_caches("g = st.cache_data(show_spinner=False)(f)") == [1]
    assert unbounded_caches("g = st.cache_data(max_entries=8)(f)") == []


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_cache_data_has_max_entries(path):
    assert unbounded_caches(path.read_text()) == [], (
        f"{path.relative_to(ROOT)}: st.cache_data without max_entries (a visitor could grow "
        "the shared cache without limit)")


def test_no_two_public_functions_share_a_name():
    homes = defaultdict(list)
    for path in _sources(APP_FOLDERS + ("nncore",)):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                homes[node.name].append(str(path.relative_to(ROOT)))
    shared = {name: files for name, files in homes.items() if len(files) > 1}
    assert shared == {}, f"one name, several functions: {shared}"


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_are_imported_under_their_own_names(path):
    aliases = [(alias.name, alias.asname) for node in ast.walk(ast.parse(path.read_text()))
               if isinstance(node, ast.Import | ast.ImportFrom) for alias in node.names
               if alias.asname and alias.asname not in CONVENTIONAL_ALIASES]
    assert aliases == [], f"{path.relative_to(ROOT)} renames on import: {aliases}"


def test_no_module_defines_a_function_twice():
    """A second `def` of the same name in one module silently replaces the first (two
    branches once each added a private `_count` to laptop/recipe.py, with other arguments)."""
    twice = {}
    for path in _sources(APP_FOLDERS + ("nncore",)):
        names = [node.name for node in ast.parse(path.read_text()).body
                 if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            twice[str(path.relative_to(ROOT))] = repeated
    assert twice == {}, f"defined twice in one module: {twice}"
