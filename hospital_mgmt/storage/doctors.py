from __future__ import annotations  # the repositories define list(), which would shadow list[...] here

from ..domain.codes import format_code
from ..domain.doctor import Doctor
from ..domain.errors import NotFound, StillReferenced
from ..domain.records import restore
from ..domain.validation import name_key
from .database import Database, placeholders
from .paging import PAGE_SIZE, Page, contains_pattern, make_page, page_window

COLUMNS = "doctor_id, name, specialization, contact_no, consultation_fee"


class DoctorRepository:
    def __init__(self, db: Database):
        self.db = db

    def add(self, doctor: Doctor) -> Doctor:
        doctor.doctor_id = self.db.insert(
            "INSERT INTO doctors (name, name_key, specialization, contact_no, consultation_fee)"
            " VALUES (?, ?, ?, ?, ?)",
            (doctor.name, name_key(doctor.name), doctor.specialization, doctor.contact_no,
             doctor.consultation_fee))
        return doctor

    def get(self, doctor_id: int) -> Doctor:
        row = self.db.one(f"SELECT {COLUMNS} FROM doctors WHERE doctor_id = ?", (doctor_id,))
        if row is None:
            raise NotFound("doctor", format_code("doctor", doctor_id))
        return self._doctor(row)

    def list(self, page: int = 1, size: int = PAGE_SIZE) -> Page[Doctor]:
        limit, offset = page_window(page, size)
        rows = self.db.rows(f"SELECT {COLUMNS} FROM doctors ORDER BY doctor_id LIMIT ? OFFSET ?", (limit, offset))
        return make_page([self._doctor(r) for r in rows], page, size)

    def update(self, doctor: Doctor) -> None:
        changed = self.db.execute(
            "UPDATE doctors SET name = ?, name_key = ?, specialization = ?, contact_no = ?,"
            " consultation_fee = ? WHERE doctor_id = ?",
            (doctor.name, name_key(doctor.name), doctor.specialization, doctor.contact_no,
             doctor.consultation_fee, doctor.doctor_id))
        if not changed and self.db.one("SELECT 1 AS found FROM doctors WHERE doctor_id = ?",
                                       (doctor.doctor_id,)) is None:
            raise NotFound("doctor", doctor.code)

    def for_appointments(self, appt_ids: list[int]) -> dict[int, Doctor]:
        """The doctor of each appointment, keyed by appointment id."""
        if not appt_ids:
            return {}
        rows = self.db.rows(f"SELECT a.appt_id, {', '.join('d.' + c for c in COLUMNS.split(', '))} FROM appointments a"
                            f" JOIN doctors d ON d.doctor_id = a.doctor_id WHERE a.appt_id IN ({placeholders(appt_ids)})",
                            tuple(appt_ids))
        return {row["appt_id"]: self._doctor(row) for row in rows}

    def appointment_count(self, doctor_id: int) -> int:
        return self.db.scalar("SELECT count(*) FROM appointments WHERE doctor_id = ?", (doctor_id,))

    def remove(self, doctor_id: int) -> None:
        code = format_code("doctor", doctor_id)
        count = self.appointment_count(doctor_id)
        if count:
            raise StillReferenced(
                f"doctor {code} has {count} appointment{'s' if count > 1 else ''}; a doctor with history is kept")
        if not self.db.execute("DELETE FROM doctors WHERE doctor_id = ?", (doctor_id,)):
            raise NotFound("doctor", code)

    def search(self, text: str, page: int = 1, size: int = PAGE_SIZE) -> Page[Doctor]:
        """Doctors whose name or specialization contains the text, ignoring case and accents."""
        limit, offset = page_window(page, size)
        key = contains_pattern(name_key(text))
        rows = self.db.rows(
            f"SELECT {COLUMNS} FROM doctors WHERE name_key LIKE ? ESCAPE '!' OR lower(specialization) LIKE ? ESCAPE '!'"
            " ORDER BY name_key, doctor_id LIMIT ? OFFSET ?", (key, contains_pattern(text.strip().lower()), limit, offset))
        return make_page([self._doctor(r) for r in rows], page, size)

    def by_specialization(self, specialization: str) -> list[Doctor]:
        rows = self.db.rows(f"SELECT {COLUMNS} FROM doctors WHERE specialization = ? ORDER BY name_key",
                            (specialization,))
        return [self._doctor(r) for r in rows]

    def specializations(self) -> list[tuple[str, int]]:
        _, rows = self.db.table(
            "SELECT specialization, count(*) AS doctors FROM doctors GROUP BY specialization ORDER BY specialization")
        return rows

    def _doctor(self, row) -> Doctor:
        return restore(Doctor, name=row["name"], contact_no=row["contact_no"], age=None, gender=None,
                       specialization=row["specialization"], consultation_fee=self.db.to_money(row["consultation_fee"]),
                       doctor_id=row["doctor_id"])
