from dataclasses import dataclass

from .validation import validate_age, validate_contact, validate_gender, validate_name


@dataclass
class Person:
    """What every person on record shares, validated the same way for patients and doctors.

    Age and gender are optional here because the doctors' table does not keep them;
    a Patient requires both.
    """

    name: str
    contact_no: str
    age: int | None = None
    gender: str | None = None

    def __post_init__(self):
        self.name = validate_name(self.name)
        self.contact_no = validate_contact(self.contact_no)
        if self.age is not None:
            self.age = validate_age(self.age)
        if self.gender is not None:
            self.gender = validate_gender(self.gender)
