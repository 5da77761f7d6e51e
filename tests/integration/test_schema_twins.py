"""The two schemas are twins: the same tables, columns (of matching types and nullability),
indexes, keys and foreign keys, read from each engine's own catalogue, and the same rows refused
by their CHECKs and column ranges. Amounts past DECIMAL(12,2) are refused the same way on both."""
from datetime import date, datetime, time
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.errors import ChangeRefusedByDatabase
from tests.conftest import open_database

# How SQLite stores what MySQL declares: money as whole cents, dates and times as ISO text.
STORED_AS = {"decimal": "INTEGER", "int": "INTEGER", "tinyint": "INTEGER", "varchar": "TEXT", "char": "TEXT",
             "date": "TEXT", "time": "TEXT", "datetime": "TEXT", "bigint": "INTEGER", "mediumtext": "TEXT",
             "smallint": "INTEGER"}


def sqlite_shape(db) -> dict:
    shape = {}
    for table in db.table_columns():
        columns = {r["name"]: (r["type"], bool(r["notnull"] or r["pk"]), r["hidden"] != 0)
                   for r in db.rows("SELECT name, type, \"notnull\", pk, hidden FROM pragma_table_xinfo(?)", (table,))}
        primary = tuple(r["name"] for r in db.rows("SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0"
                                                   " ORDER BY pk", (table,)))
        indexes = {}
        for index in db.rows("SELECT name, \"unique\" FROM pragma_index_list(?) WHERE origin = 'c'", (table,)):
            indexed = tuple(r["name"] for r in db.rows("SELECT name FROM pragma_index_info(?) ORDER BY seqno",
                                                       (index["name"],)))
            indexes[index["name"]] = (bool(index["unique"]), indexed)
        keys = {(r["from"], r["table"], r["to"]) for r in db.rows("SELECT * FROM pragma_foreign_key_list(?)", (table,))}
        shape[table] = {"columns": columns, "primary": primary, "indexes": indexes, "foreign": keys}
    return shape


def mysql_shape(db) -> dict:
    shape = {}
    for table in db.table_columns():
        columns = {}
        for r in db.rows("SELECT column_name AS name, data_type AS kind, column_type AS full_type,"
                         " is_nullable AS nullable, extra FROM information_schema.columns"
                         " WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position", (table,)):
            columns[r["name"]] = (STORED_AS[r["kind"]], r["nullable"] == "NO", "GENERATED" in r["extra"].upper(),
                                  r["full_type"])
        statistics = db.rows("SELECT index_name AS name, non_unique, column_name AS col"
                             " FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ?"
                             " ORDER BY index_name, seq_in_index",
                             (table,))
        indexes: dict = {}
        for r in statistics:
            unique, indexed = indexes.get(r["name"], (not int(r["non_unique"]), ()))
            indexes[r["name"]] = (unique, indexed + (r["col"],))
        primary = indexes.pop("PRIMARY", (True, ()))[1]
        for key in [name for name in indexes if name.startswith("fk_")]:
            indexes.pop(key)  # InnoDB's own index behind a foreign key that no index of ours covers
        keys = {(r["col"], r["ref_table"], r["ref_col"]) for r in db.rows(
            "SELECT column_name AS col, referenced_table_name AS ref_table, referenced_column_name AS ref_col"
            " FROM information_schema.key_column_usage WHERE table_schema = DATABASE() AND table_name = ?"
            " AND referenced_table_name IS NOT NULL", (table,))}
        shape[table] = {"columns": columns, "primary": primary, "indexes": indexes, "foreign": keys}
    return shape


@pytest.fixture(scope="module")
def shapes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("twins")
    sqlite_db, drop_sqlite = open_database("sqlite", folder)
    mysql_db, drop_mysql = open_database("mysql", folder)
    try:
        yield sqlite_shape(sqlite_db), mysql_shape(mysql_db)
    finally:
        drop_sqlite()
        drop_mysql()


def test_the_same_tables_hold_the_same_columns_stored_alike_and_equally_required(shapes):
    sqlite, mysql = shapes
    assert sorted(sqlite) == sorted(mysql)
    for table in sqlite:
        twin = {name: spec[:3] for name, spec in mysql[table]["columns"].items()}
        assert list(sqlite[table]["columns"]) == list(twin), table  # the same columns in the same order
        assert sqlite[table]["columns"] == twin, table


