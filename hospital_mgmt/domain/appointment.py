"""Appointments: a patient with a doctor in one slot of the doctors' day, and its states."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from .codes import format_code
from .errors import DayInPast, InvalidTransition, OffSlotGrid, OutsideDoctorsHours, TimeInPast, VisitNotYetDue
from .validation import parse_date, parse_time, validate_free_text


class AppointmentStatus(StrEnum):
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
# Marking a visit done or missed only makes sense once its day has come.
DUE_ON_THE_DAY = frozenset({AppointmentStatus.COMPLETED, AppointmentStatus.NO_SHOW})
DIAGNOSIS_MAX = 500
# The doctors' day: appointments start on a slot from DAY_START and end by DAY_END.
DAY_START, DAY_END = time(9, 0), time(17, 0)


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

    def complete(self, today: date, diagnosis: str | None = None) -> None:
        self._move_to(AppointmentStatus.COMPLETED, today)
        if diagnosis is not None:
            self.record_diagnosis(diagnosis)

    def cancel(self) -> None:
        self._move_to(AppointmentStatus.CANCELLED)

    def mark_no_show(self, today: date) -> None:
        self._move_to(AppointmentStatus.NO_SHOW, today)

    def record_diagnosis(self, text: str) -> None:
        self.check_diagnosis_open()
        self.diagnosis = validate_free_text(text, "diagnosis", DIAGNOSIS_MAX, required=False)

    def check_diagnosis_open(self) -> None:
        if not self.is_live:
            raise InvalidTransition(
                f"appointment {self.code} is {self.status.label}; its diagnosis cannot be changed")

    def check_move(self, new: AppointmentStatus, today: date | None = None) -> None:
        """Raise unless the appointment may move to `new` (today, for a move that needs its day)."""
        if new not in ALLOWED_TRANSITIONS.get(self.status, set()):
            raise InvalidTransition(f"appointment {self.code} is {self.status.label}; it cannot be marked {new.label}")
        if new in DUE_ON_THE_DAY and (today is None or self.appt_date > today):
            raise VisitNotYetDue(self.code, self.appt_date, new.label)

    def _move_to(self, new: AppointmentStatus, today: date | None = None) -> None:
        self.check_move(new, today)
        self.status = new


def day_slots(slot_minutes: int) -> list[time]:
    """The slots of the doctors' day: each starts at DAY_START or later and ends by DAY_END."""
    start = DAY_START.hour * 60 + DAY_START.minute
    end = DAY_END.hour * 60 + DAY_END.minute
    return [time(m // 60, m % 60) for m in range(start, end - slot_minutes + 1, slot_minutes)]


def check_bookable(day: date, at: time, now: datetime, slot_minutes: int) -> None:
    """A booking is for today or later, on the slot grid, within the doctors' day, and not
    at a time of today that has already passed."""
    if day < now.date():
        raise DayInPast(day)
    validate_slot(at, slot_minutes)
    if at not in day_slots(slot_minutes):
        raise OutsideDoctorsHours(at, DAY_START, DAY_END)
    if datetime.combine(day, at) < now:
        raise TimeInPast(at)


def check_bookable_day(day: date, today: date) -> date:
    if day < today:
        raise DayInPast(day)
    return day


def has_started(day: date, at: time, now: datetime) -> bool:
    return datetime.combine(day, at) < now


def validate_slot(at: time, slot_minutes: int) -> time:
    """Appointments start on the slot grid (every 15 minutes by default)."""
    if (at.hour * 60 + at.minute) % slot_minutes or at.second:
        raise OffSlotGrid(slot_minutes)
    return at


def days_between(dates: list[date]) -> list[int | None]:
    """For dates in order, the days since the previous one (None for the first)."""
    ordered = sorted(dates)
    if not ordered:
        return []
    gaps: list[int | None] = [None]
    return gaps + [(later - earlier).days for earlier, later in zip(ordered, ordered[1:], strict=False)]
