from datetime import date, time

import pytest

from hospital_mgmt.domain.appointment import Appointment, AppointmentStatus
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.domain.service import Service
from hospital_mgmt.operations import billing, patients
from hospital_mgmt.storage.unit_of_work import Repositories
from tests.menu_driver import TODAY, run_menu, table_rows
from tests.support import context_for, stored_doctor

APPOINTMENTS, BACK, EXIT = "4", "0", "10"
BOOK, FREE, COMPLETE, CANCEL, NO_SHOW, DIAGNOSIS, FIND, DAY, HISTORY = "123456789"


@pytest.fixture
def settings(db, settings_for):
    return settings_for(db)


@pytest.fixture
def repos(db):
    repos = Repositories(db)
    repos.patients.add(Patient(name="Asha Rao", contact_no="9000000001", age=30, gender="F",
                               registered_on=date(2026, 11, 1)))
    repos.patients.add(Patient(name="Ravi Kumar", contact_no="9000000002", age=50, gender="M",
                               registered_on=date(2026, 11, 1)))
    stored_doctor(repos, Doctor("X Sharma", "9100000000", specialization="Cardiology", consultation_fee="800"))
    stored_doctor(repos, Doctor("Leela Menon", "9100000001", specialization="ENT", consultation_fee="500"))
    return repos


def test_booking_re_asks_bad_dates_and_times_and_shows_free_slots_on_request(db, settings, repos):
    repos.appointments.book(Appointment(1002, 1, TODAY, time(9, 0)))
    transcript = run_menu(db, settings, [
        APPOINTMENTS, BOOK, "1001", "?", "1", "d1",
        "2026-11-21", "", "10:10", "?", "09:00", "10:15", "Chest pain", BACK, EXIT])
    assert "  1. Cardiology (1)\n  2. ENT (1)" in transcript
    assert "Error: appointment date: 2026-11-21 is in the past; book today or later" in transcript
    assert "Error: appointment time: must be on a 15-minute slot" in transcript
    assert "Free slots of Dr. X Sharma on 2026-11-22:\n  09:15  09:30" in transcript
    assert "Error: Dr. X Sharma already has an appointment at 09:00 on 2026-11-22" in transcript
    assert "Booked A002: patient 1001 with Dr. X Sharma at 10:15 on 2026-11-22." in transcript
    stored = repos.appointments.get(2)
    assert (stored.patient_id, stored.doctor_id, stored.appt_time, stored.diagnosis) == (1001, 1, time(10, 15),
                                                                                         "Chest pain")


def test_complete_cancel_and_no_show_from_the_menu(db, settings, repos):
    for n, at in enumerate((time(9, 0), time(9, 15), time(9, 30))):
        repos.appointments.book(Appointment(1001, 1 + n % 2, TODAY, at))
    transcript = run_menu(db, settings, [
        APPOINTMENTS, COMPLETE, "A1", "Hypertension", "",
        CANCEL, "a2", "y",
        NO_SHOW, "3",
        CANCEL, "1",
        DIAGNOSIS, "A001", "Hypertension, stage 1",
        DIAGNOSIS, "A002",
        BACK, EXIT], at=time(12, 0))  # after the slots: a no-show may be marked
    assert "Appointment A001 completed." in transcript and "Appointment A002 cancelled." in transcript
    assert "Appointment A003 marked no-show." in transcript
    assert "Error: appointment A001 is completed; it cannot be marked cancelled" in transcript
    assert "Error: appointment A002 is cancelled; its diagnosis cannot be changed" in transcript
    statuses = [repos.appointments.get(n).status for n in (1, 2, 3)]
    assert statuses == [AppointmentStatus.COMPLETED, AppointmentStatus.CANCELLED, AppointmentStatus.NO_SHOW]
    assert repos.appointments.get(1).diagnosis == "Hypertension, stage 1"


