"""Changes to the schema of databases already in use, applied once each, in order, on both engines.

The hospital's data is real: a database is never dropped and created again. A new database is
created at the latest version (sql/schema*.sql record it); an older one is brought up to date
when the application opens it, one migration at a time, each recorded in schema_migrations.
Every step checks what is there before it changes it, so a migration that stopped half-way
(MySQL commits each ALTER as it goes) is finished rather than repeated. Two terminals starting
at once take turns: the second finds nothing left to do."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain.validation import name_grams, name_key, phone_tail
from . import summaries
from .database import Database, split_script
from .departments import DepartmentRepository

SQL_FOLDER = Path(__file__).resolve().parents[1] / "sql"
SCHEMA_FILES = {"sqlite": "schema_sqlite.sql", "mysql": "schema.sql"}
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


MYSQL_TABLE = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci"
APPEND_ONLY = "the audit trail is append-only"
# Version 2, as schema.sql and schema_sqlite.sql have it: (table, its CREATE TABLE, its indexes).
STAFF_TABLES = {
    "sqlite": [
        ("users", "CREATE TABLE users (user_id INTEGER PRIMARY KEY AUTOINCREMENT, login TEXT NOT NULL,"
                  " full_name TEXT NOT NULL, password_hash TEXT NOT NULL,"
                  " active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
                  " doctor_id INTEGER REFERENCES doctors (doctor_id), created_at TEXT NOT NULL, last_login TEXT)"),
        ("user_roles", "CREATE TABLE user_roles (user_id INTEGER NOT NULL REFERENCES users (user_id),"
                       " role TEXT NOT NULL CHECK (role IN ('administrator', 'front_desk', 'cashier', 'doctor',"
                       " 'manager', 'scheduler')), PRIMARY KEY (user_id, role))"),
        ("audit", "CREATE TABLE audit (audit_id INTEGER PRIMARY KEY AUTOINCREMENT, happened_at TEXT NOT NULL,"
                  " user_id INTEGER REFERENCES users (user_id), login TEXT NOT NULL, host TEXT NOT NULL,"
                  " process TEXT NOT NULL, operation TEXT NOT NULL, record TEXT NOT NULL, summary TEXT NOT NULL,"
                  " changes TEXT NOT NULL)"),
        ("shifts", "CREATE TABLE shifts (shift_id INTEGER PRIMARY KEY AUTOINCREMENT,"
                   " user_id INTEGER NOT NULL REFERENCES users (user_id), opened_at TEXT NOT NULL,"
                   " opening_float INTEGER NOT NULL CHECK (opening_float >= 0), closed_at TEXT,"
                   " open_user_id INTEGER GENERATED ALWAYS AS (CASE WHEN closed_at IS NULL THEN user_id END) VIRTUAL,"
                   " CHECK (closed_at IS NULL OR closed_at >= opened_at))"),
        ("shift_counts", "CREATE TABLE shift_counts (shift_id INTEGER NOT NULL REFERENCES shifts (shift_id),"
                         " method TEXT NOT NULL CHECK (method IN ('cash', 'card', 'upi', 'insurance')),"
                         " expected INTEGER NOT NULL, counted INTEGER NOT NULL CHECK (counted >= 0),"
                         " PRIMARY KEY (shift_id, method))"),
    ],
    "mysql": [
        ("users", "CREATE TABLE users (user_id INT UNSIGNED NOT NULL AUTO_INCREMENT,"
                  " login VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,"
                  " full_name VARCHAR(100) NOT NULL, password_hash VARCHAR(255) NOT NULL,"
                  " active TINYINT NOT NULL DEFAULT 1, doctor_id INT UNSIGNED NULL, created_at DATETIME NOT NULL,"
                  " last_login DATETIME NULL, PRIMARY KEY (user_id),"
                  " CONSTRAINT fk_users_doctor FOREIGN KEY (doctor_id) REFERENCES doctors (doctor_id),"
                  " CONSTRAINT ck_users_active CHECK (active IN (0, 1)))" + MYSQL_TABLE),
        ("user_roles", "CREATE TABLE user_roles (user_id INT UNSIGNED NOT NULL, role VARCHAR(20) NOT NULL,"
                       " PRIMARY KEY (user_id, role),"
                       " CONSTRAINT fk_user_roles_user FOREIGN KEY (user_id) REFERENCES users (user_id),"
                       " CONSTRAINT ck_user_roles_role CHECK (role IN ('administrator', 'front_desk', 'cashier',"
                       " 'doctor', 'manager', 'scheduler')))" + MYSQL_TABLE),
        ("audit", "CREATE TABLE audit (audit_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT, happened_at DATETIME NOT NULL,"
                  " user_id INT UNSIGNED NULL, login VARCHAR(32) NOT NULL, host VARCHAR(100) NOT NULL,"
                  " process VARCHAR(60) NOT NULL, operation VARCHAR(40) NOT NULL, record VARCHAR(20) NOT NULL,"
                  " summary VARCHAR(300) NOT NULL, changes MEDIUMTEXT NOT NULL, PRIMARY KEY (audit_id),"
                  " CONSTRAINT fk_audit_user FOREIGN KEY (user_id) REFERENCES users (user_id))" + MYSQL_TABLE),
        ("shifts", "CREATE TABLE shifts (shift_id INT UNSIGNED NOT NULL AUTO_INCREMENT, user_id INT UNSIGNED NOT NULL,"
                   " opened_at DATETIME NOT NULL, opening_float DECIMAL(12,2) NOT NULL, closed_at DATETIME NULL,"
                   " open_user_id INT UNSIGNED AS (CASE WHEN closed_at IS NULL THEN user_id END) STORED,"
                   " PRIMARY KEY (shift_id),"
                   " CONSTRAINT fk_shifts_user FOREIGN KEY (user_id) REFERENCES users (user_id),"
                   " CONSTRAINT ck_shifts_float CHECK (opening_float >= 0),"
                   " CONSTRAINT ck_shifts_closed CHECK (closed_at IS NULL OR closed_at >= opened_at))" + MYSQL_TABLE),
        ("shift_counts", "CREATE TABLE shift_counts (shift_id INT UNSIGNED NOT NULL, method VARCHAR(10) NOT NULL,"
                         " expected DECIMAL(12,2) NOT NULL, counted DECIMAL(12,2) NOT NULL,"
                         " PRIMARY KEY (shift_id, method),"
                         " CONSTRAINT fk_shift_counts_shift FOREIGN KEY (shift_id) REFERENCES shifts (shift_id),"
                         " CONSTRAINT ck_shift_counts_method CHECK (method IN ('cash', 'card', 'upi', 'insurance')),"
                         " CONSTRAINT ck_shift_counts_counted CHECK (counted >= 0))" + MYSQL_TABLE),
    ],
}
STAFF_INDEXES = [  # (table, index, columns), the same on both engines
    ("users", "uq_users_login", "UNIQUE", "login"), ("users", "ix_users_doctor", "", "doctor_id"),
    ("audit", "ix_audit_happened", "", "happened_at"), ("audit", "ix_audit_login", "", "login, happened_at"),
    ("audit", "ix_audit_record", "", "record, happened_at"),
    ("audit", "ix_audit_operation", "", "operation, happened_at"),
    ("shifts", "uq_shifts_open_user", "UNIQUE", "open_user_id"), ("shifts", "ix_shifts_user", "", "user_id"),
    ("shifts", "ix_shifts_opened", "", "opened_at"),
    ("payments", "ix_payments_shift", "", "shift_id"), ("payments", "ix_payments_received_by", "", "received_by"),
]
APPEND_ONLY_TRIGGERS = {
    "sqlite": "CREATE TRIGGER audit_no_{verb} BEFORE {VERB} ON audit BEGIN SELECT RAISE(ABORT, '" + APPEND_ONLY
              + "'); END",
    "mysql": "CREATE TRIGGER audit_no_{verb} BEFORE {VERB} ON audit FOR EACH ROW SIGNAL SQLSTATE '45000'"
             " SET MESSAGE_TEXT = '" + APPEND_ONLY + "'",
}
PAYMENT_COLUMNS = {
    "sqlite": ["ALTER TABLE payments ADD COLUMN shift_id INTEGER REFERENCES shifts (shift_id)",
               "ALTER TABLE payments ADD COLUMN received_by INTEGER REFERENCES users (user_id)"],
    "mysql": ["ALTER TABLE payments ADD COLUMN shift_id INT UNSIGNED NULL,"
              " ADD CONSTRAINT fk_payments_shift FOREIGN KEY (shift_id) REFERENCES shifts (shift_id)",
              "ALTER TABLE payments ADD COLUMN received_by INT UNSIGNED NULL,"
              " ADD CONSTRAINT fk_payments_received_by FOREIGN KEY (received_by) REFERENCES users (user_id)"],
}


def _staff_accounts_and_audit(db: Database) -> None:
    """Staff accounts with their roles, the append-only audit table (its triggers refuse UPDATE and
    DELETE), cashiers' shifts with their counts, and on each payment its shift and cashier."""
    for table, create in STAFF_TABLES[db.engine]:
        if not db.has_table(table):
            db.execute(create)
    columns = db.table_columns()["payments"]
    for column, alter in zip(("shift_id", "received_by"), PAYMENT_COLUMNS[db.engine], strict=True):
        if column not in columns:
            db.execute(alter)
    for table, index, unique, indexed in STAFF_INDEXES:  # every name from the fixed list above
        if index not in db.index_names(table):
            db.execute(f"CREATE {unique} INDEX {index} ON {table} ({indexed})")
    if db.scalar("SELECT count(*) FROM write_locks WHERE name = 'users'") == 0:
        db.execute("INSERT INTO write_locks (name) VALUES ('users')")
    present = db.trigger_names()
    for verb in ("update", "delete"):
        if f"audit_no_{verb}" not in present:
            db.execute(APPEND_ONLY_TRIGGERS[db.engine].format(verb=verb, VERB=verb.upper()))


