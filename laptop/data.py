"""The laptop table: load it, read an uploaded CSV, read typed cells, check it, turn it into
arrays.

Pure functions, no streamlit. Every problem is reported as a plain sentence a
non-programmer can act on, naming the row, the column and the value; nothing here ever shows
user text as markup (callers print it as plain text).

One reader for every pink or small cell, whoever wrote it: `read_amount` takes a dot or a
comma as the decimal mark, an exponent or a percentage ("0.5", "0,5", ",25", "1e-3", "50%")
and refuses anything else in words. The data editor keeps these two columns as text
(`editor_table`), so what a visitor typed reaches `check_table` as typed and is either read
as meant or refused with a message; it is never silently turned into another number.
"""

import codecs
import csv
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

COLUMNS = ("pink", "small", "buy")
FEATURES = ("pink", "small")
TUTORIAL_CSV = Path(__file__).resolve().parents[1] / "data" / "laptops.csv"
MAX_ROWS = 1000  # more rows than anyone types; also caps what an upload may hold
MAX_UPLOAD_BYTES = 100_000  # about 5,000 short lines: far above MAX_ROWS rows of 3 numbers
MAX_CELL_CHARS = 30  # a pink or small cell longer than this is refused before it is read
MAX_NAMED_CELLS = 3  # a message names this many bad cells, then counts the rest
SEPARATORS = (",", ";", "\t", "|")  # what a spreadsheet puts between the cells of a line
TRUE_WORDS = {"1", "1.0", "true", "yes", "buy", "y"}
FALSE_WORDS = {"0", "0.0", "false", "no", "don't buy", "dont buy", "no buy", "n"}

# One number with a dot or a comma as its decimal mark and an optional exponent: 0.5, 0,5,
# ,25, .25, 1e-3, +1. ASCII digits only (Python's float() would also take "1_0" or "٠٫٥").
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]{1,4})?")
# Digits grouped in threes by commas (1,000 or 12,500): in en-US one thousand, in de-DE 1.
_GROUPED = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:[eE][+-]?[0-9]{1,4})?")
AMOUNT_HINT = ("Pink and small are numbers from 0 (not at all) to 1 (completely), typed like "
               "0.5, 0,5 or 50%.")
BUY_HINT = "Buy must be 1 (buy) or 0 (don't buy); yes and no work too."


class DataError(ValueError):
    """A table or file the app cannot use; the message is meant for the person at the screen."""


@dataclass(frozen=True)
class TableCheck:
    """The outcome of checking a table: usable arrays, or the reasons it is not usable."""

    x: np.ndarray | None  # (n, 2) floats in [0, 1] when usable
    y: np.ndarray | None  # (n,) ints 0 = don't buy, 1 = buy
    problems: tuple[str, ...] = ()  # any problem means the table is not used
    notes: tuple[str, ...] = field(default=())  # worth knowing, the table is still used

    @property
    def ok(self) -> bool:
        return not self.problems and self.x is not None


def tutorial_table() -> pd.DataFrame:
    """The tutorial's nine laptops, with buy as True/False (the editor shows a checkbox)."""
    return read_csv_bytes(TUTORIAL_CSV.read_bytes())


def tutorial_arrays() -> tuple[np.ndarray, np.ndarray]:
    """The tutorial's laptops as arrays, x (9, 2) pink and small, y (9,) 0 = don't buy,
    1 = buy: `tutorial_table` checked. data/laptops.csv is read nowhere else."""
    check = check_table(tutorial_table())
    return check.x, check.y


def empty_like() -> pd.DataFrame:
    return pd.DataFrame({"pink": pd.Series([], dtype=float), "small": pd.Series([], dtype=float),
                         "buy": pd.Series([], dtype=bool)})


