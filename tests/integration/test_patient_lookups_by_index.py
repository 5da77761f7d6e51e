"""Phone numbers are found through the phone_tail index on both engines: a whole number in any
format, the last digits a clerk types, and the same phone in the duplicate check; names that start
with the text through the name index; merged records left out without an index walk. The plans
are read to see the indexes serve them."""
import re
from datetime import date

import pytest

from hospital_mgmt.domain.page import After
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.domain.validation import name_grams, phone_tail
from hospital_mgmt.storage.unit_of_work import Repositories

NUMBERS = {"Asha Rao": "+919876543210", "Ravi Kumar": "9876543210", "Sita Devi": "9123443210",
           "Meena Pillai": "+447700900123"}


@pytest.fixture
def repos(db):
    repos = Repositories(db)
    for name, phone in NUMBERS.items():
        repos.patients.add(Patient(name=name, contact_no=phone, age=40, gender="F", registered_on=date(2026, 11, 1)))
    if db.engine == "mysql":  # plans judged on these rows, not on statistics InnoDB has yet to renew
        db.table("ANALYZE TABLE patients, patient_name_grams")
    return repos


def names(page) -> list[str]:
    return [patient.name for patient in page.items]


def test_a_whole_number_in_any_format_and_the_last_digits_find_the_patients(repos):
    for typed in ("+91 98765 43210", "098765-43210", "(98765) 43210", "9876543210"):
        assert names(repos.patients.search_by_phone(typed)) == ["Asha Rao", "Ravi Kumar"], typed
    assert names(repos.patients.search_by_phone("43210")) == ["Asha Rao", "Ravi Kumar", "Sita Devi"]
    assert names(repos.patients.search_by_phone("0123")) == ["Meena Pillai"]
    assert names(repos.patients.search_by_phone("98765")) == ["Asha Rao", "Ravi Kumar"]  # the start: read whole
    assert names(repos.patients.search_by_phone("55555")) == []
    assert names(repos.patients.find(phone="3210")) == ["Asha Rao", "Ravi Kumar", "Sita Devi"]


def test_the_same_line_in_another_format_is_a_likely_duplicate(repos):
    newcomer = Patient(name="Zara Quinn", contact_no="09876543210", age=25, gender="F",
                       registered_on=date(2026, 11, 2))
    found = {match.name: reason for match, reason in repos.patients.possible_duplicates(newcomer)}
    assert found == {"Asha Rao": "same phone number", "Ravi Kumar": "same phone number"}


def test_the_phone_tail_is_kept_when_a_number_changes(repos):
    patient = repos.patients.search_by_phone("+447700900123").items[0]
    patient.contact_no = "9000011111"
    repos.patients.update(patient)
    assert repos.db.scalar("SELECT phone_tail FROM patients WHERE patient_id = ?", (patient.patient_id,)) == \
        phone_tail("9000011111") == "1111100009"
    assert names(repos.patients.search_by_phone("11111")) == ["Meena Pillai"]


def queries(db, method: str, work) -> list[tuple[str, tuple]]:
    seen = []
    original = getattr(db, method)

    def record(sql, params=()):
        seen.append((sql, params))
        return original(sql, params)
    setattr(db, method, record)
    try:
        work()
    finally:
        setattr(db, method, original)
    return seen


def index_used(db, sql: str, params: tuple) -> str:
    if db.engine == "sqlite":
        plan = " ".join(row[3] for row in db.table("EXPLAIN QUERY PLAN " + sql, params)[1])
        found = re.search(r"SEARCH patients USING (?:COVERING )?INDEX (\w+)", plan)
        return found.group(1) if found else plan
    columns, rows = db.table("EXPLAIN " + sql, params)
    return rows[0][columns.index("key")]


def test_phone_searches_are_served_by_the_phone_tail_index(repos):
    def work():
        repos.patients.search_by_phone("+91 98765 43210")
        repos.patients.search_by_phone("43210")
        repos.patients.possible_duplicates(Patient(name="Zara Quinn", contact_no="9876543210", age=25, gender="F",
                                                   registered_on=date(2026, 11, 2)))
    by_phone = [query for query in queries(repos.db, "rows", work) if "phone_tail" in query[0]]
    assert len(by_phone) == 3
    assert [index_used(repos.db, *query) for query in by_phone] == ["ix_patients_phone_tail"] * 3