# Version 3: columns added to tables that hold data, as (table, column, its definition per engine).
CHECKOUT_COLUMNS = [
    ("billing", "tax_rate", {"sqlite": "INTEGER", "mysql": "DECIMAL(5,2) NULL"}),
    ("billing", "finalized_at", {"sqlite": "TEXT", "mysql": "DATETIME NULL"}),
    ("billing", "finalized_by", {"sqlite": "INTEGER REFERENCES users (user_id)",
                                 "mysql": "INT UNSIGNED NULL, ADD CONSTRAINT fk_billing_finalized_by FOREIGN KEY"
                                          " (finalized_by) REFERENCES users (user_id)"}),
    ("bill_items", "line_no", {"sqlite": "INTEGER NOT NULL DEFAULT 0",
                               "mysql": "SMALLINT UNSIGNED NOT NULL DEFAULT 0"}),
    ("payments", "receipt_no", {"sqlite": "INTEGER REFERENCES receipts (receipt_no)",
                                "mysql": "INT UNSIGNED NULL, ADD CONSTRAINT fk_payments_receipt FOREIGN KEY"
                                         " (receipt_no) REFERENCES receipts (receipt_no)"}),
    ("payments", "reference", {"sqlite": "TEXT NOT NULL DEFAULT ''", "mysql": "VARCHAR(60) NOT NULL DEFAULT ''"}),
    ("payments", "tendered", {"sqlite": "INTEGER", "mysql": "DECIMAL(12,2) NULL"}),
    ("payments", "paid_at", {"sqlite": "TEXT", "mysql": "DATETIME NULL"}),
]
CHECKOUT_TABLES = ["receipts", "credit_notes", "credit_note_items", "deposits", "deposit_uses", "refunds"]  # in order


