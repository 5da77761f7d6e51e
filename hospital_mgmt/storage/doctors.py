from __future__ import annotations

from ..domain.codes import format_code
from ..domain.doctor import Doctor
from ..domain.errors import NotFound
from ..domain.records import restore
from ..domain.validation import name_key, phone_digits
from .database import Database, placeholders
from .paging import PAGE_SIZE, Page, PageAt, after_key, capped_count, contains_pattern, make_page, page_window

COLUMNS = "doctor_id, name, specialization, contact_no, consultation_fee, department_id"
INSERT = ("INSERT INTO doctors (name, name_key, specialization, contact_no, consultation_fee, department_id)"
          " VALUES (?, ?, ?, ?, ?, ?)")


class DoctorRepository:
    def __init__(self, db: Database):
        self.db = db

    def add(self, doctor: Doctor) -> Doctor:
        """Store the doctor, in the department it names (operations.doctors places it)."""
        doctor.doctor_id = self.db.insert(INSERT, _values(doctor))
        return doctor

    def add_many(self, doctors: list[Doctor]) -> None:
        self.db.executemany(INSERT, [_values(d) for d in doctors])

    def get(self, doctor_id: int, lock: bool = False) -> Doctor:
        row = self.db.one(f"SELECT {COLUMNS} FROM doctors WHERE doctor_id = ?"
                          + (self.db.lock_suffix if lock else ""), (doctor_id,))
        if row is None:
            raise NotFound("doctor", format_code("doctor", doctor_id))
        return self._doctor(row)

    def page(self, number: PageAt = 1, size: int = PAGE_SIZE) -> Page[Doctor]:
        limit, offset = page_window(number, size)
        after, key = after_key(number, "doctor_id")
        rows = self.db.rows(f"SELECT {COLUMNS} FROM doctors WHERE 1 = 1{after} ORDER BY doctor_id LIMIT ? OFFSET ?",
                            (*key, limit, offset))
        return make_page([self._doctor(r) for r in rows], number, size)

    def update(self, doctor: Doctor) -> None:
        changed = self.db.execute(
            "UPDATE doctors SET name = ?, name_key = ?, specialization = ?, contact_no = ?,"
            " consultation_fee = ?, department_id = ? WHERE doctor_id = ?",
            (doctor.name, name_key(doctor.name), doctor.specialization, doctor.contact_no,
             doctor.consultation_fee, doctor.department_id, doctor.doctor_id))
        if not changed and self.db.one("SELECT 1 AS found FROM doctors WHERE doctor_id = ?",
                                       (doctor.doctor_id,)) is None:
            raise NotFound("doctor", doctor.code)

    def for_appointments(self, appt_ids: list[int]) -> dict[int, Doctor]:
        """The doctor of each appointment, keyed by appointment id."""
        if not appt_ids:
            return {}
        doctor_columns = ", ".join("d." + c for c in COLUMNS.split(", "))
        rows = self.db.rows(f"SELECT a.appt_id, {doctor_columns} FROM appointments a"
                            " JOIN doctors d ON d.doctor_id = a.doctor_id"
                            f" WHERE a.appt_id IN ({placeholders(appt_ids)})", tuple(appt_ids))
        return {row["appt_id"]: self._doctor(row) for row in rows}

    def appointment_count(self, doctor_id: int) -> int:
        return self.db.scalar("SELECT count(*) FROM appointments WHERE doctor_id = ?", (doctor_id,))

    def remove(self, doctor_id: int) -> None:
        """Delete the row; the foreign keys refuse it (StillReferenced) while appointments refer to it."""
        if not self.db.execute("DELETE FROM doctors WHERE doctor_id = ?", (doctor_id,)):
            raise NotFound("doctor", format_code("doctor", doctor_id))

    def search(self, text: str, page: PageAt = 1, size: int = PAGE_SIZE, specialization: str = "") -> Page[Doctor]:
        """Doctors whose name or specialization contains the text, ignoring case and accents
        (and, given one, of exactly that specialization)."""
        limit, offset = page_window(page, size)
        where, params = self._where(text, specialization)
        rows = self.db.rows(f"SELECT {COLUMNS} FROM doctors WHERE {where}"
                            " ORDER BY name_key, doctor_id LIMIT ? OFFSET ?", params + (limit, offset))
        return make_page([self._doctor(r) for r in rows], page, size)

    def count(self, text: str = "", specialization: str = "") -> tuple[int, bool]:
        where, params = self._where(text, specialization)
        return capped_count(self.db, f"doctors WHERE {where}", params)

    @staticmethod
    def _where(text: str, specialization: str) -> tuple[str, tuple]:
        conditions: list[str] = ["1 = 1"]
        params: list[object] = []
        if text.strip():
            conditions.append("(name_key LIKE ? ESCAPE '!' OR lower(specialization) LIKE ? ESCAPE '!')")
            params += [contains_pattern(name_key(text)), contains_pattern(text.strip().lower())]
        if specialization:
            conditions.append("specialization = ?")
            params.append(specialization)
        return " AND ".join(conditions), tuple(params)

    def by_specialization(self, specialization: str, page: PageAt = 1, size: int = PAGE_SIZE) -> Page[Doctor]:
        limit, offset = page_window(page, size)
        rows = self.db.rows(f"SELECT {COLUMNS} FROM doctors WHERE specialization = ? ORDER BY name_key, doctor_id"
                            " LIMIT ? OFFSET ?", (specialization, limit, offset))
        return make_page([self._doctor(r) for r in rows], page, size)

    def in_department(self, department_id: int, page: PageAt = 1, size: int = PAGE_SIZE) -> Page[Doctor]:
        """The doctors of one department by name, a page at a time."""
        limit, offset = page_window(page, size)
        rows = self.db.rows(f"SELECT {COLUMNS} FROM doctors WHERE department_id = ? ORDER BY name_key, doctor_id"
                            " LIMIT ? OFFSET ?", (department_id, limit, offset))
        return make_page([self._doctor(r) for r in rows], page, size)

    def specializations(self) -> list[tuple[str, int]]:
        _, rows = self.db.table(
            "SELECT specialization, count(*) AS doctors FROM doctors GROUP BY specialization ORDER BY specialization")
        return rows

    def existing_keys(self, name_keys: list[str]) -> dict[tuple[str, str], str]:
        """For the names given (as name_key), who is stored: (name_key, last 10 phone digits) -> code."""
        found: dict[tuple[str, str], str] = {}
        for start in range(0, len(name_keys), 500):
            batch = name_keys[start:start + 500]
            _, rows = self.db.table(f"SELECT doctor_id, name_key, contact_no FROM doctors"
                                    f" WHERE name_key IN ({placeholders(batch)})", tuple(batch))
            found.update({(key, phone_digits(contact)[-10:]): format_code("doctor", rid)
                          for rid, key, contact in rows})
        return found

    def _doctor(self, row) -> Doctor:
        return restore(Doctor, name=row["name"], contact_no=row["contact_no"], age=None, gender=None,
                       specialization=row["specialization"], consultation_fee=self.db.to_money(row["consultation_fee"]),
                       doctor_id=row["doctor_id"], department_id=row["department_id"])


def _values(doctor: Doctor) -> tuple:
    return (doctor.name, name_key(doctor.name), doctor.specialization, doctor.contact_no, doctor.consultation_fee,
            doctor.department_id)
