"""The one interface the rest of the application uses to reach a database.

SQL is written once with `?` placeholders. Each engine subclass converts placeholders,
translates driver errors into the named errors below, and turns stored values back into
Decimal, date and time, so callers never see which engine runs.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from ..domain.errors import Duplicate, StillReferenced, StorageError, UnknownReference

__all__ = ["Database", "DuplicateKey", "StillReferenced", "UnknownReference", "StorageError"]


def split_script(script: str) -> list[str]:
    """The statements of an SQL script as the mysql client reads it: `;` ends a statement, except
    between `DELIMITER //` and `DELIMITER ;`, where a line ending in `//` does (trigger bodies hold
    `;` of their own). Lines of comments are left out."""
    statements: list[str] = []
    delimiter, block = ";", list[str]()
    for line in script.splitlines():
        stripped = line.strip()
        if stripped.startswith("--"):
            continue
        if stripped.upper().startswith("DELIMITER "):
            statements += _ended(block, delimiter)
            delimiter, block = stripped.split()[1], []
            continue
        block.append(line)
    return statements + _ended(block, delimiter)


def _ended(lines: list[str], delimiter: str) -> list[str]:
    text = "\n".join(lines)
    if delimiter != ";":
        text = text.replace(delimiter + "\n", "\0").removesuffix(delimiter)
        return [part.strip() for part in text.split("\0") if part.strip()]
    return [part.strip() for part in text.split(";") if part.strip()]


def placeholders(values) -> str:
    """`?, ?, ?` for an IN list of these values (the values themselves are always bound)."""
    return ", ".join("?" for _ in values)


class DuplicateKey(Duplicate):
    """A unique key refused a row; `key` names the index (e.g. uq_services_key)."""

    def __init__(self, key: str, detail: str = ""):
        super().__init__(f"duplicate value for {key}" + (f" ({detail})" if detail else ""))
        self.key = key


class Database:
    engine: str = ""

    # -- statements -----------------------------------------------------------------
    def execute(self, sql: str, params: Sequence = ()) -> int:
        """Run one statement; return the number of rows it changed."""
        raise NotImplementedError

    def insert(self, sql: str, params: Sequence = ()) -> int:
        """Run an INSERT; return the key the database assigned."""
        raise NotImplementedError

    def executemany(self, sql: str, rows: Iterable[Sequence]) -> None:
        raise NotImplementedError

    def rows(self, sql: str, params: Sequence = ()) -> list[Mapping[str, Any]]:
        """All rows, each readable by column name."""
        raise NotImplementedError

    def table(self, sql: str, params: Sequence = ()) -> tuple[list[str], list[tuple]]:
        """Column names and plain tuples: the shape reports and exports want."""
        raise NotImplementedError

    def stream(self, sql: str, params: Sequence = (), batch: int = 5000) -> Iterator[Any]:
        """Column names, then batches of tuples: for exports too large to hold at once."""
        raise NotImplementedError

    def one(self, sql: str, params: Sequence = ()) -> Mapping[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, params: Sequence = ()):
        _, values = self.table(sql, params)
        return values[0][0] if values else None

    # -- transactions ---------------------------------------------------------------
    def begin(self) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def rollback(self) -> None:
        raise NotImplementedError

    @property
    def in_transaction(self) -> bool:
        raise NotImplementedError

    def reconnect(self) -> None:
        """Replace a connection that broke. An embedded database has none to lose."""

    @contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        """Run the block while no other terminal runs a block of the same name (schema changes)."""
        raise NotImplementedError
        yield

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Read inside the block from one consistent state of the database, whatever other
        terminals commit meanwhile (for a backup)."""
        raise NotImplementedError
        yield

    @contextmanager
    def transaction(self):
        """Everything inside is written together or not at all."""
        self.begin()
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        self.commit()

    # -- values ---------------------------------------------------------------------
    def to_money(self, value) -> Any:
        """A stored amount as a two-place Decimal (None stays None)."""
        raise NotImplementedError

    def to_date(self, value) -> Any:
        raise NotImplementedError

    def to_time(self, value) -> Any:
        raise NotImplementedError

    def to_datetime(self, value) -> Any:
        """A stored moment (to the second) as a datetime (None stays None)."""
        raise NotImplementedError

    # -- dialect --------------------------------------------------------------------
    lock_suffix: str = ""  # appended to a SELECT inside a transaction to lock the rows it reads
    # An inner join that keeps the tables in the order written: a report starts from its date range
    # (the bills or appointments of the period) rather than from every service or doctor.
    join_in_order: str = "JOIN"

    def money_text_sql(self, column: str) -> str:
        """SQL for a money column as exact plain text with two places ("1234.50"), for exports."""
        raise NotImplementedError

    def code_sql(self, prefix: str, width: int, column: str) -> str:
        """SQL for a display code (B001, A1234) of a key column; NULL stays NULL."""
        raise NotImplementedError

    def time_text_sql(self, column: str) -> str:
        """SQL for a time column as HH:MM text."""
        raise NotImplementedError

    def starts_with_sql(self, column: str) -> str:
        """A condition, with one placeholder, that the column starts with a text, written so
        the column's index serves it; bind starts_with_param(text)."""
        raise NotImplementedError

    def starts_with_param(self, text: str) -> str:
        raise NotImplementedError

    def concat_sql(self, *parts: str) -> str:
        """SQL joining text expressions end to end."""
        raise NotImplementedError

    def joined_sql(self, expression: str, source: str, order: str) -> str:
        """SQL for the text values of `expression` over the rows of `source` (`table alias WHERE
        ...`, which may refer to the outer query), in `order`, joined by '; '."""
        raise NotImplementedError

    def month_of(self, column: str) -> str:
        """SQL for the YYYY-MM text of a date column (for GROUP BY month)."""
        raise NotImplementedError

    # -- schema ---------------------------------------------------------------------
    def create_schema(self) -> None:
        raise NotImplementedError

    def has_schema(self) -> bool:
        return self.has_table("patients")

    def has_table(self, name: str) -> bool:
        raise NotImplementedError

    def table_columns(self) -> dict[str, list[str]]:
        """Every table and its columns, for checking the two schemas agree."""
        raise NotImplementedError

    def index_names(self, table: str) -> set[str]:
        """The names of the table's indexes (its primary key left out)."""
        raise NotImplementedError

    def trigger_names(self) -> set[str]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
