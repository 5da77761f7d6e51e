"""Laboratory tests: the types the hospital runs, each with its unit and reference range, and the
tests ordered at a visit with their results, flagged low, normal or high against the range the
test type had when the result was recorded."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from .codes import format_code
from .errors import InvalidField, InvalidTransition
from .validation import compact_key, parse_date, validate_free_text

RESULT_LARGEST = Decimal("99999999.99")  # DECIMAL(10,2)


class LabFlag(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"

    @property
    def mark(self) -> str:
        """As a lab report prints it beside the value."""
        return {"low": "L", "high": "H"}.get(self.value, "")


def parse_lab_value(value, field: str = "result") -> Decimal:
    """A measured value: a number from 0, at most two decimal places."""
    text = str(value if value is not None else "").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise InvalidField(field, f"{text[:20]!r} is not a number (e.g. 5.4)") from None
    if not number.is_finite() or number < 0 or number > RESULT_LARGEST:
        raise InvalidField(field, f"{text[:20]} must be a number from 0 to {RESULT_LARGEST:,}")
    if number != number.quantize(Decimal("0.01")):
        raise InvalidField(field, f"{text[:20]} has more than 2 decimal places")
    return number.quantize(Decimal("0.01"))


def _optional_limit(value, field: str) -> Decimal | None:
    return None if value is None or str(value).strip() == "" else parse_lab_value(value, field)


def _check_range(low: Decimal | None, high: Decimal | None, whose: str) -> None:
    if low is None and high is None:
        raise InvalidField(whose, "give the lowest or the highest normal value, or both")
    if low is not None and high is not None and low >= high:
        raise InvalidField(whose, f"{low} to {high}: the lowest must be below the highest")


def _range_text(low: Decimal | None, high: Decimal | None) -> str:
    if low is not None and high is not None:
        return f"{low} - {high}"
    return f"< {high}" if high is not None else f"> {low}"


@dataclass
class LabTest:
    """A type of test (Fasting blood glucose, mg/dL, 70 to 100): a result below `low` or above
    `high` is abnormal; a test type with one limit only (cholesterol: up to 200) has the other None.
    Where women's normal values differ (haemoglobin, creatinine, ferritin), `women_low` and
    `women_high` are theirs and `low`/`high` everyone else's."""

    name: str
    unit: str = ""
    low: Decimal | None = None
    high: Decimal | None = None
    test_id: int | None = None
    women_low: Decimal | None = None
    women_high: Decimal | None = None

    def __post_init__(self):
        self.name = validate_free_text(self.name, "test name", 80)
        if not compact_key(self.name):
            raise InvalidField("test name", "must contain a letter or a digit")
        self.unit = validate_free_text(self.unit, "unit", 20, required=False)
        self.low, self.high = _optional_limit(self.low, "lowest normal"), _optional_limit(self.high, "highest normal")
        _check_range(self.low, self.high, "reference range")
        self.women_low = _optional_limit(self.women_low, "women's lowest normal")
        self.women_high = _optional_limit(self.women_high, "women's highest normal")
        if self.has_women_range:
            _check_range(self.women_low, self.women_high, "women's reference range")

    @property
    def has_women_range(self) -> bool:
        return self.women_low is not None or self.women_high is not None

    @property
    def key(self) -> str:
        return compact_key(self.name)

    @property
    def code(self) -> str:
        return format_code("lab_test", self.test_id) if self.test_id else "(new)"

    @property
    def range_text(self) -> str:
        general = _range_text(self.low, self.high)
        return f"{general} (women {_range_text(self.women_low, self.women_high)})" if self.has_women_range else general

    def range_for(self, sex: str) -> tuple[Decimal | None, Decimal | None]:
        """The normal values a patient of that sex (M, F or O) is held to."""
        return (self.women_low, self.women_high) if sex == "F" and self.has_women_range else (self.low, self.high)

    def flag(self, value: Decimal, sex: str = "") -> LabFlag:
        low, high = self.range_for(sex)
        if low is not None and value < low:
            return LabFlag.LOW
        if high is not None and value > high:
            return LabFlag.HIGH
        return LabFlag.NORMAL


@dataclass
class LabOrder:
    """A test ordered at a visit; its result, day and flag once the laboratory reports it."""

    appt_id: int
    test_id: int
    ordered_at: datetime | None = None
    order_id: int | None = None
    result: Decimal | None = None
    result_on: date | None = None
    flag: LabFlag | None = None

    @property
    def code(self) -> str:
        return format_code("lab_order", self.order_id) if self.order_id else "(new)"

    @property
    def has_result(self) -> bool:
        return self.result is not None

    def record_result(self, test: LabTest, value, day, ordered_on: date, today: date, sex: str) -> None:
        """The result as the laboratory reported it: on the day of the order or after, not later
        than today; flagged against the test type's range for the patient's sex."""
        result, day = parse_lab_value(value), parse_date(day, "result date")
        if not ordered_on <= day <= today:
            raise InvalidField("result date", f"{day} must be from the day of the order ({ordered_on}) to today")
        self.result, self.result_on, self.flag = result, day, test.flag(result, sex)

    def check_removable(self) -> None:
        if self.has_result:
            raise InvalidTransition(f"lab order {self.code} has its result; it stays in the record")


@dataclass
class LabResult:
    """An order of a patient's history, with its test type and the visit's day."""

    order: LabOrder
    test: LabTest
    visit_day: date
