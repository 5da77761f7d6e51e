"""Changes to the schema of databases already in use, applied once each, in order, on both engines.

The hospital's data is real: a database is never dropped and created again. A new database is
created at the latest version (sql/schema*.sql record it); an older one is brought up to date
when the application opens it, one migration at a time, each recorded in schema_migrations.
Every step checks what is there before it changes it, so a migration that stopped half-way
(MySQL commits each ALTER as it goes) is finished rather than repeated. Two terminals starting
at once take turns: the second finds nothing left to do."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from .database import Database

WRITE_LOCKS = ("patients", "doctors", "services")
KEYED_TABLES = ("patients", "appointments", "billing", "payments")
# What differs between the engines, in one place: the DDL of the steps below.
DDL = {
    "sqlite": {
        "request_key": "TEXT",
        "write_locks": "CREATE TABLE write_locks (name TEXT PRIMARY KEY)",
        "schema_migrations": "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, title TEXT NOT NULL,"
                             " applied_on TEXT NOT NULL)",
    },
    "mysql": {
        "request_key": "VARCHAR(64) NULL",
        "write_locks": "CREATE TABLE write_locks (name VARCHAR(20) NOT NULL, PRIMARY KEY (name))"
                       " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
        "schema_migrations": "CREATE TABLE schema_migrations (version INT UNSIGNED NOT NULL, title VARCHAR(200) NOT"
                             " NULL, applied_on DATETIME NOT NULL, PRIMARY KEY (version))"
                             " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    },
}


@dataclass(frozen=True)
class Migration:
    version: int
    title: str
    apply: Callable[[Database], None]


def _request_keys_and_write_locks(db: Database) -> None:
    """A request key on every record a clerk may submit twice (patients, appointments, bills,
    payments), unique, so a repeated write finds the first; and a row per table that imports and
    registrations lock, so two terminals never both decide that a record is new."""
    ddl = DDL[db.engine]
    for table in KEYED_TABLES:  # names from the fixed tuple above, never from input
        if "request_key" not in db.table_columns()[table]:
            db.execute(f"ALTER TABLE {table} ADD COLUMN request_key {ddl['request_key']}")
        if f"uq_{table}_request_key" not in db.index_names(table):
            db.execute(f"CREATE UNIQUE INDEX uq_{table}_request_key ON {table} (request_key)")
    if not db.has_table("write_locks"):
        db.execute(ddl["write_locks"])
    present = {row[0] for row in db.table("SELECT name FROM write_locks")[1]}
    missing = [(name,) for name in WRITE_LOCKS if name not in present]
    if missing:
        db.executemany("INSERT INTO write_locks (name) VALUES (?)", missing)


MIGRATIONS = [
    Migration(1, "request keys for exactly-once writes; write locks for imports and registrations",
              _request_keys_and_write_locks),
]
LATEST = MIGRATIONS[-1].version


def version(db: Database) -> int:
    """The schema version of a database that has the tables: 0 for one made before migrations."""
    if not db.has_table("schema_migrations"):
        return 0
    return int(db.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))


def migrate(db: Database, now: datetime) -> list[Migration]:
    """Apply every migration the database has not had; returns those applied (none when up to date)."""
    if version(db) == LATEST:  # the usual case, answered without a lock
        return []
    with db.exclusive("hospital_mgmt_migrate"):
        done = version(db)
        if done == 0 and not db.has_table("schema_migrations"):
            db.execute(DDL[db.engine]["schema_migrations"])
        applied = []
        for migration in MIGRATIONS:
            if migration.version > done:
                migration.apply(db)
                db.execute("INSERT INTO schema_migrations (version, title, applied_on) VALUES (?, ?, ?)",
                           (migration.version, migration.title, now.isoformat(sep=" ", timespec="seconds")))
                applied.append(migration)
        return applied
