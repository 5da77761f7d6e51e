"""A period split into whole years, whole months and loose days: the keys the summaries of each
grain hold, covering every day of the period once."""
import random
from datetime import date, timedelta

from hospital_mgmt.domain.period import Part, Period, in_grains, whole_month


def days_of(part: Part) -> list[date]:
    """The days a part stands for."""
    if part.grain == "day":
        last = part.last
    elif part.grain == "month":
        last = whole_month(part.last).last
    else:
        last = date(part.last.year, 12, 31)
    return [part.first + timedelta(days=n) for n in range((last - part.first).days + 1)]


def test_a_calendar_year_is_one_part_and_a_month_of_it_one_month():
    assert in_grains(Period(date(2025, 1, 1), date(2025, 12, 31))) == [Part("year", date(2025, 1, 1),
                                                                            date(2025, 1, 1))]
    assert in_grains(Period(date(2025, 2, 1), date(2025, 2, 28))) == [Part("month", date(2025, 2, 1),
                                                                           date(2025, 2, 1))]


def test_loose_days_at_either_end_of_whole_months_and_years():
    assert in_grains(Period(date(2024, 12, 10), date(2027, 4, 5))) == [
        Part("day", date(2024, 12, 10), date(2024, 12, 31)),
        Part("year", date(2025, 1, 1), date(2026, 1, 1)),
        Part("month", date(2027, 1, 1), date(2027, 3, 1)),
        Part("day", date(2027, 4, 1), date(2027, 4, 5))]
    assert in_grains(Period(date(2025, 1, 10), date(2025, 4, 5))) == [
        Part("day", date(2025, 1, 10), date(2025, 1, 31)),
        Part("month", date(2025, 2, 1), date(2025, 3, 1)),
        Part("day", date(2025, 4, 1), date(2025, 4, 5))]


def test_months_only_when_there_is_no_yearly_summary():
    assert in_grains(Period(date(2025, 1, 1), date(2025, 12, 31)), coarsest="month") == [
        Part("month", date(2025, 1, 1), date(2025, 12, 1))]


def test_a_period_inside_one_month_is_its_days():
    assert in_grains(Period(date(2024, 2, 2), date(2024, 2, 29))) == [Part("day", date(2024, 2, 2),
                                                                           date(2024, 2, 29))]
    assert in_grains(Period(date(2024, 2, 1), date(2024, 2, 28))) == [Part("day", date(2024, 2, 1),
                                                                           date(2024, 2, 28))]


def test_every_day_of_any_period_is_in_exactly_one_part_in_order():
    chance = random.Random(17)
    for _ in range(2000):
        first = date(2023, 1, 1) + timedelta(days=chance.randrange(1500))
        period = Period(first, first + timedelta(days=chance.randrange(1200)))
        for coarsest in ("year", "month"):
            parts = in_grains(period, coarsest)
            days = [day for part in parts for day in days_of(part)]
            assert days == [period.first + timedelta(days=n) for n in range((period.last - period.first).days + 1)]
            assert all(part.grain != "year" for part in parts) or coarsest == "year"
            # a coarser grain is used wherever it fits: no 12 months of one calendar year apart
            assert not any(part.grain == "month" and coarsest == "year" and part.first.month == 1
                           and part.last.month == 12 for part in parts)
            loose = [day for part in parts if part.grain == "day" for day in days_of(part)]
            assert not any(day.day == 1 and whole_month(day).last in loose for day in loose)  # no whole month
