"""The audit trail on both engines: every write leaves a row naming who, when, at which terminal,
the operation, the record and the fields before and after, in the change's own transaction; the
rows are never changed or removed; and the log file tells of committed changes only."""
import json
from datetime import date, datetime, time
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.audit import AuditFilter
from hospital_mgmt.domain.billing import PaymentMethod
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.errors import ChangeRefusedByDatabase, PatientHasHistory
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.domain.period import Period
from hospital_mgmt.domain.service import Service
from hospital_mgmt.domain.staff import Terminal
from hospital_mgmt.operations import (
    appointments,
    audit_trail,
    billing,
    doctors,
    documents,
    patients,
    price_list,
    shifts,
    staff,
)
from hospital_mgmt.operations.context import FixedClock
from hospital_mgmt.storage.unit_of_work import AuditMissing
from tests.operations.conftest import a_doctor, a_patient, a_service
from tests.support import add_staff, signed_in

DESK = Terminal("desk-2", "pid 4242")


@pytest.fixture
def clerk(ctx):
    from dataclasses import replace
    member = add_staff(ctx.db, "kiran", "front desk, cashier, administrator")
    return replace(signed_in(ctx, member), terminal=DESK)


def audit_rows(ctx) -> list[tuple]:
    return [(r.login, r.host, r.process, r.operation, r.record, r.changes)
            for r in reversed(audit_trail.audit_page(ctx, AuditFilter(), size=1000).items) if r.login == "kiran"]


def last(ctx) -> tuple:
    return audit_rows(ctx)[-1]


def changes(ctx) -> dict:
    return last(ctx)[5]


def test_each_write_of_patients_doctors_and_services_names_who_where_what_and_the_fields(clerk, ctx):
    patient = patients.register_patient(clerk, Patient(name="Asha Rao", contact_no="9000000001", age=30, gender="F",
                                                       registered_on="2026-11-01"))
    assert last(ctx)[:5] == ("kiran", "desk-2", "pid 4242", "patient.register", "1001")
    assert changes(ctx) == {"registered_on": [None, "2026-11-01"], "birth_date": [None, "1996-01-01"],
                            "birth_estimated": [None, True], "contact_no": [None, "9000000001"], "gender": [None, "F"],
                            "name": [None, "Asha Rao"], "patient_id": [None, 1001], "address": [None, ""],
                            "blood_group": [None, ""], "city": [None, ""], "email": [None, ""]}
    patient.name, patient.birth_date, patient.birth_estimated = "Asha Rao-Menon", date(1995, 6, 1), False
    patients.update_patient(clerk, patient)
    assert last(ctx)[3:] == ("patient.update", "1001", {"birth_date": ["1996-01-01", "1995-06-01"],
                                                        "birth_estimated": [True, False],
                                                        "name": ["Asha Rao", "Asha Rao-Menon"]})
    patients.admit_patient(clerk, 1001, date(2026, 11, 18), "ICU", "Observation")
    assert last(ctx)[3:] == ("patient.admit", "1001", {
        "admission_id": [None, 1], "admitted_on": [None, "2026-11-18"],
        "patient_id": [None, 1001], "reason": [None, "Observation"], "ward": [None, "ICU"]})
    patients.discharge_patient(clerk, 1001, date(2026, 11, 20))
    assert last(ctx)[3:] == ("patient.discharge", "1001", {"discharged_on": [None, "2026-11-20"]})
    doctor = doctors.add_doctor(clerk, Doctor("Meera Iyer", "9100000000", specialization="Cardiology",
                                              consultation_fee="800"))
    assert last(ctx)[3:5] == ("doctor.add", "D01") and changes(ctx)["consultation_fee"] == [None, "800.00"]
    doctor.consultation_fee = D("850.00")
    doctors.update_doctor(clerk, doctor)
    assert last(ctx)[3:] == ("doctor.update", "D01", {"consultation_fee": ["800.00", "850.00"]})
    service = price_list.add_service(clerk, Service("ECG", "250"))
    service.cost = D("275.50")
    price_list.update_service(clerk, service)
    assert last(ctx)[3:] == ("service.update", "S01", {"cost": ["250.00", "275.50"]})
    price_list.delete_service(clerk, 1)
    assert last(ctx)[3:5] == ("service.delete", "S01") and changes(ctx)["name"] == ["ECG", None]
    doctors.delete_doctor(clerk, 1)
    assert last(ctx)[3:5] == ("doctor.delete", "D01") and changes(ctx)["name"] == ["Meera Iyer", None]
    with pytest.raises(PatientHasHistory):  # a patient with stays is kept, and the refusal writes no row
        patients.delete_patient(clerk, 1001)
    assert last(ctx)[3:5] == ("doctor.delete", "D01")
    a_patient(clerk, name="Ravi Kumar", phone="9000000002")
    patients.delete_patient(clerk, 1002)
    assert last(ctx)[3:5] == ("patient.delete", "1002") and changes(ctx)["name"] == ["Ravi Kumar", None]
    assert [row[3] for row in audit_rows(ctx)] == [
        "patient.register", "patient.update", "patient.admit", "patient.discharge", "department.add", "doctor.add",
        "doctor.update",
        "service.add", "service.update", "service.delete", "doctor.delete", "patient.register", "patient.delete"]


