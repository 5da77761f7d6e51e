"""Appointments: book within the doctors' day, free slots, complete, cancel, no-show, diagnosis,
and the ways a clerk finds them."""
from __future__ import annotations

from collections.abc import Callable
from copy import copy
from datetime import date, time

from ..domain.appointment import Appointment, AppointmentStatus, check_bookable, day_slots, has_started
from ..domain.errors import NotAllowed
from ..domain.period import Period
from ..domain.request_key import new_request_key, validate_request_key
from ..domain.staff import Permission, Scope
from ..storage.appointments import AppointmentView
from ..storage.paging import PAGE_SIZE, Page, PageAt
from .context import Context, allowed, exactly_once, repeated


@allowed(Permission.BOOK_APPOINTMENTS)
def check_booking(ctx: Context, patient_id: int, doctor_id: int, day: date, at: time) -> None:
    """Every rule a booking must meet: today or later, on the slot grid, within the doctors' day,
    not a time already past, and the slot free for the doctor and for the patient."""
    check_bookable(day, at, ctx.now(), ctx.settings.slot_minutes)
    ctx.repos.appointments.check_free(Appointment(patient_id, doctor_id, day, at))


@allowed(Permission.BOOK_APPOINTMENTS)
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
                ctx.log(repeated(f"appointment {earlier.code} booked", after_lost_reply))
                return earlier
            check_bookable(day, at, ctx.now(), ctx.settings.slot_minutes)
            patient, doctor = uow.patients.get(patient_id), uow.doctors.get(doctor_id)
            uow.appointments.check_free(appointment)
            uow.appointments.book(appointment, key)
            uow.audit(f"appointment {appointment.code} booked: patient {patient.code}, doctor {doctor.code}",
                      "appointment.book", appointment.code, after=appointment)
            uow.commit()
        return appointment
    return exactly_once(ctx, book)


@allowed(Permission.VIEW_APPOINTMENTS)
def free_slots(ctx: Context, doctor_id: int, day: date) -> list[time]:
    """The slots of the doctor's day still open to book: not taken, and not already begun."""
    ctx.repos.doctors.get(doctor_id)
    taken = ctx.repos.appointments.taken_times(doctor_id, day)
    now = ctx.now()
    return [slot for slot in day_slots(ctx.settings.slot_minutes)
            if slot not in taken and not has_started(day, slot, now)]


@allowed(Permission.VIEW_APPOINTMENTS)
def get_appointment(ctx: Context, appt_id: int) -> AppointmentView:
    """The appointment with the names of its patient and doctor (a doctor sees only their own)."""
    found = ctx.repos.appointments.view(appt_id)
    _check_reach(ctx, Permission.VIEW_APPOINTMENTS, found.appointment)
    return found


@allowed(Permission.RECORD_VISITS)
def complete_appointment(ctx: Context, appt_id: int, diagnosis: str | None = None) -> Appointment:
    """Mark the visit done (not before its day), with the diagnosis when one is given."""
    def complete(appointment: Appointment) -> None:
        appointment.complete(ctx.today(), diagnosis)
    return _change(ctx, appt_id, complete, "completed", "appointment.complete", Permission.RECORD_VISITS)


@allowed(Permission.BOOK_APPOINTMENTS)
def cancel_appointment(ctx: Context, appt_id: int) -> Appointment:
    """Cancel a scheduled appointment; its slot is free again."""
    return _change(ctx, appt_id, Appointment.cancel, "cancelled", "appointment.cancel", Permission.BOOK_APPOINTMENTS)


@allowed(Permission.BOOK_APPOINTMENTS)
def mark_no_show(ctx: Context, appt_id: int) -> Appointment:
    """The patient did not come (said on or after the day); the slot is free again."""
    return _change(ctx, appt_id, lambda appointment: appointment.mark_no_show(ctx.today()), "marked no-show",
                   "appointment.no_show", Permission.BOOK_APPOINTMENTS)


@allowed(Permission.RECORD_VISITS)
def record_diagnosis(ctx: Context, appt_id: int, diagnosis: str) -> Appointment:
    """Record or correct the diagnosis of a scheduled or completed appointment."""
    return _change(ctx, appt_id, lambda appointment: appointment.record_diagnosis(diagnosis), "diagnosis recorded",
                   "appointment.diagnosis", Permission.RECORD_VISITS)


def _change(ctx: Context, appt_id: int, change: Callable[[Appointment], None], what: str, operation: str,
            permission: Permission) -> Appointment:
    with ctx.unit_of_work() as uow:
        appointment = uow.appointments.get(appt_id, lock=True)
        _check_reach(ctx, permission, appointment)
        before = copy(appointment)
        change(appointment)
        uow.appointments.save(appointment)
        uow.audit(f"appointment {appointment.code} {what}", operation, appointment.code, before, appointment)
        uow.commit()
    return appointment


def _check_reach(ctx: Context, permission: Permission, appointment: Appointment) -> None:
    """A doctor's permissions over appointments reach their own appointments only."""
    if ctx.require(permission) is Scope.OWN and appointment.doctor_id != ctx.actor.doctor_id:
        raise NotAllowed(f"appointment {appointment.code} is another doctor's; {ctx.actor.login} may"
                         f" {permission.value} for their own appointments only")


def own_doctor(ctx: Context, doctor_id: int | None) -> int | None:
    """The doctor whose appointments the actor may see: any (as asked) or, for a doctor, only theirs."""
    if ctx.require(Permission.VIEW_APPOINTMENTS) is Scope.ALL:
        return doctor_id
    if doctor_id not in (None, ctx.actor.doctor_id):
        raise NotAllowed(f"{ctx.actor.login} may see their own appointments only")
    return ctx.actor.doctor_id


@allowed(Permission.VIEW_APPOINTMENTS)
def find_appointments(ctx: Context, period: Period | None = None, doctor_id: int | None = None,
                      status: AppointmentStatus | None = None, page: PageAt = 1,
                      size: int = PAGE_SIZE, patient_id: int | None = None) -> Page[AppointmentView]:
    """Appointments in time order, by period, doctor, status and patient (a doctor: their own only)."""
    first, last = (period.first, period.last) if period else (None, None)
    return ctx.repos.appointments.filter(first, last, own_doctor(ctx, doctor_id), status, page=page, size=size,
                                         patient_id=patient_id)


@allowed(Permission.VIEW_APPOINTMENTS)
def count_appointments(ctx: Context, period: Period | None = None, doctor_id: int | None = None,
                       status: AppointmentStatus | None = None, patient_id: int | None = None) -> tuple[int, bool]:
    first, last = (period.first, period.last) if period else (None, None)
    return ctx.repos.appointments.count(first, last, own_doctor(ctx, doctor_id), status, patient_id)


@allowed(Permission.VIEW_APPOINTMENTS)
def doctors_day(ctx: Context, doctor_id: int, day: date) -> list[AppointmentView]:
    """The doctor's appointments of one day, in time order."""
    own = own_doctor(ctx, doctor_id)
    assert own is not None
    return ctx.repos.appointments.doctor_day(own, day)
