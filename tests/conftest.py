"""Fixtures shared by every test. Storage tests run once per engine through the `db` fixture.

MySQL tests each get a database exactly like a new one: made once, emptied between tests (see
tests/mysql_pool.py), dropped at the end of the session. Without a reachable server
they skip with the reason, unless HMS_REQUIRE_MYSQL=1, which turns that into a failure (CI).
"""
import os
import uuid
from datetime import date
from functools import lru_cache

import pytest

from hospital_mgmt.db_config import load_settings

MYSQL_ENV = {"DB_ENGINE": "mysql", "DB_HOST": os.environ.get("HMS_TEST_MYSQL_HOST", "127.0.0.1"),
             "DB_PORT": os.environ.get("HMS_TEST_MYSQL_PORT", "3306"),
             "DB_USER": os.environ.get("HMS_TEST_MYSQL_USER", "root"),
             "DB_PASSWORD": os.environ.get("HMS_TEST_MYSQL_PASSWORD", "")}
ENGINES = ["sqlite", pytest.param("mysql", marks=pytest.mark.mysql)]


def make_settings(tmp_path, **overrides):
    environ = {"SQLITE_PATH": str(tmp_path / "hospital.db"), "OUTPUT_DIR": str(tmp_path / "output"),
               "LOG_FILE": str(tmp_path / "logs" / "hospital.log"), **overrides}
    return load_settings(env_file=tmp_path / "no.env", environ=environ)


@lru_cache(maxsize=1)
def mysql_unavailable_reason() -> str | None:
    try:
        import mysql.connector
        connection = mysql.connector.connect(host=MYSQL_ENV["DB_HOST"], port=int(MYSQL_ENV["DB_PORT"]),
                                             user=MYSQL_ENV["DB_USER"], password=MYSQL_ENV["DB_PASSWORD"],
                                             connection_timeout=3)
        connection.close()
        return None
    except Exception as error:  # any failure to connect means: no server for these tests
        return f"no MySQL server at {MYSQL_ENV['DB_HOST']}:{MYSQL_ENV['DB_PORT']} ({error})"


def require_mysql():
    reason = mysql_unavailable_reason()
    if reason is None:
        return
    if os.environ.get("HMS_REQUIRE_MYSQL") == "1":
        pytest.fail(f"HMS_REQUIRE_MYSQL=1 but {reason}")
    pytest.skip(reason)


def open_database(engine: str, tmp_path):
    """A fresh database with the schema; returns (db, drop) where drop() throws it away."""
    if engine == "sqlite":
        from hospital_mgmt.storage.sqlite_engine import SQLiteDatabase
        db = SQLiteDatabase.open(tmp_path / f"test-{uuid.uuid4().hex[:8]}.db", create=True)
        db.create_schema()
        return db, db.close
    require_mysql()
    from hospital_mgmt.storage.mysql_engine import MySQLDatabase

    def make_schema(name):
        made = MySQLDatabase.open(make_settings(tmp_path, **MYSQL_ENV, DB_NAME=name), create=True)
        made.create_schema()
        made.close()
    name = mysql_test_databases().take(make_schema)
    db = MySQLDatabase.open(make_settings(tmp_path, **MYSQL_ENV, DB_NAME=name))

    def drop():
        db.close()
        mysql_test_databases().give_back(name)
    return db, drop


@lru_cache(maxsize=1)
def mysql_test_databases():
    from tests.mysql_pool import MySQLTestDatabases
    return MySQLTestDatabases({"host": MYSQL_ENV["DB_HOST"], "port": int(MYSQL_ENV["DB_PORT"]),
                               "user": MYSQL_ENV["DB_USER"], "password": MYSQL_ENV["DB_PASSWORD"]})


def pytest_sessionfinish(session):
    if mysql_test_databases.cache_info().currsize:
        mysql_test_databases().drop_all()


@pytest.fixture(params=ENGINES)
def engine(request):
    return request.param


@pytest.fixture
def db(engine, tmp_path):
    database, drop = open_database(engine, tmp_path)
    yield database
    drop()


@pytest.fixture
def settings_for(tmp_path):
    """Settings pointing at `db`'s database, for code that opens its own connections."""
    def build(database, **overrides):
        if database.engine == "sqlite":
            return make_settings(tmp_path, SQLITE_PATH=database.path, **overrides)
        name = database.connection.database
        return make_settings(tmp_path, **MYSQL_ENV, DB_NAME=name, **overrides)
    return build


@pytest.fixture
def today():
    return date(2026, 11, 22)


def at_once(settings, count: int, work, slow: str | None = None, pause: float = 0.05) -> list:
    """Run work(connection, n) on `count` terminals (own connections, own threads) released
    together; return each one's result, or the exception it raised.

    With `slow`, each terminal pauses before any write whose SQL starts with it: a slow terminal,
    which holds the race window open long enough that a missing lock loses every time."""
    import threading

    from hospital_mgmt.db_config import connect
    terminals = [connect(settings) for _ in range(count)]
    if slow:
        for connection in terminals:
            _pause_before(connection, slow, pause)
    barrier, results = threading.Barrier(count), [None] * count

    def terminal(n):
        barrier.wait(timeout=10)
        try:
            results[n] = work(terminals[n], n)
        except Exception as error:  # handed back to the test; a thread cannot fail it
            results[n] = error

    threads = [threading.Thread(target=terminal, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for connection in terminals:
        connection.close()
    return results


def _pause_before(db, prefix: str, pause: float) -> None:
    import time
    for method in ("execute", "insert", "executemany"):
        original = getattr(db, method)

        def slowed(sql, *args, original=original):
            if sql.startswith(prefix):
                time.sleep(pause)
            return original(sql, *args)
        setattr(db, method, slowed)


@pytest.fixture(scope="session")
def private_mariadb(tmp_path_factory):
    """A MariaDB server of the tests' own (max_allowed_packet 1 MB), which a test may kill and
    start again. Tests that use it must restart it if they kill it."""
    from tests.faults import PrivateServer
    require_mysql()
    if not PrivateServer.available():
        reason = "mariadb-install-db and mariadbd are needed for the tests that kill a server"
        if os.environ.get("HMS_REQUIRE_MYSQL") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    server = PrivateServer(tmp_path_factory.mktemp("mariadb"), "--max-allowed-packet=1M")
    server.start()
    yield server
    server.kill()
