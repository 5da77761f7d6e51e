"""Billing: a draft bill built line by line, finalized under the next number, then paid or voided.

The draft is a domain Billing held by the face (the menu's bill editor, later an HTTP request);
nothing is written until finalize_bill, and a finalized bill is never edited."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..domain.appointment import Appointment
from ..domain.audit import fields_of
from ..domain.billing import (
    Billing,
    BillItem,
    BillLine,
    FinalBill,
    Payment,
    PaymentMethod,
    check_billable,
    validate_void_reason,
)
from ..domain.codes import format_code
from ..domain.errors import AppointmentAlreadyBilled, NoOpenShift, NotPatientsTreatment, TreatmentAlreadyBilled
from ..domain.receipt import Receipt, ReceiptKind, receipt_code, validate_reference, validate_tendered
from ..domain.request_key import new_request_key, validate_request_key
from ..domain.staff import Permission
from ..domain.visit import Treatment
from ..storage.appointments import AppointmentView
from ..storage.unit_of_work import Repositories
from .context import Context, allowed, exactly_once, repeated

BILLABLE_SHOWN = 10  # how many of a patient's latest appointments a new bill offers


@dataclass
class BillDetails:
    bill: FinalBill
    items: list[BillItem]
    payments: list[Payment]


@allowed(Permission.BILL)
def billable_appointments(ctx: Context, patient_id: int) -> list[AppointmentView]:
    """The patient's latest scheduled or completed appointments, whose fee a new bill may charge."""
    return ctx.repos.appointments.latest_live_for_patient(patient_id, BILLABLE_SHOWN)


@allowed(Permission.BILL)
def start_bill(ctx: Context, patient_id: int, appt_id: int | None = None) -> Billing:
    """A draft bill for the patient at today's tax rate, with an appointment's consultation fee
    when one is given."""
    ctx.repos.patients.get_current(patient_id)
    draft = Billing(patient_id, ctx.settings.tax_rate)
    if appt_id is not None:
        charge_appointment(ctx, draft, appt_id)
    return draft


@allowed(Permission.BILL)
def charge_appointment(ctx: Context, draft: Billing, appt_id: int) -> None:
    """Put the appointment's consultation fee on the draft: it must be this patient's, live, and
    not already on a live bill."""
    appointment = _check_chargeable(ctx.repos, draft, appt_id)
    draft.charge_consultation(appt_id, ctx.repos.doctors.get(appointment.doctor_id).consultation_fee)


@allowed(Permission.BILL)
def add_service(ctx: Context, draft: Billing, service_id: int, quantity=1) -> BillLine:
    """Add a service from the price list at today's price (again: the quantity goes up)."""
    return draft.add_service(ctx.repos.services.get(service_id), quantity)


@allowed(Permission.BILL)
def add_treatment(ctx: Context, draft: Billing, treatment_id: int) -> BillLine:
    """Put a treatment of the patient's visits on the draft, at today's price of its service: it
    must be this patient's and on no live bill."""
    treatment = _check_treatment_billable(ctx.repos, draft, ctx.repos.visits.treatment(treatment_id))
    return draft.add_treatment(treatment, ctx.repos.services.get(treatment.service_id))


@allowed(Permission.BILL)
def add_waiting_treatments(ctx: Context, draft: Billing) -> list[BillLine]:
    """Every treatment of the patient that waits for a bill, onto the draft."""
    waiting = ctx.repos.visits.waiting_for_patient(draft.patient_id)
    return [add_treatment(ctx, draft, t.treatment_id) for t in waiting  # type: ignore[arg-type]
            if t.treatment_id not in draft.treatments]


def _check_treatment_billable(repos: Repositories, draft: Billing, treatment: Treatment) -> Treatment:
    if treatment.bill_id is not None:
        raise TreatmentAlreadyBilled(treatment.code, format_code("bill", treatment.bill_id))
    appointment = repos.appointments.get(treatment.appt_id)
    if appointment.patient_id != draft.patient_id:
        raise NotPatientsTreatment(f"treatment {treatment.code} is of patient"
                                   f" {format_code('patient', appointment.patient_id)}, not of"
                                   f" {format_code('patient', draft.patient_id)}")
    return treatment


@allowed(Permission.BILL)
def finalize_bill(ctx: Context, draft: Billing) -> FinalBill:
    """Write the draft as a bill dated today under the next number, in one transaction.

    Inside it the appointment is locked and checked again (another terminal may have billed it
    meanwhile: AppointmentAlreadyBilled), and every line is brought to today's prices (a price
    that moved refuses it with PricesChanged, the draft now at the new prices). The draft carries a
    request key: finalized again, it returns the bill it made instead of making a second one."""

    def finalize(after_lost_reply: bool) -> FinalBill:
        with ctx.unit_of_work() as uow:
            earlier = uow.bills.by_request_key(draft.request_key)
            if earlier is not None:
                ctx.log(repeated(f"bill {earlier.code} finalized", after_lost_reply))
                return earlier
            draft.check_ready()
            uow.patients.get_current(draft.patient_id, lock=True)  # not merged away meanwhile
            if draft.appt_id is not None:
                _check_chargeable(uow, draft, draft.appt_id, lock=True)
            for treatment in uow.visits.lock_treatments(draft.treatment_ids):  # a second bill waits here
                _check_treatment_billable(uow, draft, treatment)
            draft.refresh_prices(uow.services.current_prices(draft.service_ids))
            bill = uow.bills.add(draft, ctx.today(), ctx.now().replace(microsecond=0), ctx.actor.user_id)
            uow.visits.mark_billed(draft.treatment_ids, bill.bill_id)
            lines = [f"{line.service.code} x {line.quantity} at {line.unit_price}" for line in draft.lines]
            treatments = [format_code("treatment", treatment_id) for treatment_id in draft.treatment_ids]
            uow.audit(f"bill {bill.code} finalized for patient {format_code('patient', bill.patient_id)}:"
                      f" {len(draft.lines)} lines", "bill.finalize", bill.code,
                      after={**fields_of(bill), "lines": lines, **({"treatments": treatments} if treatments else {})})
            uow.commit()
        return bill
    return exactly_once(ctx, finalize)


