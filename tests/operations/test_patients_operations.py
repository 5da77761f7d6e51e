from datetime import date, time

import pytest

from hospital_mgmt.domain.errors import (
    AlreadyAdmitted,
    InvalidField,
    NotAdmitted,
    NotFound,
    PatientHasHistory,
    PossibleDuplicates,
    Refused,
)
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.operations import appointments, billing, patients
from tests.operations.conftest import a_doctor, a_patient


def new_patient(name="Aisha Khan", phone="9876500000", age=40, gender="F"):
    return Patient(name=name, contact_no=phone, age=age, gender=gender, registered_on=date(2026, 11, 22))


def test_registering_a_patient_stores_it_and_audits_its_code_never_its_name(ctx, log_lines):
    stored = patients.register_patient(ctx, Patient(
        name="Aisha Khan", contact_no="9876500000", gender="F", birth_date=date(1986, 3, 14), email="aisha@example.in",
        address="4, Lake View Colony", city="Pune", blood_group="O+", registered_on=date(2026, 11, 22)))
    assert stored.code == "1001"
    again = patients.get_patient(ctx, 1001)
    assert again == stored
    assert (again.name, again.contact_no, again.birth_date, again.birth_estimated, again.email, again.address,
            again.city, again.blood_group, again.registered_on) == (
        "Aisha Khan", "9876500000", date(1986, 3, 14), False, "aisha@example.in", "4, Lake View Colony", "Pune", "O+",
        date(2026, 11, 22))
    assert again.age_on(ctx.today()) == 40
    assert log_lines() == ["patient 1001 registered [system]"]


def test_registering_is_not_admitting(ctx):
    a_patient(ctx)
    assert patients.current_admission(ctx, 1001) is None and patients.admissions_of(ctx, 1001) == []


def test_a_patient_known_only_by_age_is_stored_with_an_estimated_birth_year(ctx):
    a_patient(ctx, age=47, registered="2025-01-08")
    stored = patients.get_patient(ctx, 1001)
    assert (stored.birth_date, stored.birth_estimated) == (date(1978, 1, 1), True)
    assert stored.age_text(ctx.today()) == "~48"  # a year on, not 47 as typed


def test_a_likely_duplicate_is_refused_with_the_candidates_until_the_clerk_confirms(ctx, log_lines):
    patients.register_patient(ctx, new_patient())
    with pytest.raises(PossibleDuplicates) as refused:
        patients.register_patient(ctx, new_patient(name="aisha  KHAN", phone="+91 98765 00000"))
    [(candidate, reason)] = refused.value.matches
    assert (candidate.code, reason) == ("1001", "same phone number, same name")
    assert str(refused.value) == "this patient may already be registered: 1001 (same phone number, same name)"
    assert patients.list_patients(ctx).items == [candidate]
    confirmed = patients.register_patient(ctx, new_patient(name="aisha  KHAN"), duplicates_confirmed=True)
    assert confirmed.code == "1002" and len(patients.list_patients(ctx).items) == 2
    assert log_lines() == ["patient 1001 registered [system]", "patient 1002 registered [system]"]


def test_the_same_phone_with_or_without_the_country_code_is_a_likely_duplicate(ctx):
    patients.register_patient(ctx, new_patient(phone="+91 98765 00000"))
    with pytest.raises(PossibleDuplicates) as refused:
        patients.register_patient(ctx, new_patient(name="Ravi Kumar", phone="98765-00000", age=60, gender="M"))
    assert [(candidate.code, reason) for candidate, reason in refused.value.matches] == [("1001", "same phone number")]


def test_a_similar_name_of_about_the_same_age_and_gender_is_a_likely_duplicate_and_another_age_is_not(ctx):
    patients.register_patient(ctx, new_patient())  # 40, so born c. 1986
    with pytest.raises(PossibleDuplicates, match=r"1001 \(similar name, same age and gender\)"):
        patients.register_patient(ctx, new_patient(name="Aysha Khan", phone="9111111111", age=41))
    assert patients.register_patient(ctx, new_patient(name="Aysha Khan", phone="9111111111", age=42)).code == "1002"


