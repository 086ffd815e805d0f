"""The laptop table: reading typed cells and CSV files, and checking tables before training.

Expected numbers come from Python's float() or pandas.read_csv told the file's format, never
from the reader under test."""

import doctest
import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import laptop.data
from laptop.data import (
    MAX_CELL_CHARS,
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    DataError,
    check_table,
    editor_table,
    number_text,
    read_amount,
    read_csv_bytes,
    table_from_arrays,
    to_csv_bytes,
    tutorial_arrays,
    tutorial_table,
)


def test_the_docstring_examples_hold():
    assert doctest.testmod(laptop.data).failed == 0


def test_tutorial_table_is_the_nine_laptops_and_checks_clean():
    table = tutorial_table()
    assert list(table.columns) == ["pink", "small", "buy"]
    assert len(table) == 9 and table["buy"].dtype == bool
    check = check_table(table)
    assert check.ok and check.notes == ()
    assert check.x.shape == (9, 2) and check.y.tolist() == [0, 0, 1, 1, 0, 0, 1, 1, 1]
    np.testing.assert_allclose(check.x[2], [0.5, 0.6])


def test_csv_round_trip_keeps_every_value():
    table = tutorial_table()
    back = read_csv_bytes(to_csv_bytes(table))
    pd.testing.assert_frame_equal(back, table)


def test_csv_accepts_words_for_buy_and_any_column_order():
    table = read_csv_bytes(b"buy,small,pink\nyes,0.5,0.2\nno,0.1,0.9\n")
    assert table["buy"].tolist() == [True, False]
    assert table["pink"].tolist() == [0.2, 0.9]


@pytest.mark.parametrize("raw, words", [
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    (b"\xfa\xfb not utf8", "CSV UTF-8"),
    (b"\xff\xfe" + "pink\tsmall\tbuy\n".encode("utf-16-le") + b"\x00", "encoding"),
    (b"pink,small\n0.1,0.2\n", "missing buy"),
    (b"pink,small,buy,price\n0.1,0.2,1,500\n", "unexpected 'price'"),
    (b"pink,pink,buy\n0.1,0.2,1\n", "missing small"),
    (b"pink,small,buy\n0.1,lots,1\n", 'Row 2, small: "lots" is not a number'),
    (b"pink,small,buy\n0.1,0.2,maybe\n", 'Row 2, buy: "maybe" is not 1 or 0'),
    (b"pink,small,buy\n0.1,0.2\n", "exactly 3 cells"),
    (b"just some words\nnothing like a table\n", "columns pink, small, buy"),
])
def test_bad_csv_gets_a_friendly_message(raw, words):
    with pytest.raises(DataError, match=words):
        read_csv_bytes(raw, name="laptops.csv")


def test_huge_csv_is_refused_by_size_and_by_rows():
    rows = "pink,small,buy\n" + "0.1,0.2,1\n" * 100_000
    with pytest.raises(DataError, match="limit"):
        read_csv_bytes(rows.encode())
    assert len(rows.encode()) > MAX_UPLOAD_BYTES
    many = "pink,small,buy\n" + "1,0,1\n" * (MAX_ROWS + 1)
    assert len(many.encode()) <= MAX_UPLOAD_BYTES
    with pytest.raises(DataError, match="limit is 1,000"):
        read_csv_bytes(many.encode())


def test_hostile_header_is_named_but_cut_short():
    raw = ("pink,small,<img src=x onerror=alert(1)>" + "A" * 200 + "\n1,1,1\n").encode()
    with pytest.raises(DataError) as info:
        read_csv_bytes(raw)
    assert len(str(info.value)) < 200


def frame(rows):
    return pd.DataFrame(rows, columns=["pink", "small", "buy"])