MEASURED = {"visits", "lab_tests", "lab_orders"}  # readings and lab values: not money


def test_every_amount_is_decimal_12_2_on_mysql_and_whole_cents_on_sqlite(shapes):
    sqlite, mysql = shapes
    money = {(table, name) for table in mysql for name, spec in mysql[table]["columns"].items()
             if spec[3].startswith("decimal") and not name.endswith("_rate") and table not in MEASURED}
    assert {("billing", "total_amount"), ("payments", "amount"), ("services", "cost"),
            ("doctors", "consultation_fee"), ("bill_items", "unit_price"), ("refunds", "amount"),
            ("deposits", "amount"), ("credit_notes", "amount")} <= money
    # a rate is a percentage to two places (kept in hundredths on SQLite, like money)
    assert mysql["billing"]["columns"]["tax_rate"][3] == "decimal(5,2)"
    assert sqlite["billing"]["columns"]["tax_rate"][0] == "INTEGER"
    for table, name in money:
        assert mysql[table]["columns"][name][3] == "decimal(12,2)", (table, name)
        assert sqlite[table]["columns"][name][0] == "INTEGER", (table, name)
    # the readings of a visit measured to one place: DECIMAL on MySQL, hundredths on SQLite, like money
    readings = {name for name, spec in mysql["visits"]["columns"].items() if spec[3].startswith("decimal")}
    assert readings == {"weight_kg", "height_cm", "temperature_c", "haemoglobin"}
    assert all(mysql["visits"]["columns"][name][3].endswith(",1)") for name in readings)
    assert all(sqlite["visits"]["columns"][name][0] == "INTEGER" for name in readings)
    # lab values and ranges: DECIMAL(10,2) on MySQL, hundredths on SQLite
    for table, name in (("lab_tests", "low"), ("lab_tests", "high"), ("lab_tests", "women_low"),
                        ("lab_tests", "women_high"), ("lab_orders", "result")):
        assert mysql[table]["columns"][name][3] == "decimal(10,2)" and sqlite[table]["columns"][name][0] == "INTEGER"


def test_the_same_keys_indexes_and_foreign_keys(shapes):
    sqlite, mysql = shapes
    for table in sqlite:
        assert sqlite[table]["primary"] == mysql[table]["primary"], table
        assert sqlite[table]["indexes"] == mysql[table]["indexes"], table
        assert sqlite[table]["foreign"] == mysql[table]["foreign"], table
    assert ("bill_id", "billing", "bill_id") in sqlite["payments"]["foreign"]
    assert sqlite["appointments"]["indexes"]["uq_appointments_doctor_slot"] == (
        True, ("doctor_id", "appt_date", "appt_time", "live_slot"))


def a_hospital(db) -> None:
    db.execute("INSERT INTO patients (patient_id, name, name_key, gender, birth_date, contact_no, registered_on)"
               " VALUES (1001, 'Asha Rao', 'asha rao', 'F', ?, '9000000001', ?)", (date(1996, 1, 1), date(2026, 11, 1)))
    db.execute("INSERT INTO admissions (patient_id, admitted_on) VALUES (1001, ?)", (date(2026, 11, 1),))
    db.execute("INSERT INTO departments (department_id, name, department_key) VALUES (1, 'ENT', 'ent')")
    db.execute("INSERT INTO doctors (doctor_id, name, name_key, specialization, contact_no, consultation_fee,"
               " department_id) VALUES (1, 'Meera Iyer', 'meera iyer', 'ENT', '9100000000', ?, 1)", (D("500"),))
    db.execute("INSERT INTO services (service_id, service_name, service_key, cost) VALUES (1, 'ECG', 'ecg', ?)",
               (D("250"),))
    db.execute("INSERT INTO billing (bill_id, patient_id, subtotal, total_amount, billing_date)"
               " VALUES (1, 1001, ?, ?, ?)", (D("250"), D("250"), date(2026, 11, 22)))
    db.execute("INSERT INTO users (user_id, login, full_name, password_hash, created_at)"
               " VALUES (1, 'ravi', 'Ravi Kumar', 'x', ?)", (OPENED,))
    db.execute("INSERT INTO shifts (shift_id, user_id, opened_at, opening_float) VALUES (1, 1, ?, ?)", (OPENED, D("0")))
    db.execute("INSERT INTO receipts (receipt_no, kind, issued_at) VALUES (1, 'payment', ?)", (OPENED,))
    db.execute("INSERT INTO appointments (appt_id, patient_id, doctor_id, appt_date, appt_time, status)"
               " VALUES (1, 1001, 1, ?, '09:00', 'completed')", (date(2026, 11, 22),))
    db.execute("INSERT INTO lab_tests (test_id, name, test_key, unit, low, high)"
               " VALUES (1, 'Haemoglobin', 'haemoglobin', 'g/dL', ?, ?)", (D("12"), D("17.5")))


