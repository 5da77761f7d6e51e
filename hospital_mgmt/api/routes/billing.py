"""Bills and the money at the counter: a bill made and finalized from its lines, payments with
their receipts, voids, credit notes with refunds, deposits, the cashier's shift, and the invoice
and receipt documents. Every write that creates money takes an Idempotency-Key."""
from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Depends, Response

from ...domain.billing import PaymentMethod
from ...domain.errors import InvalidField, NotFound
from ...domain.money import parse_money
from ...domain.staff import Actor
from ...operations import billing, checkout, documents, shifts, staff
from ...operations.context import Context
from ..deps import idempotency_key, signed_in
from ..problems import documented
from ..schemas import (
    AmountIn,
    Approver,
    BillIn,
    BillOut,
    CountsIn,
    CreditedOut,
    CreditNoteIn,
    CreditNoteOut,
    DepositIn,
    PaidOut,
    PaymentIn,
    ReceiptOut,
    RefundIn,
    ShiftIn,
    ShiftOut,
    VoidIn,
    money,
)
from .common import DOCUMENT, code, document, may

router = APIRouter()
# -- bills --------------------------------------------------------------------------------------

@router.post("/bills", status_code=201, response_model=BillOut, tags=["bills"],
             responses={409: documented("the appointment is already on a bill")})
def create_bill(body: BillIn, ctx: Context = Depends(signed_in), key: str | None = Depends(idempotency_key)):
    """Make and finalize a bill in one step: the patient, an appointment whose consultation fee it
    charges, the services with their quantities, the treatments of their visits waiting to be
    billed (GET /patients/{patient}/treatments lists them), and a discount (an amount or a percent)."""
    may(ctx, billing.finalize_bill)
    appt_id = None if body.appointment is None else code("appointment", body.appointment)
    draft = billing.start_bill(ctx, code("patient", body.patient), appt_id)
    if key:
        draft.request_key = key
    for line in body.lines:
        billing.add_service(ctx, draft, code("service", line.service), line.quantity)
    for treatment in body.treatments:
        billing.add_treatment(ctx, draft, code("treatment", treatment))
    if body.discount is not None and body.discount_percent is not None:
        raise InvalidField("discount", "give an amount or a percent, not both")
    if body.discount_percent is not None:
        draft.apply_discount(percent=body.discount_percent)
    elif body.discount is not None:
        draft.apply_discount(amount=body.discount)
    return _bill(ctx, billing.finalize_bill(ctx, draft).bill_id)


@router.get("/bills/{bill}", response_model=BillOut, tags=["bills"])
def get_bill(bill: str, ctx: Context = Depends(signed_in)):
    return _bill(ctx, code("bill", bill))


@router.post("/bills/{bill}/payments", status_code=201, response_model=PaidOut, tags=["bills"])
def pay(bill: str, body: PaymentIn, ctx: Context = Depends(signed_in), key: str | None = Depends(idempotency_key)):
    """A payment of at most the balance, with its receipt (a signed-in cashier needs an open shift)."""
    paid = billing.record_payment(ctx, code("bill", bill), _amount(body.amount), _method(body.method),
                                  reference=body.reference, tendered=body.tendered, request_key=key)
    return PaidOut(bill=_bill(ctx, paid.bill.bill_id), receipt=ReceiptOut.of(paid.receipt))


@router.post("/bills/{bill}/void", response_model=BillOut, tags=["bills"])
def void(bill: str, body: VoidIn, ctx: Context = Depends(signed_in)):
    """Only a bill that took no money; its number stays used."""
    bill_id = code("bill", bill)
    billing.void_bill(ctx, bill_id, body.reason)
    return _bill(ctx, bill_id)


@router.post("/bills/{bill}/credit-notes", status_code=201, response_model=CreditedOut, tags=["bills"])
def credit(bill: str, body: CreditNoteIn, ctx: Context = Depends(signed_in),
           key: str | None = Depends(idempotency_key)):
    """Correct a bill: the whole of it (no `lines`) or some quantity of its lines. What was paid
    beyond what it then comes to is refunded; above REFUND_APPROVAL_ABOVE a manager's `approver`
    sign-in is needed."""
    may(ctx, checkout.issue_credit_note)
    lines: dict[int, int] | None = None
    if body.lines is not None:
        lines = {}
        for line in body.lines:
            service_id = code("service", line.service)
            lines[service_id] = lines.get(service_id, 0) + line.quantity
    method = _method(body.refund_method)
    credited = checkout.issue_credit_note(ctx, code("bill", bill), body.reason, lines, refund_method=method,
                                          reference=body.reference, approver=_approver(ctx, body.approver),
                                          request_key=key)
    return CreditedOut(credit_note=CreditNoteOut.of(credited.note), bill=_bill(ctx, credited.bill.bill_id))


@router.post("/bills/{bill}/deposit-payments", status_code=201, response_model=PaidOut, tags=["bills"])
def pay_from_deposit(bill: str, body: AmountIn, ctx: Context = Depends(signed_in),
                     key: str | None = Depends(idempotency_key)):
    """Put part of the patient's deposit towards the bill."""
    bill_id = code("bill", bill)
    receipt = checkout.apply_deposit(ctx, bill_id, _amount(body.amount), request_key=key)
    return PaidOut(bill=_bill(ctx, bill_id), receipt=ReceiptOut.of(receipt))


