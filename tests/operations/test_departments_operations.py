"""Departments on both engines: every doctor in one (the specialization's when none is chosen),
kept by the administrator, audited, and booking can go department -> doctor."""
from datetime import date, time

import pytest

from hospital_mgmt.domain.department import Department
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.errors import (
    DepartmentHasDoctors,
    DuplicateDepartmentName,
    InvalidField,
    NotAllowed,
    NotFound,
)
from hospital_mgmt.domain.period import Period
from hospital_mgmt.operations import appointments, departments, doctors, imports, reports
from tests.operations.conftest import a_doctor, a_patient
from tests.support import add_staff, signed_in


def audited(ctx) -> list[tuple[str, str]]:
    return [tuple(row) for row in ctx.db.table("SELECT operation, record FROM audit ORDER BY audit_id")[1]]


def test_a_doctor_without_a_department_joins_the_one_of_their_specialization_made_once(ctx):
    meera = a_doctor(ctx, "Meera Iyer", "Cardiology")
    ravi = a_doctor(ctx, "Ravi Shah", "cardiology")  # the same department, however written
    bala = a_doctor(ctx, "Bala Iyer", "E.N.T.")
    assert meera.department_id == ravi.department_id != bala.department_id
    assert [(d.code, d.name, count) for d, count in departments.list_departments(ctx)] == [
        ("DP01", "Cardiology", 2), ("DP02", "E.N.T.", 1)]
    assert audited(ctx) == [("department.add", "DP01"), ("doctor.add", "D01"), ("doctor.add", "D02"),
                            ("department.add", "DP02"), ("doctor.add", "D03")]
    assert doctors.get_doctor(ctx, 1).department_id == 1


def test_a_doctor_goes_into_the_department_chosen_and_changes_department_on_update(ctx):
    emergency = departments.add_department(ctx, Department("Emergency", "Block A, ground floor"))
    meera = doctors.add_doctor(ctx, Doctor("Meera Iyer", "9100000000", specialization="Cardiology",
                                           consultation_fee="800", department_id=emergency.department_id))
    assert meera.department_id == emergency.department_id
    assert [d.name for d, _ in departments.list_departments(ctx)] == ["Emergency"]  # no Cardiology made
    cardiology = departments.add_department(ctx, Department("Cardiology"))
    meera.department_id = cardiology.department_id
    doctors.update_doctor(ctx, meera)
    assert doctors.get_doctor(ctx, 1).department_id == cardiology.department_id
    kept = doctors.get_doctor(ctx, 1)
    kept.department_id = None  # an update that names no department keeps the doctor where they are
    kept.consultation_fee = kept.consultation_fee + 50
    doctors.update_doctor(ctx, kept)
    assert doctors.get_doctor(ctx, 1).department_id == cardiology.department_id
    with pytest.raises(NotFound, match="no department DP09"):
        doctors.add_doctor(ctx, Doctor("Bala Iyer", "9100000001", specialization="ENT", consultation_fee="300",
                                       department_id=9))
    assert ctx.db.scalar("SELECT count(*) FROM doctors") == 1


def test_a_department_is_named_once_kept_changed_and_deleted_only_when_empty(ctx):
    ent = departments.add_department(ctx, Department("ENT", "Block B, 2nd floor"))
    with pytest.raises(DuplicateDepartmentName, match="a department named 'e.n.t.' already exists"):
        departments.add_department(ctx, Department("e.n.t."))
    with pytest.raises(InvalidField, match="department name: must contain a letter or a digit"):
        Department("--")
    assert departments.department_named(ctx, "E N T").code == ent.code
    with pytest.raises(NotFound, match="no department named 'Dental'"):
        departments.department_named(ctx, "Dental")
    departments.update_department(ctx, Department("Ear, Nose and Throat", "Block C", ent.department_id))
    assert departments.get_department(ctx, 1) == Department("Ear, Nose and Throat", "Block C", 1)
    a_doctor(ctx, "Bala Iyer", "ENT")  # joins a new ENT department: the old one was renamed
    bala = doctors.get_doctor(ctx, 1)
    made = departments.department_named(ctx, "ENT")
    assert bala.department_id == made.department_id != 1
    bala.department_id = 1
    doctors.update_doctor(ctx, bala)
    with pytest.raises(DepartmentHasDoctors, match="department DP01 has 1 doctor; move them to another"):
        departments.delete_department(ctx, 1)
    assert made.department_id is not None
    departments.delete_department(ctx, made.department_id)
    assert [d.code for d, _ in departments.list_departments(ctx)] == ["DP01"]
    assert ("department.update", "DP01") in audited(ctx) and audited(ctx)[-1] == ("department.delete", made.code)


