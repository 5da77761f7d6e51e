"""Two terminals doing the same money or booking write at the same moment, on both engines, with
real separate connections released together, several rounds each.

Each race makes the terminals slow just before their write (at_once's `slow`), inside the
transaction: a terminal that holds its lock keeps the other waiting through the pause, while a
missing lock lets both pass their checks first, so a lost lock fails every round, not now and then."""
from datetime import date, time, timedelta
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.billing import BillStatus, PaymentMethod
from hospital_mgmt.operations import appointments, billing, documents, patients, visits
from hospital_mgmt.operations.context import Context
from tests.conftest import at_once
from tests.operations.conftest import a_doctor, a_patient, a_service
from tests.support import TODAY

ROUNDS = 5
TOMORROW = date(2026, 11, 23)


@pytest.fixture
def clinic(ctx):
    for number in range(4):
        a_patient(ctx, name=f"Patient {'ABCD'[number]}ee", phone=f"900000000{number}")
    a_doctor(ctx)
    a_doctor(ctx, name="Bala Iyer", specialization="ENT", fee="300")
    a_service(ctx, "ECG", "250")
    return ctx


def terminal(clinic, connection) -> Context:
    return Context(clinic.settings, connection, clinic.clock)


def race(clinic, settings_for, work, slow):
    return at_once(settings_for(clinic.db), 2, lambda connection, n: work(terminal(clinic, connection), n), slow=slow)


def new_bill(clinic, patient_id=1001, quantity=4):
    draft = billing.start_bill(clinic, patient_id)
    billing.add_service(clinic, draft, 1, quantity)
    return billing.finalize_bill(clinic, draft)  # 4 x 250.00 = 1,000.00 at no tax


def kinds(outcomes) -> list[str]:
    return sorted(type(outcome).__name__ for outcome in outcomes)


def test_two_payments_of_the_whole_balance_take_one(clinic, settings_for):
    for _ in range(ROUNDS):
        bill = new_bill(clinic)
        outcomes = race(clinic, settings_for, lambda t, n, bill=bill: billing.record_payment(
            t, bill.bill_id, D("1000.00"), PaymentMethod.CASH), "INSERT INTO payments")
        assert kinds(outcomes) == ["BillAlreadyPaid", "Paid"], outcomes
        after = billing.get_bill(clinic, bill.bill_id)
        assert (after.amount_paid, after.balance, after.status) == (D("1000.00"), D("0.00"), BillStatus.PAID)


def test_two_part_payments_that_together_exceed_the_balance_take_one(clinic, settings_for):
    for _ in range(ROUNDS):
        bill = new_bill(clinic)
        outcomes = race(clinic, settings_for, lambda t, n, bill=bill: billing.record_payment(
            t, bill.bill_id, D("600.00"), PaymentMethod.UPI, reference=f"UPI-{n}"), "INSERT INTO payments")
        assert kinds(outcomes) == ["Paid", "PaymentExceedsBalance"], outcomes
        loser = next(o for o in outcomes if isinstance(o, Exception))
        assert str(loser) == f"600.00 is more than the balance of bill {bill.code} (400.00)"
        after = billing.get_bill(clinic, bill.bill_id)
        assert (after.amount_paid, after.balance, after.status) == (D("600.00"), D("400.00"), BillStatus.UNPAID)


def test_a_payment_and_a_void_at_once_leave_either_a_paid_bill_or_a_void_one(clinic, settings_for):
    seen = set()
    for _ in range(ROUNDS * 2):
        bill = new_bill(clinic)

        def pay_or_void(t, n, bill=bill):
            if n == 0:
                return billing.record_payment(t, bill.bill_id, D("1000.00"), PaymentMethod.CARD, reference="CARD-1")
            return billing.void_bill(t, bill.bill_id, "Entered twice")

        outcomes = race(clinic, settings_for, pay_or_void, "INSERT INTO payments")
        paid, voided = outcomes
        after = billing.bill_details(clinic, bill.bill_id)
        if isinstance(voided, Exception):
            assert type(voided).__name__ == "BillHasPayments" and not isinstance(paid, Exception), outcomes
            assert after.bill.status == BillStatus.PAID and len(after.payments) == 1
        else:
            assert type(paid).__name__ == "BillIsVoid", outcomes
            assert after.bill.status == BillStatus.VOID and after.payments == []
        seen.add(after.bill.status)
    assert seen  # either order may win; neither may both


def test_two_voids_of_one_bill_void_it_once(clinic, settings_for):
    for _ in range(ROUNDS):
        bill = new_bill(clinic)
        outcomes = race(clinic, settings_for, lambda t, n, bill=bill: billing.void_bill(t, bill.bill_id, f"Reason {n}"),
                        "UPDATE billing SET status")
        assert kinds(outcomes) == ["BillAlreadyVoid", "FinalBill"], outcomes
        winner = next(o for o in outcomes if not isinstance(o, Exception))
        assert billing.get_bill(clinic, bill.bill_id).void_reason == winner.void_reason


