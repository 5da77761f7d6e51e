"""A cashier's shift: opened with the cash float in the drawer, every payment the cashier takes
goes into it, and closing compares what was counted with what the drawer should hold."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from ..domain.billing import PaymentMethod
from ..domain.errors import NoOpenShift, NotAllowed
from ..domain.shift import Shift, ShiftCount, expected_in_drawer, validate_counted, validate_float
from ..domain.staff import Permission
from .context import Context, allowed


@dataclass
class ShiftState:
    """An open shift and what its drawer should hold by now, method by method."""

    shift: Shift
    expected: dict[PaymentMethod, Decimal]


def _cashier(ctx: Context) -> int:
    if ctx.actor.user_id is None:
        raise NotAllowed("shifts belong to a signed-in cashier; the application itself keeps no drawer")
    return ctx.actor.user_id


@allowed(Permission.TAKE_PAYMENTS)
def open_shift(ctx: Context, opening_float) -> Shift:
    """Open the cashier's shift with the cash float counted into the drawer (ShiftAlreadyOpen
    while one is open)."""
    user_id, amount = _cashier(ctx), validate_float(opening_float)
    with ctx.unit_of_work() as uow:
        shift = uow.shifts.open(user_id, ctx.actor.login, ctx.now().replace(microsecond=0), amount)
        uow.audit(f"shift {shift.code} opened by {ctx.actor.login}", "shift.open", shift.code,
                  after={"opening_float": amount})
        uow.commit()
    return shift


@allowed(Permission.TAKE_PAYMENTS)
def current_shift(ctx: Context) -> ShiftState | None:
    """The cashier's open shift with what it should hold so far; None when no shift is open."""
    shift = ctx.repos.shifts.open_for(_cashier(ctx))
    if shift is None:
        return None
    return ShiftState(shift, expected_in_drawer(shift.opening_float, ctx.repos.shifts.takings(shift.shift_id)))


@allowed(Permission.TAKE_PAYMENTS)
def close_shift(ctx: Context, counted: Mapping[PaymentMethod, object]) -> Shift:
    """Close the cashier's open shift with the amounts counted for each method (a method not
    given counts as 0.00). The shift is locked first: a payment being taken meanwhile is either
    in the figures or waits and then finds the shift closed."""
    user_id = _cashier(ctx)
    amounts = {method: validate_counted(counted.get(method, "0"), method) for method in PaymentMethod}
    with ctx.unit_of_work() as uow:
        shift = uow.shifts.open_for(user_id, lock=True)
        if shift is None:
            raise NoOpenShift(ctx.actor.login)
        expected = expected_in_drawer(shift.opening_float, uow.shifts.takings(shift.shift_id))
        counts = [ShiftCount(method, expected[method], amounts[method]) for method in PaymentMethod]
        uow.shifts.close(shift.shift_id, ctx.now().replace(microsecond=0), counts)
        uow.audit(f"shift {shift.code} closed by {ctx.actor.login}", "shift.close", shift.code,
                  after={count.method.value: f"expected {count.expected:.2f}, counted {count.counted:.2f}"
                         for count in counts})
        uow.commit()
    return ctx.repos.shifts.get(shift.shift_id)
