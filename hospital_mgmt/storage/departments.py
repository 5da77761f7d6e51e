"""The departments, each with how many doctors it has."""
from __future__ import annotations

from ..domain.codes import format_code
from ..domain.department import Department
from ..domain.errors import DuplicateDepartmentName, NotFound
from ..domain.records import restore
from .database import Database, DuplicateKey

COLUMNS = "department_id, name, location"


class DepartmentRepository:
    def __init__(self, db: Database):
        self.db = db

    def add(self, department: Department) -> Department:
        try:
            department.department_id = self.db.insert(
                "INSERT INTO departments (name, department_key, location) VALUES (?, ?, ?)",
                (department.name, department.key, department.location))
        except DuplicateKey:
            raise DuplicateDepartmentName(department.name) from None
        return department

    def get(self, department_id: int, lock: bool = False) -> Department:
        row = self.db.one(f"SELECT {COLUMNS} FROM departments WHERE department_id = ?"
                          + (self.db.lock_suffix if lock else ""), (department_id,))
        if row is None:
            raise NotFound("department", format_code("department", department_id))
        return _department(row)

    def named(self, name: str) -> Department | None:
        """The department of that name, however it is written (`E.N.T.` finds `ENT`)."""
        row = self.db.one(f"SELECT {COLUMNS} FROM departments WHERE department_key = ?",
                          (Department(name).key,))
        return None if row is None else _department(row)

    def of_specialization(self, specialization: str) -> tuple[Department, bool]:
        """The department named after the specialization, made when there is none; and whether it
        was made now."""
        wanted = Department.of_specialization(specialization)
        found = self.named(wanted.name)
        return (found, False) if found is not None else (self.add(wanted), True)

    def all(self) -> list[tuple[Department, int]]:
        """Every department by name, with its number of doctors (a hospital has tens of them)."""
        rows = self.db.rows(
            "SELECT d.department_id, d.name, d.location,"
            " (SELECT count(*) FROM doctors r WHERE r.department_id = d.department_id) AS doctors"
            " FROM departments d ORDER BY d.department_key, d.department_id")
        return [(_department(row), int(row["doctors"])) for row in rows]

    def update(self, department: Department) -> None:
        try:
            changed = self.db.execute(
                "UPDATE departments SET name = ?, department_key = ?, location = ? WHERE department_id = ?",
                (department.name, department.key, department.location, department.department_id))
        except DuplicateKey:
            raise DuplicateDepartmentName(department.name) from None
        if not changed and self.db.one("SELECT 1 AS found FROM departments WHERE department_id = ?",
                                       (department.department_id,)) is None:
            raise NotFound("department", department.code)

    def doctor_count(self, department_id: int) -> int:
        return int(self.db.scalar("SELECT count(*) FROM doctors WHERE department_id = ?", (department_id,)))

    def remove(self, department_id: int) -> None:
        if not self.db.execute("DELETE FROM departments WHERE department_id = ?", (department_id,)):
            raise NotFound("department", format_code("department", department_id))


def _department(row) -> Department:
    return restore(Department, name=row["name"], location=row["location"], department_id=row["department_id"])
