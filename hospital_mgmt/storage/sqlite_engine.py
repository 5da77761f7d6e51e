"""SQLite through the standard library: the embedded default, no server, no set-up."""
import os
import re
import sqlite3
from contextlib import contextmanager
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from ..domain.errors import (
    ChangeRefusedByDatabase,
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseUnavailable,
    StillReferenced,
    StorageError,
    UnknownReference,
)
from ..domain.money import CENT, LARGEST
from ..paths import make_private_folder
from .database import Database, DuplicateKey

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "sql" / "schema_sqlite.sql"
UNIQUE_FAILED = re.compile(r"UNIQUE constraint failed: (\w+)\.(.+)")
UNIQUE_INDEX_FAILED = re.compile(r"UNIQUE constraint failed: index '(\w+)'")


def _cents(amount: Decimal) -> int:
    # Refused as MySQL refuses a value past DECIMAL(12,2): INTEGER would take it, and the two
    # engines would then hold different books.
    if abs(amount) > LARGEST:
        raise ChangeRefusedByDatabase(f"the database refused the change (the amount {amount:,.2f} is out of range)")
    return int(amount.quantize(CENT, rounding=ROUND_HALF_UP).scaleb(2))


# Money is bound as whole cents; dates and times as ISO text. Every Decimal this
# application binds is money, so one adapter serves all of them.
sqlite3.register_adapter(Decimal, _cents)
sqlite3.register_adapter(date, date.isoformat)
sqlite3.register_adapter(datetime, lambda moment: moment.isoformat(sep=" ", timespec="seconds"))
sqlite3.register_adapter(time, lambda t: t.strftime("%H:%M"))


