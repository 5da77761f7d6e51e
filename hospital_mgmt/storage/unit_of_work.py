"""Writes that belong together: committed as one, rolled back unless told to commit."""
from __future__ import annotations

from collections.abc import Callable

from .appointments import AppointmentRepository
from .bills import BillRepository
from .database import Database
from .doctors import DoctorRepository
from .patients import PatientRepository
from .services import ServiceRepository


class Repositories:
    """Every repository over one database; reads need no unit of work."""

    def __init__(self, db: Database):
        self.db = db
        self.patients = PatientRepository(db)
        self.doctors = DoctorRepository(db)
        self.services = ServiceRepository(db)
        self.appointments = AppointmentRepository(db)
        self.bills = BillRepository(db)


class UnitOfWork(Repositories):
    """One transaction. `audit(event)` notes what it did (record codes only); the notes are handed
    to `on_commit` once the commit has succeeded, so the audit trail never tells of a change that
    was rolled back."""

    def __init__(self, db: Database, on_commit: Callable[[list[str]], None] | None = None):
        super().__init__(db)
        self._on_commit = on_commit
        self._events: list[str] = []
        self._committed = False

    def __enter__(self) -> UnitOfWork:
        self.db.begin()
        self._events, self._committed = [], False
        return self

    def __exit__(self, *exc) -> None:
        if not self._committed:
            self.db.rollback()

    def audit(self, event: str) -> None:
        self._events.append(event)

    def lock_writes(self, table: str) -> None:
        """Hold the table's write lock until the end: another terminal checking and adding records of
        the same table (an import, a registration) waits, then sees what this one wrote. SQLite's
        transactions already take turns."""
        self.db.scalar("SELECT name FROM write_locks WHERE name = ?" + self.db.lock_suffix, (table,))

    def commit(self) -> None:
        self.db.commit()
        self._committed = True
        if self._on_commit and self._events:
            self._on_commit(self._events)
