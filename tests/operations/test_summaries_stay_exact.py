"""The daily summaries stay equal to a full recomputation from the records whatever the desk does:
a random workload of every write that moves a figure (register, import, admit, book, check in,
reschedule, complete, cancel, no-show, bill, pay, void, credit, refund, deposits, delete, merge),
on both engines, compared after every step of the last run and at stops along the long one."""
import random
from datetime import date, time, timedelta
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.billing import PaymentMethod
from hospital_mgmt.domain.errors import HospitalError
from hospital_mgmt.domain.period import Period
from hospital_mgmt.operations import (
    appointments,
    billing,
    checkout,
    imports,
    maintenance,
    patients,
    reception,
    reports,
)
from hospital_mgmt.storage import summaries
from tests.operations.conftest import a_doctor, a_patient, a_service
from tests.support import on

FIRST_DAY = date(2026, 11, 2)
DAYS = 21  # the test's context is at 08:00 on 2026-11-22
METHODS = list(PaymentMethod)


FIRST = ["Asha", "Ravi", "Meena", "Arjun", "Divya", "Kiran", "Neha", "Vikram", "Lata", "Omar"]
LAST = ["Rao", "Iyer", "Khan", "Das", "Pillai", "Menon", "Shah", "Gill", "Bose", "Nair"]


def a_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def exact(db) -> bool:
    found = summaries.differences(db)
    assert found == {summary.table: [] for summary in summaries.SUMMARIES}
    return True


class NothingYet(Exception):
    """No record of the kind the action needs yet."""


