"""A damaged database is one clear line in every command; check-db says what is wrong; a backup
made while another terminal writes is consistent, and restores into an empty database equal to
what was backed up, table by table, on both engines."""
import re
import sqlite3
import stat
import threading
import uuid
from datetime import date, time
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.billing import PaymentMethod
from hospital_mgmt.domain.errors import DatabaseNotEmpty, InvalidRequest
from hospital_mgmt.domain.schedule import DayHours, Leave, WorkingWeek
from hospital_mgmt.domain.visit import Medicine, Vitals
from hospital_mgmt.operations import appointments, billing, checkout, maintenance, patients, schedule, shifts, visits
from hospital_mgmt.operations.context import Context
from hospital_mgmt.storage import summaries
from hospital_mgmt.storage.maintenance import TABLES
from hospital_mgmt.storage.seed_loader import load_seed
from tests.conftest import open_database
from tests.e2e.test_commands_in_process import run
from tests.support import ADD_CLERK, SIGNED_IN, add_staff, context_for, signed_in

ORDER = {"bill_items": "bill_id, service_id", "counters": "name"}


def contents(db) -> dict[str, list[tuple]]:
    return {table: [tuple(row) for row in db.table(f"SELECT * FROM {table} ORDER BY {ORDER.get(table, 1)}")[1]]
            for table in TABLES + ["counters"]}


@pytest.fixture
def hospital(db, settings_for):
    """The demo data, and a cashier's day: a shift opened, a payment and a deposit taken in it, part
    of the deposit put towards another bill, a bill wholly credited and its payments refunded in
    cash, the shift closed."""
    load_seed(db)
    ctx = context_for(db, settings_for(db))
    cashier = signed_in(ctx, add_staff(db, "ravi", "cashier"))
    shifts.open_shift(cashier, "1000")
    unpaid = db.rows("SELECT bill_id, patient_id FROM billing WHERE status = 'unpaid' ORDER BY bill_id LIMIT 2")
    billing.record_payment(cashier, unpaid[0]["bill_id"], D("1.00"), PaymentMethod.CASH)
    checkout.take_deposit(cashier, unpaid[1]["patient_id"], "500", PaymentMethod.CASH)
    checkout.apply_deposit(cashier, unpaid[1]["bill_id"], "1.00")
    manager = add_staff(db, "mona", "manager").actor()  # the refund is above what a cashier refunds alone
    checkout.issue_credit_note(cashier, unpaid[0]["bill_id"], "Wrong patient", approver=manager)
    shifts.close_shift(cashier, {PaymentMethod.CASH: "1500.00"})
    # the front desk's records of schema 6: a doctor's week and leave, a duplicate merged into a later record
    schedule.set_doctor_week(ctx, 250, WorkingWeek((DayHours(0, time(10, 0), time(13, 0)),)))
    schedule.add_leave(ctx, Leave(2, date(2027, 1, 4), date(2027, 1, 8), "Conference"))
    patients.merge_patients(ctx, 1600, 1599)
    # the clinical record of schema 10: a visit's notes and vitals, its prescription, a treatment billed
    seen = db.rows("SELECT appt_id, patient_id FROM appointments WHERE status = 'completed'"
                   " ORDER BY appt_id LIMIT 1")[0]
    visits.record_visit(ctx, seen["appt_id"], notes="Mild fever.", vitals=Vitals(weight_kg="61.5", pulse=88))
    visits.prescribe(ctx, seen["appt_id"], [Medicine("Paracetamol", "500 mg", "three times a day", 3)])
    treatment = visits.record_treatment(ctx, seen["appt_id"], 1)
    draft = billing.start_bill(cashier, seen["patient_id"])
    billing.add_treatment(cashier, draft, treatment.treatment_id)
    billing.finalize_bill(cashier, draft)
    return ctx


# Tables a backup leaves out, each for its reason: the summaries are computed again on restore; a
# sign-in token is not carried to another database; the rest are made by the schema itself.
NOT_BACKED_UP = {"summary_day", "summary_doctor_day", "summary_service_day", "summary_bill_day",
                 "summary_method_day", "summary_doctor_month", "summary_doctor_year", "summary_service_month",
                 "summary_patient_month", "summary_patient_year",
                 "api_tokens", "schema_migrations", "write_locks"}


