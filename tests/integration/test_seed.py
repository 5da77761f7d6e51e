import shutil
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest

from hospital_mgmt.domain.errors import DatabaseNotEmpty, SeedError
from hospital_mgmt.domain.validation import name_grams
from hospital_mgmt.storage.seed_loader import SEED_DIR, load_seed

PROJECT = SEED_DIR.parents[1]
POPULATE = SEED_DIR.parent / "sql" / "populate.sql"

TABLES = ["patients", "doctors", "services", "appointments", "billing", "bill_items", "payments", "visits",
          "lab_orders"]


def test_the_seed_script_regenerates_the_files_byte_for_byte(tmp_path):
    subprocess.run([sys.executable, str(SEED_DIR / "generate.py"), str(tmp_path)], check=True, capture_output=True)
    for table in [*TABLES, "admissions", "departments", "lab_tests"]:
        assert (tmp_path / f"{table}.csv").read_bytes() == (SEED_DIR / f"{table}.csv").read_bytes(), table
    assert (tmp_path / "populate.sql").read_bytes() == POPULATE.read_bytes()


def test_seed_loads_at_least_250_rows_into_every_table(db):
    loaded = load_seed(db)
    for table in TABLES:
        assert loaded[table] >= 250, table
        assert db.scalar(f"SELECT count(*) FROM {table}") == loaded[table]
    assert loaded["appointments"] > loaded["patients"] and loaded["billing"] > loaded["patients"] / 2
    assert db.scalar("SELECT last_value FROM counters WHERE name = 'bill'") == loaded["billing"]


def test_seeded_bills_obey_the_billing_rules_to_the_cent(db):
    load_seed(db)
    _, lines = db.table("SELECT quantity, unit_price, line_total FROM bill_items")
    assert all(db.to_money(total) == q * db.to_money(price) for q, price, total in lines)
    _, bills = db.table(
        "SELECT b.subtotal, b.consultation_charges, b.discount, b.tax, b.total_amount, sum(i.line_total)"
        " FROM billing b JOIN bill_items i ON i.bill_id = b.bill_id"
        " GROUP BY b.bill_id, b.subtotal, b.consultation_charges, b.discount, b.tax, b.total_amount")
    assert len(bills) == 1200
    for subtotal, consultation, discount, tax, total, items in bills:
        subtotal, items, total = db.to_money(subtotal), db.to_money(items), db.to_money(total)
        assert subtotal == items
        assert total == subtotal + db.to_money(consultation) - db.to_money(discount) + db.to_money(tax)
    _, overpaid = db.table("SELECT b.bill_id FROM billing b JOIN payments p ON p.bill_id = b.bill_id"
                           " GROUP BY b.bill_id, b.total_amount HAVING sum(p.amount) > b.total_amount")
    assert overpaid == []
    _, paid = db.table("SELECT b.total_amount, sum(p.amount) FROM billing b JOIN payments p ON p.bill_id = b.bill_id"
                       " WHERE b.status = 'paid' GROUP BY b.bill_id, b.total_amount")
    assert paid and all(db.to_money(t) == db.to_money(s) for t, s in paid)