OPENED = datetime(2026, 11, 22, 8, 0)


PATIENT = ("INSERT INTO patients (name, name_key, gender, birth_date, birth_estimated, contact_no, blood_group,"
           " registered_on) VALUES ('Ravi Kumar', 'ravi kumar', ?, ?, ?, '9000000002', ?, ?)")
STAY = "INSERT INTO admissions (patient_id, admitted_on, discharged_on) VALUES (?, ?, ?)"
VITAL = "INSERT INTO visits (appt_id, {}, recorded_at) VALUES (1, ?, ?)"
REFUSED_ROWS = {
    "gender X": (PATIENT, ("X", date(1980, 1, 1), 0, "", date(2026, 11, 1))),
    "birth estimated 2": (PATIENT, ("M", date(1980, 1, 1), 2, "", date(2026, 11, 1))),
    "blood group C+": (PATIENT, ("M", date(1980, 1, 1), 0, "C+", date(2026, 11, 1))),
    "no birth date": (PATIENT, ("M", None, 0, "", date(2026, 11, 1))),
    "discharge before admission": (STAY, (1001, date(2026, 11, 10), date(2026, 11, 9))),
    "fee of 0": ("INSERT INTO doctors (name, name_key, specialization, contact_no, consultation_fee, department_id)"
                 " VALUES ('Bala Das', 'bala das', 'ENT', '9100000001', ?, 1)", (D("0"),)),
    "doctor in no department": ("INSERT INTO doctors (name, name_key, specialization, contact_no, consultation_fee)"
                                " VALUES ('Bala Das', 'bala das', 'ENT', '9100000001', ?)", (D("300"),)),

    "price of 0": ("INSERT INTO services (service_name, service_key, cost) VALUES ('Free', 'free', ?)", (D("0"),)),
    "weekday 7": ("INSERT INTO doctor_hours (doctor_id, weekday, starts, ends) VALUES (1, 7, ?, ?)",
                  (time(9, 0), time(17, 0))),
    "hours ending before they start": ("INSERT INTO doctor_hours (doctor_id, weekday, starts, ends)"
                                       " VALUES (1, 0, ?, ?)", (time(17, 0), time(9, 0))),
    "hours with a start and no end": ("INSERT INTO doctor_hours (doctor_id, weekday, starts) VALUES (1, 0, ?)",
                                      (time(9, 0),)),
    "leave ending before it starts": ("INSERT INTO doctor_leave (doctor_id, first_day, last_day) VALUES (1, ?, ?)",
                                      (date(2026, 12, 10), date(2026, 12, 9))),
    "status unknown": ("INSERT INTO appointments (patient_id, doctor_id, appt_date, appt_time, status)"
                       " VALUES (1001, 1, ?, '10:00', 'lost')", (date(2026, 11, 23),)),
    "bill status unknown": ("INSERT INTO billing (bill_id, patient_id, subtotal, total_amount, billing_date, status)"
                            " VALUES (2, 1001, 0, 0, ?, 'open')", (date(2026, 11, 22),)),
    "negative total": ("INSERT INTO billing (bill_id, patient_id, subtotal, total_amount, billing_date)"
                       " VALUES (2, 1001, ?, ?, ?)", (D("1"), D("-1"), date(2026, 11, 22))),
    "quantity 0": ("INSERT INTO bill_items (bill_id, service_id, quantity, unit_price, line_total)"
                   " VALUES (1, 1, 0, ?, ?)", (D("250"), D("0"))),
    "payment of 0": ("INSERT INTO payments (bill_id, paid_on, method, amount) VALUES (1, ?, 'cash', ?)",
                     (date(2026, 11, 22), D("0"))),
    "payment method unknown": ("INSERT INTO payments (bill_id, paid_on, method, amount) VALUES (1, ?, 'barter', ?)",
                               (date(2026, 11, 22), D("1"))),
    "amount past DECIMAL(12,2)": ("INSERT INTO payments (bill_id, paid_on, method, amount) VALUES (1, ?, 'cash', ?)",
                                  (date(2026, 11, 22), D("10000000000.00"))),
    "negative amount past DECIMAL(12,2)": ("UPDATE services SET cost = ? WHERE service_id = 1",
                                           (D("-10000000000.00"),)),
    "role unknown": ("INSERT INTO user_roles (user_id, role) VALUES (1, 'nurse')", ()),
    "active neither 0 nor 1": ("UPDATE users SET active = 2 WHERE user_id = 1", ()),
    "negative float": ("INSERT INTO shifts (user_id, opened_at, opening_float, closed_at) VALUES (1, ?, ?, ?)",
                       (OPENED, D("-1"), OPENED)),
    "closed before opened": ("UPDATE shifts SET closed_at = ? WHERE shift_id = 1", (datetime(2026, 11, 22, 7, 0),)),
    "negative count": ("INSERT INTO shift_counts (shift_id, method, expected, counted) VALUES (1, 'cash', 0, ?)",
                       (D("-1"),)),
    "count of an unknown method": ("INSERT INTO shift_counts (shift_id, method, expected, counted)"
                                   " VALUES (1, 'barter', 0, 0)", ()),
    "receipt of an unknown kind": ("INSERT INTO receipts (receipt_no, kind, issued_at) VALUES (2, 'gift', ?)",
                                   (OPENED,)),
    "credit note of 0": ("INSERT INTO credit_notes (credit_id, bill_id, issued_on, issued_at, amount, whole_bill,"
                         " reason) VALUES (1, 1, ?, ?, 0, 1, 'x')", (OPENED.date(), OPENED)),
    "credit note neither whole nor part": ("INSERT INTO credit_notes (credit_id, bill_id, issued_on, issued_at, amount,"
                                           " whole_bill, reason) VALUES (1, 1, ?, ?, ?, 2, 'x')",
                                           (OPENED.date(), OPENED, D("1"))),
    "credited quantity 0": ("INSERT INTO credit_note_items (credit_id, service_id, quantity, amount)"
                            " VALUES (1, 1, 0, 0)", ()),
    "deposit of 0": ("INSERT INTO deposits (patient_id, receipt_no, received_on, received_at, method, amount)"
                     " VALUES (1001, 1, ?, ?, 'cash', 0)", (OPENED.date(), OPENED)),
    "deposit by an unknown method": ("INSERT INTO deposits (patient_id, receipt_no, received_on, received_at, method,"
                                     " amount) VALUES (1001, 1, ?, ?, 'barter', ?)", (OPENED.date(), OPENED, D("1"))),
    "deposit use of 0": ("INSERT INTO deposit_uses (patient_id, bill_id, receipt_no, used_on, used_at, amount)"
                         " VALUES (1001, 1, 1, ?, ?, 0)", (OPENED.date(), OPENED)),
    "refund of 0": ("INSERT INTO refunds (patient_id, receipt_no, refunded_on, refunded_at, method, amount, reason)"
                    " VALUES (1001, 1, ?, ?, 'cash', 0, 'x')", (OPENED.date(), OPENED)),
    "refund by an unknown method": ("INSERT INTO refunds (patient_id, receipt_no, refunded_on, refunded_at, method,"
                                    " amount, reason) VALUES (1001, 1, ?, ?, 'barter', ?, 'x')",
                                    (OPENED.date(), OPENED, D("1"))),
    "weight of 0.2 kg": (VITAL.format("weight_kg"), (D("0.2"), OPENED)),
    "height of 251 cm": (VITAL.format("height_cm"), (D("251"), OPENED)),
    "systolic of 301": (VITAL.format("bp_systolic"), (301, OPENED)),
    "diastolic of 19": (VITAL.format("bp_diastolic"), (19, OPENED)),
    "pulse of 251": (VITAL.format("pulse"), (251, OPENED)),
    "temperature of 29.9": (VITAL.format("temperature_c"), (D("29.9"), OPENED)),
    "haemoglobin of 25.1": (VITAL.format("haemoglobin"), (D("25.1"), OPENED)),
    "pregnant neither 0 nor 1": (VITAL.format("pregnant"), (2, OPENED)),
    "prescribed for 0 days": ("INSERT INTO prescriptions (appt_id, line_no, medicine, dosage, frequency, days)"
                              " VALUES (1, 1, 'Paracetamol', '500 mg', 'twice a day', 0)", ()),
    "treatment quantity 0": ("INSERT INTO treatments (appt_id, service_id, quantity, recorded_at)"
                             " VALUES (1, 1, 0, ?)", (OPENED,)),
    "a lab test with no range": ("INSERT INTO lab_tests (name, test_key, unit) VALUES ('Sodium', 'sodium', 'mmol/L')",
                                 ()),
    "a lab flag unknown": ("INSERT INTO lab_orders (appt_id, test_id, ordered_at, result, result_on, flag)"
                           " VALUES (1, 1, ?, ?, ?, 'odd')", (OPENED, D("9"), OPENED.date())),
    "a lab result without its day": ("INSERT INTO lab_orders (appt_id, test_id, ordered_at, result, flag)"
                                     " VALUES (1, 1, ?, ?, 'low')", (OPENED, D("9"))),
}