def read_from_the_index_alone(db, sql: str, params: tuple) -> bool:
    """Whether the plan reads ix_patients_name without touching the table's rows."""
    if db.engine == "sqlite":
        plan = " ".join(row[3] for row in db.table("EXPLAIN QUERY PLAN " + sql, params)[1])
        return "USING COVERING INDEX ix_patients_name" in plan
    columns, rows = db.table("EXPLAIN " + sql, params)
    first = dict(zip(columns, rows[0], strict=True))
    return first["key"] == "ix_patients_name" and "Using index" in (first["Extra"] or "")


def test_a_name_search_reads_the_name_index_alone_merged_records_left_out_in_it(repos):
    merged = repos.patients.add(Patient(name="Ravi Kumarr", contact_no="9000000077", age=40, gender="M",
                                        registered_on=date(2026, 11, 1)))
    repos.db.execute("UPDATE patients SET merged_into = 1002 WHERE patient_id = ?", (merged.patient_id,))
    for text in ("ravi", "kumar", "zzq"):  # starting with it, containing it, matching nothing
        steps = [query for query in queries(repos.db, "table", lambda text=text: repos.patients.search_by_name(text))
                 if query[0].startswith("SELECT patient_id FROM patients")]
        assert steps and all(read_from_the_index_alone(repos.db, *step) for step in steps), (text, steps)
    assert names(repos.patients.search_by_name("ravi")) == ["Ravi Kumar"]
    assert names(repos.patients.search_by_name("kumar")) == ["Ravi Kumar"]


# Near misses a clerk types for someone on record: each must still be found as a similar name.
NEAR_MISSES = [("Rajesh Kumar", "Rajesh Kuamr"),  # transposed letters
               ("Priyanka Sharma", "Priyanka Shrma"),  # a letter dropped
               ("José Fernandes", "Jose Fernandez"),  # accents, a letter changed
               ("Mary Ann Joseph", "Maryann Joseph"),  # spacing
               ("Lakshmi Narayanan", "Lakshmi Narayan")]  # an ending dropped


@pytest.mark.parametrize("on_record, typed", NEAR_MISSES)
def test_a_near_miss_of_a_name_on_record_is_a_likely_duplicate(repos, on_record, typed):
    kept = repos.patients.add(Patient(name=on_record, contact_no="9555500001", birth_date=date(1984, 5, 6), gender="M",
                                      registered_on=date(2026, 11, 1)))
    for newcomer in (Patient(name=typed, contact_no="9555500002", birth_date=date(1984, 5, 6), gender="M",
                             registered_on=date(2026, 11, 2)),
                     Patient(name=typed, contact_no="9555500002", age=42, gender="M",
                             registered_on=date(2026, 11, 2))):
        found = {match.patient_id: why for match, why in repos.patients.possible_duplicates(newcomer)}
        assert found.get(kept.patient_id, "").startswith("similar name, same"), (typed, found)


def test_the_similar_name_check_is_served_by_its_index(repos):
    # Enough other patients that a planner with fresh statistics prefers an index to reading them all.
    repos.patients.add_many([Patient(name=f"Filler {chr(65 + n % 26)}{chr(65 + n // 26 % 26)}",
                                     contact_no=f"94{n:08d}", birth_date=date(1940 + n % 60, 1 + n % 12, 1),
                                     gender="MF"[n % 2], registered_on=date(2026, 11, 1)) for n in range(400)])
    if repos.db.engine == "mysql":
        repos.db.table("ANALYZE TABLE patients")
    newcomer = Patient(name="Ravi Kumaar", contact_no="9555500002", birth_date=date(1986, 1, 1), gender="F",
                       registered_on=date(2026, 11, 2))
    similar = [query for query in queries(repos.db, "rows", lambda: repos.patients.possible_duplicates(newcomer))
               if "gender = ?" in query[0]]
    assert len(similar) == 1
    # SQLite's planner takes the similar-name index; MariaDB, on a table this small, may take the
    # name index's range of names starting with the letter instead, or merge it with the birth-date
    # index's range: an index range either way, never the whole table.
    used = index_used(repos.db, *similar[0])
    if repos.db.engine == "sqlite":
        assert used == "ix_patients_similar"
    else:
        assert used and set(re.split(r"[|,]", used)) <= {"ix_patients_similar", "ix_patients_name", "ix_patients_birth"}


