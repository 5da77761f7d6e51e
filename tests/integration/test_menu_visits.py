"""The clinical record from the menu, on both engines: completing a visit with its notes and
vitals (a reading out of range asked again), the prescription written and printed, treatments
recorded and then offered on the patient's next bill, and the history as a doctor and a cashier
read it."""
from datetime import date, time
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.appointment import Appointment
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.domain.service import Service
from hospital_mgmt.storage.unit_of_work import Repositories
from tests.menu_driver import run_menu
from tests.support import add_staff, stored_doctor

APPOINTMENTS, BILLING, BACK, EXIT = "4", "5", "0", "10"
COMPLETE, VISIT_RECORD = "3", "15"
NOTES_AND_VITALS, PRESCRIPTION, TREATMENTS, SEE_RECORD = "1234"


@pytest.fixture
def settings(db, settings_for):
    return settings_for(db)


@pytest.fixture
def repos(db):
    repos = Repositories(db)
    repos.patients.add(Patient(name="Asha Rao", contact_no="9000000001", age=30, gender="F",
                               registered_on=date(2026, 11, 1)))
    stored_doctor(repos, Doctor("X Sharma", "9100000000", specialization="Cardiology", consultation_fee="800"))
    repos.services.add(Service("Dressing", "150"))
    repos.appointments.book(Appointment(1001, 1, date(2026, 11, 22), time(9, 0)))
    return repos


def test_a_doctor_completes_a_visit_with_vitals_writes_a_prescription_and_records_a_treatment(db, settings, repos):
    transcript = run_menu(db, settings, [
        APPOINTMENTS, COMPLETE, "A1", "Fever", "y", "Fever for 3 days",
        "800", "61.5", "158", "120", "120/80", "88", "", "10.9", "y",
        VISIT_RECORD, "A001",
        PRESCRIPTION, "Paracetamol", "500 mg", "twice a day", "0", "5", "after food", "", "y",
        TREATMENTS, "s", "S01", "2", "left knee", "",
        SEE_RECORD, BACK, BACK, EXIT], at=time(12, 0))
    assert "Error: weight: 800 kg is out of range: 0.3 to 350 kg" in transcript
    assert "Error: blood pressure: '120' is not a reading like 120/80" in transcript
    assert "Error: duration: '0': a number of days from 1 to 365" in transcript
    assert "Appointment A001 completed with its notes and vitals." in transcript
    assert ("Vitals: weight 61.5 kg, height 158.0 cm, blood pressure 120/80 mmHg, pulse 88 beats/min,"
            " haemoglobin 10.9 g/dL, pregnant yes") in transcript
    assert "Treatment TR001 recorded; it waits for the patient's next bill." in transcript
    visit = db.one("SELECT notes, weight_kg, bp_systolic, bp_diastolic, temperature_c, pregnant FROM visits")
    assert visit["notes"] == "Fever for 3 days" and db.to_money(visit["weight_kg"]) == D("61.50")
    assert (visit["bp_systolic"], visit["bp_diastolic"], visit["temperature_c"], visit["pregnant"]) == (
        120, 80, None, 1)
    assert db.table("SELECT medicine, dosage, frequency, days, instructions FROM prescriptions")[1] == [
        ("Paracetamol", "500 mg", "twice a day", 5, "after food")]
    printed = (settings.prescriptions_dir / "prescription_A001.txt").read_text(encoding="utf-8")
    assert "Paracetamol" in printed and "Asha Rao" in printed and "Fever" in printed
    assert (settings.prescriptions_dir / "prescription_A001.pdf").read_bytes().startswith(b"%PDF")
    assert db.table("SELECT service_id, quantity, note, bill_id FROM treatments")[1] == [(1, 2, "left knee", None)]


def test_the_next_bill_offers_the_treatments_and_the_history_shows_each_reader_their_part(db, settings, repos):
    run_menu(db, settings, [APPOINTMENTS, COMPLETE, "A1", "Fever", "y", "Pale, tired", "", "", "", "", "", "9.5",
                            "", VISIT_RECORD, "A001", TREATMENTS, "s", "S01", "2", "", "", BACK, BACK, EXIT],
             at=time(12, 0))
    transcript = run_menu(db, settings, [BILLING, "1", "1001", "", "y", "5", "y", "n", "n", BACK, EXIT])
    assert "TR001   A001     S01 Dressing      2" in transcript
    assert "Put this treatment on the bill? [Y/n]: y" in transcript
    assert "Finalized bill B001: total 300.00 INR." in transcript
    assert db.scalar("SELECT bill_id FROM treatments") == 1
    assert "not billed yet" not in run_menu(db, settings, [BILLING, "1", "1001", "", BACK, "y", BACK, EXIT])
    doctor = add_staff(db, "meera", "doctor", doctor_id=1)
    cashier = add_staff(db, "ravi", "cashier")
    doctors_view = run_menu(db, settings, [APPOINTMENTS, "6", "1001"], staff=doctor)
    assert "Notes: Pale, tired" in doctors_view and "Vitals: haemoglobin 9.5 g/dL" in doctors_view
    assert "Treatment TR001: S01 Dressing x 2 (billed)" in doctors_view
    assert "Vitals over time (1 visits)" in doctors_view
    cashiers_view = run_menu(db, settings, ["1", "5", "1001"], staff=cashier)
    assert "Treatment TR001: S01 Dressing x 2 (billed)" in cashiers_view
    assert "Pale" not in cashiers_view and "haemoglobin" not in cashiers_view and "Vitals" not in cashiers_view


def test_lab_test_types_are_kept_and_a_visits_tests_ordered_and_flagged_from_the_menu(db, settings, repos):
    transcript = run_menu(db, settings, [
        "3", "7", "a", "Haemoglobin", "g/dL", "12", "abc", "17.5", "", "", "", BACK,
        APPOINTMENTS, COMPLETE, "A1", "Anaemia", "", VISIT_RECORD, "A001", "6", "LT01", "LB0001", "-1", "9.4", "",
        "LB0009", "", BACK, BACK, "6", "14", "", "", "n", BACK, EXIT], at=time(12, 0))
    assert "Lab test LT01 added." in transcript
    assert "Error: highest normal value: 'abc' is not a number (e.g. 5.4)" in transcript
    assert "Lab order LB0001 made." in transcript and "Error: result: -1 must be a number from 0" in transcript
    assert "Lab order LB0001: 9.40 g/dL, low." in transcript
    assert "Error: LB0009 is not one of this visit's orders" in transcript
    assert db.table("SELECT result_on, flag FROM lab_orders")[1][0][1] == "low"
    assert ("LT01    Haemoglobin  g/dL    12.00 - 17.50           1      1         0       0  100.0         9.40"
            in transcript)
