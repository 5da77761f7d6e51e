from datetime import date, time
from decimal import Decimal

import pytest

from hospital_mgmt.db_config import connect
from hospital_mgmt.domain.errors import DatabaseUnavailable, StillReferenced, UnknownReference
from hospital_mgmt.storage.database import DuplicateKey
from tests.conftest import MYSQL_ENV, make_settings, open_database, require_mysql


def add_doctor(db, fee=Decimal("500.00")):
    department = db.scalar("SELECT department_id FROM departments WHERE department_key = 'cardiology'") or db.insert(
        "INSERT INTO departments (name, department_key) VALUES ('Cardiology', 'cardiology')")
    return db.insert("INSERT INTO doctors (name, name_key, specialization, contact_no, consultation_fee, department_id)"
                     " VALUES (?, ?, ?, ?, ?, ?)", ("Meera Iyer", "meera iyer", "Cardiology", "9876543210", fee,
                                                    department))


def add_patient(db):
    return db.insert("INSERT INTO patients (name, name_key, gender, birth_date, contact_no, registered_on)"
                     " VALUES (?, ?, ?, ?, ?, ?)", ("Asha Rao", "asha rao", "F", date(1995, 1, 1), "9876543211",
                                                    date(2025, 5, 1)))


def test_money_comes_back_as_exact_decimal_and_sums_stay_exact(db):
    for price in ("0.10", "0.20", "0.05", "99999999.99"):
        db.insert("INSERT INTO services (service_name, service_key, cost) VALUES (?, ?, ?)",
                  (f"Item {price}", f"item{price}", Decimal(price)))
    costs = [db.to_money(r["cost"]) for r in db.rows("SELECT cost FROM services ORDER BY service_id")]
    assert costs == [Decimal("0.10"), Decimal("0.20"), Decimal("0.05"), Decimal("99999999.99")]
    assert db.to_money(db.scalar("SELECT sum(cost) FROM services WHERE cost < ?", (Decimal("1"),))) == Decimal("0.35")


def test_dates_and_times_come_back_as_date_and_time(db):
    patient, doctor = add_patient(db), add_doctor(db)
    db.insert("INSERT INTO appointments (patient_id, doctor_id, appt_date, appt_time) VALUES (?, ?, ?, ?)",
              (patient, doctor, date(2025, 5, 10), time(10, 15)))
    row = db.one("SELECT appt_date, appt_time FROM appointments")
    assert db.to_date(row["appt_date"]) == date(2025, 5, 10)
    assert db.to_time(row["appt_time"]) == time(10, 15)


def test_keys_are_assigned_by_the_database_and_patients_start_at_1001(db):
    assert add_patient(db) == 1001 and add_patient(db) == 1002
    assert add_doctor(db) == 1


def test_a_duplicate_service_name_is_a_named_duplicate_key(db):
    db.insert("INSERT INTO services (service_name, service_key, cost) VALUES (?, ?, ?)", ("ECG", "ecg", Decimal("200")))
    with pytest.raises(DuplicateKey) as error:
        db.insert("INSERT INTO services (service_name, service_key, cost) VALUES (?, ?, ?)",
                  ("E.C.G.", "ecg", Decimal("250")))
    assert error.value.key == "uq_services_key"


def test_foreign_keys_are_enforced_both_ways(db):
    patient, doctor = add_patient(db), add_doctor(db)
    with pytest.raises(UnknownReference):
        db.insert("INSERT INTO appointments (patient_id, doctor_id, appt_date, appt_time) VALUES (?, ?, ?, ?)",
                  (patient, 999, date(2025, 5, 10), time(10, 15)))
    db.insert("INSERT INTO appointments (patient_id, doctor_id, appt_date, appt_time) VALUES (?, ?, ?, ?)",
              (patient, doctor, date(2025, 5, 10), time(10, 15)))
    with pytest.raises(StillReferenced):
        db.execute("DELETE FROM doctors WHERE doctor_id = ?", (doctor,))


def test_a_transaction_that_fails_writes_nothing(db):
    with pytest.raises(DuplicateKey), db.transaction():
        db.insert("INSERT INTO services (service_name, service_key, cost) VALUES (?, ?, ?)",
                  ("MRI", "mri", Decimal("8000")))
        db.insert("INSERT INTO services (service_name, service_key, cost) VALUES (?, ?, ?)",
                  ("MRI", "mri", Decimal("9000")))
    assert db.scalar("SELECT count(*) FROM services") == 0


def test_values_that_look_like_sql_are_stored_verbatim(db):
    text = "Robert'); DROP TABLE patients;-- 100% _odd_ \\ \"quoted\""
    db.insert("INSERT INTO services (service_name, service_key, cost) VALUES (?, ?, ?)", (text, text, Decimal("1")))
    assert db.scalar("SELECT service_name FROM services") == text
    assert db.scalar("SELECT count(*) FROM patients") == 0


def test_sqlite_has_foreign_keys_on(tmp_path):
    db, drop = open_database("sqlite", tmp_path)
    assert db.scalar("PRAGMA foreign_keys") == 1
    drop()


def test_the_mysql_driver_uses_its_c_extension(tmp_path):
    require_mysql()
    from mysql.connector import HAVE_CEXT
    from mysql.connector.connection_cext import CMySQLConnection
    db, drop = open_database("mysql", tmp_path)
    try:
        assert HAVE_CEXT
        assert isinstance(db.connection, CMySQLConnection)
    finally:
        drop()


def test_an_unreachable_mysql_server_is_one_clear_line(tmp_path):
    settings = make_settings(tmp_path, DB_ENGINE="mysql", DB_HOST="127.0.0.1", DB_PORT="1")
    with pytest.raises(DatabaseUnavailable) as error:
        connect(settings)
    message = str(error.value)
    assert message.startswith("cannot reach MySQL at 127.0.0.1:1 as root: ") and "\n" not in message


def test_a_wrong_mysql_password_is_one_clear_line(tmp_path):
    require_mysql()
    settings = make_settings(tmp_path, **{**MYSQL_ENV, "DB_USER": "hms_nobody", "DB_PASSWORD": "wrong"})
    with pytest.raises(DatabaseUnavailable, match="cannot reach MySQL at .* as hms_nobody: Access denied"):
        connect(settings)


def test_a_database_in_a_folder_that_cannot_be_written_is_refused_clearly(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(DatabaseUnavailable, match="cannot create the folder"):
        connect(make_settings(tmp_path, SQLITE_PATH=str(blocker / "sub" / "h.db")), create=True)


def test_codes_and_money_text_built_in_sql_match_the_application(db):
    from hospital_mgmt.domain.codes import format_code
    for bill_id, cents in ((7, "0.05"), (1234, "1234.50"), (12345, "99999999.99")):
        db.insert("INSERT INTO services (service_id, service_name, service_key, cost) VALUES (?, ?, ?, ?)",
                  (bill_id, f"s{bill_id}", f"s{bill_id}", Decimal(cents)))
    _, rows = db.table(f"SELECT {db.code_sql('B', 3, 'service_id')}, {db.money_text_sql('cost')},"
                       f" {db.code_sql('A', 3, 'NULL')} FROM services ORDER BY service_id")
    assert [tuple(r) for r in rows] == [(format_code("bill", 7), "0.05", None), ("B1234", "1234.50", None),
                                        ("B12345", "99999999.99", None)]
