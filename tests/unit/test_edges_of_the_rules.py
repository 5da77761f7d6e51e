"""Each rule at its edge: the last value it takes and the first it refuses. A `<` written for a
`<=` moves an edge by one, and only a test at the edge sees it."""
from datetime import date, datetime, time
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.appointment import Appointment, check_bookable
from hospital_mgmt.domain.billing import Billing, validate_quantity, validate_void_reason
from hospital_mgmt.domain.codes import parse_code
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.errors import DiscountTooLarge, HospitalError, InvalidQuantity
from hospital_mgmt.domain.money import parse_money
from hospital_mgmt.domain.period import last_7_days
from hospital_mgmt.domain.service import Service
from hospital_mgmt.domain.validation import validate_age, validate_contact, validate_name

EDGES = [  # the rule, the last value it takes, the first it refuses
    (validate_age, "130", "131"),
    (validate_age, "0", "-1"),
    (validate_name, "Al", "A"),
    (validate_name, "A" * 100, "A" * 101),
    (validate_contact, "9" * 10, "9" * 9),
    (validate_contact, "9" * 15, "9" * 16),
    (validate_quantity, "1", "0"),
    (validate_quantity, "1000", "1001"),
    (parse_money, "9999999999.99", "10000000000"),
    (parse_money, "0.01", "0"),
    (parse_money, "0.01", "0.001"),
    (validate_void_reason, "x" * 200, "x" * 201),
    (lambda text: Appointment(1001, 1, date(2026, 11, 23), time(10, 0), text), "d" * 500, "d" * 501),
    (lambda text: Service(text, "1"), "S" * 100, "S" * 101),
    (lambda text: Doctor("Meera Iyer", "9100000000", specialization=text, consultation_fee="1"), "C" * 60, "C" * 61),
    (lambda text: parse_code("bill", text), "B1", "B0"),
    (lambda text: parse_code("patient", text), "9" * 9, "9" * 10),
]


@pytest.mark.parametrize("rule, taken, refused", EDGES)
def test_a_rule_takes_its_last_value_and_refuses_the_next(rule, taken, refused):
    rule(taken)
    with pytest.raises(HospitalError):
        rule(refused)


def test_amounts_are_typed_the_way_people_write_them():
    assert parse_money("1,250.50") == D("1250.50") and parse_money(" 99.5 ") == D("99.50")
    assert parse_money("0", allow_zero=True) == D("0.00")


NOW = datetime(2026, 11, 22, 8, 0)


@pytest.mark.parametrize("at, allowed", [(time(9, 0), True), (time(8, 45), False), (time(16, 45), True),
                                         (time(17, 0), False)])
def test_the_doctors_day_takes_its_first_and_last_slot_and_nothing_outside(at, allowed):
    if allowed:
        check_bookable(date(2026, 11, 23), at, NOW, 15)
    else:
        with pytest.raises(HospitalError, match="outside the doctors' hours"):
            check_bookable(date(2026, 11, 23), at, NOW, 15)


def test_today_is_bookable_from_now_on_and_yesterday_is_not():
    check_bookable(date(2026, 11, 22), time(9, 0), datetime(2026, 11, 22, 9, 0), 15)
    with pytest.raises(HospitalError, match="has already passed today"):
        check_bookable(date(2026, 11, 22), time(9, 0), datetime(2026, 11, 22, 9, 1), 15)
    with pytest.raises(HospitalError, match="in the past"):
        check_bookable(date(2026, 11, 21), time(16, 45), NOW, 15)


def test_a_discount_may_be_the_whole_bill_or_nothing_and_no_more():
    bill = Billing(1001)
    bill.add_service(Service("ECG", "250", service_id=1), 2)
    bill.apply_discount(percent="100")
    assert (bill.discount, bill.total) == (D("500.00"), D("0.00"))
    bill.apply_discount(amount="500")
    assert bill.total == D("0.00")
    bill.apply_discount(amount="0")
    assert (bill.discount, bill.total) == (D("0.00"), D("500.00"))
    with pytest.raises(DiscountTooLarge):
        bill.apply_discount(percent="100.01")
    with pytest.raises(DiscountTooLarge):
        bill.apply_discount(amount="500.01")


def test_adding_a_service_again_stops_at_the_largest_quantity():
    bill = Billing(1001)
    ecg = Service("ECG", "250", service_id=1)
    bill.add_service(ecg, 600)
    bill.add_service(ecg, 400)
    assert bill.items[1].quantity == 1000
    with pytest.raises(InvalidQuantity, match="^quantity must be 1 to 1000, not 1001$"):
        bill.add_service(ecg, 1)
    assert bill.items[1].quantity == 1000


def test_the_last_7_days_are_seven_days_ending_today():
    period = last_7_days(date(2026, 11, 22))
    assert (period.first, period.last) == (date(2026, 11, 16), date(2026, 11, 22))
