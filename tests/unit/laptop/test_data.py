"""The laptop table: reading CSV files and checking tables before training."""

import numpy as np
import pandas as pd
import pytest

from laptop.data import (
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    DataError,
    check_table,
    read_csv_bytes,
    to_csv_bytes,
    tutorial_arrays,
    tutorial_table,
)


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
    (b"\xff\xfe\xfa not utf8", "UTF-8"),
    (b"pink,small\n0.1,0.2\n", "missing buy"),
    (b"pink,small,buy,price\n0.1,0.2,1,500\n", "unexpected 'price'"),
    (b"pink,pink,buy\n0.1,0.2,1\n", "missing small"),
    (b"pink,small,buy\n0.1,lots,1\n", "text where a number"),
    (b"pink,small,buy\n0.1,0.2,maybe\n", "text where a number"),
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
    ([(0.1, None, True), (0.9, 0.9, False)], "Row 1 has an empty"),
    ([(0.1, 0.2, None), (0.9, 0.9, False)], "Row 1 has an empty"),
    ([(0.1, 1.5, True), (0.9, -0.1, False)], "Row 1, 2 has a value outside 0 to 1"),
    ([(0.1, 0.2, True)], "at least 2"),
    ([], "has 0 laptops"),
    ([(0.1, 0.2, True), (0.9, 0.9, True)], "Every laptop in the table says 'buy'"),
    ([(0.1, "big", True), (0.9, 0.9, False)], "Row 1 has an empty or unreadable"),
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
    assert to_csv_bytes(typo) == b"pink,small,buy\n0.2,0.1,1\n,,0\n"  # a table mid-edit


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
