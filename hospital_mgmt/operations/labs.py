"""The laboratory: the test types with their reference ranges (kept by an administrator, as the
price list is), tests ordered at a visit by its doctor, their results flagged against the range,
and a patient's lab history (read by doctors and administrators)."""
from __future__ import annotations

from copy import copy
from datetime import date

from ..domain.lab import LabOrder, LabResult, LabTest
from ..domain.staff import Permission
from ..domain.visit import check_recordable
from .context import Context, allowed, check_reach


@allowed(Permission.VIEW_RECORDS)
def lab_tests(ctx: Context) -> list[LabTest]:
    return ctx.repos.labs.tests()


@allowed(Permission.VIEW_RECORDS)
def get_lab_test(ctx: Context, test_id: int) -> LabTest:
    return ctx.repos.labs.test(test_id)


@allowed(Permission.EDIT_PRICE_LIST)
def add_lab_test(ctx: Context, test: LabTest) -> LabTest:
    with ctx.unit_of_work() as uow:
        uow.labs.add_test(test)
        uow.audit(f"lab test {test.code} added", "lab_test.add", test.code, after=test)
        uow.commit()
    return test


@allowed(Permission.EDIT_PRICE_LIST)
def update_lab_test(ctx: Context, test: LabTest) -> LabTest:
    """A new name, unit or range; results recorded before keep the flag they were given."""
    assert test.test_id is not None
    with ctx.unit_of_work() as uow:
        before = uow.labs.test(test.test_id)
        uow.labs.update_test(test)
        uow.audit(f"lab test {test.code} updated", "lab_test.update", test.code, before, test)
        uow.commit()
    return test


@allowed(Permission.RECORD_VISITS)
def order_lab_test(ctx: Context, appt_id: int, test_id: int) -> LabOrder:
    """A test ordered at the visit by its doctor."""
    with ctx.unit_of_work() as uow:
        appointment = uow.appointments.get(appt_id, lock=True)
        check_reach(ctx, Permission.RECORD_VISITS, appointment)
        check_recordable(appointment, "a lab test")
        test = uow.labs.test(test_id)
        order = uow.labs.add_order(LabOrder(appt_id, test_id, ctx.now().replace(microsecond=0)))
        uow.audit(f"lab order {order.code} at {appointment.code}: {test.code}", "lab_order.add", order.code,
                  after=order)
        uow.commit()
    return order


@allowed(Permission.RECORD_VISITS)
def record_lab_result(ctx: Context, order_id: int, value, day: date | str | None = None) -> LabOrder:
    """The laboratory's result (today unless another day is given), flagged low, normal or high
    against the range for the patient's sex; a result given again corrects it."""
    with ctx.unit_of_work() as uow:
        order = uow.labs.order(order_id, lock=True)
        appointment = uow.appointments.get(order.appt_id)
        check_reach(ctx, Permission.RECORD_VISITS, appointment)
        before = copy(order)
        order.record_result(uow.labs.test(order.test_id), value, day or ctx.today(), appointment.appt_date,
                            ctx.today(), uow.patients.get(appointment.patient_id).gender)
        uow.labs.save_result(order)
        uow.audit(f"lab order {order.code} result recorded ({order.flag})", "lab_order.result", order.code,
                  before, order)
        uow.commit()
    return order


@allowed(Permission.RECORD_VISITS)
def cancel_lab_order(ctx: Context, order_id: int) -> LabOrder:
    """An order made by mistake, taken back while it has no result."""
    with ctx.unit_of_work() as uow:
        order = uow.labs.order(order_id, lock=True)
        check_reach(ctx, Permission.RECORD_VISITS, uow.appointments.get(order.appt_id))
        order.check_removable()
        uow.labs.remove_order(order_id)
        uow.audit(f"lab order {order.code} cancelled", "lab_order.cancel", order.code, before=order)
        uow.commit()
    return order


@allowed(Permission.VIEW_CLINICAL)
def lab_orders_of_visit(ctx: Context, appt_id: int) -> list[LabResult]:
    return ctx.repos.labs.of_appointments([appt_id]).get(appt_id, [])


@allowed(Permission.VIEW_CLINICAL)
def lab_history(ctx: Context, patient_id: int) -> list[LabResult]:
    """Every test of the patient's visits, oldest first, with its result and flag."""
    ctx.repos.patients.get(patient_id)
    return ctx.repos.labs.of_patient(patient_id)
