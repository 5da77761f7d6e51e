"""Large and concurrent writes hold: an import bigger than the server's packet limit, a scale load
stopped half-way, two terminals importing one file at once, and a payment checked after a plain
read of its bill in the same transaction."""
import uuid
from datetime import date
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.billing import Billing, BillStatus, PaymentMethod
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.domain.service import Service
from hospital_mgmt.operations import imports, patients
from hospital_mgmt.operations.context import Context, open_context
from hospital_mgmt.storage.scale_loader import load_scale, scale_tables
from hospital_mgmt.storage.seed_loader import is_empty
from hospital_mgmt.storage.unit_of_work import Repositories
from tests.conftest import at_once, make_settings
from tests.support import StorageWork, context_for


def letters(number: int) -> str:
    """A name part for a number: 0 -> Aaaa, 1 -> Aaab..."""
    text = ""
    for _ in range(4):
        number, digit = divmod(number, 26)
        text = chr(97 + digit) + text
    return text.capitalize()


def patients_csv(path, count: int):
    rows = [f"Patient {letters(n)} Rao,{20 + n % 60},{'MFO'[n % 3]},9{n:09d},2026-01-01" for n in range(count)]
    path.write_text("name,age,gender,contact_no,registered_on\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_an_import_larger_than_the_servers_packet_limit_goes_in_whole_and_the_terminal_carries_on(
        private_mariadb, tmp_path):
    name = f"hms_test_{uuid.uuid4().hex[:12]}"
    ctx = open_context(make_settings(tmp_path, **private_mariadb.env(name)), create=True)
    try:
        from hospital_mgmt.operations import setup
        setup.create_schema(ctx)
        assert ctx.db.scalar("SELECT @@max_allowed_packet") == 1_048_576
        source = patients_csv(tmp_path / "patients.csv", 25_000)  # about 1.5 MB of INSERT in one statement
        assert source.stat().st_size > 1_048_576
        assert imports.import_file(ctx, "patients", source).summary == "imported 25000, rejected 0"
        assert ctx.db.scalar("SELECT count(*) FROM patients") == 25_000
        assert patients.get_patient(ctx, 25_000 + 1000).name == f"Patient {letters(24_999)} Rao"
    finally:
        ctx.db.execute(f"DROP DATABASE IF EXISTS `{name}`")
        ctx.close()


def test_a_scale_load_stopped_half_way_leaves_the_database_empty_and_can_run_again(db):
    def stop_after_the_patients(table, rows):
        if table == "doctors":
            raise KeyboardInterrupt  # as a clerk's Ctrl-C, or a kill, half-way through
    with pytest.raises(KeyboardInterrupt):
        load_scale(db, scale_tables(50), progress=stop_after_the_patients)
    assert is_empty(db) and db.scalar("SELECT count(*) FROM appointments") == 0
    assert load_scale(db, scale_tables(50))["patients"] == 50


def test_two_terminals_importing_one_file_at_once_import_it_once(db, settings_for, tmp_path):
    source = patients_csv(tmp_path / "patients.csv", 2_000)
    settings = settings_for(db)

    def import_it(connection, n):
        return imports.import_file(Context(settings, connection), "patients", source).summary

    outcomes = at_once(settings, 2, import_it)
    assert sorted(outcomes) == ["imported 0, rejected 2000", "imported 2000, rejected 0"], outcomes
    assert db.scalar("SELECT count(*) FROM patients") == 2_000


def test_two_terminals_registering_one_person_at_once_are_warned_of_each_other(db, settings_for):
    settings = settings_for(db)
    person = dict(name="Asha Rao", contact_no="9000000001", age=30, gender="F", registered_on=date(2026, 11, 22))

    def register(connection, n):
        return patients.register_patient(context_for(connection, settings), Patient(**person)).code

    outcomes = at_once(settings, 2, register)
    assert sorted(type(o).__name__ for o in outcomes) == ["PossibleDuplicates", "str"], outcomes
    assert db.scalar("SELECT count(*) FROM patients") == 1


def test_a_payment_checked_after_a_plain_read_of_its_bill_never_overpays_it(db, settings_for):
    """The trap of a snapshot taken before the row lock: a plain read first, then the locked read
    and the check. READ COMMITTED sessions keep the check right whatever was read before."""
    repos = Repositories(db)
    repos.patients.add(Patient(name="Asha Rao", contact_no="9000000001", age=30, gender="F",
                               registered_on=date(2026, 11, 1)))
    repos.services.add(Service("Dressing", "250"))
    for _ in range(8):
        bill = Billing(1001)
        bill.add_service(repos.services.get(1), 1)
        with StorageWork(db) as uow:
            stored = uow.bills.add(bill, date(2026, 11, 22))
            uow.commit()

        def pay_part(connection, n, bill_id=stored.bill_id):
            with StorageWork(connection) as uow:
                uow.bills.get(bill_id)  # a plain read first
                locked = uow.bills.get(bill_id, lock=True)
                locked.check_payment(D("150.00"))
                uow.bills.add_payment(bill_id, PaymentMethod.CASH, D("150.00"), date(2026, 11, 22),
                                      locked.status_after_payment(D("150.00")))
                uow.commit()
            return "paid"

        outcomes = at_once(settings_for(db), 2, pay_part)
        assert sorted(type(o).__name__ for o in outcomes) == ["PaymentExceedsBalance", "str"], outcomes
        after = repos.bills.get(stored.bill_id)
        assert (after.amount_paid, after.balance, after.status) == (D("150.00"), D("100.00"), BillStatus.UNPAID)
