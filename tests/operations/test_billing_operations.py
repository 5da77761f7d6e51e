from datetime import date, time
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.billing import BillStatus, PaymentMethod
from hospital_mgmt.domain.errors import (
    AmountTooLarge,
    AppointmentAlreadyBilled,
    AppointmentNotBillable,
    BillAlreadyPaid,
    BillAlreadyVoid,
    BillHasPayments,
    BillIsVoid,
    DiscountTooLarge,
    EmptyBill,
    InvalidField,
    NotFound,
    NotPatientsAppointment,
    PaymentExceedsBalance,
    PricesChanged,
    ServiceWithdrawn,
)
from hospital_mgmt.domain.service import Service
from hospital_mgmt.operations import appointments, billing, price_list
from tests.operations.conftest import a_doctor, a_patient, a_service
from tests.support import TODAY, on


@pytest.fixture
def clinic(ctx):
    a_patient(ctx)
    a_patient(ctx, name="Ravi Kumar", phone="9000000002", gender="M")
    a_doctor(ctx)
    a_service(ctx)
    a_service(ctx, "Lab - CBC", "250")
    for patient, at in ((1001, time(9, 0)), (1002, time(9, 15)), (1001, time(9, 30))):
        appointments.book_appointment(ctx, patient, 1, TODAY, at)
    return ctx


def draft_with_lines(ctx, appt_id=None, patient_id=1001):
    draft = billing.start_bill(ctx, patient_id, appt_id)
    billing.add_service(ctx, draft, 1, 3)
    billing.add_service(ctx, draft, 2, 1)
    return draft


def a_bill(ctx, appt_id=None):
    return billing.finalize_bill(ctx, draft_with_lines(ctx, appt_id))


def count_bills(ctx):
    return ctx.db.scalar("SELECT count(*) FROM billing")


def test_a_bill_for_an_appointment_charges_the_doctors_fee_and_is_written_with_todays_date(clinic, log_lines):
    draft = draft_with_lines(clinic, appt_id=1)
    assert (draft.consultation_charges, draft.subtotal, draft.total) == (D("800.00"), D("1249.99"), D("2049.99"))
    bill = billing.finalize_bill(on(clinic, "2026-11-24"), draft)
    details = billing.bill_details(clinic, bill.bill_id)
    assert (details.bill.code, details.bill.appt_id, details.bill.billing_date, details.bill.total_amount,
            details.bill.status) == ("B001", 1, date(2026, 11, 24), D("2049.99"), BillStatus.UNPAID)
    assert [(item.service_code, item.quantity, item.line_total) for item in details.items] == [
        ("S01", 3, D("999.99")), ("S02", 1, D("250.00"))]
    assert log_lines()[-1] == "bill B001 finalized for patient 1001: 2 lines [system]"


def test_a_bill_larger_than_the_largest_amount_is_refused_alike_on_both_engines_and_nothing_is_written(clinic):
    draft = draft_with_lines(clinic)
    price_list.update_service(clinic, Service("X-Ray - Chest", "9999999999.99", service_id=1))
    with pytest.raises(PricesChanged):
        billing.finalize_bill(clinic, draft)  # the draft takes the new price: 3 x 9,999,999,999.99
    with pytest.raises(AmountTooLarge, match=r"^the line total of S01 would be 29,999,999,999.97, more than the"
                                              r" largest amount a bill can hold \(9,999,999,999.99\)$"):
        billing.finalize_bill(clinic, draft)
    with pytest.raises(AmountTooLarge, match="^the line total of S01 would be 19,999,999,999.98,"):
        billing.add_service(clinic, billing.start_bill(clinic, 1001), 1, 2)
    assert count_bills(clinic) == 0
    assert clinic.db.scalar("SELECT last_value FROM counters WHERE name = 'bill'") == 0


def test_another_patients_appointment_is_not_billed(clinic):
    with pytest.raises(NotPatientsAppointment, match="^A002 is not one of patient 1001's appointments$"):
        billing.start_bill(clinic, 1001, appt_id=2)
    draft = billing.start_bill(clinic, 1001)
    draft.charge_consultation(2, D("800"))  # a face that skipped the check: finalize checks again
    with pytest.raises(NotPatientsAppointment):
        billing.finalize_bill(clinic, draft)
    assert count_bills(clinic) == 0


def test_a_cancelled_appointment_is_not_billed(clinic):
    appointments.cancel_appointment(clinic, 3)
    with pytest.raises(AppointmentNotBillable,
                       match="^appointment A003 is cancelled; a cancelled or missed appointment is not billed$"):
        billing.start_bill(clinic, 1001, appt_id=3)
    assert [v.appointment.code for v in billing.billable_appointments(clinic, 1001)] == ["A001"]


def test_an_appointment_on_a_live_bill_is_billed_again_only_once_that_bill_is_void(clinic):
    first = a_bill(clinic, appt_id=1)
    with pytest.raises(AppointmentAlreadyBilled, match="^A001 is already on bill B001$"):
        billing.start_bill(clinic, 1001, appt_id=1)
    billing.void_bill(clinic, first.bill_id, "Wrong services")
    assert a_bill(clinic, appt_id=1).code == "B002"


def test_an_empty_bill_and_a_discount_above_the_bill_are_refused_before_anything_is_written(clinic):
    with pytest.raises(EmptyBill, match="^the bill is empty: add a service or choose an appointment$"):
        billing.finalize_bill(clinic, billing.start_bill(clinic, 1001))
    draft = draft_with_lines(clinic)
    draft.apply_discount(amount="1249.99")
    draft.remove_service(2)
    with pytest.raises(DiscountTooLarge, match=r"^discount 1249.99 is more than the bill \(999.99\)$"):
        billing.finalize_bill(clinic, draft)
    assert count_bills(clinic) == 0 and clinic.db.scalar("SELECT last_value FROM counters WHERE name = 'bill'") == 0


