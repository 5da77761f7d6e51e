"""A patient's whole history: details and stays, every appointment with its visit's record
(notes, vitals and prescriptions for those who read clinical notes; treatments for all), the
vitals and the lab results over time, every bill with its items."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.admission import Admission
from ..domain.appointment import days_between
from ..domain.billing import BillItem, FinalBill
from ..domain.lab import LabResult
from ..domain.patient import Patient
from ..domain.staff import Permission
from ..domain.visit import Medicine, VisitRecord, VitalsOn
from ..storage.appointments import AppointmentView
from .context import Context, allowed
from .visits import TreatmentLine


@dataclass
class Visit:
    view: AppointmentView
    days_since_last: int | None
    record: VisitRecord | None = None  # notes and vitals: None unless the reader may see them
    prescription: list[Medicine] = field(default_factory=list)
    treatments: list[TreatmentLine] = field(default_factory=list)


@dataclass
class PatientHistory:
    patient: Patient
    stays: list[Admission]  # the latest first
    days_admitted: int  # over every stay, to today for one still open
    visits: list[Visit]
    bills: list[tuple[FinalBill, list[BillItem]]]
    clinical: bool = False  # whether notes, vitals and prescriptions were read (the reader may see them)
    vitals: list[VitalsOn] = field(default_factory=list)  # the readings over time, oldest first
    labs: list[LabResult] = field(default_factory=list)  # every lab test ordered, oldest first


@allowed(Permission.VIEW_HISTORY)
def patient_history(ctx: Context, patient_id: int) -> PatientHistory:
    """Read in a fixed number of queries, whatever the number of stays, visits and bills."""
    patient = ctx.repos.patients.get(patient_id)
    stays = ctx.repos.admissions.of_patient(patient_id)
    views = ctx.repos.appointments.for_patient(patient_id)
    gaps = days_between([view.appointment.appt_date for view in views])
    visits = [Visit(view, gap) for view, gap in zip(views, gaps, strict=True)]
    clinical = ctx.actor.may(Permission.VIEW_CLINICAL)
    _add_records(ctx, visits, clinical)
    return PatientHistory(patient, stays, sum(stay.days(ctx.today()) for stay in stays), visits,
                          ctx.repos.bills.for_patient(patient_id), clinical, _readings(visits),
                          ctx.repos.labs.of_patient(patient_id) if clinical else [])


def _readings(visits: list[Visit]) -> list[VitalsOn]:
    """The visits where something was measured, oldest first (the visits come in time order)."""
    return [VitalsOn(visit.view.appointment.appt_id or 0, visit.view.appointment.appt_date, visit.record.vitals)
            for visit in visits if visit.record is not None and visit.record.vitals.measured]


def _add_records(ctx: Context, visits: list[Visit], clinical: bool) -> None:
    appt_ids = [visit.view.appointment.appt_id or 0 for visit in visits]  # stored appointments: never 0
    treatments = ctx.repos.visits.treatments_of(appt_ids)
    services = ctx.repos.services.get_many(sorted({t.service_id for found in treatments.values() for t in found}))
    records = ctx.repos.visits.of_appointments(appt_ids) if clinical else {}
    prescriptions = ctx.repos.visits.prescriptions_of(appt_ids) if clinical else {}
    for visit, appt_id in zip(visits, appt_ids, strict=True):
        visit.record, visit.prescription = records.get(appt_id), prescriptions.get(appt_id, [])
        visit.treatments = [TreatmentLine(t, services[t.service_id]) for t in treatments.get(appt_id, [])]