class Desk:
    """Random front-desk and cashier actions; an action the rules refuse is simply refused."""

    def __init__(self, ctx, rng: random.Random, tmp_path):
        self.ctx, self.rng, self.tmp_path = ctx, rng, tmp_path
        self.refused = 0
        self.done: dict[str, int] = {}

    def day(self) -> date:
        return FIRST_DAY + timedelta(days=self.rng.randrange(DAYS + 3))  # a few in the days ahead

    def at(self, day: date):
        return on(self.ctx, day, time(self.rng.choice([8, 12, 18]), 0))

    def one(self, table: str) -> int:
        ids = [row[0] for row in self.ctx.db.table(f"SELECT * FROM {table}")[1]]  # first column: the id
        if not ids:
            raise NothingYet(table)
        return self.rng.choice(ids)

    def step(self) -> None:
        action = self.rng.choice([
            self.register, self.book, self.book, self.book, self.complete, self.complete, self.cancel, self.no_show,
            self.check_in, self.reschedule, self.bill, self.bill, self.bill, self.pay, self.pay, self.void,
            self.credit, self.deposit, self.apply_deposit, self.refund_deposit, self.admit, self.import_patients,
            self.delete_patient, self.merge])
        try:
            action()
            self.done[action.__name__] = self.done.get(action.__name__, 0) + 1
        except HospitalError:
            self.refused += 1
        except NothingYet:
            pass

    def register(self) -> None:
        a_patient(self.ctx, a_name(self.rng), f"98{self.rng.randrange(10**8):08d}", registered=self.day().isoformat())

    def import_patients(self) -> None:
        rows = [f"{a_name(self.rng)},{self.rng.randrange(1, 90)},M,97{self.rng.randrange(10**8):08d},"
                f"{self.day()}" for _ in range(3)]
        source = self.tmp_path / "patients.csv"
        source.write_text("name,age,gender,contact_no,registered_on\n" + "\n".join(rows) + "\n", encoding="utf-8")
        imports.import_file(self.ctx, "patients", source)

    def admit(self) -> None:
        patient, day = self.one("patients"), self.day()
        if patients.current_admission(self.ctx, patient):
            patients.discharge_patient(self.ctx, patient, max(day, FIRST_DAY + timedelta(days=DAYS - 1)))
        else:
            patients.admit_patient(self.ctx, patient, day)

    def book(self) -> None:
        day = self.day()
        appointments.book_appointment(on(self.ctx, FIRST_DAY - timedelta(days=1)), self.one("patients"),
                                      self.one("doctors"), day, time(self.rng.randrange(9, 17), 0))

    def complete(self) -> None:
        appt = self.one("appointments")
        appointments.complete_appointment(self.at(FIRST_DAY + timedelta(days=DAYS + 3)), appt, "Seen")

    def cancel(self) -> None:
        appointments.cancel_appointment(self.ctx, self.one("appointments"))

    def no_show(self) -> None:
        appointments.mark_no_show(self.at(FIRST_DAY + timedelta(days=DAYS + 3)), self.one("appointments"))

    def check_in(self) -> None:
        appt = self.one("appointments")
        day = self.ctx.db.to_date(self.ctx.db.scalar("SELECT appt_date FROM appointments WHERE appt_id = ?", (appt,)))
        reception.check_in(on(self.ctx, day, time(8, 30)), appt)

    def reschedule(self) -> None:
        appointments.reschedule_appointment(on(self.ctx, FIRST_DAY - timedelta(days=1)), self.one("appointments"),
                                            self.one("doctors"), self.day(), time(self.rng.randrange(9, 17), 30))

    def bill(self) -> None:
        day = self.day()
        appt = self.one("appointments") if self.rng.random() < 0.5 else None
        patient = (self.ctx.db.scalar("SELECT patient_id FROM appointments WHERE appt_id = ?", (appt,))
                   if appt else self.one("patients"))
        draft = billing.start_bill(on(self.ctx, day), patient, appt)
        for service in self.rng.sample([1, 2, 3], self.rng.randrange(0 if appt else 1, 3)):
            billing.add_service(self.ctx, draft, service, self.rng.randrange(1, 4))
        billing.finalize_bill(on(self.ctx, day), draft)

    def pay(self) -> None:
        bill = billing.get_bill(self.ctx, self.one("billing"))
        amount = bill.balance if self.rng.random() < 0.6 else (bill.balance / 3).quantize(D("0.01"))
        method = self.rng.choice(METHODS)
        billing.record_payment(self.at(self.day()), bill.bill_id, amount, method,
                               reference="" if method is PaymentMethod.CASH else "REF-1")

    def void(self) -> None:
        billing.void_bill(self.ctx, self.one("billing"), "Entered twice")

    def credit(self) -> None:
        bill_id = self.one("billing")
        lines = None
        if self.rng.random() < 0.5:
            service = self.ctx.db.scalar("SELECT MIN(service_id) FROM bill_items WHERE bill_id = ?", (bill_id,))
            lines = {service: 1} if service else None
        checkout.issue_credit_note(self.at(self.day()), bill_id, "Not done", lines)

    def deposit(self) -> None:
        checkout.take_deposit(self.at(self.day()), self.one("patients"), str(self.rng.randrange(100, 3000)),
                              PaymentMethod.CASH)

    def apply_deposit(self) -> None:
        bill = billing.get_bill(self.ctx, self.one("billing"))
        held = checkout.deposit_held(self.ctx, bill.patient_id)
        checkout.apply_deposit(self.at(self.day()), bill.bill_id, min(held, bill.balance))

    def refund_deposit(self) -> None:
        patient = self.one("patients")
        held = checkout.deposit_held(self.ctx, patient)
        checkout.refund_deposit(self.at(self.day()), patient, min(held, D("500")), self.rng.choice(METHODS[:3]),
                                "Left early", reference="REF-2")

    def delete_patient(self) -> None:
        patients.delete_patient(self.ctx, self.one("patients"))

    def merge(self) -> None:
        keep, duplicate = self.one("patients"), self.one("patients")
        patients.merge_patients(self.ctx, keep, duplicate)


@pytest.fixture
def desk(ctx, tmp_path):
    for n in range(6):
        a_patient(ctx, f"{FIRST[n]} {LAST[n]}", f"90000000{n:02d}", registered="2026-11-01")
    for name in ("Meera Iyer", "Ravi Kumar", "Sara Thomas"):
        a_doctor(ctx, name)
    for name, price in (("Dressing", "120.50"), ("X-Ray - Chest", "333.33"), ("Blood test", "99.99")):
        a_service(ctx, name, price)
    return Desk(ctx, random.Random(20261202), tmp_path)


