from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.billing import Billing, BillStatus, FinalBill
from hospital_mgmt.domain.errors import (
    AmountTooLarge,
    BillHasPayments,
    DiscountTooLarge,
    EmptyBill,
    InvalidField,
    InvalidQuantity,
    PaymentExceedsBalance,
    PricesChanged,
    ServiceWithdrawn,
)
from hospital_mgmt.domain.service import Service

XRAY = Service("X-Ray - Chest", "333.33", service_id=1)
CBC = Service("Lab - Complete Blood Count", "250.00", service_id=2)
ECG = Service("ECG", "199.99", service_id=3)


def test_adding_the_same_service_again_raises_its_quantity():
    bill = Billing(1001)
    bill.add_service(XRAY, 1)
    bill.add_service(XRAY, 2)
    assert list(bill.items) == [1] and bill.items[1].quantity == 3
    assert bill.subtotal == D("999.99")


def test_totals_follow_the_rules_step_by_step_with_half_up_rounding():
    bill = Billing(1001, tax_rate=D("18"), consultation_charges=D("500"))
    bill.add_service(XRAY, 3)      # 999.99
    bill.add_service(ECG, 1)       # 199.99
    bill.apply_discount(amount="0.05")
    assert bill.subtotal == D("1199.98")
    assert bill.taxable == D("1699.93")             # 1199.98 + 500 - 0.05
    assert bill.tax == D("305.99")                  # 305.9874 -> 305.99
    assert bill.total == D("2005.92")


def test_tax_of_an_odd_total_rounds_half_up_not_to_even():
    bill = Billing(1001, tax_rate=D("18"))
    bill.add_service(Service("Dressing", "0.25", service_id=9), 1)   # 18% of 0.25 = 0.045 -> 0.05
    assert bill.tax == D("0.05") and bill.total == D("0.30")
    bill = Billing(1001, tax_rate=D("5"))
    bill.add_service(Service("Syringe", "0.50", service_id=8), 1)    # 5% of 0.50 = 0.025 -> 0.03
    assert bill.tax == D("0.03")


def test_a_percent_discount_rounds_half_up_to_the_cent():
    bill = Billing(1001)
    bill.add_service(Service("Tablet", "0.10", service_id=7), 1)
    bill.apply_discount(percent="5")                 # 0.005 -> 0.01
    assert bill.discount == D("0.01") and bill.total == D("0.09")


def test_a_discount_of_a_fraction_of_a_cent_is_refused():
    bill = Billing(1001)
    bill.add_service(CBC, 1)
    with pytest.raises(InvalidField, match="at most 2 decimal places"):
        bill.apply_discount(amount="0.005")


def test_a_discount_larger_than_the_bill_is_refused():
    bill = Billing(1001, consultation_charges=D("100"))
    bill.add_service(CBC, 1)
    with pytest.raises(DiscountTooLarge, match="more than the bill"):
        bill.apply_discount(amount="350.01")
    with pytest.raises(DiscountTooLarge, match="more than 100%"):
        bill.apply_discount(percent="101")
    bill.apply_discount(amount="350")
    assert bill.total == D("0.00")


def test_removing_lines_after_a_fixed_discount_makes_the_bill_not_ready():
    bill = Billing(1001)
    bill.add_service(CBC, 1)
    bill.add_service(ECG, 1)
    bill.apply_discount(amount="400")
    bill.remove_service(2)
    with pytest.raises(DiscountTooLarge, match="more than the bill"):
        bill.check_ready()


@pytest.mark.parametrize("quantity", [0, -1, "two", 1001, "1.5", "²", "9" * 5000])
def test_quantities_must_be_whole_numbers_from_1(quantity):
    with pytest.raises(InvalidQuantity, match="quantity"):
        Billing(1001).add_service(CBC, quantity)


def test_an_empty_bill_cannot_be_finalized():
    with pytest.raises(EmptyBill, match="empty"):
        Billing(1001).check_ready()


def test_a_line_keeps_its_price_until_the_price_list_is_checked_and_then_takes_the_new_one():
    bill = Billing(1001)
    bill.add_service(Service("MRI - Brain", "8000", service_id=5), 1)
    bill.add_service(Service("ECG", "250", service_id=6), 2)
    bill.refresh_prices({5: D("8000.00"), 6: D("250.00")})  # nothing moved: nothing said
    assert (bill.items[5].unit_price, bill.total) == (D("8000.00"), D("8500.00"))
    with pytest.raises(PricesChanged) as changed:
        bill.refresh_prices({5: D("9500.00"), 6: D("250.00")})
    assert "(S05 is now 9500.00)" in str(changed.value)
    assert (bill.items[5].unit_price, bill.items[6].unit_price) == (D("9500.00"), D("250.00"))
    assert bill.total == D("10000.00")
    with pytest.raises(ServiceWithdrawn, match="S06"):
        bill.refresh_prices({5: D("9500.00")})


def test_a_final_bill_takes_payments_up_to_its_balance_only():
    bill = FinalBill(1, 1001, None, None, D("0"), D("100"), D("0"), D("0"), D("100"), BillStatus.UNPAID,
                     amount_paid=D("60"))
    assert bill.balance == D("40")
    with pytest.raises(PaymentExceedsBalance, match="more than the balance"):
        bill.check_payment(D("40.01"))
    assert bill.status_after_payment(D("40")) == BillStatus.PAID
    with pytest.raises(BillHasPayments, match="has payments"):
        bill.check_void()


def test_a_bill_never_holds_more_than_the_largest_amount_and_a_refused_change_leaves_it_as_it_was():
    bill = Billing(1001, tax_rate=D("18"))
    mri = Service("MRI - Brain", "9999999999.99", service_id=5)
    ecg = Service("ECG", "1000000000", service_id=6)
    with pytest.raises(AmountTooLarge, match=r"^the line total of S05 would be 19,999,999,999.98, more than the"
                                              r" largest amount a bill can hold \(9,999,999,999.99\)$"):
        bill.add_service(mri, 2)
    assert bill.items == {}
    bill.add_service(ecg, 8)  # 8,000,000,000.00; with 18% tax 9,440,000,000.00
    with pytest.raises(AmountTooLarge, match="^the total would be 10,620,000,000.00"):
        bill.set_quantity(6, 9)
    with pytest.raises(AmountTooLarge, match="^the total would be 10,620,000,000.00"):
        bill.add_service(ecg, 1)
    assert (bill.items[6].quantity, bill.total) == (8, D("9440000000.00"))
    bill.charge_consultation(1, D("800000000"))
    with pytest.raises(AmountTooLarge, match="^the total would be 10,384,000,000.00"):
        bill.check_ready()
    bill.apply_discount(amount="800000000")
    bill.check_ready()
    assert bill.total == D("9440000000.00")
