"""A small hospital with known answers for every report (see test_reports.py)."""
from datetime import date
from decimal import Decimal as D

from hospital_mgmt.domain.appointment import Appointment, AppointmentStatus
from hospital_mgmt.domain.billing import Billing, PaymentMethod
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.domain.service import Service
from hospital_mgmt.storage.unit_of_work import Repositories, UnitOfWork

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


def build_small_hospital(db) -> None:
    repos = Repositories(db)
    for name, admitted in (("Asha Rao", "2026-01-10"), ("Ravi Kumar", "2026-01-10"), ("Meena Pillai", "2026-01-31"),
                           ("John Dsouza", "2026-02-01")):
        repos.patients.add(Patient(name=name, contact_no=f"90000{len(name):05d}{admitted[-1]}", age=40, gender="F",
                                   admission_date=date.fromisoformat(admitted)))
    for name, specialization, fee in (("Asha Menon", "Cardiology", "500"), ("Bala Iyer", "ENT", "300"),
                                      ("Chitra Das", "Dermatology", "400")):
        repos.doctors.add(Doctor(name, "9100000000", specialization=specialization, consultation_fee=fee))
    for name, price in (("ECG", "200"), ("X-Ray - Chest", "350.50"), ("Lab - CBC", "99.99")):
        repos.services.add(Service(name, price))
    for day, at, patient, doctor, status in APPOINTMENTS:
        appointment = repos.appointments.book(Appointment(patient, doctor, day, at))
        appointment.status = AppointmentStatus(status)
        repos.appointments.save(appointment)
    for day, patient, appt_id, items, payments, void in BILLS:
        fee = repos.doctors.get(repos.appointments.get(appt_id).doctor_id).consultation_fee
        billing = Billing(patient, consultation_charges=fee, appt_id=appt_id)
        for service_id, quantity in items:
            billing.add_service(repos.services.get(service_id), quantity)
        with UnitOfWork(db) as uow:
            bill = uow.bills.finalize(billing, date.fromisoformat(day))
            for paid_on, method, amount in payments:
                uow.bills.add_payment(bill.bill_id, PaymentMethod(method), D(amount), date.fromisoformat(paid_on))
            if void:
                uow.bills.void(bill.bill_id, "Entered twice")
            uow.commit()
