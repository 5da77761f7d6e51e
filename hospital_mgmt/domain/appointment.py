from dataclasses import dataclass
from datetime import date, time
from enum import Enum

from .codes import format_code
from .errors import InvalidField, InvalidTransition
from .validation import parse_date, parse_time, validate_free_text


class AppointmentStatus(str, Enum):
    SCHEDULED = "scheduled"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"

    @property
    def label(self) -> str:
        return self.value.replace("_", "-")


LIVE_STATUSES = frozenset({AppointmentStatus.SCHEDULED, AppointmentStatus.COMPLETED})
ALLOWED_TRANSITIONS = {
    AppointmentStatus.SCHEDULED: {
        AppointmentStatus.COMPLETED,
        AppointmentStatus.CANCELLED,
        AppointmentStatus.NO_SHOW,
    },
}
DIAGNOSIS_MAX = 500


@dataclass
class Appointment:
    """A patient booked with a doctor in one slot, with the reason or diagnosis."""

    patient_id: int
    doctor_id: int
    appt_date: date
    appt_time: time
    diagnosis: str = ""
    status: AppointmentStatus = AppointmentStatus.SCHEDULED
    appt_id: int | None = None

    def __post_init__(self):
        self.appt_date = parse_date(self.appt_date, "appointment date")
        self.appt_time = parse_time(self.appt_time, "appointment time")
        self.diagnosis = validate_free_text(self.diagnosis, "diagnosis", DIAGNOSIS_MAX, required=False)
        self.status = AppointmentStatus(self.status)

    @property
    def code(self) -> str:
        return format_code("appointment", self.appt_id) if self.appt_id else "(new)"

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES

    def complete(self, diagnosis: str | None = None) -> None:
        self._move_to(AppointmentStatus.COMPLETED)
        if diagnosis is not None:
            self.record_diagnosis(diagnosis)

    def cancel(self) -> None:
        self._move_to(AppointmentStatus.CANCELLED)

    def mark_no_show(self) -> None:
        self._move_to(AppointmentStatus.NO_SHOW)

    def record_diagnosis(self, text: str) -> None:
        if not self.is_live:
            raise InvalidTransition(
                f"appointment {self.code} is {self.status.label}; its diagnosis cannot be changed"
            )
        self.diagnosis = validate_free_text(text, "diagnosis", DIAGNOSIS_MAX, required=False)

    def _move_to(self, new: AppointmentStatus) -> None:
        if new not in ALLOWED_TRANSITIONS.get(self.status, set()):
            raise InvalidTransition(
                f"appointment {self.code} is {self.status.label}; it cannot be marked {new.label}"
            )
        self.status = new


DAY_START, DAY_END = time(9, 0), time(17, 0)  # the slots offered as free; any slot may still be booked


def check_bookable_day(day: date, today: date) -> date:
    if day < today:
        raise InvalidField("appointment date", f"{day} is in the past; book today or later")
    return day


def day_slots(slot_minutes: int) -> list[time]:
    """The slots of a working day, DAY_START up to DAY_END."""
    start = DAY_START.hour * 60 + DAY_START.minute
    end = DAY_END.hour * 60 + DAY_END.minute
    return [time(m // 60, m % 60) for m in range(start, end, slot_minutes)]


def validate_slot(at: time, slot_minutes: int) -> time:
    """Appointments start on the slot grid (every 15 minutes by default)."""
    if (at.hour * 60 + at.minute) % slot_minutes or at.second:
        raise InvalidField("appointment time", f"must be on a {slot_minutes}-minute slot (e.g. 10:00, 10:{slot_minutes:02d})")
    return at


def days_between(dates: list[date]) -> list[int | None]:
    """For dates in order, the days since the previous one (None for the first)."""
    ordered = sorted(dates)
    if not ordered:
        return []
    return [None] + [(later - earlier).days for earlier, later in zip(ordered, ordered[1:])]
