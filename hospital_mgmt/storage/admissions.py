"""Stays in the hospital, each its own row; at most one open per patient (a unique index holds it)."""
from __future__ import annotations

from datetime import date

from ..domain.admission import Admission
from ..domain.records import restore
from .database import Database

COLUMNS = "admission_id, patient_id, admitted_on, ward, reason, discharged_on"


class AdmissionRepository:
    def __init__(self, db: Database):
        self.db = db

    def add(self, admission: Admission) -> Admission:
        """Store a stay; a second open stay of one patient is refused by uq_admissions_open."""
        admission.admission_id = self.db.insert(
            "INSERT INTO admissions (patient_id, admitted_on, ward, reason, discharged_on) VALUES (?, ?, ?, ?, ?)",
            (admission.patient_id, admission.admitted_on, admission.ward, admission.reason, admission.discharged_on))
        return admission

    def open_stay(self, patient_id: int, lock: bool = False) -> Admission | None:
        """The patient's stay not yet discharged, if any."""
        row = self.db.one(f"SELECT {COLUMNS} FROM admissions WHERE patient_id = ? AND open_stay = 1"
                          + (self.db.lock_suffix if lock else ""), (patient_id,))
        return None if row is None else self._admission(row)

    def of_patient(self, patient_id: int) -> list[Admission]:
        """Every stay of the patient, the latest first."""
        return [self._admission(row) for row in self.db.rows(
            f"SELECT {COLUMNS} FROM admissions WHERE patient_id = ? ORDER BY admitted_on DESC, admission_id DESC",
            (patient_id,))]

    def discharge(self, admission_id: int, on: date) -> None:
        self.db.execute("UPDATE admissions SET discharged_on = ? WHERE admission_id = ?", (on, admission_id))

    def _admission(self, row) -> Admission:
        return restore(Admission, admission_id=row["admission_id"], patient_id=row["patient_id"],
                       admitted_on=self.db.to_date(row["admitted_on"]), ward=row["ward"], reason=row["reason"],
                       discharged_on=self.db.to_date(row["discharged_on"]))