def _receipts_credit_notes_and_deposits(db: Database) -> None:
    """Receipts for every movement of money, credit notes with their lines, deposits and their uses,
    refunds; a bill's tax rate, finalizing time and cashier; line order; a payment's receipt,
    reference and cash tendered; the receipt and credit note counters.

    The tables new at this version are made as the schema file makes them (a later version that
    changes one alters it in its own step); the columns are added one by one."""
    for statement in schema_statements(db.engine, ["receipts"]):  # before the payments' key to it
        _create_if_missing(db, statement)
    for table, column, ddl in CHECKOUT_COLUMNS:  # names from the fixed list above, never from input
        if column not in db.table_columns()[table]:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {ddl[db.engine]}")
    for statement in schema_statements(db.engine, CHECKOUT_TABLES[1:]):
        _create_if_missing(db, statement)
    if "uq_payments_receipt" not in db.index_names("payments"):
        db.execute("CREATE UNIQUE INDEX uq_payments_receipt ON payments (receipt_no)")
    counters = {row[0] for row in db.table("SELECT name FROM counters")[1]}
    for name in ("receipt", "credit"):
        if name not in counters:
            db.execute("INSERT INTO counters (name, last_value) VALUES (?, 0)", (name,))


def _create_if_missing(db: Database, statement: str) -> None:
    words = statement.split()
    if words[:2] == ["CREATE", "TABLE"]:
        if not db.has_table(words[2]):
            db.execute(statement)
        return
    index, table = (words[3], words[5]) if words[1] == "UNIQUE" else (words[2], words[4])
    if index not in db.index_names(table):
        db.execute(statement)


def schema_statements(engine: str, tables: list[str]) -> list[str]:
    """The CREATE TABLE and CREATE INDEX statements of these tables in the engine's schema file."""
    text = (SQL_FOLDER / SCHEMA_FILES[engine]).read_text(encoding="utf-8")
    return [statement for statement in split_script(text) if _table_of(statement.split()) in tables]


def _table_of(words: list[str]) -> str | None:
    """The table a CREATE TABLE or CREATE INDEX statement makes or indexes."""
    if words[:2] == ["CREATE", "TABLE"]:
        return words[2]
    if words[:1] == ["CREATE"] and "INDEX" in words[1:3]:
        return words[words.index("ON") + 1]
    return None


