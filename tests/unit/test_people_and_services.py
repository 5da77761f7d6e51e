from datetime import date
from decimal import Decimal

import pytest

from hospital_mgmt.domain.admission import Admission
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.errors import InvalidField, NotAdmitted
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.domain.person import Person
from hospital_mgmt.domain.service import Service


def a_patient(**changes):
    fields = dict(name="Asha Rao", age=34, gender="F", contact_no="9876543210", registered_on=date(2025, 5, 1))
    return Patient(**{**fields, **changes})


def test_patients_and_doctors_share_the_person_rules():
    assert issubclass(Patient, Person) and issubclass(Doctor, Person)
    for make in (lambda: a_patient(name="X"), lambda: Doctor("X", "9876543210", specialization="ENT",
                                                              consultation_fee="500")):
        with pytest.raises(InvalidField, match="name: must be 2 to 100 characters"):
            make()


def test_a_patient_requires_a_birth_date_or_an_age_and_a_gender():
    with pytest.raises(InvalidField, match="date of birth: give the date of birth, or the age"):
        a_patient(age=None)
    with pytest.raises(InvalidField, match="gender"):
        a_patient(gender="")


def test_the_age_is_computed_from_the_birth_date_on_each_day_and_never_goes_stale():
    patient = a_patient(age=None, birth_date="1990-05-15")
    assert (patient.birth_date, patient.birth_estimated) == (date(1990, 5, 15), False)
    assert [patient.age_on(day) for day in (date(2025, 5, 14), date(2025, 5, 15), date(2026, 12, 2))] == [34, 35, 36]
    assert patient.age_text(date(2026, 12, 2)) == "36" and patient.birth_text() == "1990-05-15"
    leap = a_patient(age=None, birth_date="2000-02-29")
    assert [leap.age_on(day) for day in (date(2025, 2, 28), date(2025, 3, 1), date(2028, 2, 29))] == [24, 25, 28]


def test_an_age_alone_is_kept_as_an_estimated_birth_year_and_shown_as_an_estimate():
    patient = a_patient(age=34)  # registered on 2025-05-01
    assert (patient.birth_date, patient.birth_estimated) == (date(1991, 1, 1), True)
    assert patient.age_on(date(2025, 5, 1)) == 34 and patient.age_on(date(2026, 12, 2)) == 35
    assert patient.age_text(date(2026, 12, 2)) == "~35" and patient.birth_text() == "c. 1991"


def test_an_age_given_later_than_registration_is_taken_as_of_the_day_it_was_given():
    patient = a_patient(age=34, age_given_on=date(2026, 12, 2))  # registered on 2025-05-01, updated today
    assert (patient.birth_date, patient.birth_estimated) == (date(1992, 1, 1), True)
    assert patient.age_on(date(2026, 12, 2)) == 34
    with pytest.raises(InvalidField, match="2026-01-01 is after the day of registration"):
        a_patient(age=0, age_given_on=date(2026, 12, 2))


def test_a_birth_date_after_registration_or_past_130_years_is_refused():
    with pytest.raises(InvalidField, match="after the day of registration"):
        a_patient(age=None, birth_date="2025-05-02")
    with pytest.raises(InvalidField, match="older than 130"):
        a_patient(age=None, birth_date="1894-05-01")
    with pytest.raises(InvalidField, match="date of birth: '1990-13-01' is not a date"):
        a_patient(age=None, birth_date="1990-13-01")
    with pytest.raises(InvalidField, match="age: must be 0 to 130"):
        a_patient(age=131)


def test_optional_details_are_checked_and_a_blood_group_is_read_as_people_write_it():
    patient = a_patient(email="asha.rao@example.in", city="Pune", address="12, MG Road", blood_group="b pos")
    assert (patient.email, patient.city, patient.address, patient.blood_group) == (
        "asha.rao@example.in", "Pune", "12, MG Road", "B+")
    assert [a_patient(blood_group=typed).blood_group for typed in ("O-", "ab negative", "A+ve", "")] == [
        "O-", "AB-", "A+", ""]
    for field, bad, reason in (("email", "asha@", "e-mail: 'asha@' is not an e-mail address"),
                               ("email", "a b@x.in", "is not an e-mail address"),
                               ("blood_group", "C+", r"blood group: must be one of A\+, A-, B\+"),
                               ("city", "x" * 61, "city: at most 60 characters"),
                               ("address", "line\x00two", "address: contains characters that cannot be printed")):
        with pytest.raises(InvalidField, match=reason):
            a_patient(**{field: bad})


def test_a_stay_runs_to_its_discharge_or_to_today_and_cannot_end_before_it_began():
    stay = Admission(1001, date(2025, 5, 1), "General ward, bed 4", "Observation")
    assert stay.is_open and stay.days(date(2025, 5, 11)) == 10
    stay.discharge(date(2025, 5, 4))
    assert not stay.is_open and stay.days(date(2026, 1, 1)) == 3
    with pytest.raises(NotAdmitted, match="was discharged on 2025-05-04"):
        stay.discharge(date(2025, 5, 5))
    with pytest.raises(InvalidField, match="discharge date: 2025-04-30 is before admission on 2025-05-01"):
        Admission(1001, date(2025, 5, 1)).discharge(date(2025, 4, 30))
    with pytest.raises(InvalidField, match="before admission"):
        Admission(1001, date(2025, 5, 1), discharged_on="2025-04-01")
    assert Admission(1001, date(2025, 5, 1), discharged_on="2025-05-01").days(date(2026, 1, 1)) == 0


def test_a_doctor_fee_is_money_above_zero_with_two_places():
    doctor = Doctor("Meera Iyer", "9876543210", specialization="Cardiology", consultation_fee="750.5")
    assert doctor.consultation_fee == Decimal("750.50")
    assert doctor.display_name == "Dr. Meera Iyer"
    for bad, reason in (("0", "more than 0"), ("12.345", "2 decimal"), ("abc", "not an amount"), ("-5", "more than 0")):
        with pytest.raises(InvalidField, match=reason):
            Doctor("Meera Iyer", "9876543210", specialization="Cardiology", consultation_fee=bad)


def test_a_service_keeps_any_printable_name_and_a_price_above_zero():
    service = Service("X-Ray'); DROP TABLE services;--", "450")
    assert service.name == "X-Ray'); DROP TABLE services;--" and service.cost == Decimal("450.00")
    with pytest.raises(InvalidField, match="price: must be more than 0"):
        Service("MRI", "0")
    with pytest.raises(InvalidField, match="service name: must not be empty"):
        Service("  ", "10")


def test_money_never_comes_from_a_float():
    with pytest.raises(TypeError):
        from hospital_mgmt.domain.money import to_money
        to_money(0.1)
