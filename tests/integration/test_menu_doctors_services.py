from datetime import date, time
from decimal import Decimal

import pytest

from hospital_mgmt.domain.appointment import Appointment
from hospital_mgmt.domain.errors import DatabaseBusy
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.storage.unit_of_work import Repositories
from tests.menu_driver import run_menu

DOCTORS, SERVICES, BACK, EXIT = "2", "3", "0", "10"
ADD, VIEW, LIST, SEARCH, UPDATE, DELETE = "1", "2", "3", "4", "5", "6"
DEPARTMENTS = "9"


@pytest.fixture
def settings(db, settings_for):
    return settings_for(db)


@pytest.fixture
def repos(db):
    return Repositories(db)


def test_adding_a_doctor_re_asks_bad_values_then_stores_the_doctor(db, settings, repos):
    transcript = run_menu(db, settings, [
        DOCTORS, ADD, "D", "Meera Iyer", "Cardiology", "98765", "98765 43210", "free", "0", "750.555", "750.50",
        "DP09", "Cardio", "", BACK, EXIT])
    assert "Error: name: must be 2 to 100 characters" in transcript
    assert "Error: consultation fee: 'free' is not an amount (e.g. 250 or 99.50)" in transcript
    assert "Error: consultation fee: must be more than 0" in transcript
    assert "Error: consultation fee: at most 2 decimal places" in transcript
    assert "Error: no department DP09" in transcript
    assert "Error: no department named 'Cardio' (Doctors > Departments lists them)" in transcript
    assert "Department (code or name) [new: Cardiology]: " in transcript
    assert "Added doctor D01 to department DP01." in transcript
    doctor = repos.doctors.get(1)
    assert (doctor.name, doctor.specialization, doctor.consultation_fee) == ("Meera Iyer", "Cardiology",
                                                                             Decimal("750.50"))
    assert repos.departments.get(doctor.department_id).name == "Cardiology"


def test_doctors_are_listed_with_the_fee_right_aligned_with_currency(db, settings):
    run_menu(db, settings, [DOCTORS, ADD, "Meera Iyer", "Cardiology", "9876543210", "1500", "", BACK, EXIT])
    transcript = run_menu(db, settings, [DOCTORS, LIST, BACK, EXIT])
    assert "D01     Meera Iyer  Cardiology        9876543210  1,500.00 INR" in transcript


def test_updating_a_doctor_by_any_code_spelling_keeps_what_enter_leaves(db, settings, repos):
    run_menu(db, settings, [DOCTORS, ADD, "Meera Iyer", "Cardiology", "9876543210", "750", "", BACK, EXIT])
    run_menu(db, settings, [DOCTORS, UPDATE, "d1", "", "Cardiac Surgery", "", "900", "", BACK, EXIT])
    doctor = repos.doctors.get(1)
    assert (doctor.name, doctor.specialization, doctor.contact_no, doctor.consultation_fee) == (
        "Meera Iyer", "Cardiac Surgery", "9876543210", Decimal("900.00"))


def test_doctors_are_found_by_specialization(db, settings):
    run_menu(db, settings, [DOCTORS, ADD, "Meera Iyer", "Cardiology", "9876543210", "750", "", BACK, EXIT])
    run_menu(db, settings, [DOCTORS, ADD, "Ravi Shah", "Orthopaedics", "9876543211", "600", "", BACK, EXIT])
    transcript = run_menu(db, settings, [DOCTORS, SEARCH, "ORTHO", BACK, EXIT])
    assert "Ravi Shah" in transcript and "Meera Iyer" not in transcript.split("Choose: 4")[1]


def test_deleting_a_doctor_with_appointments_is_refused_with_the_reason(db, settings, repos):
    run_menu(db, settings, [DOCTORS, ADD, "Meera Iyer", "Cardiology", "9876543210", "750", "", BACK, EXIT])
    patient = repos.patients.add(Patient(name="Asha Rao", contact_no="9000000001", age=30, gender="F",
                                         registered_on=date(2026, 11, 1)))
    repos.appointments.book(Appointment(patient.patient_id, 1, date(2026, 11, 23), time(9, 0)))
    transcript = run_menu(db, settings, [DOCTORS, DELETE, "D01", BACK, EXIT])
    assert "Error: doctor D01 has 1 appointment; a doctor with history is kept\n\nDoctors >" in transcript
    assert "Delete doctor D01?" not in transcript
    assert repos.doctors.get(1).name == "Meera Iyer"


