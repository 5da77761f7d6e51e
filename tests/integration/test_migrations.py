"""A database made before this version (schema 0, the demo data in it) is brought up to date in
place on both engines, its data untouched, until it is the same as a database created new."""
import csv
import unicodedata
import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.errors import ChangeRefusedByDatabase, DatabaseNotEmpty
from hospital_mgmt.domain.patient import age_between
from hospital_mgmt.domain.period import Period
from hospital_mgmt.domain.validation import name_grams, name_key, phone_digits
from hospital_mgmt.domain.visit import Medicine, Vitals
from hospital_mgmt.log_setup import configure
from hospital_mgmt.operations import appointments, billing, doctors, visits
from hospital_mgmt.operations.context import open_context
from hospital_mgmt.storage import analytics, migrations, seed_loader, summaries
from hospital_mgmt.storage.database import DuplicateKey
from hospital_mgmt.storage.mysql_engine import _statements
from hospital_mgmt.storage.seed_loader import load_seed
from tests.conftest import MYSQL_ENV, at_once, make_settings, open_database, require_mysql
from tests.support import context_for

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NOW = datetime(2026, 11, 22, 8, 0)
TABLES = ["doctors", "services", "appointments", "billing", "bill_items", "payments", "counters"]


@pytest.fixture
def old(engine, tmp_path):
    """A database at schema 0 holding the demo data, and settings that name it."""
    if engine == "sqlite":
        from hospital_mgmt.storage.sqlite_engine import SQLiteDatabase
        path = tmp_path / "old.db"
        db = SQLiteDatabase.open(path, create=True)
        db.connection.executescript((FIXTURES / "schema_v0_sqlite.sql").read_text(encoding="utf-8"))
        settings = make_settings(tmp_path, SQLITE_PATH=str(path))
    else:
        require_mysql()
        from hospital_mgmt.storage.mysql_engine import MySQLDatabase
        settings = make_settings(tmp_path, **MYSQL_ENV, DB_NAME=f"hms_test_{uuid.uuid4().hex[:12]}")
        db = MySQLDatabase.open(settings, create=True)
        for statement in _statements((FIXTURES / "schema_v0_mysql.sql").read_text(encoding="utf-8")):
            db.execute(statement)
    load_old_seed(db)
    yield db, settings
    if engine == "mysql":
        db.execute(f"DROP DATABASE IF EXISTS `{settings.db_name}`")
    db.close()


def load_old_seed(db) -> None:
    """The demo data as a database before version 5 held it: each patient's age when they came,
    the admission date set at registration, and a discharge date (the day they came, for those who
    came and went; none for those still in)."""
    with db.transaction():
        db.executemany("INSERT INTO patients (patient_id, name, name_key, age, gender, contact_no, admission_date,"
                       " discharge_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", OLD_PATIENTS)
        seed_loader._load_table(db, "services", seed_loader.SEED_DIR / "services.csv")
        db.executemany("INSERT INTO doctors (doctor_id, name, name_key, specialization, contact_no, consultation_fee)"
                       " VALUES (?, ?, ?, ?, ?, ?)", OLD_DOCTORS)  # before departments
        for table in ("appointments", "billing", "bill_items", "payments"):
            seed_loader._load_table(db, table, seed_loader.SEED_DIR / f"{table}.csv")
        db.execute("UPDATE counters SET last_value = (SELECT max(bill_id) FROM billing) WHERE name = 'bill'")


def _old_patients() -> list[tuple]:
    stays = {int(row["patient_id"]): row for row in _seed_rows("admissions")}
    rows = []
    for row in _seed_rows("patients"):
        came, stay = date.fromisoformat(row["registered_on"]), stays.get(int(row["patient_id"]))
        age = age_between(date.fromisoformat(row["birth_date"]), came)
        left = came if stay is None else (date.fromisoformat(stay["discharged_on"]) if stay["discharged_on"] else None)
        old_key = " ".join(unicodedata.normalize("NFKD", row["name"].casefold()).encode("ascii", "ignore")
                           .decode().split())  # as it was: apostrophes and hyphens kept
        rows.append((int(row["patient_id"]), row["name"], old_key, age, row["gender"], row["contact_no"], came, left))
    return rows


