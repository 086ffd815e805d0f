"""Property tests (Hypothesis) for the path a visitor's input takes on Buy the Laptop.

CSV bytes -> read_csv_bytes -> check_table -> train -> predict_buy -> verdict, and link values
-> read_laptop / decode_table / decode_settings. Whatever goes in, the outcome is either a
trained model whose answers are finite probabilities that sum to 1, or a plain-words error
(DataError, ModelFileError, ValueError from a decoder, or a TrainingRun.problem); never
another exception, and never a numpy RuntimeWarning (pytest turns those into errors).
"""

import json
import math
import string
from dataclasses import replace

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from laptop.data import (
    MAX_UPLOAD_BYTES,
    DataError,
    check_table,
    editor_table,
    read_csv_bytes,
    to_csv_bytes,
)
from laptop.plain_text import literal
from laptop.recipe import (
    ACTIVATIONS,
    INITIALIZERS,
    MAX_HIDDEN_UNITS,
    RECIPE,
    ModelFileError,
    Settings,
    build_model,
    model_from_json_bytes,
    model_to_json_bytes,
    predict_buy,
    train,
)
from laptop.share_link import (
    MAX_LINK_ROWS,
    SETTING_CODES,
    decode_settings,
    decode_table,
    encode_settings,
    encode_table,
    read_laptop,
)
from laptop.verdict import verdict

FAST = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FEW_EPOCHS = replace(RECIPE, epochs=5)
GRID = np.array([[a, b] for a in (0.0, 0.5, 1.0) for b in (0.0, 0.5, 1.0)])
# The decision map's 41 x 41 grid (ui.grid.probability_grid): the page asks a model
# about every one of these points on every run.
MAP_AXIS = np.linspace(0.0, 1.0, 41)
MAP_GRID = np.column_stack([a.ravel() for a in np.meshgrid(MAP_AXIS, MAP_AXIS)])
HOSTILE = ["<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "<script>alert(1)</script>",
           "**bold**", "$x^2$", "=cmd|' /C calc'!A0", "\u202e", "\x00", "' OR 1=1 --"]


def assert_usable(model, x) -> None:
    """The model answers every row and the map's grid with finite probabilities summing to 1."""
    probe = np.vstack([np.asarray(x, float).reshape(-1, 2), GRID, MAP_GRID])
    out = np.asarray(model.predict(probe), dtype=float)
    assert out.shape == (len(probe), 2)
    assert np.all(np.isfinite(out))
    assert np.all((out >= 0) & (out <= 1))
    np.testing.assert_allclose(out.sum(axis=1), 1.0, atol=1e-9)
    for p in predict_buy(model, probe[:3]):
        answer = verdict(float(p))
        assert answer.buy_percent + answer.no_buy_percent == 100


def train_or_explain(x, y, chosen: Settings = FEW_EPOCHS) -> None:
    run = train(x, y, chosen)
    if run.ok:
        assert_usable(run.model, x)
        assert run.problem is None
    else:
        assert isinstance(run.problem, str) and run.problem.strip()


def through_the_page(raw: bytes) -> None:
    """What an uploaded CSV goes through: read, check, train (or a plain-words stop)."""
    try:
        table = read_csv_bytes(raw, name="The uploaded file")
    except DataError as error:
        assert str(error).strip()
        return
    assert list(table.columns) == ["pink", "small", "buy"]
    check = check_table(table)
    if not check.ok:
        assert check.problems and all(p.strip() for p in check.problems)
        return
    assert check.x.shape == (len(table), 2) and check.y.shape == (len(table),)
    assert np.all(np.isfinite(check.x)) and np.all((check.x >= 0) & (check.x <= 1))
    assert set(check.y.tolist()) == {0, 1}
    train_or_explain(check.x, check.y)


# ---- cells, tables and CSV bytes ----------------------------------------------------------
NUMBER_TEXT = st.one_of(
    st.floats(min_value=0, max_value=1).map(repr),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["nan", "NaN", "inf", "-inf", "1e308", "1e-308", "5e-324", "-0", "0.",
                     ".5", "1e400", "0x1", "1_0", " 0.5 ", "", "  ", "1,5"]),
    st.integers(min_value=-10**30, max_value=10**30).map(str),
    st.text(max_size=12),
    st.sampled_from(HOSTILE),
)
BUY_TEXT = st.one_of(
    st.sampled_from(["1", "0", "1.0", "0.0", "true", "False", "yes", "NO", "buy", "don't buy",
                     "y", "n", "", "2", "-1", "nan", "maybe"]),
    st.text(max_size=8),
    st.sampled_from(HOSTILE),
)


