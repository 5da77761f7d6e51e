"""Bills: the draft being built (services with quantities, consultation, discount and tax, all
Decimal), and the finalized bill as stored, which is only ever paid or voided."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from .appointment import Appointment
from .codes import format_code
from .errors import (
    AmountTooLarge,
    AppointmentNotBillable,
    BillAlreadyPaid,
    BillAlreadyVoid,
    BillHasPayments,
    BillIsVoid,
    CreditExceedsBill,
    DiscountTooLarge,
    EmptyBill,
    InvalidQuantity,
    NothingToCredit,
    NotPatientsAppointment,
    PaymentExceedsBalance,
    PricesChanged,
    ServiceNotOnBill,
    ServiceWithdrawn,
)
from .money import LARGEST, ZERO, parse_money, to_money
from .request_key import new_request_key
from .service import Service
from .validation import MAX_QUANTITY, validate_free_text, validate_quantity
from .visit import Treatment

VOID_REASON_MAX = 200


class BillStatus(StrEnum):
    """As stored: whether the bill still owes (unpaid), owes nothing (paid: settled by payments,
    deposits or credit notes), or was voided. What a person reads is the BillState."""

    UNPAID = "unpaid"
    PAID = "paid"
    VOID = "void"


class BillState(StrEnum):
    """A bill's state as the screen, documents, reports and exports say it, from its figures."""

    UNPAID = "unpaid"
    PART_PAID = "part-paid"
    PAID = "paid"
    VOID = "void"
    PART_REFUNDED = "part-refunded"
    REFUNDED = "refunded"
    CREDITED = "cancelled by credit note"

    @property
    def label(self) -> str:
        return self.value.upper()


class PaymentMethod(StrEnum):
    CASH = "cash"
    CARD = "card"
    UPI = "upi"
    INSURANCE = "insurance"

    @property
    def label(self) -> str:
        return "UPI" if self is PaymentMethod.UPI else self.value.capitalize()


@dataclass
class BillLine:
    """A line of a draft bill: a service from the price list and how many."""

    service: Service
    quantity: int

    @property
    def unit_price(self) -> Decimal:
        return self.service.cost

    @property
    def line_total(self) -> Decimal:
        return to_money(self.quantity * self.unit_price)


def validate_void_reason(text) -> str:
    return validate_free_text(text, "reason", VOID_REASON_MAX)


def check_billable(appointment: Appointment, patient_id: int) -> None:
    """An appointment brings its consultation fee onto a bill of its own patient while it is live."""
    if appointment.patient_id != patient_id:
        raise NotPatientsAppointment(appointment.code, format_code("patient", patient_id))
    if not appointment.is_live:
        raise AppointmentNotBillable(appointment.code, appointment.status.label)


