"""Errors named for the business condition; their text is what a clerk reads.

Each error is of one of six kinds, and each face maps the kinds in one place (boundary.py):
- not found: the record asked for does not exist;
- conflict: records already stored are in the way (a taken slot, a bill already paid, a duplicate);
- refused: the request itself breaks a rule (a bad field, a discount larger than the bill);
- not allowed: the signed-in user's roles do not let them do it;
- unauthenticated: nobody is signed in, or the sign-in failed;
- unavailable: the database or the disk cannot do it now.
"""
from __future__ import annotations

from enum import Enum


class ErrorKind(Enum):
    NOT_FOUND = "not found"
    CONFLICT = "conflict"
    REFUSED = "refused"
    NOT_ALLOWED = "not allowed"
    UNAUTHENTICATED = "unauthenticated"
    UNAVAILABLE = "unavailable"


class HospitalError(Exception):
    """Base of every error the application explains to the user as `Error: <reason>`."""

    kind = ErrorKind.REFUSED


class NotFound(HospitalError):
    kind = ErrorKind.NOT_FOUND

    def __init__(self, what: str, code: str, message: str | None = None):
        super().__init__(message or f"no {what} {code}")
        self.what = what
        self.code = code


class Conflict(HospitalError):
    kind = ErrorKind.CONFLICT


class Refused(HospitalError):
    kind = ErrorKind.REFUSED


class Unavailable(HospitalError):
    kind = ErrorKind.UNAVAILABLE


class NotAllowed(HospitalError):
    """The signed-in user's roles do not permit the operation (checked by the operation itself)."""

    kind = ErrorKind.NOT_ALLOWED


class NotSignedIn(HospitalError):
    """A sign-in that failed (wrong name or password, an inactive account), or none at all."""

    kind = ErrorKind.UNAUTHENTICATED


# -- fields and requests -------------------------------------------------------------------

class InvalidField(Refused):
    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class InvalidRequest(Refused):
    """A request that cannot be read as asked (options that contradict each other, say)."""


class InvalidPeriod(Refused):
    def __init__(self, first, last):
        super().__init__(f"the period ends ({last}) before it starts ({first})")


# -- records in general --------------------------------------------------------------------

class Duplicate(Conflict):
    """A value that must be unique is already stored."""


class DuplicateServiceName(Duplicate):
    def __init__(self, name: str):
        super().__init__(f"a service named {name!r} already exists")


class DuplicateLabTest(Duplicate):
    def __init__(self, name: str):
        super().__init__(f"a lab test named {name!r} already exists")


class DuplicateDepartmentName(Duplicate):
    def __init__(self, name: str):
        super().__init__(f"a department named {name!r} already exists")


class StillReferenced(Conflict):
    """A record cannot be removed while others refer to it."""


class UnknownReference(Conflict):
    """A record refers to another that does not exist (or no longer does)."""


class DatabaseNotEmpty(Conflict):
    """Demo or scale data goes only into an empty database."""


# -- patients, doctors, services -----------------------------------------------------------

class PossibleDuplicates(Conflict):
    """Patients already on record who may be the one being registered; each with its reason."""

    def __init__(self, matches: list):
        described = "; ".join(f"{patient.code} ({reason})" for patient, reason in matches)
        super().__init__(f"this patient may already be registered: {described}")
        self.matches = matches


class PatientHasHistory(StillReferenced):
    def __init__(self, code: str, appointments: int, bills: int, admissions: int = 0):
        counted = [_count(n, noun) for n, noun in ((appointments, "appointment"), (bills, "bill"),
                                                   (admissions, "admission")) if n]
        super().__init__(f"patient {code} has {' and '.join(counted)}; a patient with history is kept")


class DoctorHasAppointments(StillReferenced):
    def __init__(self, code: str, appointments: int):
        super().__init__(f"doctor {code} has {_count(appointments, 'appointment')}; a doctor with history is kept")


class DepartmentHasDoctors(StillReferenced):
    def __init__(self, code: str, doctors: int):
        super().__init__(f"department {code} has {_count(doctors, 'doctor')}; move them to another department first")