@pytest.mark.parametrize("rows, words", [
    ([(0.1, None, True), (0.9, 0.9, False)], "Row 1 has an empty cell"),
    ([(0.1, 0.2, None), (0.9, 0.9, False)], "Row 1 has an empty cell"),
    ([(0.1, 1.5, True), (0.9, -0.1, False)],
     "Row 1, small: 1.5 is outside 0 to 1. Row 2, small: -0.1 is outside 0 to 1."),
    ([(0.1, 0.2, True)], "at least 2"),
    ([], "has 0 laptops"),
    ([(0.1, 0.2, True), (0.9, 0.9, True)], "Every laptop in the table says 'buy'"),
    ([(0.1, "big", True), (0.9, 0.9, False)], 'Row 1, small: "big" is not a number'),
    ([(0.1, 0.2, "maybe"), (0.9, 0.9, False)], 'Row 1, buy: "maybe" is not 1 or 0'),
])
def test_bad_tables_are_refused_with_the_row_named(rows, words):
    check = check_table(frame(rows))
    assert not check.ok and check.x is None
    assert any(words in p for p in check.problems), check.problems


def test_duplicates_are_used_but_noted():
    check = check_table(frame([(0.1, 0.2, True), (0.1, 0.2, True), (0.9, 0.9, False)]))
    assert check.ok and "Row 2 repeats" in check.notes[0]
    clash = check_table(frame([(0.1, 0.2, True), (0.1, 0.2, False), (0.9, 0.9, False)]))
    assert clash.ok and any("different answers" in n for n in clash.notes)


def test_wrong_columns_and_too_many_rows_are_refused():
    assert not check_table(pd.DataFrame({"pink": [0.1], "size": [0.2], "buy": [1]})).ok
    big = frame([(0.5, 0.5, i % 2 == 0) for i in range(MAX_ROWS + 1)])
    assert "limit" in check_table(big).problems[0]
    assert not check_table(None).ok


def test_tutorial_arrays_are_the_nine_laptops_of_the_csv():
    x, y = tutorial_arrays()
    assert x.shape == (9, 2) and x.dtype == float and y.shape == (9,)
    np.testing.assert_allclose(x[0], [0.1, 0.1])
    np.testing.assert_allclose(x[-1], [0.6, 0.75])
    assert y.tolist() == [0, 0, 1, 1, 0, 0, 1, 1, 1]


def test_csv_download_is_the_three_columns_with_buy_as_1_or_0():
    table = pd.DataFrame({"pink": [0.1, 0.75], "small": [0.6, 0.4], "buy": [True, False]})
    assert to_csv_bytes(table) == b"pink,small,buy\n0.1,0.6,1\n0.75,0.4,0\n"
    unreadable = pd.DataFrame({"pink": [0.5], "small": [0.5], "buy": [None]})
    assert to_csv_bytes(unreadable) == b"pink,small,buy\n0.5,0.5,\n"  # left empty, to fix
    typo = pd.DataFrame({"pink": ["0.2", "O.3"], "small": [0.1, "x"], "buy": [1, 0]})
    # a table mid-edit: what cannot be read is written as typed (nothing typed is lost)
    assert to_csv_bytes(typo) == b"pink,small,buy\n0.2,0.1,1\nO.3,x,0\n"


def test_table_from_arrays_and_the_empty_table_have_the_editor_columns():
    from laptop.data import empty_like, table_from_arrays

    table = table_from_arrays(np.array([[0, 1], [1, 0]]), np.array([1, 0]))
    assert list(table.columns) == ["pink", "small", "buy"]
    assert [str(t) for t in table.dtypes] == ["float64", "float64", "bool"]
    assert table["buy"].tolist() == [True, False]
    empty = empty_like()
    assert len(empty) == 0 and list(empty.columns) == ["pink", "small", "buy"]
    assert [str(t) for t in empty.dtypes] == ["float64", "float64", "bool"]


def test_no_table_or_wrong_columns_say_why_and_give_no_arrays():
    for table, words in ((None, "no table"), (pd.DataFrame({"pink": [0.1]}), "columns")):
        check = check_table(table)
        assert not check.ok and (check.x, check.y) == (None, None)
        assert len(check.problems) == 1 and words in check.problems[0]


