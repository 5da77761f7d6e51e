"""Money is Decimal, two places, rounded half-up at every step."""
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .errors import InvalidField

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
LARGEST = Decimal("9999999999.99")  # the most a DECIMAL(12,2) column holds; every stored amount fits it


def to_money(value) -> Decimal:
    """Round a number to cents, half-up. Floats are refused: they are never exact."""
    if isinstance(value, float):
        raise TypeError("money must not be a float")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def parse_money(text, field: str = "amount", allow_zero: bool = False) -> Decimal:
    """Read an amount typed by a person: > 0 (or >= 0), at most two decimals."""
    raw = str(text).strip().replace(",", "")
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        raise InvalidField(field, f"{text!r} is not an amount (e.g. 250 or 99.50)") from None
    if not amount.is_finite():
        raise InvalidField(field, f"{text!r} is not an amount (e.g. 250 or 99.50)")
    exponent = amount.as_tuple().exponent  # an int for a finite amount
    if isinstance(exponent, int) and exponent < -2:
        raise InvalidField(field, "at most 2 decimal places")
    if amount < 0 or (amount == 0 and not allow_zero):
        raise InvalidField(field, "must be more than 0" if not allow_zero else "must not be negative")
    if amount > LARGEST:
        raise InvalidField(field, "must be less than 10,000,000,000")
    return to_money(amount)


def format_money(amount: Decimal, currency: str = "") -> str:
    text = f"{to_money(amount):,.2f}"
    return f"{text} {currency}" if currency else text