def csv_cell(text: str) -> str:
    """Quote a cell the way a spreadsheet would when it holds a comma, quote or newline."""
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


@st.composite
def csv_tables(draw) -> bytes:
    header = draw(st.one_of(
        st.just(["pink", "small", "buy"]),
        st.permutations(["pink", "small", "buy"]).map(list),
        st.sampled_from([["Pink", " SMALL ", "Buy"], ["pink", "small"],
                         ["pink", "small", "buy", "extra"], ["pink", "pink", "buy"],
                         ["pink", "small", "<b>buy</b>"]]),
    ))
    n = draw(st.integers(min_value=0, max_value=25))
    good = st.tuples(st.floats(0, 1).map(lambda v: f"{v:.3f}"),
                     st.floats(0, 1).map(lambda v: f"{v:.3f}"), st.sampled_from(["0", "1"]))
    wild = st.tuples(NUMBER_TEXT, NUMBER_TEXT, BUY_TEXT)
    rows = draw(st.lists(st.one_of(good, good, wild), min_size=n, max_size=n))
    by_name = [dict(zip(("pink", "small", "buy"), r, strict=True)) for r in rows]
    lines = [",".join(csv_cell(h) for h in header)]
    for r in by_name:
        lines.append(",".join(csv_cell(r.get(h.strip().lower(), "0.5")) for h in header))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines) + draw(st.sampled_from(["", newline, newline * 3]))
    bom = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
    return bom + text.encode("utf-8")


@FAST
@given(csv_tables())
def test_any_csv_table_gives_a_model_or_a_plain_error(raw):
    through_the_page(raw)


@st.composite
def spreadsheet_files(draw, wild: bool = False) -> tuple[bytes, list[tuple[str, str, str]]]:
    """A CSV as some spreadsheet writes it, and the (pink, small, buy) it means: a separator,
    a decimal mark, line endings, an encoding, maybe a separator ending every line or Excel's
    "sep=" line; cells as fixed decimals, percentages or exponents (or, if wild, anything)."""
    separator = draw(st.sampled_from([",", ";", "\t", "|"]))
    mark = draw(st.sampled_from(["."] if separator == "," else [".", ","]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]))
    end = separator if draw(st.booleans()) else ""
    amount = st.one_of(
        st.decimals(0, 1, places=3).map(lambda d: (str(d), str(d))),
        st.decimals(0, 100, places=1).map(lambda d: (f"{d}%", f"{d}e-2")),
        st.integers(1, 9).map(lambda d: (f"{d}e-1", f"{d}e-1")),
    )
    meant, cells = [], []
    for _ in range(draw(st.integers(0, 12))):
        (pink, pink_is), (small, small_is) = draw(amount), draw(amount)
        buy = draw(st.sampled_from(["0", "1", "yes", "no"]))
        meant.append((pink_is, small_is, buy))
        cells.append([pink.replace(".", mark), small.replace(".", mark), buy])
    if wild:
        cells += draw(st.lists(st.tuples(NUMBER_TEXT, NUMBER_TEXT, BUY_TEXT).map(list),
                               max_size=4))
    lines = ([f"sep={separator}"] if draw(st.booleans()) else []) + ["pink,small,buy".replace(
        ",", separator) + end] + [separator.join(csv_cell(c) if separator == "," else c
                                                  for c in row) + end for row in cells]
    text = newline.join(lines) + newline
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    return bom + text.encode(encoding), meant


@FAST
@given(spreadsheet_files())
def test_spreadsheet_csvs_are_read_as_meant(drawn):
    raw, meant = drawn
    table = read_csv_bytes(raw)
    assert table["pink"].tolist() == [float(p) for p, _, _ in meant]
    assert table["small"].tolist() == [float(s) for _, s, _ in meant]
    assert table["buy"].tolist() == [b in ("1", "yes") for _, _, b in meant]
    through_the_page(raw)


@FAST
@given(spreadsheet_files(wild=True))
def test_any_spreadsheet_csv_gives_a_model_or_a_plain_error(drawn):
    through_the_page(drawn[0])


@FAST
@given(st.binary(max_size=400))
@example(b",")
@example(b'""')
def test_any_bytes_give_a_model_or_a_plain_error(raw):
    through_the_page(raw)


@settings(max_examples=40, deadline=None)
@example(" , \n,,")
@given(st.text(alphabet=string.printable + "äé€\u2028", max_size=300))
def test_any_text_file_gives_a_model_or_a_plain_error(text):
    through_the_page(("pink,small,buy\n" + text).encode("utf-8"))
    through_the_page(text.encode("utf-8"))