# ---- one typed cell: read as meant, or refused in words ---------------------------------------
@pytest.mark.parametrize("typed, meant", [
    ("0.5", "0.5"), ("0,5", "0.5"), (",25", "0.25"), (".25", "0.25"), ("1e-3", "0.001"),
    ("1E-3", "0.001"), ("50%", "0.5"), ("12.5 %", "0.125"), (" 0.5 ", "0.5"), ("\t0,75\n", "0.75"),
    ("1", "1"), ("0", "0"), ("-0", "0"), ("+0.5", "0.5"), ("0.", "0"), ("0,500", "0.5"),
    ("5", "5"), ("2,5e-1", "0.25"), ("100%", "1"), ("0.1", "0.1"),
])
def test_a_typed_amount_is_read_as_meant_in_any_locale(typed, meant):
    assert read_amount(typed) == float(meant)


@pytest.mark.parametrize("typed, words", [
    ("abc", '"abc" is not a number'),
    ("1,000.5", '"1,000.5" has both a comma and a dot'),
    ("1.000,5", "has both a comma and a dot"),
    ("1,000", "could be read two ways"),
    ("12,500", "could be read two ways"),
    ("0,5,1", "is not a number"), ("nan", "is not a number"), ("inf", "is not a number"),
    ("1e400", "too large"), ("0x1", "is not a number"), ("1_0", "is not a number"),
    ("\u0660.\u0665", "is not a number"), ("%50", "is not a number"), ("50%%", "is not a number"),
    ("5 0", "is not a number"), ("", "is not a number"), ("half", "is not a number"),
    ("0" * (MAX_CELL_CHARS + 1), "too long"), ("9" * 100_000, "too long"),
])
def test_a_typed_amount_that_is_not_one_number_is_refused_in_words(typed, words):
    with pytest.raises(DataError, match=words) as info:
        read_amount(typed)
    assert len(str(info.value)) < 120  # the typed text is quoted, cut short


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_number_text_reads_back_to_the_same_number(value):
    assert read_amount(number_text(value)) == value
    assert read_amount(repr(value).replace(".", ",")) == float(repr(value))


@given(st.decimals(min_value=0, max_value=100, places=4), st.sampled_from([".", ","]),
       st.sampled_from(["%", " %"]))
def test_a_percentage_is_the_nearest_number_to_its_hundredth(amount, mark, sign):
    typed = str(amount).replace(".", mark) + sign
    assert read_amount(typed) == float(f"{amount}e-2")  # Python rounds "12.3e-2" once


def typed_table(cells):
    """The editor's table after typing: the tutorial's rows with some pink cells replaced."""
    table = editor_table(tutorial_table())
    for row, text in cells.items():
        table.loc[row, "pink"] = text
    return table


@pytest.mark.parametrize("typed", ["0,5", ",5", "50%", "5e-1", " 0.5 ", "0.50"])
def test_a_typed_cell_is_the_number_the_model_uses(typed):
    check = check_table(typed_table({0: typed}))
    assert check.ok
    expected = check_table(tutorial_table()).x.copy()
    expected[0, 0] = 0.5
    np.testing.assert_array_equal(check.x, expected)


@pytest.mark.parametrize("typed, words", [
    ("5", 'Row 1, pink: "5" is outside 0 to 1.'),
    ("abc", 'Row 1, pink: "abc" is not a number.'),
    ("1,000.5", 'Row 1, pink: "1,000.5" has both a comma and a dot'),
    ("150%", 'Row 1, pink: "150%" is outside 0 to 1.'),
    ("-0,1", 'Row 1, pink: "-0,1" is outside 0 to 1.'),
])
def test_a_typed_cell_that_cannot_be_used_is_named_with_its_value(typed, words):
    check = check_table(typed_table({0: typed}))
    assert not check.ok and check.x is None
    assert any(words in p and "typed like 0.5, 0,5 or 50%" in p for p in check.problems), \
        check.problems


def test_many_bad_cells_name_three_and_count_the_rest():
    check = check_table(typed_table({i: f"x{i}" for i in range(6)}))
    problem = " ".join(check.problems)
    assert '"x0"' in problem and '"x2"' in problem and '"x3"' not in problem
    assert "3 more cells like these." in problem


