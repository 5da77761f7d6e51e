from dataclasses import dataclass

from .validation import validate_contact, validate_name


@dataclass
class Person:
    """What every person on record shares, validated the same way for patients and doctors."""

    name: str
    contact_no: str

    def __post_init__(self):
        self.name = validate_name(self.name)
        self.contact_no = validate_contact(self.contact_no)