def test_a_price_that_moved_while_the_bill_was_open_is_shown_and_then_billed_at_todays_price(clinic):
    draft = draft_with_lines(clinic)
    xray = price_list.get_service(clinic, 1)
    xray.cost = D("350")
    price_list.update_service(clinic, xray)
    with pytest.raises(PricesChanged, match=r"^prices changed while the bill was open \(S01 is now 350.00\)"):
        billing.finalize_bill(clinic, draft)
    assert count_bills(clinic) == 0
    assert (draft.items[1].unit_price, draft.subtotal) == (D("350.00"), D("1300.00"))
    assert billing.finalize_bill(clinic, draft).total_amount == D("1300.00")


def test_a_service_taken_off_the_price_list_while_the_bill_was_open_is_named(clinic):
    draft = billing.start_bill(clinic, 1001)
    billing.add_service(clinic, draft, a_service(clinic, "Dressing", "40").service_id, 1)
    price_list.delete_service(clinic, 3)
    with pytest.raises(ServiceWithdrawn, match="^service S03 was removed from the price list; remove it from the bill"):
        billing.finalize_bill(clinic, draft)
    assert count_bills(clinic) == 0


def test_payments_leave_a_balance_until_paid_and_never_exceed_it(clinic, log_lines):
    bill = a_bill(clinic)                                   # 1249.99
    paid = billing.record_payment(clinic, bill.bill_id, D("1000"), PaymentMethod.CASH)
    after = paid.bill
    assert (after.status, after.amount_paid, after.balance) == (BillStatus.UNPAID, D("1000.00"), D("249.99"))
    assert (paid.receipt.code, paid.receipt.amount, paid.receipt.balance_after) == ("R0001", D("1000.00"),
                                                                                   D("249.99"))
    with pytest.raises(PaymentExceedsBalance, match=r"^250.00 is more than the balance of bill B001 \(249.99\)$"):
        billing.record_payment(clinic, bill.bill_id, D("250.00"), PaymentMethod.UPI, reference="UPI-1")
    after = billing.record_payment(clinic, bill.bill_id, D("249.99"), PaymentMethod.UPI, reference="UPI-2").bill
    assert (after.status, after.balance) == (BillStatus.PAID, D("0.00"))
    with pytest.raises(BillAlreadyPaid, match="^bill B001 is already paid$"):
        billing.record_payment(clinic, bill.bill_id, D("1"), PaymentMethod.CARD, reference="CARD-1")
    assert [(p.method, p.amount) for p in billing.bill_details(clinic, 1).payments] == [
        (PaymentMethod.CASH, D("1000.00")), (PaymentMethod.UPI, D("249.99"))]
    assert log_lines()[-2:] == ["payment on bill B001 recorded (cash), receipt R0001 [system]",
                                "payment on bill B001 recorded (upi), receipt R0002 [system]"]


def test_voiding_needs_a_reason_of_at_most_200_characters_and_no_payments(clinic, log_lines):
    bill = a_bill(clinic)
    for reason, message in (("  ", "reason: must not be empty"), ("x" * 201, "reason: at most 200 characters")):
        with pytest.raises(InvalidField, match=f"^{message}$"):
            billing.void_bill(clinic, bill.bill_id, reason)
    assert billing.get_bill(clinic, 1).status == BillStatus.UNPAID
    voided = billing.void_bill(clinic, bill.bill_id, "x" * 200)
    assert (voided.status, voided.void_reason, voided.balance) == (BillStatus.VOID, "x" * 200, D("0.00"))
    with pytest.raises(BillAlreadyVoid, match="^bill B001 is already void$"):
        billing.void_bill(clinic, bill.bill_id, "again")
    with pytest.raises(BillIsVoid, match="^bill B001 is void and cannot be paid$"):
        billing.record_payment(clinic, bill.bill_id, D("1"), PaymentMethod.CASH)
    paid = a_bill(clinic)
    billing.record_payment(clinic, paid.bill_id, D("1"), PaymentMethod.CASH)
    with pytest.raises(BillHasPayments, match="^bill B002 has payments of 1.00; it cannot be voided: issue a"
                                              " credit note instead$"):
        billing.void_bill(clinic, paid.bill_id, "Wrong patient")
    assert "bill B001 voided [system]" in log_lines() and "bill B002 voided [system]" not in log_lines()


def test_an_unknown_bill_patient_or_service_is_named(clinic):
    with pytest.raises(NotFound, match="^no bill B042$"):
        billing.record_payment(clinic, 42, D("1"), PaymentMethod.CASH)
    with pytest.raises(NotFound, match="^no patient 4242$"):
        billing.start_bill(clinic, 4242)
    with pytest.raises(NotFound, match="^no service S09$"):
        billing.add_service(clinic, billing.start_bill(clinic, 1001), 9)


def test_a_draft_is_only_ever_in_memory_until_it_is_finalized(clinic):
    draft = draft_with_lines(clinic, appt_id=1)
    draft.set_quantity(1, 2)
    draft.apply_discount(percent="10")
    assert (draft.subtotal, draft.discount, draft.total) == (D("916.66"), D("171.67"), D("1544.99"))
    assert count_bills(clinic) == 0
    billing.add_service(clinic, draft, 1, 1)
    assert draft.items[1].quantity == 3 and isinstance(draft.items[1].service, Service)
