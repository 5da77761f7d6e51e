"""A cashier's shift at a drawer: opened with a cash float, payments taken against it, closed
with what was counted, method by method, beside what the drawer should hold."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from .billing import PaymentMethod
from .codes import format_code
from .money import ZERO, parse_money


@dataclass(frozen=True)
class ShiftCount:
    method: PaymentMethod
    expected: Decimal
    counted: Decimal

    @property
    def difference(self) -> Decimal:
        """Counted less expected: below zero the drawer is short, above it over."""
        return self.counted - self.expected


@dataclass
class Shift:
    shift_id: int
    user_id: int
    login: str
    opened_at: datetime
    opening_float: Decimal
    closed_at: datetime | None = None
    counts: list[ShiftCount] = field(default_factory=list)

    @property
    def code(self) -> str:
        return format_code("shift", self.shift_id)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


def validate_float(text) -> Decimal:
    return parse_money(text, "opening cash float", allow_zero=True)


def validate_counted(text, method: PaymentMethod) -> Decimal:
    return parse_money(text, f"counted {method.label}", allow_zero=True)


def expected_in_drawer(opening_float: Decimal, takings: dict[PaymentMethod, Decimal]) -> dict[PaymentMethod, Decimal]:
    """What each method should come to at closing: cash is the float plus the cash taken; card,
    UPI and insurance are their slips. Every method is listed, with nothing taken as 0.00."""
    return {method: (opening_float if method is PaymentMethod.CASH else ZERO) + takings.get(method, ZERO)
            for method in PaymentMethod}