def test_the_demo_visits_hold_vitals_in_range_and_lab_flags_against_each_tests_range(db):
    from hospital_mgmt.domain.lab import LabTest
    from hospital_mgmt.domain.period import Period
    from hospital_mgmt.storage import clinical_reports
    load_seed(db)
    assert db.scalar("SELECT count(*) FROM visits v JOIN appointments a ON a.appt_id = v.appt_id"
                     " WHERE a.status <> 'completed'") == 0
    tests = {row["test_id"]: LabTest(row["name"], row["unit"], db.to_money(row["low"]), db.to_money(row["high"]),
                                     row["test_id"], db.to_money(row["women_low"]), db.to_money(row["women_high"]))
             for row in db.rows("SELECT test_id, name, unit, low, high, women_low, women_high FROM lab_tests")}
    assert tests[1].range_text == "13.50 - 17.50 (women 12.00 - 15.50)"
    results = db.rows("SELECT o.test_id, o.result, o.flag, p.gender FROM lab_orders o JOIN appointments a"
                      " ON a.appt_id = o.appt_id JOIN patients p ON p.patient_id = a.patient_id"
                      " WHERE o.result IS NOT NULL")
    assert len(results) > 250 and {row["flag"] for row in results} == {"low", "normal", "high"}
    assert all(tests[row["test_id"]].flag(db.to_money(row["result"]), row["gender"]).value == row["flag"]
               for row in results)
    risky = clinical_reports.high_risk(db, Period(date(2025, 1, 1), date(2026, 12, 31))).rows
    assert risky and any("anaemia" in row[-1] for row in risky) and any("very high" in row[-1] for row in risky)
    assert db.scalar("SELECT count(*) FROM visits v JOIN appointments a ON a.appt_id = v.appt_id"
                     " JOIN patients p ON p.patient_id = a.patient_id WHERE v.pregnant = 1 AND p.gender <> 'F'") == 0


def test_seed_refuses_a_database_that_already_has_records(db):
    load_seed(db)
    with pytest.raises(DatabaseNotEmpty, match="already has records"):
        load_seed(db)


def test_a_missing_seed_file_is_named(db, tmp_path):
    folder = tmp_path / "seed"
    shutil.copytree(SEED_DIR, folder)
    (folder / "doctors.csv").unlink()
    with pytest.raises(SeedError, match=r"missing seed file .*doctors\.csv"):
        load_seed(db, folder)
    assert db.scalar("SELECT count(*) FROM services") == 0


def test_the_demo_money_survives_the_round_trip(db):
    load_seed(db)
    assert db.to_money(db.scalar("SELECT cost FROM services WHERE service_id = 1")) == Decimal("1460.50")


def test_the_populate_script_loads_the_same_csvs_into_mysql(tmp_path, monkeypatch):
    import mysql.connector

    from hospital_mgmt.storage.mysql_engine import _statements
    from tests.conftest import MYSQL_ENV, open_database
    db, drop = open_database("mysql", tmp_path)
    try:
        connection = mysql.connector.connect(host=MYSQL_ENV["DB_HOST"], port=int(MYSQL_ENV["DB_PORT"]),
                                             user=MYSQL_ENV["DB_USER"], password=MYSQL_ENV["DB_PASSWORD"],
                                             database=db.connection.database, allow_local_infile=True,
                                             autocommit=True)
        monkeypatch.chdir(PROJECT)  # the script names hospital_mgmt/seed/*.csv from the project root
        cursor = connection.cursor()
        for statement in _statements(POPULATE.read_text(encoding="utf-8")):
            cursor.execute(statement)
        connection.close()
        for table in TABLES:
            assert db.scalar(f"SELECT count(*) FROM {table}") >= 250, table
        assert db.scalar("SELECT service_key FROM services WHERE service_id = 1") == "xraychest"
        assert db.scalar("SELECT last_value FROM counters WHERE name = 'bill'") == 1200
        assert db.scalar("SELECT count(*) FROM lab_tests WHERE test_key = 'totalcholesterol' AND low IS NULL") == 1
        assert db.scalar("SELECT count(*) FROM visits WHERE pregnant IS NULL") == sum(
            1 for line in (SEED_DIR / "visits.csv").read_text(encoding="utf-8").splitlines()[1:]
            if line.split(",")[9] == "")
        assert db.scalar("SELECT count(*) FROM lab_orders WHERE result IS NOT NULL") == db.scalar(
            "SELECT count(*) FROM lab_orders WHERE flag IS NOT NULL AND result_on IS NOT NULL")
        _, grams = db.table("SELECT gram, patient_id FROM patient_name_grams")
        _, names = db.table("SELECT patient_id, name_key FROM patients")
        assert set(map(tuple, grams)) == {(gram, patient_id) for patient_id, key in names for gram in name_grams(key)}
    finally:
        drop()
