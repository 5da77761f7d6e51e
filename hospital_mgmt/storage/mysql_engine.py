"""MySQL or MariaDB through mysql-connector-python, for several terminals on one database."""
import re
from contextlib import suppress
from datetime import time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import mysql.connector
from mysql.connector import errorcode

from ..domain.errors import (
    ChangeRefusedByDatabase,
    ConnectionLost,
    DatabaseBusy,
    DatabaseUnavailable,
    StillReferenced,
    StorageError,
    UnknownReference,
)
from ..domain.money import CENT
from .database import Database, DuplicateKey

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "sql" / "schema.sql"
DUPLICATE_KEY = re.compile(r"for key '(?:[\w]+\.)?([\w]+)'")
UNREACHABLE = {errorcode.CR_CONN_HOST_ERROR, errorcode.CR_CONNECTION_ERROR, errorcode.CR_UNKNOWN_HOST,
               errorcode.CR_SERVER_GONE_ERROR, errorcode.CR_SERVER_LOST, 2055}
BUSY = {errorcode.ER_LOCK_DEADLOCK, errorcode.ER_LOCK_WAIT_TIMEOUT}
CHECK_FAILED = {3819, 4025}  # MySQL 8 and MariaDB numbers for a failed CHECK constraint


def _placeholders(sql: str) -> str:
    # SQL is written with `?`; the connector wants `%s`. Its C cursor substitutes only %s,
    # so a literal % (DATE_FORMAT's %Y) stays as it is.
    return sql.replace("?", "%s")


def _statements(script: str) -> list[str]:
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    return [part.strip() for part in "\n".join(lines).split(";") if part.strip()]


