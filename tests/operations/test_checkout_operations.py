"""The counter on both engines: a receipt for every movement of money, numbered without gaps;
deposits held, put towards bills and refunded; credit notes for some lines or the whole bill with
the refund of what was paid beyond what the bill then comes to; the manager's approval of large
refunds; the cashier's drawer and the cash-up; the audit rows; and repeated requests."""
import json
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.billing import BillState, PaymentMethod
from hospital_mgmt.domain.errors import (
    BillHasPayments,
    BillIsVoid,
    DepositTooSmall,
    InvalidField,
    InvalidQuantity,
    NotAllowed,
    PaymentExceedsBalance,
    RefundNeedsApproval,
)
from hospital_mgmt.domain.period import Period
from hospital_mgmt.domain.receipt import ReceiptKind
from hospital_mgmt.operations import billing, checkout, reports, shifts
from tests.operations.conftest import a_patient, a_service
from tests.support import TODAY, add_staff, on, signed_in

CASH, CARD, UPI = PaymentMethod.CASH, PaymentMethod.CARD, PaymentMethod.UPI


@pytest.fixture
def counter(ctx):
    a_patient(ctx)
    a_patient(ctx, name="Ravi Kumar", phone="9000000002", gender="M")
    a_service(ctx, "MRI - Knee", "2000")
    return ctx


@pytest.fixture
def cashier(counter):
    """Ravi, a cashier with his shift open and a float of 1,000 in the drawer."""
    ravi = signed_in(counter, add_staff(counter.db, "ravi", "cashier"))
    shifts.open_shift(ravi, "1000")
    return ravi


@pytest.fixture
def manager(counter):
    return signed_in(counter, add_staff(counter.db, "mona", "manager"))


def a_bill(ctx, patient=1001, quantity=2) -> int:
    """Two MRIs: 4,000.00 (no tax, no discount)."""
    draft = billing.start_bill(ctx, patient)
    billing.add_service(ctx, draft, 1, quantity)
    return billing.finalize_bill(ctx, draft).bill_id


def receipt_counter(ctx) -> int:
    return int(ctx.db.scalar("SELECT last_value FROM counters WHERE name = 'receipt'"))


def strict(ctx, limit="1000"):
    """The same context with refunds above `limit` needing a manager."""
    return replace(ctx, settings=replace(ctx.settings, refund_approval_above=D(limit)))


def test_every_movement_of_money_takes_the_next_receipt_number(cashier):
    bill = a_bill(cashier)
    paid = billing.record_payment(cashier, bill, D("1000.00"), CARD, reference="CARD-5512", request_key="pay-1")
    deposit = checkout.take_deposit(cashier, 1001, "5000", CASH, tendered="5000")
    applied = checkout.apply_deposit(cashier, bill, "3000")
    refund = checkout.refund_deposit(cashier, 1001, "2000", CASH, "Discharged early")
    found = [(r.code, r.kind, r.amount, r.balance_after) for r in (paid.receipt, deposit, applied, refund)]
    assert found == [("R0001", ReceiptKind.PAYMENT, D("1000.00"), D("3000.00")),
                     ("R0002", ReceiptKind.DEPOSIT, D("5000.00"), D("5000.00")),
                     ("R0003", ReceiptKind.APPLIED, D("3000.00"), D("0.00")),
                     ("R0004", ReceiptKind.REFUND, D("2000.00"), D("0.00"))]
    assert (paid.receipt.reference, paid.receipt.cashier, applied.method_label) == ("CARD-5512", "ravi", "Deposit")
    assert billing.get_bill(cashier, bill).state == BillState.PAID
    assert checkout.deposit_held(cashier, 1001) == D("0.00")
    assert [r.code for r in checkout.receipts_of_bill(cashier, bill)] == ["R0001", "R0003"]
    again = billing.record_payment(cashier, bill, D("1000.00"), CARD, reference="CARD-5512", request_key="pay-1")
    assert again.receipt.code == "R0001" and receipt_counter(cashier) == 4
    assert checkout.get_receipt(cashier, 2).reason == "" and checkout.get_receipt(cashier, 4).reason == \
        "Discharged early"


