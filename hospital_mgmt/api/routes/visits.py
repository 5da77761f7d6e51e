"""The clinical record of a visit: its notes and vitals, its prescription (and the printed one),
the treatments performed, the lab tests ordered and their results; the laboratory's test types;
a patient's lab history and the treatments waiting for their bill. Doctors write for
their own visits; doctors and administrators read the record; a cashier sees the treatments."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from ...domain.visit import Vitals
from ...operations import appointments, documents, labs, visits
from ...operations.context import Context
from ..deps import idempotency_key, signed_in
from ..schemas import (
    AppointmentOut,
    CompleteIn,
    LabOrderIn,
    LabOrderOut,
    LabResultIn,
    LabTestIn,
    LabTestOut,
    MedicineOut,
    PrescriptionIn,
    TreatmentIn,
    TreatmentOut,
    VisitIn,
    VisitRecordOut,
    VitalsOut,
)
from .common import DOCUMENT, code, document

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
    return document(kind, lambda text, pdf: documents.print_prescription(ctx, code("appointment", appointment),
                                                                         text=text, pdf=pdf))


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


@router.get("/lab-tests", response_model=list[LabTestOut], tags=["lab"])
def lab_tests(ctx: Context = Depends(signed_in)):
    """The laboratory's test types with their reference ranges."""
    return [LabTestOut.of(test) for test in labs.lab_tests(ctx)]


@router.post("/lab-tests", status_code=201, response_model=LabTestOut, tags=["lab"])
def add_lab_test(body: LabTestIn, ctx: Context = Depends(signed_in)):
    return LabTestOut.of(labs.add_lab_test(ctx, body.lab_test()))


@router.put("/lab-tests/{test}", response_model=LabTestOut, tags=["lab"])
def update_lab_test(test: str, body: LabTestIn, ctx: Context = Depends(signed_in)):
    """A new name, unit or range; results recorded before keep the flag they were given."""
    test_id = code("lab_test", test)
    labs.get_lab_test(ctx, test_id)
    return LabTestOut.of(labs.update_lab_test(ctx, body.lab_test(test_id)))


@router.post("/appointments/{appointment}/lab-orders", status_code=201, response_model=LabOrderOut, tags=["lab"])
def order_lab_test(appointment: str, body: LabOrderIn, ctx: Context = Depends(signed_in)):
    appt_id = code("appointment", appointment)
    order = labs.order_lab_test(ctx, appt_id, code("lab_test", body.test))
    return _lab_order(ctx, appt_id, order.order_id)


@router.put("/lab-orders/{order}/result", response_model=LabOrderOut, tags=["lab"])
def record_lab_result(order: str, body: LabResultIn, ctx: Context = Depends(signed_in)):
    """The laboratory's result, flagged low, normal or high; sent again, it corrects the result."""
    recorded = labs.record_lab_result(ctx, code("lab_order", order), body.value, body.reported_on)
    return _lab_order(ctx, recorded.appt_id, recorded.order_id)


@router.delete("/lab-orders/{order}", status_code=204, response_class=Response, tags=["lab"])
def cancel_lab_order(order: str, ctx: Context = Depends(signed_in)):
    """An order taken back while it has no result (409 once it has)."""
    labs.cancel_lab_order(ctx, code("lab_order", order))
    return Response(status_code=204)


@router.get("/patients/{patient}/lab-results", response_model=list[LabOrderOut], tags=["lab"])
def lab_history(patient: str, ctx: Context = Depends(signed_in)):
    """Every test of the patient's visits, oldest first, with its result and flag."""
    return [LabOrderOut.of(result) for result in labs.lab_history(ctx, code("patient", patient))]


def _lab_order(ctx: Context, appt_id: int, order_id: int | None) -> LabOrderOut:
    [found] = [r for r in labs.lab_orders_of_visit(ctx, appt_id) if r.order.order_id == order_id]
    return LabOrderOut.of(found)


def _visit(ctx: Context, appt_id: int) -> VisitRecordOut:
    details = visits.visit_details(ctx, appt_id)
    a, record = details.appointment, details.record
    return VisitRecordOut(appointment=a.code, date=a.appt_date, status=a.status.value, diagnosis=a.diagnosis,
                          notes=record.notes if record else "",
                          vitals=VitalsOut.of(record.vitals if record else Vitals()),
                          recorded_at=record.recorded_at if record else None,
                          prescription=[MedicineOut.of(line) for line in details.prescription],
                          treatments=[TreatmentOut.of(line) for line in details.treatments])
