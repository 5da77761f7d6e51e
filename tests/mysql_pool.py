"""MySQL test databases made once and emptied between tests.

Making a database with the whole schema takes MariaDB most of a second (about a hundred tables,
indexes and triggers, each a file operation); emptying one takes a few milliseconds. A test gets a
database exactly like a new one: every table holds what `create_schema` put there and nothing
else, every AUTO_INCREMENT starts again where a new one's does (patients at 1001), and the
planner's statistics of an emptied table are taken again (else MariaDB plans a test's small table
by the rows an earlier test left, and a plan test flakes). A database whose shape a test changed
(a table, column, index, constraint or trigger made, dropped or altered) is dropped instead of
reused, so no test can leave its changes to the next one.
"""
from __future__ import annotations

import uuid

import mysql.connector

SHAPE_SQL = """
SELECT
  (SELECT CONCAT(COUNT(*), '/', COALESCE(SUM(CRC32(CONCAT_WS('|', table_name, column_name, ordinal_position,
          column_type, is_nullable, COALESCE(column_default, '~'), extra))), 0))
     FROM information_schema.columns WHERE table_schema = %(name)s),
  (SELECT CONCAT(COUNT(*), '/', COALESCE(SUM(CRC32(CONCAT_WS('|', table_name, index_name, seq_in_index,
          column_name, non_unique))), 0))
     FROM information_schema.statistics WHERE table_schema = %(name)s),
  (SELECT CONCAT(COUNT(*), '/', COALESCE(SUM(CRC32(CONCAT_WS('|', trigger_name, event_object_table,
          event_manipulation, action_timing, action_statement))), 0))
     FROM information_schema.triggers WHERE trigger_schema = %(name)s),
  (SELECT CONCAT(COUNT(*), '/', COALESCE(SUM(CRC32(CONCAT_WS('|', table_name, constraint_name, check_clause))), 0))
     FROM information_schema.check_constraints WHERE constraint_schema = %(name)s),
  (SELECT CONCAT(COUNT(*), '/', COALESCE(SUM(CRC32(CONCAT_WS('|', table_name, constraint_name,
          referenced_table_name, delete_rule, update_rule))), 0))
     FROM information_schema.referential_constraints WHERE constraint_schema = %(name)s)
"""


class MySQLTestDatabases:
    """Free databases with the schema, handed out by `take` and given back by `give_back`."""

    def __init__(self, options: dict):
        self.options = options
        self._admin = None
        self._free: list[str] = []
        self._made: set[str] = set()
        self._shape = None
        self._first_rows: dict[str, tuple[list[str], list[tuple]]] = {}
        self._first_ids: dict[str, int] = {}  # each table's first AUTO_INCREMENT (patients: 1001)

    def take(self, make_schema) -> str:
        """The name of an empty database with the schema; `make_schema(name)` makes a new one."""
        if self._free:
            return self._free.pop()
        name = f"hms_test_{uuid.uuid4().hex[:12]}"
        self._made.add(name)
        make_schema(name)
        if self._shape is None:
            self._shape = self._shape_of(name)
            self._first_rows = self._rows_of(name)
            self._first_ids = {table: next_id for table, next_id in self._tables(name) if next_id is not None}
        return name

    def give_back(self, name: str) -> None:
        try:
            reusable = self._shape_of(name) == self._shape
            if reusable:
                self._empty(name)
        except mysql.connector.Error:
            reusable = False
        if reusable:
            self._free.append(name)
        else:
            self.drop(name)

    def drop(self, name: str) -> None:
        self._made.discard(name)
        if name in self._free:
            self._free.remove(name)
        self._run(f"DROP DATABASE IF EXISTS `{name}`")

    def drop_all(self) -> None:
        for name in list(self._made):
            self.drop(name)
        if self._admin is not None:
            self._admin.close()

    def _connection(self):
        if self._admin is None or not self._admin.is_connected():
            self._admin = mysql.connector.connect(**self.options, autocommit=True)
            cursor = self._admin.cursor()
            cursor.execute("SET SESSION innodb_lock_wait_timeout = 10")
            cursor.execute("SET SESSION lock_wait_timeout = 20")
            cursor.close()
        return self._admin

    def _run(self, sql: str, params=None) -> list[tuple]:
        cursor = self._connection().cursor()
        try:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.with_rows else []
        finally:
            cursor.close()

    def _shape_of(self, name: str) -> tuple:
        return self._run(SHAPE_SQL, {"name": name})[0]

    def _tables(self, name: str) -> list[tuple[str, int | None]]:
        return self._run("SELECT table_name, auto_increment FROM information_schema.tables"
                         " WHERE table_schema = %s AND table_type = 'BASE TABLE'", (name,))

    def _rows_of(self, name: str) -> dict[str, tuple[list[str], list[tuple]]]:
        rows = {}
        for table, _ in self._tables(name):
            cursor = self._connection().cursor()
            cursor.execute(f"SELECT * FROM `{name}`.`{table}`")
            found = cursor.fetchall()
            if found:
                rows[table] = ([column[0] for column in cursor.description], found)
            cursor.close()
        return rows

    def _empty(self, name: str) -> None:
        """Every table back to what a new database holds; the triggers do not fire meanwhile."""
        self._run("SET @hms_summaries_paused = 1")
        self._run("SET FOREIGN_KEY_CHECKS = 0")
        try:
            emptied = []
            for table, next_id in self._tables(name):
                if self._delete_all(name, table):
                    emptied.append(table)
                first = self._first_ids.get(table)
                if first is not None and next_id != first:
                    self._run(f"ALTER TABLE `{name}`.`{table}` AUTO_INCREMENT = {int(first)}")
            for table, (columns, rows) in self._first_rows.items():
                marks = ", ".join(["%s"] * len(columns))
                cursor = self._connection().cursor()
                cursor.executemany(f"INSERT INTO `{name}`.`{table}` ({', '.join(columns)}) VALUES ({marks})", rows)
                cursor.close()
            if emptied:  # the planner's statistics of an empty table, as a new database has them
                self._run("ANALYZE TABLE " + ", ".join(f"`{name}`.`{table}`" for table in emptied))
        finally:
            self._run("SET FOREIGN_KEY_CHECKS = 1")
            self._run("SET @hms_summaries_paused = NULL")

    def _delete_all(self, name: str, table: str) -> int:
        cursor = self._connection().cursor()
        try:
            cursor.execute(f"DELETE FROM `{name}`.`{table}`")
            return cursor.rowcount
        finally:
            cursor.close()
