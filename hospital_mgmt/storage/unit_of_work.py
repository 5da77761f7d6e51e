"""Writes that belong together: committed as one, rolled back unless told to commit."""
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
    def __enter__(self) -> "UnitOfWork":
        self.db.begin()
        self._committed = False
        return self

    def __exit__(self, *exc):
        if not self._committed:
            self.db.rollback()

    def commit(self) -> None:
        self.db.commit()
        self._committed = True
