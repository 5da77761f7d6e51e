from datetime import date, datetime, time

import pytest

from hospital_mgmt.domain.appointment import (
    Appointment,
    AppointmentStatus,
    DoctorsDiary,
    check_bookable,
    check_bookable_day,
    day_slots,
    days_between,
    validate_slot,
)
from hospital_mgmt.domain.errors import (
    DayInPast,
    DoctorNotWorking,
    DoctorOnLeave,
    InvalidField,
    InvalidTransition,
    NotOnTheDay,
    OffSlotGrid,
    OutsideDoctorsHours,
    SlotNotYetPassed,
    TimeInPast,
    VisitNotYetDue,
)
from hospital_mgmt.domain.schedule import DayHours, Leave, WorkingWeek, parse_day_hours

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
         "mark_no_show": lambda a: a.mark_no_show(datetime.combine(DAY, time(18, 0)))}


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


def test_a_visit_is_not_marked_done_before_its_day():
    appointment = booked()
    with pytest.raises(VisitNotYetDue, match="^appointment A007 is on 2026-11-23; it cannot be marked completed "
                                             "before that day$"):
        appointment.complete(date(2026, 11, 22))
    assert appointment.status == AppointmentStatus.SCHEDULED
    appointment.complete(DAY)
    assert appointment.status.label == "completed"


def test_a_no_show_is_marked_only_once_the_slot_has_begun_and_not_after_check_in():
    appointment = booked()  # 10:15 on DAY
    with pytest.raises(VisitNotYetDue, match="^appointment A007 is on 2026-11-23; it cannot be marked no-show"):
        appointment.mark_no_show(datetime(2026, 11, 22, 18, 0))
    with pytest.raises(SlotNotYetPassed, match="^appointment A007 is at 10:15 on 2026-11-23; a no-show can be marked"
                                               " only after that time$"):
        appointment.mark_no_show(datetime(2026, 11, 23, 10, 14))
    assert appointment.status == AppointmentStatus.SCHEDULED
    appointment.mark_no_show(datetime(2026, 11, 23, 10, 15))
    assert appointment.status.label == "no-show"
    arrived = booked()
    arrived.check_in(datetime(2026, 11, 23, 10, 5), 1)
    with pytest.raises(InvalidTransition, match="^appointment A007 is arrived; it cannot be marked no-show$"):
        arrived.mark_no_show(datetime(2026, 11, 23, 11, 0))


def test_check_in_is_on_the_day_and_gives_the_token_then_the_doctor_calls_the_patient_in():
    appointment = booked()
    for day, word in ((date(2026, 11, 22), "is"), (date(2026, 11, 24), "was")):
        with pytest.raises(NotOnTheDay, match=f"^appointment A007 {word} on 2026-11-23; a patient checks in on the"
                                              " day$"):
            appointment.check_in(datetime.combine(day, time(10, 0)), 1)
    assert appointment.status is AppointmentStatus.SCHEDULED and appointment.token_no is None
    appointment.check_in(datetime(2026, 11, 23, 9, 40), 4)
    assert (appointment.status, appointment.token_no, appointment.arrived_at) == \
        (AppointmentStatus.ARRIVED, 4, datetime(2026, 11, 23, 9, 40))
    assert appointment.waited(datetime(2026, 11, 23, 10, 2)).total_seconds() == 22 * 60
    with pytest.raises(InvalidTransition, match="only a scheduled appointment can be moved"):
        appointment.move_to(2, date(2026, 11, 24), time(9, 0))
    appointment.call_in(datetime(2026, 11, 23, 10, 20))
    assert appointment.status.label == "in consultation" and appointment.is_live
    assert appointment.waited(datetime(2026, 11, 23, 12, 0)).total_seconds() == 40 * 60  # the wait ended at 10:20
    with pytest.raises(InvalidTransition, match="^appointment A007 is in consultation; it cannot be marked cancelled$"):
        appointment.cancel()
    appointment.complete(DAY, "Migraine")
    assert appointment.status is AppointmentStatus.COMPLETED and appointment.token_no == 4


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


# Mondays and Wednesdays 10:00-13:00, Saturdays 09:10-11:00; on leave 2026-11-30 to 2026-12-01.
WEEK = WorkingWeek((DayHours(0, time(10, 0), time(13, 0)), DayHours(2, time(10, 0), time(13, 0)),
                    DayHours(5, time(9, 10), time(11, 0))))
DIARY = DoctorsDiary("Dr. Mehta", WEEK, (Leave(1, date(2026, 11, 30), date(2026, 12, 1), "Conference"),))
MONDAY = date(2026, 11, 23)


def test_a_doctors_week_gives_the_slots_of_each_day_and_refuses_days_off_and_leave_with_the_reason():
    assert DIARY.slots_on(MONDAY, 30) == [time(10, 0), time(10, 30), time(11, 0), time(11, 30), time(12, 0),
                                          time(12, 30)]
    assert DIARY.slots_on(date(2026, 11, 28), 15)[:2] == [time(9, 15), time(9, 30)]  # 09:10 is off the grid
    assert DIARY.slots_on(date(2026, 11, 28), 15)[-1] == time(10, 45)
    with pytest.raises(DoctorNotWorking, match=r"^Dr. Mehta does not work on Tuesdays \(2026-11-24\)$"):
        DIARY.slots_on(date(2026, 11, 24), 15)
    with pytest.raises(DoctorOnLeave, match=r"^Dr. Mehta is on leave on 2026-11-30 \(2026-11-30 to 2026-12-01"
                                            r" \(Conference\)\)$"):
        check_bookable(date(2026, 11, 30), time(10, 0), NOW, 15, DIARY)
    check_bookable(MONDAY, time(12, 45), NOW, 15, DIARY)
    with pytest.raises(OutsideDoctorsHours, match="^appointment time: 13:00 is outside Dr. Mehta's hours on Mondays"
                                                  r" \(10:00 to 13:00\)$"):
        check_bookable(MONDAY, time(13, 0), NOW, 15, DIARY)
    with pytest.raises(OutsideDoctorsHours, match="^appointment time: 09:45 is outside Dr. Mehta's hours"):
        check_bookable(MONDAY, time(9, 45), NOW, 15, DIARY)
    assert DoctorsDiary("Dr. Rao", WorkingWeek.hospital()).slots_on(date(2026, 11, 29), 60) == day_slots(60)


def test_hours_are_typed_as_a_span_or_a_dash_and_refused_when_they_end_before_they_start():
    assert parse_day_hours(1, " 08:30 - 12:00 ") == DayHours(1, time(8, 30), time(12, 0))
    assert parse_day_hours(6, "-") is None and parse_day_hours(6, "OFF") is None
    with pytest.raises(InvalidField, match="^hours: give them as HH:MM-HH:MM"):
        parse_day_hours(0, "9 to 5")
    with pytest.raises(InvalidField, match="^hours: Monday ends at 09:00, not after it starts at 17:00$"):
        parse_day_hours(0, "17:00-09:00")
    with pytest.raises(InvalidField, match="^hours: each weekday can have one span of hours$"):
        WorkingWeek((DayHours(0, time(9, 0), time(12, 0)), DayHours(0, time(14, 0), time(17, 0))))
    assert WEEK.lines()[1] == ("Tuesday", "off") and WEEK.lines()[5] == ("Saturday", "09:10-11:00")
    with pytest.raises(InvalidField, match="^last day of leave: 2026-11-29 is before the first day, 2026-11-30$"):
        Leave(1, date(2026, 11, 30), date(2026, 11, 29))
