"""The bills repository: what it stores, and what the database itself guarantees (numbers
without gaps, all or nothing, one live bill per appointment). The rules a clerk meets are tested
on the operations (tests/operations/test_billing_operations.py)."""
from datetime import date, time
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.appointment import Appointment
from hospital_mgmt.domain.billing import Billing, BillStatus, PaymentMethod
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.errors import AppointmentAlreadyBilled, NotFound, UnknownReference
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.domain.service import Service
from hospital_mgmt.storage.unit_of_work import Repositories
from tests.conftest import at_once
from tests.support import StorageWork, stored_doctor

TODAY = date(2026, 11, 22)


@pytest.fixture
def repos(db):
    repos = Repositories(db)
    repos.patients.add(Patient(name="Asha Rao", contact_no="9000000001", age=30, gender="F",
                               registered_on=date(2026, 11, 1)))
    stored_doctor(repos, Doctor("X Sharma", "9100000000", specialization="Cardiology", consultation_fee="800"))
    repos.services.add(Service("X-Ray - Chest", "333.33"))
    repos.services.add(Service("Lab - CBC", "250"))
    return repos


def a_bill(repos, quantity=3, **extra):
    bill = Billing(1001, **extra)
    bill.add_service(repos.services.get(1), quantity)
    bill.add_service(repos.services.get(2), 1)
    return bill


def store(db, bill):
    with StorageWork(db) as uow:
        stored = uow.bills.add(bill, TODAY)
        uow.commit()
    return stored


def test_a_bill_is_stored_with_its_items_and_the_exact_figures(db, repos):
    repos.appointments.book(Appointment(1001, 1, TODAY, time(9, 0)))
    bill = a_bill(repos, tax_rate=D("18"), consultation_charges=D("800"), appt_id=1)
    bill.apply_discount(percent="5")
    stored = store(db, bill)
    # 3 x 333.33 = 999.99; + 250 = 1249.99; + 800 = 2049.99; 5% = 102.4995 -> 102.50;
    # taxable 1947.49; 18% = 350.5482 -> 350.55; total 2298.04
    assert (stored.code, stored.subtotal, stored.consultation_charges, stored.discount, stored.tax,
            stored.total_amount, stored.billing_date, stored.status) == (
        "B001", D("1249.99"), D("800.00"), D("102.50"), D("350.55"), D("2298.04"), TODAY, BillStatus.UNPAID)
    items = repos.bills.items(1)
    assert [(i.service_code, i.quantity, i.unit_price, i.line_total) for i in items] == [
        ("S01", 3, D("333.33"), D("999.99")), ("S02", 1, D("250.00"), D("250.00"))]


def test_a_failure_part_way_writes_nothing_and_uses_no_number(db, repos):
    bill = a_bill(repos)
    ghost = Service("Deleted meanwhile", "10", service_id=999)
    bill.add_service(ghost, 1)
    repos.db.execute("INSERT INTO services (service_id, service_name, service_key, cost) VALUES (?, ?, ?, ?)",
                     (999, "Deleted meanwhile", "deletedmeanwhile", D("10")))
    real_executemany = db.executemany

    def delete_then_insert(sql, rows):
        db.execute("DELETE FROM services WHERE service_id = 999")  # the last item's service vanishes
        return real_executemany(sql, rows)
    db.executemany = delete_then_insert
    with pytest.raises(UnknownReference):
        store(db, bill)
    db.executemany = real_executemany
    assert db.scalar("SELECT count(*) FROM billing") == 0 and db.scalar("SELECT count(*) FROM bill_items") == 0
    assert db.scalar("SELECT last_value FROM counters WHERE name = 'bill'") == 0
    assert store(db, a_bill(repos)).code == "B001"


def test_a_voided_bill_keeps_its_number_and_the_next_bill_takes_the_next(db, repos):
    first = store(db, a_bill(repos))
    repos.bills.void(first.bill_id, "Billed to the wrong patient")
    second = store(db, a_bill(repos))
    assert (first.code, second.code) == ("B001", "B002")
    voided = repos.bills.get(1)
    assert voided.status == BillStatus.VOID and voided.void_reason == "Billed to the wrong patient"
    assert voided.balance == D("0")


def test_payments_are_summed_onto_the_bill_they_belong_to(db, repos):
    first, second = store(db, a_bill(repos)), store(db, a_bill(repos, quantity=1))
    repos.bills.add_payment(first.bill_id, PaymentMethod.CASH, D("1000"), TODAY, BillStatus.UNPAID)
    repos.bills.add_payment(first.bill_id, PaymentMethod.UPI, D("249.99"), TODAY, BillStatus.PAID)
    assert (repos.bills.get(1).amount_paid, repos.bills.get(1).status) == (D("1249.99"), BillStatus.PAID)
    assert (repos.bills.get(2).amount_paid, repos.bills.get(2).balance) == (D("0.00"), second.total_amount)
    assert [(p.method, p.amount) for p in repos.bills.payments(1)] == [(PaymentMethod.CASH, D("1000.00")),
                                                                       (PaymentMethod.UPI, D("249.99"))]


def test_a_price_changed_after_billing_never_changes_the_bill(db, repos):
    store(db, a_bill(repos))
    xray = repos.services.get(1)
    xray.cost = D("500")
    repos.services.update(xray)
    assert repos.bills.items(1)[0].unit_price == D("333.33")
    assert repos.bills.get(1).total_amount == D("1249.99")


def test_an_unknown_bill_is_named(repos):
    with pytest.raises(NotFound, match="no bill B042"):
        repos.bills.get(42)


def test_two_terminals_storing_at_once_get_consecutive_numbers(db, repos, settings_for):
    def store_one(connection, n):
        bill = Billing(1001)
        bill.add_service(Service("Lab - CBC", "250", service_id=2), 1)
        with StorageWork(connection) as uow:
            code = uow.bills.add(bill, TODAY).code
            uow.commit()
        return code

    codes = at_once(settings_for(db), 4, store_one)
    assert sorted(codes) == ["B001", "B002", "B003", "B004"]
    _, rows = db.table("SELECT bill_id FROM billing ORDER BY bill_id")
    assert [r[0] for r in rows] == [1, 2, 3, 4]


def test_a_patients_bills_come_with_their_items_in_one_query(db, repos):
    store(db, a_bill(repos))
    store(db, a_bill(repos, quantity=1))
    history = repos.bills.for_patient(1001)
    assert [(b.code, [i.quantity for i in items]) for b, items in history] == [("B001", [3, 1]), ("B002", [1, 1])]


def test_the_database_allows_one_live_bill_per_appointment(db, repos):
    repos.appointments.book(Appointment(1001, 1, TODAY, time(9, 0)))
    first = store(db, a_bill(repos, appt_id=1, consultation_charges=D("800")))
    with pytest.raises(AppointmentAlreadyBilled, match="A001 is already on bill B001"):
        store(db, a_bill(repos, appt_id=1, consultation_charges=D("800")))
    repos.bills.void(first.bill_id, "Wrong services")
    assert store(db, a_bill(repos, appt_id=1, consultation_charges=D("800"))).code == "B002"
    assert repos.bills.live_bill_for_appointment(1) == 2
