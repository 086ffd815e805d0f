"""The laptop table: load it, read an uploaded CSV, check it, turn it into arrays.

Pure functions, no streamlit. Every problem is reported as a plain sentence a
non-programmer can act on; nothing here ever shows user text as markup (callers print it as
plain text).
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

COLUMNS = ("pink", "small", "buy")
FEATURES = ("pink", "small")
TUTORIAL_CSV = Path(__file__).resolve().parents[1] / "data" / "laptops.csv"
MAX_ROWS = 1000  # more rows than anyone types; also caps what an upload may hold
MAX_UPLOAD_BYTES = 100_000  # about 5,000 short lines: far above MAX_ROWS rows of 3 numbers
TRUE_WORDS = {"1", "1.0", "true", "yes", "buy", "y"}
FALSE_WORDS = {"0", "0.0", "false", "no", "don't buy", "dont buy", "no buy", "n"}


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


def _row_words(rows: list[int], limit: int = 5) -> str:
    shown = ", ".join(str(r) for r in rows[:limit])
    more = len(rows) - limit
    return shown + (f" and {more} more" if more > 0 else "")


def _as_buy(value) -> bool | None:
    """True/False for a buy cell, or None when it cannot be read as yes/no."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
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


def read_csv_bytes(raw: bytes, name: str = "the file") -> pd.DataFrame:
    """Read an uploaded CSV into a table with columns pink, small (floats) and buy (bool).

    Raises DataError with a friendly message for anything that is not such a CSV. Cells that
    do not hold numbers are kept as NaN / None so check_table can name their rows.
    """
    if len(raw) > MAX_UPLOAD_BYTES:
        raise DataError(f"{name} is {len(raw):,} bytes; the limit is {MAX_UPLOAD_BYTES:,} bytes "
                        f"(about {MAX_ROWS:,} laptops). Please upload a smaller table.")
    if b"\x00" in raw:
        raise DataError(f"{name} does not look like a CSV text file (it holds binary data).")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(f"{name} is not a text file that can be read (it is not UTF-8 text)."
                        ) from None
    if not text.strip():
        raise DataError(f"{name} is empty. A CSV needs a header line: pink,small,buy.")
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise DataError(f"{name} could not be read as a CSV ({error}).") from None
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:  # only commas, spaces or empty quotes
        raise DataError(f"{name} is empty. A CSV needs a header line: pink,small,buy.")
    header = [cell.strip().lower() for cell in rows[0]]
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
    body = rows[1:]
    if len(body) > MAX_ROWS:
        raise DataError(f"{name} has {len(body):,} laptops; the limit is {MAX_ROWS:,}.")
    index = {c: header.index(c) for c in COLUMNS}
    ragged = [i + 1 for i, r in enumerate(body) if len(r) != len(COLUMNS)]
    if ragged:
        raise DataError(f"{name}: row {_row_words(ragged)} does not have exactly 3 cells.")
    table = pd.DataFrame({c: [r[index[c]].strip() for r in body] for c in COLUMNS})
    out = pd.DataFrame({
        "pink": pd.to_numeric(table["pink"], errors="coerce").astype(float),
        "small": pd.to_numeric(table["small"], errors="coerce").astype(float),
        "buy": pd.Series([_as_buy(v) for v in table["buy"]], dtype=object),
    })
    bad_text = [i + 1 for i in range(len(table))
                if (np.isnan(out["pink"].iloc[i]) and table["pink"].iloc[i] != "")
                or (np.isnan(out["small"].iloc[i]) and table["small"].iloc[i] != "")
                or (out["buy"].iloc[i] is None and table["buy"].iloc[i] != "")]
    if bad_text:
        raise DataError(f"{name}: row {_row_words(bad_text)} holds text where a number is "
                        "expected (pink and small between 0 and 1, buy 1 or 0).")
    if out["buy"].notna().all():
        out["buy"] = out["buy"].astype(bool)
    return out


def check_table(table: pd.DataFrame) -> TableCheck:
    """Check a laptop table (from the editor or a CSV) before anything trains on it."""
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
    numbers = {c: pd.to_numeric(table[c], errors="coerce").to_numpy(dtype=float)
               for c in FEATURES}
    buys = [_as_buy(v) for v in table["buy"]]
    empty = [i + 1 for i in range(n)
             if np.isnan(numbers["pink"][i]) or np.isnan(numbers["small"][i]) or buys[i] is None]
    if empty:
        problems.append(f"Row {_row_words(empty)} has an empty or unreadable cell. "
                        "Fill it in or delete the row.")
    outside = [i + 1 for i in range(n)
               if any(not np.isnan(numbers[c][i]) and not 0.0 <= numbers[c][i] <= 1.0
                      for c in FEATURES)]
    if outside:
        problems.append(f"Row {_row_words(outside)} has a value outside 0 to 1. "
                        "Pink and small go from 0 (not at all) to 1 (completely).")
    if n < 2:
        problems.append(f"The table has {n} laptop{'s' if n != 1 else ''}; "
                        "at least 2 are needed (one to buy, one not to buy).")
    if problems:
        return TableCheck(None, None, tuple(problems))
    x = np.column_stack([numbers["pink"], numbers["small"]])
    y = np.array(buys, dtype=int)
    if len(set(y.tolist())) < 2:
        only = "buy" if y[0] == 1 else "don't buy"
        return TableCheck(None, None, (f"Every laptop in the table says {only!r}. Add at least "
                                       "one laptop with the other answer, so there is "
                                       "something to tell apart.",))
    notes = []
    keys = [(round(a, 9), round(b, 9)) for a, b in x]
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


def to_csv_bytes(table: pd.DataFrame) -> bytes:
    """The table as a CSV file (buy written as 1/0), as the upload reads it back."""
    out = pd.DataFrame({
        "pink": pd.to_numeric(table["pink"], errors="coerce"),
        "small": pd.to_numeric(table["small"], errors="coerce"),
        "buy": [{True: 1, False: 0}.get(_as_buy(v), "") for v in table["buy"]],
    })
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")
