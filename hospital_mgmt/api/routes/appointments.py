"""Appointments: booking and walk-ins (exactly once per Idempotency-Key), the lists with names
joined, free slots, check-in, the doctor's queue, calling in, rescheduling, and a visit's
cancellation, no-show and diagnosis (its completion, with the visit's record: routes/visits.py).
A doctor sees and changes only their own."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query

from ...domain.appointment import AppointmentStatus
from ...domain.errors import InvalidRequest
from ...domain.page import After
from ...domain.period import EARLIEST, Period
from ...operations import appointments, reception
from ...operations.context import Context
from ..deps import idempotency_key, signed_in
from ..problems import documented
from ..schemas import AppointmentIn, AppointmentOut, DiagnosisIn, Listing, QueueOut, RescheduleIn, Slots, WalkInIn
from .common import Window, code, listing, window

router = APIRouter(tags=["appointments"])
LATEST = date(9999, 12, 31)
TAKEN: dict[int | str, dict[str, Any]] = {409: documented("the slot is taken (for the doctor or the patient)")}


@router.post("/appointments", status_code=201, response_model=AppointmentOut, responses=TAKEN)
def book(body: AppointmentIn, ctx: Context = Depends(signed_in), key: str | None = Depends(idempotency_key)):
    booked = appointments.book_appointment(ctx, code("patient", body.patient), code("doctor", body.doctor), body.date,
                                           body.time, body.reason, request_key=key)
    assert booked.appt_id is not None
    return AppointmentOut.of(appointments.get_appointment(ctx, booked.appt_id))


@router.post("/appointments/walk-in", status_code=201, response_model=AppointmentOut, responses=TAKEN)
def walk_in(body: WalkInIn, ctx: Context = Depends(signed_in), key: str | None = Depends(idempotency_key)):
    """Booked into the doctor's next free slot of today and checked in at once, with a token."""
    booked = reception.walk_in(ctx, code("patient", body.patient), code("doctor", body.doctor), body.reason,
                               request_key=key)
    assert booked.appt_id is not None
    return AppointmentOut.of(appointments.get_appointment(ctx, booked.appt_id))


@router.get("/appointments", response_model=Listing[AppointmentOut])
def find(ctx: Context = Depends(signed_in), window: Window = Depends(window),
         date_from: date | None = Query(None, alias="from"), date_to: date | None = Query(None, alias="to"),
         doctor: str | None = Query(None, max_length=12), patient: str | None = Query(None, max_length=12),
         status: AppointmentStatus | None = None,
         after: str | None = Query(None, max_length=12, description="keyset paging: the code of the last appointment"
                                   " of the page before (instead of offset; any depth at the cost of the first page)")):
    """In time order; a doctor's own only, for a doctor."""
    period = _period(date_from, date_to)
    doctor_id = None if doctor is None else code("doctor", doctor)
    patient_id = None if patient is None else code("patient", patient)
    page = window.page if after is None else _after(ctx, after, window)
    found = appointments.find_appointments(ctx, period, doctor_id, status, page, window.limit, patient_id)
    counted = appointments.count_appointments(ctx, period, doctor_id, status, patient_id)
    return listing(found, window, counted, AppointmentOut.of)


def _after(ctx: Context, after: str, window: Window) -> After:
    if window.offset:
        raise InvalidRequest("give after= or offset=, not both")
    last = appointments.get_appointment(ctx, code("appointment", after)).appointment
    return After((last.appt_date, last.appt_time, last.appt_id))


@router.get("/patients/{patient}/appointments", response_model=Listing[AppointmentOut], tags=["patients"])
def of_patient(patient: str, ctx: Context = Depends(signed_in), window: Window = Depends(window)):
    patient_id = code("patient", patient)
    found = appointments.find_appointments(ctx, None, None, None, window.page, window.limit, patient_id)
    return listing(found, window, appointments.count_appointments(ctx, patient_id=patient_id), AppointmentOut.of)