def test_oversized_files_are_refused_in_words():
    raw = b"pink,small,buy\n" + b"0.5,0.5,1\n" * (MAX_UPLOAD_BYTES // 10 + 1)
    with np.testing.assert_raises(DataError):
        read_csv_bytes(raw)
    rows = b"pink,small,buy\n" + b"0.5,0.5,1\n0.1,0.1,0\n" * 600  # 1,200 rows, small file
    try:
        read_csv_bytes(rows)
    except DataError as error:
        assert "limit" in str(error)
    else:
        raise AssertionError("a table over the row cap was accepted")


CELL_VALUES = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=0, max_value=1),
    st.sampled_from([1e308, -1e308, 5e-324, 1e-300, 0.0, 1.0, float("nan"), float("inf")]),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.text(max_size=6), st.none(), st.booleans(), st.sampled_from(HOSTILE),
)


@FAST
@given(st.lists(st.tuples(CELL_VALUES, CELL_VALUES,
                          st.one_of(st.booleans(), st.none(), CELL_VALUES)),
                max_size=20))
def test_any_editor_table_gives_a_model_or_a_plain_error(rows):
    """The data editor hands the page a DataFrame of whatever the visitor typed or added."""
    table = pd.DataFrame(rows, columns=["pink", "small", "buy"]) if rows else \
        pd.DataFrame({"pink": [], "small": [], "buy": []})
    check = check_table(table)
    shown = check_table(editor_table(table))  # the same table as the editor shows it (text)
    assert shown.ok == check.ok
    if check.ok:
        np.testing.assert_array_equal(shown.x, check.x)
        np.testing.assert_array_equal(shown.y, check.y)
        assert np.all(np.isfinite(check.x))
        train_or_explain(check.x, check.y)
        # what the page offers for download reads back to the same table
        again = check_table(read_csv_bytes(to_csv_bytes(table)))
        assert again.ok and np.array_equal(again.y, check.y)
        np.testing.assert_allclose(again.x, check.x)
    else:
        assert check.problems


@FAST
@given(st.integers(min_value=1, max_value=30), st.sampled_from([0, 1]),
       st.floats(0, 1), st.floats(0, 1))
def test_one_row_or_one_class_is_refused_in_words(n, label, pink, small):
    table = pd.DataFrame({"pink": [pink] * n, "small": [small] * n, "buy": [bool(label)] * n})
    check = check_table(table)
    assert not check.ok and check.problems


# ---- settings and training ------------------------------------------------------------------
WILD_NUMBERS = st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                         st.integers(min_value=-(2**40), max_value=2**40),
                         st.sampled_from([0, 1, -1, 100.0, 1e-9, 2**31, True]))
LABELLED_ROWS = st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1), st.sampled_from([0, 1])),
                         min_size=2, max_size=30).filter(lambda r: len({b for *_, b in r}) == 2)


@FAST
@given(LABELLED_ROWS,
       st.builds(Settings,
                 hidden_units=st.one_of(st.integers(1, 16), WILD_NUMBERS),
                 activation=st.one_of(st.sampled_from(list(ACTIVATIONS)), st.text(max_size=8)),
                 learning_rate=st.one_of(st.sampled_from([0.001, 0.1, 3.0, 10.0, 100.0]),
                                         WILD_NUMBERS),
                 epochs=st.one_of(st.integers(1, 8), st.sampled_from([0, -3, 10**9])),
                 batch_size=st.one_of(st.integers(1, 40), st.sampled_from([0, -1, 10**6])),
                 initializer=st.one_of(st.sampled_from(list(INITIALIZERS)),
                                       st.text(max_size=8)),
                 validation_split=st.one_of(st.floats(0, 0.5), WILD_NUMBERS),
                 seed=st.one_of(st.integers(0, 2**31 - 1), WILD_NUMBERS)))
def test_any_settings_train_or_explain(rows, chosen):
    x = np.array([[a, b] for a, b, _ in rows])
    y = np.array([c for *_, c in rows])
    run = train(x, y, chosen)
    if run.ok:
        assert not chosen.problems()
        assert_usable(run.model, x)
    else:
        assert run.problem and run.problem.strip()


@FAST
@given(LABELLED_ROWS, st.integers(0, 2**31 - 1))
def test_training_is_seeded_and_deterministic(rows, seed):
    x = np.array([[a, b] for a, b, _ in rows])
    y = np.array([c for *_, c in rows])
    chosen = replace(FEW_EPOCHS, seed=seed)
    first, second = train(x, y, chosen), train(x, y, chosen)
    assert first.ok == second.ok
    if first.ok:
        np.testing.assert_array_equal(first.model.predict(GRID), second.model.predict(GRID))


