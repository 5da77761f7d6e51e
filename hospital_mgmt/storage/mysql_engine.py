"""MySQL or MariaDB through mysql-connector-python, for several terminals on one database.

A terminal may lose its connection: the server restarts, or closes a connection left idle past
its wait_timeout (8 hours: a terminal left open overnight). The next action connects again by
itself. A read that found the connection gone is repeated on the new one; a write that was in
flight raises ConnectionLost, saying whether the change was lost or may have been saved (the
connection broke during COMMIT), and the operations that carry a request key find out which.

Sessions read at READ COMMITTED: every statement sees what other terminals had committed when it
ran, so a check made after waiting for a row lock never sees an older snapshot, whatever was
read earlier in the transaction."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, TypeVar

import mysql.connector
from _mysql_connector import MySQLInterfaceError
from mysql.connector import errorcode

from ..domain.errors import (
    ChangeRefusedByDatabase,
    ConnectionLost,
    DatabaseBusy,
    DatabaseUnavailable,
    SaveUnconfirmed,
    StillReferenced,
    StorageError,
    UnknownReference,
)
from ..domain.money import CENT
from .database import Database, DuplicateKey, split_script

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "sql" / "schema.sql"
DUPLICATE_KEY = re.compile(r"for key '(?:[\w]+\.)?([\w]+)'")
UNREACHABLE = {errorcode.CR_CONN_HOST_ERROR, errorcode.CR_CONNECTION_ERROR, errorcode.CR_UNKNOWN_HOST}
LOST = {errorcode.CR_SERVER_GONE_ERROR, errorcode.CR_SERVER_LOST, 2055, 1927}  # 1927: connection killed (MariaDB)
LOST_TEXT = ("Connection not available", "Lost connection", "gone away", "not connected")
BUSY = {errorcode.ER_LOCK_DEADLOCK, errorcode.ER_LOCK_WAIT_TIMEOUT}
# MySQL 8 and MariaDB numbers for a failed CHECK constraint, a NULL where NOT NULL, and a NOT NULL
# column left out of an INSERT (SQLite's IntegrityError for all)
CHECK_FAILED = {3819, 4025, errorcode.ER_BAD_NULL_ERROR, errorcode.ER_NO_DEFAULT_FOR_FIELD}
SIGNALLED = 1644  # a trigger's SIGNAL (the audit table's refusal of UPDATE and DELETE)
OUT_OF_RANGE = re.compile(r"Out of range value for column '(\w+)'")
# Whatever the server's own default: a value that does not fit is refused, never cut to fit.
STRICT_SESSION = ("SET SESSION sql_mode = 'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
                  "NO_ENGINE_SUBSTITUTION'")
DRIVER_ERRORS = (mysql.connector.Error, MySQLInterfaceError)
BATCH_BYTES = 1_000_000  # at most; a quarter of the server's max_allowed_packet where that is smaller
T = TypeVar("T")


def _placeholders(sql: str) -> str:
    # SQL is written with `?`; the connector wants `%s`. Its C cursor substitutes only %s,
    # so a literal % (DATE_FORMAT's %Y) stays as it is.
    return sql.replace("?", "%s")


def _statements(script: str) -> list[str]:
    return split_script(script)


def _is_lost(error: Exception) -> bool:
    return getattr(error, "errno", None) in LOST or any(text in str(error) for text in LOST_TEXT)


def _reads_only(sql: str) -> bool:
    return sql.lstrip().upper().startswith(("SELECT", "SHOW"))


class MySQLDatabase(Database):
    engine = "mysql"

    def __init__(self, options: dict, name: str, where: str):
        self.options, self.name, self.where = options, name, where
        self._sql_cache: dict[str, str] = {}
        self._in_transaction = False
        self._broken = False  # the connection was lost; the next statement outside a transaction reconnects
        self.connection = self._connect()

    @classmethod
    def open(cls, settings, create: bool = False) -> MySQLDatabase:
        options = dict(host=settings.db_host, port=settings.db_port, user=settings.db_user,
                       password=settings.db_password, charset="utf8mb4", collation="utf8mb4_unicode_ci",
                       autocommit=True, use_pure=False, connection_timeout=5)
        database = cls(options, settings.db_name, f"{settings.db_host}:{settings.db_port}")
        database._use(create)
        return database

    def _connect(self):
        try:
            connection = mysql.connector.connect(**self.options)
            connection.cmd_query("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED")
            connection.cmd_query(STRICT_SESSION)
            self.batch_bytes = min(BATCH_BYTES, _packet_limit(connection) // 4)
        except DRIVER_ERRORS as error:
            raise DatabaseUnavailable(
                f"cannot reach MySQL at {self.where} as {self.options['user']}: {_reason(error)}") from None
        return connection

    def _use(self, create: bool) -> None:
        # The name passed the DB_NAME identifier check in db_config; identifiers cannot be bound.
        try:
            if create:
                self.connection.cmd_query(
                    f"CREATE DATABASE IF NOT EXISTS `{self.name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
            self.connection.database = self.name
        except DRIVER_ERRORS as error:
            if getattr(error, "errno", None) == errorcode.ER_BAD_DB_ERROR:
                raise DatabaseUnavailable(
                    f"MySQL at {self.where} has no database {self.name!r}; run `hospital-mgmt init-db`") from None
            raise DatabaseUnavailable(
                f"cannot use database {self.name!r} at {self.where}: {_reason(error)}") from None

    def reconnect(self) -> None:
        """A new connection in place of one that broke (DatabaseUnavailable while the server is away)."""
        with suppress(*DRIVER_ERRORS):
            self.connection.close()
        self._in_transaction = False
        self.connection = self._connect()
        self._use(create=False)
        self._broken = False

    # -- statements -----------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        converted = self._sql_cache.get(sql)
        if converted is None:
            converted = self._sql_cache[sql] = _placeholders(sql)
        return converted

    def _statement(self, sql: str, params, dictionary: bool, result: Callable[[Any], T]) -> T:
        """Run one statement and take its result. A read outside a transaction that finds the
        connection gone is run again on a new one; anything else that loses it is ConnectionLost."""
        in_transaction = self._in_transaction
        if self._broken and not in_transaction:
            self.reconnect()
        try:
            return self._attempt(sql, params, dictionary, result)
        except ConnectionLost:
            if in_transaction or not _reads_only(sql):
                raise
            self.reconnect()
            return self._attempt(sql, params, dictionary, result)

    def _attempt(self, sql: str, params, dictionary: bool, result: Callable[[Any], T]) -> T:
        try:
            cursor = self.connection.cursor(dictionary=dictionary)
            try:
                if params:
                    cursor.execute(self._sql(sql), tuple(params))
                else:  # without parameters the connector does no % formatting at all
                    cursor.execute(sql)
                return result(cursor)
            finally:
                with suppress(*DRIVER_ERRORS):
                    cursor.close()
        except DRIVER_ERRORS as error:
            raise self._translate(error) from error

    def execute(self, sql, params=()):
        return self._statement(sql, params, False, lambda cursor: cursor.rowcount)

    def insert(self, sql, params=()):
        return self._statement(sql, params, False, lambda cursor: cursor.lastrowid)

    def executemany(self, sql, rows):
        """Many rows, sent as multi-row INSERTs of a quarter of the server's max_allowed_packet at
        most, so that no statement outgrows it however many rows there are."""
        for batch in _batches(rows, self.batch_bytes):
            try:
                cursor = self.connection.cursor()
                try:
                    cursor.executemany(self._sql(sql), batch)
                finally:
                    with suppress(*DRIVER_ERRORS):
                        cursor.close()
            except DRIVER_ERRORS as error:
                raise self._translate(error) from error

    def rows(self, sql, params=()):
        return self._statement(sql, params, True, lambda cursor: cursor.fetchall())

    def table(self, sql, params=()):
        return self._statement(sql, params, False, lambda cursor: (list(cursor.column_names), cursor.fetchall()))

    def stream(self, sql, params=(), batch: int = 5000) -> Iterator[Any]:
        try:
            cursor = self.connection.cursor()
            try:
                cursor.execute(self._sql(sql), tuple(params))
                yield list(cursor.column_names)
                while chunk := cursor.fetchmany(batch):
                    yield chunk
            finally:
                with suppress(*DRIVER_ERRORS):
                    cursor.close()
        except DRIVER_ERRORS as error:
            raise self._translate(error) from error

    # -- transactions ---------------------------------------------------------------
    def begin(self):
        """Start a transaction; a connection found broken here is replaced first (nothing is lost)."""
        if self._broken:
            self.reconnect()
        try:
            self.connection.start_transaction()
        except DRIVER_ERRORS as error:
            if not _is_lost(error):
                raise self._translate(error) from error
            self.reconnect()
            try:
                self.connection.start_transaction()
            except DRIVER_ERRORS as again:
                raise self._translate(again) from again
        self._in_transaction = True

    def commit(self):
        try:
            self.connection.commit()
        except DRIVER_ERRORS as error:
            if _is_lost(error):
                self._broken = True
                raise SaveUnconfirmed(f"lost the connection to MySQL at {self.where} while saving: the change may "
                                      "have been saved or not; look before doing it again") from error
            raise self._translate(error) from error
        finally:
            self._in_transaction = False

    def rollback(self):
        self._in_transaction = False
        with suppress(*DRIVER_ERRORS):  # a lost connection has rolled back already
            self.connection.rollback()

    @property
    def in_transaction(self):
        return self._in_transaction

    # -- values ---------------------------------------------------------------------
    def to_money(self, value):
        if type(value) is Decimal and value.as_tuple().exponent == -2:  # DECIMAL(12,2) as stored
            return value
        if value is None:
            return None
        return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)

    def to_date(self, value):
        return value

    def to_datetime(self, value):
        return value

    def to_time(self, value):
        if isinstance(value, timedelta):
            minutes = int(value.total_seconds()) // 60
            return time(minutes // 60, minutes % 60)
        return value

    # -- dialect --------------------------------------------------------------------
    lock_suffix = " FOR UPDATE"
    join_in_order = "STRAIGHT_JOIN"  # the left table is read first, as written

    def money_text_sql(self, column):
        return f"CAST(({column}) AS CHAR)"

    def code_sql(self, prefix, width, column):
        # LPAD cuts a longer value short, so it pads only up to the value's own length.
        return f"CONCAT('{prefix}', LPAD({column}, GREATEST({width}, CHAR_LENGTH({column})), '0'))"

    def time_text_sql(self, column):
        return f"TIME_FORMAT({column}, '%H:%i')"

    def concat_sql(self, *parts):
        return f"CONCAT({', '.join(parts)})"

    def joined_sql(self, expression, source, order):
        return f"(SELECT GROUP_CONCAT({expression} ORDER BY {order} SEPARATOR '; ') FROM {source})"

    def starts_with_sql(self, column):
        return f"{column} LIKE ? ESCAPE '!'"

    def starts_with_param(self, text):
        return "".join("!" + ch if ch in "%_!" else ch for ch in text) + "%"

    def month_of(self, column):
        return f"DATE_FORMAT({column}, '%Y-%m')"

    # -- schema ---------------------------------------------------------------------
    def create_schema(self):
        for statement in _statements(SCHEMA_FILE.read_text(encoding="utf-8")):
            self.execute(statement)

    def has_table(self, name):
        return self.scalar("SELECT count(*) FROM information_schema.tables"
                           " WHERE table_schema = DATABASE() AND table_name = ?", (name,)) == 1

    def table_columns(self):
        _, found = self.table(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position")
        columns: dict[str, list[str]] = {}
        for table_name, column_name in found:
            columns.setdefault(table_name, []).append(column_name)
        return columns

    def trigger_names(self):
        _, rows = self.table("SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = DATABASE()")
        return {row[0] for row in rows}

    def index_names(self, table):
        _, rows = self.table("SELECT DISTINCT index_name FROM information_schema.statistics WHERE"
                             " table_schema = DATABASE() AND table_name = ? AND index_name <> 'PRIMARY'", (table,))
        return {row[0] for row in rows}

    @contextmanager
    def snapshot(self):
        if self._broken:
            self.reconnect()
        try:
            # (the connector refuses readonly=True with MariaDB, which reports itself as version 5.5.5)
            self.connection.start_transaction(consistent_snapshot=True, isolation_level="REPEATABLE READ")
        except DRIVER_ERRORS as error:
            raise self._translate(error) from error
        self._in_transaction = True  # a read that loses the connection is not repeated elsewhere
        try:
            yield
        finally:
            self.rollback()

    @contextmanager
    def exclusive(self, name):
        # A named lock of the server, per database: DDL commits as it goes, so a transaction cannot hold it.
        lock = f"{self.name}.{name}"
        if self.scalar("SELECT GET_LOCK(?, 120)", (lock,)) != 1:
            raise DatabaseBusy("another terminal is changing the database; try again in a minute")
        try:
            yield
        finally:
            with suppress(StorageError):
                self.scalar("SELECT RELEASE_LOCK(?)", (lock,))

    def close(self):
        with suppress(*DRIVER_ERRORS):
            self.connection.close()

    # -- errors ---------------------------------------------------------------------
    def _translate(self, error) -> Exception:
        number = getattr(error, "errno", None)
        if number == errorcode.ER_DUP_ENTRY:
            key = DUPLICATE_KEY.search(str(getattr(error, "msg", error)))
            return DuplicateKey(key.group(1) if key else "a unique key")
        if number in (errorcode.ER_ROW_IS_REFERENCED_2, errorcode.ER_ROW_IS_REFERENCED):
            return StillReferenced("other records still refer to it")
        if number in (errorcode.ER_NO_REFERENCED_ROW_2, errorcode.ER_NO_REFERENCED_ROW):
            return UnknownReference("it refers to a record that does not exist")
        if number in BUSY:
            return DatabaseBusy("the database is busy with another terminal; try again")
        if number in CHECK_FAILED or number == SIGNALLED:
            return ChangeRefusedByDatabase(f"the database refused the change ({error.msg})")
        if number == errorcode.ER_WARN_DATA_OUT_OF_RANGE:
            column = OUT_OF_RANGE.search(str(getattr(error, "msg", error)))
            return ChangeRefusedByDatabase(
                f"the database refused the change (the {column.group(1) if column else 'value'} is out of range)")
        if _is_lost(error):
            was_writing = self._in_transaction
            self._in_transaction, self._broken = False, True
            if was_writing:
                return ConnectionLost(f"lost the connection to MySQL at {self.where}; nothing was saved, try again")
            return ConnectionLost(f"lost the connection to MySQL at {self.where}: {_reason(error)}")
        if number in UNREACHABLE:
            return DatabaseUnavailable(f"cannot reach MySQL at {self.where}: {_reason(error)}")
        return StorageError(f"database error: {getattr(error, 'msg', error)}")


def _packet_limit(connection) -> int:
    """The server's max_allowed_packet: the largest statement it takes."""
    cursor = connection.cursor()
    cursor.execute("SELECT @@max_allowed_packet")
    value = cursor.fetchall()[0][0]
    cursor.close()
    return int(str(value))


def _batches(rows, budget: int) -> Iterator[list]:
    """The rows in lists of at most about `budget` bytes each, sized from a sample of the rows
    with room to spare for longer ones (measuring every value would slow large loads)."""
    rows = rows if isinstance(rows, list) else list(rows)
    sample = rows[:200]
    widest = max((sum(len(str(value)) + 4 for value in row) for row in sample), default=1)
    per_batch = max(1, budget // (2 * widest))
    for start in range(0, len(rows), per_batch):
        yield rows[start:start + per_batch]


def _reason(error) -> str:
    text = getattr(error, "msg", None) or str(error)
    return text.split("\n")[0]