def test_every_table_of_the_schema_is_backed_up_or_left_out_for_a_named_reason(db):
    assert set(db.table_columns()) == set(TABLES) | {"counters"} | NOT_BACKED_UP


def test_a_sound_database_passes_its_check(hospital):
    assert maintenance.check_database(hospital) == []


def test_a_backup_restores_into_an_empty_database_equal_to_the_original_table_by_table(hospital, engine, tmp_path):
    path, copied = maintenance.backup_database(hospital, tmp_path / "backups" / "b")
    credited_lines = hospital.db.scalar("SELECT count(*) FROM credit_note_items")
    # audit: the account made, the shift opened, the payment, the deposit, its use, the credit note, the close,
    # the week, the leave, the merge (two rows)
    grams = hospital.db.scalar("SELECT count(*) FROM patient_name_grams")
    assert grams > 600 * 5  # every demo name has runs of three
    assert copied == {"services": 251, "patients": 600, "patient_name_grams": grams, "admissions": 429,
                      "departments": 20, "doctors": 250, "doctor_hours": 7,
                      "doctor_leave": 1, "users": 2, "user_roles": 2,
                      "appointments": 2000, "billing": 1201, "bill_items": 2960, "visits": 967, "prescriptions": 1,
                      "treatments": 1, "lab_tests": 8, "lab_orders": 486, "shifts": 1, "receipts": 4,
                      "payments": 1189, "shift_counts": 4, "credit_notes": 1, "credit_note_items": credited_lines,
                      "deposits": 1, "deposit_uses": 1, "refunds": 1, "audit": 16}
    assert credited_lines >= 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    empty, drop = open_database(engine, tmp_path)
    try:
        target = Context(hospital.settings, empty, hospital.clock)
        assert maintenance.restore_database(target, path) == copied
        restored, original = contents(empty), contents(hospital.db)
        # Each side's audit trail goes on after the copy: the backup tells of itself, the restore of itself.
        assert [row[6] for row in original.pop("audit")[-2:]] == ["bill.finalize", "database.backup"]
        assert [row[6] for row in restored.pop("audit")[-2:]] == ["bill.finalize", "database.restore"]
        assert restored == original
        assert maintenance.check_database(target) == []
        # the summaries are not in the dump: computed whole from the rows restored, as the original's
        assert summaries.differences(empty) == {summary.table: [] for summary in summaries.SUMMARIES}
        for summary in summaries.SUMMARIES:
            query = f"SELECT * FROM {summary.table} ORDER BY {', '.join(summary.keys)}"
            assert empty.table(query)[1] == hospital.db.table(query)[1], summary.table
        with pytest.raises(DatabaseNotEmpty, match="restored only into an empty database"):
            maintenance.restore_database(target, path)
        draft = billing.start_bill(target, 1001)  # the restored database takes new work, numbered on
        billing.add_service(target, draft, 1, 1)
        assert billing.finalize_bill(target, draft).code == "B1202"
    finally:
        drop()


def test_something_that_is_not_a_backup_is_refused_in_one_line(hospital, engine, tmp_path):
    empty, drop = open_database(engine, tmp_path)
    try:
        target = Context(hospital.settings, empty, hospital.clock)
        junk = tmp_path / "notes.txt"
        junk.write_text("not a backup\n", encoding="utf-8")
        with pytest.raises(InvalidRequest, match="notes.txt is not a"):
            maintenance.restore_database(target, junk)
        assert empty.scalar("SELECT count(*) FROM patients") == 0
    finally:
        drop()


