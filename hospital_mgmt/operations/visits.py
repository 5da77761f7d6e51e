"""The clinical record of a visit: the doctor's notes and the vitals, the prescription, and the
treatments performed, which wait for the patient's next bill.

Who may do what: a doctor writes notes, prescribes and records vitals and treatments for their
own appointments; an administrator may write notes for any; doctors and administrators read the
notes and prescriptions; a cashier sees the treatments waiting to be billed, never the notes."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..domain.appointment import Appointment
from ..domain.errors import InvalidField, InvalidRequest
from ..domain.request_key import new_request_key, validate_request_key
from ..domain.service import Service
from ..domain.staff import Permission
from ..domain.visit import Medicine, Treatment, VisitRecord, Vitals, check_prescription, check_recordable
from ..storage.unit_of_work import UnitOfWork
from .context import Context, allowed, check_reach, exactly_once, repeated


@dataclass
class TreatmentLine:
    """A treatment with its service as the price list has it today."""

    treatment: Treatment
    service: Service


@dataclass
class VisitDetails:
    """What a doctor reads of one visit."""

    appointment: Appointment
    record: VisitRecord | None
    prescription: list[Medicine]
    treatments: list[TreatmentLine]


@allowed(Permission.VIEW_CLINICAL)
def visit_details(ctx: Context, appt_id: int) -> VisitDetails:
    appointment = ctx.repos.appointments.get(appt_id)
    return VisitDetails(appointment, ctx.repos.visits.get(appt_id), ctx.repos.visits.prescription(appt_id),
                        _lines(ctx, ctx.repos.visits.treatments_of([appt_id]).get(appt_id, [])))


@allowed(Permission.VIEW_CLINICAL)
def record_visit(ctx: Context, appt_id: int, *, notes: str | None = None, vitals: Vitals | None = None) -> VisitRecord:
    """Write the notes and/or the vitals of a visit (None leaves that part as it was). Notes are a
    doctor's (their own visits) or an administrator's to write; vitals are recorded with the
    visit's other measurements by its doctor."""
    if notes is None and vitals is None:
        raise InvalidRequest("give the visit's notes or its vitals (or both)")
    with ctx.unit_of_work() as uow:
        appointment = uow.appointments.get(appt_id, lock=True)
        record = write_visit(ctx, uow, appointment, notes, vitals)
        uow.commit()
    return record


def write_visit(ctx: Context, uow: UnitOfWork, appointment: Appointment, notes: str | None,
                vitals: Vitals | None) -> VisitRecord:
    """The visit's record changed inside a unit of work (completing an appointment writes it too)."""
    if notes is not None:
        check_reach(ctx, Permission.WRITE_NOTES, appointment)
    if vitals is not None:
        check_reach(ctx, Permission.RECORD_VISITS, appointment)
        _check_pregnancy(uow, appointment, vitals)
    check_recordable(appointment, "a visit's notes and vitals")
    assert appointment.appt_id is not None
    before = uow.visits.get(appointment.appt_id, lock=True)
    record = (before or VisitRecord(appointment.appt_id)).amended(notes, vitals, ctx.actor.user_id,
                                                                   ctx.now().replace(microsecond=0))
    uow.visits.save(record)
    uow.audit(f"visit {appointment.code} recorded", "visit.record", appointment.code,
              _audited(before), _audited(record))
    return record


def _check_pregnancy(uow: UnitOfWork, appointment: Appointment, vitals: Vitals) -> None:
    if vitals.pregnant is not None and uow.patients.get(appointment.patient_id).gender != "F":
        raise InvalidField("pregnant", "is recorded for female patients only")


def _audited(record: VisitRecord | None) -> dict[str, Any] | None:
    """The audit trail says that the notes changed and how long they are, not what they say: it is
    read by managers, who do not read clinical notes."""
    if record is None:
        return None
    readings = {name: value for name, value in vars(record.vitals).items() if value is not None}
    return {**readings, "notes": f"{len(record.notes)} characters" if record.notes else ""}


