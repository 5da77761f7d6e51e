"""A patient's whole history: details and stay, every appointment, every bill with its items."""
from __future__ import annotations

from dataclasses import dataclass

from ..domain.appointment import days_between
from ..domain.billing import BillItem, FinalBill
from ..domain.patient import Patient
from ..domain.staff import Permission
from ..storage.appointments import AppointmentView
from .context import Context, allowed


@dataclass
class Visit:
    view: AppointmentView
    days_since_last: int | None


@dataclass
class PatientHistory:
    patient: Patient
    days_admitted: int
    visits: list[Visit]
    bills: list[tuple[FinalBill, list[BillItem]]]


@allowed(Permission.VIEW_HISTORY)
def patient_history(ctx: Context, patient_id: int) -> PatientHistory:
    """Read in three queries, whatever the number of visits and bills."""
    patient = ctx.repos.patients.get(patient_id)
    views = ctx.repos.appointments.for_patient(patient_id)
    gaps = days_between([view.appointment.appt_date for view in views])
    return PatientHistory(patient, patient.days_admitted(ctx.today()),
                          [Visit(view, gap) for view, gap in zip(views, gaps, strict=True)],
                          ctx.repos.bills.for_patient(patient_id))