def test_only_the_administrator_keeps_departments_and_everyone_sees_them(ctx):
    departments.add_department(ctx, Department("ENT"))
    desk = signed_in(ctx, add_staff(ctx.db, "desk", "front desk"))
    with pytest.raises(NotAllowed, match="may not keep the doctor list and the departments"):
        departments.add_department(desk, Department("Dental"))
    with pytest.raises(NotAllowed):
        departments.delete_department(desk, 1)
    assert [d.name for d, _ in departments.list_departments(desk)] == ["ENT"]


def test_booking_goes_department_then_doctor(ctx):
    a_patient(ctx)
    for n, specialization in enumerate(["Cardiology", "ENT", "Cardiology", "Cardiology"]):
        a_doctor(ctx, f"Doctor {chr(65 + n)}", specialization)
    cardiology = departments.department_named(ctx, "cardiology")
    assert cardiology.department_id is not None
    first = departments.doctors_of_department(ctx, cardiology.department_id, 1, size=2)
    second = departments.doctors_of_department(ctx, cardiology.department_id, 2, size=2)
    assert [d.name for d in first.items] == ["Doctor A", "Doctor C"] and first.has_next
    assert [d.name for d in second.items] == ["Doctor D"] and not second.has_next
    assert departments.doctor_count(ctx, cardiology.department_id) == 3
    booked = appointments.book_appointment(ctx, 1001, second.items[0].doctor_id, date(2026, 11, 23), time(9, 0))
    assert booked.doctor_id == 4


def test_the_department_load_report_counts_each_departments_appointments_of_the_period(ctx):
    a_patient(ctx)
    a_patient(ctx, name="Ravi Kumar", phone="9000000002")
    a_doctor(ctx, "Meera Iyer", "Cardiology")
    a_doctor(ctx, "Bala Iyer", "ENT")
    a_doctor(ctx, "Ravi Shah", "Cardiology")
    for patient, doctor, day, at in [(1001, 1, 23, 9), (1002, 1, 23, 10), (1001, 3, 24, 9), (1002, 2, 30, 9),
                                     (1001, 2, 25, 9)]:
        appointments.book_appointment(ctx, patient, doctor, date(2026, 11, day), time(at, 0))
    appointments.cancel_appointment(ctx, 5)
    report = reports.run_report(ctx, "department-load", Period(date(2026, 11, 23), date(2026, 11, 29)))
    assert report.columns == ["Department", "Name", "Location", "Doctors", "Appointments", "Completed", "Patients",
                              "Appointments per doctor"]
    assert report.rows == [["DP01", "Cardiology", "", 2, 3, 0, 2, "1.5"],
                           ["DP02", "ENT", "", 1, 0, 0, 0, "0.0"]]  # its only one of the week was cancelled


def test_imported_doctors_join_their_specializations_departments_audited(ctx, tmp_path):
    source = tmp_path / "doctors.csv"
    source.write_text("name,specialization,contact_no,consultation_fee\nMeera Iyer,Cardiology,9100000000,800\n"
                      "Bala Iyer,ENT,9100000001,300\nRavi Shah,cardiology,9100000002,500\n", encoding="utf-8")
    assert imports.import_file(ctx, "doctors", source).imported == 3
    assert [(d.name, count) for d, count in departments.list_departments(ctx)] == [("Cardiology", 2), ("ENT", 1)]
    assert [row for row in audited(ctx) if row[0] == "department.add"] == [("department.add", "DP01"),
                                                                           ("department.add", "DP02")]
