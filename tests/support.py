"""Contexts for tests: the operations on a test database, at a fixed moment."""
from dataclasses import replace
from datetime import date, datetime, time
from functools import lru_cache

from hospital_mgmt.db_config import load_settings
from hospital_mgmt.domain.staff import SYSTEM, StaffMember, Terminal, validate_roles
from hospital_mgmt.operations.context import Context, FixedClock
from hospital_mgmt.storage.unit_of_work import UnitOfWork

TODAY = date(2026, 11, 22)
MORNING = time(8, 0)  # before the doctors' day begins, so every slot of today is still open
TOMORROW = date(2026, 11, 23)


def context_for(db, settings=None, day: date = TODAY, at: time = MORNING) -> Context:
    settings = settings or load_settings(env_file="/nonexistent/.env", environ={})
    return Context(settings, db, FixedClock(datetime.combine(day, at)))


def on(ctx: Context, day, at: time = MORNING) -> Context:
    """The same context on another day (and time)."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return replace(ctx, clock=FixedClock(datetime.combine(day, at)))


class Bench:
    """The witness of a storage test's unit of work: the application itself, at a fixed moment."""

    actor = SYSTEM
    terminal = Terminal("test bench", "pid 0")

    def now(self) -> datetime:
        return datetime.combine(TODAY, MORNING)

    def log(self, summary: str) -> None:
        pass


class StorageWork(UnitOfWork):
    """A unit of work for tests of the repositories themselves: it names its change generically,
    as every commit must name one."""

    def __init__(self, db):
        super().__init__(db, Bench())

    def commit(self) -> None:
        self.audit("a storage test's change", "test.storage")
        super().commit()


# Staff for the tests of commands and whole runs: one password for every account, from the
# environment as a script gives it. The clerk holds every role but a doctor's.
PASSWORD = "hospital pass 1"
CLERK_ROLES = "administrator,front_desk,cashier,manager,scheduler"
SIGNED_IN = {"HMS_ADMIN_PASSWORD": PASSWORD, "HMS_USER": "clerk", "HMS_PASSWORD": PASSWORD,
             "HMS_NEW_PASSWORD": PASSWORD}
ADD_CLERK = ["--user", "admin", "staff", "add", "clerk", "--name", "Kiran Clerk", "--roles", CLERK_ROLES]
# What a person types at the menu: the first administrator of a new database (login name
# kept at its default, admin), and signing in.
FIRST_ADMINISTRATOR = ["", "Asha Admin", PASSWORD, PASSWORD]
AS_ADMIN = ["admin", PASSWORD]
AS_CLERK = ["clerk", PASSWORD]
CLERK_EXIT = "12"  # the clerk's main menu: nine sections, password, sign out, exit
ADMIN_EXIT = "10"  # the administrator's: patients, doctors, services, reports, import/export, staff, audit, ...


@lru_cache(maxsize=1)
def password_hash() -> str:
    """PASSWORD hashed once for the whole run (argon2 takes a fifth of a second on purpose)."""
    from hospital_mgmt.passwords import hash_password
    return hash_password(PASSWORD)


def add_staff(db, login: str = "clerk", roles: str = CLERK_ROLES, doctor_id: int | None = None,
              full_name: str = "Kiran Clerk") -> StaffMember:
    """A staff account with PASSWORD, written straight to the database (no operation is under test)."""
    member = StaffMember(login, full_name, validate_roles(roles), doctor_id=doctor_id)
    with StorageWork(db) as uow:
        uow.users.add(member, password_hash(), datetime.combine(TODAY, MORNING))
        uow.commit()
    return member


def signed_in(ctx: Context, member: StaffMember) -> Context:
    return replace(ctx, actor=member.actor())


def stored_doctor(repos, doctor):
    """A doctor written straight through the repositories (no operation, no audit row), in the
    department of their specialization, where doctors.add_doctor would put them."""
    if doctor.department_id is None:
        doctor.department_id = repos.departments.of_specialization(doctor.specialization)[0].department_id
    return repos.doctors.add(doctor)