def test_each_write_of_appointments_bills_payments_prints_and_shifts_is_in_the_trail(clerk, ctx):
    a_patient(ctx)
    a_doctor(ctx)
    a_service(ctx, "ECG", "250")
    booked = appointments.book_appointment(clerk, 1001, 1, ctx.today(), time(9, 0), "Chest pain")
    assert last(ctx)[3:5] == ("appointment.book", "A001") and changes(ctx)["appt_time"] == [None, "09:00:00"]
    appointments.complete_appointment(ctx, booked.appt_id, "Angina")  # the system's own, not kiran's
    second = appointments.book_appointment(clerk, 1001, 1, ctx.today(), time(10, 0))
    appointments.cancel_appointment(clerk, second.appt_id)
    assert last(ctx)[3:] == ("appointment.cancel", "A002", {"status": ["scheduled", "cancelled"]})
    draft = billing.start_bill(clerk, 1001, booked.appt_id)
    billing.add_service(clerk, draft, 1, 2)
    bill = billing.finalize_bill(clerk, draft)
    assert last(ctx)[3:5] == ("bill.finalize", "B001")
    assert changes(ctx)["lines"] == [None, ["S01 x 2 at 250.00"]] and changes(ctx)["total_amount"] == [None, "1300.00"]
    shift = shifts.open_shift(clerk, "500")
    assert last(ctx)[3:] == ("shift.open", shift.code, {"opening_float": [None, "500.00"]})
    billing.record_payment(clerk, bill.bill_id, D("300.00"), PaymentMethod.CASH)
    assert last(ctx)[3:] == ("payment.record", "B001", {"amount_paid": ["0.00", "300.00"],
                                                        "payment": [None, "300.00 cash in SH001"],
                                                        "receipt": [None, "R0001"]})
    documents.print_invoice(clerk, bill.bill_id)
    assert last(ctx)[3:5] == ("invoice.print", "B001")
    shifts.close_shift(clerk, {PaymentMethod.CASH: "800.00"})
    assert last(ctx)[3:5] == ("shift.close", "SH001")
    assert changes(ctx)["cash"] == [None, "expected 800.00, counted 800.00"]
    draft = billing.start_bill(clerk, 1001)
    billing.add_service(clerk, draft, 1, 1)
    voided = billing.finalize_bill(clerk, draft)
    billing.void_bill(clerk, voided.bill_id, "Entered twice")
    assert last(ctx)[3:] == ("bill.void", "B002", {"status": ["unpaid", "void"], "void_reason": ["", "Entered twice"]})


def test_staff_changes_and_exports_are_in_the_trail_without_a_password(clerk, ctx, tmp_path):
    from hospital_mgmt.domain.staff import StaffMember
    staff.add_staff_member(clerk, StaffMember("ravi", "Ravi Kumar", frozenset({"cashier"})), "ravi pass 12")
    assert last(ctx)[3:5] == ("user.add", "ravi") and changes(ctx)["roles"] == [None, ["cashier"]]
    staff.change_roles(clerk, "ravi", "cashier, manager")
    assert last(ctx)[3:] == ("user.roles", "ravi", {"roles": [["cashier"], ["cashier", "manager"]]})
    staff.reset_password(clerk, "ravi", "ravi pass 34")
    assert last(ctx)[3:] == ("user.password_reset", "ravi", {})
    staff.set_active(clerk, "ravi", False)
    assert last(ctx)[3:] == ("user.deactivate", "ravi", {"active": [True, False]})
    documents.export(ctx, "billing", Period(date(2026, 11, 1), date(2026, 11, 30)), tmp_path / "b.csv")
    assert ctx.db.table("SELECT login, operation, summary FROM audit ORDER BY audit_id DESC LIMIT 1")[1] == [
        ("system", "export.billing", "export billing for 2026-11-01 to 2026-11-30: 0 rows")]
    every = ctx.db.table("SELECT changes, summary FROM audit")[1]
    assert not any("ravi pass" in text for row in every for text in row)


