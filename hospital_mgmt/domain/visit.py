"""The clinical record of a visit: the doctor's notes, the vitals measured, the medicines
prescribed and the treatments performed (each a service of the price list, billed once)."""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from .appointment import Appointment, AppointmentStatus
from .codes import format_code
from .errors import InvalidField, InvalidTransition
from .validation import validate_free_text, validate_quantity

NOTES_MAX = 2000
MEDICINES_MAX = 20  # lines of one prescription
TREATMENT_NOTE_MAX = 200
# A visit is recorded once the patient has come: checked in, called in, or seen.
RECORDABLE = frozenset({AppointmentStatus.ARRIVED, AppointmentStatus.IN_CONSULTATION, AppointmentStatus.COMPLETED})


@dataclass(frozen=True)
class VitalSign:
    """A measurement's name, unit and the range a real reading falls in (anything outside is a
    typing slip: 800 kg, 3.7 degrees), and how many decimal places it keeps."""

    label: str
    unit: str
    low: Decimal
    high: Decimal
    places: int

    def parse(self, value) -> Decimal | int | None:
        text = str(value if value is not None else "").strip()
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise InvalidField(self.label, f"{text[:20]!r} is not a number of {self.unit}") from None
        if not number.is_finite() or not self.low <= number <= self.high:
            raise InvalidField(self.label, f"{text[:20]} {self.unit} is out of range: {self.low} to {self.high}"
                                           f" {self.unit}")
        step = Decimal(1).scaleb(-self.places)
        if number != number.quantize(step):
            kept = "whole numbers" if self.places == 0 else f"{self.places} decimal place"
            raise InvalidField(self.label, f"{text[:20]} has more decimals than it is measured in ({kept})")
        return int(number) if self.places == 0 else number.quantize(step)


VITAL_SIGNS = {
    "weight_kg": VitalSign("weight", "kg", Decimal("0.3"), Decimal(350), 1),
    "height_cm": VitalSign("height", "cm", Decimal(20), Decimal(250), 1),
    "bp_systolic": VitalSign("systolic blood pressure", "mmHg", Decimal(50), Decimal(300), 0),
    "bp_diastolic": VitalSign("diastolic blood pressure", "mmHg", Decimal(20), Decimal(200), 0),
    "pulse": VitalSign("pulse", "beats/min", Decimal(20), Decimal(250), 0),
    "temperature_c": VitalSign("temperature", "°C", Decimal(30), Decimal(45), 1),
    "haemoglobin": VitalSign("haemoglobin", "g/dL", Decimal(2), Decimal(25), 1),
}


@dataclass(frozen=True)
class Vitals:
    """What was measured at a visit; each is optional (None: not measured)."""

    weight_kg: Decimal | None = None
    height_cm: Decimal | None = None
    bp_systolic: int | None = None
    bp_diastolic: int | None = None
    pulse: int | None = None
    temperature_c: Decimal | None = None
    haemoglobin: Decimal | None = None
    pregnant: bool | None = None  # asked of women only; None: not recorded

    def __post_init__(self):
        for name, sign in VITAL_SIGNS.items():
            object.__setattr__(self, name, sign.parse(getattr(self, name)))
        if (self.bp_systolic is None) != (self.bp_diastolic is None):
            raise InvalidField("blood pressure", "give both figures, as 120/80")
        if self.bp_systolic is not None and self.bp_diastolic >= self.bp_systolic:  # type: ignore[operator]
            raise InvalidField("blood pressure", f"{self.bp_systolic}/{self.bp_diastolic}: the second figure"
                                                 " (diastolic) must be lower than the first")
        if self.pregnant is not None and not isinstance(self.pregnant, bool):
            raise InvalidField("pregnant", "must be yes or no")

    @property
    def blood_pressure(self) -> str:
        return f"{self.bp_systolic}/{self.bp_diastolic}" if self.bp_systolic is not None else ""

    @property
    def bmi(self) -> Decimal | None:
        """Body-mass index, kg/m², to one place, when both weight and height were measured."""
        if self.weight_kg is None or self.height_cm is None:
            return None
        metres = self.height_cm / 100
        return (self.weight_kg / (metres * metres)).quantize(Decimal("0.1"))

    @property
    def measured(self) -> bool:
        return any(getattr(self, f.name) is not None for f in fields(self))

    def described(self) -> list[tuple[str, str]]:
        """Each reading measured, as a label and the reading with its unit."""
        shown = []
        for name, sign in VITAL_SIGNS.items():
            value = getattr(self, name)
            if value is not None and name != "bp_diastolic":
                shown.append(("blood pressure", f"{self.blood_pressure} mmHg") if name == "bp_systolic"
                             else (sign.label, f"{value} {sign.unit}"))
        if self.pregnant is not None:
            shown.append(("pregnant", "yes" if self.pregnant else "no"))
        return shown

    @property
    def summary(self) -> str:
        """The readings measured on one line: `weight 61.5 kg, blood pressure 120/80 mmHg`."""
        return ", ".join(f"{label} {value}" for label, value in self.described())