def test_two_bills_finalized_at_once_take_the_next_two_numbers_without_a_gap(clinic, settings_for):
    for round_number in range(ROUNDS):
        def finalize(t, n):
            draft = billing.start_bill(t, 1001 + n)
            billing.add_service(t, draft, 1, 1 + n)
            return billing.finalize_bill(t, draft)

        outcomes = race(clinic, settings_for, finalize, "UPDATE counters")
        assert kinds(outcomes) == ["FinalBill", "FinalBill"], outcomes
        assert sorted(bill.bill_id for bill in outcomes) == [2 * round_number + 1, 2 * round_number + 2]
        for bill in outcomes:  # each number holds its own terminal's bill
            assert billing.bill_details(clinic, bill.bill_id).items[0].quantity == bill.patient_id - 1000
    assert clinic.db.scalar("SELECT last_value FROM counters WHERE name = 'bill'") == 2 * ROUNDS


def test_one_draft_finalized_from_two_terminals_at_once_is_one_bill(clinic, settings_for):
    for _ in range(ROUNDS):
        draft = billing.start_bill(clinic, 1001)
        billing.add_service(clinic, draft, 1, 2)
        outcomes = race(clinic, settings_for, lambda t, n, draft=draft: billing.finalize_bill(t, draft),
                        "INSERT INTO billing")
        assert kinds(outcomes) == ["FinalBill", "FinalBill"], outcomes
        assert outcomes[0].bill_id == outcomes[1].bill_id
        assert clinic.db.scalar("SELECT count(*) FROM billing WHERE request_key = ?", (draft.request_key,)) == 1


def test_two_bills_for_one_appointment_at_once_make_one_and_name_it_to_the_other(clinic, settings_for):
    for round_number in range(ROUNDS):
        booked = appointments.book_appointment(clinic, 1001, 1, TOMORROW, time(9 + round_number, 0))

        def finalize(t, n, appt_id=booked.appt_id):
            return billing.finalize_bill(t, billing.start_bill(t, 1001, appt_id)).code

        outcomes = race(clinic, settings_for, finalize, "INSERT INTO billing")
        [winner] = [o for o in outcomes if isinstance(o, str)]
        [loser] = [o for o in outcomes if not isinstance(o, str)]
        assert str(loser) == f"{booked.code} is already on bill {winner}", outcomes
        assert clinic.db.scalar("SELECT count(*) FROM billing WHERE appt_id = ?", (booked.appt_id,)) == 1


def test_two_prints_of_one_invoice_at_once_make_the_original_and_one_duplicate(clinic, settings_for):
    folder = clinic.settings.invoices_dir
    for _ in range(ROUNDS):
        bill = new_bill(clinic)
        outcomes = race(clinic, settings_for, lambda t, n, bill=bill: documents.print_invoice(t, bill.bill_id),
                        "UPDATE billing SET print_count")
        assert sorted(path.name for [path] in outcomes) == [f"{bill.code.join(['bill_', '.txt'])}",
                                                            f"bill_{bill.code}_duplicate_1.txt"], outcomes
        first = (folder / f"bill_{bill.code}.txt").read_text(encoding="utf-8")
        again = (folder / f"bill_{bill.code}_duplicate_1.txt").read_text(encoding="utf-8")
        assert "INVOICE - DUPLICATE" not in first and "INVOICE - DUPLICATE" in again
        assert clinic.db.scalar("SELECT print_count FROM billing WHERE bill_id = ?", (bill.bill_id,)) == 2


def test_two_bookings_of_one_doctors_slot_at_once_store_one(clinic, settings_for):
    for round_number in range(ROUNDS):
        at = time(9 + round_number, 0)
        outcomes = race(clinic, settings_for, lambda t, n, at=at: appointments.book_appointment(
            t, 1001 + n, 1, TOMORROW, at), "INSERT INTO appointments")
        assert kinds(outcomes) == ["Appointment", "SlotTaken"], outcomes
        loser = next(o for o in outcomes if isinstance(o, Exception))
        assert str(loser) == f"Dr. Meera Iyer already has an appointment at {at:%H:%M} on {TOMORROW}"
        assert clinic.db.scalar("SELECT count(*) FROM appointments WHERE appt_time = ? AND doctor_id = 1", (at,)) == 1


def test_one_patient_booked_with_two_doctors_at_once_is_booked_once(clinic, settings_for):
    for round_number in range(ROUNDS):
        at = time(12 + round_number, 0)
        outcomes = race(clinic, settings_for, lambda t, n, at=at: appointments.book_appointment(
            t, 1002, 1 + n, TOMORROW, at), "INSERT INTO appointments")
        assert kinds(outcomes) == ["Appointment", "SlotTaken"], outcomes
        loser = next(o for o in outcomes if isinstance(o, Exception))
        assert str(loser) == f"patient 1002 already has an appointment at {at:%H:%M} on {TOMORROW}"


