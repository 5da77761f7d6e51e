"""Cashiers' shifts on both engines: two cashiers on one day, each drawer counted on its own, the
cash-up per shift beside the day's totals, and a shift closing while a payment is being taken."""
from dataclasses import replace
from datetime import datetime
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.billing import PaymentMethod
from hospital_mgmt.domain.errors import NoOpenShift, NotAllowed, ShiftAlreadyOpen
from hospital_mgmt.domain.period import Period
from hospital_mgmt.operations import billing, reports, shifts
from hospital_mgmt.operations.context import Context, FixedClock
from tests.conftest import at_once
from tests.operations.conftest import a_patient, a_service
from tests.support import TODAY, add_staff, signed_in

CASH, CARD, UPI = PaymentMethod.CASH, PaymentMethod.CARD, PaymentMethod.UPI


@pytest.fixture
def counter(ctx):
    a_patient(ctx)
    a_service(ctx, "ECG", "250")
    return ctx


def at(ctx, hour, minute=0):
    return replace(ctx, clock=FixedClock(datetime(2026, 11, 22, hour, minute)))


def a_bill(ctx, quantity=4):
    draft = billing.start_bill(ctx, 1001)
    billing.add_service(ctx, draft, 1, quantity)
    return billing.finalize_bill(ctx, draft).bill_id


def test_a_cashier_takes_payments_only_in_an_open_shift_of_their_own(counter):
    ravi = signed_in(counter, add_staff(counter.db, "ravi", "cashier"))
    bill = a_bill(counter)
    with pytest.raises(NoOpenShift, match="^ravi has no open shift; open one"):
        billing.record_payment(ravi, bill, D("100.00"), CASH)
    assert counter.db.scalar("SELECT count(*) FROM payments") == 0
    shift = shifts.open_shift(at(ravi, 8), "500")
    with pytest.raises(ShiftAlreadyOpen, match="^ravi already has shift SH001 open since 2026-11-22 08:00"):
        shifts.open_shift(at(ravi, 9), "100")
    billing.record_payment(ravi, bill, D("100.00"), CASH)
    assert counter.db.table("SELECT shift_id, received_by FROM payments")[1] == [(shift.shift_id, 1)]
    with pytest.raises(NotAllowed, match="the application itself keeps no drawer"):
        shifts.open_shift(counter, "0")


def test_two_cashiers_on_one_day_each_count_their_own_drawer(counter):
    ravi = at(signed_in(counter, add_staff(counter.db, "ravi", "cashier")), 8)
    sita = at(signed_in(counter, add_staff(counter.db, "sita", "cashier")), 14)
    first, second, third = a_bill(counter), a_bill(counter), a_bill(counter)
    shifts.open_shift(ravi, "500.00")
    shifts.open_shift(sita, "300")
    billing.record_payment(ravi, first, D("1000.00"), CASH)
    billing.record_payment(ravi, second, D("400.00"), CARD, reference="CARD-1")
    billing.record_payment(sita, second, D("600.00"), CASH)
    billing.record_payment(sita, third, D("250.00"), UPI, reference="UPI-1")
    billing.record_payment(counter, third, D("50.00"), CASH)  # the application's own: in no drawer
    state = shifts.current_shift(ravi)
    assert state.expected == {CASH: D("1500.00"), CARD: D("400.00"), UPI: D("0.00"), PaymentMethod.INSURANCE: D("0.00")}
    closed = shifts.close_shift(at(ravi, 13), {CASH: "1490.00", CARD: "400"})
    assert [(c.method, c.expected, c.counted, c.difference) for c in closed.counts] == [
        (CASH, D("1500.00"), D("1490.00"), D("-10.00")), (CARD, D("400.00"), D("400.00"), D("0.00")),
        (UPI, D("0.00"), D("0.00"), D("0.00")), (PaymentMethod.INSURANCE, D("0.00"), D("0.00"), D("0.00"))]
    assert shifts.current_shift(ravi) is None
    with pytest.raises(NoOpenShift):
        billing.record_payment(ravi, third, D("1.00"), CASH)
    shifts.close_shift(at(sita, 20), {CASH: "900.00", UPI: "250.00"})
    cash_up = reports.run_report(counter, "cash-up", Period(TODAY, TODAY))
    assert cash_up.rows == [["card", 1, D("400.00"), 0, D("0.00"), D("400.00")],
                            ["cash", 3, D("1650.00"), 0, D("0.00"), D("1650.00")],
                            ["upi", 1, D("250.00"), 0, D("0.00"), D("250.00")],
                            ["TOTAL (all methods)", 5, D("2300.00"), 0, D("0.00"), D("2300.00")],
                            ["Opening floats", "", "", "", "", D("800.00")],
                            ["CASH TO HAND OVER (floats + cash in - cash refunds)", "", "", "", "", D("2450.00")]]
    [drawers] = cash_up.sections
    assert drawers.columns == ["Shift", "Cashier", "Opened", "Closed", "Method", "Expected", "Counted", "Difference"]
    assert [row for row in drawers.rows if row[4] in ("cash", "card", "upi")] == [
        ["SH001", "ravi", "08:00", "13:00", "cash", D("1500.00"), D("1490.00"), D("-10.00")],
        ["SH001", "ravi", "08:00", "13:00", "card", D("400.00"), D("400.00"), D("0.00")],
        ["SH001", "ravi", "08:00", "13:00", "upi", D("0.00"), D("0.00"), D("0.00")],
        ["SH002", "sita", "14:00", "20:00", "cash", D("900.00"), D("900.00"), D("0.00")],
        ["SH002", "sita", "14:00", "20:00", "card", D("0.00"), D("0.00"), D("0.00")],
        ["SH002", "sita", "14:00", "20:00", "upi", D("250.00"), D("250.00"), D("0.00")]]


def test_an_open_shift_shows_in_the_cash_up_with_what_it_should_hold_so_far(counter):
    ravi = at(signed_in(counter, add_staff(counter.db, "ravi", "cashier")), 9)
    shifts.open_shift(ravi, "200")
    billing.record_payment(ravi, a_bill(counter), D("250.00"), CASH)
    [drawers] = reports.run_report(counter, "cash-up", Period(TODAY, TODAY)).sections
    assert drawers.rows[0] == ["SH001", "ravi", "09:00", "open", "cash", D("450.00"), "", ""]


def test_a_shift_closing_while_a_payment_is_taken_counts_it_or_refuses_it(counter, settings_for):
    member = add_staff(counter.db, "ravi", "cashier")
    for round_number in range(4):
        ravi = signed_in(counter, member)
        shifts.open_shift(ravi, "0")
        bill = a_bill(counter, quantity=1)

        def close_or_pay(connection, n, bill=bill):
            terminal = Context(counter.settings, connection, counter.clock, member.actor())
            if n == 0:
                return shifts.close_shift(terminal, {CASH: "250.00"})
            return billing.record_payment(terminal, bill, D("250.00"), CASH)
        closed, paid = at_once(settings_for(counter.db), 2, close_or_pay,
                               slow="INSERT INTO payments" if round_number % 2 else "UPDATE shifts")
        expected = counter.db.to_money(counter.db.scalar(
            "SELECT expected FROM shift_counts WHERE shift_id = ? AND method = 'cash'", (closed.shift_id,)))
        taken = counter.db.scalar("SELECT count(*) FROM payments WHERE shift_id = ?", (closed.shift_id,))
        if isinstance(paid, Exception):
            assert isinstance(paid, NoOpenShift) and (expected, taken) == (D("0.00"), 0), (paid, expected)
        else:
            assert (expected, taken) == (D("250.00"), 1)  # the payment is in the closed shift's figures