@dataclass
class VitalsOn:
    """A visit's vitals with its day, for the readings over time."""

    appt_id: int
    day: date
    vitals: Vitals


def parse_blood_pressure(text) -> tuple[int | None, int | None]:
    """`120/80` (or `120 / 80`) into its two figures; empty for not measured."""
    raw = str(text or "").strip()
    if not raw:
        return None, None
    parts = [part.strip() for part in raw.split("/")]
    if len(parts) != 2 or not all(part.isascii() and part.isdigit() and len(part) <= 3 for part in parts):
        raise InvalidField("blood pressure", f"{raw[:20]!r} is not a reading like 120/80")
    return int(parts[0]), int(parts[1])


def parse_yes_no(text, field_name: str) -> bool | None:
    raw = str(text if text is not None else "").strip().lower()
    if not raw:
        return None
    if raw in ("y", "yes", "1", "true"):
        return True
    if raw in ("n", "no", "0", "false"):
        return False
    raise InvalidField(field_name, f"{raw[:20]!r}: answer yes or no")


@dataclass
class VisitRecord:
    """The doctor's notes and the vitals of one appointment, with who wrote them last and when."""

    appt_id: int
    notes: str = ""
    vitals: Vitals = field(default_factory=Vitals)
    recorded_by: int | None = None  # the staff account
    recorded_at: datetime | None = None

    def __post_init__(self):
        self.notes = validate_notes(self.notes)

    def amended(self, notes: str | None, vitals: Vitals | None, by: int | None, at: datetime) -> VisitRecord:
        """The record with what was given changed (None keeps the notes or the vitals as they were)."""
        return replace(self, notes=self.notes if notes is None else notes,
                       vitals=self.vitals if vitals is None else vitals, recorded_by=by, recorded_at=at)


def validate_notes(text) -> str:
    """Clinical notes: printable text, lines kept."""
    lines = [validate_free_text(line, "notes", NOTES_MAX, required=False) for line in str(text or "").splitlines()]
    notes = "\n".join(lines).strip()
    if len(notes) > NOTES_MAX:
        raise InvalidField("notes", f"at most {NOTES_MAX} characters")
    return notes


def check_recordable(appointment: Appointment, what: str) -> None:
    """A visit's record is written once the patient has come, and kept while the visit stands."""
    if appointment.status not in RECORDABLE:
        raise InvalidTransition(f"appointment {appointment.code} is {appointment.status.label}; {what} can be"
                                " recorded once the patient has checked in")


@dataclass(frozen=True)
class Medicine:
    """One line of a prescription: the medicine, how much, how often and for how many days."""

    medicine: str
    dosage: str
    frequency: str
    days: int
    instructions: str = ""

    def __post_init__(self):
        object.__setattr__(self, "medicine", validate_free_text(self.medicine, "medicine", 100))
        object.__setattr__(self, "dosage", validate_free_text(self.dosage, "dosage", 40))
        object.__setattr__(self, "frequency", validate_free_text(self.frequency, "frequency", 40))
        object.__setattr__(self, "days", validate_days(self.days))
        object.__setattr__(self, "instructions",
                           validate_free_text(self.instructions, "instructions", 100, required=False))

    @property
    def described(self) -> str:
        return f"{self.medicine} {self.dosage}, {self.frequency}, {self.days} days"


def validate_days(value) -> int:
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or len(text) > 3 or not 1 <= int(text) <= 365:
        raise InvalidField("duration", f"{text[:20]!r}: a number of days from 1 to 365")
    return int(text)


def check_prescription(lines: list[Medicine]) -> None:
    if len(lines) > MEDICINES_MAX:
        raise InvalidField("prescription", f"at most {MEDICINES_MAX} medicines")
    names = [line.medicine.casefold() for line in lines]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise InvalidField("prescription", f"{repeated[0]} is prescribed twice; one line per medicine")


@dataclass
class Treatment:
    """A service of the price list performed at a visit; it comes onto the patient's next bill
    once (`bill_id`: the live bill it is on, None while it waits to be billed)."""

    appt_id: int
    service_id: int
    quantity: int = 1
    note: str = ""
    treatment_id: int | None = None
    bill_id: int | None = None
    recorded_at: datetime | None = None

    def __post_init__(self):
        self.quantity = validate_quantity(self.quantity)
        self.note = validate_free_text(self.note, "note", TREATMENT_NOTE_MAX, required=False)

    @property
    def code(self) -> str:
        return format_code("treatment", self.treatment_id) if self.treatment_id else "(new)"

    @property
    def billed(self) -> bool:
        return self.bill_id is not None

    def check_removable(self) -> None:
        if self.billed:
            raise InvalidTransition(f"treatment {self.code} is on a bill; void the bill or credit the line instead")
