"""The CSV files the application writes: reports, the daily visits, exports and import rejects.
All UTF-8 with a byte-order mark, so spreadsheets read accents right; money as plain 1234.50.

A text cell that a spreadsheet would run as a formula (one starting with = + - @, a tab or a
carriage return) is written with a leading apostrophe, as OWASP advises against CSV injection;
a cell that is a number (-5, +91 98765 or 12.50 are text here only if they are not numbers) is
written as it is."""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..domain.report import Report
from .files import atomic_file

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def safe_cell(value) -> str:
    """A value as the text of a CSV cell that no spreadsheet will run as a formula."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_START) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


def write_report_csv(report: Report, path: Path) -> Path:
    """A report and its further sections, each section after a blank line and its title."""
    with atomic_file(path, newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        for number, table in enumerate([report, *report.sections]):
            if number:
                writer.writerow([])
                writer.writerow([safe_cell(table.title)])
            writer.writerow([safe_cell(column) for column in table.columns])
            writer.writerows([safe_cell(v) for v in row] for row in table.rows)
    return path


def write_rows_csv(path: Path, columns: list[str], rows: Iterable[list]) -> Path:
    with atomic_file(path, newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows([safe_cell(v) for v in row] for row in rows)
    return path


def write_batches_csv(path: Path, columns: list[str], batches: Iterator[list[tuple]],
                      text_columns: tuple[str, ...] = ()) -> int:
    """Rows arriving in batches, each appended through pandas, so memory stays flat however
    large the export. `text_columns` are those that may hold typed text (names, a diagnosis),
    whose cells safe_cell guards; the others hold what SQL built (codes, dates, money). Returns
    how many rows were written."""
    import pandas as pd  # loaded with the first export, not at start-up
    count = 0
    with atomic_file(path, newline="") as handle:
        # The byte-order mark by hand: the utf-8-sig codec would encode every row in Python.
        handle.write("\ufeff")
        pd.DataFrame(columns=columns).to_csv(handle, index=False)
        for batch in batches:
            frame = pd.DataFrame.from_records(batch, columns=columns)
            _neutralise_formulas(frame, text_columns)
            frame.to_csv(handle, index=False, header=False)
            count += len(batch)
    return count


def _neutralise_formulas(frame, text_columns: tuple[str, ...]) -> None:
    """safe_cell over the given columns of a batch, touching only the cells that need it (a plain
    scan of the values is several times faster than pandas' string methods here)."""
    for column in text_columns:
        values = frame[column].tolist()
        risky = [i for i, value in enumerate(values) if isinstance(value, str) and value.startswith(FORMULA_START)]
        if risky:
            frame.loc[frame.index[risky], column] = [safe_cell(values[i]) for i in risky]
