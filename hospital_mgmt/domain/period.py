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


@dataclass(frozen=True)
class Part:
    """A stretch of a period in one grain: whole years, whole months, or loose days. `first` and
    `last` are the first days of its first and last year or month (its first and last day for
    days): the keys a summary of that grain holds them under."""
    grain: str
    first: date
    last: date


def in_grains(period: Period, coarsest: str = "year") -> list[Part]:
    """The period as its whole years (when `coarsest` is "year"), the whole months around them and
    the loose days at either end, in order: a year of 1 January to 31 December is one part, and
    10 January to 5 April is days, two months (February, March) and days."""
    grains = ("year", "month")[("year", "month").index(coarsest):]
    return _split(period.first, period.last, grains)


def _split(first: date, last: date, grains: tuple[str, ...]) -> list[Part]:
    if not grains:
        return [Part("day", first, last)]
    grain, finer = grains[0], grains[1:]
    whole = _whole_inside(first, last, grain)
    if whole is None:
        return _split(first, last, finer)
    start, end = whole
    parts = _split(first, start - timedelta(days=1), finer) if first < start else []
    parts.append(Part(grain, start, end.replace(day=1) if grain == "month" else end.replace(month=1, day=1)))
    return parts + (_split(end + timedelta(days=1), last, finer) if end < last else [])


def _whole_inside(first: date, last: date, grain: str) -> tuple[date, date] | None:
    """The first and last day of the whole months (or years) between first and last, if any."""
    start: date | None
    end: date | None
    if grain == "month":
        start = first if first.day == 1 else _next_month(first)
        end = last if last == whole_month(last).last else last.replace(day=1) - timedelta(days=1)
    else:
        start = first if (first.month, first.day) == (1, 1) else _next_year(first)
        end = last if (last.month, last.day) == (12, 31) else date(last.year - 1, 12, 31) if last.year > 1 else None
    if start is None or end is None or start > end:
        return None
    return start, end


def _next_month(day: date) -> date | None:
    if day.month < 12:
        return date(day.year, day.month + 1, 1)
    return date(day.year + 1, 1, 1) if day.year < date.max.year else None


def _next_year(day: date) -> date | None:
    return date(day.year + 1, 1, 1) if day.year < date.max.year else None
