from datetime import date, time

import pytest

from hospital_mgmt.domain.appointment import (Appointment, AppointmentStatus, check_bookable_day, day_slots,
                                              days_between, validate_slot)
from hospital_mgmt.domain.errors import InvalidField, InvalidTransition


def booked(**changes):
    return Appointment(**{**dict(patient_id=1001, doctor_id=1, appt_date=date(2026, 11, 23), appt_time=time(10, 15),
                                 appt_id=7), **changes})


def test_a_scheduled_appointment_can_be_completed_with_a_diagnosis():
    appointment = booked()
    appointment.complete("Viral fever")
    assert appointment.status == AppointmentStatus.COMPLETED and appointment.diagnosis == "Viral fever"
    appointment.record_diagnosis("Dengue fever")
    assert appointment.diagnosis == "Dengue fever" and appointment.is_live


@pytest.mark.parametrize("first, then, message", [
    ("cancel", "complete", "A007 is cancelled; it cannot be marked completed"),
    ("cancel", "cancel", "A007 is cancelled; it cannot be marked cancelled"),
    ("complete", "cancel", "A007 is completed; it cannot be marked cancelled"),
    ("mark_no_show", "complete", "A007 is no-show; it cannot be marked completed"),
    ("complete", "mark_no_show", "A007 is completed; it cannot be marked no-show"),
])
def test_transitions_that_make_no_sense_are_refused_with_the_reason(first, then, message):
    appointment = booked()
    getattr(appointment, first)()
    with pytest.raises(InvalidTransition, match=message):
        getattr(appointment, then)()


def test_cancelled_and_no_show_appointments_free_their_slot_and_keep_their_diagnosis():
    for action in ("cancel", "mark_no_show"):
        appointment = booked()
        getattr(appointment, action)()
        assert not appointment.is_live
        with pytest.raises(InvalidTransition, match="diagnosis cannot be changed"):
            appointment.record_diagnosis("x")


def test_days_between_consecutive_appointments():
    dates = [date(2026, 3, 1), date(2026, 1, 1), date(2026, 1, 31), date(2026, 1, 31)]
    assert days_between(dates) == [None, 30, 0, 29]
    assert days_between([date(2026, 1, 1)]) == [None] and days_between([]) == []


def test_times_must_sit_on_the_slot_grid():
    assert validate_slot(time(10, 45), 15) == time(10, 45)
    with pytest.raises(InvalidField, match="15-minute slot"):
        validate_slot(time(10, 10), 15)
    assert validate_slot(time(10, 10), 5) == time(10, 10)
    assert day_slots(60) == [time(h, 0) for h in range(9, 17)]


def test_a_booking_in_the_past_is_refused():
    today = date(2026, 11, 22)
    assert check_bookable_day(today, today) == today
    with pytest.raises(InvalidField, match="in the past"):
        check_bookable_day(date(2026, 11, 21), today)