class ServiceOnBills(StillReferenced):
    def __init__(self, code: str, bills: int):
        super().__init__(f"service {code} is on {_count(bills, 'bill')}; a service on bills is kept")


class NotAdmitted(Conflict):
    """Discharging a patient who is not admitted."""


class AlreadyAdmitted(Conflict):
    """Admitting a patient who is still admitted."""


class MergeRefused(Conflict):
    """Merging two patient records where a rule would break (the same record, one already merged,
    two live appointments in one slot, two open stays)."""


class PatientMerged(Conflict):
    """A change to a record merged into another: the surviving record is the one to use."""


# -- appointments --------------------------------------------------------------------------

class SlotTaken(Conflict):
    """A doctor or a patient already has a live appointment in that slot."""


class InvalidTransition(Conflict):
    """A status change that makes no sense (completing a cancelled appointment, say)."""


class DayInPast(InvalidField):
    def __init__(self, day):
        super().__init__("appointment date", f"{day} is in the past; book today or later")


class TimeInPast(InvalidField):
    def __init__(self, at):
        super().__init__("appointment time", f"{at:%H:%M} has already passed today; choose a later time")


class OffSlotGrid(InvalidField):
    def __init__(self, slot_minutes: int):
        super().__init__("appointment time",
                         f"must be on a {slot_minutes}-minute slot (e.g. 10:00, 10:{slot_minutes:02d})")


class OutsideDoctorsHours(InvalidField):
    def __init__(self, at, start, end, whose: str = "the doctors'", when: str = ""):
        super().__init__("appointment time",
                         f"{at:%H:%M} is outside {whose} hours{when} ({start:%H:%M} to {end:%H:%M})")


class DoctorNotWorking(Refused):
    """A booking on a weekday the doctor does not work."""


class DoctorOnLeave(Refused):
    """A booking on a day of the doctor's leave."""


class LeaveHasAppointments(Conflict):
    """Leave over days on which the doctor still has live appointments."""


class NotOnTheDay(Refused):
    """Checking in a patient on another day than their appointment's."""


class SlotNotYetPassed(Refused):
    """Marking a no-show before the appointment's time has come."""


class NoFreeSlot(Conflict):
    """A walk-in for a doctor with no free slot left that day."""


class VisitNotYetDue(Refused):
    """Completing, or marking as missed, an appointment whose day has not come."""

    def __init__(self, code: str, day, what: str):
        super().__init__(f"appointment {code} is on {day}; it cannot be marked {what} before that day")


# -- bills ---------------------------------------------------------------------------------

class InvalidQuantity(Refused):
    pass


class DiscountTooLarge(Refused):
    pass


class EmptyBill(Refused):
    pass


class AmountTooLarge(Refused):
    """A figure of the bill past the largest amount the database keeps (DECIMAL(12,2))."""

    def __init__(self, what: str, amount, largest):
        super().__init__(f"the {what} would be {amount:,.2f}, more than the largest amount a bill can hold"
                         f" ({largest:,.2f})")


class ServiceNotOnBill(NotFound):
    def __init__(self, code: str):
        super().__init__("service", code, f"{code} is not on this bill")


class NotPatientsAppointment(Refused):
    def __init__(self, appointment_code: str, patient_code: str):
        super().__init__(f"{appointment_code} is not one of patient {patient_code}'s appointments")


class AppointmentNotBillable(Conflict):
    def __init__(self, code: str, status: str):
        super().__init__(f"appointment {code} is {status}; a cancelled or missed appointment is not billed")


class AppointmentAlreadyBilled(Conflict):
    def __init__(self, appointment_code: str, bill_code: str):
        super().__init__(f"{appointment_code} is already on bill {bill_code}")


class NothingToPrint(Refused):
    """A document asked for that has nothing in it (a visit with no prescription)."""


class NotPatientsTreatment(Refused):
    """A treatment of another patient's visit put on a bill."""


class TreatmentAlreadyBilled(Conflict):
    def __init__(self, treatment_code: str, bill_code: str):
        super().__init__(f"treatment {treatment_code} is already on bill {bill_code}")


