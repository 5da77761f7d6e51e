from dataclasses import dataclass, field
from datetime import date

from .codes import format_code
from .errors import AlreadyAdmitted, InvalidField, NotAdmitted
from .person import Person
from .validation import parse_date, validate_age, validate_gender


@dataclass
class Patient(Person):
    admission_date: date = field(default_factory=date.today)
    discharge_date: date | None = None
    patient_id: int | None = None

    def __post_init__(self):
        super().__post_init__()
        self.age = validate_age("" if self.age is None else self.age)
        self.gender = validate_gender(self.gender)
        self.admission_date = parse_date(self.admission_date, "admission date")
        if self.discharge_date in (None, ""):
            self.discharge_date = None
        else:
            self.discharge_date = self.check_discharge(parse_date(self.discharge_date, "discharge date"))

    @property
    def code(self) -> str:
        return format_code("patient", self.patient_id) if self.patient_id else "(new)"

    @property
    def is_admitted(self) -> bool:
        return self.discharge_date is None

    def days_admitted(self, today: date) -> int:
        """Days from admission to discharge, or to today while still admitted."""
        end = self.discharge_date or today
        return max((end - self.admission_date).days, 0)

    def discharge(self, on: date) -> None:
        if not self.is_admitted:
            raise NotAdmitted(f"patient {self.code} was discharged on {self.discharge_date}; admit them again first")
        self.discharge_date = self.check_discharge(on)

    def check_discharge(self, on: date) -> date:
        if on < self.admission_date:
            raise InvalidField("discharge date", f"{on} is before admission on {self.admission_date}")
        return on

    def readmit(self, on: date) -> None:
        if self.is_admitted:
            raise AlreadyAdmitted(f"patient {self.code} has been admitted since {self.admission_date}")
        self.admission_date, self.discharge_date = on, None