def _api_tokens(db: Database) -> None:
    """The bearer tokens of the HTTP API (hashes only)."""
    for statement in schema_statements(db.engine, ["api_tokens"]):
        _create_if_missing(db, statement)


# Version 5: patients keep a date of birth (estimated from the age where that is all there was),
# their e-mail, address, city and blood group, and the day they registered; stays move to admissions.
PATIENT_COLUMNS_V5 = ("patient_id, name, name_key, gender, birth_date, birth_estimated, contact_no, email,"
                      " address, city, blood_group, registered_on, request_key")
# The day a patient first came: the admission date of the old record (a re-admission had moved it
# on), or an earlier appointment or bill of theirs.
FIRST_SEEN = {engine: f"{least}(admission_date,"  # the smallest of several values: MIN in SQLite, LEAST in MySQL
              " COALESCE((SELECT MIN(appt_date) FROM appointments a WHERE a.patient_id = patients.patient_id),"
              " admission_date),"
              " COALESCE((SELECT MIN(billing_date) FROM billing b WHERE b.patient_id = patients.patient_id),"
              " admission_date))"
              for engine, least in (("sqlite", "MIN"), ("mysql", "LEAST"))}
ESTIMATED_BIRTH = {"sqlite": "printf('%04d-01-01', CAST(strftime('%Y', admission_date) AS INTEGER) - age)",
                   "mysql": "MAKEDATE(YEAR(admission_date) - age, 1)"}
# (column, its definition, after which column) for MySQL, which alters the table in place.
PATIENT_ADDED_MYSQL = [
    ("birth_date", "DATE NULL", "gender"), ("birth_estimated", "TINYINT NOT NULL DEFAULT 0", "birth_date"),
    ("email", "VARCHAR(120) NOT NULL DEFAULT ''", "contact_no"),
    ("address", "VARCHAR(200) NOT NULL DEFAULT ''", "email"), ("city", "VARCHAR(60) NOT NULL DEFAULT ''", "address"),
    ("blood_group", "VARCHAR(3) NOT NULL DEFAULT ''", "city"), ("registered_on", "DATE NULL", "blood_group"),
]
PATIENT_CHECKS_MYSQL = {
    "ck_patients_birth_estimated": "CHECK (birth_estimated IN (0, 1))",
    "ck_patients_blood_group": "CHECK (blood_group IN ('', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-'))",
}
NAME_KEY_BATCH = 5000
LATER_PATIENT_COLUMNS = {"merged_into", "phone_tail"}  # indexed by versions 6 and 7, not by 5


def _dates_of_birth_and_admissions(db: Database) -> None:
    """Stays apart from registrations, a date of birth for the age, and names keyed anew.

    An old record's admission date was set at registration, so a patient never discharged was
    almost always an outpatient: only records with a discharge date become stays (the
    front desk admits again anyone still in a bed). The age becomes an estimated birth year: the
    year of that admission date less the age then."""
    for statement in schema_statements(db.engine, ["admissions"]):
        _create_if_missing(db, statement)
    if "age" in db.table_columns()["patients"]:
        if not db.scalar("SELECT count(*) FROM admissions"):
            db.execute("INSERT INTO admissions (patient_id, admitted_on, discharged_on) SELECT patient_id,"
                       " admission_date, discharge_date FROM patients WHERE discharge_date IS NOT NULL"
                       " ORDER BY patient_id")
        (_rebuild_patients_sqlite if db.engine == "sqlite" else _alter_patients_mysql)(db)
    for statement in schema_statements(db.engine, ["patients"]):
        if "INDEX" in statement.split()[:3] and not LATER_PATIENT_COLUMNS & _names_in(statement):
            _create_if_missing(db, statement)
    _key_names_anew(db, "patients", "patient_id")
    _key_names_anew(db, "doctors", "doctor_id")


def _names_in(statement: str) -> set[str]:
    return set(statement.replace("(", " ").replace(")", " ").replace(",", " ").split())


def _rebuild_patients_sqlite(db: Database) -> None:
    """SQLite cannot drop columns a CHECK names: the table is made again and the rows copied
    (with the foreign keys off, checked whole before it commits: see SQLiteDatabase.exclusive)."""
    create = next(s for s in schema_statements("sqlite", ["patients"]) if s.startswith("CREATE TABLE"))
    db.execute(create.replace("CREATE TABLE patients (", "CREATE TABLE patients_v5 (", 1))
    sequence = db.scalar("SELECT seq FROM sqlite_sequence WHERE name = 'patients'")
    db.execute(f"INSERT INTO patients_v5 ({PATIENT_COLUMNS_V5}) SELECT patient_id, name, name_key, gender,"
               f" {ESTIMATED_BIRTH['sqlite']}, 1, contact_no, '', '', '', '', {FIRST_SEEN['sqlite']}, request_key"
               " FROM patients")
    db.execute("DROP TABLE patients")
    db.execute("ALTER TABLE patients_v5 RENAME TO patients")
    db.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'patients'", (sequence or 1000,))