def test_a_backup_made_while_another_terminal_bills_is_one_consistent_state(hospital, engine, settings_for, tmp_path):
    booked = appointments.book_appointment(hospital, 1001, 1, hospital.today(), time(9, 0))
    stop, made = threading.Event(), []
    from hospital_mgmt.db_config import connect

    def bill_away():
        other = Context(hospital.settings, connect(settings_for(hospital.db)), hospital.clock)
        while not stop.is_set():
            draft = billing.start_bill(other, 1001, booked.appt_id if not made else None)
            billing.add_service(other, draft, 1, 2)
            billing.add_service(other, draft, 2, 1)
            bill = billing.finalize_bill(other, draft)
            billing.record_payment(other, bill.bill_id, D("1.00"), PaymentMethod.CARD, reference="CARD-1")
            made.append(bill.code)
        other.close()

    writer = threading.Thread(target=bill_away)
    writer.start()
    try:
        while len(made) < 3:
            stop.wait(0.01)
        path, copied = maintenance.backup_database(hospital, tmp_path / "during")
    finally:
        stop.set()
        writer.join(timeout=60)
    assert len(made) > 3
    empty, drop = open_database(engine, tmp_path)
    try:
        maintenance.restore_database(Context(hospital.settings, empty, hospital.clock), path)
        bills = empty.scalar("SELECT count(*) FROM billing")
        assert 1200 < bills == copied["billing"] == empty.scalar("SELECT last_value FROM counters WHERE name = 'bill'")
        assert empty.scalar("SELECT count(*) FROM billing b WHERE NOT EXISTS"
                            " (SELECT 1 FROM bill_items i WHERE i.bill_id = b.bill_id) AND b.subtotal > 0") == 0
        # A payment is its own transaction after the bill's: a bill may be there without it, never
        # a payment without its bill, nor more paid than billed.
        assert empty.scalar("SELECT count(*) FROM payments p WHERE NOT EXISTS"
                            " (SELECT 1 FROM billing b WHERE b.bill_id = p.bill_id)") == 0
        assert empty.scalar("SELECT count(*) FROM billing b WHERE b.total_amount <"
                            " (SELECT COALESCE(SUM(p.amount), 0) FROM payments p WHERE p.bill_id = b.bill_id)") == 0
    finally:
        drop()


def demo_hospital(tmp_path, monkeypatch, db_file: str = "h.db", **settings: str) -> None:
    """The commands run in tmp_path on a new SQLite database of the demo data (db_file), signed in
    as the clerk (the administrator made by init-db beside)."""
    monkeypatch.chdir(tmp_path)
    for name, value in {**SIGNED_IN, "LOG_FILE": str(tmp_path / "app.log"), "SQLITE_PATH": str(tmp_path / db_file),
                        **settings}.items():
        monkeypatch.setenv(name, value)
    assert run(["init-db"])[0] == 0 and run(ADD_CLERK)[0] == 0


