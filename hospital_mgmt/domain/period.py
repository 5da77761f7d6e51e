"""A range of days, both ends included, and the ranges the screens offer by name."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import InvalidPeriod

EARLIEST = date(1900, 1, 1)


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    def __post_init__(self):
        if self.last < self.first:
            raise InvalidPeriod(self.first, self.last)

    def __str__(self) -> str:
        return f"{self.first} to {self.last}"


def one_day(day: date) -> Period:
    return Period(day, day)


def last_7_days(today: date) -> Period:
    return Period(today - timedelta(days=6), today)


def this_month(today: date) -> Period:
    """The month so far: from its first day up to today."""
    return Period(today.replace(day=1), today)


def whole_month(today: date) -> Period:
    return Period(today.replace(day=1), today.replace(day=calendar.monthrange(today.year, today.month)[1]))


def all_time(today: date) -> Period:
    return Period(EARLIEST, today)
