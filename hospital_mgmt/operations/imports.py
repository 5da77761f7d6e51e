"""Importing patients, doctors or services from CSV: every row checked with the rules a clerk's
entry meets, good rows written together in one transaction, bad rows listed and filed beside."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..documents.csv_import import EXTRA, read_records, write_rejects
from ..domain.doctor import Doctor
from ..domain.errors import HospitalError, RowRejected
from ..domain.patient import Patient
from ..domain.service import Service
from ..domain.staff import Permission
from ..domain.validation import name_key, phone_digits
from ..storage.unit_of_work import Repositories
from .context import Context
from .doctors import place_in_department


@dataclass
class ImportKind:
    required: list[str]
    optional: list[str]
    build: Callable[[dict, date], Any]  # a row and today -> the record
    key: Callable[[Any], tuple]  # what makes two records the same one
    existing: Callable[[Repositories, list[tuple]], dict[tuple, str]]  # keys already stored -> their codes
    add_many: Callable[[Repositories, list], None]
    permission: Permission


def _person_key(person: Patient | Doctor) -> tuple[str, str]:
    return name_key(person.name), phone_digits(person.contact_no)[-10:]


IMPORTS = {
    "patients": ImportKind(
        ["name", "gender", "contact_no"],
        ["birth_date", "age", "email", "address", "city", "blood_group", "registered_on"],
        lambda r, today: Patient(name=r["name"], contact_no=r["contact_no"], gender=r["gender"],
                                 birth_date=r.get("birth_date") or None, age=r.get("age") or None,
                                 email=r.get("email") or "", address=r.get("address") or "", city=r.get("city") or "",
                                 blood_group=r.get("blood_group") or "", registered_on=r.get("registered_on") or today),
        _person_key,
        lambda repos, keys: repos.patients.existing_keys([key[0] for key in keys]),
        lambda repos, items: repos.patients.add_many(items), Permission.EDIT_PATIENTS),
    "doctors": ImportKind(
        ["name", "specialization", "contact_no", "consultation_fee"], [],
        lambda r, today: Doctor(r["name"], r["contact_no"], specialization=r["specialization"],
                         consultation_fee=r["consultation_fee"]),
        _person_key,
        lambda repos, keys: repos.doctors.existing_keys([key[0] for key in keys]),
        lambda uow, items: _add_doctors(uow, items), Permission.EDIT_DOCTORS),
    "services": ImportKind(
        ["service_name", "cost"], [],
        lambda r, today: Service(r["service_name"], r["cost"]),
        lambda service: (service.key,),
        lambda repos, keys: repos.services.existing_keys([key[0] for key in keys]),
        lambda repos, items: repos.services.add_many(items), Permission.EDIT_PRICE_LIST),
}


@dataclass
class ImportResult:
    imported: int
    rejected: list[tuple[int, dict, str]] = field(default_factory=list)  # line, the row, the reason
    warnings: list[str] = field(default_factory=list)
    rejects_path: Path | None = None

    @property
    def summary(self) -> str:
        return f"imported {self.imported}, rejected {len(self.rejected)}"


def columns_of(what: str) -> tuple[list[str], list[str]]:
    """The required and the optional columns of an import."""
    return IMPORTS[what].required, IMPORTS[what].optional


def import_file(ctx: Context, what: str, path: Path,
                progress: Callable[[list[tuple[int, dict]]], Iterable[tuple[int, dict]]] | None = None) -> ImportResult:
    """Import `what` (patients, doctors or services) from the CSV file at `path`. A row already
    on record, or twice in the file, is rejected like a row that breaks a rule. Good rows go in
    together or not at all; the rejects file is written in the same unit of work."""
    kind = IMPORTS[what]
    ctx.require(kind.permission)  # importing patients is the front desk's; doctors and prices the administrator's
    source = read_records(path, kind.required)
    header = source.header
    warnings = [f"ignoring the column {extra!r}: it is not one of {what}'s"
                for extra in header if extra not in kind.required + kind.optional]
    candidates, rejected = _check_rows(kind, progress(source.records) if progress else source.records, ctx.today())
    rejected += [(line, {}, reason, reason) for line, reason in source.unreadable]
    result = ImportResult(0, warnings=warnings)
    with ctx.unit_of_work() as uow:
        uow.lock_writes(what)  # a second terminal importing the same file waits, then finds these on record
        existing = kind.existing(uow, [kind.key(item) for _, _, item in candidates])
        good = _drop_duplicates(kind, candidates, existing, rejected)
        if good:
            kind.add_many(uow, good)
        rejected.sort(key=lambda entry: entry[0])
        result.imported, result.rejected = len(good), [(line, record, reason) for line, record, reason, _ in rejected]
        if rejected:
            result.rejects_path = write_rejects(path, header, result.rejected)
        for line, _, _, why in rejected:
            uow.note(f"import {what}: line {line} rejected: {why}")
        uow.audit(f"import {what}: {result.summary}", f"import.{what}",
                  after={"file": path.name, "imported": result.imported, "rejected": len(rejected)})
        uow.commit()
    return result


def _add_doctors(uow, doctors: list[Doctor]) -> None:
    """Each in the department of their specialization (made, and audited, when there is none)."""
    for doctor in doctors:
        place_in_department(uow, doctor)
    uow.doctors.add_many(doctors)


def _check_rows(kind: ImportKind, records: Iterable[tuple[int, dict]], today: date) -> tuple[list, list]:
    candidates, rejected = [], []
    for line, record in records:
        try:
            candidates.append((line, record, _build(kind, record, today)))
        except HospitalError as error:
            rejected.append((line, record, str(error), _log_reason(error)))
    return candidates, rejected


def _drop_duplicates(kind: ImportKind, candidates: list, existing: dict[tuple, str], rejected: list) -> list:
    good, seen = [], dict[tuple, int]()
    for line, record, item in candidates:
        key = kind.key(item)
        if key in existing:
            reason = f"already on record as {existing[key]}"
            rejected.append((line, record, reason, reason))
        elif key in seen:
            reason = f"duplicate of line {seen[key]}"
            rejected.append((line, record, reason, reason))
        else:
            seen[key] = line
            good.append(item)
    return good


def _build(kind: ImportKind, record: dict, today: date):
    if EXTRA in record:
        raise RowRejected("the line has more values than the header has columns")
    empty = [name for name in kind.required if not record.get(name)]
    if empty:
        raise RowRejected(f"missing value{'s' if len(empty) > 1 else ''} for {', '.join(empty)}")
    return kind.build(record, today)


def _log_reason(error: HospitalError) -> str:
    """What the log may say about a rejected row: the field and rule, never the value typed
    (a name or phone number may sit in the wrong column)."""
    field_name = getattr(error, "field", None)
    return f"{field_name}: invalid value" if field_name else str(error)
