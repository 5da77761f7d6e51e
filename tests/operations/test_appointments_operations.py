from datetime import date, time

import pytest

from hospital_mgmt.domain.appointment import AppointmentStatus
from hospital_mgmt.domain.errors import (
    DayInPast,
    InvalidTransition,
    NotFound,
    OffSlotGrid,
    OutsideDoctorsHours,
    SlotTaken,
    TimeInPast,
    VisitNotYetDue,
)
from hospital_mgmt.operations import appointments
from tests.operations.conftest import a_doctor, a_patient
from tests.support import TODAY, on

TOMORROW = date(2026, 11, 23)


@pytest.fixture
def clinic(ctx):
    a_patient(ctx)
    a_patient(ctx, name="Ravi Kumar", phone="9000000002", gender="M")
    a_doctor(ctx)
    a_doctor(ctx, name="Leela Menon", specialization="ENT", fee="500")
    return ctx


def status_of(ctx, appt_id):
    return appointments.get_appointment(ctx, appt_id).appointment.status


def count(ctx):
    return ctx.db.scalar("SELECT count(*) FROM appointments")


def test_booking_stores_the_appointment_and_audits_the_codes(clinic, log_lines):
    booked = appointments.book_appointment(clinic, 1001, 2, TOMORROW, time(10, 15), "Ear ache")
    view = appointments.get_appointment(clinic, booked.appt_id)
    assert (view.appointment.code, view.patient_name, view.doctor_name, view.appointment.appt_time,
            view.appointment.diagnosis, view.appointment.status) == (
        "A001", "Asha Rao", "Leela Menon", time(10, 15), "Ear ache", AppointmentStatus.SCHEDULED)
    assert log_lines()[-1] == "appointment A001 booked: patient 1001, doctor D02 [system]"


def test_a_day_in_the_past_is_refused(clinic):
    with pytest.raises(DayInPast, match="^appointment date: 2026-11-21 is in the past; book today or later$"):
        appointments.book_appointment(clinic, 1001, 1, date(2026, 11, 21), time(10, 0))
    assert count(clinic) == 0


def test_a_time_that_has_passed_today_is_refused_and_never_offered(clinic):
    at_twenty_past_ten = on(clinic, TODAY, time(10, 20))
    free = appointments.free_slots(at_twenty_past_ten, 1, TODAY)
    assert free[0] == time(10, 30) and time(10, 15) not in free and time(9, 0) not in free
    for passed in (time(9, 0), time(10, 15)):
        with pytest.raises(TimeInPast, match=f"^appointment time: {passed:%H:%M} has already passed today"):
            appointments.check_booking(at_twenty_past_ten, 1001, 1, TODAY, passed)
        with pytest.raises(TimeInPast):
            appointments.book_appointment(at_twenty_past_ten, 1001, 1, TODAY, passed)
    assert count(clinic) == 0
    assert appointments.book_appointment(at_twenty_past_ten, 1001, 1, TODAY, time(10, 30)).code == "A001"
    assert time(9, 0) in appointments.free_slots(at_twenty_past_ten, 1, TOMORROW)


@pytest.mark.parametrize("at", [time(7, 0), time(8, 45), time(17, 0), time(18, 0), time(23, 45)])
def test_a_time_outside_the_doctors_day_is_refused_as_free_slots_never_offer_it(clinic, at):
    with pytest.raises(OutsideDoctorsHours, match=f"^appointment time: {at:%H:%M} is outside the doctors' hours "
                                                  r"\(09:00 to 17:00\)$"):
        appointments.book_appointment(clinic, 1001, 1, TOMORROW, at)
    assert count(clinic) == 0
    free = appointments.free_slots(clinic, 1, TOMORROW)
    assert (free[0], free[-1], len(free)) == (time(9, 0), time(16, 45), 32) and at not in free


def test_the_first_and_the_last_slot_of_the_day_are_booked(clinic):
    appointments.book_appointment(clinic, 1001, 1, TOMORROW, time(9, 0))
    appointments.book_appointment(clinic, 1001, 1, TOMORROW, time(16, 45))
    free = appointments.free_slots(clinic, 1, TOMORROW)
    assert (free[0], free[-1], len(free)) == (time(9, 15), time(16, 30), 30)


