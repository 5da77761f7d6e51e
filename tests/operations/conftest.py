"""Fixtures for the operations: a context on the test database at 08:00 on 2026-11-22, the log
it writes to, and records arranged through the operations themselves."""
import pytest

from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.domain.service import Service
from hospital_mgmt.log_setup import configure
from hospital_mgmt.operations import doctors, patients, price_list
from tests.support import context_for


@pytest.fixture
def settings(db, settings_for):
    return settings_for(db)


@pytest.fixture
def ctx(db, settings):
    return context_for(db, settings)


@pytest.fixture
def log_lines(settings):
    """The lines the log holds so far (the log is sent to this test's own file)."""
    configure(settings.log_file)

    def read() -> list[str]:
        if not settings.log_file.exists():
            return []
        return [line.split(" ", 3)[3] for line in settings.log_file.read_text(encoding="utf-8").splitlines()]
    return read


def a_patient(ctx, name="Asha Rao", phone="9000000001", age=30, gender="F", registered="2026-11-01", **details):
    return patients.register_patient(ctx, Patient(name=name, contact_no=phone, age=age, gender=gender,
                                                  registered_on=registered, **details), duplicates_confirmed=True)


def a_doctor(ctx, name="Meera Iyer", specialization="Cardiology", fee="800"):
    return doctors.add_doctor(ctx, Doctor(name, "9100000000", specialization=specialization, consultation_fee=fee))


def a_service(ctx, name="X-Ray - Chest", price="333.33"):
    return price_list.add_service(ctx, Service(name, price))
