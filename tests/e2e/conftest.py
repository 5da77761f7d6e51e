"""The commands as real processes, on each engine: a terminal is a working folder with the
settings (environment) that point at a database of its own, and a way to look into it."""
import uuid

import pytest

from hospital_mgmt.db_config import connect
from tests.conftest import ENGINES, MYSQL_ENV, make_settings, require_mysql
from tests.e2e.helpers import open_hospital, run_app


class Terminal:
    def __init__(self, engine: str, folder, env: dict):
        self.engine, self.folder, self.env = engine, folder, env

    def run(self, args, input_text="", **env):
        return run_app(args, self.folder, input_text, **{**self.env, **env})

    def init_db(self, *args):
        """`init-db` and the clerk the commands run as; init-db's result."""
        return open_hospital(self.folder, *args, **self.env)

    def create_empty_database(self) -> None:
        """What a DBA does before the first start on MySQL: the database, without tables."""
        mysql_command(f"CREATE DATABASE `{self.env['DB_NAME']}`")

    def scalar(self, sql: str, params: tuple = ()):
        return self._read(lambda db: db.scalar(sql, params))

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Rows as the application reads them: money as Decimal, dates as dates, on either engine."""
        def read(db):
            columns, found = db.table(sql, params)
            return [tuple(_as_read(db, column, value) for column, value in zip(columns, row, strict=True))
                    for row in found]
        return self._read(read)

    def _read(self, read):
        db = connect(make_settings(self.folder, SQLITE_PATH=str(self.folder / "hospital.db"), **self.env))
        try:
            return read(db)
        finally:
            db.close()


MONEY = {"cost", "consultation_fee", "amount", "total_amount", "subtotal", "discount", "tax", "unit_price",
         "line_total", "consultation_charges"}
DATES = {"birth_date", "registered_on", "admitted_on", "discharged_on", "appt_date", "billing_date", "paid_on"}


def _as_read(db, column: str, value):
    if column in MONEY:
        return db.to_money(value)
    if column in DATES:
        return db.to_date(value)
    return value


@pytest.fixture(params=ENGINES)
def terminal(request, tmp_path):
    if request.param == "sqlite":
        yield Terminal("sqlite", tmp_path, {})
        return
    require_mysql()
    name = f"hms_test_{uuid.uuid4().hex[:12]}"
    yield Terminal("mysql", tmp_path, {**MYSQL_ENV, "DB_NAME": name})
    mysql_command(f"DROP DATABASE IF EXISTS `{name}`")


def mysql_command(sql: str) -> None:
    import mysql.connector
    connection = mysql.connector.connect(host=MYSQL_ENV["DB_HOST"], port=int(MYSQL_ENV["DB_PORT"]),
                                         user=MYSQL_ENV["DB_USER"], password=MYSQL_ENV["DB_PASSWORD"])
    try:
        connection.cmd_query(sql)
    finally:
        connection.close()
