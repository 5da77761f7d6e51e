"""A small hospital with known answers for every report (see test_reports.py), built through the
operations a clerk's day goes through, each on its own day."""
from datetime import date, time
from decimal import Decimal as D

from hospital_mgmt.domain.billing import PaymentMethod
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.domain.service import Service
from hospital_mgmt.operations import appointments, billing, doctors, patients, price_list
from tests.support import context_for, on

APPOINTMENTS = [  # date, time, patient, doctor, status
    ("2026-01-31", "09:00", 1001, 1, "completed"), ("2026-01-31", "09:00", 1002, 2, "completed"),
    ("2026-01-31", "09:15", 1003, 1, "scheduled"), ("2026-02-01", "09:00", 1001, 2, "completed"),
    ("2026-02-01", "09:15", 1002, 1, "cancelled"), ("2026-02-15", "10:00", 1001, 1, "completed"),
    ("2026-02-28", "10:00", 1003, 3, "no_show"), ("2026-03-01", "10:00", 1002, 2, "completed"),
]
BILLS = [  # day, patient, appointment, [(service, quantity)], payments [(day, method, amount)], void
    ("2026-01-31", 1001, 1, [(1, 1)], [("2026-01-31", "cash", "700")], False),
    ("2026-01-31", 1002, 2, [(2, 2)], [("2026-02-01", "upi", "500")], False),
    ("2026-02-01", 1001, 4, [(3, 3)], [], False),
    ("2026-02-15", 1001, 6, [(1, 1)], [], True),
    ("2026-03-01", 1002, 8, [(1, 1), (3, 1)], [("2026-03-01", "card", "599.99")], False),
]
EVENING = time(18, 0)  # after every slot of the day: a no-show may be marked
CHANGE = {"completed": appointments.complete_appointment, "cancelled": appointments.cancel_appointment,
          "no_show": appointments.mark_no_show}


def build_small_hospital(db) -> None:
    ctx = on(context_for(db), "2026-01-10")
    for name, admitted in (("Asha Rao", "2026-01-10"), ("Ravi Kumar", "2026-01-10"), ("Meena Pillai", "2026-01-31"),
                           ("John Dsouza", "2026-02-01")):
        patients.register_patient(ctx, Patient(name=name, contact_no=f"90000{len(name):05d}{admitted[-1]}", age=40,
                                               gender="F", registered_on=admitted), duplicates_confirmed=True)
    for patient_id, admitted, discharged in ((1001, "2026-01-10", "2026-01-12"), (1003, "2026-02-01", None)):
        patients.admit_patient(ctx, patient_id, date.fromisoformat(admitted))
        if discharged:
            patients.discharge_patient(ctx, patient_id, date.fromisoformat(discharged))
    for name, specialization, fee in (("Asha Menon", "Cardiology", "500"), ("Bala Iyer", "ENT", "300"),
                                      ("Chitra Das", "Dermatology", "400")):
        doctors.add_doctor(ctx, Doctor(name, "9100000000", specialization=specialization, consultation_fee=fee))
    for name, price in (("ECG", "200"), ("X-Ray - Chest", "350.50"), ("Lab - CBC", "99.99")):
        price_list.add_service(ctx, Service(name, price))
    for day, at, patient, doctor, status in APPOINTMENTS:
        booked = appointments.book_appointment(on(ctx, day), patient, doctor, date.fromisoformat(day),
                                               time.fromisoformat(at))
        if status in CHANGE:
            CHANGE[status](on(ctx, day, EVENING), booked.appt_id)
    for day, patient, appt_id, items, payments, void in BILLS:
        draft = billing.start_bill(on(ctx, day), patient, appt_id)
        for service_id, quantity in items:
            billing.add_service(ctx, draft, service_id, quantity)
        bill = billing.finalize_bill(on(ctx, day), draft)
        for paid_on, method, amount in payments:
            billing.record_payment(on(ctx, paid_on), bill.bill_id, D(amount), PaymentMethod(method),
                                   reference="TXN-1")
        if void:
            billing.void_bill(on(ctx, day), bill.bill_id, "Entered twice")


def follow_ups_from_the_records(db, period) -> tuple[int, list[tuple]]:
    """The patients seen, and every patient with more than one completed visit (most first), with
    their visits and last visit, counted from the appointments themselves."""
    _, rows = db.table(
        "SELECT a.patient_id, COUNT(*) AS visits, MAX(a.appt_date) FROM appointments a"
        " WHERE a.status = 'completed' AND a.appt_date >= ? AND a.appt_date <= ?"
        " GROUP BY a.patient_id ORDER BY visits DESC, a.patient_id", (period.first, period.last))
    return len(rows), [(str(patient), int(visits), db.to_date(last)) for patient, visits, last in rows if visits > 1]