def test_keyset_pages_of_the_patient_list_equal_the_pages_by_number_and_start_at_their_key(repos):
    for n in range(45):
        repos.patients.add(Patient(name=f"Keyset {chr(65 + n % 26)}{chr(65 + n // 26)}", contact_no=f"93000000{n:02d}",
                                   age=30, gender="M", registered_on=date(2026, 11, 1)))
    repos.db.execute("UPDATE patients SET merged_into = 1001 WHERE patient_id = 1030")  # left out of the list
    by_number = [[p.patient_id for p in repos.patients.page(number).items] for number in (1, 2, 3)]
    first = repos.patients.page(1)
    second = repos.patients.page(After(first.items[-1].patient_id, 2))
    third = repos.patients.page(After(second.items[-1].patient_id, 3))
    assert [[p.patient_id for p in page.items] for page in (first, second, third)] == by_number
    assert 1030 not in by_number[1] and (second.number, second.has_next, third.has_next) == (2, True, False)
    sql = [query for query in queries(repos.db, "rows", lambda: repos.patients.page(After(1020, 2)))][0]
    if repos.db.engine == "sqlite":
        plan = " ".join(row[3] for row in repos.db.table("EXPLAIN QUERY PLAN " + sql[0], sql[1])[1])
        assert "SEARCH patients USING INTEGER PRIMARY KEY (rowid>?)" in plan, plan
    else:
        columns, rows = repos.db.table("EXPLAIN " + sql[0], sql[1])
        assert (rows[0][columns.index("type")], rows[0][columns.index("key")]) == ("range", "PRIMARY"), rows


# -- names by their runs of three ------------------------------------------------------------

def grams_on_record(db) -> set[tuple[str, int]]:
    return {(gram, patient_id) for gram, patient_id in db.table("SELECT gram, patient_id FROM patient_name_grams")[1]}


def grams_of_every_name(db) -> set[tuple[str, int]]:
    return {(gram, patient_id) for patient_id, key in db.table("SELECT patient_id, name_key FROM patients")[1]
            for gram in name_grams(key)}


def test_every_write_of_a_name_keeps_its_runs_of_three(repos):
    assert grams_on_record(repos.db) == grams_of_every_name(repos.db) != set()
    patient = repos.patients.search_by_name("asha").items[0]
    patient.name = "Asha Rao-Menon"
    repos.patients.update(patient)
    repos.patients.add_many([Patient(name="Imported Person", contact_no="9444400001", age=20, gender="O",
                                     registered_on=date(2026, 11, 3))])
    repos.patients.remove(repos.patients.search_by_name("sita").items[0].patient_id)
    assert grams_on_record(repos.db) == grams_of_every_name(repos.db)
    assert ("men", patient.patient_id) in grams_on_record(repos.db)


NAMES = ["Zebulon Quartermaine", "Ravi Zebedee", "Anna Lebowski", "Priya Sharma", "Sharmila Tagore", "Om Harmon"]


@pytest.fixture
def names_on_record(repos):
    for n, name in enumerate(NAMES):
        repos.patients.add(Patient(name=name, contact_no=f"94000000{n:02d}", age=30, gender="M",
                                   registered_on=date(2026, 11, 1)))
    return repos


@pytest.mark.parametrize("cap", [2000, 1], ids=["runs looked up", "name index read"])
@pytest.mark.parametrize("text, found", [
    ("zeb", ["Zebulon Quartermaine", "Ravi Zebedee"]),  # starting first, then inside
    ("ebo", ["Anna Lebowski"]),
    ("harm", ["Om Harmon", "Priya Sharma", "Sharmila Tagore"]),
    ("zzq", []), ("ab", []), ("quartermainex", [])])
def test_a_name_search_finds_the_same_whichever_way_it_reads(names_on_record, monkeypatch, cap, text, found):
    monkeypatch.setattr("hospital_mgmt.storage.patients.GRAM_CAP", cap)
    assert names(names_on_record.patients.search_by_name(text)) == found


def test_a_text_in_nobodys_name_is_answered_from_its_runs_not_by_reading_every_name(names_on_record):
    db = names_on_record.db
    seen = queries(db, "table", lambda: names_on_record.patients.search_by_name("zzqx"))
    assert not any(sql.startswith("SELECT patient_id FROM patients WHERE name_key LIKE ? ESCAPE '!' AND NOT (")
                   for sql, _ in seen)  # no scan of every name
    by_runs = [query for query in seen if "patient_name_grams g" in query[0]]
    assert len(by_runs) == 1
    if db.engine == "sqlite":
        plan = " ".join(row[3] for row in db.table("EXPLAIN QUERY PLAN " + by_runs[0][0], by_runs[0][1])[1])
        assert "SEARCH g USING COVERING INDEX sqlite_autoindex_patient_name_grams_1 (gram=?)" in plan, plan
    else:
        columns, rows = db.table("EXPLAIN " + by_runs[0][0], by_runs[0][1])
        assert (rows[0][columns.index("table")], rows[0][columns.index("key")]) == ("g", "PRIMARY"), rows
