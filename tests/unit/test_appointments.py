from datetime import date, datetime, time

import pytest

from hospital_mgmt.domain.appointment import (
    Appointment,
    AppointmentStatus,
    check_bookable,
    check_bookable_day,
    day_slots,
    days_between,
    validate_slot,
)
from hospital_mgmt.domain.errors import (
    DayInPast,
    InvalidTransition,
    OffSlotGrid,
    OutsideDoctorsHours,
    TimeInPast,
    VisitNotYetDue,
)

DAY = date(2026, 11, 23)


def booked(**changes):
    return Appointment(**{**dict(patient_id=1001, doctor_id=1, appt_date=date(2026, 11, 23), appt_time=time(10, 15),
                                 appt_id=7), **changes})


def test_a_scheduled_appointment_can_be_completed_with_a_diagnosis():
    appointment = booked()
    appointment.complete(DAY, "Viral fever")
    assert appointment.status == AppointmentStatus.COMPLETED and appointment.diagnosis == "Viral fever"
    appointment.record_diagnosis("Dengue fever")
    assert appointment.diagnosis == "Dengue fever" and appointment.is_live


MOVES = {"cancel": lambda a: a.cancel(), "complete": lambda a: a.complete(DAY),
         "mark_no_show": lambda a: a.mark_no_show(DAY)}


@pytest.mark.parametrize("first, then, message", [
    ("cancel", "complete", "A007 is cancelled; it cannot be marked completed"),
    ("cancel", "cancel", "A007 is cancelled; it cannot be marked cancelled"),
    ("complete", "cancel", "A007 is completed; it cannot be marked cancelled"),
    ("mark_no_show", "complete", "A007 is no-show; it cannot be marked completed"),
    ("complete", "mark_no_show", "A007 is completed; it cannot be marked no-show"),
])
def test_transitions_that_make_no_sense_are_refused_with_the_reason(first, then, message):
    appointment = booked()
    MOVES[first](appointment)
    with pytest.raises(InvalidTransition, match=message):
        MOVES[then](appointment)


@pytest.mark.parametrize("move, label", [("complete", "completed"), ("mark_no_show", "no-show")])
def test_a_visit_is_not_marked_done_or_missed_before_its_day(move, label):
    appointment = booked()
    with pytest.raises(VisitNotYetDue, match=f"^appointment A007 is on 2026-11-23; it cannot be marked {label} "
                                             "before that day$"):
        getattr(appointment, move)(date(2026, 11, 22))
    assert appointment.status == AppointmentStatus.SCHEDULED
    getattr(appointment, move)(DAY)
    assert appointment.status.label == label


def test_a_visit_in_the_future_may_still_be_cancelled():
    appointment = booked()
    appointment.cancel()
    assert appointment.status == AppointmentStatus.CANCELLED


def test_cancelled_and_no_show_appointments_free_their_slot_and_keep_their_diagnosis():
    for action in ("cancel", "mark_no_show"):
        appointment = booked()
        MOVES[action](appointment)
        assert not appointment.is_live
        with pytest.raises(InvalidTransition, match="diagnosis cannot be changed"):
            appointment.record_diagnosis("x")


def test_days_between_consecutive_appointments():
    dates = [date(2026, 3, 1), date(2026, 1, 1), date(2026, 1, 31), date(2026, 1, 31)]
    assert days_between(dates) == [None, 30, 0, 29]
    assert days_between([date(2026, 1, 1)]) == [None] and days_between([]) == []


def test_times_must_sit_on_the_slot_grid():
    assert validate_slot(time(10, 45), 15) == time(10, 45)
    with pytest.raises(OffSlotGrid, match="15-minute slot"):
        validate_slot(time(10, 10), 15)
    assert validate_slot(time(10, 10), 5) == time(10, 10)
    assert day_slots(60) == [time(h, 0) for h in range(9, 17)]


def test_a_booking_in_the_past_is_refused():
    today = date(2026, 11, 22)
    assert check_bookable_day(today, today) == today
    with pytest.raises(DayInPast, match="in the past"):
        check_bookable_day(date(2026, 11, 21), today)


NOW = datetime(2026, 11, 22, 10, 20)


@pytest.mark.parametrize("day, at, error, message", [
    (date(2026, 11, 21), time(16, 0), DayInPast, "appointment date: 2026-11-21 is in the past; book today or later"),
    (date(2026, 11, 23), time(10, 10), OffSlotGrid, "appointment time: must be on a 15-minute slot"),
    (date(2026, 11, 23), time(7, 0), OutsideDoctorsHours,
     "appointment time: 07:00 is outside the doctors' hours (09:00 to 17:00)"),
    (date(2026, 11, 23), time(8, 45), OutsideDoctorsHours, "appointment time: 08:45 is outside the doctors' hours"),
    (date(2026, 11, 23), time(17, 0), OutsideDoctorsHours, "appointment time: 17:00 is outside the doctors' hours"),
    (date(2026, 11, 23), time(18, 0), OutsideDoctorsHours, "appointment time: 18:00 is outside the doctors' hours"),
    (date(2026, 11, 22), time(10, 15), TimeInPast, "appointment time: 10:15 has already passed today; choose a later"),
    (date(2026, 11, 22), time(9, 0), TimeInPast, "appointment time: 09:00 has already passed today"),
])
def test_a_booking_outside_the_rules_is_refused_with_the_reason(day, at, error, message):
    with pytest.raises(error, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        check_bookable(day, at, NOW, 15)


@pytest.mark.parametrize("day, at", [(date(2026, 11, 22), time(10, 30)), (date(2026, 11, 23), time(9, 0)),
                                     (date(2026, 11, 23), time(16, 45)), (date(2026, 11, 22), time(16, 45))])
def test_the_first_and_last_slots_of_the_day_and_a_later_slot_of_today_are_bookable(day, at):
    check_bookable(day, at, NOW, 15)


def test_the_day_ends_with_the_last_slot_that_ends_by_five():
    assert day_slots(15)[0] == time(9, 0) and day_slots(15)[-1] == time(16, 45) and len(day_slots(15)) == 32
    assert day_slots(45)[-1] == time(15, 45)  # 16:30 would end at 17:15