def test_the_editor_table_keeps_every_number_as_exact_text():
    rng = np.random.default_rng(1)
    x = rng.random((50, 2))
    y = np.arange(50) % 2
    shown = editor_table(table_from_arrays(x, y))
    assert all(isinstance(v, str) for c in ("pink", "small") for v in shown[c])
    check = check_table(shown)
    np.testing.assert_array_equal(check.x, x)
    np.testing.assert_array_equal(check.y, y)
    assert editor_table(shown).equals(shown)  # text stays as typed


def test_download_writes_typed_cells_as_numbers_and_keeps_unreadable_text():
    table = typed_table({0: "0,5", 1: "50%", 2: "abc"})
    back = pd.read_csv(io.BytesIO(to_csv_bytes(table)), dtype=str, keep_default_na=False)
    assert back["pink"].tolist()[:3] == ["0.5", "0.5", "abc"]
    table.loc[2, "pink"] = "1e-3"
    again = read_csv_bytes(to_csv_bytes(table))
    assert again["pink"].tolist()[:3] == [0.5, 0.5, 0.001]


# ---- CSV files from real spreadsheets -----------------------------------------------------
PLAIN = tutorial_table()


def spreadsheet_bytes(separator=",", decimal=".", newline="\n", encoding="utf-8",
                      trailing=""):
    lines = [separator.join(["pink", "small", "buy"]) + trailing]
    for pink, small, buy in PLAIN.itertuples(index=False):
        cells = [repr(pink).replace(".", decimal), repr(small).replace(".", decimal),
                 str(int(buy))]
        lines.append(separator.join(cells) + trailing)
    return (newline.join(lines) + newline).encode(encoding)


def pandas_reads(raw, **told):
    """The independent reading: pandas, told the file's format."""
    table = pd.read_csv(io.BytesIO(raw), **told)
    table = table[["pink", "small", "buy"]]
    return table.astype({"pink": float, "small": float}).assign(buy=table["buy"].astype(bool))


@pytest.mark.parametrize("what, raw, told", [
    ("semicolons and decimal commas (European Excel)",
     spreadsheet_bytes(";", ","), {"sep": ";", "decimal": ","}),
    ("Excel's sep= line", b"sep=;\n" + spreadsheet_bytes(";", ","),
     {"sep": ";", "decimal": ",", "skiprows": 1}),
    ("carriage returns only (Excel for Mac)", spreadsheet_bytes(newline="\r"),
     {"lineterminator": "\r"}),
    ("Windows line endings", spreadsheet_bytes(newline="\r\n"), {}),
    ("UTF-16 with tabs (Excel's Unicode text)", spreadsheet_bytes("\t", newline="\r\n",
                                                                  encoding="utf-16"),
     {"sep": "\t", "encoding": "utf-16"}),
    ("UTF-16 big-endian with tabs", b"\xfe\xff" + spreadsheet_bytes("\t", encoding="utf-16-be"),
     {"sep": "\t", "encoding": "utf-16"}),
    ("UTF-8 with a byte-order mark", b"\xef\xbb\xbf" + spreadsheet_bytes(),
     {"encoding": "utf-8-sig"}),
    ("a comma at the end of every line", spreadsheet_bytes(trailing=","), {"index_col": False}),
    ("semicolons at the end of every line", spreadsheet_bytes(";", ",", trailing=";"),
     {"sep": ";", "decimal": ",", "index_col": False}),
    ("a bar between cells", spreadsheet_bytes("|"), {"sep": "|"}),
])
def test_real_spreadsheet_csvs_are_read_as_meant(what, raw, told):
    table = read_csv_bytes(raw)
    pd.testing.assert_frame_equal(table, pandas_reads(raw, **told))
    pd.testing.assert_frame_equal(table, PLAIN)


def test_quoted_decimal_commas_in_a_comma_file_and_percentages_are_read():
    table = read_csv_bytes(b'pink,small,buy\n"0,5",60%,1\n0.1,"0,1",0\n')
    assert table["pink"].tolist() == [0.5, 0.1] and table["small"].tolist() == [0.6, 0.1]


