"""The rules of the counter, with no database: a bill's state from its figures, what a credit
note credits and what it refunds, the reference and cash tendered of a payment, amounts in words."""
from datetime import date
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.billing import BillItem, BillState, BillStatus, FinalBill, PaymentMethod
from hospital_mgmt.domain.errors import (
    BillHasPayments,
    BillIsVoid,
    CreditExceedsBill,
    InvalidField,
    InvalidQuantity,
    NothingToCredit,
    ServiceNotOnBill,
)
from hospital_mgmt.domain.money_words import INTERNATIONAL, amount_in_words, number_in_words
from hospital_mgmt.domain.receipt import (
    Receipt,
    ReceiptKind,
    credit_amount,
    credit_for_lines,
    credit_for_whole_bill,
    validate_reference,
    validate_tendered,
)

XRAY = BillItem(1, "X-Ray - Chest", 2, D("333.33"), D("666.66"))
CBC = BillItem(2, "Lab - CBC", 1, D("250.00"), D("250.00"))


def bill(**figures) -> FinalBill:
    """A bill of XRAY x2 and CBC x1 with a fee of 500 and a 10% discount, 18% tax:
    1416.66 less 141.67 = 1274.99, tax 229.50, total 1504.49."""
    base = dict(bill_id=1, patient_id=1001, appt_id=None, billing_date=date(2026, 11, 22),
                consultation_charges=D("500.00"), subtotal=D("916.66"), discount=D("141.67"), tax=D("229.50"),
                total_amount=D("1504.49"), status=BillStatus.UNPAID)
    return FinalBill(**{**base, **figures})


@pytest.mark.parametrize("figures, state", [
    ({}, BillState.UNPAID),
    ({"amount_paid": D("0.01")}, BillState.PART_PAID),
    ({"amount_paid": D("1504.49"), "status": BillStatus.PAID}, BillState.PAID),
    ({"status": BillStatus.VOID, "void_reason": "wrong patient"}, BillState.VOID),
    ({"credited": D("1504.49")}, BillState.CREDITED),
    ({"credited": D("1504.49"), "refunded": D("1504.49"), "status": BillStatus.PAID}, BillState.CREDITED),
    ({"credited": D("250.00"), "amount_paid": D("1254.49"), "refunded": D("250.00"), "status": BillStatus.PAID},
     BillState.PART_REFUNDED),
    ({"credited": D("1000.00"), "amount_paid": D("0.00"), "refunded": D("100.00")}, BillState.REFUNDED),
    ({"credited": D("250.00"), "amount_paid": D("1254.49"), "status": BillStatus.PAID}, BillState.PAID),
    ({"credited": D("250.00"), "amount_paid": D("100.00")}, BillState.PART_PAID),
])
def test_a_bills_state_follows_from_its_figures(figures, state):
    assert bill(**figures).state == state


def test_what_a_bill_owes_comes_after_its_credit_notes_and_a_void_bill_owes_nothing():
    part_credited = bill(credited=D("250.00"), amount_paid=D("1000.00"), refunded=D("4.49"))
    assert part_credited.payable == D("1254.49") and part_credited.balance == D("254.49")
    assert part_credited.received == D("1004.49")
    assert bill(status=BillStatus.VOID).balance == D("0")


def test_a_line_credit_carries_the_discount_and_tax_the_line_carried():
    # share = 1504.49 / 1416.66; one X-ray: 333.33 * share = 353.9957... -> 354.00
    lines = credit_for_lines(bill(), [XRAY, CBC], {}, {1: 1})
    assert [(line.service_code, line.quantity, line.amount) for line in lines] == [("S01", 1, D("354.00"))]
    assert credit_amount(bill(), lines, whole_bill=False) == D("354.00")


def test_lines_already_credited_cannot_be_credited_again():
    with pytest.raises(InvalidQuantity, match="S01: 1 left to credit, not 2"):
        credit_for_lines(bill(), [XRAY, CBC], {1: 1}, {1: 2})
    with pytest.raises(InvalidQuantity, match="S02: 1 left to credit, not 0"):
        credit_for_lines(bill(), [XRAY, CBC], {}, {2: 0})
    with pytest.raises(ServiceNotOnBill):
        credit_for_lines(bill(), [XRAY, CBC], {}, {7: 1})


def test_the_whole_bill_credits_all_that_is_left_of_it_fee_included():
    earlier = bill(credited=D("354.00"))
    lines = credit_for_whole_bill(earlier, [XRAY, CBC], {1: 1})
    assert [(line.service_code, line.quantity) for line in lines] == [("S01", 1), ("S02", 1)]
    assert credit_amount(earlier, lines, whole_bill=True) == D("1150.49")  # 1504.49 - 354.00