def born(day: str, **changes) -> Patient:
    return Patient(**{"name": "Aisha Khan", "contact_no": "9876500000", "gender": "F", "birth_date": day,
                      "registered_on": date(2026, 11, 22), **changes})


def test_with_birth_dates_known_a_similar_name_matches_on_the_same_birth_date_only(ctx):
    patients.register_patient(ctx, born("1986-03-14"))
    with pytest.raises(PossibleDuplicates, match=r"1001 \(similar name, same birth date and gender\)"):
        patients.register_patient(ctx, born("1986-03-14", name="Aysha Khan", contact_no="9111111111"))
    assert patients.register_patient(ctx, born("1986-03-15", name="Aysha Khan", contact_no="9111111111")).code == "1002"
    with pytest.raises(PossibleDuplicates, match=r"registered: 1002 \(similar name, same birth date and gender\)$"):
        patients.register_patient(ctx, born("1986-03-15", name="Ayesha Khan", contact_no="9222222222"))


def test_a_known_birth_date_and_an_age_estimate_match_within_a_year_either_side(ctx):
    patients.register_patient(ctx, new_patient(age=40))  # estimated: 1 January 1986
    for n, (day, matches) in enumerate((("1985-06-01", True), ("1987-12-31", True), ("1984-12-31", False),
                                        ("1988-01-01", False))):
        candidate = born(day, name=["Aysha Khan", "Aysha Khan", "Aysha Kahn", "Aisha Kham"][n],
                         contact_no=f"911111111{n}")
        if matches:
            with pytest.raises(PossibleDuplicates, match=r"1001 \(similar name, same age and gender\)"):
                patients.register_patient(ctx, candidate)
        else:
            assert patients.register_patient(ctx, candidate).code == str(1000 + n)


def test_an_update_writes_every_field_and_an_unknown_patient_is_not_found(ctx, log_lines):
    stored = a_patient(ctx)
    changed = Patient(name="Asha R. Menon", contact_no="+919999988888", gender="F", birth_date=date(1995, 2, 3),
                      email="asha@example.in", address="7, Park Street", city="Kolkata", blood_group="AB-",
                      registered_on=date(2026, 11, 2), patient_id=stored.patient_id)
    patients.update_patient(ctx, changed)
    assert patients.get_patient(ctx, 1001) == changed
    assert [p.code for p in patients.search_by_name(ctx, "r. menon").items] == ["1001"]  # found by the new name
    assert patients.search_by_name(ctx, "asha rao").items == []
    changed.patient_id = 4242
    with pytest.raises(NotFound, match="^no patient 4242$"):
        patients.update_patient(ctx, changed)
    assert log_lines()[-1] == "patient 1001 updated [system]"


def test_a_stay_is_admitted_and_discharged_on_the_day_of_admission_or_later_never_before(ctx):
    a_patient(ctx)
    stay = patients.admit_patient(ctx, 1001, date(2026, 11, 10), "General ward, bed 4", "Observation")
    assert patients.current_admission(ctx, 1001) == stay
    with pytest.raises(InvalidField, match="^discharge date: 2026-11-09 is before admission on 2026-11-10$"):
        patients.discharge_patient(ctx, 1001, date(2026, 11, 9))
    assert patients.current_admission(ctx, 1001) is not None
    same_day = patients.discharge_patient(ctx, 1001, date(2026, 11, 10))
    assert same_day.discharged_on == date(2026, 11, 10) and same_day.days(ctx.today()) == 0
    assert patients.current_admission(ctx, 1001) is None
    [kept] = patients.admissions_of(ctx, 1001)
    assert (kept.admitted_on, kept.discharged_on, kept.ward, kept.reason) == (
        date(2026, 11, 10), date(2026, 11, 10), "General ward, bed 4", "Observation")


