import re
from datetime import date, time

import pytest

from hospital_mgmt.domain.appointment import Appointment
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.storage.unit_of_work import Repositories
from tests.menu_driver import run_menu, table_rows
from tests.support import stored_doctor

PATIENTS, REGISTER, VIEW, LIST, BY_NAME, BY_PHONE, UPDATE, ADMIT, DELETE = "1", "1", "2", "3", "4", "5", "6", "7", "8"
STAYS = "10"
NO_DETAILS = ["", "", "", ""]  # e-mail, address, city, blood group left out
BACK, EXIT = "0", "10"


@pytest.fixture
def settings(db, settings_for):
    return settings_for(db)


@pytest.fixture
def repos(db):
    return Repositories(db)


def add_patient(repos, name="Asha Rao", contact="9876543210", age=34, gender="F", registered=date(2026, 11, 1)):
    return repos.patients.add(Patient(name=name, contact_no=contact, age=age, gender=gender, registered_on=registered))


def test_registering_a_patient_re_asks_each_bad_value_with_its_reason(db, settings, repos):
    transcript = run_menu(db, settings, [
        PATIENTS, REGISTER,
        "Robert'); DROP TABLE patients;--", "Seán O'Brien",
        "abc", "200", "2027-01-01", "1984-02-30", "1984-02-29",
        "X", "m",
        "12345", "+91 98765 43210",
        "sean@", "sean.obrien@example.ie", "12 Lake View Colony", "", "C+", "o neg",
        BACK, EXIT])
    assert "Error: name: only letters, spaces and . ' - are allowed\nName: Seán O'Brien" in transcript
    label = "Date of birth (YYYY-MM-DD, or the age in years if not known): "
    assert (f"Error: date of birth: 'abc' is neither a date as YYYY-MM-DD nor an age in years\n{label}200\n"
            f"Error: age: must be 0 to 130\n{label}2027-01-01\nError: date of birth: 2027-01-01 is in the future\n"
            f"{label}1984-02-30\nError: date of birth: '1984-02-30' is neither a date" in transcript)
    assert "Error: gender: must be M, F or O" in transcript
    assert "Error: contact number: must be 10 to 15 digits, optionally starting with +" in transcript
    assert "Error: e-mail: 'sean@' is not an e-mail address like name@example.com" in transcript
    assert "City (Enter for none): \nBlood group (A+, O-, ...) (Enter for none): C+\nError: blood group" in transcript
    assert "Registered patient 1001 (Seán O'Brien)." in transcript
    assert transcript.rstrip().endswith("Choose: 10")
    stored = repos.patients.get(1001)
    assert (stored.name, stored.birth_date, stored.birth_estimated, stored.gender, stored.contact_no, stored.email,
            stored.address, stored.city, stored.blood_group, stored.registered_on) == (
        "Seán O'Brien", date(1984, 2, 29), False, "M", "+919876543210", "sean.obrien@example.ie",
        "12 Lake View Colony", "", "O-", date(2026, 11, 22))
    assert repos.patients.search_by_name("DROP").items == []
    assert repos.admissions.of_patient(1001) == []  # registering is not admitting


def test_an_age_typed_for_an_unknown_birth_date_is_kept_as_an_estimate_and_shown_so(db, settings, repos):
    transcript = run_menu(db, settings, [PATIENTS, REGISTER, "Asha Rao", "47", "F", "9876543210", *NO_DETAILS,
                                         VIEW, "1001", BACK, EXIT])
    stored = repos.patients.get(1001)
    assert (stored.birth_date, stored.birth_estimated) == (date(1979, 1, 1), True)
    assert table_rows(transcript, "Date of birth")[1:] == [["Date of birth", "c. 1979"]]  # after the prompt
    assert table_rows(transcript, "Age") == [["Age", "~47 (estimated)"]]
    assert table_rows(transcript, "In hospital") == [["In hospital", "no"]]


def test_enter_on_an_empty_field_goes_back_without_saving(db, settings, repos):
    transcript = run_menu(db, settings, [PATIENTS, REGISTER, "Asha Rao", "", BACK, EXIT])
    assert "Back.\n\nPatients >" in transcript
    assert repos.patients.page().items == []