def test_find_by_period_doctor_and_status(db, settings, repos):
    for day, at in ((date(2026, 11, 15), time(9, 0)), (date(2026, 11, 16), time(9, 0)), (TODAY, time(9, 0)),
                    (date(2026, 11, 30), time(9, 0)), (date(2026, 12, 1), time(9, 0))):
        repos.appointments.book(Appointment(1001, 1, day, at))
    transcript = run_menu(db, settings, [APPOINTMENTS, FIND, "2", "", "", "",
                                         FIND, "3", "d1", "scheduled", "",
                                         FIND, "4", "2026-12-01", "2026-11-30", "2026-12-31", "", "nonsense", "", "",
                                         BACK, EXIT])
    sections = transcript.split("Period:")
    last_7 = sections[1].split("Appointments >")[0]
    assert "2026-11-16" in last_7 and "2026-11-22" in last_7 and "2026-11-15" not in last_7
    month = sections[2].split("Appointments >")[0]
    assert "A004" in month and "A005" not in month and "A001" in month
    assert "Error: 'to' (2026-11-30) is before 'from' (2026-12-01)" in transcript
    assert ("Error: status must be one of: scheduled, arrived, in consultation, completed, cancelled, no-show"
            in transcript)
    assert "A005" in sections[3]


def test_a_doctors_day_is_in_time_order(db, settings, repos):
    repos.appointments.book(Appointment(1001, 2, TODAY, time(11, 0)))
    repos.appointments.book(Appointment(1002, 2, TODAY, time(9, 30)))
    transcript = run_menu(db, settings, [APPOINTMENTS, DAY, "leela", "", "", BACK, EXIT])
    assert "Use doctor D02: Dr. Leela Menon (ENT)? [Y/n]: " in transcript  # one match: confirmed, not retyped
    day = transcript.split("Dr. Leela Menon (ENT), 2026-11-22:")[1]
    assert day.index("09:30") < day.index("11:00")


def test_patient_history_shows_stay_visits_gaps_and_bills(db, settings, repos):
    first = repos.appointments.book(Appointment(1001, 1, date(2026, 11, 2), time(9, 0), "Chest pain"))
    repos.appointments.book(Appointment(1001, 2, date(2026, 11, 12), time(9, 0)))
    xray = repos.services.add(Service("X-Ray - Chest", "450"))
    ctx = context_for(db, settings, day=date(2026, 11, 2))
    draft = billing.start_bill(ctx, 1001, first.appt_id)
    billing.add_service(ctx, draft, xray.service_id, 2)
    billing.finalize_bill(ctx, draft)
    patients.admit_patient(ctx, 1001, date(2026, 11, 2), "Ward 3, bed 7", "Chest pain")
    patients.discharge_patient(ctx, 1001, date(2026, 11, 5))
    patients.admit_patient(ctx, 1001, date(2026, 11, 12))
    transcript = run_menu(db, settings, [APPOINTMENTS, HISTORY, "1001", BACK, EXIT])
    assert "Stays in hospital (13 days in all)" in transcript  # 3 days, and 10 to today in the open one
    assert table_rows(transcript, "2026-11-12") == [["2026-11-12", "still admitted", "10"]]
    assert table_rows(transcript, "2026-11-02")[0] == ["2026-11-02", "2026-11-05", "3", "Ward 3, bed 7", "Chest pain"]
    assert table_rows(transcript, "In hospital") == [["In hospital", "since 2026-11-12"]]
    assert "Chest pain" in transcript and "Cardiology" in transcript and "ENT" in transcript
    assert transcript.split("Days since last")[1].split("Bills")[0].rstrip().endswith("10")
    assert "B001  2026-11-02  UNPAID  total 1,700.00 INR, paid 0.00, balance 1,700.00" in transcript
    assert "S01        X-Ray - Chest      2    450.00 INR    900.00 INR" in transcript


def test_a_cancellation_answered_no_or_enter_keeps_the_appointment(db, settings, repos):
    repos.appointments.book(Appointment(1001, 1, TODAY, time(9, 0)))
    transcript = run_menu(db, settings, [APPOINTMENTS, CANCEL, "A1", "n", CANCEL, "A1", "", BACK, EXIT])
    assert transcript.count("Cancel A001 and free its slot? [y/N]: ") == 2
    assert "Appointment A001 cancelled." not in transcript
    assert repos.appointments.get(1).status == AppointmentStatus.SCHEDULED