def _seed_rows(table: str) -> list[dict]:
    with open(seed_loader.SEED_DIR / f"{table}.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


OLD_PATIENTS = _old_patients()
OLD_DOCTORS = [(int(row["doctor_id"]), row["name"], name_key(row["name"]), row["specialization"], row["contact_no"],
                Decimal(row["consultation_fee"])) for row in _seed_rows("doctors")]


def contents(db) -> dict[str, list]:
    order = {"counters": "name", "bill_items": "bill_id, service_id"}
    return {table: [tuple(row) for row in db.table(f"SELECT * FROM {table} ORDER BY {order.get(table, 1)}")[1]]
            for table in TABLES}


def shape(db) -> dict:
    columns = db.table_columns()
    return {table: (columns[table], sorted(db.index_names(table))) for table in columns}


def test_an_old_database_is_migrated_to_the_shape_of_a_new_one_with_every_record_kept(old, engine, tmp_path):
    db, _ = old
    before = contents(db)
    assert migrations.version(db) == 0
    assert [m.version for m in migrations.migrate(db, NOW)] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    assert migrations.version(db) == migrations.LATEST == 12
    new, drop = open_database(engine, tmp_path)
    try:
        assert shape(db) == shape(new)
        assert db.trigger_names() == new.trigger_names() == {"audit_no_update", "audit_no_delete",
                                                             *summaries.trigger_names()}
        assert migrations.version(new) == 12
    finally:
        drop()
    after = contents(db)
    unchanged = [t for t in after if t not in migrations.KEYED_TABLES and t not in ("bill_items", "counters",
                                                                                     "doctors")]
    department_of = {name: department
                     for department, name in db.table("SELECT department_id, name FROM departments")[1]}
    assert sorted(department_of) == sorted({row[3] for row in before["doctors"]}) and len(department_of) == 20
    assert after["doctors"] == [row + (department_of[row[3]],) for row in before["doctors"]]  # + its department
    assert {t: after[t] for t in unchanged} == {t: before[t] for t in unchanged}
    assert after["counters"] == [("bill", 1200), ("credit", 0), ("receipt", 0)]
    added = {"payments": (None, None, None, None, "", None, None),  # + request key, shift, cashier, receipt...
             "billing": (None, None, None, None),  # + request key, tax rate, finalized at and by
             "appointments": (None, None, None, None)}  # + request key, token number, arrived and called at
    for table in migrations.KEYED_TABLES[1:]:  # the same rows, each with an empty request key at the end
        assert after[table] == [row + added.get(table, (None,)) for row in before[table]], table
    assert_patients_migrated(db)
    assert after["bill_items"] == [row + (0,) for row in before["bill_items"]]  # line order unknown: 0
    assert len(after["billing"]) == 1200 and len(after["payments"]) == 1188
    for table in ("users", "user_roles", "audit", "shifts", "shift_counts", *migrations.CHECKOUT_TABLES, "api_tokens",
                  "doctor_hours", "doctor_leave"):
        assert db.scalar(f"SELECT count(*) FROM {table}") == 0, table


def assert_patients_migrated(db) -> None:
    """Every patient kept with an estimated birth year for the age, the day they first came, their
    name keyed anew; a stay for each record that had a discharge; nobody left 'still admitted'."""
    first_seen = dict(db.table(
        "SELECT patient_id, MIN(day) FROM (SELECT patient_id, appt_date AS day FROM appointments"
        " UNION ALL SELECT patient_id, billing_date FROM billing) AS seen GROUP BY patient_id")[1])
    expected, stays = [], []
    for patient_id, name, _, age, gender, contact, came, left in OLD_PATIENTS:
        seen = min(came, db.to_date(first_seen[patient_id])) if patient_id in first_seen else came
        expected.append((patient_id, name, name_key(name), gender, date(came.year - age, 1, 1), 1, contact, "", "",
                         "", "", seen, None))
        if left is not None:
            stays.append((patient_id, came, left, "", ""))
    rows = db.table(f"SELECT {migrations.PATIENT_COLUMNS_V5} FROM patients ORDER BY patient_id")[1]
    assert [tuple(db.to_date(v) if i in (4, 11) else v for i, v in enumerate(row)) for row in rows] == expected
    stored = db.table("SELECT patient_id, admitted_on, discharged_on, ward, reason FROM admissions"
                      " ORDER BY admission_id")[1]
    assert [(p, db.to_date(a), db.to_date(d), w, r) for p, a, d, w, r in stored] == stays
    assert 0 < len(stays) < len(expected) and db.scalar("SELECT count(*) FROM admissions WHERE open_stay = 1") == 0
    assert db.scalar("SELECT name_key FROM patients WHERE name = ?", ("Seán O'Brien",)) == "sean obrien"
    assert db.scalar("SELECT count(*) FROM patients WHERE merged_into IS NOT NULL") == 0
    tails = db.table("SELECT contact_no, phone_tail FROM patients")[1]
    assert tails and all(tail == phone_digits(contact)[-10:][::-1] for contact, tail in tails)
    _, grams = db.table("SELECT gram, patient_id FROM patient_name_grams")
    _, names = db.table("SELECT patient_id, name_key FROM patients")
    assert set(map(tuple, grams)) == {(gram, patient_id) for patient_id, key in names for gram in name_grams(key)}


def test_version_6_keeps_every_appointment_and_its_state_and_takes_check_ins_and_tokens(old):
    """From version 5: appointments keep their ids, states and slots (the SQLite table is made
    again); afterwards a check-in with a token, the new states and the token's uniqueness work."""
    db, _ = old
    migrations.migrate_to(db, NOW, 5)
    columns = migrations.APPOINTMENT_COLUMNS_V5
    before = db.table(f"SELECT {columns} FROM appointments ORDER BY appt_id")[1]
    live_before = db.scalar("SELECT count(*) FROM appointments WHERE live_slot = 1")
    assert [m.version for m in migrations.migrate(db, NOW)] == [6, 7, 8, 9, 10, 11, 12]
    assert db.table(f"SELECT {columns} FROM appointments ORDER BY appt_id")[1] == before
    assert db.scalar("SELECT count(*) FROM appointments WHERE live_slot = 1") == live_before
    assert db.scalar("SELECT count(*) FROM appointments WHERE token_no IS NOT NULL") == 0
    first, second = (row[0] for row in db.table("SELECT appt_id FROM appointments WHERE status = 'scheduled'"
                                                " AND doctor_id = (SELECT doctor_id FROM appointments"
                                                " WHERE status = 'scheduled' GROUP BY doctor_id, appt_date"
                                                " HAVING count(*) > 1 ORDER BY doctor_id LIMIT 1)"
                                                " ORDER BY appt_date, appt_id LIMIT 2")[1])
    db.execute("UPDATE appointments SET status = 'arrived', token_no = 1, arrived_at = ? WHERE appt_id = ?",
               (NOW, first))
    same_day = db.scalar("SELECT appt_date FROM appointments WHERE appt_id = ?", (first,))
    db.execute("UPDATE appointments SET appt_date = ? WHERE appt_id = ?", (same_day, second))
    with pytest.raises(DuplicateKey) as refused:
        db.execute("UPDATE appointments SET status = 'in_consultation', token_no = 1 WHERE appt_id = ?", (second,))
    assert refused.value.key == "uq_appointments_token"
    assert db.scalar("SELECT live_slot FROM appointments WHERE appt_id = ?", (first,)) == 1
    new_id = db.insert("INSERT INTO appointments (patient_id, doctor_id, appt_date, appt_time) VALUES (?, ?, ?, ?)",
                       (1001, 1, date(2027, 1, 4), "09:00" if db.engine == "sqlite" else "09:00:00"))
    assert new_id > max(row[0] for row in before)


def test_a_patient_readmitted_before_the_migration_keeps_the_day_they_first_came(old):
    db, _ = old
    patient_id, first_visit = db.table(
        "SELECT patient_id, MIN(day) FROM (SELECT patient_id, appt_date AS day FROM appointments UNION ALL"
        " SELECT patient_id, billing_date FROM billing) AS seen GROUP BY patient_id ORDER BY patient_id LIMIT 1")[1][0]
    readmitted = db.to_date(first_visit) + timedelta(days=30)  # re-admission had moved the admission date on
    db.execute("UPDATE patients SET admission_date = ?, discharge_date = NULL WHERE patient_id = ?",
               (readmitted, patient_id))
    migrations.migrate(db, NOW)
    assert db.to_date(db.scalar("SELECT registered_on FROM patients WHERE patient_id = ?", (patient_id,))) == \
        db.to_date(first_visit)
    assert db.scalar("SELECT count(*) FROM admissions WHERE patient_id = ?", (patient_id,)) == 0


def test_a_migrated_database_keeps_request_keys_unique_and_takes_new_records(old):
    db, _ = old
    migrations.migrate(db, NOW)
    db.execute("UPDATE payments SET request_key = ? WHERE payment_id = 1", ("k-1",))
    with pytest.raises(DuplicateKey) as refused:
        db.execute("UPDATE payments SET request_key = ? WHERE payment_id = 2", ("k-1",))
    assert refused.value.key == "uq_payments_request_key"
    assert db.table("SELECT name FROM write_locks ORDER BY name")[1] == [("doctors",), ("patients",), ("services",),
                                                                         ("users",)]
    with pytest.raises(DatabaseNotEmpty):
        load_seed(db)


def test_migrating_again_changes_nothing_and_a_migration_cut_short_is_finished(old):
    db, _ = old
    db.execute("ALTER TABLE patients ADD COLUMN request_key " + migrations.DDL[db.engine]["request_key"])
    db.execute("CREATE UNIQUE INDEX uq_patients_request_key ON patients (request_key)")  # as if it stopped here
    assert [m.version for m in migrations.migrate(db, NOW)] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    assert migrations.migrate(db, NOW) == []
    assert db.table("SELECT version FROM schema_migrations ORDER BY version")[1] == [(n,) for n in range(1, 13)]
    assert all("request_key" in db.table_columns()[table] for table in migrations.KEYED_TABLES)


def test_the_staff_migration_cut_short_after_its_first_tables_is_finished_on_the_next_start(old, engine, tmp_path):
    db, _ = old
    migrations.migrate_to(db, NOW, 1)
    for _, create in migrations.STAFF_TABLES[db.engine][:2]:  # users and user_roles made, then it stopped
        db.execute(create)
    db.execute("CREATE UNIQUE INDEX uq_users_login ON users (login)")
    assert [m.version for m in migrations.migrate(db, NOW)] == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    new, drop = open_database(engine, tmp_path)
    try:
        assert shape(db) == shape(new) and db.trigger_names() == new.trigger_names()
    finally:
        drop()


def test_the_audit_table_of_a_migrated_database_refuses_changes_and_removals(old):
    from hospital_mgmt.domain.errors import ChangeRefusedByDatabase
    db, _ = old
    migrations.migrate(db, NOW)
    db.execute("INSERT INTO audit (happened_at, login, host, process, operation, record, summary, changes)"
               " VALUES (?, 'system', 'desk', 'pid 1', 'patient.update', '1001', 'patient 1001 updated', '')", (NOW,))
    for statement in ("UPDATE audit SET summary = 'nothing happened'", "DELETE FROM audit"):
        with pytest.raises(ChangeRefusedByDatabase, match=r"\(the audit trail is append-only\)$"):
            db.execute(statement)
    assert db.table("SELECT login, record, summary FROM audit")[1] == [("system", "1001", "patient 1001 updated")]


def test_two_terminals_opening_an_old_database_at_once_migrate_it_once(old, settings_for):
    db, _ = old
    results = at_once(settings_for(db), 2,
                      lambda connection, n: [m.version for m in migrations.migrate(connection, NOW)])
    assert sorted(map(str, results)) == ["[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]", "[]"], results
    assert db.table("SELECT version FROM schema_migrations ORDER BY version")[1] == [(n,) for n in range(1, 13)]


def test_the_application_upgrades_an_old_database_when_it_opens_it_and_says_so_in_the_log(old):
    db, settings = old
    configure(settings.log_file)
    with open_context(settings) as ctx:
        assert migrations.version(ctx.db) == 12
    lines = settings.log_file.read_text(encoding="utf-8").splitlines()
    assert lines[-1].endswith("database upgraded to schema version 12: each patient's completed visits by month and"
                              " year, for the patients seen and the follow-ups [system]")
    lines = lines[:-1]
    assert lines[-1].endswith("database upgraded to schema version 11: the doctors' and services' summaries by"
                              " month and year, for reports over whole months and years [system]")
    lines = lines[:-1]
    assert lines[-1].endswith("database upgraded to schema version 10: the clinical record of a visit: notes and"
                              " vitals, prescriptions, treatments to bill, lab tests [system]")
    lines = lines[:-1]
    assert lines[-1].endswith("database upgraded to schema version 9: departments, one per specialization on record;"
                              " every doctor in one [system]")
    lines = lines[:-1]
    assert lines[-1].endswith("database upgraded to schema version 8: daily summaries kept by triggers, for reports"
                              " over long periods; open bills by day [system]")
    lines = lines[:-1]
    assert lines[-1].endswith("database upgraded to schema version 7: phone numbers, similar names and names by"
                              " their runs of three found by index; merged records out of the name index's way"
                              " [system]")
    assert lines[-2].endswith("database upgraded to schema version 6: check-in with token numbers; doctors' working"
                              " weeks and leave; merged duplicate patients [system]")
    assert lines[-3].endswith("database upgraded to schema version 5: dates of birth, e-mail, address, city and"
                              " blood group; admissions apart from registrations [system]")
    assert lines[-4].endswith("database upgraded to schema version 4: sign-in tokens for the HTTP API [system]")
    assert lines[-5].endswith("database upgraded to schema version 3: receipts, credit notes and refunds, deposits;"
                              " a bill's tax rate, cashier and line order [system]")
    assert lines[-7].endswith("database upgraded to schema version 1: request keys for exactly-once writes;"
                              " write locks for imports and registrations [system]")
    assert lines[-6].endswith("database upgraded to schema version 2: staff accounts and roles, the audit table,"
                              " cashiers' shifts [system]")
    with open_context(settings):
        pass
    assert len(settings.log_file.read_text(encoding="utf-8").splitlines()) == len(lines) + 5  # the five cut off


def test_a_bill_made_before_receipts_keeps_its_state_and_old_payments_and_takes_receipts_and_credits(old):
    from decimal import Decimal as D

    from hospital_mgmt.domain.billing import BillState, PaymentMethod
    from hospital_mgmt.operations import billing, checkout, documents
    from hospital_mgmt.operations.context import Context, FixedClock
    db, settings = old
    migrations.migrate(db, NOW)
    ctx = Context(settings, db, FixedClock(NOW))
    part_paid = db.scalar("SELECT b.bill_id FROM billing b JOIN payments p ON p.bill_id = b.bill_id"
                          " WHERE b.status = 'unpaid' ORDER BY b.bill_id LIMIT 1")
    bill = billing.get_bill(ctx, part_paid)
    assert bill.state == BillState.PART_PAID and bill.amount_paid > 0 and bill.finalized_at is None
    [old_payment] = billing.bill_details(ctx, part_paid).payments
    assert old_payment.receipt_no is None
    [path] = documents.print_invoice(ctx, part_paid)
    text = path.read_text(encoding="utf-8")
    assert f"Paid {old_payment.amount:,.2f} INR by {old_payment.method.label} on {old_payment.paid_on}" in text
    assert "Tax (" not in text and "Billed by" not in text  # the rate and the cashier were not kept then
    paid = billing.record_payment(ctx, part_paid, bill.balance, PaymentMethod.CASH)
    assert (paid.receipt.code, paid.bill.state) == ("R0001", BillState.PAID)
    credited = checkout.issue_credit_note(ctx, part_paid, "Charged in error")
    assert (credited.note.code, credited.note.refund.amount, credited.bill.state) == (
        "C001", bill.total_amount, BillState.CREDITED)
    assert credited.note.refund.amount == old_payment.amount + bill.balance == D(credited.bill.refunded)


def test_the_name_runs_of_version_7_cut_short_are_finished_whole(old):
    db, _ = old
    migrations.migrate_to(db, NOW, 6)
    for statement in migrations.schema_statements(db.engine, ["patient_name_grams"]):
        db.execute(statement)
    _, names = db.table("SELECT patient_id, name_key FROM patients ORDER BY patient_id LIMIT 3")
    written = [(gram, patient_id) for patient_id, key in names for gram in sorted(name_grams(key))]
    db.executemany("INSERT INTO patient_name_grams (gram, patient_id) VALUES (?, ?)", written[:-2])  # it stopped
    assert [m.version for m in migrations.migrate(db, NOW)] == [7, 8, 9, 10, 11, 12]
    _, grams = db.table("SELECT gram, patient_id FROM patient_name_grams")
    _, names = db.table("SELECT patient_id, name_key FROM patients")
    assert set(map(tuple, grams)) == {(gram, patient_id) for patient_id, key in names for gram in name_grams(key)}


def assert_summaries_exact(db) -> None:
    assert summaries.differences(db) == {summary.table: [] for summary in summaries.SUMMARIES}


def test_version_8_sums_the_data_already_there_and_keeps_the_sums_as_it_changes(old):
    """From version 7: the summaries hold every bill, visit and registration of the demo data,
    equal to a recomputation; afterwards a booking, a completion and a void change them."""
    db, _ = old
    migrations.migrate_to(db, NOW, 7)
    assert [m.version for m in migrations.migrate(db, NOW)] == [8, 9, 10, 11, 12]
    assert_summaries_exact(db)
    live_bills = db.scalar("SELECT count(*) FROM billing WHERE status <> 'void'")
    assert db.scalar("SELECT SUM(bills) FROM summary_bill_day") == live_bills == 1173  # of 1,200
    assert db.scalar("SELECT SUM(visits_open + visits_completed + visits_cancelled + visits_no_show)"
                     " FROM summary_day") == 2000
    assert db.scalar("SELECT SUM(registered) FROM summary_day") == 600
    assert "ix_billing_open" in db.index_names("billing")
    day = date(2027, 1, 4)
    appt = db.insert("INSERT INTO appointments (patient_id, doctor_id, appt_date, appt_time) VALUES (?, ?, ?, ?)",
                     (1001, 1, day, "09:00" if db.engine == "sqlite" else "09:00:00"))
    assert db.table("SELECT visits_open, visits_completed FROM summary_doctor_day WHERE day = ? AND doctor_id = 1",
                    (day,))[1] == [(1, 0)]
    db.execute("UPDATE appointments SET status = 'completed' WHERE appt_id = ?", (appt,))
    assert db.table("SELECT visits_open, visits_completed FROM summary_day WHERE day = ?", (day,))[1] == [(0, 1)]
    voided = db.scalar("SELECT MIN(bill_id) FROM billing WHERE status = 'unpaid'")
    db.execute("UPDATE billing SET status = 'void' WHERE bill_id = ?", (voided,))
    assert db.scalar("SELECT SUM(bills) FROM summary_bill_day") == live_bills - 1
    assert_summaries_exact(db)


def test_the_summaries_of_version_8_cut_short_are_computed_again_whole(old):
    """MySQL commits each CREATE as it goes: the tables and half the triggers made, then it stopped."""
    db, _ = old
    migrations.migrate_to(db, NOW, 7)
    for statement in migrations.schema_statements(db.engine, [s.table for s in summaries.SUMMARIES]):
        db.execute(statement)
    for statement in summaries.trigger_statements(db.engine)[:20]:
        db.execute(statement)
    db.execute("INSERT INTO summary_day (day, registered) VALUES (?, 5)", (date(2025, 1, 1),))  # half a rebuild
    assert [m.version for m in migrations.migrate(db, NOW)] == [8, 9, 10, 11, 12]
    assert set(summaries.trigger_names()) <= db.trigger_names()
    assert_summaries_exact(db)


def test_version_9_puts_each_doctor_in_the_department_of_their_specialization_and_keeps_booking(old):
    """From version 8: one department per specialization however written (`ENT` and `E.N.T.` are
    one; a specialization with no letter goes to General); every doctor kept and in one; the
    column then required; booking, reports and a new doctor work on the migrated database."""
    db, settings = old
    migrations.migrate_to(db, NOW, 8)
    for name, specialization in (("Kiran Das", "E.N.T."), ("Asif Khan", "--")):
        db.execute("INSERT INTO doctors (name, name_key, specialization, contact_no, consultation_fee)"
                   " VALUES (?, ?, ?, '9100000099', 500)", (name, name_key(name), specialization))
    before = db.table("SELECT doctor_id, name, specialization, consultation_fee FROM doctors ORDER BY doctor_id")[1]
    assert [m.version for m in migrations.migrate(db, NOW)] == [9, 10, 11, 12]
    after = db.table("SELECT d.doctor_id, d.name, d.specialization, d.consultation_fee, p.name FROM doctors d"
                     " JOIN departments p ON p.department_id = d.department_id ORDER BY d.doctor_id")[1]
    assert [row[:4] for row in after] == before and len(after) == 252
    assert after[-2][4] == "ENT" and after[-1][4] == "General"
    assert all(row[4] == row[2] for row in after[:-2])
    assert db.scalar("SELECT count(*) FROM departments") == 21
    with pytest.raises(ChangeRefusedByDatabase):  # NOT NULL now
        db.execute("INSERT INTO doctors (name, name_key, specialization, contact_no, consultation_fee)"
                   " VALUES ('No Dept', 'no dept', 'ENT', '9100000098', 500)")
    ctx = context_for(db, settings)
    ent = db.scalar("SELECT department_id FROM doctors WHERE doctor_id = ?", (after[-2][0],))
    added = doctors.add_doctor(ctx, Doctor("Leela Menon", "9100000097", specialization="ent", consultation_fee="400"))
    assert added.department_id == ent and added.doctor_id is not None  # ENT's, not a new one
    appointments.book_appointment(ctx, 1001, added.doctor_id, date(2027, 1, 4), time(10, 0))
    load = {row[1]: row for row in analytics.department_load(db, Period(date(2027, 1, 4), date(2027, 1, 4))).rows}
    assert list(load) == ["ENT"] and load["ENT"][3:5] == [1, 1]  # one doctor, one appointment


def test_version_9_cut_short_is_finished(old, engine):
    """The column added and partly filled (MySQL commits each ALTER): the next start fills the
    rest, makes it required and adds the index."""
    db, _ = old
    migrations.migrate_to(db, NOW, 8)
    for statement in migrations.schema_statements(db.engine, ["departments"]):
        db.execute(statement)
    db.execute("ALTER TABLE doctors ADD COLUMN department_id " + migrations.DEPARTMENT_COLUMN[engine])
    made = db.insert("INSERT INTO departments (name, department_key) VALUES ('Cardiology', 'cardiology')")
    db.execute("UPDATE doctors SET department_id = ? WHERE specialization = 'Cardiology'", (made,))
    assert [m.version for m in migrations.migrate(db, NOW)] == [9, 10, 11, 12]
    assert db.scalar("SELECT count(*) FROM doctors WHERE department_id IS NULL") == 0
    assert db.scalar("SELECT count(*) FROM departments") == 20
    assert db.scalar("SELECT count(DISTINCT department_id) FROM doctors WHERE specialization = 'Cardiology'") == 1
    assert "ix_doctors_department" in db.index_names("doctors")


def test_version_10_adds_the_clinical_record_and_every_visit_keeps_its_diagnosis(old):
    """From version 9: the tables of the clinical record are added empty; every appointment keeps
    its diagnosis; a migrated database records a visit, a prescription and a treatment billed once."""
    db, settings = old
    migrations.migrate_to(db, NOW, 9)
    before = db.table("SELECT appt_id, diagnosis, status FROM appointments ORDER BY appt_id")[1]
    assert [m.version for m in migrations.migrate(db, NOW)] == [10, 11, 12]
    assert db.table("SELECT appt_id, diagnosis, status FROM appointments ORDER BY appt_id")[1] == before
    assert all(db.scalar(f"SELECT count(*) FROM {table}") == 0 for table in migrations.CLINICAL_TABLES)
    ctx = context_for(db, settings)
    seen, patient = next((row[0], row[1]) for row in db.table(
        "SELECT appt_id, patient_id FROM appointments WHERE status = 'completed' ORDER BY appt_id")[1])
    visits.record_visit(ctx, seen, notes="Better.", vitals=Vitals(bp_systolic=150, bp_diastolic=95))
    visits.prescribe(ctx, seen, [Medicine("Amlodipine", "5 mg", "once a day", 30)])
    treatment = visits.record_treatment(ctx, seen, 1)
    draft = billing.start_bill(ctx, patient)
    billing.add_waiting_treatments(ctx, draft)
    bill = billing.finalize_bill(ctx, draft)
    assert visits.visit_details(ctx, seen).record.vitals.blood_pressure == "150/95"
    assert db.scalar("SELECT bill_id FROM treatments WHERE treatment_id = ?", (treatment.treatment_id,)) == bill.bill_id


def test_version_10_cut_short_is_finished(old):
    """One table made before the stop (MySQL commits each CREATE): the next start makes the rest."""
    db, _ = old
    migrations.migrate_to(db, NOW, 9)
    for statement in migrations.schema_statements(db.engine, ["visits"]):
        db.execute(statement)
    assert [m.version for m in migrations.migrate(db, NOW)] == [10, 11, 12]
    assert all(db.has_table(table) for table in migrations.CLINICAL_TABLES)
    assert {"ix_treatments_appointment", "uq_treatments_request_key"} <= db.index_names("treatments")


def test_version_11_adds_the_months_and_years_of_the_doctors_and_services_and_keeps_them(old):
    """From version 10: the doctors' and services' months and years hold what their days add up to,
    equal to a recomputation; a booking, a completion and a void then change all three."""
    db, _ = old
    migrations.migrate_to(db, NOW, 10)
    assert not db.has_table("summary_doctor_month")
    assert [m.version for m in migrations.migrate(db, NOW)] == [11, 12]
    assert_summaries_exact(db)
    by_month = db.table(f"SELECT {db.month_of('day')}, doctor_id, SUM(visits_completed), SUM(completed_billed)"
                        f" FROM summary_doctor_day GROUP BY {db.month_of('day')}, doctor_id"
                        " HAVING SUM(visits_completed) > 0 ORDER BY 1, 2")[1]
    months = db.table(f"SELECT {db.month_of('month_start')}, doctor_id, visits_completed, completed_billed"
                      " FROM summary_doctor_month WHERE visits_completed > 0 ORDER BY 1, 2")[1]
    assert months == by_month and len(months) > 100
    assert db.scalar("SELECT SUM(revenue) FROM summary_service_month") == db.scalar(
        "SELECT SUM(revenue) FROM summary_service_day") > 0
    day = date(2027, 1, 4)
    appt = db.insert("INSERT INTO appointments (patient_id, doctor_id, appt_date, appt_time) VALUES (?, ?, ?, ?)",
                     (1001, 1, day, "09:00" if db.engine == "sqlite" else "09:00:00"))
    db.execute("UPDATE appointments SET status = 'completed' WHERE appt_id = ?", (appt,))
    assert db.table("SELECT visits_completed, visits_held FROM summary_doctor_month"
                    " WHERE month_start = ? AND doctor_id = 1", (date(2027, 1, 1),))[1] == [(1, 1)]
    assert db.table("SELECT visits_open, visits_completed FROM summary_doctor_year"
                    " WHERE year_start = ? AND doctor_id = 1", (date(2027, 1, 1),))[1] == [(0, 1)]
    voided = db.scalar("SELECT MIN(bill_id) FROM billing WHERE status = 'unpaid'")
    db.execute("UPDATE billing SET status = 'void' WHERE bill_id = ?", (voided,))
    assert_summaries_exact(db)


def test_version_11_cut_short_is_finished(old):
    """The tables made and some triggers made again before the stop (MySQL commits each DDL): the
    next start makes every trigger anew and computes every summary again."""
    db, _ = old
    migrations.migrate_to(db, NOW, 10)
    for statement in migrations.schema_statements(db.engine, ["summary_doctor_month"]):
        db.execute(statement)
    first = summaries.trigger_names()[0]
    db.execute(f"DROP TRIGGER {first}")
    db.execute("INSERT INTO summary_doctor_month (month_start, doctor_id, visits_open) VALUES (?, 1, 7)",
               (date(2025, 1, 1),))  # half a recomputation
    assert [m.version for m in migrations.migrate(db, NOW)] == [11, 12]
    assert set(summaries.trigger_names()) <= db.trigger_names()
    assert {"ix_summary_doctor_month_top", "ix_summary_doctor_month_held"} <= db.index_names("summary_doctor_month")
    assert_summaries_exact(db)


def _completed_visits_by_patient(db, grain: str) -> list[tuple]:
    """(month or year start, patient, completed visits) counted from the appointments themselves."""
    _, rows = db.table("SELECT appt_date, patient_id FROM appointments WHERE status = 'completed'")
    counted: dict[tuple, int] = {}
    for day, patient_id in rows:
        day = db.to_date(day)
        start = day.replace(day=1) if grain == "month" else day.replace(month=1, day=1)
        counted[(start, patient_id)] = counted.get((start, patient_id), 0) + 1
    return sorted((start, patient_id, visits) for (start, patient_id), visits in counted.items())


def _kept_by_patient(db, table: str, key: str) -> list[tuple]:
    _, rows = db.table(f"SELECT {key}, patient_id, visits_completed FROM {table} WHERE visits_completed > 0")
    return sorted((db.to_date(start), patient_id, visits) for start, patient_id, visits in rows)


def test_version_12_counts_each_patients_completed_visits_by_month_and_year_and_keeps_them(old):
    """From version 11: every patient's completed visits of each month and year, as the visits
    themselves count them; a completion, a move to another patient and a cancellation then change
    them, and every other summary stays exact."""
    db, _ = old
    migrations.migrate_to(db, NOW, 11)
    assert not db.has_table("summary_patient_year")
    assert [m.version for m in migrations.migrate(db, NOW)] == [12]
    by_year = _completed_visits_by_patient(db, "year")
    assert _kept_by_patient(db, "summary_patient_year", "year_start") == by_year and len(by_year) > 100
    assert _kept_by_patient(db, "summary_patient_month", "month_start") == _completed_visits_by_patient(db, "month")
    assert db.scalar("SELECT COUNT(*) FROM summary_patient_year WHERE visits_completed <= 0") == 0  # none kept
    assert_summaries_exact(db)
    day, year = date(2027, 1, 4), date(2027, 1, 1)
    appt = db.insert("INSERT INTO appointments (patient_id, doctor_id, appt_date, appt_time) VALUES (?, ?, ?, ?)",
                     (1001, 1, day, "09:00" if db.engine == "sqlite" else "09:00:00"))
    assert db.scalar("SELECT COUNT(*) FROM summary_patient_year WHERE year_start = ?", (year,)) == 0  # booked only
    db.execute("UPDATE appointments SET status = 'completed' WHERE appt_id = ?", (appt,))
    seen = "SELECT patient_id, visits_completed FROM summary_patient_year WHERE year_start = ? ORDER BY patient_id"
    assert db.table(seen, (year,))[1] == [(1001, 1)]
    db.execute("UPDATE appointments SET patient_id = 1002 WHERE appt_id = ?", (appt,))  # as a merge moves it
    assert db.table(seen, (year,))[1] == [(1001, 0), (1002, 1)]
    db.execute("UPDATE appointments SET status = 'cancelled' WHERE appt_id = ?", (appt,))
    assert db.table(seen, (year,))[1] == [(1001, 0), (1002, 0)]
    assert_summaries_exact(db)


def test_version_12_cut_short_is_finished(old):
    """One table made, half computed, and an appointments trigger dropped before the stop (MySQL
    commits each DDL): the next start makes the rest, the triggers anew and the sums again."""
    db, _ = old
    migrations.migrate_to(db, NOW, 11)
    for statement in migrations.schema_statements(db.engine, ["summary_patient_month"]):
        db.execute(statement)
    db.execute("INSERT INTO summary_patient_month (month_start, patient_id, visits_completed) VALUES (?, 1001, 9)",
               (date(2025, 1, 1),))  # half a recomputation
    db.execute("DROP TRIGGER sum_appointments_update")
    assert [m.version for m in migrations.migrate(db, NOW)] == [12]
    assert set(summaries.trigger_names()) <= db.trigger_names()
    assert "ix_summary_patient_year_visits" in db.index_names("summary_patient_year")
    assert "ix_summary_patient_month_visits" in db.index_names("summary_patient_month")
    assert_summaries_exact(db)
