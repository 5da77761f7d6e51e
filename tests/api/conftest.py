"""The API on both engines, in-process (Starlette's TestClient): an app on the test database at
08:00 on 2026-11-22, staff of every role, and a client that signs in as any of them."""
from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from hospital_mgmt.api.app import create_app
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.domain.service import Service
from hospital_mgmt.operations.context import FixedClock
from hospital_mgmt.operations.tokens import token_hash
from tests.support import CLERK_ROLES, MORNING, TODAY, StorageWork, add_staff, stored_doctor

NOW = datetime.combine(TODAY, MORNING)
STAFF = {"admin": "administrator", "dina": "front_desk", "ravi": "cashier", "mona": "manager",
         "sam": "scheduler", "meera": "doctor", "bala": "doctor", "clerk": CLERK_ROLES}


class Clock(FixedClock):
    """A clock a test can move on."""

    def move_to(self, at: datetime) -> None:
        self.at = at


class Api:
    """A client of the app that can act as any of the staff (a token made for them directly,
    without the argon2 check that POST /auth/token makes; that route has tests of its own)."""

    def __init__(self, client: TestClient, db, settings, clock: Clock):
        self.client, self.db, self.settings, self.clock = client, db, settings, clock

    def as_(self, login: str) -> dict:
        token = f"test-token-{login}"
        user_id = self.db.scalar("SELECT user_id FROM users WHERE login = ?", (login,))
        if not self.db.scalar("SELECT count(*) FROM api_tokens WHERE token_hash = ?", (token_hash(token),)):
            with StorageWork(self.db) as uow:
                uow.tokens.add(token_hash(token), user_id, NOW, datetime(2100, 1, 1), "tests")
                uow.commit()
        return {"Authorization": f"Bearer {token}"}

    def get(self, path, login="admin", **kwargs):
        return self.client.get(path, headers={**self.as_(login), **kwargs.pop("headers", {})}, **kwargs)

    def post(self, path, login="admin", **kwargs):
        return self.client.post(path, headers={**self.as_(login), **kwargs.pop("headers", {})}, **kwargs)

    def put(self, path, login="admin", **kwargs):
        return self.client.put(path, headers={**self.as_(login), **kwargs.pop("headers", {})}, **kwargs)

    def delete(self, path, login="admin", **kwargs):
        return self.client.delete(path, headers={**self.as_(login), **kwargs.pop("headers", {})}, **kwargs)


@pytest.fixture
def hospital(db):
    """Two patients, two doctors (Meera D01 with the doctor account meera, Bala D02 with bala), two
    services, and the staff of every role."""
    with StorageWork(db) as uow:
        uow.patients.add(Patient(name="Asha Rao", contact_no="9000000001", age=30, gender="F",
                                 registered_on="2026-11-01"))
        uow.patients.add(Patient(name="Ravi Kumar", contact_no="9000000002", age=52, gender="M",
                                 registered_on="2026-11-02"))
        stored_doctor(uow, Doctor("Meera Iyer", "9100000000", specialization="Cardiology", consultation_fee="800"))
        stored_doctor(uow, Doctor("Bala Iyer", "9100000001", specialization="ENT", consultation_fee="300"))
        uow.services.add(Service("X-Ray - Chest", "333.33"))
        uow.services.add(Service("MRI - Knee", "2000"))
        uow.commit()
    for login, role in STAFF.items():
        add_staff(db, login, role, doctor_id={"meera": 1, "bala": 2}.get(login), full_name=login.title())
    return db


@pytest.fixture
def api(hospital, settings_for):
    settings = settings_for(hospital, REFUND_APPROVAL_ABOVE="1000", API_MAX_BODY_KB="16")
    clock = Clock(NOW)
    with TestClient(create_app(settings, clock, pool_size=2), raise_server_exceptions=False) as client:
        yield Api(client, hospital, settings, clock)


def problem(response, status: int) -> dict:
    """The problem document of a refused request, checked to be one."""
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["detail"]
    return body
