"""Appointments: book within the doctors' day, free slots, complete, cancel, no-show, diagnosis,
and the ways a clerk finds them."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

from ..domain.appointment import Appointment, AppointmentStatus, check_bookable, day_slots, has_started
from ..domain.period import Period
from ..domain.request_key import new_request_key, validate_request_key
from ..storage.appointments import AppointmentView
from ..storage.paging import PAGE_SIZE, Page
from .context import Context, exactly_once, repeated


def check_booking(ctx: Context, patient_id: int, doctor_id: int, day: date, at: time) -> None:
    """Every rule a booking must meet: today or later, on the slot grid, within the doctors' day,
    not a time already past, and the slot free for the doctor and for the patient."""
    check_bookable(day, at, ctx.now(), ctx.settings.slot_minutes)
    ctx.repos.appointments.check_free(Appointment(patient_id, doctor_id, day, at))


def book_appointment(ctx: Context, patient_id: int, doctor_id: int, day: date, at: time,
                     reason: str = "", *, request_key: str | None = None) -> Appointment:
    """Book the patient with the doctor. The rules of check_booking are checked again inside the
    transaction; when two terminals race for one slot, the unique slot indexes let one win and
    the other gets SlotTaken. The same request key books once: repeated, it returns the booking."""
    key = validate_request_key(request_key) if request_key else new_request_key()
    appointment = Appointment(patient_id, doctor_id, day, at, reason)

    def book(after_lost_reply: bool) -> Appointment:
        with ctx.unit_of_work() as uow:
            earlier = uow.appointments.by_request_key(key)
            if earlier is not None:
                uow.audit(repeated(f"appointment {earlier.code} booked", after_lost_reply))
                uow.commit()
                return earlier
            check_bookable(day, at, ctx.now(), ctx.settings.slot_minutes)
            patient, doctor = uow.patients.get(patient_id), uow.doctors.get(doctor_id)
            uow.appointments.check_free(appointment)
            uow.appointments.book(appointment, key)
            uow.audit(f"appointment {appointment.code} booked: patient {patient.code}, doctor {doctor.code}")
            uow.commit()
        return appointment
    return exactly_once(ctx, book)


def free_slots(ctx: Context, doctor_id: int, day: date) -> list[time]:
    """The slots of the doctor's day still open to book: not taken, and not already begun."""
    ctx.repos.doctors.get(doctor_id)
    taken = ctx.repos.appointments.taken_times(doctor_id, day)
    now = ctx.now()
    return [slot for slot in day_slots(ctx.settings.slot_minutes)
            if slot not in taken and not has_started(day, slot, now)]


def get_appointment(ctx: Context, appt_id: int) -> AppointmentView:
    """The appointment with the names of its patient and doctor."""
    return ctx.repos.appointments.view(appt_id)


def complete_appointment(ctx: Context, appt_id: int, diagnosis: str | None = None) -> Appointment:
    """Mark the visit done (not before its day), with the diagnosis when one is given."""
    def complete(appointment: Appointment) -> None:
        appointment.complete(ctx.today(), diagnosis)
    return _change(ctx, appt_id, complete, "completed")


def cancel_appointment(ctx: Context, appt_id: int) -> Appointment:
    """Cancel a scheduled appointment; its slot is free again."""
    return _change(ctx, appt_id, Appointment.cancel, "cancelled")


def mark_no_show(ctx: Context, appt_id: int) -> Appointment:
    """The patient did not come (said on or after the day); the slot is free again."""
    return _change(ctx, appt_id, lambda appointment: appointment.mark_no_show(ctx.today()), "marked no-show")


def record_diagnosis(ctx: Context, appt_id: int, diagnosis: str) -> Appointment:
    """Record or correct the diagnosis of a scheduled or completed appointment."""
    return _change(ctx, appt_id, lambda appointment: appointment.record_diagnosis(diagnosis), "diagnosis recorded")


def _change(ctx: Context, appt_id: int, change: Callable[[Appointment], None], what: str) -> Appointment:
    with ctx.unit_of_work() as uow:
        appointment = uow.appointments.get(appt_id, lock=True)
        change(appointment)
        uow.appointments.save(appointment)
        uow.audit(f"appointment {appointment.code} {what}")
        uow.commit()
    return appointment


def find_appointments(ctx: Context, period: Period | None = None, doctor_id: int | None = None,
                      status: AppointmentStatus | None = None, page: int = 1,
                      size: int = PAGE_SIZE) -> Page[AppointmentView]:
    first, last = (period.first, period.last) if period else (None, None)
    return ctx.repos.appointments.filter(first, last, doctor_id, status, page=page, size=size)


def doctors_day(ctx: Context, doctor_id: int, day: date) -> list[AppointmentView]:
    """The doctor's appointments of one day, in time order."""
    return ctx.repos.appointments.doctor_day(doctor_id, day)
