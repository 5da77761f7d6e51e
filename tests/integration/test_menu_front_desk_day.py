"""The front-desk day from the menu on both engines: check-in and the queue, a walk-in, calling a
patient in, rescheduling, a doctor's hours and leave, merging a duplicate, finding by patient."""
import re
from datetime import date, time

import pytest

from hospital_mgmt.domain.appointment import Appointment, AppointmentStatus
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.storage.unit_of_work import Repositories
from tests.menu_driver import TODAY, run_menu, table_rows
from tests.support import stored_doctor

APPOINTMENTS, DOCTORS, PATIENTS, BACK, EXIT = "4", "2", "1", "0", "10"
CHECK_IN, WALK_IN, QUEUE, CALL_IN, RESCHEDULE = "10", "11", "12", "13", "14"
HOURS, LEAVE, MERGE, FIND = "7", "8", "11", "7"


@pytest.fixture
def settings(db, settings_for):
    return settings_for(db)


@pytest.fixture
def repos(db):
    repos = Repositories(db)
    for name, phone in (("Asha Rao", "9000000001"), ("Ravi Kumar", "9000000002"), ("Ravi Kumaar", "9000000003")):
        repos.patients.add(Patient(name=name, contact_no=phone, age=30, gender="F", registered_on=date(2026, 11, 1)))
    stored_doctor(repos, Doctor("X Sharma", "9100000000", specialization="Cardiology", consultation_fee="800"))
    stored_doctor(repos, Doctor("Leela Menon", "9100000001", specialization="ENT", consultation_fee="500"))
    return repos


def test_check_in_by_patient_name_then_the_queue_and_calling_in(db, settings, repos):
    repos.appointments.book(Appointment(1001, 1, TODAY, time(9, 0)))
    repos.appointments.book(Appointment(1002, 1, TODAY, time(9, 15)))
    transcript = run_menu(db, settings, [
        APPOINTMENTS, CHECK_IN, "asha", "",  # one patient matches: confirmed; one appointment listed: number 1
        "1",
        CHECK_IN, "A2",
        CHECK_IN, "A1",  # again: the same token
        CALL_IN, "A2",
        QUEUE, "d1",
        BACK, EXIT], at=time(8, 50))
    assert "Use patient 1001: Asha Rao (F, ~30, 9000000001)? [Y/n]: " in transcript
    assert "Checked in A001: token 1." in transcript and "Checked in A002: token 2." in transcript
    assert transcript.count("Checked in A001: token 1.") == 2
    assert "Appointment A002 (token 2) is in consultation." in transcript
    queue = transcript.split("Dr. X Sharma, 2026-11-22: 2 checked in")[1]
    assert table_rows(queue, "1") == [["1", "A001", "09:00", "Asha Rao (1001)", "arrived", "08:50", "0"]]
    assert table_rows(queue, "2") == [["2", "A002", "09:15", "Ravi Kumar (1002)", "in consultation", "08:50", "0"]]
    assert repos.appointments.get(2).status is AppointmentStatus.IN_CONSULTATION


def test_a_walk_in_gets_the_next_free_slot_and_a_token(db, settings, repos):
    repos.appointments.book(Appointment(1001, 1, TODAY, time(10, 15)))
    transcript = run_menu(db, settings, [APPOINTMENTS, WALK_IN, "1002", "D01", "Fever", BACK, EXIT],
                          at=time(10, 20))
    assert "Walk-in A002: Ravi Kumar (1002) with Dr. X Sharma at 10:30, token 1." in transcript
    walk_in = repos.appointments.get(2)
    assert (walk_in.appt_time, walk_in.status, walk_in.token_no) == (time(10, 30), AppointmentStatus.ARRIVED, 1)


def test_rescheduling_keeps_the_appointment_and_its_code(db, settings, repos):
    repos.appointments.book(Appointment(1001, 1, date(2026, 11, 23), time(9, 0), "Chest pain"))
    transcript = run_menu(db, settings, [APPOINTMENTS, RESCHEDULE, "A1", "D02", "2026-11-24", "07:00", "11:30",
                                         BACK, EXIT])
    assert "Error: appointment time: 07:00 is outside the doctors' hours (09:00 to 17:00)" in transcript
    assert "Moved A001 to 11:30 on 2026-11-24 with Dr. Leela Menon." in transcript
    moved = repos.appointments.get(1)
    assert (moved.doctor_id, moved.appt_date, moved.appt_time, moved.diagnosis) == (
        2, date(2026, 11, 24), time(11, 30), "Chest pain")


def test_a_doctors_hours_and_leave_are_set_from_the_menu_and_booking_obeys_them(db, settings, repos):
    transcript = run_menu(db, settings, [
        DOCTORS, HOURS, "D01", "y", "10:00-13:00", "-", "", "9 to 5", "14:00-16:00", "-", "-", "-",
        LEAVE, "D01", "1", "2026-11-30", "2026-12-01", "Conference",
        LEAVE, "D01", "2", "9", "1",
        BACK, APPOINTMENTS, "1", "1001", "D01", "2026-11-24", "2026-11-25", "10:00", "", BACK, EXIT])
    assert "Working hours of Dr. X Sharma (the hospital's day; never set for this doctor):" in transcript
    assert "Error: hours: give them as HH:MM-HH:MM (09:00-17:00), or - for a day off" in transcript
    assert "Working hours of Dr. X Sharma saved." in transcript
    assert "Dr. X Sharma is on leave 2026-11-30 to 2026-12-01 (Conference)." in transcript
    assert "Error: give a No. from the list above" in transcript and "Leave 2026-11-30 to 2026-12-01" in transcript
    week = Repositories(db).schedule.week(1)
    assert week.lines() == [("Monday", "10:00-13:00"), ("Tuesday", "off"), ("Wednesday", "09:00-17:00"),
                            ("Thursday", "14:00-16:00"), ("Friday", "off"), ("Saturday", "off"), ("Sunday", "off")]
    assert Repositories(db).schedule.leave_from(1, TODAY) == []  # added, then cancelled
    assert "Error: Dr. X Sharma does not work on Tuesdays (2026-11-24)" in transcript
    assert "Booked A001: patient 1001 with Dr. X Sharma at 10:00 on 2026-11-25." in transcript


