"""The clinical record of visits: notes and vitals, prescriptions, and treatments with the bill
each went on."""
from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ..domain.codes import format_code
from ..domain.errors import NotFound
from ..domain.records import restore
from ..domain.visit import VITAL_SIGNS, Medicine, Treatment, VisitRecord, Vitals
from .database import Database, placeholders

VITAL_COLUMNS = (*VITAL_SIGNS, "pregnant")
VISIT_COLUMNS = ("appt_id", "notes", *VITAL_COLUMNS, "recorded_by", "recorded_at")
# A treatment with the state of the bill it went on (a void one frees it).
TREATMENT_SELECT = ("SELECT t.treatment_id, t.appt_id, t.service_id, t.quantity, t.note, t.bill_id, t.recorded_at,"
                    " b.status AS bill_status FROM treatments t")
TREATMENT_BILL = "LEFT JOIN billing b ON b.bill_id = t.bill_id"
# A treatment waits to be billed until it is on a bill that is not void.
WAITING = "(t.bill_id IS NULL OR b.status = 'void')"


def stored_vitals(db: Database, **stored) -> Vitals:
    """Vitals from the columns as stored (any of them; the others not measured): readings with a
    decimal place back to their places, pregnancy back to yes or no. Checked on the way in, so not
    checked again."""
    readings = {}
    for name, sign in VITAL_SIGNS.items():
        value = stored.get(name)
        if value is not None:
            value = db.to_money(value).quantize(Decimal(1).scaleb(-sign.places)) if sign.places else int(value)
        readings[name] = value
    pregnant = stored.get("pregnant")
    return restore(Vitals, **readings, pregnant=None if pregnant is None else bool(pregnant))


