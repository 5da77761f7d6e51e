"""The clinical record of a visit: its notes and vitals, its prescription (and the printed one),
the treatments performed; and the treatments of a patient waiting for a bill. Doctors write for
their own visits; doctors and administrators read the record; a cashier sees the treatments."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from ...domain.visit import Vitals
from ...operations import appointments, documents, visits
from ...operations.context import Context
from ..deps import idempotency_key, signed_in
from ..schemas import (
    AppointmentOut,
    CompleteIn,
    MedicineOut,
    PrescriptionIn,
    TreatmentIn,
    TreatmentOut,
    VisitIn,
    VisitRecordOut,
    VitalsOut,
)
from .billing import DOCUMENT, DOCUMENT_TYPES, _kind
from .common import code

router = APIRouter(tags=["visits"])


@router.post("/appointments/{appointment}/complete", response_model=AppointmentOut, tags=["appointments"])
def complete(appointment: str, body: CompleteIn, ctx: Context = Depends(signed_in)):
    """Mark the visit done, with its diagnosis, and its notes and vitals when they are given."""
    appt_id = code("appointment", appointment)
    appointments.complete_appointment(ctx, appt_id, body.diagnosis, notes=body.notes,
                                      vitals=None if body.vitals is None else body.vitals.vitals())
    return AppointmentOut.of(appointments.get_appointment(ctx, appt_id))


@router.get("/appointments/{appointment}/visit", response_model=VisitRecordOut)
def get_visit(appointment: str, ctx: Context = Depends(signed_in)):
    return _visit(ctx, code("appointment", appointment))


@router.put("/appointments/{appointment}/visit", response_model=VisitRecordOut)
def record_visit(appointment: str, body: VisitIn, ctx: Context = Depends(signed_in)):
    """The notes and/or the vitals of the visit; a part left out stays as it is."""
    appt_id = code("appointment", appointment)
    visits.record_visit(ctx, appt_id, notes=body.notes, vitals=None if body.vitals is None else body.vitals.vitals())
    return _visit(ctx, appt_id)


@router.put("/appointments/{appointment}/prescription", response_model=list[MedicineOut])
def prescribe(appointment: str, body: PrescriptionIn, ctx: Context = Depends(signed_in)):
    """The whole prescription of the visit, written again (the same body sent twice changes nothing)."""
    lines = visits.prescribe(ctx, code("appointment", appointment), [line.medicine_line() for line in body.medicines])
    return [MedicineOut.of(line) for line in lines]


@router.get("/appointments/{appointment}/prescription.{kind}", tags=["documents"], response_class=Response,
            responses=DOCUMENT)
def prescription_document(appointment: str, kind: str, ctx: Context = Depends(signed_in)):
    """The prescription as PDF or text, to hand to the patient; a reprint is stamped DUPLICATE."""
    text = _kind(kind) == "txt"
    [path] = documents.print_prescription(ctx, code("appointment", appointment), text=text, pdf=not text)
    return Response(path.read_bytes(), media_type=DOCUMENT_TYPES[kind])


@router.post("/appointments/{appointment}/treatments", status_code=201, response_model=TreatmentOut)
def record_treatment(appointment: str, body: TreatmentIn, ctx: Context = Depends(signed_in),
                     key: str | None = Depends(idempotency_key)):
    """A service of the price list performed at the visit; it waits for the patient's next bill.
    Sent again with the same Idempotency-Key, it is recorded once."""
    appt_id = code("appointment", appointment)
    treatment = visits.record_treatment(ctx, appt_id, code("service", body.service), body.quantity, body.note,
                                        request_key=key)
    [line] = [line for line in visits.treatments_of_visit(ctx, appt_id)
              if line.treatment.treatment_id == treatment.treatment_id]
    return TreatmentOut.of(line)


@router.delete("/treatments/{treatment}", status_code=204, response_class=Response)
def remove_treatment(treatment: str, ctx: Context = Depends(signed_in)):
    """Take back a treatment recorded by mistake, while it is on no live bill (409 once billed)."""
    visits.remove_treatment(ctx, code("treatment", treatment))
    return Response(status_code=204)


@router.get("/patients/{patient}/treatments", response_model=list[TreatmentOut], tags=["bills"])
def treatments_to_bill(patient: str, ctx: Context = Depends(signed_in)):
    """The patient's treatments on no live bill yet, at today's prices: what the next bill takes."""
    return [TreatmentOut.of(line) for line in visits.treatments_to_bill(ctx, code("patient", patient))]


def _visit(ctx: Context, appt_id: int) -> VisitRecordOut:
    details = visits.visit_details(ctx, appt_id)
    a, record = details.appointment, details.record
    return VisitRecordOut(appointment=a.code, date=a.appt_date, status=a.status.value, diagnosis=a.diagnosis,
                    notes=record.notes if record else "", vitals=VitalsOut.of(record.vitals if record else Vitals()),
                    recorded_at=record.recorded_at if record else None,
                    prescription=[MedicineOut.of(line) for line in details.prescription],
                    treatments=[TreatmentOut.of(line) for line in details.treatments])
