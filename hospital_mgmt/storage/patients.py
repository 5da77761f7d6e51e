from __future__ import annotations

import difflib
from datetime import date

from ..domain.codes import format_code
from ..domain.errors import NotFound
from ..domain.patient import Patient, born_on_or_before
from ..domain.records import restore
from ..domain.validation import PHONE_TAIL, name_grams, name_key, phone_digits, phone_tail
from .database import Database, placeholders
from .paging import PAGE_SIZE, Page, PageAt, after_key, capped_count, contains_pattern, make_page, page_window

COLUMNS = ("patient_id, name, gender, birth_date, birth_estimated, contact_no, email, address, city, blood_group,"
           " registered_on, merged_into")
# Records merged into another are kept (their history points at them) but no list or search shows them.
# Written so no index serves it: nearly every row passes, and a plan that walked ix_patients_merged
# for it would read every patient instead of the few the name or phone index finds.
CURRENT = "COALESCE(merged_into, 0) = 0"
WRITTEN = ("name", "name_key", "gender", "birth_date", "birth_estimated", "contact_no", "email", "address", "city",
           "blood_group", "registered_on", "phone_tail")
INSERT = f"INSERT INTO patients ({', '.join(WRITTEN)}) VALUES ({', '.join('?' for _ in WRITTEN)})"
SIMILAR_NAME_RATIO = 0.85
GRAM_CAP = 2000  # a run in fewer names than this is looked up by its names; more, by the name index
# Every table whose rows belong to a patient: what a merge moves to the record that survives.
PATIENT_TABLES = ("appointments", "billing", "admissions", "deposits", "deposit_uses", "refunds")