@pytest.mark.parametrize("rule", list(REFUSED_ROWS))
def test_each_rule_of_the_schema_refuses_the_same_row_on_both_engines(db, rule):
    a_hospital(db)
    sql, params = REFUSED_ROWS[rule]
    with pytest.raises(ChangeRefusedByDatabase, match="^the database refused the change"), db.transaction():
        db.execute(sql, params)
    assert db.scalar("SELECT count(*) FROM patients") == 1 and db.scalar("SELECT count(*) FROM payments") == 0
    assert db.scalar("SELECT count(*) FROM billing") == 1 and db.to_money(
        db.scalar("SELECT cost FROM services WHERE service_id = 1")) == D("250.00")
    assert db.table("SELECT active FROM users")[1] == [(1,)] and db.scalar("SELECT count(*) FROM user_roles") == 0
    assert db.table("SELECT shift_id, closed_at FROM shifts")[1] == [(1, None)]
    assert db.scalar("SELECT count(*) FROM shift_counts") == 0
    assert sum(db.scalar(f"SELECT count(*) FROM {table}") for table in ("visits", "prescriptions", "treatments",
                                                                        "lab_orders")) == 0
    assert db.scalar("SELECT count(*) FROM lab_tests") == 1


def test_a_department_is_one_of_its_name_and_a_doctor_is_in_one_on_record_on_both_engines(db):
    from hospital_mgmt.domain.errors import StillReferenced, UnknownReference
    from hospital_mgmt.storage.database import DuplicateKey
    a_hospital(db)  # department 1 is ENT
    with pytest.raises(DuplicateKey) as refused:
        db.execute("INSERT INTO departments (name, department_key) VALUES ('E.N.T.', 'ent')")
    assert refused.value.key == "uq_departments_key"
    with pytest.raises(UnknownReference):
        db.execute("INSERT INTO doctors (name, name_key, specialization, contact_no, consultation_fee, department_id)"
                   " VALUES ('Bala Das', 'bala das', 'ENT', '9100000001', ?, 99)", (D("300"),))
    with pytest.raises(StillReferenced):
        db.execute("DELETE FROM departments WHERE department_id = 1")  # Meera Iyer is in it
    assert db.table("SELECT department_id, name FROM departments")[1] == [(1, "ENT")]
    assert db.scalar("SELECT count(*) FROM doctors") == 1


