"""A stay in the hospital: admitted on a day, in a ward and bed, for a reason, discharged on a day.
A patient has any number of stays over the years, at most one open at a time."""
from dataclasses import dataclass
from datetime import date

from .codes import format_code
from .errors import InvalidField, NotAdmitted
from .validation import parse_date, validate_free_text

WARD_MAX, REASON_MAX = 60, 200


@dataclass
class Admission:
    patient_id: int
    admitted_on: date
    ward: str = ""
    reason: str = ""
    discharged_on: date | None = None
    admission_id: int | None = None

    def __post_init__(self):
        self.admitted_on = parse_date(self.admitted_on, "admission date")
        self.ward = validate_free_text(self.ward, "ward", WARD_MAX, required=False)
        self.reason = validate_free_text(self.reason, "reason", REASON_MAX, required=False)
        if self.discharged_on in (None, ""):
            self.discharged_on = None
        else:
            self.discharged_on = self.check_discharge(parse_date(self.discharged_on, "discharge date"))

    @property
    def code(self) -> str:
        return format_code("patient", self.patient_id)

    @property
    def is_open(self) -> bool:
        return self.discharged_on is None

    def days(self, today: date) -> int:
        """Days from admission to discharge, or to today while still admitted (0 the same day)."""
        return max(((self.discharged_on or today) - self.admitted_on).days, 0)

    def discharge(self, on: date) -> None:
        if not self.is_open:
            raise NotAdmitted(f"patient {self.code} was discharged on {self.discharged_on}; admit them again first")
        self.discharged_on = self.check_discharge(on)

    def check_discharge(self, on: date) -> date:
        if on < self.admitted_on:
            raise InvalidField("discharge date", f"{on} is before admission on {self.admitted_on}")
        return on
