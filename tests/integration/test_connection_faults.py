"""The connection to MySQL breaks, for real: replies lost right after COMMIT reached the server
(a proxy cuts the line), a server killed and started again, a terminal idle past wait_timeout.
Money and bookings are written exactly once, a lost connection is one line naming it, and the
next action connects again by itself."""
import io
import time as clock
import uuid
from datetime import date, datetime, time
from decimal import Decimal as D

import mysql.connector
import pytest

from hospital_mgmt.domain.billing import BillStatus, PaymentMethod
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.errors import DatabaseUnavailable, SaveUnconfirmed
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.domain.service import Service
from hospital_mgmt.log_setup import configure
from hospital_mgmt.operations import appointments, billing, doctors, patients, price_list, setup
from hospital_mgmt.operations.context import FixedClock, open_context
from hospital_mgmt.ui.app import App
from hospital_mgmt.ui.console import Console
from hospital_mgmt.ui.main_menu import main_menu
from tests.conftest import MYSQL_ENV, make_settings, require_mysql
from tests.faults import CuttingProxy

MORNING = FixedClock(datetime(2026, 11, 22, 8, 0))
COMMIT = lambda sql: sql.strip().lower() == "commit"  # noqa: E731


def arrange(ctx) -> None:
    setup.create_schema(ctx)
    patients.register_patient(ctx, Patient(name="Asha Rao", contact_no="9000000001", age=30, gender="F",
                                           registered_on=date(2026, 11, 1)))
    doctors.add_doctor(ctx, Doctor("Meera Iyer", "9100000000", specialization="ENT", consultation_fee="800"))
    price_list.add_service(ctx, Service("Dressing", "200"))
    appointments.book_appointment(ctx, 1001, 1, ctx.today(), time(9, 0))


def count(server_port: int, name: str, sql: str) -> int:
    connection = mysql.connector.connect(host="127.0.0.1", port=server_port, user="root", password="", database=name)
    cursor = connection.cursor()
    cursor.execute(sql)
    value = cursor.fetchall()[0][0]
    connection.close()
    return value


@pytest.fixture
def hospital(private_mariadb, tmp_path):
    """A hospital on the private server, reached through a cutting proxy: (ctx, proxy, count)."""
    proxy = CuttingProxy(private_mariadb.port)
    name = f"hms_test_{uuid.uuid4().hex[:12]}"
    settings = make_settings(tmp_path, **private_mariadb.env(name, port=proxy.port))
    configure(settings.log_file)
    ctx = open_context(settings, create=True, clock=MORNING)
    arrange(ctx)
    yield ctx, proxy, lambda sql: count(private_mariadb.port, name, sql)
    ctx.close()
    proxy.close()
    connection = mysql.connector.connect(host="127.0.0.1", port=private_mariadb.port, user="root", password="")
    connection.cmd_query(f"DROP DATABASE IF EXISTS `{name}`")
    connection.close()


def audit_lines(ctx) -> list[str]:
    return [line.split(" ", 3)[3] for line in ctx.settings.log_file.read_text(encoding="utf-8").splitlines()]


def test_a_bill_whose_reply_was_lost_after_commit_is_found_by_its_key_not_made_twice(hospital):
    ctx, proxy, count = hospital
    draft = billing.start_bill(ctx, 1001, appt_id=1)
    billing.add_service(ctx, draft, 1, 2)
    proxy.cut_after = COMMIT
    bill = billing.finalize_bill(ctx, draft)
    assert proxy.cuts == 1
    assert (bill.code, bill.total_amount) == ("B001", D("1200.00"))
    assert count("SELECT count(*) FROM billing") == 1 and count("SELECT count(*) FROM bill_items") == 1
    assert audit_lines(ctx).count("bill B001 finalized [system]") == 1


def test_a_payment_whose_reply_was_lost_is_taken_once(hospital):
    ctx, proxy, count = hospital
    draft = billing.start_bill(ctx, 1001)
    billing.add_service(ctx, draft, 1, 5)
    bill = billing.finalize_bill(ctx, draft)
    proxy.cut_after = COMMIT
    paid = billing.record_payment(ctx, bill.bill_id, D("500.00"), PaymentMethod.CASH, request_key="desk2-0001")
    after = paid.bill
    assert proxy.cuts == 1 and (after.amount_paid, after.balance) == (D("500.00"), D("500.00"))
    assert count("SELECT count(*) FROM payments") == 1 and count("SELECT count(*) FROM receipts") == 1
    again = billing.record_payment(ctx, bill.bill_id, D("500.00"), PaymentMethod.CASH, request_key="desk2-0001")
    assert again.bill.amount_paid == D("500.00") and count("SELECT count(*) FROM payments") == 1
    assert again.receipt.code == paid.receipt.code == "R0001"  # the same receipt, not a second one
    assert audit_lines(ctx)[-1] == ("payment on bill B001 recorded (the same request again; nothing new was written)"
                                    " [system]")