def test_every_stay_is_kept_and_one_is_open_at_a_time(ctx, log_lines):
    a_patient(ctx)
    patients.admit_patient(ctx, 1001, date(2026, 11, 10))
    with pytest.raises(AlreadyAdmitted, match="^patient 1001 has been admitted since 2026-11-10$"):
        patients.admit_patient(ctx, 1001, date(2026, 11, 12))
    patients.discharge_patient(ctx, 1001, date(2026, 11, 12))
    with pytest.raises(NotAdmitted, match="^patient 1001 is not admitted$"):
        patients.discharge_patient(ctx, 1001, date(2026, 11, 13))
    with pytest.raises(InvalidField, match="^admission date: 2026-11-11 is before the last stay ended"):
        patients.admit_patient(ctx, 1001, date(2026, 11, 11))
    patients.admit_patient(ctx, 1001, date(2026, 11, 20), "ICU")
    stays = patients.admissions_of(ctx, 1001)
    assert [(s.admitted_on, s.discharged_on, s.ward) for s in stays] == [
        (date(2026, 11, 20), None, "ICU"), (date(2026, 11, 10), date(2026, 11, 12), "")]
    assert [s.days(date(2026, 11, 22)) for s in stays] == [2, 2]
    assert log_lines()[-3:] == ["patient 1001 admitted [system]", "patient 1001 discharged [system]",
                                "patient 1001 admitted [system]"]


def test_a_second_open_stay_is_refused_by_the_database_itself(ctx):
    from hospital_mgmt.domain.admission import Admission
    from hospital_mgmt.storage.database import DuplicateKey
    a_patient(ctx)
    patients.admit_patient(ctx, 1001, date(2026, 11, 10))
    with pytest.raises(DuplicateKey), ctx.unit_of_work() as uow:
        uow.admissions.add(Admission(1001, date(2026, 11, 11)))


def test_a_patient_with_history_is_kept_and_both_checks_say_so_in_the_same_words(ctx, log_lines):
    a_patient(ctx)
    a_doctor(ctx)
    for at in (time(9, 0), time(9, 15)):
        appointments.book_appointment(ctx, 1001, 1, ctx.today(), at)
    billing.finalize_bill(ctx, billing.start_bill(ctx, 1001, appt_id=1))
    patients.admit_patient(ctx, 1001, date(2026, 11, 10))
    message = "^patient 1001 has 2 appointments and 1 bill and 1 admission; a patient with history is kept$"
    with pytest.raises(PatientHasHistory, match=message):
        patients.check_deletable(ctx, 1001)
    with pytest.raises(PatientHasHistory, match=message):
        patients.delete_patient(ctx, 1001)
    assert patients.get_patient(ctx, 1001).name == "Asha Rao"
    assert "patient 1001 deleted [system]" not in log_lines()


def test_a_patient_with_only_a_bill_is_kept_too(ctx, log_lines):
    from tests.operations.conftest import a_service
    a_patient(ctx)
    a_service(ctx)
    draft = billing.start_bill(ctx, 1001)
    billing.add_service(ctx, draft, 1)
    billing.finalize_bill(ctx, draft)
    for check in (patients.check_deletable, patients.delete_patient):
        with pytest.raises(PatientHasHistory, match="^patient 1001 has 1 bill; a patient with history is kept$"):
            check(ctx, 1001)
    assert patients.get_patient(ctx, 1001).name == "Asha Rao"


def test_a_patient_without_history_is_deleted(ctx, log_lines):
    a_patient(ctx)
    patients.check_deletable(ctx, 1001)
    patients.delete_patient(ctx, 1001)
    with pytest.raises(NotFound):
        patients.get_patient(ctx, 1001)
    assert log_lines()[-1] == "patient 1001 deleted [system]"


def test_a_phone_search_needs_digits_and_finds_them_in_any_formatting(ctx):
    a_patient(ctx, phone="+91 98765 43210")
    with pytest.raises(Refused, match="^type the digits of the phone number"):
        patients.search_by_phone(ctx, "call me")
    assert [p.code for p in patients.search_by_phone(ctx, "(98765) 432").items] == ["1001"]
    assert patients.search_by_phone(ctx, "000").items == []
