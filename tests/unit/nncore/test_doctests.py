"""Run the `>>>` examples in nncore's docstrings (doctest), one test per module.

Done here rather than with pytest's --doctest-modules so that `make unit`, `make test`
and a plain `pytest` all run them, and nothing outside nncore (Streamlit pages) is ever
imported for doctests.
"""

import doctest
import importlib
import pkgutil

import numpy as np
import pytest

import nncore

MODULES = sorted(["nncore"] + [f"nncore.{m.name}" for m in pkgutil.iter_modules(nncore.__path__)])
# modules a learner calls: each must show at least one example
PUBLIC = ["nncore.activations", "nncore.callbacks", "nncore.datasets", "nncore.initializers",
          "nncore.layers", "nncore.losses", "nncore.metrics", "nncore.model", "nncore.neurons",
          "nncore.optimizers", "nncore.population", "nncore.regularizers"]
FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


def run_examples(module):
    """(examples run, report text of the failures) for one module's docstrings."""
    finder, lines = doctest.DocTestFinder(), []
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    tests = finder.find(module, module.__name__, globs={"np": np, **vars(module)})
    for test in tests:
        runner.run(test, out=lines.append)
    return sum(len(test.examples) for test in tests), "".join(lines)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    count, report = run_examples(importlib.import_module(name))
    assert report == "", report
    if name in PUBLIC:
        assert count > 0, f"{name} has no >>> example"


def test_a_wrong_example_fails():
    module = type(nncore)("nncore_doctest_probe")
    module.__doc__ = ">>> 1 + 1\n3\n"
    count, report = run_examples(module)
    assert count == 1 and "Expected:\n    3\nGot:\n    2" in report