class MySQLDatabase(Database):
    engine = "mysql"

    def __init__(self, connection, settings_text: str):
        self.connection = connection
        self.where = settings_text
        self._sql_cache: dict[str, str] = {}

    @classmethod
    def open(cls, settings, create: bool = False) -> "MySQLDatabase":
        where = f"{settings.db_host}:{settings.db_port}"
        options = dict(host=settings.db_host, port=settings.db_port, user=settings.db_user,
                       password=settings.db_password, charset="utf8mb4",
                       collation="utf8mb4_unicode_ci", autocommit=True, use_pure=False,
                       connection_timeout=5)
        try:
            connection = mysql.connector.connect(**options)
        except mysql.connector.Error as error:
            raise DatabaseUnavailable(
                f"cannot reach MySQL at {where} as {settings.db_user}: {_reason(error)}") from None
        database = cls(connection, where)
        database._use(settings.db_name, create)
        return database

    def _use(self, name: str, create: bool) -> None:
        # `name` passed the DB_NAME identifier check in db_config; identifiers cannot be bound.
        try:
            if create:
                self.connection.cmd_query(
                    f"CREATE DATABASE IF NOT EXISTS `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
            self.connection.database = name
        except mysql.connector.Error as error:
            if error.errno == errorcode.ER_BAD_DB_ERROR:
                raise DatabaseUnavailable(
                    f"MySQL at {self.where} has no database {name!r}; run `hospital-mgmt init-db`"
                ) from None
            raise DatabaseUnavailable(f"cannot use database {name!r} at {self.where}: {_reason(error)}") from None

    # -- statements -----------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        converted = self._sql_cache.get(sql)
        if converted is None:
            converted = self._sql_cache[sql] = _placeholders(sql)
        return converted

    def _run(self, sql, params, dictionary=False):
        cursor = self.connection.cursor(dictionary=dictionary)
        try:
            if params:
                cursor.execute(self._sql(sql), tuple(params))
            else:  # without parameters the connector does no % formatting at all
                cursor.execute(sql)
        except mysql.connector.Error as error:
            cursor.close()
            raise self._translate(error) from error
        return cursor

    def execute(self, sql, params=()):
        cursor = self._run(sql, params)
        try:
            return cursor.rowcount
        finally:
            cursor.close()

    def insert(self, sql, params=()):
        cursor = self._run(sql, params)
        try:
            return cursor.lastrowid
        finally:
            cursor.close()

    def executemany(self, sql, rows):
        cursor = self.connection.cursor()
        try:
            cursor.executemany(self._sql(sql), rows)
        except mysql.connector.Error as error:
            raise self._translate(error) from error
        finally:
            cursor.close()

    def rows(self, sql, params=()):
        cursor = self._run(sql, params, dictionary=True)
        try:
            return cursor.fetchall()
        finally:
            cursor.close()

    def table(self, sql, params=()):
        cursor = self._run(sql, params)
        try:
            return list(cursor.column_names), cursor.fetchall()
        finally:
            cursor.close()

    def stream(self, sql, params=(), batch: int = 5000):
        cursor = self._run(sql, params)
        try:
            yield list(cursor.column_names)
            while chunk := cursor.fetchmany(batch):
                yield chunk
        finally:
            cursor.close()

    # -- transactions ---------------------------------------------------------------
    def begin(self):
        try:
            self.connection.start_transaction()
        except mysql.connector.Error as error:
            raise self._translate(error) from error

    def commit(self):
        try:
            self.connection.commit()
        except mysql.connector.Error as error:
            raise self._translate(error) from error

    def rollback(self):
        with suppress(mysql.connector.Error):  # a lost connection has rolled back already
            self.connection.rollback()

    @property
    def in_transaction(self):
        return self.connection.in_transaction

    # -- values ---------------------------------------------------------------------
    def to_money(self, value):
        if type(value) is Decimal and value.as_tuple().exponent == -2:  # DECIMAL(12,2) as stored
            return value
        if value is None:
            return None
        return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)

    def to_date(self, value):
        return value

    def to_time(self, value):
        if isinstance(value, timedelta):
            minutes = int(value.total_seconds()) // 60
            return time(minutes // 60, minutes % 60)
        return value

    # -- dialect --------------------------------------------------------------------
    lock_suffix = " FOR UPDATE"

    def money_text_sql(self, column):
        return f"CAST(({column}) AS CHAR)"

    def code_sql(self, prefix, width, column):
        # LPAD cuts a longer value short, so it pads only up to the value's own length.
        return f"CONCAT('{prefix}', LPAD({column}, GREATEST({width}, CHAR_LENGTH({column})), '0'))"

    def time_text_sql(self, column):
        return f"TIME_FORMAT({column}, '%H:%i')"

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

    def has_schema(self):
        return self.scalar(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'patients'"
        ) == 1

    def table_columns(self):
        _, found = self.table(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position")
        columns: dict[str, list[str]] = {}
        for table_name, column_name in found:
            columns.setdefault(table_name, []).append(column_name)
        return columns

    def close(self):
        with suppress(mysql.connector.Error):
            self.connection.close()

    # -- errors ---------------------------------------------------------------------
    def _translate(self, error) -> Exception:
        number = getattr(error, "errno", None)
        if number == errorcode.ER_DUP_ENTRY:
            key = DUPLICATE_KEY.search(str(error.msg))
            return DuplicateKey(key.group(1) if key else "a unique key")
        if number in (errorcode.ER_ROW_IS_REFERENCED_2, errorcode.ER_ROW_IS_REFERENCED):
            return StillReferenced("other records still refer to it")
        if number in (errorcode.ER_NO_REFERENCED_ROW_2, errorcode.ER_NO_REFERENCED_ROW):
            return UnknownReference("it refers to a record that does not exist")
        if number in BUSY:
            return DatabaseBusy("the database is busy with another terminal; try again")
        if number in CHECK_FAILED:
            return ChangeRefusedByDatabase(f"the database refused the change ({error.msg})")
        if number in UNREACHABLE or isinstance(error, mysql.connector.InterfaceError):
            return ConnectionLost(f"lost the connection to MySQL at {self.where}: {_reason(error)}")
        return StorageError(f"database error: {getattr(error, 'msg', error)}")


def _reason(error) -> str:
    text = getattr(error, "msg", None) or str(error)
    return text.split("\n")[0]