@router.get("/bills/{bill}/receipts", response_model=list[ReceiptOut], tags=["bills"])
def receipts_of_bill(bill: str, ctx: Context = Depends(signed_in)):
    return [ReceiptOut.of(receipt) for receipt in checkout.receipts_of_bill(ctx, code("bill", bill))]


@router.get("/bills/{bill}/credit-notes", response_model=list[CreditNoteOut], tags=["bills"])
def credit_notes_of_bill(bill: str, ctx: Context = Depends(signed_in)):
    return [CreditNoteOut.of(note) for note in checkout.credit_notes_of_bill(ctx, code("bill", bill))]


@router.get("/bills/{bill}/invoice.{kind}", tags=["documents"], response_class=Response, responses=DOCUMENT)
def invoice(bill: str, kind: str, ctx: Context = Depends(signed_in)):
    """The invoice as PDF or text, printed now: the first print is the original, each later one a
    DUPLICATE (every print is counted and audited)."""
    return document(kind, lambda text, pdf: documents.print_invoice(ctx, code("bill", bill), text=text, pdf=pdf))


# -- deposits -----------------------------------------------------------------------------------

@router.post("/patients/{patient}/deposits", status_code=201, response_model=ReceiptOut, tags=["patients", "bills"])
def take_deposit(patient: str, body: DepositIn, ctx: Context = Depends(signed_in),
                 key: str | None = Depends(idempotency_key)):
    receipt = checkout.take_deposit(ctx, code("patient", patient), _amount(body.amount), _method(body.method),
                                    reference=body.reference, tendered=body.tendered, request_key=key)
    return ReceiptOut.of(receipt)


@router.post("/patients/{patient}/deposit-refunds", status_code=201, response_model=ReceiptOut,
             tags=["patients", "bills"])
def refund_deposit(patient: str, body: RefundIn, ctx: Context = Depends(signed_in),
                   key: str | None = Depends(idempotency_key)):
    receipt = checkout.refund_deposit(ctx, code("patient", patient), _amount(body.amount), _method(body.method),
                                      body.reason, reference=body.reference, approver=_approver(ctx, body.approver),
                                      request_key=key)
    return ReceiptOut.of(receipt)


# -- receipts -----------------------------------------------------------------------------------

@router.get("/receipts/{receipt}", response_model=ReceiptOut, tags=["bills"])
def get_receipt(receipt: str, ctx: Context = Depends(signed_in)):
    return ReceiptOut.of(checkout.get_receipt(ctx, code("receipt", receipt)))


@router.get("/receipts/{receipt}/document.{kind}", tags=["documents"], response_class=Response, responses=DOCUMENT)
def receipt_document(receipt: str, kind: str, ctx: Context = Depends(signed_in)):
    """The receipt as PDF or text; a reprint is stamped DUPLICATE."""
    return document(kind, lambda text, pdf: documents.print_receipt(ctx, code("receipt", receipt), text=text,
                                                                    pdf=pdf))


# -- the cashier's shift ------------------------------------------------------------------------

@router.post("/shifts", status_code=201, response_model=ShiftOut, tags=["shifts"])
def open_shift(body: ShiftIn, ctx: Context = Depends(signed_in)):
    shifts.open_shift(ctx, body.opening_float)
    return current(ctx)


@router.get("/shifts/current", response_model=ShiftOut, tags=["shifts"])
def current(ctx: Context = Depends(signed_in)):
    """The signed-in cashier's open shift, with what the drawer should hold by now."""
    state = shifts.current_shift(ctx)
    if state is None:
        raise NotFound("open shift of", ctx.actor.login)
    s = state.shift
    return ShiftOut(code=s.code, cashier=s.login, opened_at=s.opened_at, opening_float=money(s.opening_float),
                    closed_at=None, expected={m.value: money(a) for m, a in state.expected.items()})


@router.post("/shifts/current/close", response_model=ShiftOut, tags=["shifts"])
def close_shift(body: CountsIn, ctx: Context = Depends(signed_in)):
    """Close the open shift with the drawer counted: expected, counted and the difference."""
    counted = {PaymentMethod(name): value for name, value in body.model_dump().items()}
    closed = shifts.close_shift(ctx, counted)
    return ShiftOut(code=closed.code, cashier=closed.login, opened_at=closed.opened_at,
                    opening_float=money(closed.opening_float), closed_at=closed.closed_at,
                    expected={c.method.value: money(c.expected) for c in closed.counts},
                    counted={c.method.value: money(c.counted) for c in closed.counts},
                    difference={c.method.value: money(c.difference) for c in closed.counts})


# -- helpers ------------------------------------------------------------------------------------

def _bill(ctx: Context, bill_id: int) -> BillOut:
    details = billing.bill_details(ctx, bill_id)
    return BillOut.of(details.bill, details.items, details.payments)


def _amount(text: str) -> Decimal:
    return parse_money(text, "amount")


def _method(text: str) -> PaymentMethod:
    try:
        return PaymentMethod(text.strip().lower())
    except ValueError:
        raise InvalidField("method", f"{text!r} is not one of cash, card, upi, insurance") from None


def _approver(ctx: Context, approver: Approver | None) -> Actor | None:
    """A manager signing in to approve a large refund (the same check as at the cashier's screen)."""
    return None if approver is None else staff.sign_in(ctx, approver.login, approver.password)