def test_a_booking_and_a_registration_whose_replies_were_lost_are_made_once(hospital):
    ctx, proxy, count = hospital
    proxy.cut_after = COMMIT
    booked = appointments.book_appointment(ctx, 1001, 1, ctx.today(), time(9, 15))
    assert (proxy.cuts, booked.code, count("SELECT count(*) FROM appointments")) == (1, "A002", 2)
    proxy.cut_after = COMMIT
    registered = patients.register_patient(ctx, Patient(name="Ravi Kumar", contact_no="9000000002", age=50,
                                                        gender="M", registered_on=date(2026, 11, 22)))
    assert (proxy.cuts, registered.code, count("SELECT count(*) FROM patients")) == (2, "1002", 2)


def test_a_bill_cut_off_before_commit_is_rolled_back_by_the_server_and_written_on_the_second_try(hospital):
    ctx, proxy, count = hospital
    draft = billing.start_bill(ctx, 1001)
    billing.add_service(ctx, draft, 1, 1)
    proxy.cut_after = lambda sql: sql.startswith("INSERT INTO bill_items")
    bill = billing.finalize_bill(ctx, draft)
    assert (proxy.cuts, bill.code) == (1, "B001")  # the number the rolled-back attempt took is used again
    assert count("SELECT count(*) FROM billing") == 1 and count("SELECT last_value FROM counters") == 1


def test_a_change_without_a_key_cut_at_commit_says_it_may_have_been_saved_and_the_next_action_works(hospital):
    ctx, proxy, count = hospital
    draft = billing.start_bill(ctx, 1001)
    billing.add_service(ctx, draft, 1, 1)
    bill = billing.finalize_bill(ctx, draft)
    proxy.cut_after = COMMIT
    with pytest.raises(SaveUnconfirmed, match=r"^lost the connection to MySQL at 127\.0\.0\.1:\d+ while saving: the "
                                              "change may have been saved or not; look before doing it again$"):
        billing.void_bill(ctx, bill.bill_id, "Entered twice")
    assert billing.get_bill(ctx, bill.bill_id).status == BillStatus.VOID  # the server had saved it


def test_the_menu_names_a_lost_connection_in_one_line_and_goes_on(hospital):
    ctx, proxy, _ = hospital
    draft = billing.start_bill(ctx, 1001)
    billing.add_service(ctx, draft, 1, 1)
    billing.finalize_bill(ctx, draft)
    answers = iter(["5", "5", "B001", "Wrong patient", "y", "3", "B001", "0", "10"])

    def read_line():
        answer = next(answers)
        if answer == "y":
            proxy.cut_after = COMMIT
        return answer
    out = io.StringIO()
    main_menu(App(Console(read_line, out, colour=False, echo=True), ctx)).run()
    transcript = out.getvalue()
    assert ("Void bill B001? Its number stays used [y/N]: y\nError: lost the connection to MySQL at 127.0.0.1:"
            in transcript)
    assert "may have been saved or not; look before doing it again\n\nBilling >" in transcript
    assert "Sorry" not in transcript and "Void: Wrong patient" in transcript  # the next action reconnected


def test_after_the_server_dies_and_comes_back_the_next_action_connects_again(private_mariadb, tmp_path):
    name = f"hms_test_{uuid.uuid4().hex[:12]}"
    settings = make_settings(tmp_path, **private_mariadb.env(name))
    ctx = open_context(settings, create=True, clock=MORNING)
    try:
        arrange(ctx)
        private_mariadb.kill()
        with pytest.raises(DatabaseUnavailable, match=r"^cannot reach MySQL at 127\.0\.0\.1:\d+ as root: "):
            patients.get_patient(ctx, 1001)
        private_mariadb.start()
        assert patients.get_patient(ctx, 1001).name == "Asha Rao"  # a read after the restart: no error at all
        private_mariadb.kill()
        private_mariadb.start()
        assert appointments.book_appointment(ctx, 1001, 1, ctx.today(), time(9, 30)).code == "A002"
    finally:
        private_mariadb.start() if private_mariadb.process.poll() is not None else None
        ctx.db.execute(f"DROP DATABASE IF EXISTS `{name}`")
        ctx.close()


def test_a_terminal_left_idle_past_wait_timeout_reads_and_writes_again_without_a_word(tmp_path):
    require_mysql()
    name = f"hms_test_{uuid.uuid4().hex[:12]}"
    ctx = open_context(make_settings(tmp_path, **MYSQL_ENV, DB_NAME=name), create=True, clock=MORNING)
    try:
        arrange(ctx)
        ctx.db.execute("SET SESSION wait_timeout = 1")
        clock.sleep(2.5)  # the server closes the idle connection, as it does overnight after 8 hours
        assert patients.get_patient(ctx, 1001).name == "Asha Rao"
        ctx.db.execute("SET SESSION wait_timeout = 1")
        clock.sleep(2.5)
        assert appointments.book_appointment(ctx, 1001, 1, ctx.today(), time(9, 30)).code == "A002"
    finally:
        ctx.db.execute(f"DROP DATABASE IF EXISTS `{name}`")
        ctx.close()