class VisitRepository:
    def __init__(self, db: Database):
        self.db = db

    # -- notes and vitals -----------------------------------------------------------
    def get(self, appt_id: int, lock: bool = False) -> VisitRecord | None:
        row = self.db.one(f"SELECT {', '.join(VISIT_COLUMNS)} FROM visits WHERE appt_id = ?"
                          + (self.db.lock_suffix if lock else ""), (appt_id,))
        return None if row is None else self._record(row)

    def of_appointments(self, appt_ids: list[int]) -> dict[int, VisitRecord]:
        if not appt_ids:
            return {}
        rows = self.db.rows(f"SELECT {', '.join(VISIT_COLUMNS)} FROM visits WHERE appt_id IN"
                            f" ({placeholders(appt_ids)})", tuple(appt_ids))
        return {row["appt_id"]: self._record(row) for row in rows}

    def save(self, record: VisitRecord) -> None:
        """Write the record, made or changed (one row per appointment)."""
        values = (record.notes, *self._vital_values(record.vitals), record.recorded_by, record.recorded_at)
        changed = self.db.execute(
            f"UPDATE visits SET {', '.join(f'{c} = ?' for c in VISIT_COLUMNS[1:])} WHERE appt_id = ?",
            (*values, record.appt_id))
        if not changed:
            self.db.execute(f"INSERT INTO visits ({', '.join(VISIT_COLUMNS)})"
                            f" VALUES ({', '.join('?' * len(VISIT_COLUMNS))})", (record.appt_id, *values))

    def record_prescription_print(self, appt_id: int) -> int:
        """Count a print of the visit's prescription; returns how many were made before it."""
        before = int(self.db.scalar("SELECT prescription_prints FROM visits WHERE appt_id = ?"
                                    + self.db.lock_suffix, (appt_id,)))
        self.db.execute("UPDATE visits SET prescription_prints = prescription_prints + 1 WHERE appt_id = ?",
                        (appt_id,))
        return before

    def _vital_values(self, vitals: Vitals) -> list:
        values: list = [getattr(vitals, name) for name in VITAL_SIGNS]
        return [*values, None if vitals.pregnant is None else int(vitals.pregnant)]

    def _record(self, row) -> VisitRecord:
        vitals = stored_vitals(self.db, **{name: row[name] for name in VITAL_COLUMNS})
        return restore(VisitRecord, appt_id=row["appt_id"], notes=row["notes"], vitals=vitals,
                       recorded_by=row["recorded_by"], recorded_at=self.db.to_datetime(row["recorded_at"]))

    # -- prescriptions --------------------------------------------------------------
    def prescription(self, appt_id: int) -> list[Medicine]:
        return self.prescriptions_of([appt_id]).get(appt_id, [])

    def prescriptions_of(self, appt_ids: list[int]) -> dict[int, list[Medicine]]:
        if not appt_ids:
            return {}
        found: dict[int, list[Medicine]] = {}
        for row in self.db.rows("SELECT appt_id, medicine, dosage, frequency, days, instructions FROM prescriptions"
                                f" WHERE appt_id IN ({placeholders(appt_ids)}) ORDER BY appt_id, line_no",
                                tuple(appt_ids)):
            found.setdefault(row["appt_id"], []).append(_medicine(row))
        return found

    def replace_prescription(self, appt_id: int, lines: Iterable[Medicine]) -> None:
        self.db.execute("DELETE FROM prescriptions WHERE appt_id = ?", (appt_id,))
        self.db.executemany("INSERT INTO prescriptions (appt_id, line_no, medicine, dosage, frequency, days,"
                            " instructions) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            [(appt_id, number, line.medicine, line.dosage, line.frequency, line.days,
                              line.instructions) for number, line in enumerate(lines, start=1)])

    # -- treatments -----------------------------------------------------------------
    def add_treatment(self, treatment: Treatment, request_key: str | None = None) -> Treatment:
        treatment.treatment_id = self.db.insert(
            "INSERT INTO treatments (appt_id, service_id, quantity, note, recorded_at, request_key)"
            " VALUES (?, ?, ?, ?, ?, ?)", (treatment.appt_id, treatment.service_id, treatment.quantity,
                                           treatment.note, treatment.recorded_at, request_key))
        return treatment

    def treatment_by_request_key(self, request_key: str) -> Treatment | None:
        row = self.db.one(f"{TREATMENT_SELECT} {TREATMENT_BILL} WHERE t.request_key = ?", (request_key,))
        return None if row is None else self._treatment(row)

    def treatment(self, treatment_id: int, lock: bool = False) -> Treatment:
        row = self.db.one(f"{TREATMENT_SELECT} {TREATMENT_BILL} WHERE t.treatment_id = ?"
                          + (self.db.lock_suffix if lock else ""), (treatment_id,))
        if row is None:
            raise NotFound("treatment", format_code("treatment", treatment_id))
        return self._treatment(row)

    def treatments_of(self, appt_ids: list[int]) -> dict[int, list[Treatment]]:
        if not appt_ids:
            return {}
        found: dict[int, list[Treatment]] = {}
        for row in self.db.rows(f"{TREATMENT_SELECT} {TREATMENT_BILL} WHERE t.appt_id IN ({placeholders(appt_ids)})"
                                " ORDER BY t.treatment_id", tuple(appt_ids)):
            found.setdefault(row["appt_id"], []).append(self._treatment(row))
        return found

    def waiting_for_patient(self, patient_id: int) -> list[Treatment]:
        """The patient's treatments on no live bill yet, oldest first."""
        rows = self.db.rows(f"{TREATMENT_SELECT} JOIN appointments a ON a.appt_id = t.appt_id {TREATMENT_BILL}"
                            f" WHERE a.patient_id = ? AND {WAITING} ORDER BY t.treatment_id", (patient_id,))
        return [self._treatment(row) for row in rows]

    def lock_treatments(self, treatment_ids: list[int]) -> list[Treatment]:
        """The treatments, their rows held until the unit of work ends (two bills never take one)."""
        return [self.treatment(treatment_id, lock=True) for treatment_id in sorted(treatment_ids)]

    def mark_billed(self, treatment_ids: list[int], bill_id: int) -> None:
        self.db.executemany("UPDATE treatments SET bill_id = ? WHERE treatment_id = ?",
                            [(bill_id, treatment_id) for treatment_id in treatment_ids])

    def remove_treatment(self, treatment_id: int) -> None:
        self.db.execute("DELETE FROM treatments WHERE treatment_id = ?", (treatment_id,))

    def _treatment(self, row) -> Treatment:
        billed = row["bill_id"] if row["bill_id"] is not None and row["bill_status"] != "void" else None
        return restore(Treatment, treatment_id=row["treatment_id"], appt_id=row["appt_id"],
                       service_id=row["service_id"], quantity=row["quantity"], note=row["note"], bill_id=billed,
                       recorded_at=self.db.to_datetime(row["recorded_at"]))


def _medicine(row) -> Medicine:
    return restore(Medicine, medicine=row["medicine"], dosage=row["dosage"], frequency=row["frequency"],
                   days=row["days"], instructions=row["instructions"])