def test_card_upi_and_insurance_name_their_reference_and_cash_gives_change(cashier):
    bill = a_bill(cashier)
    with pytest.raises(InvalidField, match="a UPI payment needs its reference"):
        billing.record_payment(cashier, bill, D("100.00"), UPI)
    with pytest.raises(InvalidField, match=r"cash tendered: 400.00 is less than the amount \(450.00\)"):
        billing.record_payment(cashier, bill, D("450.00"), CASH, tendered="400")
    assert cashier.db.scalar("SELECT count(*) FROM payments") == 0 and receipt_counter(cashier) == 0
    paid = billing.record_payment(cashier, bill, D("450.00"), CASH, tendered="500")
    assert (paid.receipt.code, paid.receipt.tendered, paid.receipt.change) == ("R0001", D("500.00"), D("50.00"))
    upi = billing.record_payment(cashier, bill, D("100.00"), UPI, reference=" UPI/3321/ax ")
    assert checkout.get_receipt(cashier, upi.receipt.receipt_no).reference == "UPI/3321/ax"


def test_a_deposit_goes_towards_a_bill_only_as_far_as_it_holds_and_the_bill_owes(cashier):
    mine, theirs, void = a_bill(cashier), a_bill(cashier, 1002), a_bill(cashier)
    billing.void_bill(cashier, void, "Entered twice")
    checkout.take_deposit(cashier, 1001, "5000", CASH)
    with pytest.raises(PaymentExceedsBalance):
        checkout.apply_deposit(cashier, mine, "4000.01")
    with pytest.raises(DepositTooSmall, match="patient 1002 holds a deposit of 0.00, less than 100.00"):
        checkout.apply_deposit(cashier, theirs, "100")  # the deposit is its own patient's only
    with pytest.raises(BillIsVoid):
        checkout.apply_deposit(cashier, void, "100")
    checkout.apply_deposit(cashier, mine, "4000")
    with pytest.raises(DepositTooSmall, match="holds a deposit of 1000.00, less than 1500.00"):
        checkout.refund_deposit(cashier, 1001, "1500", CASH, "Asked for it back")
    assert checkout.deposit_held(cashier, 1001) == D("1000.00")
    assert billing.get_bill(cashier, mine).balance == D("0.00")


def test_a_deposit_by_card_names_its_reference_and_a_deposit_is_more_than_nothing(cashier):
    with pytest.raises(InvalidField, match="a Card payment needs its reference"):
        checkout.take_deposit(cashier, 1001, "500", CARD)
    with pytest.raises(InvalidField):
        checkout.take_deposit(cashier, 1001, "0", CASH)
    assert cashier.db.scalar("SELECT count(*) FROM deposits") == 0 and receipt_counter(cashier) == 0


def test_a_credit_note_for_a_line_of_a_paid_bill_refunds_it_from_the_cashiers_drawer(cashier):
    bill = a_bill(cashier)
    billing.record_payment(cashier, bill, D("4000.00"), CASH)
    credited = checkout.issue_credit_note(cashier, bill, "One knee scanned, not two", {1: 1})
    note = credited.note
    assert (note.code, note.amount, note.whole_bill, note.issued_by) == ("C001", D("2000.00"), False, "ravi")
    assert [(line.service_code, line.quantity, line.amount) for line in note.lines] == [("S01", 1, D("2000.00"))]
    assert (note.refund.code, note.refund.kind, note.refund.amount, note.refund.method) == (
        "R0002", ReceiptKind.REFUND, D("2000.00"), "cash")
    after = credited.bill
    assert (after.payable, after.amount_paid, after.refunded, after.balance, after.state) == (
        D("2000.00"), D("2000.00"), D("2000.00"), D("0.00"), BillState.PART_REFUNDED)
    assert shifts.current_shift(cashier).expected[CASH] == D("3000.00")  # 1,000 float + 4,000 in - 2,000 out
    with pytest.raises(InvalidQuantity, match="S01: 1 left to credit, not 2"):
        checkout.issue_credit_note(cashier, bill, "Again", {1: 2})
    rest = checkout.issue_credit_note(cashier, bill, "Patient left before the scan")
    assert (rest.note.code, rest.note.amount, rest.note.refund.code, rest.bill.state) == (
        "C002", D("2000.00"), "R0003", BillState.CREDITED)
    assert [n.code for n in checkout.credit_notes_of_bill(cashier, bill)] == ["C001", "C002"]
    with pytest.raises(BillHasPayments):
        billing.void_bill(cashier, bill, "Wrong patient")
    cash_up = reports.run_report(cashier, "cash-up", Period(TODAY, TODAY))
    assert cash_up.rows[0] == ["cash", 1, D("4000.00"), 2, D("4000.00"), D("0.00")]
    assert cash_up.rows[-1][-1] == D("1000.00")  # only the float is left to hand over