class PatientRepository:
    def __init__(self, db: Database):
        self.db = db

    def add(self, patient: Patient, request_key: str | None = None) -> Patient:
        patient.patient_id = self.db.insert(
            f"INSERT INTO patients ({', '.join(WRITTEN)}, request_key) VALUES ({', '.join('?' for _ in WRITTEN)}, ?)",
            (*_values(patient), request_key))
        self._add_grams([(patient.patient_id, name_key(patient.name))])
        return patient

    def _add_grams(self, names: list[tuple[int, str]]) -> None:
        """The name runs of new patients (id, name_key)."""
        self.db.executemany("INSERT INTO patient_name_grams (gram, patient_id) VALUES (?, ?)",
                            [(gram, patient_id) for patient_id, key in names for gram in sorted(name_grams(key))])

    def _keep_grams(self, patient_id: int, key: str) -> None:
        """The name runs of a patient whose name may have changed, in place of those it had."""
        self.db.execute("DELETE FROM patient_name_grams WHERE patient_id = ?", (patient_id,))
        self._add_grams([(patient_id, key)])

    def by_request_key(self, key: str) -> Patient | None:
        """The patient a registration with this request key made, if it was saved."""
        row = self.db.one(f"SELECT {COLUMNS} FROM patients WHERE request_key = ?", (key,))
        return None if row is None else self._patient(row)

    def add_many(self, patients: list[Patient]) -> None:
        """Insert in one statement per batch; the caller's unit of work makes it all or nothing
        (and holds the patients' write lock, so the records after `before` are these)."""
        before = self.db.scalar("SELECT COALESCE(MAX(patient_id), 0) FROM patients")
        self.db.executemany(INSERT, [_values(p) for p in patients])
        _, added = self.db.table("SELECT patient_id, name_key FROM patients WHERE patient_id > ?", (before,))
        self._add_grams([(patient_id, key) for patient_id, key in added])

    def get(self, patient_id: int, lock: bool = False) -> Patient:
        """The patient; with `lock`, inside a unit of work, held until it ends."""
        row = self.db.one(f"SELECT {COLUMNS} FROM patients WHERE patient_id = ?"
                          + (self.db.lock_suffix if lock else ""), (patient_id,))
        if row is None:
            raise NotFound("patient", format_code("patient", patient_id))
        return self._patient(row)

    def get_current(self, patient_id: int, lock: bool = False) -> Patient:
        """The patient, refused with the record to use instead when this one was merged into it."""
        patient = self.get(patient_id, lock)
        patient.check_current()
        return patient

    def merge(self, duplicate_id: int, survivor_id: int) -> dict[str, int]:
        """Move everything of the duplicate to the survivor and mark it merged; how many rows of
        each table moved. The caller's unit of work makes it all or nothing."""
        moved = {table: self.db.execute(f"UPDATE {table} SET patient_id = ? WHERE patient_id = ?",
                                        (survivor_id, duplicate_id))
                 for table in PATIENT_TABLES}  # names from the fixed tuple, never from input
        self.db.execute("UPDATE patients SET merged_into = ? WHERE patient_id = ?", (survivor_id, duplicate_id))
        return moved

    def shared_slots(self, first_id: int, second_id: int) -> list[tuple[date, str]]:
        """Days and times at which both patients hold a live appointment (a merge would break the rule)."""
        rows = self.db.rows(
            "SELECT a.appt_date, a.appt_time FROM appointments a JOIN appointments b ON b.appt_date = a.appt_date"
            " AND b.appt_time = a.appt_time AND b.patient_id = ? AND b.live_slot = 1"
            " WHERE a.patient_id = ? AND a.live_slot = 1 ORDER BY a.appt_date, a.appt_time",
            (second_id, first_id))
        return [(self.db.to_date(row["appt_date"]), f"{self.db.to_time(row['appt_time']):%H:%M}") for row in rows]

    def page(self, number: PageAt = 1, size: int = PAGE_SIZE) -> Page[Patient]:
        limit, offset = page_window(number, size)
        after, key = after_key(number, "patient_id")
        rows = self.db.rows(f"SELECT {COLUMNS} FROM patients WHERE {CURRENT}{after} ORDER BY patient_id"
                            " LIMIT ? OFFSET ?", (*key, limit, offset))
        return make_page([self._patient(r) for r in rows], number, size)

    def update(self, patient: Patient) -> None:
        assert patient.patient_id is not None
        changed = self.db.execute(
            f"UPDATE patients SET {', '.join(f'{column} = ?' for column in WRITTEN)} WHERE patient_id = ?",
            (*_values(patient), patient.patient_id))
        if not changed and not self.exists(patient.patient_id):
            raise NotFound("patient", patient.code)
        self._keep_grams(patient.patient_id, name_key(patient.name))

    def exists(self, patient_id: int) -> bool:
        return self.db.one("SELECT 1 AS found FROM patients WHERE patient_id = ?", (patient_id,)) is not None

    def dependents(self, patient_id: int) -> dict[str, int]:
        row = self.db.one(
            "SELECT (SELECT count(*) FROM appointments WHERE patient_id = ?) AS appointments,"
            " (SELECT count(*) FROM billing WHERE patient_id = ?) AS bills,"
            " (SELECT count(*) FROM admissions WHERE patient_id = ?) AS admissions", (patient_id,) * 3)
        assert row is not None
        return {"appointments": row["appointments"], "bills": row["bills"], "admissions": row["admissions"]}

    def remove(self, patient_id: int) -> None:
        """Delete the row; the foreign keys refuse it (StillReferenced) while history refers to it."""
        self.db.execute("DELETE FROM patient_name_grams WHERE patient_id = ?", (patient_id,))
        if not self.db.execute("DELETE FROM patients WHERE patient_id = ?", (patient_id,)):
            raise NotFound("patient", format_code("patient", patient_id))

    def search_by_name(self, text: str, page: PageAt = 1, size: int = PAGE_SIZE) -> Page[Patient]:
        """Names containing the text, ignoring case and accents: first the names that start
        with it (an index range, fast at any size), then the others that contain it.

        Both steps walk the name index (name_key with the key beside it) to find the page's
        patients, then fetch those rows by key; merged records are passed over."""
        key = name_key(text)
        if not key:
            return make_page([], page, size)
        limit, offset = page_window(page, size)
        starts = self.db.starts_with_sql("name_key")
        prefix = self.db.starts_with_param(key)
        ids = self._ids(f"SELECT patient_id FROM patients WHERE {starts} AND {CURRENT} ORDER BY name_key, patient_id"
                        " LIMIT ? OFFSET ?", (prefix, limit, offset))
        if len(ids) < limit:
            starting = offset + len(ids) if ids or offset == 0 else self.db.scalar(
                f"SELECT count(*) FROM patients WHERE {starts} AND {CURRENT}", (prefix,))
            ids += self._containing(key, limit - len(ids), max(offset - starting, 0))
        return make_page(self._in_order(ids), page, size)

    def _containing(self, key: str, limit: int, offset: int) -> list[int]:
        """Names with the text inside them (not at the start), in name order. A text whose rarest
        run of three is in few names is looked up from those names' runs; a text of common runs is
        read off the name index, where its matches come soon (a text in no name at all is the
        first kind: one of its runs is in nobody's name)."""
        starts = self.db.starts_with_sql("name_key")
        prefix = self.db.starts_with_param(key)
        rarest, fewest = self._rarest_run(key)
        if rarest is not None and fewest < GRAM_CAP:
            return self._ids(
                f"SELECT g.patient_id FROM patient_name_grams g {self.db.join_in_order} patients p"
                " ON p.patient_id = g.patient_id WHERE g.gram = ? AND name_key LIKE ? ESCAPE '!'"
                f" AND NOT ({starts}) AND {CURRENT} ORDER BY name_key, g.patient_id LIMIT ? OFFSET ?",
                (rarest, contains_pattern(key), prefix, limit, offset))
        return self._ids(
            f"SELECT patient_id FROM patients WHERE name_key LIKE ? ESCAPE '!' AND NOT ({starts}) AND {CURRENT}"
            " ORDER BY name_key, patient_id LIMIT ? OFFSET ?", (contains_pattern(key), prefix, limit, offset))

    def _rarest_run(self, key: str) -> tuple[str | None, int]:
        """The text's run of three in the fewest names, and how many (a run in none ends the look)."""
        rarest, fewest = None, GRAM_CAP
        for gram in sorted(name_grams(key)):
            count = self._gram_count(gram)
            if count < fewest or rarest is None:
                rarest, fewest = gram, count
            if count == 0:
                break
        return rarest, fewest

    def _gram_count(self, gram: str) -> int:
        """How many names hold the run, counted up to GRAM_CAP (the index stops there)."""
        return int(self.db.scalar("SELECT count(*) FROM (SELECT 1 FROM patient_name_grams WHERE gram = ?"
                                  " LIMIT ?) runs", (gram, GRAM_CAP)))

    def _ids(self, sql: str, params: tuple) -> list[int]:
        return [row[0] for row in self.db.table(sql, params)[1]]

    def get_many(self, ids: list[int]) -> dict[int, Patient]:
        if not ids:
            return {}
        return {row["patient_id"]: self._patient(row) for row in self.db.rows(
            f"SELECT {COLUMNS} FROM patients WHERE patient_id IN ({placeholders(ids)})", tuple(ids))}

    def _in_order(self, ids: list[int]) -> list[Patient]:
        found = self.get_many(ids)
        return [found[patient_id] for patient_id in ids if patient_id in found]

    def search_by_phone(self, typed: str, page: PageAt = 1, size: int = PAGE_SIZE) -> Page[Patient]:
        """A whole number in any format (its last ten digits), or the last digits of one, through
        the phone_tail index. Digits from the middle of a number match nothing there: only then
        are the numbers read whole for them (a scan, slow at a million patients)."""
        digits = phone_digits(typed)
        if not digits:
            return make_page([], page, size)
        limit, offset = page_window(page, size)
        where, value = self._tail_condition(digits)
        rows = self.db.rows(f"SELECT {COLUMNS} FROM patients WHERE {where} AND {CURRENT}"
                            " ORDER BY patient_id LIMIT ? OFFSET ?", (value, limit, offset))
        if not rows and offset == 0 and len(digits) < PHONE_TAIL:
            rows = self.db.rows(
                f"SELECT {COLUMNS} FROM patients WHERE contact_no LIKE ? ESCAPE '!' AND {CURRENT}"
                " ORDER BY patient_id LIMIT ? OFFSET ?", (contains_pattern(digits), limit, offset))
        return make_page([self._patient(r) for r in rows], page, size)

    def _tail_condition(self, digits: str) -> tuple[str, str]:
        """The numbers ending with these digits: all ten of a line, or the last few typed."""
        if len(digits) >= PHONE_TAIL:
            return "phone_tail = ?", phone_tail(digits)
        return self.db.starts_with_sql("phone_tail"), self.db.starts_with_param(digits[::-1])

    def find(self, name: str = "", phone: str = "", ages: AgeRange | None = None,
             page: PageAt = 1, size: int = PAGE_SIZE) -> Page[Patient]:
        """Patients matching every filter given: a name (contains, ignoring case and accents), a
        phone number's digits (contains), an age range on a day. A name alone is searched as
        search_by_name does (those whose name starts with it first); otherwise in code order."""
        where = self._where(name, phone, ages)
        if where is None:
            return make_page([], page, size)
        if name and not phone and ages is None:
            return self.search_by_name(name, page, size)
        limit, offset = page_window(page, size)
        rows = self.db.rows(f"SELECT {COLUMNS} FROM patients WHERE {where[0]} ORDER BY patient_id LIMIT ? OFFSET ?",
                            where[1] + (limit, offset))
        return make_page([self._patient(r) for r in rows], page, size)

    def count(self, name: str = "", phone: str = "", ages: AgeRange | None = None) -> tuple[int, bool]:
        """How many patients find() matches in all (up to COUNT_CAP), and whether that is exact."""
        where = self._where(name, phone, ages)
        return (0, True) if where is None else capped_count(self.db, f"patients WHERE {where[0]}", where[1])

    def _where(self, name: str, phone: str, ages: AgeRange | None) -> tuple[str, tuple] | None:
        """The conditions (fixed text) and their values; None when a filter given can match nothing."""
        conditions: list[str] = [CURRENT]
        params: list[object] = []
        if name:
            key = name_key(name)
            if not key:
                return None
            conditions.append("name_key LIKE ? ESCAPE '!'")
            params.append(contains_pattern(key))
        if phone:
            digits = phone_digits(phone)
            if not digits:
                return None
            tail, digits_value = self._tail_condition(digits)
            conditions.append(tail)
            params.append(digits_value)
        if ages is not None:
            for condition, value in ages.births():
                conditions.append(condition)
                params.append(value)
        return " AND ".join(conditions), tuple(params)

    def possible_duplicates(self, patient: Patient) -> list[tuple[Patient, str]]:
        """Patients already on record who may be this one, each with the reason it matched."""
        found: dict[int, tuple[Patient, list[str]]] = {}

        def note(candidate: Patient, reason: str) -> None:
            if candidate.patient_id is not None and candidate.patient_id != patient.patient_id:
                found.setdefault(candidate.patient_id, (candidate, []))[1].append(reason)

        for row in self.db.rows(f"SELECT {COLUMNS} FROM patients WHERE phone_tail = ? AND {CURRENT} LIMIT 50",
                                (phone_tail(patient.contact_no),)):
            note(self._patient(row), "same phone number")
        key = name_key(patient.name)
        for row in self.db.rows(f"SELECT {COLUMNS} FROM patients WHERE name_key = ? AND {CURRENT} LIMIT 50", (key,)):
            note(self._patient(row), "same name")
        births, same = _births_like(patient)
        for row in self.db.rows(
                f"SELECT {COLUMNS}, name_key FROM patients WHERE {births} AND gender = ? AND name_key LIKE ?"
                f" AND {CURRENT} AND name_key <> ? LIMIT 500", (*same, patient.gender, key[:1] + "%", key)):
            if difflib.SequenceMatcher(None, key, row["name_key"]).ratio() >= SIMILAR_NAME_RATIO:
                exact = not patient.birth_estimated and not row["birth_estimated"]
                note(self._patient(row), "similar name, same " + ("birth date" if exact else "age") + " and gender")
        return [(candidate, ", ".join(reasons)) for candidate, reasons in found.values()]

    def existing_keys(self, name_keys: list[str]) -> dict[tuple[str, str], str]:
        """For the names given (as name_key), who is stored: (name_key, last 10 phone digits) -> code."""
        found: dict[tuple[str, str], str] = {}
        for start in range(0, len(name_keys), 500):
            batch = name_keys[start:start + 500]
            _, rows = self.db.table(f"SELECT patient_id, name_key, contact_no FROM patients"
                                    f" WHERE name_key IN ({placeholders(batch)}) AND {CURRENT}", tuple(batch))
            found.update({(key, phone_digits(contact)[-10:]): format_code("patient", rid)
                          for rid, key, contact in rows})
        return found

    def _patient(self, row) -> Patient:
        return restore(Patient, name=row["name"], contact_no=row["contact_no"], gender=row["gender"],
                       birth_date=self.db.to_date(row["birth_date"]), birth_estimated=bool(row["birth_estimated"]),
                       email=row["email"], address=row["address"], city=row["city"], blood_group=row["blood_group"],
                       registered_on=self.db.to_date(row["registered_on"]), patient_id=row["patient_id"],
                       merged_into=row["merged_into"])