def test_a_cancel_and_a_completion_of_one_visit_at_once_leave_one_of_them(clinic, settings_for):
    for round_number in range(ROUNDS):
        booked = appointments.book_appointment(clinic, 1003, 2, TODAY, time(9 + round_number, 30))

        def change(t, n, appt_id=booked.appt_id):
            if n == 0:
                return appointments.cancel_appointment(t, appt_id)
            return appointments.complete_appointment(t, appt_id, "Seen")

        outcomes = race(clinic, settings_for, change, "UPDATE appointments SET status")
        assert kinds(outcomes) == ["Appointment", "InvalidTransition"], outcomes
        winner = next(o for o in outcomes if not isinstance(o, Exception))
        stored = appointments.get_appointment(clinic, booked.appt_id).appointment
        assert (stored.status, stored.diagnosis) == (winner.status, winner.diagnosis)


def test_two_discharges_of_one_patient_at_once_discharge_once(clinic, settings_for):
    for round_number in range(ROUNDS):
        patient_id = 1001 + round_number % 4
        admitted = date(2026, 11, 1) if round_number < 4 else date(2026, 11, 25)  # after the first stay ended
        patients.admit_patient(clinic, patient_id, admitted)
        outcomes = race(clinic, settings_for, lambda t, n, patient_id=patient_id, admitted=admitted:
                        patients.discharge_patient(t, patient_id, admitted + timedelta(days=n)), "UPDATE admissions")
        assert kinds(outcomes) == ["Admission", "NotAdmitted"], outcomes
        winner = next(o for o in outcomes if not isinstance(o, Exception))
        assert patients.admissions_of(clinic, patient_id)[0].discharged_on == winner.discharged_on
        assert patients.current_admission(clinic, patient_id) is None


def test_two_admissions_of_one_patient_at_once_make_one_stay(clinic, settings_for):
    for round_number in range(ROUNDS):
        patient_id = 1001 + round_number % 4
        outcomes = race(clinic, settings_for, lambda t, n, patient_id=patient_id: patients.admit_patient(
            t, patient_id, TODAY, f"bed {n}"), "INSERT INTO admissions")
        assert kinds(outcomes) == ["Admission", "AlreadyAdmitted"], outcomes
        winner = next(o for o in outcomes if not isinstance(o, Exception))
        open_stay = patients.current_admission(clinic, patient_id)
        assert open_stay is not None and open_stay.ward == winner.ward
        assert len(patients.admissions_of(clinic, patient_id)) == round_number // 4 + 1
        patients.discharge_patient(clinic, patient_id, TODAY)


def test_one_person_registered_from_two_terminals_at_once_is_questioned_on_the_second(clinic, settings_for):
    from hospital_mgmt.domain.patient import Patient
    for round_number in range(ROUNDS):
        name = ["Asha Rao", "Bina Shah", "Chandra Menon", "Deepa Nair", "Esha Gupta"][round_number]
        person = dict(name=name, contact_no=f"91000000{round_number:02d}", age=20 + 10 * round_number, gender="F",
                      registered_on=TODAY)
        outcomes = race(clinic, settings_for, lambda t, n, person=person: patients.register_patient(
            t, Patient(**person)),
                        "INSERT INTO patients")
        assert kinds(outcomes) == ["Patient", "PossibleDuplicates"], outcomes
        assert clinic.db.scalar("SELECT count(*) FROM patients WHERE contact_no = ?", (person["contact_no"],)) == 1


def test_two_bills_taking_one_treatment_at_once_bill_it_once_and_name_the_bill_to_the_other(clinic, settings_for):
    for round_number in range(ROUNDS):
        booked = appointments.book_appointment(clinic, 1001, 1, clinic.today(), time(9 + round_number, 0))
        appointments.complete_appointment(clinic, booked.appt_id)
        treatment = visits.record_treatment(clinic, booked.appt_id, 1, 2)

        def finalize(t, n, treatment_id=treatment.treatment_id):
            draft = billing.start_bill(t, 1001)
            billing.add_treatment(t, draft, treatment_id)
            return billing.finalize_bill(t, draft).code

        outcomes = race(clinic, settings_for, finalize, "INSERT INTO billing")
        [winner] = [o for o in outcomes if isinstance(o, str)]
        [loser] = [o for o in outcomes if not isinstance(o, str)]
        assert str(loser) == f"treatment {treatment.code} is already on bill {winner}", outcomes
        assert clinic.db.scalar("SELECT count(*) FROM billing WHERE bill_id IN (SELECT bill_id FROM treatments"
                                " WHERE treatment_id = ?)", (treatment.treatment_id,)) == 1