def test_a_likely_duplicate_is_shown_with_the_reason_and_the_clerk_decides(db, settings, repos):
    add_patient(repos, name="Aisha Khan", contact="9876500000", age=40, gender="F")
    answers = [PATIENTS, REGISTER, "aisha khan", "40", "F", "98765-00000", *NO_DETAILS]  # 40 in 2026: as on record
    transcript = run_menu(db, settings, answers + ["n", BACK, EXIT])
    assert "This patient may already be registered:" in transcript
    assert "same phone number, same name" in transcript
    assert "Cancelled; nothing was saved." in transcript
    assert len(repos.patients.page().items) == 1
    transcript = run_menu(db, settings, answers + ["y", BACK, EXIT])
    assert "Registered patient 1002 (aisha khan)." in transcript
    assert len(repos.patients.page().items) == 2


def test_names_that_try_to_break_things_are_stored_and_shown_verbatim(db, settings, repos):
    long_name = "Ananya " + "a" * 93
    for name, phone in (("O'Brien", "9000000001"), ("Zoë Ñúñez", "9000000002"), (long_name, "9000000003")):
        run_menu(db, settings, [PATIENTS, REGISTER, name, "30", "F", phone, *NO_DETAILS, BACK, EXIT])
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
    add_patient(repos, age=34)  # registered 2026-11-01, so born c. 1992
    transcript = run_menu(db, settings, [PATIENTS, UPDATE, "1001", "", "1991-07-04", "", "", "", "", "Pune", "A+",
                                         UPDATE, "1001", "", "", "", "", "-", "", "-", "", BACK, EXIT])
    assert "Date of birth (YYYY-MM-DD, or the age in years if not known) [c. 1992]: " in transcript
    assert "Name [Asha Rao]: " in transcript and "City [none]: Pune" in transcript and "City [Pune]: -" in transcript
    stored = repos.patients.get(1001)
    assert (stored.name, stored.birth_date, stored.birth_estimated, stored.contact_no, stored.city,
            stored.blood_group, stored.registered_on) == (
        "Asha Rao", date(1991, 7, 4), False, "9876543210", "", "A+", date(2026, 11, 1))


def test_a_patient_is_picked_by_a_name_search_when_no_code_is_known(db, settings, repos):
    add_patient(repos, name="Meena Pillai")
    add_patient(repos, name="Ravi Pillai", contact="9000000005")
    transcript = run_menu(db, settings, [PATIENTS, VIEW, "meena pil", "", VIEW, "pillai", "3", "2", BACK, EXIT])
    assert "Use patient 1001: Meena Pillai (F, ~34, 9876543210)? [Y/n]: " in transcript  # one match, confirmed
    assert table_rows(transcript, "Name") == [["Name", "Meena Pillai"], ["Name", "Ravi Pillai"]]
    assert "Number (1-2) or patient code (0 to go back): 3\nError: no patient 3" in transcript
    assert table_rows(transcript, "Age") == [["Age", "~34 (estimated)"]] * 2


def test_an_admission_is_a_stay_of_its_own_discharged_not_before_it_began(db, settings, repos):
    add_patient(repos)
    transcript = run_menu(db, settings, [
        PATIENTS, ADMIT, "1001", "", "2026-11-10", "Surgical ward, bed 12", "Knee replacement",
        VIEW, "1001",
        ADMIT, "1001", "2026-11-01", "2026-11-15",
        ADMIT, "1001", "n",
        STAYS, "1001", BACK, EXIT])
    assert "Patient 1001 (Asha Rao) is not in the hospital.\nAdmit the patient? [Y/n]: " in transcript
    assert "Patient 1001 admitted on 2026-11-10." in transcript
    assert table_rows(transcript, "In hospital")[0] == ["In hospital", "since 2026-11-10, Surgical ward, bed 12"]
    assert "has been admitted since 2026-11-10, Surgical ward, bed 12." in transcript
    assert "Error: discharge date: 2026-11-01 is before admission on 2026-11-10" in transcript
    assert "Patient 1001 discharged on 2026-11-15; days in hospital: 5." in transcript
    assert table_rows(transcript, "2026-11-10") == [
        ["2026-11-10", "2026-11-15", "5", "Surgical ward, bed 12", "Knee replacement"]]
    [stay] = repos.admissions.of_patient(1001)
    assert (stay.admitted_on, stay.discharged_on, stay.ward, stay.reason) == (
        date(2026, 11, 10), date(2026, 11, 15), "Surgical ward, bed 12", "Knee replacement")


def test_delete_is_refused_with_the_reason_while_appointments_refer_to_the_patient(db, settings, repos):
    patient = add_patient(repos)
    doctor = stored_doctor(repos, Doctor("Meera Iyer", "9123456780", specialization="ENT", consultation_fee="500"))
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
    assert "Back.\n\nPatients >" in transcript and "Choose: zz\nError: choose 0 to 12" in transcript
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
