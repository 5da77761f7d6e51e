"""Reading a CSV file to import: the header checked, every row as a dict with its line number,
and the file of rejected rows written beside it."""
from __future__ import annotations

import csv
from pathlib import Path

from ..domain.errors import ImportRefused
from .files import writable_file, writing

EXTRA = "__extra__"  # the key a row gets when it has more values than the header has columns


def read_records(path: Path, required: list[str]) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header and each non-blank row (line number, {column: value}). A file that is not a
    readable CSV with every required column is refused whole."""
    path = Path(path)
    if path.suffix.lower() != ".csv":
        raise ImportRefused(f"{path.name} is not a .csv file")
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            header = [h.strip() for h in next(reader, [])]
            missing = [c for c in required if c not in header]
            if missing:
                raise ImportRefused(f"{path.name} lacks the required column{'s' if len(missing) > 1 else ''} "
                                    f"{', '.join(missing)} (needs {', '.join(required)})")
            records = [(reader.line_num, _record(header, row)) for row in reader if any(cell.strip() for cell in row)]
            return header, records
    except FileNotFoundError:
        raise ImportRefused(f"no file {path}") from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise ImportRefused(f"{path.name} is not a readable UTF-8 CSV file ({error.__class__.__name__})") from None
    except OSError as error:
        raise ImportRefused(f"cannot read {path}: {error.strerror}") from None


def _record(header: list[str], row: list[str]) -> dict:
    record = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)}
    if len(row) > len(header):
        record[EXTRA] = "too many values on the line"
    return record


def rejects_path(source: Path) -> Path:
    return Path(source).with_name(f"{Path(source).stem}_rejects.csv")


def write_rejects(source: Path, header: list[str], rejected: list[tuple[int, dict, str]]) -> Path:
    """FILE_rejects.csv beside the source: each rejected row with its line and reason."""
    target = writable_file(rejects_path(source))
    with writing(target), open(target, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(["line", "reason", *header])
        for line, record, reason in rejected:
            writer.writerow([line, reason, *(record.get(name, "") for name in header)])
    return target
