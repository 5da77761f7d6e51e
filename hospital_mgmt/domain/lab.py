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


@dataclass
class LabTest:
    """A type of test (Fasting blood glucose, mg/dL, 70 to 100): a result below `low` or above
    `high` is abnormal; a test type with one limit only (cholesterol: up to 200) has the other None."""

    name: str
    unit: str = ""
    low: Decimal | None = None
    high: Decimal | None = None
    test_id: int | None = None

    def __post_init__(self):
        self.name = validate_free_text(self.name, "test name", 80)
        if not compact_key(self.name):
            raise InvalidField("test name", "must contain a letter or a digit")
        self.unit = validate_free_text(self.unit, "unit", 20, required=False)
        self.low, self.high = _optional_limit(self.low, "lowest normal"), _optional_limit(self.high, "highest normal")
        if self.low is None and self.high is None:
            raise InvalidField("reference range", "give the lowest or the highest normal value, or both")
        if self.low is not None and self.high is not None and self.low >= self.high:
            raise InvalidField("reference range", f"{self.low} to {self.high}: the lowest must be below the highest")

    @property
    def key(self) -> str:
        return compact_key(self.name)

    @property
    def code(self) -> str:
        return format_code("lab_test", self.test_id) if self.test_id else "(new)"

    @property
    def range_text(self) -> str:
        if self.low is not None and self.high is not None:
            return f"{self.low} - {self.high}"
        return f"< {self.high}" if self.high is not None else f"> {self.low}"

    def flag(self, value: Decimal) -> LabFlag:
        if self.low is not None and value < self.low:
            return LabFlag.LOW
        if self.high is not None and value > self.high:
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

    def record_result(self, test: LabTest, value, day, ordered_on: date, today: date) -> None:
        """The result as the laboratory reported it: on the day of the order or after, not later
        than today; flagged against the test type's range."""
        result, day = parse_lab_value(value), parse_date(day, "result date")
        if not ordered_on <= day <= today:
            raise InvalidField("result date", f"{day} must be from the day of the order ({ordered_on}) to today")
        self.result, self.result_on, self.flag = result, day, test.flag(result)

    def check_removable(self) -> None:
        if self.has_result:
            raise InvalidTransition(f"lab order {self.code} has its result; it stays in the record")


@dataclass
class LabResult:
    """An order of a patient's history, with its test type and the visit's day."""

    order: LabOrder
    test: LabTest
    visit_day: date
