"""What a bill has been paid, what it still owes and the state it is in are defined once in Python
(FinalBill) and once in SQL (storage/bills.py); every place that shows them must agree, on both
engines, whatever has happened to the bill: payments, deposits, credit notes, refunds, a void."""
import csv
from datetime import date, time
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.billing import BillState, BillStatus, PaymentMethod
from hospital_mgmt.domain.money import ZERO
from hospital_mgmt.domain.period import Period
from hospital_mgmt.operations import appointments, billing, checkout, documents, reports
from hospital_mgmt.operations.history import patient_history
from tests.operations.conftest import a_doctor, a_patient, a_service
from tests.support import on

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def bills(ctx):
    """Nine bills of 2 x 120.50 (one with an 800.00 consultation): unpaid, part-paid twice, paid in
    full, void, one on another day, paid and then one line credited and refunded, paid and then
    wholly credited and refunded, paid from a deposit, and one line credited before any payment."""
    a_patient(ctx)
    a_doctor(ctx)
    a_service(ctx, "Dressing", "120.50")
    appointments.book_appointment(ctx, 1001, 1, ctx.today(), time(9, 0))
    checkout.take_deposit(ctx, 1001, "1000", PaymentMethod.CASH)
    made = []
    for day, appt_id, payments, then in (("2026-11-20", None, [], None),
                                         ("2026-11-20", 1, ["300", "0.50"], None),
                                         ("2026-11-21", None, ["241.00"], None),
                                         ("2026-11-21", None, [], "void"),
                                         ("2026-11-22", None, ["0.01"], None),
                                         ("2026-11-22", None, ["241.00"], "credit a line"),
                                         ("2026-11-22", None, ["241.00"], "credit it all"),
                                         ("2026-11-22", None, [], "from the deposit"),
                                         ("2026-11-22", None, [], "credit a line")):
        draft = billing.start_bill(on(ctx, day), 1001, appt_id)
        billing.add_service(ctx, draft, 1, 2)
        bill = billing.finalize_bill(on(ctx, day), draft)
        for amount in payments:
            billing.record_payment(on(ctx, day), bill.bill_id, D(amount), PaymentMethod.CARD, reference="CARD-1")
        if then == "void":
            billing.void_bill(ctx, bill.bill_id, "Entered twice")
        elif then == "credit a line":
            checkout.issue_credit_note(ctx, bill.bill_id, "One dressing not done", {1: 1})
        elif then == "credit it all":
            checkout.issue_credit_note(ctx, bill.bill_id, "Wrong patient", refund_method=PaymentMethod.CARD,
                                       reference="CARD-REV-9")
        elif then == "from the deposit":
            checkout.apply_deposit(ctx, bill.bill_id, "241.00")
        made.append(billing.get_bill(ctx, bill.bill_id))
    return made


def test_the_bills_cover_every_state(bills):
    assert [b.state for b in bills] == [BillState.UNPAID, BillState.PART_PAID, BillState.PAID, BillState.VOID,
                                        BillState.PART_PAID, BillState.PART_REFUNDED, BillState.CREDITED,
                                        BillState.PAID, BillState.UNPAID]
    assert [b.amount_paid for b in bills] == [ZERO, D("300.50"), D("241.00"), ZERO, D("0.01"), D("120.50"), ZERO,
                                              D("241.00"), ZERO]
    assert [b.balance for b in bills] == [D("241.00"), D("740.50"), ZERO, ZERO, D("240.99"), ZERO, ZERO, ZERO,
                                          D("120.50")]
    assert [(b.credited, b.refunded) for b in bills[5:]] == [(D("120.50"), D("120.50")), (D("241.00"), D("241.00")),
                                                             (ZERO, ZERO), (D("120.50"), ZERO)]


def test_the_billing_export_shows_the_domains_paid_and_balance_for_every_bill(ctx, bills, tmp_path):
    path = tmp_path / "billing.csv"
    documents.export(ctx, "billing", NOVEMBER, path)
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = {row["bill"]: row for row in csv.DictReader(handle)}
    assert {code: (row["status"], row["credited"], row["paid"], row["refunded"], row["balance"])
            for code, row in rows.items()} == {
        b.code: (b.state.value, f"{b.credited:.2f}", f"{b.amount_paid:.2f}", f"{b.refunded:.2f}", f"{b.balance:.2f}")
        for b in bills}


def test_the_unpaid_report_shows_the_domains_paid_and_balance(ctx, bills):
    rows = reports.run_report(ctx, "unpaid", NOVEMBER).rows
    assert [(r[0], r[4], r[5], r[6], r[7], r[8]) for r in rows] == [
        (b.code, b.payable, b.amount_paid, b.balance, b.state.value, D("759.00")) for b in bills
        if b.status == BillStatus.UNPAID]  # the deposit of 1,000.00 less 241.00 put towards a bill


def test_monthly_revenue_collects_and_owes_what_the_live_bills_do(ctx, bills):
    [november] = reports.run_report(ctx, "monthly-revenue", NOVEMBER).rows
    live = [b for b in bills if b.status != BillStatus.VOID]
    assert november == ["2026-11", len(live), sum(b.total_amount for b in live), sum(b.credited for b in live),
                        sum(b.received for b in live), sum(b.refunded for b in live), sum(b.balance for b in live)]


def test_a_patients_unpaid_bills_and_history_carry_the_same_figures(ctx, bills):
    assert [(b.code, b.balance) for b in billing.unpaid_bills(ctx, 1001)] == [
        (b.code, b.balance) for b in bills if b.status == BillStatus.UNPAID]
    assert [(b.code, b.amount_paid, b.balance) for b, _ in patient_history(ctx, 1001).bills] == [
        (b.code, b.amount_paid, b.balance) for b in bills]
