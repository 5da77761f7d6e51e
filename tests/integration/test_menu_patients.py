import re
from datetime import date, time

import pytest

from hospital_mgmt.domain.appointment import Appointment
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.storage.unit_of_work import Repositories
from tests.menu_driver import run_menu, table_rows

PATIENTS, REGISTER, VIEW, LIST, BY_NAME, BY_PHONE, UPDATE, ADMIT, DELETE = "1", "1", "2", "3", "4", "5", "6", "7", "8"
BACK, EXIT = "0", "10"


@pytest.fixture
def settings(db, settings_for):
    return settings_for(db)


@pytest.fixture
def repos(db):
    return Repositories(db)


def add_patient(repos, name="Asha Rao", contact="9876543210", age=34, gender="F", admitted=date(2026, 11, 1)):
    return repos.patients.add(Patient(name=name, contact_no=contact, age=age, gender=gender, registered_on=admitted))


def test_registering_a_patient_re_asks_each_bad_value_with_its_reason(db, settings, repos):
    transcript = run_menu(db, settings, [
        PATIENTS, REGISTER,
        "Robert'); DROP TABLE patients;--", "Seán O'Brien",
        "abc", "200", "42",
        "X", "m",
        "12345", "+91 98765 43210",
        "2026/11/20", "",
        BACK, EXIT])
    assert "Error: name: only letters, spaces and . ' - are allowed\nName: Seán O'Brien" in transcript
    assert ("Error: age: 'abc' is not a whole number of years\nAge: 200\nError: age: must be 0 to 130\nAge: 42"
            in transcript)
    assert "Error: gender: must be M, F or O" in transcript
    assert "Error: contact number: must be 10 to 15 digits, optionally starting with +" in transcript
    assert "Error: admission date: '2026/11/20' is not a date as YYYY-MM-DD" in transcript
    assert "Admission date (YYYY-MM-DD) [2026-11-22]: \nRegistered patient 1001." in transcript
    assert transcript.rstrip().endswith("Choose: 10")
    stored = repos.patients.get(1001)
    assert (stored.name, stored.age, stored.gender, stored.contact_no, stored.admission_date) == (
        "Seán O'Brien", 42, "M", "+919876543210", date(2026, 11, 22))
    assert repos.patients.search_by_name("DROP").items == []


def test_enter_on_an_empty_field_goes_back_without_saving(db, settings, repos):
    transcript = run_menu(db, settings, [PATIENTS, REGISTER, "Asha Rao", "", BACK, EXIT])
    assert "Back.\n\nPatients >" in transcript
    assert repos.patients.page().items == []


def test_a_likely_duplicate_is_shown_with_the_reason_and_the_clerk_decides(db, settings, repos):
    add_patient(repos, name="Aisha Khan", contact="9876500000", age=40, gender="F")
    answers = [PATIENTS, REGISTER, "aisha khan", "40", "F", "98765-00000", "2026-11-22"]
    transcript = run_menu(db, settings, answers + ["n", BACK, EXIT])
    assert "This patient may already be registered:" in transcript
    assert "same phone number, same name" in transcript
    assert "Cancelled; nothing was saved." in transcript
    assert len(repos.patients.page().items) == 1
    transcript = run_menu(db, settings, answers + ["y", BACK, EXIT])
    assert "Registered patient 1002." in transcript
    assert len(repos.patients.page().items) == 2


def test_names_that_try_to_break_things_are_stored_and_shown_verbatim(db, settings, repos):
    long_name = "Ananya " + "a" * 93
    for name, phone in (("O'Brien", "9000000001"), ("Zoë Ñúñez", "9000000002"), (long_name, "9000000003")):
        run_menu(db, settings, [PATIENTS, REGISTER, name, "30", "F", phone, "", BACK, EXIT])
    transcript = run_menu(db, settings, [PATIENTS, LIST, BACK, EXIT])
    for name in ("O'Brien", "Zoë Ñúñez", long_name):
        assert name in transcript
    assert [p.name for p in repos.patients.page().items] == ["O'Brien", "Zoë Ñúñez", long_name]


def test_the_patient_list_pages_twenty_at_a_time(db, settings, repos):
    for n in range(25):
        add_patient(repos, contact=f"98765432{n:02d}")
    transcript = run_menu(db, settings, [PATIENTS, LIST, "x", "n", "p", "", BACK, EXIT])
    assert "Page 1: n next, Enter to stop: x\nError: type n, or Enter to stop" in transcript
    assert "Page 2: p previous, Enter to stop: p" in transcript
    pages = [re.findall(r"^(10\d\d)  ", part, re.MULTILINE) for part in transcript.split("Page ")[:-1]]
    codes = [str(code) for code in range(1001, 1026)]
    assert pages == [codes[:20], codes[:20], codes[20:], codes[:20]]  # the first page, again after x, next, previous


