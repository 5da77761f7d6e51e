"""Appointments: a patient with a doctor in one slot of the doctors' day, and its states."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from .codes import format_code
from .errors import (
    DayInPast,
    DoctorOnLeave,
    InvalidTransition,
    NotOnTheDay,
    OffSlotGrid,
    OutsideDoctorsHours,
    SlotNotYetPassed,
    TimeInPast,
    VisitNotYetDue,
)
from .schedule import WEEKDAYS, DayHours, Leave, WorkingWeek, hospital_day
from .validation import parse_date, parse_time, validate_free_text


class AppointmentStatus(StrEnum):
    SCHEDULED = "scheduled"
    ARRIVED = "arrived"  # checked in at the desk, waiting with a token number
    IN_CONSULTATION = "in_consultation"  # called in by the doctor
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"

    @property
    def label(self) -> str:
        return {"no_show": "no-show", "in_consultation": "in consultation"}.get(self.value, self.value)


S = AppointmentStatus
# The states in which an appointment holds its slot (the unique slot indexes count these).
LIVE_STATUSES = frozenset({S.SCHEDULED, S.ARRIVED, S.IN_CONSULTATION, S.COMPLETED})
# Booked and not yet seen to the end: the reports count these as "scheduled".
OPEN_STATUSES = frozenset({S.SCHEDULED, S.ARRIVED, S.IN_CONSULTATION})
ALLOWED_TRANSITIONS = {
    S.SCHEDULED: {S.ARRIVED, S.COMPLETED, S.CANCELLED, S.NO_SHOW},
    S.ARRIVED: {S.IN_CONSULTATION, S.COMPLETED, S.CANCELLED},  # cancelled: left without being seen
    S.IN_CONSULTATION: {S.COMPLETED},
}
# Marking a visit done or missed only makes sense once its day has come.
DUE_ON_THE_DAY = frozenset({AppointmentStatus.COMPLETED, AppointmentStatus.NO_SHOW})
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
    token_no: int | None = None  # given at check-in: 1, 2, 3... per doctor and day
    arrived_at: datetime | None = None
    called_at: datetime | None = None

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

    def mark_no_show(self, now: datetime) -> None:
        """Only once the slot's time has come and the patient has not checked in."""
        self.check_move(AppointmentStatus.NO_SHOW, now.date())
        if now < self.starts_at:
            raise SlotNotYetPassed(f"appointment {self.code} is at {self.appt_time:%H:%M} on {self.appt_date};"
                                   " a no-show can be marked only after that time")
        self.status = AppointmentStatus.NO_SHOW

    def check_in(self, now: datetime, token_no: int) -> None:
        """The patient has come, on the appointment's day: they wait with the token number (one
        already checked in keeps the token they were given)."""
        self.check_can_check_in(now.date())
        if self.status is not AppointmentStatus.ARRIVED:
            self.status, self.token_no, self.arrived_at = AppointmentStatus.ARRIVED, token_no, now

    def check_can_check_in(self, today: date) -> None:
        if self.status is AppointmentStatus.ARRIVED:
            return
        self.check_move(AppointmentStatus.ARRIVED)
        if self.appt_date != today:
            when = "was" if self.appt_date < today else "is"
            raise NotOnTheDay(f"appointment {self.code} {when} on {self.appt_date}; a patient checks in on the day")

    def call_in(self, now: datetime) -> None:
        """The doctor calls the waiting patient in."""
        self._move_to(AppointmentStatus.IN_CONSULTATION)
        self.called_at = now

    def check_can_move(self) -> None:
        if self.status is not AppointmentStatus.SCHEDULED:
            raise InvalidTransition(f"appointment {self.code} is {self.status.label}; only a scheduled"
                                    " appointment can be moved")

    def move_to(self, doctor_id: int, day: date, at: time) -> None:
        """Rescheduled: the same appointment (its code, its history) in another slot."""
        self.check_can_move()
        self.doctor_id, self.appt_date, self.appt_time = doctor_id, day, at

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.appt_date, self.appt_time)

    def waited(self, now: datetime) -> timedelta | None:
        """How long the patient has waited since check-in: until called in, or until now."""
        if self.arrived_at is None:
            return None
        return (self.called_at or now) - self.arrived_at

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


def day_slots(slot_minutes: int, hours: DayHours | None = None) -> list[time]:
    """The slots of a day's hours (the hospital's day when none are given): each on the slot grid,
    starting at or after the hours begin and ending by the time they end."""
    hours = hours or hospital_day(0)
    start = _minutes(hours.starts)
    first = start + (-start) % slot_minutes  # hours from 09:10 offer 09:15 first
    end = _minutes(hours.ends)
    return [time(m // 60, m % 60) for m in range(first, end - slot_minutes + 1, slot_minutes)]


def _minutes(at: time) -> int:
    return at.hour * 60 + at.minute


@dataclass(frozen=True)
class DoctorsDiary:
    """What decides whether a doctor can be booked on a day: their week and their leave."""

    whose: str  # "Dr. Mehta", as the refusals name them
    week: WorkingWeek
    leave: tuple[Leave, ...] = ()

    def hours_on(self, day: date) -> DayHours:
        """The doctor's hours that day; refused on a day off or a day of leave, with the reason."""
        away = next((leave for leave in self.leave if leave.covers(day)), None)
        if away is not None:
            raise DoctorOnLeave(f"{self.whose} is on leave on {day} ({away.text})")
        return self.week.hours_of(day, self.whose)

    def slots_on(self, day: date, slot_minutes: int) -> list[time]:
        return day_slots(slot_minutes, self.hours_on(day))


HOSPITAL_DIARY = DoctorsDiary("the doctor", WorkingWeek.hospital())


def check_bookable(day: date, at: time, now: datetime, slot_minutes: int,
                   diary: DoctorsDiary = HOSPITAL_DIARY) -> None:
    """A booking is for today or later, on the slot grid, on a day the doctor works and is not on
    leave, within their hours, and not at a time of today that has already passed."""
    if day < now.date():
        raise DayInPast(day)
    validate_slot(at, slot_minutes)
    hours = diary.hours_on(day)
    if at not in day_slots(slot_minutes, hours):
        if diary.week.kept:
            on = f" on {WEEKDAYS[day.weekday()]}s"
            raise OutsideDoctorsHours(at, hours.starts, hours.ends, f"{diary.whose}'s", on)
        raise OutsideDoctorsHours(at, hours.starts, hours.ends)
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
