"""Hostile input on Buy the Laptop (AppTest through the real navigation): HTML, script and
markdown in CSV cells, headers, link values and model files are shown as plain text or
refused in words; nothing a visitor sends reaches the page as markup; the safety settings
(upload cap, XSRF, no pickle/eval) stay in place.
"""

import json
import re
import tomllib
from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from decide.session import SESSION_KEY, WidgetKeys
from laptop.data import MAX_ROWS
from laptop.recipe import build_model, model_to_json_bytes
from tests.e2e.server import ROOT

ENTRY = "../../app_entry.py"
PAGE = "app_pages/buy_the_laptop.py"
SENTENCE = re.compile(r"(Buy it|Don't buy it): \d+% sure\. (Don't buy|Buy): \d+%\.")
HOSTILE = ["<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
           "<script>alert(1)</script>", "**bold** _it_ `code` $x^2$", "javascript:alert(1)"]
LAPTOP_PAGE_FILES = ["app_pages/buy_the_laptop.py", *sorted(
    str(p.relative_to(ROOT)) for p in (ROOT / "decide").glob("*.py"))]


def open_page(query=None) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(PAGE).run()
    return at


def all_text(at) -> list[str]:
    """The source text of every markdown-rendered element on the page."""
    out = []
    for kind in ("markdown", "caption", "error", "warning", "info", "success", "title",
                 "header", "subheader", "text", "code"):
        out += [str(e.value) for e in getattr(at, kind)]
    return out


ACTIVE = [re.compile(p) for p in (
    r"(?<!\\)<\s*(img|script|iframe|svg|a|b)\b",  # an HTML tag markdown would pass on
    r"(?<!\\)\]\((?!https?://)",  # a markdown link to anything but http(s)
    r"(?<!\\)\[x(?<!\\)\]",
    r"(?<!\\)\*\*bold",
)]


def active_markup(text: str) -> list[str]:
    return [p.pattern for p in ACTIVE if p.search(text)]


