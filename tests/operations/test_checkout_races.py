"""The counter's writes at the same moment from separate terminals, on both engines (see
test_races.py for how a slowed terminal holds the race window open): two refunds of one payment,
a refund beside a payment, one deposit spent twice or spent while refunded, and the receipt and
credit-note numbers of four terminals at once."""
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.billing import BillState, PaymentMethod
from hospital_mgmt.operations import billing, checkout
from tests.conftest import at_once
from tests.operations.conftest import a_patient, a_service
from tests.operations.test_races import ROUNDS, kinds, race, terminal

CASH = PaymentMethod.CASH


@pytest.fixture
def clinic(ctx):
    for number in range(4):
        a_patient(ctx, name=f"Patient {'ABCD'[number]}ee", phone=f"900000000{number}")
    a_service(ctx, "ECG", "250")
    return ctx


def paid_bill(clinic, patient_id=1001, paid="1000.00"):
    """4 x ECG = 1,000.00, with `paid` taken in cash."""
    draft = billing.start_bill(clinic, patient_id)
    billing.add_service(clinic, draft, 1, 4)
    bill = billing.finalize_bill(clinic, draft)
    if D(paid):
        billing.record_payment(clinic, bill.bill_id, D(paid), CASH)
    return bill.bill_id


def test_two_refunds_of_one_payment_at_once_give_the_money_back_once(clinic, settings_for):
    for _ in range(ROUNDS):
        bill = paid_bill(clinic)
        outcomes = race(clinic, settings_for, lambda t, n, bill=bill: checkout.issue_credit_note(
            t, bill, f"Cancelled at desk {n}"), "UPDATE counters")
        assert kinds(outcomes) == ["Credited", "NothingToCredit"], outcomes
        after = billing.get_bill(clinic, bill)
        assert (after.refunded, after.amount_paid, after.state) == (D("1000.00"), D("0.00"), BillState.CREDITED)
        assert clinic.db.scalar("SELECT count(*) FROM refunds WHERE bill_id = ?", (bill,)) == 1


def test_two_credits_of_most_of_one_line_at_once_credit_it_once(clinic, settings_for):
    for _ in range(ROUNDS):
        bill = paid_bill(clinic)
        outcomes = race(clinic, settings_for, lambda t, n, bill=bill: checkout.issue_credit_note(
            t, bill, "Three not done", {1: 3}), "UPDATE counters")
        assert kinds(outcomes) == ["Credited", "InvalidQuantity"], outcomes
        assert "S01: 1 left to credit, not 3" in str(next(o for o in outcomes if isinstance(o, Exception)))
        assert billing.get_bill(clinic, bill).refunded == D("750.00")


def test_a_refund_beside_a_payment_of_the_same_bill_never_gives_back_more_than_was_paid(clinic, settings_for):
    orders = set()
    for _ in range(ROUNDS * 2):
        bill = paid_bill(clinic, paid="600.00")

        def pay_or_credit(t, n, bill=bill):
            if n == 0:
                return billing.record_payment(t, bill, D("400.00"), CASH)
            return checkout.issue_credit_note(t, bill, "Patient left")
        outcomes = race(clinic, settings_for, pay_or_credit, "UPDATE counters")
        after = billing.get_bill(clinic, bill)
        taken = clinic.db.scalar("SELECT COALESCE(SUM(amount), 0) FROM payments WHERE bill_id = ?", (bill,))
        assert after.refunded == clinic.db.to_money(taken) and after.amount_paid == D("0.00"), outcomes
        assert after.state == BillState.CREDITED
        orders.add(tuple(kinds(outcomes)))
    # either the payment came first (both pass, 1,000 back) or the credit did (the payment finds nothing owed)
    assert orders <= {("Credited", "Paid"), ("BillAlreadyPaid", "Credited")}, orders


def test_one_deposit_put_towards_two_bills_at_once_is_spent_once(clinic, settings_for):
    for _ in range(ROUNDS):
        first, second = paid_bill(clinic, paid="0"), paid_bill(clinic, paid="0")
        checkout.take_deposit(clinic, 1001, "1000", CASH)
        outcomes = race(clinic, settings_for, lambda t, n, bills=(first, second): checkout.apply_deposit(
            t, bills[n], "1000"), "UPDATE counters")
        assert kinds(outcomes) == ["DepositTooSmall", "Receipt"], outcomes
        assert checkout.deposit_held(clinic, 1001) == D("0.00")
        assert billing.get_bill(clinic, first).balance + billing.get_bill(clinic, second).balance == D("1000.00")


def test_a_deposit_refunded_while_it_is_put_towards_a_bill_goes_one_way(clinic, settings_for):
    for _ in range(ROUNDS):
        bill = paid_bill(clinic, 1002, paid="0")
        checkout.take_deposit(clinic, 1002, "800", CASH)

        def spend_or_refund(t, n, bill=bill):
            if n == 0:
                return checkout.apply_deposit(t, bill, "800")
            return checkout.refund_deposit(t, 1002, "800", CASH, "Going home")
        outcomes = race(clinic, settings_for, spend_or_refund, "UPDATE counters")
        assert kinds(outcomes) == ["DepositTooSmall", "Receipt"], outcomes
        assert checkout.deposit_held(clinic, 1002) == D("0.00")


def test_four_terminals_at_once_number_receipts_and_credit_notes_without_a_gap(clinic, settings_for):
    bills = [paid_bill(clinic, 1001 + n, paid="0") for n in range(4)]
    before = int(clinic.db.scalar("SELECT last_value FROM counters WHERE name = 'receipt'"))

    def counter_work(connection, n):
        t = terminal(clinic, connection)
        paid = billing.record_payment(t, bills[n], D("1000.00"), CASH)
        credited = checkout.issue_credit_note(t, bills[n], "One ECG not done", {1: 1})
        deposit = checkout.take_deposit(t, 1001 + n, "500", CASH)
        return [paid.receipt.receipt_no, credited.note.refund.receipt_no, deposit.receipt_no], credited.note.credit_id

    outcomes = at_once(settings_for(clinic.db), 4, counter_work, slow="UPDATE counters")
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    numbers = sorted(number for receipts, _ in outcomes for number in receipts)
    assert numbers == list(range(before + 1, before + 13))
    assert sorted(credit for _, credit in outcomes) == [1, 2, 3, 4]
    movements = clinic.db.scalar(
        "SELECT count(*) FROM (SELECT receipt_no FROM payments WHERE receipt_no IS NOT NULL UNION ALL"
        " SELECT receipt_no FROM deposits UNION ALL SELECT receipt_no FROM refunds UNION ALL"
        " SELECT receipt_no FROM deposit_uses) m")
    assert movements == clinic.db.scalar("SELECT count(*) FROM receipts") == before + 12