def _alter_patients_mysql(db: Database) -> None:
    """In place, each step checked before it is made (MySQL commits every ALTER as it goes)."""
    for column, definition, after in PATIENT_ADDED_MYSQL:  # names from the fixed list above
        if column not in db.table_columns()["patients"]:
            db.execute(f"ALTER TABLE patients ADD COLUMN {column} {definition} AFTER {after}")
    db.execute(f"UPDATE patients SET birth_date = {ESTIMATED_BIRTH['mysql']}, birth_estimated = 1,"
               f" registered_on = {FIRST_SEEN['mysql']} WHERE birth_date IS NULL")
    db.execute("ALTER TABLE patients MODIFY birth_date DATE NOT NULL, MODIFY registered_on DATE NOT NULL")
    checks = {row[0] for row in db.table(
        "SELECT constraint_name FROM information_schema.table_constraints WHERE table_schema = DATABASE()"
        " AND table_name = 'patients' AND constraint_type = 'CHECK'")[1]}
    for name in ("ck_patients_age", "ck_patients_stay"):
        if name in checks:
            db.execute(f"ALTER TABLE patients DROP CONSTRAINT {name}")
    for name, check in PATIENT_CHECKS_MYSQL.items():
        if name not in checks:
            db.execute(f"ALTER TABLE patients ADD CONSTRAINT {name} {check}")
    if "ix_patients_admission" in db.index_names("patients"):
        db.execute("DROP INDEX ix_patients_admission ON patients")
    db.execute("ALTER TABLE patients DROP COLUMN age, DROP COLUMN admission_date, DROP COLUMN discharge_date")


def _key_names_anew(db: Database, table: str, key: str) -> None:
    """name_key as name_key() now makes it (apostrophes dropped, hyphens as spaces)."""
    _derive_anew(db, table, key, "name", "name_key", name_key)


def _derive_anew(db: Database, table: str, key: str, source: str, column: str, make: Callable[[str], str]) -> None:
    """A column the application derives from another (column = make(source)), written anew in
    batches where it differs. Table and column names come from this module, never from input."""
    last = 0
    while True:
        _, rows = db.table(f"SELECT {key}, {source}, {column} FROM {table} WHERE {key} > ? ORDER BY {key} LIMIT ?",
                           (last, NAME_KEY_BATCH))
        if not rows:
            return
        changed = [(make(value), record_id) for record_id, value, stored in rows if make(value) != stored]
        if changed:
            db.executemany(f"UPDATE {table} SET {column} = ? WHERE {key} = ?", changed)
        last = rows[-1][0]


# Version 6: check-in (arrived, in consultation, a token number), doctors' weeks and leave, merged duplicates.
APPOINTMENT_COLUMNS_V5 = "appt_id, patient_id, doctor_id, appt_date, appt_time, diagnosis, status, request_key"
LIVE_V6 = "CASE WHEN status IN ('scheduled', 'arrived', 'in_consultation', 'completed') THEN 1 END"
APPOINTMENTS_V6_MYSQL = (
    "ALTER TABLE appointments MODIFY status VARCHAR(15) NOT NULL DEFAULT 'scheduled',"
    " DROP CONSTRAINT ck_appointments_status,"
    " ADD CONSTRAINT ck_appointments_status CHECK (status IN ('scheduled', 'arrived', 'in_consultation',"
    " 'completed', 'cancelled', 'no_show')),"
    f" MODIFY live_slot TINYINT AS ({LIVE_V6}) STORED,"
    " ADD COLUMN token_no SMALLINT UNSIGNED NULL, ADD COLUMN arrived_at DATETIME NULL,"
    " ADD COLUMN called_at DATETIME NULL")
MERGED_INTO = {
    "sqlite": "ALTER TABLE patients ADD COLUMN merged_into INTEGER REFERENCES patients (patient_id)",
    "mysql": "ALTER TABLE patients ADD COLUMN merged_into INT UNSIGNED NULL,"
             " ADD CONSTRAINT fk_patients_merged FOREIGN KEY (merged_into) REFERENCES patients (patient_id)",
}