# ---- one cell -------------------------------------------------------------------------------
def read_amount(text: str, decimal_comma: bool = False) -> float:
    """The number a person meant by `text` in a pink or small cell, read alike in every
    locale: a dot or a comma as the decimal mark, an exponent, a percentage, spaces around.

    >>> [read_amount(t) for t in ["0.5", "0,5", ",25", ".25", "1e-3", "50%", " 0.5 ", "1"]]
    [0.5, 0.5, 0.25, 0.25, 0.001, 0.5, 0.5, 1.0]

    It only reads; whether the number lies between 0 and 1 is check_table's business
    (read_amount("5") is 5.0). Raises DataError, saying in words why and quoting the text,
    when the text is not one number: words, both a comma and a dot ("1,000.5"), a comma that
    may group thousands ("1,000": one thousand in en-US, 1 in de-DE; read as 1 when
    `decimal_comma` says the comma is known to be the decimal mark), more than
    MAX_CELL_CHARS characters, nan or inf.

    >>> read_amount("1,000.5")
    Traceback (most recent call last):
    laptop.data.DataError: "1,000.5" has both a comma and a dot, so its decimal mark is unclear
    """
    if len(text) > 4 * MAX_CELL_CHARS or len(text.strip()) > MAX_CELL_CHARS:
        raise DataError(f"{_quoted(text)} is too long to be a number")
    body = text.strip()
    percent = body.endswith("%")
    if percent:
        body = body[:-1].rstrip()
    if "," in body and "." in body:
        raise DataError(f"{_quoted(text)} has both a comma and a dot, so its decimal mark is "
                        "unclear")
    if not decimal_comma and _GROUPED.fullmatch(body):
        raise DataError(f"{_quoted(text)} could be read two ways (one thousand, or 1 with a "
                        "decimal comma)")
    if not _NUMBER.fullmatch(body):
        raise DataError(f"{_quoted(text)} is not a number")
    exact = Decimal(body.replace(",", "."))
    value = float(exact.scaleb(-2) if percent else exact)  # rounded once: 12.3% -> 0.123
    if not math.isfinite(value):
        raise DataError(f"{_quoted(text)} is too large to be a number")
    return value + 0.0  # + 0.0 turns -0.0 into 0.0


def number_text(value: float) -> str:
    """The shortest text that read_amount reads back to exactly `value`: 0.1 -> "0.1",
    1.0 -> "1", 1e-05 -> "1e-05"."""
    text = repr(float(value) + 0.0)
    return text[:-2] if text.endswith(".0") else text


def _quoted(text: object, limit: int = 20) -> str:
    shown = " ".join(str(text).split())
    return '"' + (shown if len(shown) <= limit else shown[: limit - 1] + "…") + '"'


def _is_empty(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float | np.floating) and math.isnan(value)


def _read_feature(value, decimal_comma: bool = False) -> tuple[float, str | None]:
    """A pink or small cell as (number, None), (nan, None) when empty, or (nan, reason)."""
    if _is_empty(value):
        return math.nan, None
    if isinstance(value, str):
        try:
            return read_amount(value, decimal_comma), None
        except DataError as error:
            return math.nan, str(error)
    if isinstance(value, bool | int | float | np.bool_ | np.integer | np.floating):
        try:
            return float(value) + 0.0, None
        except OverflowError:  # an int beyond a float's range
            return math.inf if value > 0 else -math.inf, None
    return math.nan, f"{_quoted(value)} is not a number"


def _as_buy(value) -> bool | None:
    """True/False for a buy cell, or None when it cannot be read as yes/no."""
    if _is_empty(value):
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | float | np.integer | np.floating):
        return {0: False, 1: True}.get(float(value))
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    return None


def _row_words(rows: list[int], limit: int = 5) -> str:
    shown = ", ".join(str(r) for r in rows[:limit])
    more = len(rows) - limit
    return shown + (f" and {more} more" if more > 0 else "")


@dataclass(frozen=True)
class _Cells:
    """Every cell of a table read: numbers (nan where empty or unusable), buy answers (None
    where empty or unusable), the rows with an empty cell, and one message naming the
    unusable cells (unreadable, outside 0 to 1, a buy that is not yes/no), or None."""

    pink: np.ndarray
    small: np.ndarray
    buys: list
    empty_rows: list[int]
    problem: str | None


