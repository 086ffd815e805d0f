"""Every chart has a text alternative and no Plotly mode bar (ui.theme.show_chart).

`show_chart` passes `alt` to st.plotly_chart (Streamlit 1.67 makes it the chart's
aria-label). Every call in the app's code gives one, and `alt` has no default. What each
sentence says is tested beside its figure builder (the `*_alt` functions).
"""

import ast
import inspect
from pathlib import Path

import pytest

from ui.theme import CHART_CONFIG, figure, show_chart

ROOT = Path(__file__).resolve().parents[3]
PAGE_CODE = ("app_pages", "learn", "decide", "ui")


class Recorder:
    """Stands in for `st` or a column: keeps what plotly_chart was given."""

    def plotly_chart(self, fig, **kwargs):
        self.fig, self.kwargs = fig, kwargs
        return "element"


def test_show_chart_passes_alt_and_turns_the_mode_bar_and_streamlit_s_theme_off():
    fig = figure([{"type": "scatter", "y": [1, 2]}])
    container = Recorder()
    assert show_chart(container, fig, alt="A line from 1 to 2.", key="k") == "element"
    assert container.fig is fig
    assert container.kwargs == {"theme": None, "config": {"displayModeBar": False},
                                "alt": "A line from 1 to 2.", "key": "k"}


def test_show_chart_merges_a_given_config_over_no_mode_bar():
    container = Recorder()
    show_chart(container, figure([]), alt="Empty.", config={"scrollZoom": False})
    assert container.kwargs["config"] == {"displayModeBar": False, "scrollZoom": False}
    assert CHART_CONFIG == {"displayModeBar": False}  # not changed by the merge


@pytest.mark.parametrize("blank", ["", "   ", "\n", None])
def test_show_chart_refuses_a_blank_alt(blank):
    # Streamlit would treat it as no alt at all, silently.
    with pytest.raises(ValueError, match="alt must describe the chart"):
        show_chart(Recorder(), figure([]), alt=blank)


def calls_in(source: str) -> list[tuple[int, bool]]:
    """Each `show_chart(...)` or `theme.show_chart(...)` call: (line, has an alt= keyword)."""
    return sorted((node.lineno, any(k.arg == "alt" for k in node.keywords))
                  for node in ast.walk(ast.parse(source))
                  if isinstance(node, ast.Call)
                  and getattr(node.func, "id", getattr(node.func, "attr", None)) == "show_chart")


def show_chart_calls() -> list[tuple[str, bool]]:
    """Every show_chart call in the app's code: ("path:line", has an alt= keyword)."""
    return [(f"{path.relative_to(ROOT)}:{line}", has_alt)
            for folder in PAGE_CODE for path in sorted((ROOT / folder).rglob("*.py"))
            for line, has_alt in calls_in(path.read_text())]


def test_the_scan_tells_a_call_with_alt_from_one_without():
    source = ("show_chart(st, fig)\n"
              "theme.show_chart(col, fig, key='k',\n    alt=f'Buy: {p:.0%}.')\n"
              "st.plotly_chart(fig, alt='not ours')\n")
    assert calls_in(source) == [(1, False), (2, True)]


def test_the_scan_finds_the_pages_charts():
    # Guards the test below against passing because the scan found nothing: 25 calls in
    # app_pages/, learn/ and decide/ when every chart got its alt.
    calls = [where for where, _ in show_chart_calls()]
    assert len(calls) >= 25, calls
    assert any(where.startswith("app_pages/") for where in calls)
    assert any(where.startswith("decide/") for where in calls)


def test_every_chart_has_a_text_alternative():
    missing = [where for where, has_alt in show_chart_calls() if not has_alt]
    assert missing == []


def test_show_chart_requires_alt():
    assert inspect.signature(show_chart).parameters["alt"].default is inspect.Parameter.empty