def test_searches_by_name_and_phone_and_hostile_text_finds_nothing(db, settings, repos):
    add_patient(repos, name="Zoë Ñúñez", contact="+91 98765 43210")
    transcript = run_menu(db, settings, [
        PATIENTS, BY_NAME, "zoe", "",
        BY_NAME, "Robert'); DROP TABLE patients;--",
        BY_PHONE, "98765-43", "",
        BY_PHONE, "call me",
        "(000) 111", BACK, EXIT])
    assert "1001    Zoë Ñúñez" in transcript
    assert "No patient's name contains \"Robert'); DROP TABLE patients;--\"." in transcript
    assert "Error: type the digits of the phone number (any formatting is fine)" in transcript
    assert "No patient's phone number contains 000111." in transcript
    assert len(repos.patients.page().items) == 1


def test_update_keeps_what_enter_leaves_and_changes_the_rest(db, settings, repos):
    add_patient(repos)
    transcript = run_menu(db, settings, [PATIENTS, UPDATE, "1001", "", "35", "", "", "", "", BACK, EXIT])
    assert "Name [Asha Rao]: " in transcript and "Age [34]: 35" in transcript
    assert "Discharge date (- for still admitted) [still admitted]: " in transcript
    stored = repos.patients.get(1001)
    assert (stored.name, stored.age, stored.contact_no, stored.discharge_date) == ("Asha Rao", 35, "9876543210", None)


def test_a_patient_is_picked_by_a_name_search_when_no_code_is_known(db, settings, repos):
    add_patient(repos, name="Meena Pillai")
    transcript = run_menu(db, settings, [PATIENTS, VIEW, "pillai", "1001", BACK, EXIT])
    assert table_rows(transcript, "Name") == [["Name", "Meena Pillai"]]
    assert table_rows(transcript, "Days admitted") == [["Days admitted", "21"]]  # 2026-11-01 to 2026-11-22


def test_discharge_before_admission_is_refused_then_accepted(db, settings, repos):
    add_patient(repos, admitted=date(2026, 11, 10))
    transcript = run_menu(db, settings, [PATIENTS, ADMIT, "1001", "2026-11-01", "2026-11-15", BACK, EXIT])
    assert "Error: discharge date: 2026-11-01 is before admission on 2026-11-10" in transcript
    assert "Patient 1001 discharged on 2026-11-15; days admitted: 5." in transcript
    assert repos.patients.get(1001).discharge_date == date(2026, 11, 15)


def test_delete_is_refused_with_the_reason_while_appointments_refer_to_the_patient(db, settings, repos):
    patient = add_patient(repos)
    doctor = repos.doctors.add(Doctor("Meera Iyer", "9123456780", specialization="ENT", consultation_fee="500"))
    repos.appointments.book(Appointment(patient.patient_id, doctor.doctor_id, date(2026, 11, 20), time(10, 0)))
    add_patient(repos, name="Ravi Kumar", contact="9000000009")
    transcript = run_menu(db, settings, [PATIENTS, DELETE, "1001", DELETE, "1002", "n", DELETE, "1002", "y",
                                         BACK, EXIT])
    assert "Error: patient 1001 has 1 appointment; a patient with history is kept\n\nPatients >" in transcript
    assert "Delete patient 1001 and the details above?" not in transcript
    assert "Nothing was deleted." in transcript and "Deleted patient 1002." in transcript
    assert [p.patient_id for p in repos.patients.page().items] == [1001]


def test_an_unknown_code_is_explained_and_the_menu_goes_on(db, settings):
    transcript = run_menu(db, settings, [PATIENTS, VIEW, "4242", "abc!", "0", "zz", BACK, EXIT])
    assert "Error: no patient 4242\nPatient (code or part of the name, 0 to go back): abc!" in transcript
    assert "No patients match 'abc!'; try again." in transcript
    assert "Back.\n\nPatients >" in transcript and "Choose: zz\nError: choose 0 to 9" in transcript
    assert transcript.rstrip().endswith("Choose: 10")


def test_zero_at_the_main_menu_is_not_a_way_out_and_says_what_is(db, settings):
    transcript = run_menu(db, settings, ["0", "1", "0", "0", EXIT])
    assert transcript.count("Choose: 0\nError: choose 1 to 10\n") == 2
    assert "Patients >" in transcript and transcript.rstrip().endswith("Choose: 10")


def test_previous_goes_back_one_page_not_to_the_first(db, settings, repos):
    for n in range(45):
        add_patient(repos, contact=f"98765432{n:02d}")
    transcript = run_menu(db, settings, [PATIENTS, LIST, "n", "n", "p", "", BACK, EXIT])
    pages = [re.findall(r"^(10\d\d)  ", part, re.MULTILINE) for part in transcript.split("Page ")[:-1]]
    codes = [str(code) for code in range(1001, 1046)]
    assert pages == [codes[:20], codes[20:40], codes[40:], codes[20:40]]  # 1, 2, 3, then back to 2


def test_zero_at_a_record_code_prompt_goes_back_without_an_error(db, settings, repos):
    add_patient(repos)
    transcript = run_menu(db, settings, [PATIENTS, UPDATE, "0", DELETE, "0", BACK, EXIT])
    assert transcript.count("(code or part of the name, 0 to go back): 0\nBack.\n") == 2
    assert "Error" not in transcript and len(repos.patients.page().items) == 1
