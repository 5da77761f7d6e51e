"""Analytics over the appointments: the doctors' workload and visits by month (a doctor: their
own only), and the departments' load (the managers' view, with the reports)."""
from __future__ import annotations

from ..domain.period import Period
from ..domain.report import Report
from ..domain.staff import Permission
from ..storage import analytics
from .appointments import own_doctor
from .context import Context, allowed


@allowed(Permission.VIEW_APPOINTMENTS)
def doctor_workload(ctx: Context, period: Period, doctor_id: int | None = None) -> Report:
    return analytics.doctor_workload(ctx.db, period, own_doctor(ctx, doctor_id))


@allowed(Permission.VIEW_APPOINTMENTS)
def monthly_visits(ctx: Context, period: Period, doctor_id: int | None = None) -> Report:
    return analytics.monthly_visits(ctx.db, period, own_doctor(ctx, doctor_id))


@allowed(Permission.VIEW_REPORTS)
def department_load(ctx: Context, period: Period) -> Report:
    return analytics.department_load(ctx.db, period)
