"""The front desk's day on both engines: check-in with token numbers, walk-ins, the doctor's queue,
no-shows only after the slot, doctors' weeks and leave, rescheduling, and merging duplicates."""
from datetime import date, datetime, time
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.appointment import AppointmentStatus
from hospital_mgmt.domain.billing import PaymentMethod
from hospital_mgmt.domain.errors import (
    Conflict,
    DoctorNotWorking,
    DoctorOnLeave,
    InvalidTransition,
    LeaveHasAppointments,
    MergeRefused,
    NoFreeSlot,
    NotOnTheDay,
    OutsideDoctorsHours,
    PatientMerged,
    SlotNotYetPassed,
    SlotTaken,
)
from hospital_mgmt.domain.schedule import DayHours, Leave, WorkingWeek
from hospital_mgmt.operations import (
    appointments,
    billing,
    checkout,
    doctors,
    history,
    patients,
    reception,
    schedule,
)
from hospital_mgmt.operations.context import Context
from tests.conftest import at_once
from tests.operations.conftest import a_doctor, a_patient, a_service
from tests.support import TODAY, on

TOMORROW = date(2026, 11, 23)  # a Monday
AT_TEN = time(10, 0)


@pytest.fixture
def clinic(ctx):
    a_patient(ctx)                                                        # 1001
    a_patient(ctx, name="Ravi Kumar", phone="9000000002", gender="M")      # 1002
    a_patient(ctx, name="Sita Devi", phone="9000000003")                   # 1003
    a_doctor(ctx)                                                          # D01
    a_doctor(ctx, name="Leela Menon", specialization="ENT", fee="500")    # D02
    a_service(ctx, "ECG", "250")
    return ctx


def book(ctx, patient_id, doctor_id=1, day=TODAY, at=AT_TEN):
    return appointments.book_appointment(ctx, patient_id, doctor_id, day, at)


def view(ctx, appt_id):
    return appointments.get_appointment(ctx, appt_id).appointment


# -- check-in and the queue ------------------------------------------------------------------

def test_check_in_hands_out_tokens_per_doctor_and_day_in_the_order_patients_come(clinic, log_lines):
    first, second = book(clinic, 1001, at=time(11, 0)), book(clinic, 1002, at=time(9, 0))
    other = book(clinic, 1003, doctor_id=2)
    desk = on(clinic, TODAY, time(8, 40))
    assert reception.check_in(desk, first.appt_id).token_no == 1  # came first, though booked later in the day
    assert reception.check_in(on(clinic, TODAY, time(8, 55)), second.appt_id).token_no == 2
    assert reception.check_in(desk, other.appt_id).token_no == 1  # another doctor's day counts from 1
    again = reception.check_in(on(clinic, TODAY, time(9, 30)), first.appt_id)  # asked twice: the same token
    assert (again.token_no, again.arrived_at) == (1, datetime(2026, 11, 22, 8, 40))
    stored = view(clinic, first.appt_id)
    assert (stored.status, stored.token_no, stored.arrived_at) == (AppointmentStatus.ARRIVED, 1,
                                                                   datetime(2026, 11, 22, 8, 40))
    assert log_lines()[-1] == "appointment A003 checked in: token 1 [system]"


def test_a_patient_checks_in_only_on_the_day_of_the_appointment(clinic):
    tomorrow = book(clinic, 1001, day=TOMORROW)
    with pytest.raises(NotOnTheDay, match="^appointment A001 is on 2026-11-23; a patient checks in on the day$"):
        reception.check_in(clinic, tomorrow.appt_id)
    with pytest.raises(NotOnTheDay, match="^appointment A001 was on 2026-11-23"):
        reception.check_in(on(clinic, date(2026, 11, 24)), tomorrow.appt_id)
    assert view(clinic, tomorrow.appt_id).status is AppointmentStatus.SCHEDULED
    appointments.cancel_appointment(clinic, tomorrow.appt_id)
    with pytest.raises(InvalidTransition, match="^appointment A001 is cancelled; it cannot be marked arrived$"):
        reception.check_in(on(clinic, TOMORROW), tomorrow.appt_id)