def test_line_credits_rounded_up_never_pass_what_is_left_of_the_bill():
    nearly_all = bill(credited=D("1504.00"))
    lines = credit_for_lines(nearly_all, [XRAY, CBC], {}, {2: 1})
    assert credit_amount(nearly_all, lines, whole_bill=False) == D("0.49")


def test_a_bill_of_nothing_has_nothing_to_credit_and_no_division_by_zero():
    free = bill(consultation_charges=D("0"), subtotal=D("0"), discount=D("0"), tax=D("0"), total_amount=D("0"))
    lines = credit_for_lines(free, [BillItem(3, "Leaflet", 1, D("0"), D("0"))], {}, {3: 1})
    with pytest.raises(NothingToCredit):
        free.check_credit(credit_amount(free, lines, whole_bill=False))


def test_a_credit_note_is_for_a_live_bill_and_no_more_than_it_still_comes_to():
    with pytest.raises(BillIsVoid):
        bill(status=BillStatus.VOID).check_credit(D("1"))
    with pytest.raises(CreditExceedsBill, match="a credit of 1504.50 is more than bill B001 still comes to"):
        bill().check_credit(D("1504.50"))
    bill().check_credit(D("1504.49"))


@pytest.mark.parametrize("paid, credit, refund", [
    (D("0"), D("250.00"), D("0")),             # nothing paid: nothing to give back
    (D("1504.49"), D("250.00"), D("250.00")),  # paid in full: the credit goes back
    (D("1300.00"), D("250.00"), D("45.51")),   # paid part: only what was paid past 1254.49
    (D("1000.00"), D("250.00"), D("0")),       # still owes after the credit
    (D("1504.49"), D("1504.49"), D("1504.49")),
])
def test_a_credit_refunds_what_was_paid_beyond_what_the_bill_then_comes_to(paid, credit, refund):
    assert bill(amount_paid=paid).refund_on_credit(credit) == refund


def test_a_bill_with_credit_notes_or_refunds_cannot_be_voided():
    with pytest.raises(BillHasPayments, match="credit notes"):
        bill(credited=D("10.00")).check_void()
    with pytest.raises(BillHasPayments):
        bill(amount_paid=D("0"), refunded=D("10.00")).check_void()


def test_card_upi_and_insurance_need_a_reference_and_cash_has_none():
    for method in (PaymentMethod.CARD, PaymentMethod.UPI, PaymentMethod.INSURANCE):
        with pytest.raises(InvalidField, match=f"a {method.label} payment needs its reference"):
            validate_reference(method, "   ")
        assert validate_reference(method, " TXN-991 ") == "TXN-991"
    assert validate_reference(PaymentMethod.CASH, "anything") == ""
    with pytest.raises(InvalidField):
        validate_reference(PaymentMethod.CARD, "x" * 61)


def test_cash_tendered_is_at_least_the_amount_and_the_change_is_the_rest():
    assert validate_tendered(D("1017.79"), "1,100") == D("1100.00")
    with pytest.raises(InvalidField, match=r"1000.00 is less than the amount \(1017.79\)"):
        validate_tendered(D("1017.79"), "1000")
    receipt = Receipt(1, ReceiptKind.PAYMENT, None, 1001, D("1017.79"), "cash", tendered=D("1100.00"))
    assert receipt.change == D("82.21") and receipt.code == "R0001" and receipt.method_label == "Cash"
    assert Receipt(2, ReceiptKind.APPLIED, None, 1001, D("5"), "deposit").method_label == "Deposit"


@pytest.mark.parametrize("amount, words", [
    ("0", "Rupees Zero Only"),
    ("0.50", "Rupees Zero and Paise Fifty Only"),
    ("1", "Rupees One Only"),
    ("19.05", "Rupees Nineteen and Paise Five Only"),
    ("120450.50", "Rupees One Lakh Twenty Thousand Four Hundred Fifty and Paise Fifty Only"),
    ("2017.79", "Rupees Two Thousand Seventeen and Paise Seventy Nine Only"),
    ("99999999.99", "Rupees Nine Crore Ninety Nine Lakh Ninety Nine Thousand Nine Hundred Ninety Nine"
                    " and Paise Ninety Nine Only"),
    ("9999999999.99", "Rupees Nine Hundred Ninety Nine Crore Ninety Nine Lakh Ninety Nine Thousand Nine Hundred"
                      " Ninety Nine and Paise Ninety Nine Only"),
])
def test_amounts_in_words_group_rupees_the_indian_way(amount, words):
    assert amount_in_words(D(amount)) == words


def test_other_currencies_group_the_international_way():
    assert number_in_words(1_234_567, INTERNATIONAL) == \
        "One Million Two Hundred Thirty Four Thousand Five Hundred Sixty Seven"
    assert amount_in_words(D("120450.05"), "USD") == \
        "USD One Hundred Twenty Thousand Four Hundred Fifty and Cents Five Only"