def _read_cells(table: pd.DataFrame, row_numbers: Sequence[int],
                decimal_comma: bool = False) -> _Cells:
    """Read each cell of pink, small and buy; rows are named by `row_numbers`."""
    # Each column as a list once: reading a cell through pandas (table[c].iloc[i]) cost
    # about 30 us, 9 of every 10 ms of a 300-row check (bench/visit_profile.py).
    values = {c: table[c].tolist() for c in COLUMNS}
    numbers = {c: np.full(len(table), np.nan) for c in FEATURES}
    buys: list = []
    empty_rows: list[int] = []
    bad: list[str] = []
    hints: list[str] = []
    for i, row in enumerate(row_numbers):
        empty = False
        for column in FEATURES:
            value = values[column][i]
            number, reason = _read_feature(value, decimal_comma)
            if reason is None and not math.isnan(number) and not 0.0 <= number <= 1.0:
                shown = _quoted(value) if isinstance(value, str) else number_text(number)
                reason = f"{shown} is outside 0 to 1"
            if reason is not None:
                bad.append(f"Row {row}, {column}: {reason}.")
                hints.append(AMOUNT_HINT)
            elif math.isnan(number):
                empty = True
            else:
                numbers[column][i] = number
        value = values["buy"][i]
        buy = _as_buy(value)
        if buy is None and not _is_empty(value):
            bad.append(f"Row {row}, buy: {_quoted(value)} is not 1 or 0.")
            hints.append(BUY_HINT)
        empty = empty or _is_empty(value)
        buys.append(buy)
        if empty:
            empty_rows.append(row)
    problem = None
    if bad:
        more = len(bad) - MAX_NAMED_CELLS
        named = bad[:MAX_NAMED_CELLS] + ([f"{more:,} more cell{'s' if more > 1 else ''} "
                                          "like these."] if more > 0 else [])
        problem = " ".join(named + list(dict.fromkeys(hints)))
    return _Cells(numbers["pink"], numbers["small"], buys, empty_rows, problem)


# ---- a CSV file -----------------------------------------------------------------------------
def _decode(raw: bytes, name: str) -> str:
    """The text of a file: UTF-8 (with or without Excel's byte-order mark) or UTF-16 with a
    byte-order mark (Excel's "Unicode text"); line endings of any system become "\\n"."""
    binary = DataError(f"{name} does not look like a CSV text file (it holds binary data).")
    utf16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and b"\x00" in raw:
        raise binary
    try:
        text = raw.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(f"{name} holds characters that are not plain text, or text in an "
                        "encoding this page cannot read. Save it as \"CSV UTF-8\" and upload it "
                        "again.") from None
    if "\x00" in text:
        raise binary
    return text.replace("\r\n", "\n").replace("\r", "\n")  # Windows, old Mac, Unix


def _header_cells(line: str, separator: str) -> list[str]:
    return [cell.strip().strip('"').strip().lower() for cell in line.split(separator)]


def _separator(line: str) -> str:
    """The separator of a header line: the first of SEPARATORS that splits it into pink,
    small and buy, else the one that splits it into the most cells (a comma on a tie)."""
    for separator in SEPARATORS:
        if set(COLUMNS) <= set(_header_cells(line, separator)):
            return separator
    return max(SEPARATORS, key=lambda s: (line.count(s), s == ","))