def _check_chargeable(repos: Repositories, draft: Billing, appt_id: int, lock: bool = False) -> Appointment:
    # With `lock` the appointment row is locked first: a second terminal finalizing a bill for
    # the same visit waits here, then its locking read of the bills sees the first one's bill.
    appointment = repos.appointments.get(appt_id, lock=lock)
    check_billable(appointment, draft.patient_id)
    billed = repos.bills.live_bill_for_appointment(appt_id, lock=lock)
    if billed is not None:
        raise AppointmentAlreadyBilled(format_code("appointment", appt_id), format_code("bill", billed))
    return appointment


@dataclass
class Paid:
    """A payment taken: the bill as it stands after it, and the payment's receipt."""

    bill: FinalBill
    receipt: Receipt


@allowed(Permission.TAKE_PAYMENTS)
def record_payment(ctx: Context, bill_id: int, amount: Decimal, method: PaymentMethod, *, reference: str = "",
                   tendered=None, request_key: str | None = None) -> Paid:
    """Take a payment of at most the balance, with its receipt (the next R number); the bill is
    paid when nothing is left to pay. Card, UPI and insurance name their reference; cash may say
    what was tendered (the change is on the receipt). A signed-in cashier takes it in their open
    shift (NoOpenShift without one). The same request key takes the payment once: repeated, it
    returns the bill as it now stands and the receipt it gave."""
    key = validate_request_key(request_key) if request_key else new_request_key()
    reference = validate_reference(method, reference)
    given = validate_tendered(amount, tendered) if method is PaymentMethod.CASH and tendered not in (None, "") \
        else None

    def pay(after_lost_reply: bool) -> Paid:
        with ctx.unit_of_work() as uow:
            bill = uow.bills.get(bill_id, lock=True)
            earlier = uow.bills.receipt_by_request_key(key)
            if earlier is not None:
                ctx.log(repeated(f"payment on bill {bill.code} recorded", after_lost_reply))
                return Paid(bill, uow.receipts.get(earlier))
            bill.check_payment(amount)
            shift_id = drawer_shift(ctx, uow)
            at = ctx.now().replace(microsecond=0)
            receipt_no = uow.receipts.issue(ReceiptKind.PAYMENT, at, bill.balance - amount)
            uow.bills.add_payment(bill_id, method, amount, ctx.today(), bill.status_after_payment(amount), key,
                                  shift_id=shift_id, received_by=ctx.actor.user_id, receipt_no=receipt_no,
                                  reference=reference, tendered=given, at=at)
            after = uow.bills.get(bill_id)
            uow.audit(f"payment on bill {after.code} recorded ({method.value}), receipt {receipt_code(receipt_no)}",
                      "payment.record", after.code,
                      {"status": bill.status, "amount_paid": bill.amount_paid},
                      {"status": after.status, "amount_paid": after.amount_paid,
                       "payment": f"{amount:.2f} {method.value}" + (f" in {format_code('shift', shift_id)}"
                                                                    if shift_id else ""),
                       "receipt": receipt_code(receipt_no)})
            uow.commit()
            return Paid(after, uow.receipts.get(receipt_no))
    return exactly_once(ctx, pay)


def drawer_shift(ctx: Context, uow: Repositories) -> int | None:
    """The shift the acting cashier's money goes into and out of (locked, so it cannot close
    meanwhile); None for the application's own work, which is no one's drawer."""
    if ctx.actor.user_id is None:
        return None
    shift = uow.shifts.open_for(ctx.actor.user_id, lock=True)
    if shift is None:
        raise NoOpenShift(ctx.actor.login)
    return shift.shift_id


@allowed(Permission.BILL)
def void_bill(ctx: Context, bill_id: int, reason: str) -> FinalBill:
    """Void a bill that took no payment, with the reason; its number stays used."""
    reason = validate_void_reason(reason)
    with ctx.unit_of_work() as uow:
        bill = uow.bills.get(bill_id, lock=True)
        bill.check_void()
        uow.bills.void(bill_id, reason)
        after = uow.bills.get(bill_id)
        uow.audit(f"bill {after.code} voided", "bill.void", after.code, bill, after)
        uow.commit()
    return after


@allowed(Permission.VIEW_BILLS)
def get_bill(ctx: Context, bill_id: int) -> FinalBill:
    return ctx.repos.bills.get(bill_id)


@allowed(Permission.VIEW_BILLS)
def bill_details(ctx: Context, bill_id: int) -> BillDetails:
    bill = ctx.repos.bills.get(bill_id)
    return BillDetails(bill, ctx.repos.bills.items(bill_id), ctx.repos.bills.payments(bill_id))


@allowed(Permission.VIEW_BILLS)
def unpaid_bills(ctx: Context, patient_id: int) -> list[FinalBill]:
    ctx.repos.patients.get(patient_id)
    return ctx.repos.bills.open_for_patient(patient_id)


@allowed(Permission.VIEW_BILLS)
def bills_of_patient(ctx: Context, patient_id: int, count: int = 15) -> list[FinalBill]:
    """The patient's latest bills, the newest first: what a clerk who knows only the name picks from."""
    ctx.repos.patients.get(patient_id)
    return ctx.repos.bills.latest_for_patient(patient_id, count)