def test_a_random_workload_keeps_every_summary_equal_to_a_recomputation(desk):
    for n in range(1, 301):
        desk.step()
        if n % 50 == 0:
            assert exact(desk.ctx.db), n
    for _ in range(40):  # and after each single step
        desk.step()
        assert exact(desk.ctx.db)
    # every kind of write happened, and the rules refused some (a real mix, not only the easy cases)
    assert set(desk.done) >= {"register", "import_patients", "admit", "book", "complete", "cancel", "no_show",
                              "check_in", "reschedule", "bill", "pay", "void", "credit", "deposit", "apply_deposit",
                              "refund_deposit", "delete_patient", "merge"}, desk.done
    assert desk.refused > 0
    totals = desk.ctx.db.table("SELECT SUM(bills), SUM(billed) FROM summary_bill_day")[1][0]
    assert int(totals[0]) == desk.ctx.db.scalar("SELECT count(*) FROM billing WHERE status <> 'void'") > 15


def test_the_reports_read_from_the_summaries_agree_with_the_records(desk):
    for _ in range(250):
        desk.step()
    ctx, period = desk.ctx, Period(FIRST_DAY, FIRST_DAY + timedelta(days=DAYS + 3))
    db = ctx.db
    visits = reports.run_report(ctx, "daily-visits", period)
    _, by_day = db.table("SELECT appt_date, count(*) FROM appointments GROUP BY appt_date ORDER BY appt_date")
    assert [(row[0], row[5]) for row in visits.rows] == [(db.to_date(d), int(n)) for d, n in by_day]
    by_service = reports.run_report(ctx, "revenue-by-service", period)
    _, lines = db.table("SELECT i.service_id, SUM(i.quantity), SUM(i.line_total) FROM bill_items i"
                        " JOIN billing b ON b.bill_id = i.bill_id WHERE b.status <> 'void' GROUP BY i.service_id")
    assert sorted((int(row[0][1:]), row[2], row[3]) for row in by_service.rows) == sorted(
        (int(s), int(q), db.to_money(t)) for s, q, t in lines)
    monthly = reports.run_report(ctx, "monthly-revenue", period)
    bills = [billing.get_bill(ctx, row[0]) for row in db.table("SELECT bill_id FROM billing")[1]]
    live = [bill for bill in bills if bill.status.value != "void"]
    assert sum(row[1] for row in monthly.rows) == len(live)
    assert sum(row[6] for row in monthly.rows) == sum(bill.balance for bill in live)
    top = reports.run_report(ctx, "top-doctors", period)
    _, seen = db.table("SELECT doctor_id, count(*), count(DISTINCT patient_id) FROM appointments"
                       " WHERE status = 'completed' GROUP BY doctor_id")
    assert sorted((row[0], row[3], row[4]) for row in top.rows) == sorted(
        (f"D{int(d):02d}", int(n), int(p)) for d, n, p in seen)


def test_rebuild_summaries_puts_right_a_summary_changed_by_hand_and_says_so(desk, log_lines):
    for _ in range(60):
        desk.step()
    db = desk.ctx.db
    db.execute("UPDATE summary_bill_day SET billed = billed + 1 WHERE day = (SELECT MIN(day) FROM summary_bill_day)")
    db.execute("DELETE FROM summary_day WHERE day = (SELECT MIN(day) FROM summary_day)")
    assert sum(len(rows) for rows in summaries.differences(db).values()) == 2
    differed, written = maintenance.rebuild_summaries(desk.ctx)
    assert differed == 2 and exact(db)
    assert written == {summary.table: db.scalar(f"SELECT count(*) FROM {summary.table}")
                       for summary in summaries.SUMMARIES}
    assert log_lines()[-1].startswith(f"daily summaries rebuilt: {sum(written.values())} rows, 2 had differed")
    assert maintenance.rebuild_summaries(desk.ctx)[0] == 0