def read_csv_bytes(raw: bytes, name: str = "the file") -> pd.DataFrame:
    """Read an uploaded CSV into a table with columns pink, small (floats in [0, 1]) and buy
    (bool), every cell filled.

    Reads what spreadsheets write: comma, semicolon, tab or bar between cells (found from the
    header line, or from Excel's "sep=;" first line), a dot or a comma as the decimal mark and
    percentages (read_amount), UTF-8 with or without a byte-order mark and UTF-16 with one,
    Windows, Unix and old Mac line endings, empty cells after the last column on every line.
    Raises DataError with a friendly message for anything else, naming each unusable cell by
    its row as a spreadsheet shows it (the header is row 1 unless blank lines come first),
    its column and its text. The work
    is bounded: at most MAX_UPLOAD_BYTES are decoded, at most MAX_ROWS rows read.
    """
    if len(raw) > MAX_UPLOAD_BYTES:
        raise DataError(f"{name} is {len(raw):,} bytes; the limit is {MAX_UPLOAD_BYTES:,} bytes "
                        f"(about {MAX_ROWS:,} laptops). Please upload a smaller table.")
    text = _decode(raw, name)
    if not text.strip():
        raise DataError(f"{name} is empty. A CSV needs a header line: pink,small,buy.")
    first_line = text.lstrip("\n").split("\n", 1)[0]
    hint = re.fullmatch(r'"?sep=(.)"?', first_line.strip(" "), flags=re.IGNORECASE)
    if hint:  # Excel's "sep=;" line: it names the separator, and Excel does not show it
        separator = hint.group(1)
        text = text.lstrip("\n").split("\n", 1)[1] if "\n" in text.lstrip("\n") else ""
    else:
        separator = _separator(first_line)
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    rows: list[tuple[int, list[str]]] = []  # (row as a spreadsheet shows it, cells)
    try:
        start = 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((start, cells))
                if len(rows) > MAX_ROWS + 1:
                    break
            start = reader.line_num + 1
    except csv.Error:
        raise DataError(f"{name} could not be split into cells (a quote mark may be missing)."
                        ) from None
    if not rows:  # only separators, spaces or empty quotes
        raise DataError(f"{name} is empty. A CSV needs a header line: pink,small,buy.")
    header_row, header = rows[0][0], [cell.strip().lower() for cell in rows[0][1]]
    counted = f" (counted as in a spreadsheet, where the header is row {header_row})"
    while header and not header[-1]:  # a separator at the end of every line
        header.pop()
    missing = [c for c in COLUMNS if c not in header]
    extra = [c for c in header if c not in COLUMNS]
    if missing or extra or len(header) != len(COLUMNS):
        parts = []
        if missing:
            parts.append("missing " + ", ".join(missing))
        if extra:
            shown = ", ".join(repr(c[:30]) for c in extra[:5])
            parts.append("unexpected " + shown)
        if not parts:
            parts.append("a column appears twice")
        raise DataError(f"{name} needs exactly the columns pink, small, buy "
                        f"({'; '.join(parts)}).")
    body = [(row, cells[:3] if not any(c.strip() for c in cells[3:]) else cells)
            for row, cells in rows[1:]]
    if len(body) > MAX_ROWS:
        raise DataError(f"{name} has more than {MAX_ROWS:,} laptops; the limit is "
                        f"{MAX_ROWS:,}.")
    ragged = [row for row, cells in body if len(cells) != len(COLUMNS)]
    if ragged:
        comma_hint = (" A number with a decimal comma (0,5) splits into two cells when commas "
                      "also separate the cells: save the file with semicolons, or write 0.5."
                      if separator == "," and any(len(c) > 3 for _, c in body) else "")
        raise DataError(f"{name}: Row {_row_words(ragged)} does not have exactly 3 cells "
                        f"(pink, small, buy){counted}.{comma_hint}")
    index = {c: header.index(c) for c in COLUMNS}
    table = pd.DataFrame({c: [cells[index[c]].strip() for _, cells in body] for c in COLUMNS},
                         dtype=object)
    row_numbers = [row for row, _ in body]
    amounts = [text for c in FEATURES for text in table[c]]
    # A file that separates cells by other than commas and writes no dot in any number
    # (European Excel) uses the comma as its decimal mark: there "1,000" is 1.
    decimal_comma = separator != "," and not any("." in text for text in amounts)
    cells = _read_cells(table, row_numbers, decimal_comma)
    if cells.problem:
        raise DataError(f"{name}: {cells.problem} (Rows are counted as in a spreadsheet, "
                        f"where the header is row {header_row}.)")
    if cells.empty_rows:
        raise DataError(f"{name}: Row {_row_words(cells.empty_rows)} has an empty cell"
                        f"{counted}. Fill it in or delete the row.")
    return pd.DataFrame({"pink": cells.pink, "small": cells.small,
                         "buy": np.array(cells.buys, dtype=bool)})


