from dataclasses import InitVar, dataclass, field
from datetime import date

from .codes import format_code
from .errors import InvalidField, PatientMerged
from .person import Person
from .validation import (
    MAX_AGE,
    parse_date,
    validate_age,
    validate_blood_group,
    validate_email,
    validate_free_text,
    validate_gender,
)

ADDRESS_MAX, CITY_MAX = 200, 60


@dataclass
class Patient(Person):
    """A person registered with the hospital. Registering is not admitting: a stay in a bed is an
    Admission of its own.

    The date of birth is kept, never the age, which would be wrong a year later. When only the age
    is known (as on old records and some imports), give `age`, and `age_given_on` the day it was given
    when that is not the day of registration (an update): the birth year is estimated from it
    (`birth_estimated`), and the age is shown as an estimate."""

    age: InitVar[int | str | None] = None
    gender: str = ""
    birth_date: date | None = None
    birth_estimated: bool = False
    email: str = ""
    address: str = ""
    city: str = ""
    blood_group: str = ""
    registered_on: date = field(default_factory=date.today)
    patient_id: int | None = None
    age_given_on: InitVar[date | None] = None
    merged_into: int | None = None  # a duplicate merged into that record, kept for its history

    def __post_init__(self, age, age_given_on):
        super().__post_init__()
        self.gender = validate_gender(self.gender)
        self.registered_on = parse_date(self.registered_on, "registration date")
        self.birth_date, self.birth_estimated = self._birth(age, age_given_on)
        self.email = validate_email(self.email)
        self.address = validate_free_text(self.address, "address", ADDRESS_MAX, required=False)
        self.city = validate_free_text(self.city, "city", CITY_MAX, required=False)
        self.blood_group = validate_blood_group(self.blood_group)

    def _birth(self, age, given_on: date | None) -> tuple[date, bool]:
        if self.birth_date not in (None, ""):
            born, estimated = parse_date(self.birth_date, "date of birth"), bool(self.birth_estimated)
        elif age in (None, ""):
            raise InvalidField("date of birth", "give the date of birth, or the age when it is not known")
        else:
            born, estimated = estimated_birth(validate_age(age), given_on or self.registered_on), True
        if born > self.registered_on:
            raise InvalidField("date of birth", f"{born} is after the day of registration ({self.registered_on})")
        if age_between(born, self.registered_on) > MAX_AGE:
            raise InvalidField("date of birth", f"{born} would make the patient older than {MAX_AGE}")
        return born, estimated

    @property
    def code(self) -> str:
        return format_code("patient", self.patient_id) if self.patient_id else "(new)"

    def check_current(self) -> None:
        """Refuse a change to a record merged into another, naming the one to use."""
        if self.merged_into is not None:
            raise PatientMerged(f"patient {self.code} was merged into {format_code('patient', self.merged_into)};"
                                " use that record")

    def age_on(self, day: date) -> int:
        assert self.birth_date is not None
        return age_between(self.birth_date, day)

    def age_text(self, day: date) -> str:
        """The age on that day as a clerk reads it: `47`, or `~47` when estimated."""
        return ("~" if self.birth_estimated else "") + str(self.age_on(day))

    def birth_text(self) -> str:
        """`1979-03-14`, or `c. 1979` when only the year is estimated."""
        assert self.birth_date is not None
        return f"c. {self.birth_date.year}" if self.birth_estimated else self.birth_date.isoformat()


def age_between(born: date, day: date) -> int:
    """Whole years from `born` to `day` (0 before the first birthday)."""
    before_birthday = (day.month, day.day) < (born.month, born.day)
    return max(day.year - born.year - before_birthday, 0)


def estimated_birth(age: int, on: date) -> date:
    """The birth date kept for someone known only to be `age` on `on`: 1 January of the year, so
    their age reads as `on`'s year minus that year, `age` at first."""
    return date(on.year - age, 1, 1)


def born_on_or_before(day: date, years: int) -> date:
    """The last birth date of someone at least `years` old on `day` (29 February taken as 28)."""
    year = day.year - years
    return day.replace(year=year) if (day.month, day.day) != (2, 29) else date(year, 2, 28)