def test_the_queue_lists_arrivals_in_order_with_their_wait_until_called_in(clinic):
    late, early = book(clinic, 1001, at=time(9, 0)), book(clinic, 1002, at=time(9, 15))
    reception.check_in(on(clinic, TODAY, time(8, 50)), early.appt_id)
    reception.check_in(on(clinic, TODAY, time(9, 5)), late.appt_id)
    reception.call_in(on(clinic, TODAY, time(9, 20)), early.appt_id)
    queue = reception.todays_queue(on(clinic, TODAY, time(9, 45)), 1)
    assert [(e.view.patient_name, e.view.appointment.token_no, e.view.appointment.status.label, e.waited_minutes)
            for e in queue] == [("Ravi Kumar", 1, "in consultation", 30), ("Asha Rao", 2, "arrived", 40)]
    assert reception.todays_queue(clinic, 2) == []
    appointments.complete_appointment(on(clinic, TODAY, time(9, 50)), early.appt_id, "Migraine")
    assert reception.todays_queue(clinic, 1)[0].view.appointment.status is AppointmentStatus.COMPLETED


def test_two_desks_checking_in_for_one_doctor_at_once_never_share_a_token(clinic, settings_for):
    for round_no in range(3):
        day = date(2026, 11, 24 + round_no)
        booked = [book(clinic, patient, day=day, at=time(9 + patient - 1001, 0)) for patient in (1001, 1002)]
        that_day = on(clinic, day)

        def arrive(connection, n, booked=booked, that_day=that_day):
            return reception.check_in(Context(clinic.settings, connection, that_day.clock), booked[n].appt_id).token_no

        assert sorted(at_once(settings_for(clinic.db), 2, arrive, slow="UPDATE appointments")) == [1, 2]


def test_a_walk_in_takes_the_slot_under_way_or_the_next_free_one_and_is_checked_in(clinic):
    book(clinic, 1001, at=time(10, 15))
    desk = on(clinic, TODAY, time(10, 5))
    walk_in = reception.walk_in(desk, 1002, 1, "Fever", request_key="walk-in-1")
    assert (walk_in.appt_time, walk_in.status, walk_in.token_no, walk_in.diagnosis) == (
        AT_TEN, AppointmentStatus.ARRIVED, 1, "Fever")  # 10:00 is under way but free
    assert reception.walk_in(desk, 1002, 1, "Fever", request_key="walk-in-1").appt_id == walk_in.appt_id
    second = reception.walk_in(desk, 1003, 1)
    assert (second.appt_time, second.token_no) == (time(10, 30), 2)  # 10:15 is booked
    assert clinic.db.scalar("SELECT count(*) FROM appointments") == 3


def test_a_walk_in_is_refused_when_the_doctor_has_no_slot_left_today(clinic):
    evening = on(clinic, TODAY, time(16, 50))
    book(on(clinic, TODAY, time(16, 40)), 1001, at=time(16, 45))
    with pytest.raises(NoFreeSlot, match="^Dr. Meera Iyer has no free slot left today; book another day or another"
                                         " doctor$"):
        reception.walk_in(evening, 1002, 1)
    assert clinic.db.scalar("SELECT count(*) FROM appointments") == 1


def test_a_no_show_is_marked_only_after_the_slot_and_never_after_check_in(clinic):
    booked = book(clinic, 1001)
    with pytest.raises(SlotNotYetPassed, match="^appointment A001 is at 10:00 on 2026-11-22; a no-show can be"
                                               " marked only after that time$"):
        appointments.mark_no_show(on(clinic, TODAY, time(9, 59)), booked.appt_id)
    assert view(clinic, booked.appt_id).status is AppointmentStatus.SCHEDULED
    appointments.mark_no_show(on(clinic, TODAY, time(10, 1)), booked.appt_id)
    assert view(clinic, booked.appt_id).status is AppointmentStatus.NO_SHOW
    came = book(clinic, 1002, at=time(11, 0))
    reception.check_in(clinic, came.appt_id)
    with pytest.raises(InvalidTransition, match="is arrived; it cannot be marked no-show"):
        appointments.mark_no_show(on(clinic, TODAY, time(12, 0)), came.appt_id)


# -- doctors' weeks and leave ----------------------------------------------------------------

MONDAY_WEDNESDAY = WorkingWeek((DayHours(0, time(10, 0), time(13, 0)), DayHours(2, time(14, 0), time(16, 0))))


