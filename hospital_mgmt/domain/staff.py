"""Staff accounts: who may do what. Roles are a fixed set; each grants permissions, and a
doctor's permissions over appointments reach only that doctor's own.

The operations check the permission of the acting user themselves (operations/context.py), so
every face (the menu, the commands, the HTTP API) obeys the same table."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum, StrEnum

from .errors import InvalidField, NotAllowed
from .validation import validate_name

LOGIN_LENGTH = (2, 32)
PASSWORD_LENGTH = (8, 128)
LOGIN_CHARACTERS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")


class Role(StrEnum):
    ADMINISTRATOR = "administrator"
    FRONT_DESK = "front_desk"
    CASHIER = "cashier"
    DOCTOR = "doctor"
    MANAGER = "manager"
    SCHEDULER = "scheduler"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class Permission(Enum):
    """Each value is what the permission lets a user do, as the refusal says it."""

    VIEW_RECORDS = "see patients, doctors and the price list"
    EDIT_PATIENTS = "register and change patients"
    MERGE_PATIENTS = "merge duplicate patient records"
    EDIT_DOCTORS = "keep the doctor list and the departments"
    EDIT_PRICE_LIST = "keep the price list"
    VIEW_APPOINTMENTS = "see appointments"
    BOOK_APPOINTMENTS = "book, cancel and mark no-shows"
    RECORD_VISITS = "complete visits and record diagnoses, vitals and treatments"
    WRITE_NOTES = "write clinical notes"
    VIEW_CLINICAL = "see clinical notes and prescriptions"
    PRESCRIBE = "issue prescriptions"
    VIEW_HISTORY = "see a patient's history"
    VIEW_BILLS = "see bills"
    BILL = "make and void bills"
    TAKE_PAYMENTS = "take payments and deposits and run a cash shift"
    REFUND = "issue credit notes and refunds"
    APPROVE_REFUNDS = "approve large refunds"
    PRINT_INVOICES = "print invoices"
    CASH_UP = "see the cash-up"
    VIEW_REPORTS = "see reports"
    EXPORT = "export data and write report files"
    VIEW_AUDIT = "see the audit trail"
    MANAGE_STAFF = "manage staff accounts"
    MAINTAIN = "check and back up the database"
    LOAD_DATA = "restore the database or load data into it"


class Scope(Enum):
    ALL = "all"
    OWN = "own"  # a doctor's own appointments


P = Permission
READ_ONLY_ELSEWHERE = {P.VIEW_RECORDS, P.VIEW_APPOINTMENTS, P.VIEW_HISTORY, P.VIEW_BILLS}
ROLE_PERMISSIONS: dict[Role, set[Permission]] = {
    Role.ADMINISTRATOR: {P.VIEW_RECORDS, P.EDIT_DOCTORS, P.EDIT_PRICE_LIST, P.MANAGE_STAFF, P.VIEW_AUDIT,
                         P.MAINTAIN, P.LOAD_DATA, P.MERGE_PATIENTS, P.WRITE_NOTES, P.VIEW_CLINICAL},
    Role.FRONT_DESK: {P.VIEW_RECORDS, P.EDIT_PATIENTS, P.MERGE_PATIENTS, P.VIEW_APPOINTMENTS,
                      P.BOOK_APPOINTMENTS, P.VIEW_HISTORY},
    Role.CASHIER: {P.VIEW_RECORDS, P.VIEW_APPOINTMENTS, P.VIEW_HISTORY, P.VIEW_BILLS, P.BILL, P.TAKE_PAYMENTS,
                   P.PRINT_INVOICES, P.CASH_UP, P.REFUND},
    Role.DOCTOR: {P.VIEW_RECORDS, P.VIEW_APPOINTMENTS, P.RECORD_VISITS, P.VIEW_HISTORY, P.WRITE_NOTES,
                  P.VIEW_CLINICAL, P.PRESCRIBE},
    Role.MANAGER: READ_ONLY_ELSEWHERE | {P.CASH_UP, P.VIEW_REPORTS, P.EXPORT, P.VIEW_AUDIT, P.APPROVE_REFUNDS},
    Role.SCHEDULER: {P.VIEW_REPORTS, P.CASH_UP, P.EXPORT, P.MAINTAIN},
}
# What a doctor is given only over their own appointments.
DOCTOR_OWN = {P.VIEW_APPOINTMENTS, P.RECORD_VISITS, P.WRITE_NOTES, P.PRESCRIBE}


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in staff member, or the application itself (`SYSTEM`, which
    creates the schema and the first administrator and applies migrations)."""

    login: str
    roles: frozenset[Role] = frozenset()
    user_id: int | None = None
    doctor_id: int | None = None
    unrestricted: bool = False

    def scope(self, permission: Permission) -> Scope | None:
        """How far the permission reaches for this actor: all records, a doctor's own, or not at all."""
        if self.unrestricted:
            return Scope.ALL
        found = None
        for role in self.roles:
            if permission in ROLE_PERMISSIONS[role]:
                if role is Role.DOCTOR and permission in DOCTOR_OWN:
                    found = found or Scope.OWN
                else:
                    return Scope.ALL
        return found

    def may(self, permission: Permission) -> bool:
        return self.scope(permission) is not None

    def require(self, permission: Permission) -> Scope:
        scope = self.scope(permission)
        if scope is None:
            raise NotAllowed(f"{self.describe()} may not {permission.value}")
        return scope

    def describe(self) -> str:
        roles = ", ".join(sorted(role.label for role in self.roles)) or "no role"
        return f"{self.login} ({roles})"


