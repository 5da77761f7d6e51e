"""What a bill has been paid and what it still owes are defined once in Python (FinalBill.balance)
and once in SQL (storage/bills.py); every place that shows them must agree, on both engines."""
import csv
from datetime import date, time
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.billing import BillStatus, PaymentMethod
from hospital_mgmt.domain.money import ZERO
from hospital_mgmt.domain.period import Period
from hospital_mgmt.operations import appointments, billing, documents, reports
from hospital_mgmt.operations.history import patient_history
from tests.operations.conftest import a_doctor, a_patient, a_service
from tests.support import on

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def bills(ctx):
    """Five bills: unpaid, part-paid twice, paid in full, void, and one on another day."""
    a_patient(ctx)
    a_doctor(ctx)
    a_service(ctx, "Dressing", "120.50")
    appointments.book_appointment(ctx, 1001, 1, ctx.today(), time(9, 0))
    made = []
    for day, appt_id, payments, void in (("2026-11-20", None, [], False),
                                         ("2026-11-20", 1, ["300", "0.50"], False),
                                         ("2026-11-21", None, ["241.00"], False),
                                         ("2026-11-21", None, [], True),
                                         ("2026-11-22", None, ["0.01"], False)):
        draft = billing.start_bill(on(ctx, day), 1001, appt_id)
        billing.add_service(ctx, draft, 1, 2)
        bill = billing.finalize_bill(on(ctx, day), draft)
        for amount in payments:
            billing.record_payment(on(ctx, day), bill.bill_id, D(amount), PaymentMethod.CARD)
        if void:
            billing.void_bill(ctx, bill.bill_id, "Entered twice")
        made.append(billing.get_bill(ctx, bill.bill_id))
    return made


def test_the_bills_cover_every_state(bills):
    assert [b.status for b in bills] == [BillStatus.UNPAID, BillStatus.UNPAID, BillStatus.PAID, BillStatus.VOID,
                                         BillStatus.UNPAID]
    assert [b.amount_paid for b in bills] == [ZERO, D("300.50"), D("241.00"), ZERO, D("0.01")]
    assert [b.balance for b in bills] == [D("241.00"), D("740.50"), ZERO, ZERO, D("240.99")]


def test_the_billing_export_shows_the_domains_paid_and_balance_for_every_bill(ctx, bills, tmp_path):
    path = tmp_path / "billing.csv"
    documents.export(ctx, "billing", NOVEMBER, path)
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = {row["bill"]: row for row in csv.DictReader(handle)}
    assert {code: (row["paid"], row["balance"]) for code, row in rows.items()} == {
        b.code: (f"{b.amount_paid:.2f}", f"{b.balance:.2f}") for b in bills}


def test_the_unpaid_report_shows_the_domains_paid_and_balance(ctx, bills):
    rows = reports.run_report(ctx, "unpaid", NOVEMBER).rows
    assert [(r[0], r[5], r[6]) for r in rows] == [(b.code, b.amount_paid, b.balance) for b in bills
                                                  if b.status == BillStatus.UNPAID]


def test_monthly_revenue_collects_and_owes_what_the_live_bills_do(ctx, bills):
    [november] = reports.run_report(ctx, "monthly-revenue", NOVEMBER).rows
    live = [b for b in bills if b.status != BillStatus.VOID]
    assert november == ["2026-11", len(live), sum(b.total_amount for b in live), sum(b.amount_paid for b in live),
                        sum(b.balance for b in live)]


def test_a_patients_unpaid_bills_and_history_carry_the_same_figures(ctx, bills):
    assert [(b.code, b.balance) for b in billing.unpaid_bills(ctx, 1001)] == [
        (b.code, b.balance) for b in bills if b.status == BillStatus.UNPAID]
    assert [(b.code, b.amount_paid, b.balance) for b, _ in patient_history(ctx, 1001).bills] == [
        (b.code, b.amount_paid, b.balance) for b in bills]
