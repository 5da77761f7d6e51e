"""The MySQL test databases are reused (tests/mysql_pool.py): a reused one must be exactly like a
new one, or every MySQL test after a careless one would run on its leftovers."""
import pytest

from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.operations import patients
from hospital_mgmt.storage.mysql_engine import MySQLDatabase
from hospital_mgmt.storage.seed_loader import load_seed
from tests.conftest import MYSQL_ENV, make_settings, require_mysql
from tests.mysql_pool import MySQLTestDatabases
from tests.support import context_for

pytestmark = pytest.mark.mysql


@pytest.fixture
def databases(tmp_path):
    """A pool of its own, so these tests see every database it makes."""
    require_mysql()
    pool = MySQLTestDatabases({"host": MYSQL_ENV["DB_HOST"], "port": int(MYSQL_ENV["DB_PORT"]),
                               "user": MYSQL_ENV["DB_USER"], "password": MYSQL_ENV["DB_PASSWORD"]})
    pool.open = lambda name: MySQLDatabase.open(make_settings(tmp_path, **MYSQL_ENV, DB_NAME=name))
    yield pool
    pool.drop_all()


def make_schema_in(tmp_path):
    def make(name):
        made = MySQLDatabase.open(make_settings(tmp_path, **MYSQL_ENV, DB_NAME=name), create=True)
        made.create_schema()
        made.close()
    return make


def every_row(db) -> dict[str, list]:
    """Each table's rows (of schema_migrations, without the moment the schema was made)."""
    _, tables = db.table("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                         " ORDER BY table_name")
    columns = {"schema_migrations": "version, title"}
    return {table: sorted(map(repr, db.table(f"SELECT {columns.get(table, '*')} FROM `{table}`")[1]))
            for (table,) in tables}


def database_names(db) -> set[str]:
    return {row[0] for row in db.table("SHOW DATABASES")[1]}


def register_one(db) -> int:
    registered = patients.register_patient(context_for(db), Patient(
        name="Asha Rao", contact_no="9000000001", age=30, gender="F", registered_on="2026-11-01"))
    assert registered.patient_id is not None
    return registered.patient_id


def next_ids(db) -> dict[str, int]:
    _, rows = db.table("SELECT table_name, auto_increment FROM information_schema.tables"
                       " WHERE table_schema = DATABASE() AND auto_increment IS NOT NULL")
    return dict(rows)


def test_a_database_given_back_after_the_demo_data_holds_what_a_new_one_holds(databases, tmp_path):
    make = make_schema_in(tmp_path)
    first, brand_new = databases.take(make), databases.take(make)
    db, new = databases.open(first), databases.open(brand_new)
    new_database, new_ids = every_row(new), next_ids(new)
    load_seed(db)
    assert sum(map(len, every_row(db).values())) > 5000
    db.close()
    databases.give_back(first)

    assert databases.take(make) == first
    db = databases.open(first)
    assert every_row(db) == new_database and next_ids(db) == new_ids
    assert register_one(db) == register_one(new) == 1001
    assert db.scalar("SELECT registered FROM summary_day WHERE day = '2026-11-01'") == 1
    db.close()
    new.close()


@pytest.mark.parametrize("change", [
    "ALTER TABLE patients ADD COLUMN note VARCHAR(10)",
    "ALTER TABLE patients MODIFY COLUMN address VARCHAR(201)",
    "DROP INDEX ix_patients_birth ON patients",
    "DROP TRIGGER sum_billing_update",
    "ALTER TABLE patients DROP CONSTRAINT ck_patients_gender",
    "CREATE TABLE scratch (n INT)",
])
def test_a_database_whose_shape_a_test_changed_is_dropped_not_reused(databases, tmp_path, change):
    make = make_schema_in(tmp_path)
    name = databases.take(make)
    db = databases.open(name)
    db.execute(change)
    databases.give_back(name)
    assert name not in database_names(db)
    assert databases.take(make) != name
    db.close()