@pytest.mark.parametrize("raw, words", [
    (b"pink,small,buy\n0.1,0.1,0\n0.3,0.3,2\n",
     'Row 3, buy: "2" is not 1 or 0. Buy must be 1 (buy) or 0 (don\'t buy)'),
    (b"pink;small;buy\n0,1;0,1;0\n\n0,3;3;1\n", 'Row 4, small: "3" is outside 0 to 1'),
    (b"pink,small,buy\r0.1,0.1,0\r0.3,lots,1\r", 'Row 3, small: "lots" is not a number'),
    ("pink\tsmall\tbuy\r\n0.1\t\t0\r\n".encode("utf-16"), "Row 2 has an empty cell"),
    (b"pink;small;buy\n1,000.5;0,1;0\n", '"1,000.5" has both a comma and a dot'),
    (b"pink,small,buy\n0.1,0.1\n", "Row 2 does not have exactly 3 cells"),
    (b"\n\npink,small,buy\n0.1,0.1,x\n", 'Row 4, buy: "x" is not 1 or 0'),
    (b"\n\npink,small,buy\n0.1,0.1,x\n", "(Rows are counted as in a spreadsheet, where the "
                                          "header is row 3.)"),
    (b"pink,small,buy\n0,1,0,2,1\n", "save the file with semicolons, or write 0.5"),
])
def test_a_refused_csv_names_the_row_as_a_spreadsheet_shows_it(raw, words):
    with pytest.raises(DataError) as info:
        read_csv_bytes(raw, name="laptops.csv")
    assert words in str(info.value)
    assert "text where a number" not in str(info.value)


def test_a_utf16_file_is_bounded_by_its_bytes_too():
    raw = ("pink\tsmall\tbuy\n" + "0.1\t0.2\t1\n" * 5_000).encode("utf-16")
    assert len(raw) > MAX_UPLOAD_BYTES
    with pytest.raises(DataError, match="limit"):
        read_csv_bytes(raw)


def test_in_a_file_with_decimal_commas_1_comma_000_is_one():
    raw = b"pink;small;buy\n1,000;0,250;1\n0;0,100;0\n"
    pd.testing.assert_frame_equal(read_csv_bytes(raw), pandas_reads(raw, sep=";", decimal=","))
    with pytest.raises(DataError, match="could be read two ways"):  # commas also separate
        read_csv_bytes(b'pink,small,buy\n"1,000",0.25,1\n0,0.1,0\n')


@pytest.mark.parametrize("dtype", [object, "string", "str"])
def test_every_kind_of_column_pandas_hands_over_is_read_cell_by_cell(dtype):
    """check_table reads each column once as a list (a 300-row table was 38 ms cell by cell
    through pandas, 2.6 ms so): text, nullable and NumPy columns give the same numbers, and
    pandas' own missing markers (None, NaN, pd.NA) are empty cells named by their row."""
    x = np.array([[0.25, 1.0], [0.5, 0.0], [0.75, 0.5]])
    y = np.array([1, 0, 1])
    as_text = pd.DataFrame({"pink": pd.array(["0.25", "0.5", "75%"], dtype=dtype),
                            "small": pd.array(["1", "0", "0,5"], dtype=dtype),
                            "buy": pd.array([True, False, True], dtype="boolean")})
    as_numbers = pd.DataFrame({"pink": x[:, 0], "small": pd.array(x[:, 1], dtype="Float64"),
                               "buy": pd.array(y, dtype="Int64")})
    for table in (as_text, as_numbers):
        check = check_table(table)
        assert check.ok, check.problems
        np.testing.assert_array_equal(check.x, x)
        np.testing.assert_array_equal(check.y, y)
    holes = as_text.copy()
    holes.loc[1, "pink"] = None
    holes.loc[2, "buy"] = pd.NA
    check = check_table(holes)
    assert not check.ok
    assert check.problems[0].startswith("Row 2, 3 has an empty cell"), check.problems