def _check_in_hours_and_merges(db: Database) -> None:
    """Appointments gain the states of the waiting room and a token number; doctors a working week
    and leave; patients a pointer to the record a duplicate was merged into. Every appointment
    keeps its state: none had arrived, since the states did not exist."""
    for statement in schema_statements(db.engine, ["doctor_hours", "doctor_leave"]):
        _create_if_missing(db, statement)
    if "token_no" not in db.table_columns()["appointments"]:
        if db.engine == "sqlite":
            _rebuild_appointments_sqlite(db)
        else:
            db.execute(APPOINTMENTS_V6_MYSQL)  # one statement: all of it happens or none
    for statement in schema_statements(db.engine, ["appointments"]):
        if "INDEX" in statement.split()[:3]:
            _create_if_missing(db, statement)
    if "merged_into" not in db.table_columns()["patients"]:
        db.execute(MERGED_INTO[db.engine])
    if "ix_patients_merged" not in db.index_names("patients"):
        db.execute("CREATE INDEX ix_patients_merged ON patients (merged_into)")


def _rebuild_appointments_sqlite(db: Database) -> None:
    """SQLite cannot change a CHECK or a generated column in place: the table is made again."""
    _make_again_sqlite(db, "appointments", APPOINTMENT_COLUMNS_V5)


