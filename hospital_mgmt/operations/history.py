"""A patient's whole history: details and stays, every appointment, every bill with its items."""
from __future__ import annotations

from dataclasses import dataclass

from ..domain.admission import Admission
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
    stays: list[Admission]  # the latest first
    days_admitted: int  # over every stay, to today for one still open
    visits: list[Visit]
    bills: list[tuple[FinalBill, list[BillItem]]]


@allowed(Permission.VIEW_HISTORY)
def patient_history(ctx: Context, patient_id: int) -> PatientHistory:
    """Read in four queries, whatever the number of stays, visits and bills."""
    patient = ctx.repos.patients.get(patient_id)
    stays = ctx.repos.admissions.of_patient(patient_id)
    views = ctx.repos.appointments.for_patient(patient_id)
    gaps = days_between([view.appointment.appt_date for view in views])
    return PatientHistory(patient, stays, sum(stay.days(ctx.today()) for stay in stays),
                          [Visit(view, gap) for view, gap in zip(views, gaps, strict=True)],
                          ctx.repos.bills.for_patient(patient_id))