def test_one_open_stay_per_patient_and_none_of_no_one_on_both_engines(db):
    from hospital_mgmt.domain.errors import UnknownReference
    from hospital_mgmt.storage.database import DuplicateKey
    a_hospital(db)  # 1001 is in the hospital since 2026-11-01
    with pytest.raises(DuplicateKey) as refused:
        db.execute(STAY, (1001, date(2026, 11, 10), None))
    assert refused.value.key == "uq_admissions_open"
    with pytest.raises(UnknownReference):
        db.execute(STAY, (4242, date(2026, 11, 10), None))
    db.execute("UPDATE admissions SET discharged_on = ? WHERE patient_id = 1001", (date(2026, 11, 5),))
    db.execute(STAY, (1001, date(2026, 11, 10), None))  # once discharged, a new stay may open
    stays = [(db.to_date(row[0]), db.to_date(row[1]))
             for row in db.table("SELECT admitted_on, discharged_on FROM admissions ORDER BY admission_id")[1]]
    assert stays == [(date(2026, 11, 1), date(2026, 11, 5)), (date(2026, 11, 10), None)]


def test_one_open_shift_per_cashier_and_one_user_per_login_on_both_engines(db):
    from hospital_mgmt.storage.database import DuplicateKey
    a_hospital(db)
    with pytest.raises(DuplicateKey) as refused:
        db.execute("INSERT INTO shifts (user_id, opened_at, opening_float) VALUES (1, ?, 0)", (OPENED,))
    assert refused.value.key == "uq_shifts_open_user"
    db.execute("UPDATE shifts SET closed_at = ? WHERE shift_id = 1", (OPENED,))
    db.execute("INSERT INTO shifts (user_id, opened_at, opening_float) VALUES (1, ?, 0)", (OPENED,))  # a new one
    with pytest.raises(DuplicateKey) as refused:
        db.execute("INSERT INTO users (login, full_name, password_hash, created_at) VALUES ('ravi', 'R', 'x', ?)",
                   (OPENED,))
    assert refused.value.key == "uq_users_login"


