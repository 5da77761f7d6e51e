from datetime import date, datetime, time

import pytest

from hospital_mgmt.domain.appointment import Appointment, AppointmentStatus
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.errors import SlotTaken
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.storage.unit_of_work import Repositories
from tests.conftest import at_once
from tests.support import StorageWork, stored_doctor

DAY = date(2025, 5, 10)


@pytest.fixture
def repos(db):
    repos = Repositories(db)
    for n, name in enumerate(["Asha Rao", "Ravi Kumar", "Meena Pillai"]):
        repos.patients.add(Patient(name=name, contact_no=f"900000000{n}", age=30, gender="F",
                                   registered_on=date(2025, 1, 1)))
    stored_doctor(repos, Doctor("X Sharma", "9100000000", specialization="Cardiology", consultation_fee="800"))
    stored_doctor(repos, Doctor("Leela Menon", "9100000001", specialization="ENT", consultation_fee="500"))
    return repos


def book(repos, patient=1001, doctor=1, day=DAY, at=time(10, 15), diagnosis=""):
    return repos.appointments.book(Appointment(patient, doctor, day, at, diagnosis))


def test_booking_a_taken_slot_fails_with_the_named_error(repos):
    book(repos)
    with pytest.raises(SlotTaken, match=r"^Dr\. X Sharma already has an appointment at 10:15 on 2025-05-10$"):
        book(repos, patient=1002)
    assert len(repos.appointments.doctor_day(1, DAY)) == 1


def test_a_patient_cannot_be_with_two_doctors_at_once(repos):
    book(repos)
    with pytest.raises(SlotTaken, match="patient 1001 already has an appointment at 10:15 on 2025-05-10"):
        book(repos, doctor=2)


def test_cancelling_frees_the_slot_and_a_no_show_does_too(repos):
    first = book(repos)
    first.cancel()
    repos.appointments.save(first)
    second = book(repos, patient=1002)
    second.mark_no_show(datetime.combine(DAY, time(23, 0)))
    repos.appointments.save(second)
    third = book(repos, patient=1003)
    assert third.appt_id == 3
    assert [v.appointment.status for v in repos.appointments.doctor_day(1, DAY)] == [
        AppointmentStatus.CANCELLED, AppointmentStatus.NO_SHOW, AppointmentStatus.SCHEDULED]


def test_a_completed_appointment_still_holds_its_slot(repos):
    first = book(repos)
    first.complete(DAY, "Hypertension")
    repos.appointments.save(first)
    with pytest.raises(SlotTaken):
        book(repos, patient=1002)
    assert repos.appointments.get(first.appt_id).diagnosis == "Hypertension"


def test_diagnoses_with_sql_in_them_are_stored_verbatim(repos):
    text = "Robert'); DROP TABLE patients;--"
    stored = book(repos, diagnosis=text)
    assert repos.appointments.get(stored.appt_id).diagnosis == text
    assert len(repos.patients.page().items) == 3


def test_free_slots_come_from_live_appointments_only(repos):
    book(repos, at=time(9, 0))
    cancelled = book(repos, patient=1002, at=time(9, 15))
    cancelled.cancel()
    repos.appointments.save(cancelled)
    assert repos.appointments.taken_times(1, DAY) == {time(9, 0)}


def test_date_filters_return_exactly_the_rows_of_their_window_edges_included(repos):
    days = [date(2025, 4, 30), date(2025, 5, 1), date(2025, 5, 15), date(2025, 5, 31), date(2025, 6, 1)]
    for n, day in enumerate(days):
        book(repos, patient=1001 + n % 3, day=day, at=time(9, 0))
    window = repos.appointments.filter(date(2025, 5, 1), date(2025, 5, 31))
    assert [v.appointment.appt_date for v in window.items] == days[1:4]
    assert [v.appointment.appt_date for v in repos.appointments.filter(date(2025, 5, 31), date(2025, 5, 31)).items] \
        == [date(2025, 5, 31)]
    assert repos.appointments.filter(date(2025, 7, 1), date(2025, 7, 31)).items == []
    assert len(repos.appointments.filter().items) == 5


def test_filters_by_doctor_and_status_and_pages(repos):
    for minute in range(0, 60, 15):
        for hour in (9, 10, 11, 12, 13, 14):
            book(repos, patient=1001 + hour % 3, doctor=1 + minute // 30, at=time(hour, minute))
    assert len(repos.appointments.filter(doctor_id=2).items) == 12
    one = repos.appointments.filter(doctor_id=1).items[0].appointment
    one.cancel()
    repos.appointments.save(one)
    cancelled = repos.appointments.filter(status=AppointmentStatus.CANCELLED)
    assert [v.appointment.appt_id for v in cancelled.items] == [one.appt_id]
    first, second = repos.appointments.filter(page=1), repos.appointments.filter(page=2)
    assert len(first.items) == 20 and first.has_next and len(second.items) == 4 and not second.has_next


def test_a_patients_appointments_come_with_doctor_and_specialization(repos):
    book(repos, day=date(2025, 5, 12), doctor=2)
    book(repos, day=date(2025, 5, 10))
    history = repos.appointments.for_patient(1001)
    assert [(v.appointment.appt_date, v.doctor_name, v.specialization) for v in history] == [
        (date(2025, 5, 10), "X Sharma", "Cardiology"), (date(2025, 5, 12), "Leela Menon", "ENT")]


def test_two_terminals_booking_the_same_slot_at_once_store_exactly_one(db, repos, settings_for):
    def book_ten_fifteen(connection, n):
        with StorageWork(connection) as uow:
            uow.appointments.book(Appointment(1001 + n, 1, DAY, time(10, 15)))
            uow.commit()
        return "booked"

    outcomes = at_once(settings_for(db), 2, book_ten_fifteen)
    assert sorted(map(str, outcomes)) == ["Dr. X Sharma already has an appointment at 10:15 on 2025-05-10", "booked"]
    assert any(isinstance(outcome, SlotTaken) for outcome in outcomes)
    assert db.scalar("SELECT count(*) FROM appointments") == 1


def test_the_pages_after_an_appointment_equal_the_pages_by_number(repos):
    """Keyset pages of the find (menu n/p): the same appointments as the pages by number, in
    (date, time, code) order, across days and within a day."""
    from hospital_mgmt.domain.page import After
    for n in range(23):
        repos.appointments.book(Appointment(1001 + n % 2, 1 + n % 2, date(2026, 11, 24 + n // 10),
                                            time(9 + n % 10 // 2, 0 if n % 2 else 15)))
    by_number = [[v.appointment.appt_id for v in repos.appointments.filter(page=n, size=10).items] for n in (1, 2, 3)]
    pages, at = [], 1
    for number in (1, 2, 3):
        page = repos.appointments.filter(page=at, size=10)
        pages.append([v.appointment.appt_id for v in page.items])
        last = page.items[-1].appointment
        at = After((last.appt_date, last.appt_time, last.appt_id), number + 1)
    assert pages == by_number and sum(map(len, pages)) == 23
