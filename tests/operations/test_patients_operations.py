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
    return Patient(name=name, contact_no=phone, age=age, gender=gender, admission_date=date(2026, 11, 22))


def test_registering_a_patient_stores_it_and_audits_its_code_never_its_name(ctx, log_lines):
    stored = patients.register_patient(ctx, new_patient())
    assert stored.code == "1001"
    again = patients.get_patient(ctx, 1001)
    assert (again.name, again.contact_no, again.age, again.admission_date) == ("Aisha Khan", "9876500000", 40,
                                                                              date(2026, 11, 22))
    assert log_lines() == ["patient 1001 registered [system]"]


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


def test_a_similar_name_of_the_same_age_and_gender_is_a_likely_duplicate_and_another_age_is_not(ctx):
    patients.register_patient(ctx, new_patient())
    with pytest.raises(PossibleDuplicates, match=r"1001 \(similar name, same age and gender\)"):
        patients.register_patient(ctx, new_patient(name="Aysha Khan", phone="9111111111"))
    assert patients.register_patient(ctx, new_patient(name="Aysha Khan", phone="9111111111", age=41)).code == "1002"


def test_an_update_writes_every_field_and_an_unknown_patient_is_not_found(ctx, log_lines):
    stored = a_patient(ctx)
    changed = Patient(name="Asha R. Menon", contact_no="+919999988888", age=31, gender="F",
                      admission_date=date(2026, 11, 2), discharge_date=date(2026, 11, 5), patient_id=stored.patient_id)
    patients.update_patient(ctx, changed)
    assert patients.get_patient(ctx, 1001) == changed
    assert [p.code for p in patients.search_by_name(ctx, "r. menon").items] == ["1001"]  # found by the new name
    assert patients.search_by_name(ctx, "asha rao").items == []
    changed.patient_id = 4242
    with pytest.raises(NotFound, match="^no patient 4242$"):
        patients.update_patient(ctx, changed)
    assert log_lines()[-1] == "patient 1001 updated [system]"


def test_a_patient_is_discharged_on_the_day_of_admission_or_later_never_before(ctx):
    a_patient(ctx, admitted="2026-11-10")
    with pytest.raises(InvalidField, match="^discharge date: 2026-11-09 is before admission on 2026-11-10$"):
        patients.discharge_patient(ctx, 1001, date(2026, 11, 9))
    assert patients.get_patient(ctx, 1001).is_admitted
    same_day = patients.discharge_patient(ctx, 1001, date(2026, 11, 10))
    assert same_day.discharge_date == date(2026, 11, 10) and same_day.days_admitted(ctx.today()) == 0
    assert patients.get_patient(ctx, 1001).discharge_date == date(2026, 11, 10)


def test_a_discharged_patient_is_not_discharged_again_and_an_admitted_one_not_admitted_again(ctx, log_lines):
    a_patient(ctx, admitted="2026-11-10")
    with pytest.raises(AlreadyAdmitted, match="^patient 1001 has been admitted since 2026-11-10$"):
        patients.readmit_patient(ctx, 1001, date(2026, 11, 12))
    patients.discharge_patient(ctx, 1001, date(2026, 11, 12))
    with pytest.raises(NotAdmitted, match="^patient 1001 was discharged on 2026-11-12; admit them again first$"):
        patients.discharge_patient(ctx, 1001, date(2026, 11, 13))
    readmitted = patients.readmit_patient(ctx, 1001, date(2026, 11, 20))
    assert (readmitted.admission_date, readmitted.discharge_date) == (date(2026, 11, 20), None)
    assert log_lines()[-2:] == ["patient 1001 discharged [system]", "patient 1001 admitted [system]"]


def test_a_patient_with_history_is_kept_and_both_checks_say_so_in_the_same_words(ctx, log_lines):
    a_patient(ctx)
    a_doctor(ctx)
    for at in (time(9, 0), time(9, 15)):
        appointments.book_appointment(ctx, 1001, 1, ctx.today(), at)
    billing.finalize_bill(ctx, billing.start_bill(ctx, 1001, appt_id=1))
    message = "^patient 1001 has 2 appointments and 1 bill; a patient with history is kept$"
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