def test_the_largest_amount_is_kept_to_the_cent_and_one_cent_more_is_out_of_range(db):
    a_hospital(db)
    db.execute("INSERT INTO payments (bill_id, paid_on, method, amount) VALUES (1, ?, 'cash', ?)",
               (date(2026, 11, 22), D("9999999999.99")))
    assert db.to_money(db.scalar("SELECT amount FROM payments")) == D("9999999999.99")
    with pytest.raises(ChangeRefusedByDatabase, match=r"out of range\)$"):
        db.execute("UPDATE payments SET amount = ?", (D("10000000000.00"),))
    assert db.to_money(db.scalar("SELECT amount FROM payments")) == D("9999999999.99")


def test_a_server_that_would_cut_values_to_fit_still_refuses_them(private_mariadb, tmp_path):
    """A server whose own sql_mode is not strict would store 9,999,999,999.99 for 10,000,000,000
    with a warning; the application's sessions set a strict mode of their own."""
    import uuid

    from hospital_mgmt.operations.context import open_context
    from tests.conftest import make_settings
    name = f"hms_test_{uuid.uuid4().hex[:12]}"
    admin = private_mariadb.connect()
    admin.cmd_query("SET GLOBAL sql_mode = ''")
    try:
        ctx = open_context(make_settings(tmp_path, **private_mariadb.env(name)), create=True)
        try:
            ctx.db.create_schema()
            a_hospital(ctx.db)
            with pytest.raises(ChangeRefusedByDatabase, match=r"\(the cost is out of range\)$"):
                ctx.db.execute("UPDATE services SET cost = ? WHERE service_id = 1", (D("10000000000.00"),))
            assert ctx.db.to_money(ctx.db.scalar("SELECT cost FROM services")) == D("250.00")
        finally:
            ctx.db.execute(f"DROP DATABASE IF EXISTS `{name}`")
            ctx.close()
    finally:
        admin.cmd_query("SET GLOBAL sql_mode = DEFAULT")
        admin.close()


