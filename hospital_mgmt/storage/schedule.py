"""Doctors' working weeks and leave."""
from __future__ import annotations

from datetime import date

from ..domain.errors import NotFound
from ..domain.records import restore
from ..domain.schedule import DayHours, Leave, WorkingWeek
from .database import Database

LEAVE_COLUMNS = "leave_id, doctor_id, first_day, last_day, reason"


class ScheduleRepository:
    def __init__(self, db: Database):
        self.db = db

    def week(self, doctor_id: int) -> WorkingWeek:
        """The doctor's week as set, or the hospital's day every day when it never was."""
        rows = self.db.rows("SELECT weekday, starts, ends FROM doctor_hours WHERE doctor_id = ? ORDER BY weekday",
                            (doctor_id,))
        if not rows:
            return WorkingWeek.hospital()
        return WorkingWeek(tuple(DayHours(row["weekday"], self.db.to_time(row["starts"]), self.db.to_time(row["ends"]))
                                 for row in rows if row["starts"] is not None))

    def set_week(self, doctor_id: int, week: WorkingWeek) -> None:
        """A row for each weekday, with no hours on the days off, in place of the week before."""
        by_day = {hours.weekday: hours for hours in week.days}
        self.db.execute("DELETE FROM doctor_hours WHERE doctor_id = ?", (doctor_id,))
        self.db.executemany(
            "INSERT INTO doctor_hours (doctor_id, weekday, starts, ends) VALUES (?, ?, ?, ?)",
            [(doctor_id, weekday, by_day[weekday].starts if weekday in by_day else None,
              by_day[weekday].ends if weekday in by_day else None) for weekday in range(7)])

    def leave_between(self, doctor_id: int, first: date, last: date) -> list[Leave]:
        """The doctor's leave that touches any day from `first` to `last`, in date order."""
        return [self._leave(row) for row in self.db.rows(
            f"SELECT {LEAVE_COLUMNS} FROM doctor_leave WHERE doctor_id = ? AND first_day <= ? AND last_day >= ?"
            " ORDER BY first_day, leave_id", (doctor_id, last, first))]

    def leave_from(self, doctor_id: int, day: date) -> list[Leave]:
        """The doctor's leave that has not ended before `day`, in date order."""
        return [self._leave(row) for row in self.db.rows(
            f"SELECT {LEAVE_COLUMNS} FROM doctor_leave WHERE doctor_id = ? AND last_day >= ?"
            " ORDER BY first_day, leave_id", (doctor_id, day))]

    def add_leave(self, leave: Leave) -> Leave:
        leave.leave_id = self.db.insert(
            "INSERT INTO doctor_leave (doctor_id, first_day, last_day, reason) VALUES (?, ?, ?, ?)",
            (leave.doctor_id, leave.first_day, leave.last_day, leave.reason))
        return leave

    def get_leave(self, leave_id: int) -> Leave:
        row = self.db.one(f"SELECT {LEAVE_COLUMNS} FROM doctor_leave WHERE leave_id = ?", (leave_id,))
        if row is None:
            raise NotFound("leave", str(leave_id), f"no leave numbered {leave_id}")
        return self._leave(row)

    def remove_leave(self, leave_id: int) -> None:
        self.db.execute("DELETE FROM doctor_leave WHERE leave_id = ?", (leave_id,))

    def forget_doctor(self, doctor_id: int) -> None:
        """The doctor's week and leave, removed with the doctor."""
        self.db.execute("DELETE FROM doctor_hours WHERE doctor_id = ?", (doctor_id,))
        self.db.execute("DELETE FROM doctor_leave WHERE doctor_id = ?", (doctor_id,))

    def _leave(self, row) -> Leave:
        return restore(Leave, leave_id=row["leave_id"], doctor_id=row["doctor_id"],
                       first_day=self.db.to_date(row["first_day"]), last_day=self.db.to_date(row["last_day"]),
                       reason=row["reason"])