def test_a_doctors_week_decides_the_free_slots_and_what_can_be_booked(clinic):
    assert schedule.doctor_week(clinic, 1).kept is False
    book(clinic, 1001, day=date(2026, 11, 24), at=time(9, 0))  # a Tuesday, soon a day off
    outside = schedule.set_doctor_week(clinic, 1, MONDAY_WEDNESDAY)
    assert outside == 1  # kept, for the desk to move
    assert schedule.doctor_week(clinic, 1).lines()[:3] == [("Monday", "10:00-13:00"), ("Tuesday", "off"),
                                                           ("Wednesday", "14:00-16:00")]
    assert appointments.free_slots(clinic, 1, TOMORROW)[0] == time(10, 0)
    assert appointments.free_slots(clinic, 1, TOMORROW)[-1] == time(12, 45)
    with pytest.raises(OutsideDoctorsHours, match="^appointment time: 09:00 is outside Dr. Meera Iyer's hours on"
                                                  r" Mondays \(10:00 to 13:00\)$"):
        book(clinic, 1002, day=TOMORROW, at=time(9, 0))
    with pytest.raises(DoctorNotWorking, match=r"^Dr. Meera Iyer does not work on Tuesdays \(2026-11-24\)$"):
        book(clinic, 1002, day=date(2026, 11, 24), at=time(10, 0))
    with pytest.raises(DoctorNotWorking):
        appointments.free_slots(clinic, 1, date(2026, 11, 24))
    assert book(clinic, 1002, day=date(2026, 11, 25), at=time(14, 0)).code == "A002"
    assert len(appointments.free_slots(clinic, 2, date(2026, 11, 24))) == 32  # D02 keeps the hospital's day


def test_leave_blocks_booking_is_refused_over_booked_days_and_can_be_taken_back(clinic, log_lines):
    booked = book(clinic, 1001, day=date(2026, 11, 26))
    with pytest.raises(LeaveHasAppointments, match="^Dr. Meera Iyer has 1 appointment to be seen from 2026-11-25 to"
                                                   " 2026-11-27; reschedule or cancel them first$"):
        schedule.add_leave(clinic, Leave(1, date(2026, 11, 25), date(2026, 11, 27), "Conference"))
    appointments.cancel_appointment(clinic, booked.appt_id)
    leave = schedule.add_leave(clinic, Leave(1, date(2026, 11, 25), date(2026, 11, 27), "Conference"))
    assert log_lines()[-1] == "doctor D01 on leave 2026-11-25 to 2026-11-27 [system]"
    with pytest.raises(DoctorOnLeave, match=r"^Dr. Meera Iyer is on leave on 2026-11-26 \(2026-11-25 to 2026-11-27"
                                            r" \(Conference\)\)$"):
        book(clinic, 1002, day=date(2026, 11, 26))
    with pytest.raises(Conflict, match="^Dr. Meera Iyer is already on leave 2026-11-25 to 2026-11-27"):
        schedule.add_leave(clinic, Leave(1, date(2026, 11, 27), date(2026, 11, 28)))
    assert [item.leave_id for item in schedule.leave_of(clinic, 1)] == [leave.leave_id]
    schedule.cancel_leave(clinic, leave.leave_id)
    assert schedule.leave_of(clinic, 1) == []
    assert book(clinic, 1002, day=date(2026, 11, 26)).status is AppointmentStatus.SCHEDULED


def test_a_doctor_with_a_week_and_leave_but_no_appointments_can_still_be_deleted(clinic):
    schedule.set_doctor_week(clinic, 2, MONDAY_WEDNESDAY)
    schedule.add_leave(clinic, Leave(2, date(2026, 12, 1), date(2026, 12, 2)))
    doctors.delete_doctor(clinic, 2)
    assert clinic.db.scalar("SELECT count(*) FROM doctor_hours") == 0
    assert clinic.db.scalar("SELECT count(*) FROM doctor_leave") == 0
    assert [d.code for d in doctors.list_doctors(clinic).items] == ["D01"]


# -- reschedule ------------------------------------------------------------------------------