# ---- a table --------------------------------------------------------------------------------
def check_table(table: pd.DataFrame) -> TableCheck:
    """Check a laptop table (from the editor, with pink and small as numbers or as typed
    text, or from a CSV) before anything trains on it. Rows are named from 1, in order."""
    if table is None or not isinstance(table, pd.DataFrame):
        return TableCheck(None, None, ("There is no table of laptops.",))
    columns = [str(c) for c in table.columns]
    if sorted(columns) != sorted(COLUMNS):
        return TableCheck(None, None, ("The table needs exactly the columns pink, small, buy.",))
    n = len(table)
    if n > MAX_ROWS:
        return TableCheck(None, None, (f"The table has {n:,} laptops; the limit is "
                                       f"{MAX_ROWS:,}.",))
    problems: list[str] = []
    cells = _read_cells(table, range(1, n + 1))
    if cells.empty_rows:
        problems.append(f"Row {_row_words(cells.empty_rows)} has an empty cell. "
                        "Fill it in or delete the row.")
    if cells.problem:
        problems.append(cells.problem)
    if n < 2:
        problems.append(f"The table has {n} laptop{'s' if n != 1 else ''}; "
                        "at least 2 are needed (one to buy, one not to buy).")
    if problems:
        return TableCheck(None, None, tuple(problems))
    x = np.column_stack([cells.pink, cells.small])
    y = np.array(cells.buys, dtype=int)
    if len(set(y.tolist())) < 2:
        only = "buy" if y[0] == 1 else "don't buy"
        return TableCheck(None, None, (f"Every laptop in the table says {only!r}. Add at least "
                                       "one laptop with the other answer, so there is "
                                       "something to tell apart.",))
    notes = []
    keys = [tuple(k) for k in np.round(x, 9).tolist()]  # as round(a, 9), all at once
    seen: dict[tuple, list[int]] = {}
    for i, k in enumerate(keys):
        seen.setdefault(k, []).append(i)
    repeats = [idx for idx in seen.values() if len(idx) > 1]
    if repeats:
        clash = [idx for idx in repeats if len(set(y[idx].tolist())) > 1]
        rows = [i + 1 for idx in repeats for i in idx[1:]]
        notes.append(f"Row {_row_words(rows)} repeats a laptop already in the table; "
                     "a repeated laptop counts more during training.")
        if clash:
            first = clash[0]
            notes.append(f"Rows {_row_words([i + 1 for i in first])} are the same laptop with "
                         "different answers; no model can get both right.")
    return TableCheck(x, y, (), tuple(notes))


def table_from_arrays(x: np.ndarray, y: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({"pink": np.asarray(x, float)[:, 0], "small": np.asarray(x, float)[:, 1],
                         "buy": np.asarray(y).astype(bool)})


def editor_table(table: pd.DataFrame) -> pd.DataFrame:
    """The table as the data editor shows it: pink and small as text, so that a typed cell
    reaches check_table exactly as typed. A number becomes its shortest exact text
    (number_text: 0.1 -> "0.1"), text stays as it is, an empty cell becomes None.

    >>> editor_table(table_from_arrays([[0.1, 1.0]], [1]))[["pink", "small"]].iloc[0].tolist()
    ['0.1', '1']
    """
    def as_text(value):
        if _is_empty(value):
            return None
        if isinstance(value, str):
            return value
        number, reason = _read_feature(value)
        return str(value) if reason else number_text(number)

    return table.assign(**{c: pd.Series([as_text(v) for v in table[c]], index=table.index,
                                        dtype=object) for c in FEATURES})


def to_csv_bytes(table: pd.DataFrame) -> bytes:
    """The table as a CSV file, as the upload reads it back: numbers with a dot (a typed "0,5"
    or "50%" is written 0.5), buy as 1/0, an empty cell empty, and a cell that cannot be read
    as the visitor typed it (nothing typed is lost)."""
    def cell(value) -> str:
        number, reason = _read_feature(value)
        if reason is not None:
            return str(value).strip()
        return "" if math.isnan(number) else number_text(number)

    out = pd.DataFrame({
        "pink": [cell(v) for v in table["pink"]],
        "small": [cell(v) for v in table["small"]],
        "buy": [{True: "1", False: "0"}.get(_as_buy(v), "") for v in table["buy"]],
    })
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")