def test_a_write_whose_audit_row_cannot_be_written_leaves_nothing_behind(ctx):
    if ctx.db.engine == "sqlite":
        ctx.db.execute("CREATE TRIGGER audit_full BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    else:
        ctx.db.execute("CREATE TRIGGER audit_full BEFORE INSERT ON audit FOR EACH ROW"
                       " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'disk full'")
    with pytest.raises(ChangeRefusedByDatabase, match=r"\(disk full\)$"):
        a_patient(ctx)
    with pytest.raises(ChangeRefusedByDatabase):
        a_doctor(ctx)
    assert ctx.db.scalar("SELECT count(*) FROM patients") == ctx.db.scalar("SELECT count(*) FROM doctors") == 0


def test_a_change_that_says_nothing_of_itself_cannot_commit(ctx):
    with pytest.raises(AuditMissing), ctx.unit_of_work() as uow:
        uow.services.add(Service("ECG", "250"))
        uow.commit()
    assert ctx.db.scalar("SELECT count(*) FROM services") == 0


@pytest.mark.parametrize("statement", ["UPDATE audit SET login = 'someone else'", "DELETE FROM audit"])
def test_the_trail_refuses_to_be_changed_or_removed(ctx, statement):
    a_patient(ctx)
    with pytest.raises(ChangeRefusedByDatabase, match=r"\(the audit trail is append-only\)$"):
        ctx.db.execute(statement)
    assert ctx.db.table("SELECT login, operation, record FROM audit")[1] == [("system", "patient.register", "1001")]


def test_an_audit_line_is_written_to_the_log_only_once_its_change_is_committed(ctx, log_lines):
    with pytest.raises(RuntimeError), ctx.unit_of_work() as uow:
        uow.services.add(Service("ECG", "250"))
        uow.audit("service S01 added", "service.add", "S01")
        raise RuntimeError("the terminal lost power before the commit")
    assert ctx.db.scalar("SELECT count(*) FROM services") == ctx.db.scalar("SELECT count(*) FROM audit") == 0
    assert log_lines() == []
    with ctx.unit_of_work() as uow:
        uow.services.add(Service("ECG", "250"))
        uow.audit("service S01 added", "service.add", "S01")
        assert log_lines() == []  # not before the commit
        uow.commit()
    assert log_lines() == ["service S01 added [system]"]


def test_the_trail_is_filtered_by_user_record_operation_and_period_and_exported_whole(clerk, ctx, tmp_path):
    from dataclasses import replace
    a_patient(clerk)
    a_patient(ctx, name="Ravi Kumar", phone="9000000002")
    later = replace(clerk, clock=FixedClock(datetime(2026, 11, 25, 9, 0)))
    patient = patients.get_patient(later, 1001)
    patient.city = "Pune"
    patients.update_patient(later, patient)

    def found(**where):
        return [(r.login, r.operation, r.record) for r in audit_trail.audit_page(ctx, AuditFilter(**where)).items]
    assert found(login="kiran") == [("kiran", "patient.update", "1001"), ("kiran", "patient.register", "1001")]
    assert found(record="1002") == [("system", "patient.register", "1002")]
    assert found(operation="patient.") == [("kiran", "patient.update", "1001"), ("system", "patient.register", "1002"),
                                           ("kiran", "patient.register", "1001")]
    assert found(operation="patient.update", period=Period(date(2026, 11, 25), date(2026, 11, 25))) == [
        ("kiran", "patient.update", "1001")]
    assert found(period=Period(date(2026, 11, 23), date(2026, 11, 24))) == []
    count = audit_trail.export_audit(ctx, AuditFilter(login="kiran"), tmp_path / "audit.csv")
    lines = (tmp_path / "audit.csv").read_text(encoding="utf-8-sig").splitlines()
    assert count == 2 and lines[0] == ",".join(audit_trail.CSV_COLUMNS)
    assert lines[2].endswith(",patient.update,1001,patient 1001 updated,city:  -> Pune") and "desk-2" in lines[2]
    stored = ctx.db.scalar("SELECT changes FROM audit WHERE operation = 'patient.update'")
    assert json.loads(stored) == {"city": ["", "Pune"]}  # the table keeps the fields as JSON