def test_merging_a_duplicate_from_the_menu_moves_its_appointments_and_hides_it(db, settings, repos):
    repos.appointments.book(Appointment(1003, 1, date(2026, 11, 23), time(9, 0)))
    transcript = run_menu(db, settings, [
        PATIENTS, MERGE, "1002", "kumaar", "", "n",
        MERGE, "1002", "1003", "y",
        "4", "ravi",
        BACK, EXIT])
    assert "Nothing was merged." in transcript
    assert "Merged 1003 into 1002: 1 appointment(s) moved." in transcript
    assert repos.appointments.get(1).patient_id == 1002 and repos.patients.get(1003).merged_into == 1002
    search = transcript.split("Part of the name")[-1]
    assert "Ravi Kumar" in search and "Ravi Kumaar" not in search


def test_find_appointments_of_one_patient(db, settings, repos):
    repos.appointments.book(Appointment(1001, 1, TODAY, time(9, 0)))
    repos.appointments.book(Appointment(1002, 1, TODAY, time(9, 15)))
    transcript = run_menu(db, settings, [APPOINTMENTS, FIND, "5", "", "", "y", "ravi kumar", "", BACK, EXIT])
    found = transcript.split("Only one patient's? [y/N]: y")[1]
    assert "A002" in found and "A001" not in found


def test_a_busy_patients_history_comes_a_page_at_a_time(db, settings, repos):
    for day in range(1, 26):  # 25 visits in November
        repos.appointments.book(Appointment(1001, 1, date(2026, 11, day), time(9, 0)))
    transcript = run_menu(db, settings, [PATIENTS, "9", "1001", "n", "", BACK, EXIT])
    first, rest = transcript.split("Page 1: n next, Enter to stop: n")

    def codes(text):
        return [line.split()[0] for line in text.splitlines() if line.startswith("A0")]
    assert "Appointments (25)" in first
    assert codes(first) == [f"A{n:03d}" for n in range(1, 21)]
    assert codes(rest.split("Patients >")[0]) == [f"A{n:03d}" for n in range(21, 26)]
    assert "No bills." in rest


def test_the_doctors_of_a_specialization_come_fifteen_at_a_time_numbered_on(db, settings, repos):
    for n in range(20):
        stored_doctor(repos, Doctor(f"Derm {chr(65 + n)}", f"91000001{n:02d}", specialization="Dermatology",
                                 consultation_fee="400"))
    transcript = run_menu(db, settings, [APPOINTMENTS, "2", "?", "2", "n", "16", "", BACK, EXIT])
    first, second = transcript.split("Number (1-15) or doctor code; n next (0 to go back): n")
    assert "Derm A" in first and "Derm O" in first and "Derm P" not in first
    assert "Number (16-20) or doctor code; p previous (0 to go back): 16" in second
    assert "Free slots of Dr. Derm P on 2026-11-22:" in second


def test_a_search_matching_many_patients_is_picked_from_pages_of_fifteen(db, settings, repos):
    for n in range(18):
        repos.patients.add(Patient(name=f"Common Name {chr(65 + n)}", contact_no=f"92000000{n:02d}", age=30 + n,
                                   gender="M", registered_on=date(2026, 11, 1)))
    transcript = run_menu(db, settings, [PATIENTS, "2", "common", "n", "17", BACK, EXIT])
    assert "Number (1-15) or patient code; n next (0 to go back): n" in transcript
    assert "Number (16-18) or patient code; p previous (0 to go back): 17" in transcript
    assert table_rows(transcript, "Name") == [["Name", "Common Name Q"]]


def test_found_appointments_page_by_the_last_one_shown(db, settings, repos):
    slots = [time(9 + k // 4, k % 4 * 15) for k in range(25)]
    for n in range(25):  # booked out of time order (a permutation of the slots): codes do not follow times
        repos.appointments.book(Appointment(1001 + n % 3, 1, date(2026, 11, 23), slots[n * 7 % 25]))
    asked, rows = [], db.rows
    db.rows = lambda sql, params=(): asked.append(sql) or rows(sql, params)
    try:
        transcript = run_menu(db, settings, [APPOINTMENTS, FIND, "5", "", "", "", "n", "p", "", BACK, EXIT])
    finally:
        db.rows = rows
    assert any("a.appt_date >= ? AND (a.appt_date > ?" in sql and "OFFSET" in sql for sql in asked)  # by key
    pages = [re.findall(r"^(A\d{3}) ", part, re.MULTILINE) for part in transcript.split("Page ")[:-1]]
    expected = [v.appointment.code for v in Repositories(db).appointments.filter(size=100).items]
    assert pages[-3:] == [expected[:20], expected[20:], expected[:20]]