def test_learning_rate_100_ends_with_words_and_no_model():
    x = np.array([[0.1, 0.1], [0.3, 0.3], [0.5, 0.6], [0.4, 0.8], [0.9, 0.1],
                  [0.75, 0.4], [0.75, 0.9], [0.6, 0.9], [0.6, 0.75]])
    y = np.array([0, 0, 1, 1, 0, 0, 1, 1, 1])
    blown = [train(x, y, replace(RECIPE, learning_rate=100.0, seed=s)) for s in range(5)]
    for run in blown:
        assert run.ok or run.problem  # never an exception
        if run.ok:
            assert_usable(run.model, x)
    assert any(not r.ok and "out of control" in r.problem for r in blown)


# ---- model files ------------------------------------------------------------------------------
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.floats(allow_nan=False), st.integers(),
              st.text(max_size=10), st.just([]), st.just({})),
    # min_size=1: the containers hold children (empty ones come from the leaves above).
    lambda children: st.lists(children, min_size=1, max_size=4)
    | st.dictionaries(st.sampled_from(["layers", "weights", "config", "class_name", "units",
                                       "activation", "kernel", "bias", "input_dim", "name"])
                      | st.text(max_size=6), children, min_size=1, max_size=4),
    max_leaves=25)


@FAST
@given(st.one_of(st.binary(max_size=300), JSON_VALUES.map(lambda v: json.dumps(v).encode())))
def test_any_model_file_gives_a_model_or_a_plain_error(raw):
    try:
        model = model_from_json_bytes(raw, name="The uploaded file")
    except ModelFileError as error:
        assert str(error).strip()
    else:
        assert_usable(model, GRID)


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_mutated_real_model_files_give_a_model_or_a_plain_error(data):
    x = np.array([[0.1, 0.1], [0.9, 0.9], [0.2, 0.8], [0.7, 0.1]])
    model = train(x, np.array([0, 1, 1, 0]), FEW_EPOCHS).model
    doc = json.loads(model_to_json_bytes(model, FEW_EPOCHS))
    text = json.dumps(doc)
    pos = data.draw(st.integers(0, len(text) - 1))
    junk = data.draw(st.sampled_from(["NaN", "Infinity", "1e308", "-", "[]", "{}", '"x"', "",
                                      "0", "99"]))
    cut = data.draw(st.integers(0, 6))
    raw = (text[:pos] + junk + text[pos + cut:]).encode()
    try:
        loaded = model_from_json_bytes(raw)
    except ModelFileError as error:
        assert str(error).strip()
    else:
        assert_usable(loaded, x)


# A weight anywhere from 1e-300 to the largest float, either sign, or plain small numbers.
WEIGHT = st.one_of(
    st.floats(-3, 3),
    st.builds(lambda sign, exponent, mantissa: sign * mantissa * 10.0 ** exponent,
              st.sampled_from([-1.0, 1.0]), st.integers(-300, 307), st.floats(1.0, 1.79)))


@st.composite
def model_files_inside_the_envelope(draw) -> bytes:
    """A model file of the page's shape (2 -> hidden -> 2 softmax) whose weights may be
    anything finite, up to +-1.79e308: answers may overflow somewhere on the square."""
    units = draw(st.integers(1, MAX_HIDDEN_UNITS))
    activation = draw(st.sampled_from(list(ACTIVATIONS)))
    shapes = [(2, units), (units,), (units, 2), (2,)]
    weights = [np.array(draw(st.lists(WEIGHT, min_size=int(np.prod(shape)),
                                      max_size=int(np.prod(shape))))).reshape(shape).tolist()
               for shape in shapes]
    model = build_model(replace(RECIPE, hidden_units=units, activation=activation))
    doc = json.loads(model_to_json_bytes(model))
    doc["weights"] = weights
    return json.dumps(doc).encode()


@FAST
@given(model_files_inside_the_envelope(), st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)),
                                                   min_size=1, max_size=20))
def test_a_model_file_with_any_finite_weights_answers_everywhere_or_is_refused(raw, rows):
    try:
        model = model_from_json_bytes(raw, name="The uploaded file")
    except ModelFileError as error:
        assert "so large" in str(error)
    else:
        assert_usable(model, np.array(rows))