def test_rescheduling_moves_the_same_appointment_to_a_free_slot_and_frees_the_old_one(clinic, log_lines):
    booked = appointments.book_appointment(clinic, 1001, 1, TOMORROW, AT_TEN, "Chest pain")
    moved = appointments.reschedule_appointment(clinic, booked.appt_id, 2, date(2026, 11, 24), time(11, 30))
    stored = view(clinic, booked.appt_id)
    assert (stored.code, stored.doctor_id, stored.appt_date, stored.appt_time, stored.diagnosis) == (
        "A001", 2, date(2026, 11, 24), time(11, 30), "Chest pain")
    assert moved.appt_id == booked.appt_id and clinic.db.scalar("SELECT count(*) FROM appointments") == 1
    assert log_lines()[-1] == ("appointment A001 rescheduled: D01 2026-11-23 10:00 -> D02 2026-11-24 11:30"
                               " [system]")
    assert AT_TEN in appointments.free_slots(clinic, 1, TOMORROW)
    assert appointments.reschedule_appointment(clinic, booked.appt_id, 2, date(2026, 11, 24), time(11, 30)) \
        .appt_time == time(11, 30)  # asked again: nothing changes
    assert len(log_lines()) == 1 + log_lines().index(log_lines()[-1])


def test_rescheduling_is_refused_into_a_taken_slot_for_a_finished_visit_and_across_doctors_once_billed(clinic):
    first, second = book(clinic, 1001, day=TOMORROW), book(clinic, 1002, day=TOMORROW, at=time(11, 0))
    with pytest.raises(SlotTaken, match="^Dr. Meera Iyer already has an appointment at 11:00 on 2026-11-23$"):
        appointments.reschedule_appointment(clinic, first.appt_id, 1, TOMORROW, time(11, 0))
    assert view(clinic, first.appt_id).appt_time == AT_TEN
    draft = billing.start_bill(clinic, 1001, first.appt_id)
    billing.finalize_bill(clinic, draft)
    with pytest.raises(InvalidTransition, match="is on a bill with its doctor's fee"):
        appointments.reschedule_appointment(clinic, first.appt_id, 2, TOMORROW, AT_TEN)
    with pytest.raises(InvalidTransition, match="is on a bill with its doctor's fee"):  # the menu's check too
        appointments.check_reschedule(clinic, first.appt_id, 2, TOMORROW, AT_TEN)
    assert appointments.reschedule_appointment(clinic, first.appt_id, 1, TOMORROW, time(12, 0)).appt_time == \
        time(12, 0)
    appointments.complete_appointment(on(clinic, TOMORROW), second.appt_id)
    with pytest.raises(InvalidTransition, match="^appointment A002 is completed; only a scheduled appointment can be"
                                                " moved$"):
        appointments.reschedule_appointment(clinic, second.appt_id, 1, date(2026, 11, 24), AT_TEN)


# -- merging duplicates ----------------------------------------------------------------------

def test_merging_moves_every_record_to_the_one_kept_and_keeps_the_duplicate_marked(clinic, log_lines):
    book(clinic, 1001, day=TOMORROW)
    dup_visit = book(clinic, 1002, day=TOMORROW, at=time(11, 0))
    patients.admit_patient(clinic, 1002, TODAY, "Ward 3")
    draft = billing.start_bill(clinic, 1002, dup_visit.appt_id)
    billing.add_service(clinic, draft, 1, 1)
    bill = billing.finalize_bill(clinic, draft)
    billing.record_payment(clinic, bill.bill_id, D("100.00"), PaymentMethod.CARD, reference="CARD-9")
    checkout.take_deposit(clinic, 1002, "500", PaymentMethod.UPI, reference="UPI-1")
    moved = patients.merge_patients(clinic, 1001, 1002)
    assert {kind: count for kind, count in moved.items() if count} == {"appointments": 1, "billing": 1,
                                                                       "admissions": 1, "deposits": 1}
    assert clinic.db.scalar("SELECT count(*) FROM appointments WHERE patient_id = 1002") == 0
    assert billing.get_bill(clinic, bill.bill_id).patient_id == 1001
    assert checkout.deposit_held(clinic, 1001) == D("500.00") and checkout.deposit_held(clinic, 1002) == D("0.00")
    assert patients.current_admission(clinic, 1001).ward == "Ward 3"
    kept = history.patient_history(clinic, 1001)
    assert len(kept.visits) == 2 and len(kept.stays) == 1 and len(kept.bills) == 1
    duplicate = patients.get_patient(clinic, 1002)
    assert duplicate.merged_into == 1001 and duplicate.name == "Ravi Kumar"  # kept on file, not deleted
    assert [p.patient_id for p in patients.search_by_name(clinic, "ravi").items] == []
    assert 1002 not in [p.patient_id for p in patients.list_patients(clinic).items]
    assert patients.search_by_phone(clinic, "9000000002").items == []
    assert log_lines()[-2:] == [
        "patient 1002 merged into 1001 (1 appointments, 1 billing, 1 admissions, 1 deposits moved) [system]",
        "patient 1001 took in the records of 1002 (1 appointments, 1 billing, 1 admissions, 1 deposits) [system]"]
    assert patients.merge_patients(clinic, 1001, 1002) == {}  # asked again: nothing more happens
    with pytest.raises(PatientMerged, match="^patient 1002 was merged into 1001; use that record$"):
        book(clinic, 1002, day=TOMORROW, at=time(15, 0))
    with pytest.raises(PatientMerged):
        billing.start_bill(clinic, 1002)


