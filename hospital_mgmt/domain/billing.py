"""A bill being built: services with quantities, consultation, discount and tax, all Decimal."""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from .codes import format_code
from .errors import BillError
from .money import ZERO, parse_money, to_money
from .service import Service

MAX_QUANTITY = 1000


class BillStatus(str, Enum):
    UNPAID = "unpaid"
    PAID = "paid"
    VOID = "void"


class PaymentMethod(str, Enum):
    CASH = "cash"
    CARD = "card"
    UPI = "upi"
    INSURANCE = "insurance"


@dataclass
class BillLine:
    service: Service
    quantity: int

    @property
    def unit_price(self) -> Decimal:
        return self.service.cost

    @property
    def line_total(self) -> Decimal:
        return to_money(self.quantity * self.unit_price)


def validate_quantity(quantity) -> int:
    text = str(quantity).strip()
    if not text.isascii() or not text.lstrip("-").isdigit():
        raise BillError(f"quantity {text!r} is not a whole number")
    number = int(text)
    if not 1 <= number <= MAX_QUANTITY:
        raise BillError(f"quantity must be 1 to {MAX_QUANTITY}, not {number}")
    return number


class Billing:
    """Accumulates the services a patient used, keyed by service id, and computes the bill.

    tax_rate is a percentage (18 means 18%). Every step is rounded half-up to cents:
    line_total, subtotal, tax and total, as SPEC.md gives them.
    """

    def __init__(self, patient_id: int, tax_rate: Decimal = ZERO,
                 consultation_charges: Decimal = ZERO, appt_id: int | None = None):
        self.patient_id = patient_id
        self.appt_id = appt_id
        self.tax_rate = Decimal(tax_rate)
        self.consultation_charges = to_money(consultation_charges)
        self.items: dict[int, BillLine] = {}
        self._discount_amount = ZERO
        self._discount_percent: Decimal | None = None

    def add_service(self, service: Service, quantity=1) -> BillLine:
        quantity = validate_quantity(quantity)
        line = self.items.get(service.service_id)
        if line is None:
            line = self.items[service.service_id] = BillLine(service, 0)
        new_quantity = line.quantity + quantity
        if new_quantity > MAX_QUANTITY:
            raise BillError(f"quantity must be 1 to {MAX_QUANTITY}, not {new_quantity}")
        line.quantity = new_quantity
        return line

    def set_quantity(self, service_id: int, quantity) -> None:
        self._line(service_id).quantity = validate_quantity(quantity)

    def remove_service(self, service_id: int) -> None:
        self._line(service_id)
        del self.items[service_id]

    def apply_discount(self, amount=None, percent=None) -> None:
        """A fixed amount or a percentage of subtotal + consultation; never more than that."""
        if percent is not None:
            rate = parse_money(percent, "discount percent", allow_zero=True)
            if rate > 100:
                raise BillError("a discount cannot be more than 100%")
            self._discount_percent, self._discount_amount = rate, ZERO
        else:
            value = parse_money(amount if amount is not None else 0, "discount", allow_zero=True)
            if value > self.gross:
                raise BillError(f"discount {value} is more than the bill ({self.gross})")
            self._discount_amount, self._discount_percent = value, None

    @property
    def lines(self) -> list[BillLine]:
        return list(self.items.values())

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

    def check_ready(self) -> None:
        """What must hold before the bill can be written."""
        if not self.items and self.consultation_charges == ZERO:
            raise BillError("the bill is empty: add a service or choose an appointment")
        if self.discount > self.gross:
            raise BillError(f"discount {self.discount} is more than the bill ({self.gross})")

    def _line(self, service_id: int) -> BillLine:
        try:
            return self.items[service_id]
        except KeyError:
            raise BillError(f"{format_code('service', service_id)} is not on this bill") from None


@dataclass
class FinalBill:
    """A finalized bill as stored: never edited, only paid or voided."""

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
    amount_paid: Decimal = ZERO
    void_reason: str = ""

    @property
    def code(self) -> str:
        return format_code("bill", self.bill_id)

    @property
    def balance(self) -> Decimal:
        return ZERO if self.status == BillStatus.VOID else self.total_amount - self.amount_paid

    def check_open_for_payment(self) -> None:
        if self.status == BillStatus.VOID:
            raise BillError(f"bill {self.code} is void and cannot be paid")
        if self.status == BillStatus.PAID or self.balance == ZERO:
            raise BillError(f"bill {self.code} is already paid")

    def check_payment(self, amount: Decimal) -> None:
        self.check_open_for_payment()
        if amount > self.balance:
            raise BillError(f"{amount} is more than the balance of bill {self.code} ({self.balance})")

    def check_void(self) -> None:
        if self.status == BillStatus.VOID:
            raise BillError(f"bill {self.code} is already void")
        if self.amount_paid > ZERO:
            raise BillError(f"bill {self.code} has payments of {self.amount_paid}; it cannot be voided")

    def status_after_payment(self, amount: Decimal) -> BillStatus:
        return BillStatus.PAID if self.amount_paid + amount == self.total_amount else BillStatus.UNPAID
