"""Writes that belong together: committed as one, rolled back unless told to commit."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from ..domain.audit import AuditEntry, changes_between
from ..domain.errors import NotSignedIn
from ..domain.staff import Actor, Terminal
from .admissions import AdmissionRepository
from .appointments import AppointmentRepository
from .audit import AuditRepository
from .bills import BillRepository
from .database import Database
from .departments import DepartmentRepository
from .doctors import DoctorRepository
from .labs import LabRepository
from .patients import PatientRepository
from .receipts import CreditNoteRepository, DepositRepository, ReceiptRepository, RefundRepository
from .schedule import ScheduleRepository
from .services import ServiceRepository
from .shifts import ShiftRepository
from .tokens import TokenRepository
from .users import UserRepository
from .visits import VisitRepository


class Witness(Protocol):
    """Who is acting, where and when, and the log their committed changes go to."""

    actor: Actor
    terminal: Terminal

    def now(self) -> datetime: ...
    def log(self, summary: str) -> None: ...


class AuditMissing(RuntimeError):
    """A unit of work tried to commit a change without saying what it was: a fault of the code."""


class Repositories:
    """Every repository over one database; reads need no unit of work."""

    def __init__(self, db: Database):
        self.db = db
        self.patients = PatientRepository(db)
        self.admissions = AdmissionRepository(db)
        self.doctors = DoctorRepository(db)
        self.departments = DepartmentRepository(db)
        self.services = ServiceRepository(db)
        self.appointments = AppointmentRepository(db)
        self.bills = BillRepository(db)
        self.users = UserRepository(db)
        self.audit_trail = AuditRepository(db)
        self.shifts = ShiftRepository(db)
        self.receipts = ReceiptRepository(db)
        self.deposits = DepositRepository(db)
        self.refunds = RefundRepository(db)
        self.credit_notes = CreditNoteRepository(db)
        self.tokens = TokenRepository(db)
        self.schedule = ScheduleRepository(db)
        self.visits = VisitRepository(db)
        self.labs = LabRepository(db)


class UnitOfWork(Repositories):
    """One transaction, with its audit rows. Every change is described with `audit()`; the rows
    are written inside the transaction just before it commits, so a change and its audit row are
    saved together or not at all, and a unit of work that describes nothing cannot commit. Once
    committed, each summary (record codes only) also goes to the log file, with `note()`s."""

    def __init__(self, db: Database, witness: Witness):
        super().__init__(db)
        self._witness = witness
        self._entries: list[AuditEntry] = []
        self._notes: list[str] = []
        self._committed = False

    def __enter__(self) -> UnitOfWork:
        self.db.begin()
        self._entries, self._notes, self._committed = [], [], False
        return self

    def __exit__(self, *exc) -> None:
        if not self._committed:
            self.db.rollback()

    def audit(self, summary: str, operation: str, record: str = "", before: Any = None, after: Any = None) -> None:
        """Describe one change: its one-line summary, the operation (`patient.update`), the record's
        code, and the record before and after (the fields that differ are kept)."""
        self._entries.append(AuditEntry(operation, record, summary, changes_between(before, after)))

    def note(self, summary: str) -> None:
        """A line for the log alone, once the work has committed (a rejected import row, say)."""
        self._notes.append(summary)

    def lock_writes(self, table: str) -> None:
        """Hold the table's write lock until the end: another terminal checking and adding records of
        the same table (an import, a registration) waits, then sees what this one wrote. SQLite's
        transactions already take turns."""
        self.db.scalar("SELECT name FROM write_locks WHERE name = ?" + self.db.lock_suffix, (table,))

    def commit(self) -> None:
        if not self._entries:
            raise AuditMissing("a change was about to be committed without its audit row")
        witness = self._witness
        if witness.actor.user_id is not None and not self.users.is_active(witness.actor.user_id):
            raise NotSignedIn(f"{witness.actor.login}'s account has been deactivated; nothing was saved")
        self.audit_trail.add(self._entries, witness.actor, witness.terminal, witness.now())
        self.db.commit()
        self._committed = True
        for line in self._notes + [entry.summary for entry in self._entries]:
            witness.log(line)
