from dataclasses import dataclass
from decimal import Decimal

from .codes import format_code
from .money import parse_money
from .person import Person
from .validation import validate_free_text


@dataclass
class Doctor(Person):
    specialization: str = ""
    consultation_fee: Decimal = Decimal("0")
    doctor_id: int | None = None
    department_id: int | None = None  # None until stored: a doctor added without one joins their specialization's

    def __post_init__(self):
        super().__post_init__()
        self.specialization = validate_free_text(self.specialization, "specialization", 60)
        self.consultation_fee = parse_money(self.consultation_fee, "consultation fee")

    @property
    def code(self) -> str:
        return format_code("doctor", self.doctor_id) if self.doctor_id else "(new)"

    @property
    def display_name(self) -> str:
        return self.name if self.name.lower().startswith("dr") else f"Dr. {self.name}"