def test_a_service_name_must_be_unique_and_may_hold_any_printable_text(db, settings, repos):
    hostile = "Robert'); DROP TABLE patients;--"
    transcript = run_menu(db, settings, [
        SERVICES, ADD, "ECG", "0", "-5", "200",
        ADD, "ECG", "250",
        ADD, hostile, "99.99",
        SEARCH, "drop table", "",
        BACK, EXIT])
    assert "Error: price: must be more than 0" in transcript
    assert "Error: a service named 'ECG' already exists" in transcript
    [stored] = repos.services.search("drop table").items
    assert stored.name == hostile  # its code may skip one on MySQL, where a refused insert uses up a key
    assert f"Added service {stored.code}." in transcript and f"{stored.code}     {hostile}" in transcript
    assert db.scalar("SELECT count(*) FROM patients") == 0


def test_a_price_change_leaves_existing_bills_alone_and_billed_services_stay(db, settings, repos):
    run_menu(db, settings, [SERVICES, ADD, "ECG", "200", BACK, EXIT])
    patient = repos.patients.add(Patient(name="Asha Rao", contact_no="9000000001", age=30, gender="F",
                                         registered_on=date(2026, 11, 1)))
    db.execute("INSERT INTO billing (bill_id, patient_id, subtotal, total_amount, billing_date) VALUES (?, ?, ?, ?, ?)",
               (1, patient.patient_id, Decimal("200"), Decimal("200"), date(2026, 11, 2)))
    db.execute("INSERT INTO bill_items (bill_id, service_id, quantity, unit_price, line_total) VALUES (?, ?, ?, ?, ?)",
               (1, 1, 1, Decimal("200"), Decimal("200")))
    transcript = run_menu(db, settings, [SERVICES, UPDATE, "s1", "", "250", DELETE, "S01", BACK, EXIT])
    assert "Updated service S01." in transcript
    assert "Error: service S01 is on 1 bill; a service on bills is kept" in transcript
    assert repos.services.get(1).name == "ECG"
    assert repos.services.get(1).cost == Decimal("250.00")
    assert db.to_money(db.scalar("SELECT unit_price FROM bill_items WHERE bill_id = 1")) == Decimal("200.00")


def test_a_database_error_is_shown_as_one_line_and_the_menu_goes_on(db, settings, repos, monkeypatch):
    def refuse(*args):
        raise DatabaseBusy("the database is busy with another terminal; try again")
    monkeypatch.setattr(type(repos.services), "page", refuse)
    transcript = run_menu(db, settings, [SERVICES, LIST, BACK, EXIT])
    assert "Error: the database is busy with another terminal; try again\n\nServices >" in transcript


def test_an_unexpected_error_gets_an_apology_and_the_log_path_not_a_traceback(db, settings, repos, monkeypatch):
    def crash(*args):
        raise ZeroDivisionError("boom")
    monkeypatch.setattr(type(repos.doctors), "page", crash)
    transcript = run_menu(db, settings, [DOCTORS, LIST, BACK, EXIT])
    apology = f"Sorry, something went wrong and nothing more was done. The details are in {settings.log_file}."
    assert apology in transcript
    assert "Traceback" not in transcript and "ZeroDivisionError" not in transcript
    assert transcript.rstrip().endswith("Choose: 10")


def test_departments_are_listed_added_changed_and_deleted_from_the_menu_and_a_doctor_joins_one(db, settings, repos):
    transcript = run_menu(db, settings, [
        DOCTORS, DEPARTMENTS, "1", "--", "Emergency", "Block A, ground floor",
        DEPARTMENTS, "1", "e.m.e.r.g.e.n.c.y", "Trauma", "",
        ADD, "Meera Iyer", "Cardiology", "9876543210", "750", "emergency",
        DEPARTMENTS, "2", "Nowhere", "DP02", "", "Block B",
        DEPARTMENTS, "3", "DP01", DEPARTMENTS, "3", "DP02", "y", DEPARTMENTS, "",
        BACK, EXIT])
    assert "No departments yet: a doctor added joins the department of their specialization." in transcript
    assert "Error: department name: must contain a letter or a digit" in transcript
    assert "Added department DP01: Emergency." in transcript
    assert "Name: e.m.e.r.g.e.n.c.y\nError: DP01 is named 'Emergency' already\nName: Trauma" in transcript
    assert "Added department DP02: Trauma." in transcript
    assert "Added doctor D01 to department DP01." in transcript
    assert "Error: no department named 'Nowhere' (Doctors > Departments lists them)" in transcript
    assert "Updated department DP02." in transcript
    assert "Error: department DP01 has 1 doctor; move them to another department first" in transcript
    assert "Deleted department DP02." in transcript
    listing = transcript.split("Deleted department DP02.")[1]
    assert "DP01    Emergency     Block A, ground floor  1" in listing and "DP02" not in listing.split("Choose")[0]
    assert repos.doctors.get(1).department_id == 1
    assert [(d.name, d.location) for d, _ in repos.departments.all()] == [("Emergency", "Block A, ground floor")]