def test_a_credit_note_on_an_unpaid_bill_refunds_nothing_and_lowers_what_it_owes(cashier):
    bill = a_bill(cashier)
    credited = checkout.issue_credit_note(cashier, bill, "Second scan not needed", {1: 1})
    assert credited.note.refund is None and cashier.db.scalar("SELECT count(*) FROM refunds") == 0
    assert (credited.bill.balance, credited.bill.state) == (D("2000.00"), BillState.UNPAID)
    with pytest.raises(PaymentExceedsBalance):
        billing.record_payment(cashier, bill, D("2000.01"), CASH)
    assert billing.record_payment(cashier, bill, D("2000.00"), CASH).bill.state == BillState.PAID


def test_a_part_paid_bill_credited_gives_back_only_what_was_paid_beyond_what_it_comes_to(cashier):
    bill = a_bill(cashier)
    billing.record_payment(cashier, bill, D("2500.00"), UPI, reference="UPI-1")
    credited = checkout.issue_credit_note(cashier, bill, "One scan", {1: 1}, refund_method=UPI, reference="UPI-R1")
    assert (credited.note.refund.amount, credited.note.refund.reference) == (D("500.00"), "UPI-R1")
    assert (credited.bill.amount_paid, credited.bill.balance) == (D("2000.00"), D("0.00"))
    assert shifts.current_shift(cashier).expected[UPI] == D("2000.00")


def test_a_refund_above_the_limit_needs_a_managers_approval_and_nothing_is_written_without_it(cashier, manager):
    ravi, mona = strict(cashier), strict(manager)
    sita = strict(signed_in(cashier, add_staff(cashier.db, "sita", "cashier")))
    bill = a_bill(ravi)
    billing.record_payment(ravi, bill, D("4000.00"), CARD, reference="CARD-1")
    with pytest.raises(RefundNeedsApproval, match="a refund of 2,000.00 is above 1,000.00: a manager must approve"):
        checkout.issue_credit_note(ravi, bill, "One scan", {1: 1}, refund_method=CARD, reference="CARD-R1")
    with pytest.raises(RefundNeedsApproval):
        checkout.issue_credit_note(ravi, bill, "One scan", {1: 1}, refund_method=CARD, reference="CARD-R1",
                                   approver=sita.actor)  # another cashier cannot approve
    tables = ("credit_notes", "credit_note_items", "refunds")
    assert [ravi.db.scalar(f"SELECT count(*) FROM {table}") for table in tables] == [0, 0, 0]
    assert ravi.db.scalar("SELECT last_value FROM counters WHERE name = 'credit'") == 0 and receipt_counter(ravi) == 1
    with pytest.raises(NotAllowed):
        checkout.issue_credit_note(mona, bill, "One scan", {1: 1})  # a manager approves; the cashier refunds
    note = checkout.issue_credit_note(ravi, bill, "One scan", {1: 1}, refund_method=CARD, reference="CARD-R1",
                                      approver=mona.actor).note
    assert (note.code, note.approved_by, note.refund.code) == ("C001", "mona", "R0002")
    assert ravi.db.scalar("SELECT u.login FROM refunds r JOIN users u ON u.user_id = r.approved_by") == "mona"


def test_a_refund_at_the_limit_needs_no_one_and_a_cashier_who_is_a_manager_approves_their_own(cashier):
    ravi = strict(cashier)
    checkout.take_deposit(ravi, 1001, "3000", CASH)
    assert checkout.refund_deposit(ravi, 1001, "1000", CASH, "Part back").amount == D("1000.00")
    with pytest.raises(RefundNeedsApproval):
        checkout.refund_deposit(ravi, 1001, "1000.01", CASH, "The rest")
    both = strict(signed_in(cashier, add_staff(cashier.db, "asha", "cashier, manager")))
    shifts.open_shift(both, "0")
    checkout.refund_deposit(both, 1001, "2000", CASH, "The rest")
    assert ravi.db.table("SELECT u.login, a.login FROM refunds r JOIN users u ON u.user_id = r.refunded_by"
                         " LEFT JOIN users a ON a.user_id = r.approved_by ORDER BY r.refund_id")[1] == [
        ("ravi", None), ("asha", "asha")]