class Billing:
    """A draft bill: the services a patient used, keyed by service id, and the bill they make.

    tax_rate is a percentage (18 means 18%). Every step is rounded half-up to cents:
    line_total, subtotal, tax and total, as SPEC.md gives them.
    """

    def __init__(self, patient_id: int, tax_rate: Decimal = ZERO,
                 consultation_charges: Decimal = ZERO, appt_id: int | None = None, request_key: str | None = None):
        self.patient_id = patient_id
        self.request_key = request_key or new_request_key()  # finalizing this draft twice makes one bill
        self.appt_id = appt_id
        self.tax_rate = Decimal(tax_rate)
        self.consultation_charges = to_money(consultation_charges)
        self.items: dict[int, BillLine] = {}
        self.treatments: dict[int, Treatment] = {}  # performed at visits, billed on this draft's lines
        self._discount_amount = ZERO
        self._discount_percent: Decimal | None = None

    def charge_consultation(self, appt_id: int, fee: Decimal) -> None:
        self.appt_id, self.consultation_charges = appt_id, to_money(fee)

    def add_service(self, service: Service, quantity=1) -> BillLine:
        quantity = validate_quantity(quantity)
        assert service.service_id is not None, "only services on the price list are billed"
        line = self.items.get(service.service_id)
        new_quantity = quantity + (line.quantity if line else 0)
        if new_quantity > MAX_QUANTITY:
            raise InvalidQuantity(f"quantity must be 1 to {MAX_QUANTITY}, not {new_quantity}")
        if line is None:
            line = self.items[service.service_id] = BillLine(service, 0)
        self._change_quantity(line, new_quantity)
        return line

    def add_treatment(self, treatment: Treatment, service: Service) -> BillLine:
        """A treatment's service comes onto the bill, its quantity with it (once per treatment)."""
        assert treatment.treatment_id is not None and treatment.service_id == service.service_id
        if treatment.treatment_id in self.treatments:
            raise InvalidQuantity(f"treatment {treatment.code} is on this bill already")
        line = self.add_service(service, treatment.quantity)
        self.treatments[treatment.treatment_id] = treatment
        return line

    def treated(self, service_id: int) -> int:
        """How many of the service's line are treatments (which the line must keep)."""
        return sum(t.quantity for t in self.treatments.values() if t.service_id == service_id)

    def set_quantity(self, service_id: int, quantity) -> None:
        line, quantity, treated = self.line(service_id), validate_quantity(quantity), self.treated(service_id)
        if quantity < treated:
            raise InvalidQuantity(f"{treated} of {line.service.code} are treatments of the visit;"
                                  " remove the line to leave them off")
        self._change_quantity(line, quantity)

    def _change_quantity(self, line: BillLine, quantity: int) -> None:
        """Set the line's quantity, unless the bill would then hold more than an amount can."""
        before = line.quantity
        line.quantity = quantity
        try:
            self.check_amounts()
        except AmountTooLarge:
            line.quantity = before
            if not before:
                del self.items[line.service.service_id]  # type: ignore[arg-type]
            raise

    def remove_service(self, service_id: int) -> None:
        """The line goes, and the treatments on it wait for a later bill."""
        self.line(service_id)
        del self.items[service_id]
        self.treatments = {key: t for key, t in self.treatments.items() if t.service_id != service_id}

    @property
    def treatment_ids(self) -> list[int]:
        return sorted(self.treatments)

    def apply_discount(self, amount=None, percent=None) -> None:
        """A fixed amount or a percentage of subtotal + consultation; never more than that."""
        if percent is not None:
            rate = parse_money(percent, "discount percent", allow_zero=True)
            if rate > 100:
                raise DiscountTooLarge("a discount cannot be more than 100%")
            self._discount_percent, self._discount_amount = rate, ZERO
        else:
            value = parse_money(amount if amount is not None else 0, "discount", allow_zero=True)
            if value > self.gross:
                raise DiscountTooLarge(f"discount {value} is more than the bill ({self.gross})")
            self._discount_amount, self._discount_percent = value, None

    def refresh_prices(self, current: dict[int, Decimal]) -> None:
        """Bring every line to the price list as it is now (`current`: price by service id).
        A service no longer listed, or a price that moved, is refused with what changed."""
        changed = []
        for service_id, line in self.items.items():
            price = current.get(service_id)
            if price is None:
                raise ServiceWithdrawn(line.service.code)
            if price != line.unit_price:
                changed.append(f"{line.service.code} is now {price}")
                line.service.cost = price
        if changed:
            raise PricesChanged(changed)

    def line(self, service_id: int) -> BillLine:
        try:
            return self.items[service_id]
        except KeyError:
            raise ServiceNotOnBill(format_code("service", service_id)) from None

    @property
    def lines(self) -> list[BillLine]:
        return list(self.items.values())

    @property
    def service_ids(self) -> list[int]:
        return list(self.items)

    @property
    def subtotal(self) -> Decimal:
        return to_money(sum((line.line_total for line in self.items.values()), ZERO))

    @property
    def gross(self) -> Decimal:
        return self.subtotal + self.consultation_charges

    @property
    def discount(self) -> Decimal:
        if self._discount_percent is not None:
            return to_money(self.gross * self._discount_percent / 100)
        return self._discount_amount

    @property
    def discount_percent(self) -> Decimal | None:
        return self._discount_percent

    @property
    def taxable(self) -> Decimal:
        return self.gross - self.discount

    @property
    def tax(self) -> Decimal:
        return to_money(self.taxable * self.tax_rate / 100)

    @property
    def total(self) -> Decimal:
        return to_money(self.taxable + self.tax)

    def check_amounts(self) -> None:
        """Every figure the bill stores fits the largest amount the database keeps."""
        figures = [(f"line total of {line.service.code}", line.line_total) for line in self.items.values()]
        figures += [("subtotal", self.subtotal), ("amount before discount", self.gross), ("total", self.total)]
        for what, amount in figures:
            if amount > LARGEST:
                raise AmountTooLarge(what, amount, LARGEST)

    def check_ready(self) -> None:
        """What must hold before the bill can be written."""
        if not self.items and self.consultation_charges == ZERO:
            raise EmptyBill("the bill is empty: add a service or choose an appointment")
        if self.discount > self.gross:
            raise DiscountTooLarge(f"discount {self.discount} is more than the bill ({self.gross})")
        self.check_amounts()