def damage(path) -> None:
    """Scribble over a leaf page in the middle of the appointments table, as a failing disk does."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = connection.execute("PRAGMA page_size").fetchone()[0]
        pages = [row[0] for row in connection.execute(
            "SELECT pageno FROM dbstat WHERE name = 'appointments' AND pagetype = 'leaf' ORDER BY pageno")]
    with open(path, "r+b") as handle:
        handle.seek((pages[len(pages) // 2] - 1) * size + 8)
        handle.write(b"\xff" * 64)


def test_a_damaged_sqlite_database_is_the_same_one_line_in_every_command_and_check_db_names_it(tmp_path, monkeypatch):
    demo_hospital(tmp_path, monkeypatch, OUTPUT_DIR=str(tmp_path / "out"), DB_ENGINE="sqlite")
    damage(tmp_path / "h.db")
    line = (f"Error: the database {tmp_path / 'h.db'} is damaged (database disk image is malformed);"
            " `hospital-mgmt check-db` tells more, and `hospital-mgmt restore` puts back a backup\n")
    # (reports of counts read the daily summaries, which the scribble missed; these read the visits)
    for command in (["report", "kpi", "--from", "2025-01-01", "--to", "2026-12-31"],
                    ["export", "appointments"], ["report", "top-doctors", "--from", "2025-01-01"]):
        assert run(command) == (1, "", line), command
    status, out, _ = run(["check-db"])
    assert status == 1 and out.startswith("The database has ") and "Restore the latest backup" in out
    assert "Tree " in out or "malformed" in out or "page" in out


def test_restoring_into_a_new_sqlite_file_from_the_command_line(tmp_path, monkeypatch):
    demo_hospital(tmp_path, monkeypatch, "old.db")
    status, out, _ = run(["backup", "--to", str(tmp_path / "b.db")])
    # the demo data (its visits and lab tests among it) with its names' runs of three, the
    # administrator and the clerk with their six roles, five audit rows
    backed = re.match(r"Backed up (\d+) rows \(services 251, patients 600, patient_name_grams (\d+), admissions 429,"
                      r" departments 20, doctors 250, doctor_hours 0, doctor_leave 0, users 2, user_roles 6", out)
    assert status == 0 and backed and int(backed.group(1)) == 10370 + int(backed.group(2)), out
    monkeypatch.setenv("SQLITE_PATH", str(tmp_path / "new" / "h.db"))
    status, out, err = run(["restore", str(tmp_path / "b.db")])
    assert (status, err) == (0, "") and out.startswith(f"Restored {backed.group(1)} rows")
    assert str(tmp_path / "new" / "h.db") in out
    assert run(["check-db"])[1] == f"The database is sound (SQLite {tmp_path / 'new' / 'h.db'}).\n"
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700


def test_a_backup_never_replaces_a_file_not_even_when_told_to_write_over_the_database(tmp_path, monkeypatch):
    demo_hospital(tmp_path, monkeypatch)
    earlier = tmp_path / "earlier.db"
    earlier.write_bytes(b"an earlier backup")
    for target, reason in [(tmp_path / "h.db", "is the application's own file (h.db)"),
                           (earlier, "exists already"), (tmp_path, "is a folder")]:
        status, out, err = run(["backup", "--to", str(target)])
        assert (status, out) == (1, "") and err.startswith(f"Error: {target} ") and reason in err, err
        assert err.count("\n") == 1
    assert earlier.read_bytes() == b"an earlier backup"
    assert run(["check-db"])[1] == f"The database is sound (SQLite {tmp_path / 'h.db'}).\n"
    assert "patients 600" in run(["backup", "--to", str(tmp_path / "new.db")])[1]


def test_a_restore_from_a_missing_file_or_a_folder_is_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LOG_FILE", str(tmp_path / "app.log"))
    monkeypatch.setenv("SQLITE_PATH", str(tmp_path / "h.db"))
    for source, reason in [(tmp_path / "nope.db", "cannot read the backup"), (tmp_path, "is a folder")]:
        status, out, err = run(["restore", str(source)])
        assert (status, out) == (1, "") and err.startswith("Error: ") and reason in err, err
        assert err.count("\n") == 1


def test_a_database_name_never_reaches_sql_text_unchecked():
    with pytest.raises(Exception, match="DB_NAME must be letters"):
        from hospital_mgmt.db_config import load_settings
        load_settings(env_file="/nonexistent", environ={"DB_NAME": f"x`; DROP DATABASE {uuid.uuid4().hex}"})


def test_rebuild_summaries_says_the_summaries_matched_and_corrects_one_changed_by_hand(tmp_path, monkeypatch):
    demo_hospital(tmp_path, monkeypatch)
    status, out, err = run(["--user", "admin", "rebuild-summaries"])
    written = re.match(r"Rebuilt the summaries: (\d+) rows \(summary_day (\d+), summary_doctor_day \d+,"
                       r" summary_service_day \d+, summary_bill_day \d+, summary_method_day \d+,"
                       r" summary_doctor_month \d+, summary_doctor_year \d+, summary_service_month \d+,"
                       r" summary_patient_month \d+, summary_patient_year \d+\)\.\n", out)
    assert (status, err) == (0, "") and written and out.endswith("They matched the records.\n"), out
    with sqlite3.connect(tmp_path / "h.db") as connection:
        connection.execute("UPDATE summary_day SET visits_completed = visits_completed + 5"
                           " WHERE day = (SELECT MIN(day) FROM summary_day)")
    shown = run(["report", "daily-visits", "--from", "2025-01-01", "--to", "2026-12-31"])
    assert shown[0] == 0, shown
    before = shown[1]
    status, out, _ = run(["--user", "admin", "rebuild-summaries"])
    assert status == 0 and out.endswith("1 summary row had differed from the records and is now corrected.\n"), out
    after = run(["report", "daily-visits", "--from", "2025-01-01", "--to", "2026-12-31"])[1]
    assert after != before and run(["--user", "admin", "rebuild-summaries"])[1].endswith("They matched the records.\n")