def test_the_front_desk_takes_no_money_and_refunds_nothing(counter, cashier):
    desk = signed_in(counter, add_staff(counter.db, "dina", "front desk"))
    bill = a_bill(cashier)
    for attempt in (lambda: checkout.take_deposit(desk, 1001, "100", CASH),
                    lambda: checkout.issue_credit_note(desk, bill, "Why not"),
                    lambda: checkout.refund_deposit(desk, 1001, "1", CASH, "Why not")):
        with pytest.raises(NotAllowed):
            attempt()


def test_a_credit_note_is_audited_with_the_bill_before_and_after_in_its_own_transaction(cashier):
    bill = a_bill(cashier)
    billing.record_payment(cashier, bill, D("4000.00"), CASH)
    checkout.issue_credit_note(cashier, bill, "One knee scanned, not two", {1: 1})
    login, operation, record, summary, changes = cashier.db.table(
        "SELECT login, operation, record, summary, changes FROM audit ORDER BY audit_id DESC LIMIT 1")[1][0]
    assert (login, operation, record) == ("ravi", "bill.credit", "B001")
    assert summary == "credit note C001 issued on bill B001, refund 2000.00 (cash)"
    assert json.loads(changes) == {"credited": ["0.00", "2000.00"], "amount_paid": ["4000.00", "2000.00"],
                                   "state": ["paid", "part-refunded"], "credit_note": [None, "C001"],
                                   "reason": [None, "One knee scanned, not two"], "lines": [None, ["S01 x 1"]]}


def test_a_repeated_request_gives_the_first_credit_note_deposit_or_refund(cashier):
    bill = a_bill(cashier)
    billing.record_payment(cashier, bill, D("4000.00"), CASH)
    first = checkout.issue_credit_note(cashier, bill, "One scan", {1: 1}, request_key="credit-1")
    again = checkout.issue_credit_note(cashier, bill, "One scan", {1: 1}, request_key="credit-1")
    assert (again.note.code, again.note.refund.code, again.bill.payable) == ("C001", "R0002", D("2000.00"))
    assert first.note.credit_id == again.note.credit_id
    deposit = checkout.take_deposit(cashier, 1002, "700", CASH, request_key="deposit-1")
    assert checkout.take_deposit(cashier, 1002, "700", CASH, request_key="deposit-1").code == deposit.code
    refund = checkout.refund_deposit(cashier, 1002, "700", CASH, "Back", request_key="refund-1")
    assert checkout.refund_deposit(cashier, 1002, "700", CASH, "Back", request_key="refund-1").code == refund.code
    assert [cashier.db.scalar(f"SELECT count(*) FROM {t}") for t in ("credit_notes", "refunds", "deposits")] == \
        [1, 2, 1]
    assert receipt_counter(cashier) == 4


def test_the_unapplied_deposits_report_shows_who_holds_what_on_a_day(counter, cashier):
    checkout.take_deposit(on(cashier, "2026-11-20"), 1001, "5000", CASH)
    checkout.take_deposit(on(cashier, "2026-11-21"), 1002, "700", CASH)
    bill = a_bill(cashier)
    checkout.apply_deposit(on(cashier, "2026-11-22"), bill, "3000")
    checkout.refund_deposit(on(cashier, "2026-11-22"), 1002, "700", CASH, "Went home")
    before = reports.run_report(counter, "unapplied-deposits", Period(date(2026, 11, 21), date(2026, 11, 21)))
    assert before.title == "Unapplied deposits on 2026-11-21 (held for patients, not yet put towards a bill)"
    assert before.rows == [["1001", "Asha Rao", D("5000.00"), D("0.00"), D("0.00"), D("5000.00"), date(2026, 11, 20)],
                           ["1002", "Ravi Kumar", D("700.00"), D("0.00"), D("0.00"), D("700.00"), date(2026, 11, 21)]]
    after = reports.run_report(counter, "unapplied-deposits", Period(TODAY, TODAY))
    assert after.rows == [["1001", "Asha Rao", D("5000.00"), D("3000.00"), D("0.00"), D("2000.00"), TODAY]]
    cash_up = reports.run_report(counter, "cash-up", Period(TODAY, TODAY))
    assert cash_up.rows[0] == ["cash", 0, D("0.00"), 1, D("700.00"), D("-700.00")]