def _make_again_sqlite(db: Database, table: str, columns: str) -> None:
    """The table made again as the schema file has it now, `columns` copied into it, its
    AUTO_INCREMENT sequence kept (with the foreign keys off; SQLiteDatabase.exclusive checks them
    whole before the change commits). Table and column names come from this module."""
    create = next(s for s in schema_statements("sqlite", [table]) if s.startswith("CREATE TABLE"))
    db.execute(create.replace(f"CREATE TABLE {table} (", f"CREATE TABLE {table}_new (", 1))
    sequence = db.scalar("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,))
    db.execute(f"INSERT INTO {table}_new ({columns}) SELECT {columns} FROM {table}")
    db.execute(f"DROP TABLE {table}")
    db.execute(f"ALTER TABLE {table}_new RENAME TO {table}")
    if sequence is not None:
        db.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", (sequence, table))


# Version 7: the duplicate check and the clerk's lookups in index time, at a million patients.
PHONE_TAIL = {"sqlite": "TEXT NOT NULL DEFAULT ''",
              "mysql": "VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT ''"}


def _patient_indexes(db: Database) -> None:
    """patients.phone_tail for every record, in batches, then its index; the similar-name index;
    the name index with merged_into beside the name."""
    if "phone_tail" not in db.table_columns()["patients"]:
        db.execute(f"ALTER TABLE patients ADD COLUMN phone_tail {PHONE_TAIL[db.engine]}")
    _derive_anew(db, "patients", "patient_id", "contact_no", "phone_tail", phone_tail)
    if "ix_patients_phone_tail" not in db.index_names("patients"):
        db.execute("CREATE INDEX ix_patients_phone_tail ON patients (phone_tail)")
    for statement in schema_statements(db.engine, ["patient_name_grams"]):
        _create_if_missing(db, statement)
    _grams_for_every_name(db)
    if "ix_patients_similar" not in db.index_names("patients"):
        db.execute("CREATE INDEX ix_patients_similar ON patients (gender, birth_date, name_key)")
    # The name index holds merged_into too, so a name search that leaves merged records out still
    # reads the index alone (the table, for a name that matches nothing, is a million rows).
    if "ix_patients_name" not in db.index_names("patients"):
        db.execute("CREATE INDEX ix_patients_name ON patients (name_key, patient_id, merged_into)")
    if "ix_patients_name_key" in db.index_names("patients"):
        db.execute("DROP INDEX ix_patients_name_key ON patients" if db.engine == "mysql"
                   else "DROP INDEX ix_patients_name_key")


def _grams_for_every_name(db: Database) -> None:
    """Each patient's name runs, in batches; a batch cut short is done again whole."""
    last = int(db.scalar("SELECT COALESCE(MAX(patient_id), 0) FROM patient_name_grams"))
    db.execute("DELETE FROM patient_name_grams WHERE patient_id = ?", (last,))  # perhaps half-written
    last = max(last - 1, 0)
    while True:
        _, rows = db.table("SELECT patient_id, name_key FROM patients WHERE patient_id > ? ORDER BY patient_id"
                           " LIMIT ?", (last, NAME_KEY_BATCH))
        if not rows:
            return
        db.executemany("INSERT INTO patient_name_grams (gram, patient_id) VALUES (?, ?)",
                       [(gram, patient_id) for patient_id, key in rows for gram in sorted(name_grams(key))])
        last = rows[-1][0]


def _daily_summaries(db: Database) -> None:
    """The daily summary tables, the triggers that keep them, and their figures computed once from
    the data already there (in one transaction, after the triggers: from then on every change
    keeps them). A run cut short computes them again whole. The index of open bills by day."""
    for statement in schema_statements(db.engine, [summary.table for summary in summaries.DAILY]):
        _create_if_missing(db, statement)
    present = db.trigger_names()
    made = summaries.trigger_statements(db.engine, summaries.DAILY)
    for name, statement in zip(summaries.trigger_names(summaries.DAILY), made, strict=True):
        if name not in present:
            db.execute(statement)
    _recompute(db, summaries.DAILY)
    if "ix_billing_open" not in db.index_names("billing"):
        db.execute("CREATE INDEX ix_billing_open ON billing (status, billing_date)")


# Version 9: departments; every doctor in one.
DOCTOR_COLUMNS_V8 = "doctor_id, name, name_key, specialization, contact_no, consultation_fee"
# Added empty, then filled; NOT NULL after (SQLite: by making the table again).
DEPARTMENT_COLUMN = {"sqlite": "INTEGER REFERENCES departments (department_id)", "mysql": "INT UNSIGNED NULL"}


def _departments(db: Database) -> None:
    """The departments, one per specialization on record (the doctors of `ENT` and `E.N.T.` in one),
    and each doctor in the department of their specialization. The location is left for the
    hospital to fill in."""
    for statement in schema_statements(db.engine, ["departments"]):
        _create_if_missing(db, statement)
    columns = db.table_columns()["doctors"]
    if "department_id" not in columns:
        db.execute("ALTER TABLE doctors ADD COLUMN department_id " + DEPARTMENT_COLUMN[db.engine])
    _department_of_each_specialization(db)
    if db.engine == "sqlite":
        if db.scalar("SELECT \"notnull\" FROM pragma_table_info('doctors') WHERE name = 'department_id'") == 0:
            _rebuild_doctors_sqlite(db)
    else:
        _doctors_department_required_mysql(db)
    if "ix_doctors_department" not in db.index_names("doctors"):
        db.execute("CREATE INDEX ix_doctors_department ON doctors (department_id, name_key)")


def _department_of_each_specialization(db: Database) -> None:
    departments = DepartmentRepository(db)
    # The spelling most doctors use names the department (`ENT` for 12 doctors beats `E.N.T.` for one).
    _, rows = db.table("SELECT specialization, COUNT(*) FROM doctors WHERE department_id IS NULL"
                       " GROUP BY specialization ORDER BY COUNT(*) DESC, specialization")
    for specialization, _ in rows:
        department, _ = departments.of_specialization(specialization)
        db.execute("UPDATE doctors SET department_id = ? WHERE specialization = ? AND department_id IS NULL",
                   (department.department_id, specialization))


def _rebuild_doctors_sqlite(db: Database) -> None:
    """SQLite cannot make a column NOT NULL in place: the table is made again, and its indexes."""
    _make_again_sqlite(db, "doctors", f"{DOCTOR_COLUMNS_V8}, department_id")
    for statement in schema_statements("sqlite", ["doctors"]):
        if "INDEX" in statement.split()[:3] and "ix_doctors_department" not in statement:
            _create_if_missing(db, statement)


def _doctors_department_required_mysql(db: Database) -> None:
    nullable = db.scalar("SELECT is_nullable FROM information_schema.columns WHERE table_schema = DATABASE()"
                         " AND table_name = 'doctors' AND column_name = 'department_id'")
    if nullable == "YES":
        db.execute("ALTER TABLE doctors MODIFY department_id INT UNSIGNED NOT NULL")
    keys = {row[0] for row in db.table(
        "SELECT constraint_name FROM information_schema.table_constraints WHERE table_schema = DATABASE()"
        " AND table_name = 'doctors' AND constraint_type = 'FOREIGN KEY'")[1]}
    if "fk_doctors_department" not in keys:
        db.execute("ALTER TABLE doctors ADD CONSTRAINT fk_doctors_department FOREIGN KEY (department_id)"
                   " REFERENCES departments (department_id)")


CLINICAL_TABLES = ["visits", "prescriptions", "treatments", "lab_tests", "lab_orders"]


def _clinical_record(db: Database) -> None:
    """The clinical record of a visit: notes and vitals, prescriptions, treatments to bill, the
    laboratory's test types and the tests ordered with their results. New tables only: the
    diagnosis each appointment holds stays where it is."""
    for statement in schema_statements(db.engine, CLINICAL_TABLES):
        _create_if_missing(db, statement)


def _rolled_up_summaries(db: Database) -> None:
    """The doctors' and services' summaries by month and year, and the triggers that keep every
    summary made again (each base table's trigger now adds to these too). Every summary is then
    computed again in one transaction: on MySQL a trigger's DDL commits on its own, so a write of
    another terminal between the old trigger's drop and the new one's creation is counted by
    that recomputation, not lost."""
    among = summaries.UP_TO_11
    for statement in schema_statements(db.engine, [summary.table for summary in among]):
        _create_if_missing(db, statement)
    _make_triggers_anew(db, zip(summaries.trigger_names(among), summaries.trigger_statements(db.engine, among),
                                strict=True))
    _recompute(db, among)


def _make_triggers_anew(db: Database, triggers: Iterable[tuple[str, str]]) -> None:
    present = db.trigger_names()
    for name, statement in triggers:
        if name in present:
            db.execute(f"DROP TRIGGER {name}")
        db.execute(statement)


# Version 12: each patient's completed visits by month and year.
def _patients_visits_summaries(db: Database) -> None:
    """The patients' summaries by month and year, and the appointments' triggers made again to keep
    them too. The new summaries are computed from the visits already there; on MySQL, whose
    trigger DDL commits on its own, so is every other summary the appointments keep (a visit
    written by another terminal between a trigger's drop and its creation is counted by that,
    not lost). SQLite does all of it in the migration's one transaction."""
    new = (summaries.PATIENT_MONTH, summaries.PATIENT_YEAR)
    for statement in schema_statements(db.engine, [summary.table for summary in new]):
        _create_if_missing(db, statement)
    appointments = {summaries.trigger_name("appointments", event) for event in summaries.EVENTS}
    triggers = zip(summaries.trigger_names(), summaries.trigger_statements(db.engine), strict=True)
    _make_triggers_anew(db, [(name, made) for name, made in triggers if name in appointments])
    _recompute(db, new if db.engine == "sqlite" else summaries.fed_by("appointments"))


def _recompute(db: Database, among: tuple[summaries.Summary, ...]) -> None:
    if db.in_transaction:  # SQLite migrates in one transaction
        summaries.rebuild(db, among)
    else:
        with db.transaction():
            summaries.rebuild(db, among)


MIGRATIONS = [
    Migration(1, "request keys for exactly-once writes; write locks for imports and registrations",
              _request_keys_and_write_locks),
    Migration(2, "staff accounts and roles, the audit table, cashiers' shifts", _staff_accounts_and_audit),
    Migration(3, "receipts, credit notes and refunds, deposits; a bill's tax rate, cashier and line order",
              _receipts_credit_notes_and_deposits),
    Migration(4, "sign-in tokens for the HTTP API", _api_tokens),
    Migration(5, "dates of birth, e-mail, address, city and blood group; admissions apart from registrations",
              _dates_of_birth_and_admissions),
    Migration(6, "check-in with token numbers; doctors' working weeks and leave; merged duplicate patients",
              _check_in_hours_and_merges),
    Migration(7, "phone numbers, similar names and names by their runs of three found by index; merged"
                 " records out of the name index's way", _patient_indexes),
    Migration(8, "daily summaries kept by triggers, for reports over long periods; open bills by day",
              _daily_summaries),
    Migration(9, "departments, one per specialization on record; every doctor in one", _departments),
    Migration(10, "the clinical record of a visit: notes and vitals, prescriptions, treatments to bill, lab tests",
              _clinical_record),
    Migration(11, "the doctors' and services' summaries by month and year, for reports over whole months and"
                  " years", _rolled_up_summaries),
    Migration(12, "each patient's completed visits by month and year, for the patients seen and the follow-ups",
              _patients_visits_summaries),
]
LATEST = MIGRATIONS[-1].version


def version(db: Database) -> int:
    """The schema version of a database that has the tables: 0 for one made before migrations."""
    if not db.has_table("schema_migrations"):
        return 0
    return int(db.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))


def migrate(db: Database, now: datetime) -> list[Migration]:
    """Apply every migration the database has not had; returns those applied (none when up to date)."""
    return migrate_to(db, now, LATEST)


def migrate_to(db: Database, now: datetime, target: int) -> list[Migration]:
    """Apply the migrations up to version `target` (the tests stop part-way with it)."""
    if version(db) >= target:  # the usual case, answered without a lock
        return []
    with db.exclusive("hospital_mgmt_migrate"):
        done = version(db)
        if done == 0 and not db.has_table("schema_migrations"):
            db.execute(DDL[db.engine]["schema_migrations"])
        applied = []
        for migration in MIGRATIONS:
            if done < migration.version <= target:
                migration.apply(db)
                db.execute("INSERT INTO schema_migrations (version, title, applied_on) VALUES (?, ?, ?)",
                           (migration.version, migration.title, now.isoformat(sep=" ", timespec="seconds")))
                applied.append(migration)
        return applied