@router.get("/doctors/{doctor}/appointments", response_model=list[AppointmentOut], tags=["doctors"])
def doctors_day(doctor: str, day: date = Query(alias="date"), ctx: Context = Depends(signed_in)):
    """The doctor's appointments of one day, in time order."""
    return [AppointmentOut.of(view) for view in appointments.doctors_day(ctx, code("doctor", doctor), day)]


@router.get("/doctors/{doctor}/free-slots", response_model=Slots, tags=["doctors"])
def free_slots(doctor: str, day: date = Query(alias="date"), ctx: Context = Depends(signed_in)):
    doctor_id = code("doctor", doctor)
    slots = appointments.free_slots(ctx, doctor_id, day)
    return Slots(doctor=f"D{doctor_id:02d}", date=day, free=[f"{slot:%H:%M}" for slot in slots])


@router.get("/doctors/{doctor}/queue", response_model=list[QueueOut], tags=["doctors"])
def queue(doctor: str, day: date | None = Query(None, alias="date"), ctx: Context = Depends(signed_in)):
    """Those checked in for the doctor that day (default: today), in the order they came."""
    return [QueueOut(token=entry.view.appointment.token_no or 0, appointment=AppointmentOut.of(entry.view),
                     waited_minutes=entry.waited_minutes)
            for entry in reception.todays_queue(ctx, code("doctor", doctor), day)]


@router.post("/appointments/{appointment}/check-in", response_model=AppointmentOut)
def check_in(appointment: str, ctx: Context = Depends(signed_in)):
    """The patient has come (on the day): arrived, with the doctor's next token; again, the same token."""
    return _changed(ctx, appointment, reception.check_in)


@router.post("/appointments/{appointment}/call-in", response_model=AppointmentOut)
def call_in(appointment: str, ctx: Context = Depends(signed_in)):
    return _changed(ctx, appointment, reception.call_in)


@router.post("/appointments/{appointment}/reschedule", response_model=AppointmentOut, responses=TAKEN)
def reschedule(appointment: str, body: RescheduleIn, ctx: Context = Depends(signed_in)):
    """The same appointment in another free slot; sent again, nothing more changes."""
    appt_id = code("appointment", appointment)
    current = appointments.get_appointment(ctx, appt_id).appointment
    doctor_id = current.doctor_id if body.doctor is None else code("doctor", body.doctor)
    appointments.reschedule_appointment(ctx, appt_id, doctor_id, body.date, body.time)
    return AppointmentOut.of(appointments.get_appointment(ctx, appt_id))


@router.get("/appointments/{appointment}", response_model=AppointmentOut)
def get(appointment: str, ctx: Context = Depends(signed_in)):
    return AppointmentOut.of(appointments.get_appointment(ctx, code("appointment", appointment)))


@router.post("/appointments/{appointment}/cancel", response_model=AppointmentOut)
def cancel(appointment: str, ctx: Context = Depends(signed_in)):
    return _changed(ctx, appointment, appointments.cancel_appointment)


@router.post("/appointments/{appointment}/no-show", response_model=AppointmentOut)
def no_show(appointment: str, ctx: Context = Depends(signed_in)):
    return _changed(ctx, appointment, appointments.mark_no_show)


@router.put("/appointments/{appointment}/diagnosis", response_model=AppointmentOut)
def diagnosis(appointment: str, body: DiagnosisIn, ctx: Context = Depends(signed_in)):
    return _changed(ctx, appointment, lambda c, appt_id: appointments.record_diagnosis(c, appt_id, body.diagnosis))


def _changed(ctx: Context, appointment: str, change: Callable[[Context, int], object]) -> AppointmentOut:
    """Make the change to the appointment the path names, and answer with it as it is now."""
    appt_id = code("appointment", appointment)
    change(ctx, appt_id)
    return AppointmentOut.of(appointments.get_appointment(ctx, appt_id))


def _period(first: date | None, last: date | None) -> Period | None:
    """Either end may be left open; InvalidPeriod (422) when the range ends before it starts."""
    if first is None and last is None:
        return None
    return Period(first or EARLIEST, last or LATEST)
