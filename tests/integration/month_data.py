"""A month shaped like a real one (November 2026, with the last day of October and the first of
December around it), built through the operations a clerk's day goes through: several billing
days, several bills and payments per method on one day, two payments of one bill on one day,
bills on both edges of the month, an appointment booked after later ones, a bill voided and its
visit billed again, part-paid and unpaid bills, a discount, a payment made after the month, two
doctors tied on visits (the one with the later code has the larger revenue), patients with one
visit and with several; a line credited and refunded by UPI, a bill wholly credited with its cash
refunded, a deposit left and part of it put towards a bill.

The expected figures are worked out here in plain Python from the same lists (an oracle
independent of the SQL under test), and a few of them are written out by hand in the tests."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal as D

from hospital_mgmt.domain.billing import PaymentMethod
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.domain.service import Service
from hospital_mgmt.operations import appointments, billing, checkout, doctors, patients, price_list
from tests.support import context_for, on

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))
SERVICES = {1: ("ECG", D("200.00")), 2: ("X-Ray - Chest", D("350.50")), 3: ("Lab - CBC", D("99.99")),
            4: ("Dressing", D("150.25"))}
DOCTORS = {1: ("Asha Menon", "Cardiology", D("500.00")), 2: ("Bala Iyer", "ENT", D("300.00")),
           3: ("Chitra Das", "Dermatology", D("400.00"))}
PATIENTS = {1001: ("Anil Rao", "2026-10-01"), 1002: ("Bina Shah", "2026-10-20"), 1003: ("Chetan Pillai", "2026-11-01"),
            1004: ("Divya Nair", "2026-11-01"), 1005: ("Esha Gupta", "2026-11-30"), 1006: ("Farid Khan", "2026-12-01")}
ADMISSIONS = [  # patient, admitted, discharged: stays on both edges of the month and beyond them
    (1001, "2026-10-31", "2026-11-02"), (1002, "2026-11-01", "2026-11-03"), (1003, "2026-11-01", None),
    (1002, "2026-11-30", None), (1004, "2026-12-01", None)]
APPOINTMENTS = [  # appt_id: date, time, patient, doctor, status
    ("2026-10-31", "09:00", 1001, 1, "completed"),   # A1, the day before the month
    ("2026-11-01", "09:00", 1001, 2, "completed"),   # A2, the month's first day
    ("2026-11-01", "09:00", 1002, 1, "completed"),   # A3
    ("2026-11-01", "09:15", 1003, 1, "cancelled"),   # A4
    ("2026-11-02", "10:00", 1004, 3, "completed"),   # A5
    ("2026-11-02", "10:00", 1005, 2, "no_show"),     # A6
    ("2026-11-15", "11:00", 1001, 2, "completed"),   # A7
    ("2026-11-15", "11:00", 1002, 3, "completed"),   # A8
    ("2026-11-15", "11:15", 1006, 1, "completed"),   # A9
    ("2026-11-15", "11:30", 1003, 3, "scheduled"),   # A10
    ("2026-11-30", "16:45", 1002, 1, "completed"),   # A11, the month's last slot
    ("2026-11-30", "16:45", 1004, 2, "completed"),   # A12
    ("2026-12-01", "09:00", 1005, 3, "completed"),   # A13, the day after the month
    ("2026-11-01", "09:30", 1006, 2, "cancelled"),   # A14, booked last, early in the month
]


@dataclass
class BillSpec:
    day: str
    patient: int
    appt: int | None
    items: list[tuple[int, int]]
    payments: list[tuple[str, str, str]] = field(default_factory=list)  # day, method, amount
    discount: str | None = None
    void: bool = False
    credit: tuple[str, int | None, str] | None = None  # day, the service of one line (None: the whole bill), refund
    from_deposit: str | None = None  # a day its whole balance was taken from the patient's deposit


BILLS = [  # bill_id is the position + 1
    BillSpec("2026-10-31", 1001, 1, [(1, 1)], [("2026-10-31", "cash", "700.00")]),
    BillSpec("2026-11-01", 1001, 2, [(2, 2)], [("2026-11-01", "cash", "500.00"), ("2026-11-01", "card", "501.00")]),
    BillSpec("2026-11-01", 1002, 3, [(3, 3)], [("2026-11-01", "cash", "300.00")], credit=("2026-11-20", None, "cash")),
    BillSpec("2026-11-02", 1004, 5, [(1, 1), (4, 2)], void=True),
    BillSpec("2026-11-02", 1004, 5, [(1, 1), (4, 1)], [("2026-11-02", "upi", "750.25")]),
    BillSpec("2026-11-15", 1001, 7, [(2, 3)], [("2026-11-15", "cash", "100.00"), ("2026-11-15", "cash", "200.00")]),
    BillSpec("2026-11-15", 1002, 8, [(2, 1)], [("2026-11-15", "cash", "250.00"), ("2026-11-20", "card", "250.00")]),
    BillSpec("2026-11-15", 1006, 9, [(4, 4)], [("2026-11-15", "upi", "1101.00")], credit=("2026-11-16", 4, "upi")),
    BillSpec("2026-11-20", 1003, None, [(3, 1)], from_deposit="2026-11-20"),
    BillSpec("2026-11-30", 1002, 11, [(1, 2)], [("2026-11-30", "insurance", "900.00")]),
    BillSpec("2026-11-30", 1004, 12, [(2, 1)], [("2026-11-30", "cash", "100.00"), ("2026-12-01", "cash", "500.00")],
             discount="50.50"),
    BillSpec("2026-12-01", 1005, 13, [(1, 1)]),
]
DEPOSITS = [(1003, "2026-11-20", "cash", "1000.00")]  # patient, day, method, amount
EVENING = time(18, 0)  # after every slot of the day: a no-show may be marked
CHANGE = {"completed": appointments.complete_appointment, "cancelled": appointments.cancel_appointment,
          "no_show": appointments.mark_no_show}


def inflow(first: str, last: str) -> list[list]:
    """Admissions and new registrations per day with either, worked out from the lists above."""
    days: dict[str, list[int]] = {}
    for _, admitted, _ in ADMISSIONS:
        days.setdefault(admitted, [0, 0])[0] += 1
    for _, registered in PATIENTS.values():
        days.setdefault(registered, [0, 0])[1] += 1
    return [[date.fromisoformat(day), *counts] for day, counts in sorted(days.items()) if first <= day <= last]


def build_month(db) -> None:
    ctx = on(context_for(db), "2026-10-01")
    for patient_id, (name, admitted) in PATIENTS.items():
        patients.register_patient(ctx, Patient(name=name, contact_no=f"900000{patient_id}", age=40, gender="F",
                                               registered_on=admitted), duplicates_confirmed=True)
    for patient_id, admitted, discharged in ADMISSIONS:
        patients.admit_patient(ctx, patient_id, date.fromisoformat(admitted))
        if discharged:
            patients.discharge_patient(ctx, patient_id, date.fromisoformat(discharged))
    for name, specialization, fee in DOCTORS.values():
        doctors.add_doctor(ctx, Doctor(name, "9100000000", specialization=specialization, consultation_fee=fee))
    for name, price in SERVICES.values():
        price_list.add_service(ctx, Service(name, price))
    for day, at, patient, doctor, status in APPOINTMENTS:
        booked = appointments.book_appointment(on(ctx, day), patient, doctor, date.fromisoformat(day),
                                               time.fromisoformat(at))
        if status in CHANGE:
            CHANGE[status](on(ctx, day, EVENING), booked.appt_id)
    for spec in BILLS:
        draft = billing.start_bill(on(ctx, spec.day), spec.patient, spec.appt)
        for service_id, quantity in spec.items:
            billing.add_service(ctx, draft, service_id, quantity)
        if spec.discount:
            draft.apply_discount(amount=spec.discount)
        bill = billing.finalize_bill(on(ctx, spec.day), draft)
        for paid_on, method, amount in spec.payments:
            billing.record_payment(on(ctx, paid_on), bill.bill_id, D(amount), PaymentMethod(method),
                                   reference="TXN-1")
        if spec.void:
            billing.void_bill(on(ctx, spec.day), bill.bill_id, "Entered twice")
    for patient_id, day, method, amount in DEPOSITS:
        checkout.take_deposit(on(ctx, day), patient_id, amount, PaymentMethod(method))
    for bill_id, spec in enumerate(BILLS, start=1):
        if spec.credit:
            day, service_id, method = spec.credit
            checkout.issue_credit_note(on(ctx, day), bill_id, "Corrected", {service_id: 1} if service_id else None,
                                       refund_method=PaymentMethod(method), reference="REV-1")
        if spec.from_deposit:
            checkout.apply_deposit(on(ctx, spec.from_deposit), bill_id, total_of(spec) - payments_of(spec))


# -- the oracle: what each report must say, worked out from the lists above -------------------------

def total_of(spec: BillSpec) -> D:
    fee = DOCTORS[APPOINTMENTS[spec.appt - 1][3]][2] if spec.appt else D("0.00")
    services = sum((SERVICES[s][1] * q for s, q in spec.items), D("0.00"))
    return fee + services - D(spec.discount or "0")


def payments_of(spec: BillSpec) -> D:
    return sum((D(amount) for _, _, amount in spec.payments), D("0.00"))


def paid_of(spec: BillSpec) -> D:
    """Received on the bill: its payments, and what was taken from the deposit."""
    return payments_of(spec) + (total_of(spec) - payments_of(spec) if spec.from_deposit else D("0.00"))


def credited_of(spec: BillSpec) -> D:
    if not spec.credit:
        return D("0.00")
    service_id = spec.credit[1]
    return total_of(spec) if service_id is None else SERVICES[service_id][1]  # no tax here, no discount on it


def refunded_of(spec: BillSpec) -> D:
    """What goes back on a credit: what was paid beyond what the bill then comes to."""
    return max(D("0.00"), paid_of(spec) - (total_of(spec) - credited_of(spec)))


def refunds() -> list[tuple[str, str, D]]:
    return [(spec.credit[0], spec.credit[2], refunded_of(spec)) for spec in BILLS
            if spec.credit and refunded_of(spec) > 0]


def state_of(spec: BillSpec) -> str:
    paid = paid_of(spec) - refunded_of(spec)
    if credited_of(spec) == total_of(spec):
        return "cancelled by credit note"
    if refunded_of(spec):
        return "refunded" if paid == 0 else "part-refunded"
    if paid == total_of(spec) - credited_of(spec):
        return "paid"
    return "part-paid" if paid else "unpaid"


def deposit_held(patient: int) -> D:
    left = sum((D(amount) for who, _, _, amount in DEPOSITS if who == patient), D("0.00"))
    used = sum((total_of(s) - payments_of(s) for s in BILLS if s.patient == patient and s.from_deposit), D("0.00"))
    return left - used


def in_period(day: str, first: date, last: date) -> bool:
    return first <= date.fromisoformat(day) <= last


def live_bills(first: date, last: date) -> list[tuple[int, BillSpec]]:
    return [(n, spec) for n, spec in enumerate(BILLS, start=1) if not spec.void and in_period(spec.day, first, last)]


def monthly_revenue(first: date, last: date) -> list[list]:
    months: dict[str, list] = defaultdict(lambda: [0, D("0.00"), D("0.00"), D("0.00"), D("0.00")])
    for _, spec in live_bills(first, last):
        row = months[spec.day[:7]]
        row[0] += 1
        row[1] += total_of(spec)
        row[2] += credited_of(spec)
        row[3] += paid_of(spec)
        row[4] += refunded_of(spec)
    return [[month, count, billed, credited, paid, refunded, billed - credited - (paid - refunded)]
            for month, (count, billed, credited, paid, refunded) in sorted(months.items())]


HAND_OVER = "CASH TO HAND OVER (floats + cash in - cash refunds)"


def cash_up(day: str) -> list[list]:
    """Money in (payments and deposits) and out (refunds) of the day by method; no shift had a float."""
    ins: dict[str, list] = defaultdict(lambda: [0, D("0.00")])
    outs: dict[str, list] = defaultdict(lambda: [0, D("0.00")])
    moved_in = [(paid_on, method, D(amount)) for spec in BILLS for paid_on, method, amount in spec.payments]
    moved_in += [(on_day, method, D(amount)) for _, on_day, method, amount in DEPOSITS]
    for on_day, method, amount in moved_in:
        if on_day == day:
            ins[method][0] += 1
            ins[method][1] += amount
    for on_day, method, amount in refunds():
        if on_day == day:
            outs[method][0] += 1
            outs[method][1] += amount
    rows = []
    for method in sorted(ins.keys() | outs.keys()):
        (count_in, amount_in), (count_out, amount_out) = ins[method], outs[method]
        rows.append([method, count_in, amount_in, count_out, amount_out, amount_in - amount_out])
    total = ["TOTAL (all methods)", sum(r[1] for r in rows), sum((r[2] for r in rows), D("0.00")),
             sum(r[3] for r in rows), sum((r[4] for r in rows), D("0.00")), sum((r[5] for r in rows), D("0.00"))]
    cash = next((row[5] for row in rows if row[0] == "cash"), D("0.00"))
    return rows + [total, ["Opening floats", "", "", "", "", D("0.00")], [HAND_OVER, "", "", "", "", cash]]


def completed_visits(first: date, last: date) -> list[tuple[int, int, int, str]]:
    """(appt_id, patient, doctor, date) of the completed visits in the period."""
    return [(n, patient, doctor, day) for n, (day, _, patient, doctor, status) in enumerate(APPOINTMENTS, start=1)
            if status == "completed" and in_period(day, first, last)]


def top_doctors(first: date, last: date) -> list[list]:
    rows = []
    for doctor_id, (name, specialization, _) in DOCTORS.items():
        visits = [v for v in completed_visits(first, last) if v[2] == doctor_id]
        if not visits:
            continue
        revenue = sum((total_of(spec) for spec in BILLS if not spec.void and spec.appt in {v[0] for v in visits}),
                      D("0.00"))
        rows.append([f"D{doctor_id:02d}", name, specialization, len(visits), len({v[1] for v in visits}), revenue])
    return sorted(rows, key=lambda r: (-r[3], -r[5], r[0]))


def revenue_by_service(first: date, last: date) -> list[list]:
    totals: dict[int, list] = defaultdict(lambda: [0, D("0.00")])
    for _, spec in live_bills(first, last):
        for service_id, quantity in spec.items:
            totals[service_id][0] += quantity
            totals[service_id][1] += SERVICES[service_id][1] * quantity
    rows = [[f"S{s:02d}", SERVICES[s][0], q, amount] for s, (q, amount) in totals.items()]
    return sorted(rows, key=lambda r: (-r[3], r[0]))


def unpaid(first: date, last: date) -> list[list]:
    rows = []
    for bill_id, spec in live_bills(first, last):
        payable, paid = total_of(spec) - credited_of(spec), paid_of(spec) - refunded_of(spec)
        if paid < payable:
            billed_on = date.fromisoformat(spec.day)
            rows.append([f"B{bill_id:03d}", str(spec.patient), PATIENTS[spec.patient][0], billed_on, payable, paid,
                         payable - paid, state_of(spec), deposit_held(spec.patient), (last - billed_on).days])
    return rows


def follow_ups(first: date, last: date) -> list[list]:
    by_patient: dict[int, list[str]] = defaultdict(list)
    for _, patient, _, day in completed_visits(first, last):
        by_patient[patient].append(day)
    rows = [[str(p), PATIENTS[p][0], len(days), date.fromisoformat(max(days))] for p, days in by_patient.items()
            if len(days) > 1]
    return sorted(rows, key=lambda r: (-r[2], r[0]))