def test_a_time_off_the_slot_grid_is_refused(clinic):
    with pytest.raises(OffSlotGrid, match="^appointment time: must be on a 15-minute slot"):
        appointments.book_appointment(clinic, 1001, 1, TOMORROW, time(10, 10))


def test_a_taken_slot_is_refused_for_the_doctor_and_for_the_patient_and_a_freed_slot_is_booked_again(clinic):
    first = appointments.book_appointment(clinic, 1001, 1, TOMORROW, time(10, 0))
    with pytest.raises(SlotTaken, match="^Dr. Meera Iyer already has an appointment at 10:00 on 2026-11-23$"):
        appointments.book_appointment(clinic, 1002, 1, TOMORROW, time(10, 0))
    with pytest.raises(SlotTaken, match="^patient 1001 already has an appointment at 10:00 on 2026-11-23$"):
        appointments.book_appointment(clinic, 1001, 2, TOMORROW, time(10, 0))
    appointments.cancel_appointment(clinic, first.appt_id)
    assert time(10, 0) in appointments.free_slots(clinic, 1, TOMORROW)
    assert appointments.book_appointment(clinic, 1002, 1, TOMORROW, time(10, 0)).code == "A002"


def test_an_unknown_patient_or_doctor_is_named(clinic):
    with pytest.raises(NotFound, match="^no patient 4242$"):
        appointments.book_appointment(clinic, 4242, 1, TOMORROW, time(10, 0))
    with pytest.raises(NotFound, match="^no doctor D09$"):
        appointments.book_appointment(clinic, 1001, 9, TOMORROW, time(10, 0))
    with pytest.raises(NotFound, match="^no doctor D09$"):
        appointments.free_slots(clinic, 9, TOMORROW)
    assert count(clinic) == 0


@pytest.mark.parametrize("change, label", [(appointments.complete_appointment, "completed"),
                                           (appointments.mark_no_show, "no-show")])
def test_an_appointment_not_yet_due_is_neither_completed_nor_marked_missed(clinic, change, label):
    booked = appointments.book_appointment(clinic, 1001, 1, TOMORROW, time(10, 0))
    with pytest.raises(VisitNotYetDue, match=f"^appointment A001 is on 2026-11-23; it cannot be marked {label} "
                                             "before that day$"):
        change(clinic, booked.appt_id)
    assert status_of(clinic, booked.appt_id) == AppointmentStatus.SCHEDULED
    change(on(clinic, TOMORROW, time(10, 0)), booked.appt_id)
    assert status_of(clinic, booked.appt_id).label == label


def test_completing_records_the_diagnosis_and_then_only_the_diagnosis_may_change(clinic, log_lines):
    booked = appointments.book_appointment(clinic, 1001, 1, TODAY, time(9, 0), "Chest pain")
    appointments.complete_appointment(clinic, booked.appt_id, "Angina")
    appointments.record_diagnosis(clinic, booked.appt_id, "Stable angina")
    view = appointments.get_appointment(clinic, booked.appt_id)
    assert (view.appointment.status, view.appointment.diagnosis) == (AppointmentStatus.COMPLETED, "Stable angina")
    with pytest.raises(InvalidTransition, match="^appointment A001 is completed; it cannot be marked cancelled$"):
        appointments.cancel_appointment(clinic, booked.appt_id)
    assert log_lines()[-2:] == ["appointment A001 completed [system]", "appointment A001 diagnosis recorded [system]"]


def test_a_cancelled_appointments_diagnosis_is_closed(clinic):
    booked = appointments.book_appointment(clinic, 1001, 1, TOMORROW, time(9, 0), "Chest pain")
    appointments.cancel_appointment(clinic, booked.appt_id)
    with pytest.raises(InvalidTransition, match="^appointment A001 is cancelled; its diagnosis cannot be changed$"):
        appointments.record_diagnosis(clinic, booked.appt_id, "x")
    assert appointments.get_appointment(clinic, booked.appt_id).appointment.diagnosis == "Chest pain"
