"""Checking a database, and copying it out and back in.

- An integrity check: SQLite's `PRAGMA integrity_check`, MySQL's `CHECK TABLE`.
- A backup made while terminals keep working. SQLite: its online backup API copies the whole file
  as one consistent state. MySQL: every table read in one consistent-snapshot transaction into a
  dump: gzip-compressed JSON lines, values bound back as parameters on restore (no SQL text).
- A restore into an empty database of the same engine, in one transaction."""
from __future__ import annotations

import gzip
import json
import os
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..domain.errors import DatabaseDamaged, DatabaseNotEmpty, FileExists, InvalidRequest, OutputRefused
from ..paths import make_private_folder
from . import summaries
from .database import Database
from .migrations import LATEST, version
from .seed_loader import is_empty

DUMP_FORMAT = "hospital_mgmt backup"
# In the order a restore inserts them: every table after those it refers to.
TABLES = ["services", "patients", "patient_name_grams", "admissions", "departments", "doctors", "doctor_hours",
          "doctor_leave", "users", "user_roles", "appointments", "billing", "bill_items", "visits", "prescriptions",
          "treatments", "lab_tests", "lab_orders", "shifts", "receipts",
          "payments", "shift_counts", "credit_notes", "credit_note_items", "deposits", "deposit_uses", "refunds",
          "audit"]
# A merged patient points at the record kept, which is never merged itself: those come first.
DUMP_ORDER = {"patients": "merged_into IS NOT NULL, patient_id"}


def integrity_problems(db: Database) -> list[str]:
    """What the engine's own check finds wrong; empty when the database is sound."""
    if db.engine == "sqlite":
        try:
            found = [row[0] for row in db.table("PRAGMA integrity_check")[1]]
        except DatabaseDamaged as damage:  # damage can stop the check itself
            return [str(damage)]
        return [] if found == ["ok"] else found
    tables = sorted(db.table_columns())
    # Table names come from the database's own catalogue, never from input.
    _, rows = db.table("CHECK TABLE " + ", ".join(f"`{table}`" for table in tables))
    return [f"{table}: {text}" for table, _, kind, text in rows if str(kind).lower() in ("error", "warning")
            or str(text).upper() not in ("OK", "TABLE IS ALREADY UP TO DATE")]


def backup(db: Database, path: Path) -> dict[str, int]:
    """Write a consistent copy of the database to `path` (readable by its owner only); the rows of
    each table it holds."""
    with _private_file(path):
        if db.engine == "sqlite":
            return _sqlite_backup(db, path)
        return _mysql_dump(db, path)


def restore(db: Database, path: Path) -> dict[str, int]:
    """Put a backup back into `db`, which must be empty; the rows of each table restored."""
    _check_readable(Path(path))
    if not is_empty(db) or db.scalar("SELECT count(*) FROM users"):
        raise DatabaseNotEmpty("the database already has records; a backup is restored only into an empty"
                               " database (a new SQLite file, or a MySQL database made by init-db --empty)")
    if db.engine == "sqlite":
        return _sqlite_restore(db, path)
    return _mysql_restore(db, path)


def _check_readable(path: Path) -> None:
    if path.is_dir():
        raise InvalidRequest(f"{path} is a folder; give the backup file `hospital-mgmt backup` wrote")
    try:
        with open(path, "rb"):
            pass
    except OSError as error:
        raise InvalidRequest(f"cannot read the backup {path}: {error.strerror or error}") from None


def counts(db: Database) -> dict[str, int]:
    return {table: int(db.scalar(f"SELECT count(*) FROM {table}")) for table in TABLES}


# -- SQLite ------------------------------------------------------------------------------

def _sqlite_backup(db: Database, path: Path) -> dict[str, int]:
    target = sqlite3.connect(path)
    try:
        db.connection.backup(target)  # type: ignore[attr-defined]
        # counted in the copy: the live database may have moved on already
        return {table: target.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}
    finally:
        target.close()


def _sqlite_restore(db: Database, path: Path) -> dict[str, int]:
    if not _is_sqlite_file(path):
        raise InvalidRequest(f"{path} is not an SQLite backup; a MySQL dump restores into MySQL")
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        source.backup(db.connection)  # type: ignore[attr-defined]
    finally:
        source.close()
    return counts(db)