class SQLiteDatabase(Database):
    engine = "sqlite"

    def __init__(self, connection: sqlite3.Connection, path: str):
        self.connection = connection
        self.path = path
        self._unique_keys: dict[tuple[str, tuple[str, ...]], str] | None = None

    @classmethod
    def open(cls, path: Path | str, create: bool = False) -> "SQLiteDatabase":
        path = str(path)
        new = path != ":memory:" and not Path(path).exists()
        if path != ":memory:":
            folder = Path(path).expanduser().resolve().parent
            if create:
                try:
                    make_private_folder(folder)
                except OSError as error:
                    raise DatabaseUnavailable(f"cannot create the folder {folder}: {error.strerror}") from None
            if new and not create:
                raise DatabaseUnavailable(f"no database at {path}; run `hospital-mgmt init-db`")
        try:
            connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10)
            connection.row_factory = sqlite3.Row
            connection.execute("PRAGMA foreign_keys = ON")
            if new:  # patient data: the owner's only (SQLite gives its -wal and -shm files the same mode)
                os.chmod(path, 0o600)
            if path != ":memory:":
                connection.execute("PRAGMA journal_mode = WAL")
                connection.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as error:
            raise DatabaseUnavailable(f"cannot open the database {path}: {error}") from None
        return cls(connection, path)

    # -- statements -----------------------------------------------------------------
    # SQLite reads a page when a row needs it, so damage may show while rows are fetched: every
    # fetch is inside the translation, like the statement itself.
    def _statement(self, sql, params, result):
        try:
            return result(self.connection.execute(sql, params))
        except sqlite3.Error as error:
            raise self._translate(error, sql) from error

    def _run(self, sql, params=()):
        return self._statement(sql, params, lambda cursor: cursor)

    def execute(self, sql, params=()):
        return self._statement(sql, params, lambda cursor: cursor.rowcount)

    def insert(self, sql, params=()):
        return self._statement(sql, params, lambda cursor: cursor.lastrowid)

    def executemany(self, sql, rows):
        try:
            self.connection.executemany(sql, rows)
        except sqlite3.Error as error:
            raise self._translate(error, sql) from error

    def rows(self, sql, params=()):
        return self._statement(sql, params, lambda cursor: cursor.fetchall())

    def table(self, sql, params=()):
        return self._statement(sql, params, lambda cursor: (
            [column[0] for column in cursor.description], [tuple(row) for row in cursor.fetchall()]))

    def stream(self, sql, params=(), batch: int = 5000):
        """Column names, then batches of tuples: for exports too large to hold at once."""
        cursor = self._run(sql, params)
        cursor.row_factory = None
        yield [column[0] for column in cursor.description]
        while chunk := self._fetch(cursor, batch, sql):
            yield chunk

    def _fetch(self, cursor, batch: int, sql: str) -> list:
        try:
            return cursor.fetchmany(batch)
        except sqlite3.Error as error:
            raise self._translate(error, sql) from error

    # -- transactions ---------------------------------------------------------------
    def begin(self):
        # IMMEDIATE takes the write lock at once, so two terminals queue up instead of
        # failing half-way when both try to upgrade a read lock.
        self._run("BEGIN IMMEDIATE")

    def commit(self):
        self._run("COMMIT")

    def rollback(self):
        if self.connection.in_transaction:
            self.connection.execute("ROLLBACK")

    @property
    def in_transaction(self):
        return self.connection.in_transaction

    # -- values ---------------------------------------------------------------------
    def to_money(self, value):
        if type(value) is int:  # whole cents: exactly two places already
            return Decimal(value).scaleb(-2)
        if value is None:
            return None
        if isinstance(value, float):  # only AVG() gives one; round it back to cents
            value = Decimal(repr(value))
        return Decimal(value).scaleb(-2).quantize(CENT, rounding=ROUND_HALF_UP)

    def to_date(self, value):
        return date.fromisoformat(value) if isinstance(value, str) else value

    def to_time(self, value):
        return time.fromisoformat(value) if isinstance(value, str) else value

    def to_datetime(self, value):
        return datetime.fromisoformat(value) if isinstance(value, str) else value

    # -- dialect --------------------------------------------------------------------
    lock_suffix = ""  # BEGIN IMMEDIATE already holds the write lock
    join_in_order = "CROSS JOIN"  # SQLite's planner never reorders the left table of a CROSS JOIN

    def money_text_sql(self, column):
        # Whole cents to exact "1234.50" text, in integer arithmetic (no float on the way).
        # (|| binds tighter than / in SQLite, hence the brackets.)
        return f"((({column}) / 100) || '.' || substr('0' || (({column}) % 100), -2))"

    def code_sql(self, prefix, width, column):
        return f"CASE WHEN {column} IS NULL THEN NULL ELSE '{prefix}' || printf('%0{width}d', {column}) END"

    def time_text_sql(self, column):
        return column

    def concat_sql(self, *parts):
        return "(" + " || ".join(parts) + ")"

    def joined_sql(self, expression, source, order):
        # group_concat keeps the order of an ordered subquery (SQLite 3.40 has no ORDER BY inside it)
        return f"(SELECT group_concat(v, '; ') FROM (SELECT {expression} AS v FROM {source} ORDER BY {order}))"

    def starts_with_sql(self, column):
        # GLOB is case-sensitive, so SQLite can answer it from the column's ordinary index.
        return f"{column} GLOB ?"

    def starts_with_param(self, text):
        return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in text) + "*"

    def month_of(self, column):
        return f"substr({column}, 1, 7)"

    # -- schema ---------------------------------------------------------------------
    def create_schema(self):
        try:
            self.connection.executescript(SCHEMA_FILE.read_text(encoding="utf-8"))
        except sqlite3.Error as error:
            raise self._translate(error, "CREATE") from error

    def has_table(self, name):
        return self.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)) == 1

    def table_columns(self):
        names = [row[0] for row in self.table(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'"
        )[1]]
        return {name: [row["name"] for row in self.rows("SELECT name FROM pragma_table_xinfo(?)", (name,))]
                for name in names}

    def index_names(self, table):
        return {row["name"] for row in self.rows("SELECT name FROM pragma_index_list(?) WHERE origin = 'c'", (table,))}

    def trigger_names(self):
        return {row[0] for row in self.table("SELECT name FROM sqlite_master WHERE type = 'trigger'")[1]}

    @contextmanager
    def snapshot(self):
        self._run("BEGIN")  # in WAL mode a read transaction sees one state until it ends
        try:
            yield
        finally:
            self.rollback()

    @contextmanager
    def exclusive(self, name):
        # One writer at a time is SQLite's own rule, and its schema changes are transactional.
        # A change that makes a table again needs the foreign keys off, which SQLite allows only
        # outside a transaction; they are checked whole before the change commits.
        self._run("PRAGMA foreign_keys = OFF")
        try:
            with self.transaction():
                yield
                broken = self.rows("PRAGMA foreign_key_check")
                if broken:
                    raise ChangeRefusedByDatabase(f"the schema change would leave {broken[0]['table']}"
                                                  " referring to records that do not exist")
        finally:
            self._run("PRAGMA foreign_keys = ON")

    def close(self):
        self.connection.close()

    # -- errors ---------------------------------------------------------------------
    def _translate(self, error: sqlite3.Error, sql: str) -> Exception:
        message = str(error)
        if isinstance(error, sqlite3.IntegrityError):
            named = UNIQUE_INDEX_FAILED.match(message)
            if named:
                return DuplicateKey(named.group(1))
            unique = UNIQUE_FAILED.match(message)
            if unique:
                return DuplicateKey(self._unique_key_name(unique.group(1), unique.group(2)))
            if "FOREIGN KEY" in message:
                if sql.lstrip().upper().startswith("DELETE"):
                    return StillReferenced("other records still refer to it")
                return UnknownReference("it refers to a record that does not exist")
            return ChangeRefusedByDatabase(f"the database refused the change ({message})")
        if "locked" in message or "busy" in message:
            return DatabaseBusy("the database is busy with another terminal; try again")
        if isinstance(error, sqlite3.OperationalError) and ("unable to open" in message or "readonly" in message):
            return DatabaseUnavailable(f"cannot write the database {self.path}: {message}")
        if "malformed" in message or "not a database" in message or isinstance(error, sqlite3.DatabaseError) \
                and "corrupt" in message:
            return DatabaseDamaged(f"the database {self.path} is damaged ({message}); `hospital-mgmt check-db` tells"
                                   " more, and `hospital-mgmt restore` puts back a backup")
        return StorageError(f"database error: {message}")

    def _unique_key_name(self, table: str, columns_text: str) -> str:
        """Find the index behind SQLite's 'UNIQUE constraint failed: t.a, t.b' message."""
        if self._unique_keys is None:
            self._unique_keys = {}
            for (name,) in self.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
                for index in self.connection.execute("SELECT name FROM pragma_index_list(?) WHERE \"unique\"", (name,)):
                    columns = tuple(r[0] for r in self.connection.execute(
                        "SELECT name FROM pragma_index_info(?) ORDER BY seqno", (index[0],)))
                    self._unique_keys[(name, columns)] = index[0]
        columns = tuple(part.strip().split(".")[-1] for part in columns_text.split(","))
        return self._unique_keys.get((table, columns), f"{table}({', '.join(columns)})")
