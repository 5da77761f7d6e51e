"""A row held too long by another terminal: a real lock on each engine, not a stand-in. The
clerk gets one line, nothing is half-written, and the next try works."""
from decimal import Decimal as D

import pytest

from hospital_mgmt.db_config import connect
from hospital_mgmt.domain.billing import PaymentMethod
from hospital_mgmt.domain.errors import DatabaseBusy
from hospital_mgmt.operations import billing
from hospital_mgmt.operations.context import Context
from tests.operations.conftest import a_patient, a_service


def impatient(settings):
    """A terminal that gives up after about a second instead of the engines' usual wait."""
    db = connect(settings)
    if db.engine == "sqlite":
        db.connection.execute("PRAGMA busy_timeout = 300")
    else:
        db.execute("SET SESSION innodb_lock_wait_timeout = 1")
    return db


def test_a_payment_on_a_bill_another_terminal_holds_is_a_busy_error_and_the_next_try_works(ctx, settings):
    a_patient(ctx)
    a_service(ctx, "ECG", "250")
    draft = billing.start_bill(ctx, 1001)
    billing.add_service(ctx, draft, 1, 2)
    bill = billing.finalize_bill(ctx, draft)
    other = connect(settings)
    other.begin()
    other.execute("UPDATE billing SET print_count = print_count + 1 WHERE bill_id = ?", (bill.bill_id,))
    mine = impatient(settings)
    terminal = Context(settings, mine, ctx.clock)
    try:
        with pytest.raises(DatabaseBusy, match="^the database is busy with another terminal; try again$"):
            billing.record_payment(terminal, bill.bill_id, D("100.00"), PaymentMethod.CASH)
        assert ctx.db.scalar("SELECT count(*) FROM payments") == 0
        other.rollback()
        after = billing.record_payment(terminal, bill.bill_id, D("100.00"), PaymentMethod.CASH).bill
        assert (after.amount_paid, after.balance) == (D("100.00"), D("400.00"))
    finally:
        other.close()
        mine.close()