@allowed(Permission.PRESCRIBE)
def prescribe(ctx: Context, appt_id: int, lines: list[Medicine]) -> list[Medicine]:
    """The visit's prescription, written whole (an empty list withdraws it)."""
    check_prescription(lines)
    with ctx.unit_of_work() as uow:
        appointment = uow.appointments.get(appt_id, lock=True)
        check_reach(ctx, Permission.PRESCRIBE, appointment)
        check_recordable(appointment, "a prescription")
        before = uow.visits.prescription(appt_id)
        if uow.visits.get(appt_id, lock=True) is None:  # the visit's record holds the prescription's prints
            uow.visits.save(VisitRecord(appt_id, recorded_by=ctx.actor.user_id,
                                        recorded_at=ctx.now().replace(microsecond=0)))
        uow.visits.replace_prescription(appt_id, lines)
        uow.audit(f"prescription of {appointment.code}: {len(lines)} medicines", "visit.prescribe",
                  appointment.code, {"medicines": [line.described for line in before]} if before else None,
                  {"medicines": [line.described for line in lines]})
        uow.commit()
    return lines


@allowed(Permission.RECORD_VISITS)
def record_treatment(ctx: Context, appt_id: int, service_id: int, quantity=1, note: str = "", *,
                     request_key: str | None = None) -> Treatment:
    """A service performed at the visit; it waits for the patient's next bill. The same request
    key records it once: repeated, it returns the first."""
    key = validate_request_key(request_key) if request_key else new_request_key()

    def record(after_lost_reply: bool) -> Treatment:
        with ctx.unit_of_work() as uow:
            earlier = uow.visits.treatment_by_request_key(key)
            if earlier is not None:
                ctx.log(repeated(f"treatment {earlier.code} recorded", after_lost_reply))
                return earlier
            appointment = uow.appointments.get(appt_id, lock=True)
            check_reach(ctx, Permission.RECORD_VISITS, appointment)
            check_recordable(appointment, "a treatment")
            service = uow.services.get(service_id)
            treatment = uow.visits.add_treatment(
                Treatment(appt_id, service_id, quantity, note, recorded_at=ctx.now().replace(microsecond=0)), key)
            uow.audit(f"treatment {treatment.code} recorded at {appointment.code}: {service.code} x"
                      f" {treatment.quantity}", "treatment.record", treatment.code, after=treatment)
            uow.commit()
        return treatment
    return exactly_once(ctx, record)


@allowed(Permission.RECORD_VISITS)
def remove_treatment(ctx: Context, treatment_id: int) -> Treatment:
    """Take back a treatment recorded by mistake, while it is on no live bill."""
    with ctx.unit_of_work() as uow:
        treatment = uow.visits.treatment(treatment_id, lock=True)
        appointment = uow.appointments.get(treatment.appt_id, lock=True)
        check_reach(ctx, Permission.RECORD_VISITS, appointment)
        treatment.check_removable()
        uow.visits.remove_treatment(treatment_id)
        uow.audit(f"treatment {treatment.code} removed", "treatment.remove", treatment.code, before=treatment)
        uow.commit()
    return treatment


@allowed(Permission.BILL)
def treatments_to_bill(ctx: Context, patient_id: int) -> list[TreatmentLine]:
    """The patient's treatments on no live bill yet, with their services at today's prices."""
    return _lines(ctx, ctx.repos.visits.waiting_for_patient(patient_id))


@allowed(Permission.VIEW_HISTORY)
def treatments_of_visit(ctx: Context, appt_id: int) -> list[TreatmentLine]:
    return _lines(ctx, ctx.repos.visits.treatments_of([appt_id]).get(appt_id, []))


def _lines(ctx: Context, treatments: list[Treatment]) -> list[TreatmentLine]:
    services = ctx.repos.services.get_many(sorted({treatment.service_id for treatment in treatments}))
    return [TreatmentLine(treatment, services[treatment.service_id]) for treatment in treatments]
