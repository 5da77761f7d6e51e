"""The clinical record of a visit through the operations, on both engines: notes and vitals by the
visit's doctor (or an administrator, for notes), prescriptions printed, treatments onto the next
bill once, and who sees what in the history."""
from datetime import time
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.errors import (
    InvalidField,
    InvalidQuantity,
    InvalidTransition,
    NotAllowed,
    NothingToPrint,
    NotPatientsTreatment,
    TreatmentAlreadyBilled,
)
from hospital_mgmt.domain.visit import Medicine, Vitals
from hospital_mgmt.operations import appointments, billing, documents, history, visits
from hospital_mgmt.operations.context import Context
from tests.operations.conftest import a_doctor, a_patient, a_service
from tests.support import add_staff, signed_in

PARACETAMOL = Medicine("Paracetamol", "500 mg", "three times a day", 5, "after food")


@pytest.fixture
def clinic(ctx):
    a_patient(ctx)  # 1001, Asha Rao, F, 30
    a_patient(ctx, name="Ravi Kumar", phone="9000000002", age=52, gender="M")  # 1002
    a_doctor(ctx)  # D01 Meera Iyer
    a_doctor(ctx, name="Bala Iyer", specialization="ENT", fee="300")  # D02
    a_service(ctx, "Dressing", "150")  # S01
    a_service(ctx, "Nebulisation", "200.50")  # S02
    return ctx


@pytest.fixture
def staff(clinic):
    """The visit's doctor, another doctor, an administrator and a cashier, each signed in."""
    def account(login, roles, doctor_id=None) -> Context:
        return signed_in(clinic, add_staff(clinic.db, login, roles, doctor_id=doctor_id))
    return {"meera": account("meera", "doctor", 1), "bala": account("bala", "doctor", 2),
            "asha": account("asha", "administrator"), "ravi": account("ravi", "cashier")}


def seen(ctx, patient_id=1001, doctor_id=1, at=time(9, 0)) -> int:
    """An appointment of today, completed."""
    booked = appointments.book_appointment(ctx, patient_id, doctor_id, ctx.today(), at)
    appointments.complete_appointment(ctx, booked.appt_id)
    return booked.appt_id


def test_the_visits_doctor_records_notes_and_vitals_and_reads_them_back(clinic, staff):
    appt_id = seen(clinic)
    visits.record_visit(staff["meera"], appt_id, notes="Fever for 3 days.\nNo rash.",
                        vitals=Vitals(weight_kg="61.5", height_cm="158", bp_systolic="128", bp_diastolic="84",
                                      pulse="92", temperature_c="38.4", haemoglobin="10.9", pregnant=True))
    record = visits.visit_details(staff["bala"], appt_id).record  # any doctor reads the record
    assert record.notes == "Fever for 3 days.\nNo rash."
    assert (record.vitals.weight_kg, record.vitals.height_cm, record.vitals.temperature_c) == (
        D("61.5"), D("158.0"), D("38.4"))
    assert (record.vitals.blood_pressure, record.vitals.pulse, record.vitals.haemoglobin) == ("128/84", 92, D("10.9"))
    assert record.vitals.pregnant is True and record.vitals.bmi == D("24.6")
    assert record.recorded_by == staff["meera"].actor.user_id
    # Given again with only the notes, the vitals stay as they were.
    visits.record_visit(staff["meera"], appt_id, notes="Fever settled.")
    again = visits.visit_details(staff["meera"], appt_id).record
    assert again.notes == "Fever settled." and again.vitals == record.vitals


def test_the_audit_trail_says_the_notes_changed_but_not_what_they_say(clinic, staff):
    appt_id = seen(clinic)
    visits.record_visit(staff["meera"], appt_id, notes="Confidential: query TB.", vitals=Vitals(pulse=70))
    changes = clinic.db.scalar("SELECT changes FROM audit WHERE operation = 'visit.record'")
    assert "TB" not in changes and "23 characters" in changes and '"pulse"' in changes


def test_only_doctors_on_their_own_visits_and_administrators_write_notes(clinic, staff):
    appt_id = seen(clinic)
    with pytest.raises(NotAllowed, match="another doctor's"):
        visits.record_visit(staff["bala"], appt_id, notes="Not my patient")
    with pytest.raises(NotAllowed, match="may not see clinical notes and prescriptions"):
        visits.record_visit(staff["ravi"], appt_id, notes="A cashier's note")
    visits.record_visit(staff["asha"], appt_id, notes="Added for Dr Iyer, by phone.")
    with pytest.raises(NotAllowed, match="may not complete visits"):  # an administrator measures nothing
        visits.record_visit(staff["asha"], appt_id, vitals=Vitals(pulse=80))
    assert visits.visit_details(clinic, appt_id).record.notes == "Added for Dr Iyer, by phone."
    assert visits.visit_details(clinic, appt_id).record.vitals.pulse is None


