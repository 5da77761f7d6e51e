"""CSV exports through pandas (one row per bill or appointment, names joined in), and the
import of patients, doctors and services from CSV with per-row validation."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .domain.codes import format_code
from .domain.doctor import Doctor
from .domain.errors import HospitalError
from .domain.patient import Patient
from .domain.service import Service
from .domain.validation import name_key, phone_digits
from .log_setup import log
from .output_files import writable_file, writing
from .reports import Period
from .storage.database import Database

BILLING_COLUMNS = ["bill", "billing_date", "status", "patient", "patient_name", "appointment", "doctor",
                   "doctor_name", "specialization", "subtotal", "consultation_charges", "discount", "tax",
                   "total_amount", "paid", "balance"]
APPOINTMENT_COLUMNS = ["appointment", "appt_date", "appt_time", "status", "patient", "patient_name", "doctor",
                       "doctor_name", "specialization", "diagnosis"]


EXPORT_BATCH = 50_000


def default_export_path(reports_dir: Path, what: str, today: date) -> Path:
    return reports_dir / f"{what}_summary_{today:%Y%m%d}.csv"


def billing_sql(db: Database) -> str:
    m, code = db.money_text_sql, db.code_sql
    paid = "COALESCE(x.paid, 0)"
    balance = f"CASE WHEN b.status = 'void' THEN 0 ELSE b.total_amount - {paid} END"
    return (
        f"SELECT {code('B', 3, 'b.bill_id')}, b.billing_date, b.status, b.patient_id, p.name,"
        f" {code('A', 3, 'b.appt_id')}, {code('D', 2, 'a.doctor_id')}, d.name, d.specialization,"
        f" {m('b.subtotal')}, {m('b.consultation_charges')}, {m('b.discount')}, {m('b.tax')},"
        f" {m('b.total_amount')}, {m(paid)}, {m(balance)}"
        " FROM billing b JOIN patients p ON p.patient_id = b.patient_id"
        " LEFT JOIN appointments a ON a.appt_id = b.appt_id LEFT JOIN doctors d ON d.doctor_id = a.doctor_id"
        " LEFT JOIN (SELECT y.bill_id, SUM(y.amount) AS paid FROM payments y JOIN billing z ON z.bill_id = y.bill_id"
        "            WHERE z.billing_date >= ? AND z.billing_date <= ? GROUP BY y.bill_id) x ON x.bill_id = b.bill_id"
        " WHERE b.billing_date >= ? AND b.billing_date <= ? ORDER BY b.bill_id")


def appointments_sql(db: Database) -> str:
    code = db.code_sql
    return (f"SELECT {code('A', 3, 'a.appt_id')}, a.appt_date, {db.time_text_sql('a.appt_time')}, a.status,"
            f" a.patient_id, p.name, {code('D', 2, 'a.doctor_id')}, d.name, d.specialization, a.diagnosis"
            " FROM appointments a JOIN patients p ON p.patient_id = a.patient_id"
            " JOIN doctors d ON d.doctor_id = a.doctor_id"
            " WHERE a.appt_date >= ? AND a.appt_date <= ? ORDER BY a.appt_date, a.appt_time, a.appt_id")


def export_billing(db: Database, period: Period, path: Path) -> int:
    params = (period.first, period.last, period.first, period.last)
    return _export(db, billing_sql(db), params, BILLING_COLUMNS, path)


def export_appointments(db: Database, period: Period, path: Path) -> int:
    return _export(db, appointments_sql(db), (period.first, period.last), APPOINTMENT_COLUMNS, path)


def _export(db: Database, sql: str, params: tuple, columns: list[str], path: Path) -> int:
    """Stream the rows into pandas a batch at a time (memory stays flat however large the table)
    and append each to one UTF-8 CSV. Codes, times and money arrive as finished text from SQL."""
    import pandas as pd
    path = writable_file(path)
    batches = db.stream(sql, params, batch=EXPORT_BATCH)
    next(batches)
    count = 0
    with writing(path), open(path, "w", newline="", encoding="utf-8") as handle:
        # The byte-order mark by hand: the utf-8-sig codec would encode every row in Python.
        handle.write("\ufeff")
        pd.DataFrame(columns=columns).to_csv(handle, index=False)
        for batch in batches:
            pd.DataFrame.from_records(batch, columns=columns).to_csv(handle, index=False, header=False)
            count += len(batch)
    return count


# -- import --------------------------------------------------------------------------------

@dataclass
class ImportKind:
    table: str
    required: list[str]
    optional: list[str]
    build: callable
    key: callable  # what makes two records the same one


IMPORTS = {
    "patients": ImportKind(
        "patients", ["name", "age", "gender", "contact_no", "admission_date"], ["discharge_date"],
        lambda r: Patient(name=r["name"], contact_no=r["contact_no"], age=r["age"], gender=r["gender"],
                          admission_date=r["admission_date"], discharge_date=r.get("discharge_date") or None),
        lambda p: (name_key(p.name), phone_digits(p.contact_no)[-10:])),
    "doctors": ImportKind(
        "doctors", ["name", "specialization", "contact_no", "consultation_fee"], [],
        lambda r: Doctor(r["name"], r["contact_no"], specialization=r["specialization"],
                         consultation_fee=r["consultation_fee"]),
        lambda d: (name_key(d.name), phone_digits(d.contact_no)[-10:])),
    "services": ImportKind(
        "services", ["service_name", "cost"], [],
        lambda r: Service(r["service_name"], r["cost"]),
        lambda s: (s.key,)),
}


@dataclass
class ImportResult:
    imported: int
    rejected: list[tuple[int, dict, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rejects_path: Path | None = None

    @property
    def summary(self) -> str:
        return f"imported {self.imported}, rejected {len(self.rejected)}"


class ImportRefused(HospitalError):
    """The whole file is refused (not CSV, or without the required headers)."""


def import_csv(db: Database, kind_name: str, path: Path, progress: bool = False) -> ImportResult:
    kind = IMPORTS[kind_name]
    header, records = _read_csv(path, kind)
    warnings = [f"ignoring the column {extra!r}: it is not one of {kind.table}'s"
                for extra in header if extra not in kind.required + kind.optional]
    candidates, rejected = [], []
    for line, record in _with_progress(records, progress):
        try:
            candidates.append((line, record, _build(kind, record)))
        except HospitalError as error:
            rejected.append((line, record, str(error), _log_reason(error)))
    existing = _existing_keys(db, kind, [kind.key(item) for _, _, item in candidates])
    good, seen = [], {}
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
    _insert_all(db, kind_name, good)
    rejected.sort(key=lambda entry: entry[0])
    result = ImportResult(len(good), [(line, record, reason) for line, record, reason, _ in rejected], warnings)
    if rejected:
        result.rejects_path = _write_rejects(path, header, result.rejected)
    _log_import(kind_name, result, [(line, why) for line, _, _, why in rejected])
    return result


def _build(kind: ImportKind, record: dict):
    if "__extra__" in record:
        raise HospitalError("the line has more values than the header has columns")
    empty = [name for name in kind.required if not record.get(name)]
    if empty:
        raise HospitalError(f"missing value{'s' if len(empty) > 1 else ''} for {', '.join(empty)}")
    return kind.build(record)


def _log_reason(error: HospitalError) -> str:
    """What the log may say about a rejected row: the field and rule, never the value typed
    (a name or phone number may sit in the wrong column)."""
    field_name = getattr(error, "field", None)
    return f"{field_name}: invalid value" if field_name else str(error)


def _read_csv(path: Path, kind: ImportKind) -> tuple[list[str], list[tuple[int, dict]]]:
    path = Path(path)
    if path.suffix.lower() != ".csv":
        raise ImportRefused(f"{path.name} is not a .csv file")
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            header = [h.strip() for h in next(reader, [])]
            missing = [c for c in kind.required if c not in header]
            if missing:
                raise ImportRefused(f"{path.name} lacks the required column{'s' if len(missing) > 1 else ''} "
                                    f"{', '.join(missing)} (needs {', '.join(kind.required)})")
            records = []
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                records.append((reader.line_num, _record(header, row)))
            return header, records
    except FileNotFoundError:
        raise ImportRefused(f"no file {path}") from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise ImportRefused(f"{path.name} is not a readable UTF-8 CSV file ({error.__class__.__name__})") from None
    except OSError as error:
        raise ImportRefused(f"cannot read {path}: {error.strerror}") from None


def _record(header: list[str], row: list[str]) -> dict:
    record = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)}
    if len(row) > len(header):
        record["__extra__"] = "too many values on the line"
    return record


def _with_progress(records, progress: bool):
    if progress and len(records) > 1000:
        from tqdm import tqdm
        import sys
        return tqdm(records, desc="Checking rows", unit="row", file=sys.stderr)
    return records


def _existing_keys(db: Database, kind: ImportKind, keys: list[tuple]) -> dict[tuple, str]:
    """Which of `keys` are already stored, looked up in batches (never the whole table)."""
    found: dict[tuple, str] = {}
    for start in range(0, len(keys), 500):
        batch = keys[start:start + 500]
        marks = ", ".join("?" for _ in batch)
        if kind.table == "services":
            _, rows = db.table(f"SELECT service_id, service_key FROM services WHERE service_key IN ({marks})",
                               tuple(key[0] for key in batch))
            found.update({(key,): format_code("service", sid) for sid, key in rows})
            continue
        id_column, code = ("patient_id", "patient") if kind.table == "patients" else ("doctor_id", "doctor")
        _, rows = db.table(f"SELECT {id_column}, name_key, contact_no FROM {kind.table} WHERE name_key IN ({marks})",
                           tuple(key[0] for key in batch))
        found.update({(key, phone_digits(contact)[-10:]): format_code(code, rid) for rid, key, contact in rows})
    return found


def _insert_all(db: Database, kind_name: str, items: list) -> None:
    """Every good row in one transaction and in batches: all of them or none."""
    if not items:
        return
    with db.transaction():
        if kind_name == "patients":
            db.executemany(
                "INSERT INTO patients (name, name_key, age, gender, contact_no, admission_date, discharge_date)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(p.name, name_key(p.name), p.age, p.gender, p.contact_no, p.admission_date, p.discharge_date)
                 for p in items])
        elif kind_name == "doctors":
            db.executemany(
                "INSERT INTO doctors (name, name_key, specialization, contact_no, consultation_fee)"
                " VALUES (?, ?, ?, ?, ?)",
                [(d.name, name_key(d.name), d.specialization, d.contact_no, d.consultation_fee) for d in items])
        else:
            db.executemany("INSERT INTO services (service_name, service_key, cost) VALUES (?, ?, ?)",
                           [(s.name, s.key, s.cost) for s in items])


def _write_rejects(path: Path, header: list[str], rejected: list[tuple[int, dict, str]]) -> Path:
    target = writable_file(Path(path).with_name(f"{Path(path).stem}_rejects.csv"))
    with writing(target), open(target, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(["line", "reason", *header])
        for line, record, reason in rejected:
            writer.writerow([line, reason, *(record.get(name, "") for name in header)])
    return target


def _log_import(kind_name: str, result: ImportResult, reasons: list[tuple[int, str]]) -> None:
    for line, reason in reasons:
        log.info("import %s: line %d rejected: %s", kind_name, line, reason)
    log.info("import %s: %s", kind_name, result.summary)