class AgeRange:
    """Ages from `least` to `most` (either may be open) on a day, as birth dates an index can serve."""

    def __init__(self, on: date, least: int | None = None, most: int | None = None):
        self.on, self.least, self.most = on, least, most

    def births(self) -> list[tuple[str, date]]:
        conditions = []
        if self.least is not None:
            conditions.append(("birth_date <= ?", born_on_or_before(self.on, self.least)))
        if self.most is not None:
            conditions.append(("birth_date > ?", born_on_or_before(self.on, self.most + 1)))
        return conditions


def _births_like(patient: Patient) -> tuple[str, tuple]:
    """Birth dates that may be this patient's: the same day when both are known; within a year
    either side when either was estimated from an age (an estimate is 1 January of its year)."""
    assert patient.birth_date is not None
    year = patient.birth_date.year
    around = (date(year - 1, 1, 1), date(year + 1, 12, 31))
    if patient.birth_estimated:
        return "birth_date >= ? AND birth_date <= ?", around
    # one range either way, so ix_patients_similar (gender, birth_date, name_key) serves it
    return "birth_date >= ? AND birth_date <= ? AND (birth_date = ? OR birth_estimated = 1)", \
        (*around, patient.birth_date)


def _values(patient: Patient) -> tuple:
    return (patient.name, name_key(patient.name), patient.gender, patient.birth_date, int(patient.birth_estimated),
            patient.contact_no, patient.email, patient.address, patient.city, patient.blood_group,
            patient.registered_on, phone_tail(patient.contact_no))
