"""The CSV files the application writes: reports, the daily visits, exports and import rejects.
All UTF-8 with a byte-order mark, so spreadsheets read accents right; money as plain 1234.50."""
from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..domain.report import Report
from .files import writable_file, writing


def write_report_csv(report: Report, path: Path) -> Path:
    """A report and its further sections, each section after a blank line and its title."""
    path = writable_file(path)
    with writing(path), open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        for number, table in enumerate([report, *report.sections]):
            if number:
                writer.writerow([])
                writer.writerow([table.title])
            writer.writerow(table.columns)
            writer.writerows([_cell(v) for v in row] for row in table.rows)
    return path


def write_rows_csv(path: Path, columns: list[str], rows: Iterable[list]) -> Path:
    path = writable_file(path)
    with writing(path), open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows([_cell(v) for v in row] for row in rows)
    return path


def write_batches_csv(path: Path, columns: list[str], batches: Iterator[list[tuple]]) -> int:
    """Rows arriving in batches, each appended through pandas, so memory stays flat however
    large the export. Returns how many rows were written."""
    import pandas as pd  # loaded with the first export, not at start-up
    path = writable_file(path)
    count = 0
    with writing(path), open(path, "w", newline="", encoding="utf-8") as handle:
        # The byte-order mark by hand: the utf-8-sig codec would encode every row in Python.
        handle.write("\ufeff")
        pd.DataFrame(columns=columns).to_csv(handle, index=False)
        for batch in batches:
            pd.DataFrame.from_records(batch, columns=columns).to_csv(handle, index=False, header=False)
            count += len(batch)
    return count


def _cell(value) -> str:
    return "" if value is None else str(value)
