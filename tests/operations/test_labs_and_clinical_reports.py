"""The laboratory and the insights of the clinical record through the operations, on both
engines: test types with reference ranges, tests ordered and flagged, a patient's lab history;
the high-risk patients against the thresholds of domain/risk.py, the average weight by city and
the distribution of lab results, each checked against figures worked out by hand."""
import stat
from datetime import date, time
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.errors import DuplicateLabTest, InvalidField, InvalidTransition, NotAllowed
from hospital_mgmt.domain.lab import LabFlag, LabTest
from hospital_mgmt.domain.period import Period
from hospital_mgmt.domain.risk import anaemia_threshold, very_high_blood_pressure
from hospital_mgmt.domain.visit import Vitals
from hospital_mgmt.operations import appointments, documents, labs, reports, visits
from tests.operations.conftest import a_doctor, a_patient
from tests.support import add_staff, on, signed_in

MONTH = Period(date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def clinic(ctx):
    a_patient(ctx, "Asha Rao", "9000000001", 30, "F", city="Pune")  # 1001
    a_patient(ctx, "Ravi Kumar", "9000000002", 52, "M", city="Pune")  # 1002
    a_patient(ctx, "Leela Das", "9000000003", 8, "F", city="Kochi")  # 1003
    a_patient(ctx, "Omar Khan", "9000000004", 40, "M")  # 1004, no city
    a_doctor(ctx)
    return ctx


def visit(ctx, patient_id, day, at=time(9, 0), **vitals) -> int:
    """An appointment on that day, completed then with its vitals."""
    there = on(ctx, day, time(8, 0))
    booked = appointments.book_appointment(there, patient_id, 1, date.fromisoformat(day), at)
    appointments.complete_appointment(there, booked.appt_id, vitals=Vitals(**vitals) if vitals else None)
    return booked.appt_id


def test_a_lab_result_is_flagged_against_its_tests_range_and_keeps_its_flag_when_the_range_moves(clinic):
    glucose = labs.add_lab_test(clinic, LabTest("Fasting blood glucose", "mg/dL", "70", "100"))
    cholesterol = labs.add_lab_test(clinic, LabTest("Total cholesterol", "mg/dL", high="200"))
    assert (glucose.code, cholesterol.range_text) == ("LT01", "< 200.00")
    with pytest.raises(DuplicateLabTest):
        labs.add_lab_test(clinic, LabTest("fasting  blood-glucose", "mg/dL", "60", "90"))
    with pytest.raises(InvalidField, match="the lowest must be below the highest"):
        LabTest("Sodium", "mmol/L", "145", "135")
    appt_id = visit(clinic, 1002, "2026-11-10")
    first = labs.order_lab_test(clinic, appt_id, glucose.test_id)
    second = labs.order_lab_test(clinic, appt_id, cholesterol.test_id)
    assert labs.record_lab_result(on(clinic, "2026-11-12"), first.order_id, "126").flag is LabFlag.HIGH
    with pytest.raises(InvalidField, match="must be from the day of the order"):
        labs.record_lab_result(on(clinic, "2026-11-12"), second.order_id, "180", "2026-11-09")
    assert labs.record_lab_result(on(clinic, "2026-11-12"), second.order_id, "180").flag is LabFlag.NORMAL
    labs.update_lab_test(clinic, LabTest("Fasting blood glucose", "mg/dL", "70", "130", glucose.test_id))
    history = labs.lab_history(clinic, 1002)
    assert [(r.test.name, r.order.result, r.order.flag, r.order.result_on) for r in history] == [
        ("Fasting blood glucose", D("126.00"), LabFlag.HIGH, date(2026, 11, 12)),
        ("Total cholesterol", D("180.00"), LabFlag.NORMAL, date(2026, 11, 12))]
    with pytest.raises(InvalidTransition, match="has its result"):
        labs.cancel_lab_order(clinic, first.order_id)


def test_a_womans_result_is_flagged_against_the_womens_range_where_the_test_has_one(clinic):
    haemoglobin = labs.add_lab_test(clinic, LabTest("Haemoglobin", "g/dL", "13.5", "17.5", None, "12.0", "15.5"))
    assert haemoglobin.range_text == "13.50 - 17.50 (women 12.00 - 15.50)"
    flags = []
    for patient_id, at in ((1001, time(9, 0)), (1002, time(9, 15))):  # Asha (F), Ravi (M): normal for her, low for him
        order = labs.order_lab_test(clinic, visit(clinic, patient_id, "2026-11-10", at), haemoglobin.test_id)
        flags.append(labs.record_lab_result(clinic, order.order_id, "12.8").flag)
    assert flags == [LabFlag.NORMAL, LabFlag.LOW]
    with pytest.raises(InvalidField, match="women's reference range: 15.50 to 12.00"):
        LabTest("Haemoglobin", "g/dL", "13.5", "17.5", None, "15.5", "12.0")
    report = reports.run_report(clinic, "lab-results", MONTH)
    assert report.rows[0][3:8] == ["13.50 - 17.50 (women 12.00 - 15.50)", 2, 1, 1, 0]


def test_only_the_visits_doctor_orders_and_reports_and_only_clinical_readers_see_the_history(clinic):
    test = labs.add_lab_test(clinic, LabTest("Haemoglobin", "g/dL", "12", "17.5"))
    appt_id = visit(clinic, 1001, "2026-11-10")
    meera = signed_in(clinic, add_staff(clinic.db, "meera", "doctor", doctor_id=1))
    cashier = signed_in(clinic, add_staff(clinic.db, "ravi", "cashier"))
    with pytest.raises(NotAllowed):
        labs.order_lab_test(cashier, appt_id, test.test_id)
    with pytest.raises(NotAllowed):
        labs.add_lab_test(meera, LabTest("Sodium", "mmol/L", "135", "145"))  # the price list's keepers only
    order = labs.order_lab_test(meera, appt_id, test.test_id)
    labs.record_lab_result(meera, order.order_id, "9.1")
    with pytest.raises(NotAllowed):
        labs.lab_history(cashier, 1001)
    assert labs.lab_history(meera, 1001)[0].order.flag is LabFlag.LOW


def test_the_anaemia_thresholds_follow_age_sex_and_pregnancy_and_blood_pressure_its_own():
    assert [anaemia_threshold(age, sex, pregnant) for age, sex, pregnant in (
        (3, "F", None), (8, "M", None), (13, "F", None), (30, "F", False), (30, "F", True), (30, "M", None),
        (30, "O", None))] == [D("11.0"), D("11.5"), D("12.0"), D("12.0"), D("11.0"), D("13.0"), D("12.0")]
    assert very_high_blood_pressure(Vitals(bp_systolic=180, bp_diastolic=100))
    assert very_high_blood_pressure(Vitals(bp_systolic=150, bp_diastolic=120))
    assert not very_high_blood_pressure(Vitals(bp_systolic=179, bp_diastolic=119))
    assert very_high_blood_pressure(Vitals(bp_systolic=160, bp_diastolic=100, pregnant=True))
    assert not very_high_blood_pressure(Vitals(bp_systolic=160, bp_diastolic=100))


def test_the_high_risk_report_reads_each_patients_latest_readings_of_the_period(clinic):
    # Asha, pregnant: Hb 10.6 is below 11.0; then 11.4, not anaemic in pregnancy - her latest counts
    visit(clinic, 1001, "2026-11-03", haemoglobin="10.6", pregnant=True)
    visit(clinic, 1001, "2026-11-17", haemoglobin="11.4", pregnant=True)
    # Ravi: Hb 12.9 is below a man's 13.0; his pressure 182/100 is very high
    visit(clinic, 1002, "2026-11-05", haemoglobin="12.9")
    visit(clinic, 1002, "2026-11-06", bp_systolic=182, bp_diastolic=100)
    # Leela, 8: Hb 11.2 is below a child's 11.5
    visit(clinic, 1003, "2026-11-07", haemoglobin="11.2")
    # Omar: 165/105 is high but not very high; Hb of October is outside the period
    visit(clinic, 1004, "2026-11-08", bp_systolic=165, bp_diastolic=105)
    visit(clinic, 1004, "2026-10-20", haemoglobin="9.0")
    report = reports.run_report(clinic, "high-risk", MONTH)
    assert report.rows == [
        ["1002", "Ravi Kumar", 52, "M", "Pune", "12.9 (2026-11-05)", "182/100 (2026-11-06)",
         "anaemia: Hb 12.9 below 13.0; very high blood pressure: 182/100"],
        ["1003", "Leela Das", 8, "F", "Kochi", "11.2 (2026-11-07)", "", "anaemia: Hb 11.2 below 11.5"]]
    early = reports.run_report(clinic, "high-risk", Period(date(2026, 11, 1), date(2026, 11, 10)))
    assert early.rows[0][:2] == ["1001", "Asha Rao"] and early.rows[0][-1] == "anaemia: Hb 10.6 below 11.0, pregnant"
    manager = signed_in(clinic, add_staff(clinic.db, "mona", "manager"))
    with pytest.raises(NotAllowed, match="may not see clinical notes"):
        reports.run_report(manager, "high-risk", MONTH)


def test_the_average_weight_by_city_is_exact_and_rounded_half_up_once(clinic):
    # Pune: 60.0, 60.1 and 60.1 kg weigh 60.0666... kg on average, shown 60.1; 80.2 and 80.3 make
    # 80.25, half-up 80.3
    visit(clinic, 1001, "2026-11-03", weight_kg="60.0")
    visit(clinic, 1001, "2026-11-10", weight_kg="60.1")
    visit(clinic, 1002, "2026-11-03", at=time(9, 15), weight_kg="60.1")
    visit(clinic, 1003, "2026-11-03", at=time(9, 30), weight_kg="24.5")
    visit(clinic, 1004, "2026-11-04", weight_kg="80.2")
    visit(clinic, 1004, "2026-11-05", weight_kg="80.3")
    visit(clinic, 1004, "2026-11-06", pulse=70)  # no weighing: not counted
    report = reports.run_report(signed_in(clinic, add_staff(clinic.db, "mona", "manager")), "weight-by-city", MONTH)
    assert report.rows == [["(no city)", 1, 2, "80.3", "80.2", "80.3"], ["Kochi", 1, 1, "24.5", "24.5", "24.5"],
                           ["Pune", 2, 3, "60.1", "60.0", "60.1"]]


def test_the_lab_results_report_counts_each_tests_results_by_flag(clinic):
    glucose = labs.add_lab_test(clinic, LabTest("Fasting blood glucose", "mg/dL", "70", "100"))
    tsh = labs.add_lab_test(clinic, LabTest("TSH", "mIU/L", "0.4", "4.0"))
    appt_id = visit(clinic, 1002, "2026-11-10")
    for value in ("65", "90", "95", "140"):
        order = labs.order_lab_test(clinic, appt_id, glucose.test_id)
        labs.record_lab_result(on(clinic, "2026-11-11"), order.order_id, value)
    labs.order_lab_test(clinic, appt_id, tsh.test_id)  # no result yet: not in the report
    report = reports.run_report(clinic, "lab-results", MONTH)
    assert report.rows == [["LT01", "Fasting blood glucose", "mg/dL", "70.00 - 100.00", 4, 1, 2, 1, "50.0",
                            "65.00", "97.50", "140.00"]]


def test_the_pdf_history_charts_the_vitals_for_a_doctor_and_leaves_the_clinical_record_out_for_a_cashier(clinic):
    from pypdf import PdfReader
    first = visit(clinic, 1001, "2026-11-03", weight_kg="58.0", haemoglobin="10.1")
    visit(clinic, 1001, "2026-11-17", weight_kg="59.5", haemoglobin="11.3", bp_systolic=118, bp_diastolic=76)
    visits.record_visit(clinic, first, notes="Tired for weeks; started iron.")
    appointments.record_diagnosis(clinic, first, "Anaemia & fatigue")
    test = labs.add_lab_test(clinic, LabTest("Ferritin", "ng/mL", "15", "150"))
    labs.record_lab_result(on(clinic, "2026-11-20"), labs.order_lab_test(clinic, first, test.test_id).order_id, "9")
    doctor = signed_in(on(clinic, "2026-11-22"), add_staff(clinic.db, "meera", "doctor", doctor_id=1))
    path = documents.print_history(doctor, 1001)
    assert path.name == "history_1001_20261122.pdf" and stat.S_IMODE(path.stat().st_mode) == 0o600
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("Patient history: 1001 Asha Rao", "Tired for weeks; started iron.", "Vitals over time",
                     "Weight (kg)", "Haemoglobin (g/dL)", "58.0", "11.3", "118/76", "Ferritin", "low", "2026-11-03",
                     "Anaemia & fatigue"):
        assert expected in text, expected
    cashier = signed_in(on(clinic, "2026-11-22"), add_staff(clinic.db, "ravi", "cashier"))
    plain = "\n".join(page.extract_text() for page in PdfReader(documents.print_history(cashier, 1001)).pages)
    assert "Appointments (2)" in plain and "Asha Rao" in plain
    assert "Tired" not in plain and "Vitals" not in plain and "Ferritin" not in plain and "10.1" not in plain
    assert clinic.db.table("SELECT summary FROM audit WHERE operation = 'history.print' ORDER BY audit_id")[1] == [
        ("history of patient 1001 printed with the clinical record",), ("history of patient 1001 printed",)]
