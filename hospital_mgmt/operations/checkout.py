"""The counter after a bill is made: deposits (held as the patient's credit, put towards a bill at
the cashier's choice, refundable), credit notes for bills that took payments (the whole bill or
some lines, with the refund of what was paid beyond what the bill then comes to), and the receipts
of every movement of money.

A refund above REFUND_APPROVAL_ABOVE needs a manager: one who does it themselves, or one who
approves the cashier's (the face has the manager sign in and passes their actor)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..domain.billing import BillItem, FinalBill, PaymentMethod
from ..domain.codes import format_code
from ..domain.errors import DepositTooSmall, RefundNeedsApproval
from ..domain.money import ZERO, parse_money
from ..domain.receipt import (
    CreditNote,
    Receipt,
    ReceiptKind,
    credit_amount,
    credit_for_lines,
    credit_for_whole_bill,
    receipt_code,
    validate_reason,
    validate_reference,
    validate_tendered,
)
from ..domain.request_key import new_request_key, validate_request_key
from ..domain.staff import Actor, Permission
from ..storage.unit_of_work import UnitOfWork
from .billing import drawer_shift
from .context import Context, allowed, exactly_once, repeated


@dataclass
class Credited:
    """A credit note issued: the note (with its refund's receipt, if money went back) and the
    bill as it stands after it."""

    note: CreditNote
    bill: FinalBill


@allowed(Permission.VIEW_BILLS)
def deposit_held(ctx: Context, patient_id: int) -> Decimal:
    ctx.repos.patients.get(patient_id)
    return ctx.repos.deposits.held(patient_id)


@allowed(Permission.TAKE_PAYMENTS)
def take_deposit(ctx: Context, patient_id: int, amount, method: PaymentMethod, *, reference: str = "",
                 tendered=None, request_key: str | None = None) -> Receipt:
    """Money a patient leaves with the hospital, held as their credit; its receipt."""
    amount = parse_money(amount, "deposit")
    reference = validate_reference(method, reference)
    given = validate_tendered(amount, tendered) if method is PaymentMethod.CASH and tendered not in (None, "") \
        else None
    key = validate_request_key(request_key) if request_key else new_request_key()

    def deposit(after_lost_reply: bool) -> Receipt:
        with ctx.unit_of_work() as uow:
            patient = uow.patients.get_current(patient_id, lock=True)
            earlier = uow.deposits.receipt_by_request_key(key)
            if earlier is not None:
                ctx.log(repeated(f"deposit of patient {patient.code} taken", after_lost_reply))
                return uow.receipts.get(earlier)
            held = uow.deposits.held(patient_id) + amount
            at = ctx.now().replace(microsecond=0)
            receipt_no = uow.receipts.issue(ReceiptKind.DEPOSIT, at, held)
            uow.deposits.add(patient_id, receipt_no, at, method.value, amount, reference, given,
                             drawer_shift(ctx, uow), ctx.actor.user_id, key)
            uow.audit(f"deposit of patient {patient.code} taken ({method.value}), receipt {receipt_code(receipt_no)}",
                      "deposit.take", patient.code, {"deposit_held": held - amount}, {"deposit_held": held})
            uow.commit()
            return uow.receipts.get(receipt_no)
    return exactly_once(ctx, deposit)


@allowed(Permission.TAKE_PAYMENTS)
def apply_deposit(ctx: Context, bill_id: int, amount, *, request_key: str | None = None) -> Receipt:
    """Put part of the patient's deposit towards one of their bills (no more than the deposit
    holds, nor than the bill owes); its receipt. The patient's row is locked first, so two
    terminals applying the same deposit at once cannot both spend it."""
    amount = parse_money(amount, "amount")
    key = validate_request_key(request_key) if request_key else new_request_key()

    def apply(after_lost_reply: bool) -> Receipt:
        with ctx.unit_of_work() as uow:
            patient_id = uow.bills.get(bill_id).patient_id
            patient = uow.patients.get(patient_id, lock=True)
            bill = uow.bills.get(bill_id, lock=True)
            earlier = uow.deposits.receipt_by_request_key(key)
            if earlier is not None:
                ctx.log(repeated(f"deposit put towards bill {bill.code}", after_lost_reply))
                return uow.receipts.get(earlier)
            bill.check_payment(amount)
            held = uow.deposits.held(patient_id)
            if amount > held:
                raise DepositTooSmall(patient.code, amount, held)
            at = ctx.now().replace(microsecond=0)
            receipt_no = uow.receipts.issue(ReceiptKind.APPLIED, at, bill.balance - amount)
            uow.deposits.use(patient_id, bill_id, receipt_no, at, amount, ctx.actor.user_id, key)
            uow.bills.set_status(bill_id, bill.status_after_payment(amount))
            uow.audit(f"deposit put towards bill {bill.code}, receipt {receipt_code(receipt_no)}", "deposit.apply",
                      bill.code, {"amount_paid": bill.amount_paid, "deposit_held": held},
                      {"amount_paid": bill.amount_paid + amount, "deposit_held": held - amount})
            uow.commit()
            return uow.receipts.get(receipt_no)
    return exactly_once(ctx, apply)


@allowed(Permission.REFUND)
def refund_deposit(ctx: Context, patient_id: int, amount, method: PaymentMethod, reason: str, *,
                   reference: str = "", approver: Actor | None = None, request_key: str | None = None) -> Receipt:
    """Give back some or all of what a patient's deposit holds; the refund's receipt."""
    amount = parse_money(amount, "refund")
    reason, reference = validate_reason(reason), validate_reference(method, reference)
    key = validate_request_key(request_key) if request_key else new_request_key()

    def refund(after_lost_reply: bool) -> Receipt:
        with ctx.unit_of_work() as uow:
            patient = uow.patients.get(patient_id, lock=True)
            earlier = uow.refunds.receipt_by_request_key(key)
            if earlier is not None:
                ctx.log(repeated(f"deposit of patient {patient.code} refunded", after_lost_reply))
                return uow.receipts.get(earlier)
            held = uow.deposits.held(patient_id)
            if amount > held:
                raise DepositTooSmall(patient.code, amount, held)
            approved_by = _approval(ctx, amount, approver)
            at = ctx.now().replace(microsecond=0)
            receipt_no = uow.receipts.issue(ReceiptKind.REFUND, at, held - amount)
            uow.refunds.add(patient_id, receipt_no, at, method.value, amount, reason, reference=reference,
                            shift_id=drawer_shift(ctx, uow), user_id=ctx.actor.user_id, approved_by=approved_by,
                            request_key=key)
            uow.audit(f"deposit of patient {patient.code} refunded ({method.value}), receipt"
                      f" {receipt_code(receipt_no)}", "deposit.refund", patient.code, {"deposit_held": held},
                      {"deposit_held": held - amount, "reason": reason})
            uow.commit()
            return uow.receipts.get(receipt_no)
    return exactly_once(ctx, refund)


@allowed(Permission.REFUND)
def issue_credit_note(ctx: Context, bill_id: int, reason: str, lines: dict[int, int] | None = None, *,
                      refund_method: PaymentMethod = PaymentMethod.CASH, reference: str = "",
                      approver: Actor | None = None, request_key: str | None = None) -> Credited:
    """Correct a bill by a credit note (the next C number): the whole of what is left of it, or
    some quantity of its lines (`lines`: service id -> quantity). What was paid beyond what the bill
    then comes to goes back to the patient by `refund_method`, out of the cashier's drawer for cash,
    with its receipt; never more than was paid. All in one transaction, the bill locked first."""
    reason = validate_reason(reason)
    reference = validate_reference(refund_method, reference) if refund_method is not PaymentMethod.CASH else ""
    key = validate_request_key(request_key) if request_key else new_request_key()

    def credit(after_lost_reply: bool) -> Credited:
        with ctx.unit_of_work() as uow:
            bill = uow.bills.get(bill_id, lock=True)
            earlier = uow.credit_notes.by_request_key(key)
            if earlier is not None:
                ctx.log(repeated(f"credit note {earlier.code} issued", after_lost_reply))
                return Credited(earlier, uow.bills.get(bill_id))
            note = _issue(ctx, uow, bill, reason, lines, refund_method, reference, approver, key)
            uow.commit()
            return Credited(uow.credit_notes.get(note), uow.bills.get(bill_id))
    return exactly_once(ctx, credit)


def _issue(ctx: Context, uow: UnitOfWork, bill: FinalBill, reason: str, chosen: dict[int, int] | None,
           method: PaymentMethod, reference: str, approver: Actor | None, key: str) -> int:
    items: list[BillItem] = uow.bills.items(bill.bill_id)
    credited = uow.credit_notes.credited_quantities(bill.bill_id)
    whole = not chosen
    lines = credit_for_whole_bill(bill, items, credited) if whole else credit_for_lines(bill, items, credited,
                                                                                      chosen or {})
    amount = credit_amount(bill, lines, whole)
    bill.check_credit(amount)
    refund = bill.refund_on_credit(amount)
    approved_by = _approval(ctx, refund, approver) if refund > ZERO else None
    at = ctx.now().replace(microsecond=0)
    credit_id = uow.credit_notes.add(bill.bill_id, ctx.today(), at, amount, whole, reason, lines, ctx.actor.user_id,
                                     approved_by, key)
    code = format_code("credit", credit_id)
    if refund > ZERO:
        receipt_no = uow.receipts.issue(ReceiptKind.REFUND, at, ZERO)
        uow.refunds.add(bill.patient_id, receipt_no, at, method.value, refund, reason, bill_id=bill.bill_id,
                        credit_id=credit_id, reference=reference, shift_id=drawer_shift(ctx, uow),
                        user_id=ctx.actor.user_id, approved_by=approved_by)
    uow.bills.set_status(bill.bill_id, bill.status_after_credit(amount, refund))
    after = uow.bills.get(bill.bill_id)
    uow.audit(f"credit note {code} issued on bill {bill.code}" + (f", refund {refund:.2f} ({method.value})"
                                                                  if refund else ""),
              "bill.credit", bill.code,
              {"credited": bill.credited, "amount_paid": bill.amount_paid, "state": bill.state},
              {"credited": after.credited, "amount_paid": after.amount_paid, "state": after.state,
               "credit_note": code, "reason": reason, "lines": [f"{line.service_code} x {line.quantity}"
                                                                for line in lines]})
    return credit_id


def _approval(ctx: Context, refund: Decimal, approver: Actor | None) -> int | None:
    """Who approved a refund above the limit: the actor themselves when they may approve, else
    the manager given (RefundNeedsApproval without one). Below the limit no one need approve."""
    limit = ctx.settings.refund_approval_above
    if refund <= limit:
        return None
    if ctx.actor.may(Permission.APPROVE_REFUNDS):
        return ctx.actor.user_id
    if approver is None or not approver.may(Permission.APPROVE_REFUNDS) or approver.user_id == ctx.actor.user_id:
        raise RefundNeedsApproval(refund, limit)
    return approver.user_id


@allowed(Permission.VIEW_BILLS)
def receipts_of_bill(ctx: Context, bill_id: int) -> list[Receipt]:
    ctx.repos.bills.get(bill_id)
    return ctx.repos.receipts.for_bill(bill_id)


@allowed(Permission.VIEW_BILLS)
def credit_notes_of_bill(ctx: Context, bill_id: int) -> list[CreditNote]:
    ctx.repos.bills.get(bill_id)
    return ctx.repos.credit_notes.for_bill(bill_id)


@allowed(Permission.VIEW_BILLS)
def get_receipt(ctx: Context, receipt_no: int) -> Receipt:
    return ctx.repos.receipts.get(receipt_no)