def assert_page_is_fine(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not any("Something went wrong" in e.value for e in at.error), \
        [e.value for e in at.error]
    texts = all_text(at)
    hits = {t: active_markup(t) for t in texts if active_markup(t)}
    assert hits == {}
    assert sum(bool(SENTENCE.search(m.value)) for m in at.markdown) == 1


def uploaded_table(at):
    return at.session_state[SESSION_KEY].good


@pytest.mark.parametrize("bad", HOSTILE)
def test_hostile_link_values_are_ignored_with_a_note(bad):
    at = open_page({"pink": bad, "small": bad, "data": bad, "model": bad, bad[:10]: bad})
    assert_page_is_fine(at)
    notes = [w.value for w in at.warning]
    assert any("not a number between 0 and 1" in n for n in notes), notes
    assert all(bad not in t for t in all_text(at))
    assert (at.session_state[SESSION_KEY].pink, at.session_state[SESSION_KEY].small) == (0.1, 0.6)
    assert len(uploaded_table(at)[1]) == 9


@pytest.mark.parametrize("cells", [
    f"{HOSTILE[0]},0.5,1\n0.2,0.2,0\n",
    f"0.5,{HOSTILE[1]},1\n0.2,0.2,0\n",
    f"0.5,0.5,{HOSTILE[2]}\n0.2,0.2,0\n",
    f"\"{HOSTILE[3]}\",0.5,1\n0.2,0.2,0\n",
])
def test_hostile_csv_cells_are_refused_in_plain_words(cells):
    at = open_page()
    before = uploaded_table(at)
    at.file_uploader(key=WidgetKeys.csv_upload).upload(
        HOSTILE[0] + ".csv", ("pink,small,buy\n" + cells).encode(), "text/csv")
    at.run()
    assert_page_is_fine(at)
    assert any("is not a number" in e.value or "is not 1 or 0" in e.value for e in at.error), \
        [e.value for e in at.error]
    assert (uploaded_table(at)[0] == before[0]).all() and (uploaded_table(at)[1] == before[1]).all()


@pytest.mark.parametrize("header", [f"pink,small,{h}" for h in HOSTILE] + [
    f"{HOSTILE[0]},{HOSTILE[1]},{HOSTILE[2]}"])
def test_hostile_csv_headers_are_shown_literally(header):
    at = open_page()
    at.file_uploader(key=WidgetKeys.csv_upload).upload(
        "x.csv", (header + "\n0.1,0.2,1\n0.3,0.4,0\n").encode(), "text/csv")
    at.run()
    assert_page_is_fine(at)
    errors = [e.value for e in at.error if "needs exactly the columns" in e.value]
    assert errors, [e.value for e in at.error]
    # the unexpected name is in the message, escaped: every < [ ( * carries a backslash
    assert re.search(r"\\<|\\\[|\\\*|javascript", errors[0]), errors[0]
    assert len(uploaded_table(at)[1]) == 9


WIDE_MODEL = json.dumps({"format": "nncore.Sequential", "layers": [
    {"type": "Dense", "units": 100_000, "activation": "relu", "input_dim": 2},
    {"type": "Dense", "units": 2, "activation": "softmax"}],
    "compile": {"optimizer": "adam", "loss": "binary_crossentropy"}}).encode()
HUGE_WEIGHTS = json.dumps({"format": "nncore.Sequential", "layers": [
    {"type": "Dense", "units": 1, "activation": "relu", "input_dim": 2},
    {"type": "Dense", "units": 2, "activation": "softmax"}],
    "weights": [[[1e308], [-1e308]], [0.0], [[10.0, -10.0]], [0.0, 0.0]]}).encode()


@pytest.mark.parametrize("raw", [
    b'{"layers": "<img src=x onerror=alert(1)>"}',
    b'{"class_name": "[x](javascript:alert(1))", "layers": [{"units": "<script>"}]}',
    b"\x80\x81 not utf-8 <script>alert(1)</script>",
    b"cos\nsystem\n(S'echo hacked'\ntR.",  # a pickle payload: never unpickled
    b'{"__class__": "os.system", "args": ["echo hacked"]}',
    b'[' * 5000,  # deeply nested JSON
    # 2 -> 100,000 -> 2: minutes of CPU and gigabytes if it were accepted
    pytest.param(WIDE_MODEL, id="wide-model"),
    pytest.param(HUGE_WEIGHTS, id="huge-weights"),  # finite at 3 points, NaN elsewhere
    pytest.param(WIDE_MODEL.replace(b'"units": 100000', b'"units": ' + b"9" * 5000),
                 id="5000-digit-integer"),  # longer than Python reads
])
def test_hostile_model_files_are_refused_and_the_model_kept(raw):
    at = open_page()
    before = [w.copy() for w in at.session_state[SESSION_KEY].model.get_weights()]
    verdict_before = [m.value for m in at.markdown if SENTENCE.search(m.value)]
    at.file_uploader(key=WidgetKeys.model_upload).upload(
        HOSTILE[1] + ".json", raw, "application/json")
    at.run()
    assert_page_is_fine(at)
    assert any("The current model is kept" in e.value for e in at.error), \
        [e.value for e in at.error]
    after = at.session_state[SESSION_KEY].model.get_weights()
    assert all((a == b).all() for a, b in zip(after, before, strict=True))
    assert [m.value for m in at.markdown if SENTENCE.search(m.value)] == verdict_before


def test_a_table_over_the_row_cap_is_refused_with_a_clear_message():
    at = open_page()
    rows = "".join(f"{(i % 100) / 100},{(i * 7 % 100) / 100},{i % 2}\n"
                   for i in range(MAX_ROWS + 1))
    at.file_uploader(key=WidgetKeys.csv_upload).upload(
        "big.csv", ("pink,small,buy\n" + rows).encode(), "text/csv")
    at.run()
    assert_page_is_fine(at)
    assert any(f"the limit is {MAX_ROWS:,}" in e.value for e in at.error), \
        [e.value for e in at.error]
    assert len(uploaded_table(at)[1]) == 9


def test_upload_cap_and_xsrf_protection_are_configured():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert 0 < config["server"]["maxUploadSize"] <= 10  # megabytes
    assert config["server"].get("enableXsrfProtection", True) is True
    assert config["server"].get("enableCORS", True) is True


def test_laptop_page_never_renders_html_and_nothing_unpickles_or_evals():
    markup = re.compile(r"unsafe_allow_html\s*=\s*(?!False)|\bst\.html\(|components\.html\(")
    assert len(LAPTOP_PAGE_FILES) > 5  # the page and its sections in decide/
    for name in LAPTOP_PAGE_FILES:
        assert not markup.search((ROOT / name).read_text()), name
    risky = re.compile(r"\b(pickle|marshal|shelve|eval|exec|__import__)\s*[.(]"
                       r"|allow_pickle\s*=\s*True|yaml\.load\(")
    for folder in ("app_pages", "ui", "laptop", "nncore", "learn", "decide"):
        assert (ROOT / folder).is_dir(), folder
        for path in (ROOT / folder).rglob("*.py"):
            hits = [line for line in path.read_text().splitlines()
                    if risky.search(line) and not line.lstrip().startswith("#")]
            assert hits == [], (path.name, hits)


def test_a_model_file_with_a_byte_order_mark_loads():
    at = open_page()
    settings = at.session_state[SESSION_KEY].settings
    model = build_model(replace(settings, seed=settings.seed + 1))
    at.file_uploader(key=WidgetKeys.model_upload).upload(
        "model.json", b"\xef\xbb\xbf" + model_to_json_bytes(model, settings), "application/json")
    at.run()
    assert_page_is_fine(at)
    assert any("Loaded the model from the file" in s.value for s in at.success), \
        [e.value for e in at.error]
    loaded = at.session_state[SESSION_KEY].model.get_weights()
    assert all((a == b).all() for a, b in zip(loaded, model.get_weights(), strict=True))