# ---- link values ------------------------------------------------------------------------------
LINK_TEXT = st.one_of(st.text(max_size=60), st.sampled_from(HOSTILE),
                      st.floats(allow_nan=True, allow_infinity=True).map(repr),
                      st.sampled_from(["0.5", "1", "0", "1e-400", "-0.0", "  0.3 ", "0.1" * 20]))


@FAST
@given(st.dictionaries(st.sampled_from(["pink", "small", "table", "settings", "x"]),
                       st.one_of(LINK_TEXT, st.lists(LINK_TEXT, max_size=3)), max_size=5))
def test_any_link_gives_a_laptop_in_range_and_notes_without_the_raw_value(params):
    shared = read_laptop(params)
    for value in (shared.pink, shared.small):
        assert isinstance(value, float) and 0.0 <= value <= 1.0
    for note in shared.notes:
        for raw in params.values():
            for one in (raw if isinstance(raw, list) else [raw]):
                if len(one.strip()) > 3:
                    assert one not in note


@FAST
@given(st.one_of(st.text(max_size=200), st.sampled_from(HOSTILE),
                 st.lists(st.tuples(st.integers(-5, 150), st.integers(-5, 150),
                                    st.integers(-1, 2)), max_size=12).map(
                     lambda rows: ".".join(f"{a}-{b}-{c}" for a, b, c in rows))))
def test_any_link_table_decodes_or_is_refused_in_words(text):
    try:
        x, y = decode_table(text)
    except ValueError as error:
        assert str(error).strip()
        assert len(text.strip()) < 4 or text.strip() not in str(error)
        return
    assert 1 <= len(x) == len(y) <= MAX_LINK_ROWS
    assert all(0 <= a <= 1 and 0 <= b <= 1 for a, b in x) and set(y) <= {0, 1}
    check = check_table(pd.DataFrame({"pink": [a for a, _ in x], "small": [b for _, b in x],
                                      "buy": [bool(v) for v in y]}))
    if check.ok:
        train_or_explain(check.x, check.y)


@FAST
@given(st.lists(st.tuples(st.integers(0, 100), st.integers(0, 100), st.sampled_from([0, 1])),
                min_size=1, max_size=MAX_LINK_ROWS))
def test_a_table_survives_the_link(rows):
    x = np.array([[a / 100, b / 100] for a, b, _ in rows])
    y = np.array([c for *_, c in rows])
    back_x, back_y = decode_table(encode_table(x, y))
    np.testing.assert_allclose(np.array(back_x), x, atol=1e-12)
    assert list(back_y) == list(y)


@FAST
@given(st.one_of(st.text(max_size=120), st.sampled_from(HOSTILE),
                 st.lists(st.tuples(st.sampled_from([c for _, c, _ in SETTING_CODES] + ["zz"]),
                                    LINK_TEXT), max_size=10).map(
                     lambda parts: "~".join(code + value for code, value in parts))))
def test_any_link_settings_decode_to_checked_settings(text):
    fields = decode_settings(text)
    known = {name for name, _, _ in SETTING_CODES}
    assert set(fields) <= known
    chosen = Settings(**{**RECIPE.to_dict(), **fields})
    problems = chosen.problems()
    assert all(isinstance(p, str) and p for p in problems)
    if not problems:
        for name in ("learning_rate", "validation_split"):
            assert math.isfinite(getattr(chosen, name))


@FAST
@example(Settings(seed=1_000_000))
@example(Settings(seed=1_234_567))
@given(st.builds(Settings, hidden_units=st.integers(1, 16),
                 activation=st.sampled_from(list(ACTIVATIONS)),
                 learning_rate=st.sampled_from([0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0,
                                                10.0, 100.0]),
                 epochs=st.integers(1, 500), batch_size=st.integers(1, 1000),
                 initializer=st.sampled_from(list(INITIALIZERS)),
                 validation_split=st.sampled_from([0.0, 0.05, 0.1, 0.25, 0.5]),
                 seed=st.integers(0, 2**31 - 1)))
def test_settings_survive_the_link(chosen):
    assert Settings(**{**RECIPE.to_dict(), **decode_settings(encode_settings(
        chosen.to_dict()))}) == chosen


# ---- shown text -------------------------------------------------------------------------------
@FAST
@given(st.one_of(st.text(max_size=400), st.sampled_from(HOSTILE)))
def test_literal_leaves_no_active_markup(text):
    shown = literal(text)
    assert "\n" not in shown
    unescaped = shown.replace("\\\\", "")
    for mark in "<>[]()`*_$!|":
        for i, c in enumerate(unescaped):
            if c == mark:
                assert i > 0 and unescaped[i - 1] == "\\", (text, shown)
