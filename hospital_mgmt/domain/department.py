"""A department of the hospital (Cardiology, on the 2nd floor): every doctor belongs to one."""
from dataclasses import dataclass

from .codes import format_code
from .errors import InvalidField
from .validation import compact_key, validate_free_text

GENERAL = "General"


@dataclass
class Department:
    name: str
    location: str = ""  # where the patient goes: "Block A, 2nd floor"
    department_id: int | None = None

    def __post_init__(self):
        self.name = validate_free_text(self.name, "department name", 60)
        if not compact_key(self.name):
            raise InvalidField("department name", "must contain a letter or a digit")
        self.location = validate_free_text(self.location, "location", 100, required=False)

    @classmethod
    def of_specialization(cls, specialization: str) -> "Department":
        """The department a doctor joins when none is chosen: the one named after their
        specialization (`General` for one with no letter or digit to name it by)."""
        return cls(specialization if compact_key(specialization) else GENERAL)

    @property
    def key(self) -> str:
        """The name as two clerks may type it differently (`E.N.T.`, `ent`): one department."""
        return compact_key(self.name)

    @property
    def code(self) -> str:
        return format_code("department", self.department_id) if self.department_id else "(new)"