class PricesChanged(Conflict):
    def __init__(self, changes: list[str]):
        super().__init__(f"prices changed while the bill was open ({'; '.join(changes)}); "
                         "the bill now shows today's prices: check it and finalize again")


class ServiceWithdrawn(Conflict):
    def __init__(self, code: str):
        super().__init__(f"service {code} was removed from the price list; remove it from the bill")


class BillIsVoid(Conflict):
    def __init__(self, code: str, what: str = "paid"):
        super().__init__(f"bill {code} is void and cannot be {what}")


class BillAlreadyPaid(Conflict):
    def __init__(self, code: str):
        super().__init__(f"bill {code} is already paid")


class BillAlreadyVoid(Conflict):
    def __init__(self, code: str):
        super().__init__(f"bill {code} is already void")


class BillHasPayments(Conflict):
    def __init__(self, code: str, paid, what: str = "payments"):
        super().__init__(f"bill {code} has {what} of {paid}; it cannot be voided: issue a credit note instead")


class NothingToCredit(Refused):
    def __init__(self, code: str):
        super().__init__(f"nothing to credit on bill {code}: choose the whole bill or a line with a quantity")


class CreditExceedsBill(Refused):
    def __init__(self, code: str, amount, payable):
        super().__init__(f"a credit of {amount} is more than bill {code} still comes to ({payable})")


class RefundNeedsApproval(NotAllowed):
    def __init__(self, amount, limit):
        super().__init__(f"a refund of {amount:,.2f} is above {limit:,.2f}: a manager must approve it")


class DepositTooSmall(Refused):
    def __init__(self, code: str, amount, held):
        super().__init__(f"patient {code} holds a deposit of {held}, less than {amount}")


class PaymentExceedsBalance(Refused):
    def __init__(self, amount, code: str, balance):
        super().__init__(f"{amount} is more than the balance of bill {code} ({balance})")


# -- staff and shifts ----------------------------------------------------------------------

class LoginTaken(Duplicate):
    def __init__(self, login: str):
        super().__init__(f"the login name {login!r} is taken")


class LastAdministrator(Conflict):
    """Deactivating, or taking the role from, the only active administrator."""

    def __init__(self, login: str):
        super().__init__(f"{login} is the last active administrator; make another administrator first")


class NoOpenShift(Conflict):
    def __init__(self, login: str):
        super().__init__(f"{login} has no open shift; open one (Billing > Open my shift) before taking payments")


class ShiftAlreadyOpen(Conflict):
    def __init__(self, login: str, shift_code: str, opened_at):
        super().__init__(f"{login} already has shift {shift_code} open since {opened_at:%Y-%m-%d %H:%M};"
                         " close it first")


# -- files ---------------------------------------------------------------------------------

class ImportRefused(Refused):
    """The whole file is refused (not CSV, or without the required headers)."""


class RowRejected(Refused):
    """One row of an import breaks a rule that is not a single field's."""


class SeedError(Refused):
    """The demo data files are missing or not as expected."""


class OutputError(Unavailable):
    """A folder or file the application writes cannot be written."""


class OutputRefused(Refused):
    """A file name given for output that must not be written: the database, the log, a folder."""


class FileExists(Conflict):
    """Writing would replace a file; the face asks first (the menu) or wants --force (a command)."""

    def __init__(self, path):
        super().__init__(f"{path} exists already; choose another name, or replace it (--force)")
        self.path = path


# -- the database --------------------------------------------------------------------------

class StorageError(Unavailable):
    """The database failed; the text says why."""


class DatabaseUnavailable(StorageError):
    """The database cannot be reached or opened."""


class ConnectionLost(DatabaseUnavailable):
    """The connection to the database server broke during the action; the next action connects again."""


class SaveUnconfirmed(ConnectionLost):
    """The connection broke while a change was being committed: it may have been saved or not."""


class DatabaseDamaged(StorageError):
    """The database's file or tables are damaged; check-db tells where, a backup restores it."""


class DatabaseBusy(StorageError):
    """Another terminal held the rows too long; trying again usually works."""


class ChangeRefusedByDatabase(Refused):
    """A constraint of the schema refused a value the application let through."""


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
