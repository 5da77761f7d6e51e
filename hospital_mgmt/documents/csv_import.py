"""Reading a CSV file to import: the header checked, every row as a dict with the line it starts
on, rows the CSV rules cannot read reported with their real line and reason, and the file of
rejected rows written beside the source."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.errors import ImportRefused
from .csv_files import safe_cell
from .files import atomic_file

EXTRA = "__extra__"  # the key a row gets when it has more values than the header has columns
TOO_LARGE = re.compile(r"field larger than field limit \((\d+)\)")


@dataclass
class ImportFile:
    header: list[str]
    records: list[tuple[int, dict]] = field(default_factory=list)  # the line a row starts on, its values
    unreadable: list[tuple[int, str]] = field(default_factory=list)  # the line, why CSV could not read it


def read_records(path: Path, required: list[str]) -> ImportFile:
    """The header and each non-blank row. A file that is not a readable CSV with every required
    column is refused whole; a row the CSV rules cannot read is reported with its line."""
    path = Path(path)
    if path.suffix.lower() != ".csv":
        raise ImportRefused(f"{path.name} is not a .csv file")
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle, strict=True)
            header = [h.strip() for h in next(reader, [])]
            missing = [c for c in required if c not in header]
            if missing:
                raise ImportRefused(f"{path.name} lacks the required column{'s' if len(missing) > 1 else ''} "
                                    f"{', '.join(missing)} (needs {', '.join(required)})")
            return _read_rows(reader, header)
    except FileNotFoundError:
        raise ImportRefused(f"no file {path}") from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise ImportRefused(f"{path.name} is not a readable UTF-8 CSV file ({_reason(error)})") from None
    except OSError as error:
        raise ImportRefused(f"cannot read {path}: {error.strerror}") from None


def _read_rows(reader, header: list[str]) -> ImportFile:
    result = ImportFile(header)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return result
        except csv.Error as error:
            result.unreadable.append((start, _row_reason(error, start, reader.line_num)))
            continue
        if any(cell.strip() for cell in row):
            result.records.append((start, _record(header, row)))


def _row_reason(error: csv.Error, start: int, end: int) -> str:
    text = str(error)
    if text == "unexpected end of data":
        return (f"a quoted value that starts on this line is never closed, so lines {start} to {end}"
                " could not be read; close the quote")
    too_large = TOO_LARGE.fullmatch(text)
    if too_large:
        return f"a value is longer than {int(too_large.group(1)):,} characters"
    return f"not valid CSV ({text})"


def _reason(error: Exception) -> str:
    if isinstance(error, UnicodeDecodeError):
        return f"byte {error.object[error.start]:#04x} at position {error.start} is not UTF-8"
    return str(error)


def _record(header: list[str], row: list[str]) -> dict:
    record = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)}
    if len(row) > len(header):
        record[EXTRA] = "too many values on the line"
    return record


def rejects_path(source: Path) -> Path:
    return Path(source).with_name(f"{Path(source).stem}_rejects.csv")


def write_rejects(source: Path, header: list[str], rejected: list[tuple[int, dict, str]]) -> Path:
    """FILE_rejects.csv beside the source: each rejected row with its line and reason."""
    target = rejects_path(source)
    with atomic_file(target, newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(["line", "reason", *header])
        for line, record, reason in rejected:
            writer.writerow([line, safe_cell(reason), *(safe_cell(record.get(name, "")) for name in header)])
    return target
