"""A doctor's week: the hours they work on each weekday, and the days they are on leave."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from .errors import DoctorNotWorking, InvalidField
from .validation import parse_date, parse_time, validate_free_text

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# A doctor whose week was never set works the hospital's day, every day (as before hours were kept).
HOSPITAL_START, HOSPITAL_END = time(9, 0), time(17, 0)
LEAVE_REASON_MAX = 200


@dataclass(frozen=True)
class DayHours:
    """The hours a doctor works on one weekday (0 Monday ... 6 Sunday): from `starts` until `ends`."""

    weekday: int
    starts: time
    ends: time

    def __post_init__(self):
        if not (isinstance(self.weekday, int) and 0 <= self.weekday <= 6):
            raise InvalidField("weekday", "must be 0 (Monday) to 6 (Sunday)")
        object.__setattr__(self, "starts", parse_time(self.starts, "start of hours"))
        object.__setattr__(self, "ends", parse_time(self.ends, "end of hours"))
        if self.ends <= self.starts:
            raise InvalidField("hours", f"{WEEKDAYS[self.weekday]} ends at {self.ends:%H:%M},"
                                        f" not after it starts at {self.starts:%H:%M}")

    @property
    def text(self) -> str:
        return f"{self.starts:%H:%M}-{self.ends:%H:%M}"


def hospital_day(weekday: int) -> DayHours:
    return DayHours(weekday, HOSPITAL_START, HOSPITAL_END)


@dataclass(frozen=True)
class WorkingWeek:
    """The weekdays a doctor works and their hours; `kept` is False for a doctor whose week was
    never set, who works the hospital's day every day."""

    days: tuple[DayHours, ...]
    kept: bool = True

    @classmethod
    def hospital(cls) -> WorkingWeek:
        return cls(tuple(hospital_day(weekday) for weekday in range(7)), kept=False)

    def __post_init__(self):
        weekdays = [hours.weekday for hours in self.days]
        if len(set(weekdays)) != len(weekdays):
            raise InvalidField("hours", "each weekday can have one span of hours")
        object.__setattr__(self, "days", tuple(sorted(self.days, key=lambda hours: hours.weekday)))

    def on(self, day: date) -> DayHours | None:
        """The hours of that day, or None when the doctor does not work on its weekday."""
        return self.on_weekday(day.weekday())

    def on_weekday(self, weekday: int) -> DayHours | None:
        return next((hours for hours in self.days if hours.weekday == weekday), None)

    def hours_of(self, day: date, whose: str) -> DayHours:
        """The hours of that day; DoctorNotWorking when it is a weekday off."""
        hours = self.on(day)
        if hours is None:
            raise DoctorNotWorking(f"{whose} does not work on {WEEKDAYS[day.weekday()]}s ({day})")
        return hours

    def lines(self) -> list[tuple[str, str]]:
        """(weekday, hours or 'off') for each day of the week, Monday first."""
        by_day = {hours.weekday: hours.text for hours in self.days}
        return [(name, by_day.get(weekday, "off")) for weekday, name in enumerate(WEEKDAYS)]


def parse_day_hours(weekday: int, text: str) -> DayHours | None:
    """`09:00-13:00` for the hours of that weekday; `-` or `off` for a day off."""
    cleaned = text.strip().lower()
    if cleaned in ("-", "off"):
        return None
    starts, sep, ends = cleaned.replace(" ", "").partition("-")
    if not sep:
        raise InvalidField("hours", "give them as HH:MM-HH:MM (09:00-17:00), or - for a day off")
    return DayHours(weekday, parse_time(starts, "start of hours"), parse_time(ends, "end of hours"))


@dataclass
class Leave:
    """Days a doctor is away, first to last inclusive; nobody can be booked with them then."""

    doctor_id: int
    first_day: date
    last_day: date
    reason: str = ""
    leave_id: int | None = None

    def __post_init__(self):
        self.first_day = parse_date(self.first_day, "first day of leave")
        self.last_day = parse_date(self.last_day, "last day of leave")
        if self.last_day < self.first_day:
            raise InvalidField("last day of leave", f"{self.last_day} is before the first day, {self.first_day}")
        self.reason = validate_free_text(self.reason, "reason", LEAVE_REASON_MAX, required=False)

    def covers(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    @property
    def text(self) -> str:
        days = str(self.first_day) if self.first_day == self.last_day else f"{self.first_day} to {self.last_day}"
        return f"{days} ({self.reason})" if self.reason else days
