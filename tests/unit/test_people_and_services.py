from datetime import date
from decimal import Decimal

import pytest

from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.errors import InvalidField
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.domain.person import Person
from hospital_mgmt.domain.service import Service


def a_patient(**changes):
    fields = dict(name="Asha Rao", age=34, gender="F", contact_no="9876543210", admission_date=date(2025, 5, 1))
    return Patient(**{**fields, **changes})


def test_patients_and_doctors_share_the_person_rules():
    assert issubclass(Patient, Person) and issubclass(Doctor, Person)
    for make in (lambda: a_patient(name="X"), lambda: Doctor("X", "9876543210", specialization="ENT",
                                                              consultation_fee="500")):
        with pytest.raises(InvalidField, match="name: must be 2 to 100 characters"):
            make()


def test_a_patient_requires_age_and_gender():
    with pytest.raises(InvalidField, match="age"):
        a_patient(age=None)
    with pytest.raises(InvalidField, match="gender"):
        a_patient(gender="")


def test_days_admitted_run_to_discharge_or_to_today_while_admitted():
    patient = a_patient()
    assert patient.days_admitted(date(2025, 5, 11)) == 10
    patient.discharge(date(2025, 5, 4))
    assert patient.days_admitted(date(2026, 1, 1)) == 3


def test_discharge_before_admission_is_refused():
    with pytest.raises(InvalidField, match="before admission"):
        a_patient().discharge(date(2025, 4, 30))
    with pytest.raises(InvalidField, match="before admission"):
        a_patient(discharge_date="2025-04-01")


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