SYSTEM = Actor("system", unrestricted=True)


@dataclass
class StaffMember:
    login: str
    full_name: str
    roles: frozenset[Role]
    active: bool = True
    doctor_id: int | None = None
    created_at: datetime | None = None
    last_login: datetime | None = None
    user_id: int | None = None

    def __post_init__(self):
        self.login = validate_login(self.login)
        self.full_name = validate_full_name(self.full_name)
        self.roles = validate_roles(self.roles)
        check_doctor_link(self.roles, self.doctor_id)

    @property
    def is_administrator(self) -> bool:
        return Role.ADMINISTRATOR in self.roles

    def actor(self) -> Actor:
        return Actor(self.login, self.roles, self.user_id, self.doctor_id)


def validate_login(value) -> str:
    """A login name: 2 to 32 of a-z, 0-9, `.`, `_`, `-`, kept in lower case (so `Meena` is `meena`)."""
    text = str(value or "").strip().lower()
    low, high = LOGIN_LENGTH
    if not low <= len(text) <= high:
        raise InvalidField("login name", f"must be {low} to {high} characters")
    if not set(text) <= LOGIN_CHARACTERS:
        raise InvalidField("login name", "only letters a-z, digits and . _ - are allowed")
    return text


def validate_full_name(value) -> str:
    return validate_name(value, "full name")


def validate_password(value) -> str:
    """8 to 128 characters of printable text; spaces are allowed (pass phrases), control characters not."""
    text = str(value or "")
    low, high = PASSWORD_LENGTH
    if not low <= len(text) <= high:
        raise InvalidField("password", f"must be {low} to {high} characters")
    if not text.isprintable():
        raise InvalidField("password", "cannot hold control characters")
    if not text.strip():
        raise InvalidField("password", "cannot be only spaces")
    return text


def validate_roles(value) -> frozenset[Role]:
    """Roles given as Role values or as text (`cashier`, `front desk`, `front_desk, manager`)."""
    if isinstance(value, str):
        value = [part for part in value.replace(";", ",").split(",") if part.strip()]
    roles = set()
    for item in value or []:
        try:
            roles.add(item if isinstance(item, Role) else Role(str(item).strip().lower().replace(" ", "_")))
        except ValueError:
            known = ", ".join(role.label for role in Role)
            raise InvalidField("role", f"{str(item).strip()!r} is not a role ({known})") from None
    if not roles:
        raise InvalidField("roles", "give at least one role")
    return frozenset(roles)


def check_doctor_link(roles: frozenset[Role], doctor_id: int | None) -> None:
    if Role.DOCTOR in roles and doctor_id is None:
        raise InvalidField("doctor", "a user with the doctor role is linked to their doctor record (D01...)")
    if Role.DOCTOR not in roles and doctor_id is not None:
        raise InvalidField("doctor", "only a user with the doctor role is linked to a doctor record")


def roles_text(roles) -> str:
    return ", ".join(sorted(role.label for role in roles))


@dataclass(frozen=True)
class Terminal:
    """Where the work is done: the machine and the process (or, over HTTP, the client)."""

    host: str
    process: str


@dataclass
class SignInAttempts:
    """Wrong passwords in a row at one terminal; from the third on, each waits longer."""

    failures: int = 0
    FIRST_DELAY = 1.0
    LONGEST_DELAY = 30.0

    def failed(self) -> float:
        """Count a failure; the seconds to wait before the next try."""
        self.failures += 1
        if self.failures < 3:
            return 0.0
        return min(self.FIRST_DELAY * 2 ** (self.failures - 3), self.LONGEST_DELAY)

    def succeeded(self) -> None:
        self.failures = 0