def _is_sqlite_file(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(16) == b"SQLite format 3\x00"


# -- MySQL -------------------------------------------------------------------------------

def _mysql_dump(db: Database, path: Path) -> dict[str, int]:
    written = {}
    with db.snapshot(), gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(json.dumps({"format": DUMP_FORMAT, "schema_version": version(db), "engine": db.engine,
                              "made": datetime.now().isoformat(timespec="seconds")}) + "\n")
        for table in TABLES + ["counters"]:
            written[table] = _dump_table(db, table, out)
    return {table: written[table] for table in TABLES}


def _dump_table(db: Database, table: str, out) -> int:
    columns = _stored_columns(db, table)
    out.write(json.dumps({"table": table, "columns": columns}) + "\n")
    rows = 0
    batches = db.stream(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {DUMP_ORDER.get(table, '1')}")
    next(batches)
    for batch in batches:
        for row in batch:
            out.write(json.dumps([_plain(value) for value in row]) + "\n")
            rows += 1
    return rows


def _stored_columns(db: Database, table: str) -> list[str]:
    """The columns a row is written with: generated ones (live_slot, live_appt_id) left out."""
    _, rows = db.table("SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE()"
                       " AND table_name = ? AND extra NOT LIKE '%GENERATED%' ORDER BY ordinal_position", (table,))
    return [row[0] for row in rows]


def _plain(value: Any) -> Any:
    """A value as JSON holds it exactly: money and times as text, which MySQL reads back as typed."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        seconds = int(value.total_seconds())
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return value


def _mysql_restore(db: Database, path: Path) -> dict[str, int]:
    header, sections = _read_dump(path)
    if header.get("schema_version", 0) > LATEST:
        raise InvalidRequest(f"{path} was made by a newer version (schema {header['schema_version']}); "
                             "restore it with that version")
    restored = {}
    with db.transaction(), summaries.paused(db):  # summed whole once every row is in
        for table, columns, rows in sections:
            if table == "counters":
                db.executemany("UPDATE counters SET last_value = ? WHERE name = ?",
                               [(row[columns.index("last_value")], row[columns.index("name")]) for row in rows])
                continue
            if table not in TABLES:
                continue
            # Table and column names were checked against the database's own below.
            known = set(db.table_columns()[table])
            if not set(columns) <= known:
                raise InvalidRequest(f"{path} has columns that {table} does not: not a backup of this application")
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
            db.executemany(sql, rows)
            restored[table] = len(rows)
    return restored


def _read_dump(path: Path) -> tuple[dict, Iterator[tuple[str, list[str], list[list]]]]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            lines = handle.read().splitlines()
        header = json.loads(lines[0])
    except (OSError, EOFError, ValueError, IndexError):
        raise InvalidRequest(f"{path} is not a backup made by `hospital-mgmt backup` on MySQL") from None
    if not isinstance(header, dict) or header.get("format") != DUMP_FORMAT:
        raise InvalidRequest(f"{path} is not a backup made by `hospital-mgmt backup` on MySQL")
    return header, _sections(lines[1:])


def _sections(lines: list[str]) -> Iterator[tuple[str, list[str], list[list]]]:
    table: str | None = None
    columns: list[str] = []
    rows: list[list] = []
    for line in lines:
        item = json.loads(line)
        if isinstance(item, dict):
            if table is not None:
                yield table, columns, rows
            table, columns, rows = item["table"], item["columns"], []
        else:
            rows.append(item)
    if table is not None:
        yield table, columns, rows


class _private_file:
    """Create `path` empty and readable by its owner only before anything is written into it;
    remove it if the backup fails."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def __enter__(self) -> Path:
        try:
            make_private_folder(self.path.parent)
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:  # made by someone else since the name was checked
            raise FileExists(self.path) from None
        except OSError as error:
            raise OutputRefused(f"cannot write {self.path}: {error.strerror or error}") from None
        return self.path

    def __exit__(self, kind, error, trace) -> None:
        if kind is not None:
            self.path.unlink(missing_ok=True)


def rebuild_summaries(db: Database) -> tuple[int, dict[str, int]]:
    """The daily summaries computed again from the records, in one transaction: how many summary
    rows differed before (none while the triggers kept them) and the rows written per summary.
    On MySQL the terminals' writes wait for it (the summary rows are locked until it commits)."""
    with db.transaction():
        differed = sum(len(rows) for rows in summaries.differences(db).values())
        return differed, summaries.rebuild(db)