def test_a_visit_is_recorded_once_the_patient_has_come_and_never_on_a_cancelled_one(clinic, staff):
    booked = appointments.book_appointment(clinic, 1001, 1, clinic.today(), time(10, 0))
    with pytest.raises(InvalidTransition, match="is scheduled; a visit's notes and vitals can be recorded once the"
                                                " patient has checked in"):
        visits.record_visit(staff["meera"], booked.appt_id, notes="Too early")
    appointments.cancel_appointment(clinic, booked.appt_id)
    with pytest.raises(InvalidTransition, match="is cancelled"):
        visits.prescribe(staff["meera"], booked.appt_id, [PARACETAMOL])
    assert clinic.db.scalar("SELECT count(*) FROM visits") == 0


def test_completing_with_notes_and_vitals_writes_all_of_it_or_none(clinic, staff):
    booked = appointments.book_appointment(clinic, 1002, 1, clinic.today(), time(9, 30))
    with pytest.raises(InvalidField, match="^pregnant: is recorded for female patients only$"):
        appointments.complete_appointment(staff["meera"], booked.appt_id, "Viral fever", notes="Rest",
                                          vitals=Vitals(pregnant=False))
    assert appointments.get_appointment(clinic, booked.appt_id).appointment.status.value == "scheduled"
    assert clinic.db.scalar("SELECT count(*) FROM visits") == 0
    done = appointments.complete_appointment(staff["meera"], booked.appt_id, "Viral fever", notes="Rest",
                                             vitals=Vitals(temperature_c="37.9"))
    assert done.status.value == "completed" and done.diagnosis == "Viral fever"
    assert visits.visit_details(clinic, booked.appt_id).record.vitals.temperature_c == D("37.9")


def test_a_prescription_is_written_whole_by_the_visits_doctor_and_printed_with_a_duplicate_stamp(clinic, staff):
    appt_id = seen(clinic)
    appointments.record_diagnosis(clinic, appt_id, "Viral fever")
    with pytest.raises(NotAllowed, match="may not issue prescriptions"):
        visits.prescribe(staff["asha"], appt_id, [PARACETAMOL])
    with pytest.raises(NotAllowed, match="another doctor's"):
        visits.prescribe(staff["bala"], appt_id, [PARACETAMOL])
    with pytest.raises(InvalidField, match="paracetamol is prescribed twice"):
        visits.prescribe(staff["meera"], appt_id, [PARACETAMOL, Medicine("paracetamol", "650 mg", "once", 1)])
    with pytest.raises(NothingToPrint, match="has no prescription"):
        documents.print_prescription(staff["meera"], appt_id)
    visits.prescribe(staff["meera"], appt_id, [Medicine("Cetirizine", "10 mg", "at night", 3)])
    visits.prescribe(staff["meera"], appt_id, [PARACETAMOL, Medicine("ORS", "1 sachet", "after each stool", 2)])
    assert visits.visit_details(clinic, appt_id).prescription == [
        PARACETAMOL, Medicine("ORS", "1 sachet", "after each stool", 2)]
    [text] = documents.print_prescription(staff["meera"], appt_id)
    printed = text.read_text(encoding="utf-8")
    for expected in ("PRESCRIPTION", "Dr. Meera Iyer, Cardiology (Cardiology)", "1001  Asha Rao",
                     "30 years, female", "Date:", "2026-11-22", "Viral fever", "Paracetamol", "500 mg",
                     "three times a day", "after food", "after each stool"):
        assert expected in printed, expected
    assert "DUPLICATE" not in printed and "Cetirizine" not in printed
    again = documents.print_prescription(staff["bala"], appt_id, pdf=True)  # any doctor may print it
    assert "DUPLICATE" in again[0].read_text(encoding="utf-8") and again[1].read_bytes().startswith(b"%PDF")
    assert text.exists() and again[0] != text  # the first copy stays as it was
    with pytest.raises(NotAllowed):
        documents.print_prescription(staff["ravi"], appt_id)