def test_a_merge_that_would_break_a_rule_is_refused_and_changes_nothing(clinic):
    book(clinic, 1001, day=TOMORROW)
    clash = book(clinic, 1002, day=TOMORROW, doctor_id=2)  # the same time with another doctor
    with pytest.raises(MergeRefused, match="^patients 1001 and 1002 both have an appointment at 10:00 on 2026-11-23;"
                                           " cancel or move one of them first$"):
        patients.merge_patients(clinic, 1001, 1002)
    assert clinic.db.scalar("SELECT count(*) FROM appointments WHERE patient_id = 1002") == 1
    appointments.reschedule_appointment(clinic, clash.appt_id, 2, TOMORROW, time(10, 30))
    patients.admit_patient(clinic, 1001, TODAY)
    patients.admit_patient(clinic, 1002, TODAY)
    with pytest.raises(MergeRefused, match="^patients 1001 and 1002 are both admitted; discharge one stay first$"):
        patients.merge_patients(clinic, 1001, 1002)
    with pytest.raises(MergeRefused, match="^patient 1001 cannot be merged into itself$"):
        patients.merge_patients(clinic, 1001, 1001)
    patients.discharge_patient(clinic, 1002, TODAY)
    patients.merge_patients(clinic, 1001, 1002)
    with pytest.raises(MergeRefused, match="^patient 1002 was merged into 1001 already$"):
        patients.merge_patients(clinic, 1003, 1002)
    assert patients.get_patient(clinic, 1002).merged_into == 1001


def test_two_desks_moving_appointments_into_one_free_slot_leave_one_there(clinic, settings_for):
    for round_no in range(3):
        day = date(2026, 11, 24 + round_no)
        moving = [book(clinic, patient, day=day, at=time(9 + patient - 1001, 0)) for patient in (1001, 1002)]

        def move(connection, n, moving=moving, day=day):
            desk = Context(clinic.settings, connection, clinic.clock)
            return appointments.reschedule_appointment(desk, moving[n].appt_id, 1, day, time(15, 0))

        outcomes = at_once(settings_for(clinic.db), 2, move, slow="UPDATE appointments SET doctor_id")
        assert sorted(type(outcome).__name__ for outcome in outcomes) == ["Appointment", "SlotTaken"], outcomes
        at_three = clinic.db.scalar("SELECT count(*) FROM appointments WHERE appt_date = ? AND appt_time = ?",
                                    (day, "15:00" if clinic.db.engine == "sqlite" else "15:00:00"))
        assert at_three == 1


def test_a_bill_finalized_while_its_patient_is_merged_goes_with_the_records_or_is_refused(clinic, settings_for):
    for round_no in range(3):
        duplicate = a_patient(clinic, name=f"Dup {'ABC'[round_no]}", phone=f"90000001{round_no}{round_no}").patient_id
        draft = billing.start_bill(clinic, duplicate)
        billing.add_service(clinic, draft, 1, 1)

        def race(connection, n, draft=draft, duplicate=duplicate):
            desk = Context(clinic.settings, connection, clinic.clock)
            if n == 0:
                return billing.finalize_bill(desk, draft)
            return patients.merge_patients(desk, 1001, duplicate)

        at_once(settings_for(clinic.db), 2, race, slow="UPDATE patients SET merged_into")
        assert clinic.db.scalar("SELECT count(*) FROM billing WHERE patient_id = ?", (duplicate,)) == 0