def test_an_amount_with_more_than_two_places_is_stored_rounded_half_up_on_both_engines(db):
    a_hospital(db)
    for typed, kept in (("100.005", "100.01"), ("100.004", "100.00"), ("0.125", "0.13")):
        db.execute("UPDATE services SET cost = ? WHERE service_id = 1", (D(typed),))
        assert db.to_money(db.scalar("SELECT cost FROM services WHERE service_id = 1")) == D(kept), typed


# Each CHECK of the MySQL schema, and the row above that it refuses (its twin in SQLite refuses it too).
CHECK_CASES = {
    "ck_patients_gender": "gender X", "ck_patients_birth_estimated": "birth estimated 2",
    "ck_patients_blood_group": "blood group C+", "ck_admissions_stay": "discharge before admission",
    "ck_doctors_fee": "fee of 0", "ck_services_cost": "price of 0", "ck_appointments_status": "status unknown",
    "ck_doctor_hours_weekday": "weekday 7", "ck_doctor_hours_span": "hours ending before they start",
    "ck_doctor_leave_days": "leave ending before it starts",
    "ck_billing_status": "bill status unknown", "ck_billing_amounts": "negative total",
    "ck_bill_items_quantity": "quantity 0", "ck_payments_amount": "payment of 0",
    "ck_payments_method": "payment method unknown", "ck_users_active": "active neither 0 nor 1",
    "ck_user_roles_role": "role unknown", "ck_shifts_float": "negative float",
    "ck_shifts_closed": "closed before opened",
    "ck_shift_counts_counted": "negative count", "ck_shift_counts_method": "count of an unknown method",
    "ck_receipts_kind": "receipt of an unknown kind", "ck_credit_notes_amount": "credit note of 0",
    "ck_credit_notes_whole": "credit note neither whole nor part",
    "ck_credit_note_items_quantity": "credited quantity 0",
    "ck_deposits_amount": "deposit of 0", "ck_deposits_method": "deposit by an unknown method",
    "ck_deposit_uses_amount": "deposit use of 0", "ck_refunds_amount": "refund of 0",
    "ck_refunds_method": "refund by an unknown method",
    "ck_visits_weight": "weight of 0.2 kg", "ck_visits_height": "height of 251 cm",
    "ck_visits_bp_systolic": "systolic of 301", "ck_visits_bp_diastolic": "diastolic of 19",
    "ck_visits_pulse": "pulse of 251", "ck_visits_temperature": "temperature of 29.9",
    "ck_visits_haemoglobin": "haemoglobin of 25.1", "ck_visits_pregnant": "pregnant neither 0 nor 1",
    "ck_prescriptions_days": "prescribed for 0 days", "ck_treatments_quantity": "treatment quantity 0",
    "ck_lab_tests_range": "a lab test with no range", "ck_lab_orders_flag": "a lab flag unknown",
    "ck_lab_orders_result": "a lab result without its day",
}


def test_every_check_of_either_schema_has_its_twin_and_a_row_it_refuses(tmp_path):
    sqlite_db, drop_sqlite = open_database("sqlite", tmp_path)
    mysql_db, drop_mysql = open_database("mysql", tmp_path)
    try:
        checks = mysql_db.table("SELECT table_name, constraint_name FROM information_schema.check_constraints"
                                " WHERE constraint_schema = DATABASE()")[1]
        assert {name for _, name in checks} == set(CHECK_CASES)
        assert set(CHECK_CASES.values()) <= set(REFUSED_ROWS)
        for table in sqlite_db.table_columns():
            sql = sqlite_db.scalar("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,))
            assert sql.count("CHECK (") == sum(1 for t, _ in checks if t == table), table
    finally:
        drop_sqlite()
        drop_mysql()


@pytest.mark.parametrize("engine", ["sqlite", "mysql"])
def test_the_schema_files_hold_the_summary_triggers_as_storage_summaries_writes_them(engine):
    """The triggers are generated from one definition of each figure; a DBA's schema.sql has the same."""
    from hospital_mgmt.storage import summaries
    from hospital_mgmt.storage.migrations import SCHEMA_FILES, SQL_FOLDER
    text = (SQL_FOLDER / SCHEMA_FILES[engine]).read_text(encoding="utf-8")
    assert summaries.schema_section(engine) in text
    assert text.count("CREATE TRIGGER sum_") == len(summaries.trigger_names()) == 30