def test_a_treatment_goes_on_the_patients_next_bill_at_todays_price_once(clinic, staff):
    appt_id = seen(clinic)
    dressing = visits.record_treatment(staff["meera"], appt_id, 1, 2, "left knee")
    visits.record_treatment(staff["meera"], appt_id, 2)
    assert [(line.treatment.code, line.service.cost) for line in visits.treatments_to_bill(staff["ravi"], 1001)] == [
        ("TR001", D("150.00")), ("TR002", D("200.50"))]
    assert visits.treatments_to_bill(staff["ravi"], 1002) == []
    clinic.db.execute("UPDATE services SET cost = ? WHERE service_id = 1", (D("175"),))  # the price of the day
    draft = billing.start_bill(staff["ravi"], 1001)
    billing.add_waiting_treatments(staff["ravi"], draft)
    with pytest.raises(InvalidQuantity, match="2 of S01 are treatments of the visit"):
        draft.set_quantity(1, 1)
    bill = billing.finalize_bill(staff["ravi"], draft)
    assert [(item.service_id, item.quantity, item.unit_price) for item in billing.bill_details(clinic, bill.bill_id)
            .items] == [(1, 2, D("175.00")), (2, 1, D("200.50"))]
    assert bill.total_amount == D("550.50")
    assert visits.treatments_to_bill(staff["ravi"], 1001) == []
    again = billing.start_bill(staff["ravi"], 1001)
    with pytest.raises(TreatmentAlreadyBilled, match=f"^treatment TR001 is already on bill {bill.code}$"):
        billing.add_treatment(staff["ravi"], again, dressing.treatment_id)
    with pytest.raises(InvalidTransition, match="is on a bill"):
        visits.remove_treatment(staff["meera"], dressing.treatment_id)
    billing.void_bill(staff["ravi"], bill.bill_id, "Wrong bill")  # a void bill gives them back
    assert [line.treatment.code for line in visits.treatments_to_bill(staff["ravi"], 1001)] == ["TR001", "TR002"]


def test_a_draft_that_drops_a_treatments_line_leaves_the_treatment_waiting(clinic, staff):
    appt_id = seen(clinic)
    visits.record_treatment(staff["meera"], appt_id, 1)
    draft = billing.start_bill(staff["ravi"], 1001)
    billing.add_waiting_treatments(staff["ravi"], draft)
    billing.add_service(staff["ravi"], draft, 2)
    draft.remove_service(1)
    billing.finalize_bill(staff["ravi"], draft)
    assert [line.treatment.code for line in visits.treatments_to_bill(staff["ravi"], 1001)] == ["TR001"]


def test_a_treatment_is_billed_to_its_own_patient_only_and_recorded_once_per_request(clinic, staff):
    appt_id = seen(clinic)
    first = visits.record_treatment(staff["meera"], appt_id, 1, request_key="a" * 32)
    assert visits.record_treatment(staff["meera"], appt_id, 1, request_key="a" * 32).code == first.code
    assert clinic.db.scalar("SELECT count(*) FROM treatments") == 1
    with pytest.raises(NotPatientsTreatment, match="TR001 is of patient 1001, not of 1002"):
        billing.add_treatment(staff["ravi"], billing.start_bill(staff["ravi"], 1002), first.treatment_id)
    with pytest.raises(NotAllowed, match="another doctor's"):
        visits.record_treatment(staff["bala"], appt_id, 2)
    with pytest.raises(NotAllowed, match="may not complete visits"):
        visits.record_treatment(staff["ravi"], appt_id, 2)
    visits.remove_treatment(staff["meera"], first.treatment_id)
    assert clinic.db.scalar("SELECT count(*) FROM treatments") == 0


def test_the_history_shows_doctors_the_notes_and_vitals_over_time_and_a_cashier_only_the_treatments(clinic, staff):
    first, second = seen(clinic, at=time(9, 0)), seen(clinic, at=time(9, 30))
    visits.record_visit(staff["meera"], first, notes="Pale.", vitals=Vitals(haemoglobin="9.8", weight_kg="60"))
    visits.record_visit(staff["meera"], second, vitals=Vitals(haemoglobin="10.6", weight_kg="61"))
    visits.prescribe(staff["meera"], first, [Medicine("Ferrous sulphate", "200 mg", "twice a day", 30)])
    visits.record_treatment(staff["meera"], second, 1)
    doctors_view = history.patient_history(staff["bala"], 1001)
    assert doctors_view.clinical
    assert [(reading.appt_id, reading.vitals.haemoglobin) for reading in doctors_view.vitals] == [
        (first, D("9.8")), (second, D("10.6"))]
    by_code = {visit.view.appointment.appt_id: visit for visit in doctors_view.visits}
    assert by_code[first].record.notes == "Pale." and by_code[first].prescription[0].medicine == "Ferrous sulphate"
    assert [line.service.name for line in by_code[second].treatments] == ["Dressing"]
    cashiers_view = history.patient_history(staff["ravi"], 1001)
    assert not cashiers_view.clinical and cashiers_view.vitals == []
    assert all(visit.record is None and visit.prescription == [] for visit in cashiers_view.visits)
    assert [len(visit.treatments) for visit in cashiers_view.visits] == [len(v.treatments) for v in doctors_view.visits]
