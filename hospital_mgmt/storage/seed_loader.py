"""Load the demo data CSVs into an empty database, in batches, in one transaction."""
import csv
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..domain.errors import DatabaseNotEmpty, SeedError
from ..domain.validation import compact_key, name_grams, name_key, phone_tail
from . import summaries
from .database import Database

SEED_DIR = Path(__file__).resolve().parents[1] / "seed"
BATCH = 1000

# table: (the columns of its CSV, how to read a CSV value where it is not text or a key)
TABLES: dict[str, tuple[list[str], dict[str, Callable[[str], Any]]]] = {
    "services": (["service_id", "service_name", "cost"], {"cost": Decimal}),
    "patients": (["patient_id", "name", "gender", "birth_date", "birth_estimated", "contact_no", "email", "address",
                  "city", "blood_group", "registered_on"],
                 {"birth_date": date.fromisoformat, "birth_estimated": int, "registered_on": date.fromisoformat}),
    "admissions": (["admission_id", "patient_id", "admitted_on", "ward", "reason", "discharged_on"],
                   {"admitted_on": date.fromisoformat, "discharged_on": date.fromisoformat}),
    "departments": (["department_id", "name", "location"], {}),
    "doctors": (["doctor_id", "name", "specialization", "contact_no", "consultation_fee", "department_id"],
                {"consultation_fee": Decimal}),
    "appointments": (["appt_id", "patient_id", "doctor_id", "appt_date", "appt_time", "diagnosis", "status"],
                     {"appt_date": date.fromisoformat}),
    "billing": (["bill_id", "patient_id", "appt_id", "consultation_charges", "subtotal", "discount", "tax",
                 "total_amount", "billing_date", "status", "void_reason"],
                {"consultation_charges": Decimal, "subtotal": Decimal, "discount": Decimal, "tax": Decimal,
                 "total_amount": Decimal, "billing_date": date.fromisoformat}),
    "bill_items": (["bill_id", "service_id", "quantity", "unit_price", "line_total"],
                   {"quantity": int, "unit_price": Decimal, "line_total": Decimal}),
    "payments": (["payment_id", "bill_id", "paid_on", "method", "amount"],
                 {"paid_on": date.fromisoformat, "amount": Decimal}),
    "visits": (["appt_id", "notes", "weight_kg", "height_cm", "bp_systolic", "bp_diastolic", "pulse", "temperature_c",
                "haemoglobin", "pregnant", "recorded_at"],
               {"weight_kg": Decimal, "height_cm": Decimal, "temperature_c": Decimal, "haemoglobin": Decimal,
                "bp_systolic": int, "bp_diastolic": int, "pulse": int, "pregnant": int,
                "recorded_at": datetime.fromisoformat}),
    "lab_tests": (["test_id", "name", "unit", "low", "high", "women_low", "women_high"],
                  {"low": Decimal, "high": Decimal, "women_low": Decimal, "women_high": Decimal}),
    "lab_orders": (["order_id", "appt_id", "test_id", "ordered_at", "result", "result_on", "flag"],
                   {"ordered_at": datetime.fromisoformat, "result": Decimal, "result_on": date.fromisoformat}),
}
# Columns where an empty CSV value is empty text, not "none".
TEXT_MAY_BE_EMPTY = {"diagnosis", "void_reason", "email", "address", "city", "blood_group", "ward", "reason",
                     "location", "notes", "unit"}
# The search forms the application stores beside what was typed: (column, made from, how).
DERIVED: dict[str, list[tuple[str, str, Callable[[str], str]]]] = {
    "patients": [("name_key", "name", name_key), ("phone_tail", "contact_no", phone_tail)],
    "departments": [("department_key", "name", compact_key)],
    "doctors": [("name_key", "name", name_key)],
    "services": [("service_key", "service_name", compact_key)],
    "lab_tests": [("test_key", "name", compact_key)]}


def load_seed(db: Database, folder: Path = SEED_DIR, progress=None) -> dict[str, int]:
    """Insert every seed table; refuses a database that already holds records."""
    files = {table: Path(folder) / f"{table}.csv" for table in TABLES}
    missing = [str(path) for path in files.values() if not path.is_file()]
    if missing:
        raise SeedError(f"missing seed file {missing[0]}")
    if not is_empty(db):
        raise DatabaseNotEmpty("the database already has records; seed loads demo data only into an empty database")
    loaded = {}
    with db.transaction(), summaries.paused(db):
        for table, path in files.items():
            loaded[table] = _load_table(db, table, path)
            if progress:
                progress(table, loaded[table])
        _name_grams(db)
        db.execute("UPDATE counters SET last_value = (SELECT coalesce(max(bill_id), 0) FROM billing)"
                   " WHERE name = 'bill'")
    return loaded


def is_empty(db: Database) -> bool:
    return all(db.scalar(sql) == 0 for sql in (
        "SELECT count(*) FROM patients", "SELECT count(*) FROM doctors", "SELECT count(*) FROM services",
        "SELECT count(*) FROM departments"))


def _load_table(db: Database, table: str, path: Path) -> int:
    columns, readers = TABLES[table]
    derived = DERIVED.get(table, [])
    insert_columns = columns + [column for column, _, _ in derived]
    # Table and column names come from the fixed TABLES map above, never from the file.
    sql = (f"INSERT INTO {table} ({', '.join(insert_columns)})"
           f" VALUES ({', '.join('?' for _ in insert_columns)})")
    count, batch = 0, []
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        absent = [c for c in columns if c not in (reader.fieldnames or [])]
        if absent:
            raise SeedError(f"{path} lacks the column {absent[0]}")
        for record in reader:
            batch.append(_row(record, columns, readers, derived))
            if len(batch) == BATCH:
                db.executemany(sql, batch)
                count, batch = count + len(batch), []
    if batch:
        db.executemany(sql, batch)
        count += len(batch)
    return count


def _name_grams(db: Database) -> None:
    """The runs of three of every name loaded (patient_name_grams), as the repository keeps them."""
    _, names = db.table("SELECT patient_id, name_key FROM patients")
    db.executemany("INSERT INTO patient_name_grams (gram, patient_id) VALUES (?, ?)",
                   [(gram, patient_id) for patient_id, key in names for gram in sorted(name_grams(key))])


def _row(record: dict, columns: list[str], readers: dict, derived: list) -> tuple:
    values = [None if record[c] == "" and c not in TEXT_MAY_BE_EMPTY
              else readers.get(c, int if c.endswith("_id") else str)(record[c]) for c in columns]
    values += [make(record[source]) for _, source, make in derived]
    return tuple(values)
