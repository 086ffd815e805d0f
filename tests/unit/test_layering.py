"""Who may import whom. The rule, from the bottom up:

    app_pages -> learn, decide -> ui, laptop -> nncore -> numpy

- nncore imports NumPy and the standard library only;
- laptop never imports streamlit or plotly;
- figure modules (`*figures`, `ui.traces`, `ui.theme`, `ui.decision_map`) never import
  streamlit;
- computation modules (every other module that is not a screen part) import neither;
- screen parts, the only modules that may import streamlit, are named for it: `*_section`,
  `sections`, `widgets` and `common`;
- ui never imports nncore, laptop, learn or decide; learn and decide never import each other.

Two checks hold it. Each group of modules is imported in a fresh Python process and its
`sys.modules` inspected afterwards (as holoviz/panel's tests/test_imports.py does), so an
import two modules deep counts. And every module's own import statements are read, function
bodies included, so a lazy import inside a function counts too and the failure names the
module that broke the rule.
"""

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("nncore", "laptop", "learn", "decide", "ui")
SCREEN_NAMES = ("sections", "widgets", "common")
FIGURE_MODULES = ("ui.traces", "ui.theme", "ui.decision_map")
ENGINE_ALLOWED = {"numpy", "nncore", "__main__", "_distutils_hack"}  # the last: setuptools' .pth


def _all_modules() -> list[str]:
    names = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


MODULES = _all_modules()


def kind(module: str) -> str:
    """"engine", "screen", "figures" or "computation"."""
    last = module.rsplit(".", 1)[-1]
    if module.split(".")[0] == "nncore":
        return "engine"
    if last in SCREEN_NAMES or last.endswith("_section"):
        return "screen"
    if last.endswith("figures") or module in FIGURE_MODULES:
        return "figures"
    return "computation"


def forbidden(module: str) -> set[str]:
    """Top-level packages `module` must not import (engine: anything outside its allow-list)."""
    package = module.split(".")[0]
    banned = {"screen": set(), "figures": {"streamlit"},
              "computation": {"streamlit", "plotly"}, "engine": set()}[kind(module)]
    banned |= {"ui": {"nncore", "laptop", "learn", "decide"},
               "learn": {"decide"}, "decide": {"learn"},
               "laptop": {"streamlit", "plotly", "ui", "learn", "decide"}}.get(package, set())
    return banned


def _path(module: str) -> Path:
    path = ROOT / Path(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def imported_packages(module: str) -> set[str]:
    """The top-level names of every import statement in the module's source."""
    tree = ast.parse(_path(module).read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def loaded_packages(modules: list[str]) -> set[str]:
    """Top-level names in sys.modules after importing `modules` in a fresh interpreter."""
    code = ("import importlib, json, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_every_package_is_found_and_every_module_has_a_kind():
    assert {m.split(".")[0] for m in MODULES} == set(PACKAGES)
    assert "decide.figures" in MODULES and kind("decide.figures") == "figures"
    assert kind("decide.data_section") == "screen" and kind("laptop.recipe") == "computation"
    assert kind("decide.session") == "computation"  # the session is tested without Streamlit
    # the training player: its payload is pure, only its custom component draws
    assert kind("ui.player.payload") == "computation" and kind("ui.player.widgets") == "screen"
    assert kind("nncore.recording") == "engine" and kind("laptop.playback") == "computation"


@pytest.mark.parametrize("module", MODULES)
def test_module_imports_only_what_its_layer_allows(module):
    imported = imported_packages(module)
    if kind(module) == "engine":
        outside = {name for name in imported
                   if name not in sys.stdlib_module_names and name not in ENGINE_ALLOWED}
        assert not outside, f"{module} ({kind(module)}) imports {sorted(outside)}"
    bad = imported & forbidden(module)
    assert not bad, f"{module} ({kind(module)}) imports {sorted(bad)}"


def _group(test) -> list[str]:
    return [m for m in MODULES if test(m)]


@pytest.mark.parametrize("group,banned", [
    ("engine", None),
    ("computation", {"streamlit", "plotly"}),
    ("figures", {"streamlit"}),
    ("ui", {"nncore", "laptop", "learn", "decide"}),
])
def test_group_loads_nothing_its_layer_forbids(group, banned):
    """The same rules on what really ends up loaded, imports of imports included."""
    if group == "ui":
        modules = _group(lambda m: m.split(".")[0] == "ui")
    else:
        modules = _group(lambda m: kind(m) == group)
    loaded = loaded_packages(modules)
    if banned is None:  # the engine: NumPy and the standard library, nothing else
        outside = {n for n in loaded if n not in sys.stdlib_module_names} - ENGINE_ALLOWED
        assert not outside, f"importing nncore loads {sorted(outside)}"
    else:
        assert not loaded & banned, f"importing {modules} loads {sorted(loaded & banned)}"


def test_the_rules_name_what_each_kind_may_not_import():
    """The rule fails when broken: a module classified as computation that imports
    streamlit is reported."""
    assert "streamlit" in forbidden("learn.neurons.experiments")
    assert "plotly" in forbidden("learn.neurons.experiments")
    assert "streamlit" in forbidden("decide.figures")
    assert "streamlit" not in forbidden("decide.data_section")
    assert "nncore" in forbidden("ui.words")


def test_the_warm_up_module_is_cheap_for_the_entry_script_to_import():
    """decide.warm_up is imported by the entry script on every run and does the page's heavy
    imports in a thread of its own, later: importing it loads the standard library only."""
    loaded = loaded_packages(["decide.warm_up"])
    outside = {n for n in loaded if n not in sys.stdlib_module_names} - {"__main__",
                                                                           "_distutils_hack"}
    assert outside == {"decide"}, f"importing decide.warm_up loads {sorted(outside)}"