@dataclass
class BillItem:
    """A line of a finalized bill, at the price of its day."""

    service_id: int
    service_name: str
    quantity: int
    unit_price: Decimal
    line_total: Decimal

    @property
    def service_code(self) -> str:
        return format_code("service", self.service_id)


@dataclass
class Payment:
    payment_id: int
    paid_on: date
    method: PaymentMethod
    amount: Decimal
    receipt_no: int | None = None  # None for payments made before receipts were numbered


@dataclass
class FinalBill:
    """A finalized bill as stored: never edited, only paid or voided.

    `balance` is the one definition of what a bill still owes; the SQL of the reports and
    exports (storage/bills.py: balance_sql) is held equal to it by a test on both engines."""

    bill_id: int
    patient_id: int
    appt_id: int | None
    billing_date: date
    consultation_charges: Decimal
    subtotal: Decimal
    discount: Decimal
    tax: Decimal
    total_amount: Decimal
    status: BillStatus
    amount_paid: Decimal = ZERO  # received (payments and deposits put towards it) less refunded
    void_reason: str = ""
    credited: Decimal = ZERO  # by credit notes
    refunded: Decimal = ZERO
    tax_rate: Decimal | None = None  # the rate of the day; unknown on bills made before it was kept
    finalized_at: datetime | None = None
    finalized_by: str = ""  # the cashier's login

    @property
    def code(self) -> str:
        return format_code("bill", self.bill_id)

    @property
    def payable(self) -> Decimal:
        """What the bill comes to after its credit notes."""
        return self.total_amount - self.credited

    @property
    def balance(self) -> Decimal:
        return ZERO if self.status == BillStatus.VOID else self.payable - self.amount_paid

    @property
    def received(self) -> Decimal:
        return self.amount_paid + self.refunded

    @property
    def state(self) -> BillState:
        """The one definition of a bill's state; storage/bills.py: state_sql is held equal to it."""
        if self.status == BillStatus.VOID:
            return BillState.VOID
        if self.credited == self.total_amount:
            return BillState.CREDITED
        if self.refunded > ZERO:
            return BillState.REFUNDED if self.amount_paid == ZERO else BillState.PART_REFUNDED
        if self.balance == ZERO:
            return BillState.PAID
        return BillState.PART_PAID if self.amount_paid > ZERO else BillState.UNPAID

    @property
    def discount_percent(self) -> Decimal:
        """The discount as a share of the bill before it, to two places (10.00 for 10%)."""
        gross = self.subtotal + self.consultation_charges
        return to_money(self.discount * 100 / gross) if gross else ZERO

    def check_open_for_payment(self) -> None:
        if self.status == BillStatus.VOID:
            raise BillIsVoid(self.code)
        if self.balance <= ZERO:
            raise BillAlreadyPaid(self.code)

    def check_payment(self, amount: Decimal) -> None:
        self.check_open_for_payment()
        if amount > self.balance:
            raise PaymentExceedsBalance(amount, self.code, self.balance)

    def check_void(self) -> None:
        if self.status == BillStatus.VOID:
            raise BillAlreadyVoid(self.code)
        if self.received > ZERO:
            raise BillHasPayments(self.code, self.received)
        if self.credited > ZERO:
            raise BillHasPayments(self.code, self.credited, "credit notes")

    def status_after_payment(self, amount: Decimal) -> BillStatus:
        return BillStatus.PAID if self.balance - amount == ZERO else BillStatus.UNPAID

    def status_after_credit(self, amount: Decimal, refund: Decimal) -> BillStatus:
        return BillStatus.PAID if self.balance - amount + refund == ZERO else BillStatus.UNPAID

    def check_credit(self, amount: Decimal) -> None:
        """A credit note is for a live bill, and for no more than is left to credit."""
        if self.status == BillStatus.VOID:
            raise BillIsVoid(self.code, "credited")
        if amount <= ZERO:
            raise NothingToCredit(self.code)
        if amount > self.payable:
            raise CreditExceedsBill(self.code, amount, self.payable)

    def refund_on_credit(self, amount: Decimal) -> Decimal:
        """What goes back to the patient when `amount` is credited: what was paid beyond what the
        bill will then come to (never more than was paid)."""
        return max(ZERO, self.amount_paid - (self.payable - amount))
