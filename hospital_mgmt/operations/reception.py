"""The waiting room: check-in with a token number, walk-ins, the doctor calling the next patient
in, and today's queue of each doctor."""
from __future__ import annotations

from copy import copy
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..domain.appointment import Appointment, AppointmentStatus
from ..domain.codes import format_code
from ..domain.errors import NoFreeSlot
from ..domain.request_key import new_request_key, validate_request_key
from ..domain.staff import Permission
from ..storage.appointments import AppointmentView
from .appointments import diary_of, own_doctor
from .context import Context, allowed, check_reach, exactly_once, repeated


@dataclass(frozen=True)
class QueueEntry:
    """A patient who has checked in for a doctor today, and how long they have waited so far."""

    view: AppointmentView
    waited: timedelta | None

    @property
    def waited_minutes(self) -> int | None:
        return None if self.waited is None else int(self.waited.total_seconds() // 60)


@allowed(Permission.BOOK_APPOINTMENTS)
def check_in(ctx: Context, appt_id: int) -> Appointment:
    """The patient has come for their appointment today: it is marked arrived, with the next token
    number of that doctor's day. Checking in again someone already in gives the same token back."""
    with ctx.unit_of_work() as uow:
        appointment = uow.appointments.get(appt_id)
        if appointment.status is AppointmentStatus.ARRIVED:
            return appointment
        uow.doctors.get(appointment.doctor_id, lock=True)  # tokens of one doctor's day are handed out in turn
        appointment = uow.appointments.get(appt_id, lock=True)
        before = copy(appointment)
        appointment.check_in(ctx.now().replace(microsecond=0),
                             uow.appointments.next_token(appointment.doctor_id, appointment.appt_date))
        uow.appointments.save(appointment)
        uow.audit(f"appointment {appointment.code} checked in: token {appointment.token_no}", "appointment.check_in",
                  appointment.code, before, appointment)
        uow.commit()
    return appointment


@allowed(Permission.BOOK_APPOINTMENTS)
def walk_in(ctx: Context, patient_id: int, doctor_id: int, reason: str = "", *,
            request_key: str | None = None) -> Appointment:
    """A patient without an appointment: booked into the doctor's next free slot of today (the one
    under way included) and checked in at once with a token. Refused (NoFreeSlot) when the doctor
    has none left today. The same request key books once."""
    key = validate_request_key(request_key) if request_key else new_request_key()

    def book(after_lost_reply: bool) -> Appointment:
        with ctx.unit_of_work() as uow:
            earlier = uow.appointments.by_request_key(key)
            if earlier is not None:
                ctx.log(repeated(f"walk-in {earlier.code} checked in", after_lost_reply))
                return earlier
            now = ctx.now().replace(microsecond=0)
            diary = diary_of(uow, doctor_id, now.date(), lock=True)
            patient = uow.patients.get_current(patient_id)
            slot_length = timedelta(minutes=ctx.settings.slot_minutes)
            taken = uow.appointments.taken_times(doctor_id, now.date())
            patient_busy = uow.appointments.patient_times(patient_id, now.date())
            free = [at for at in diary.slots_on(now.date(), ctx.settings.slot_minutes)
                    if at not in taken | patient_busy and datetime.combine(now.date(), at) + slot_length > now]
            if not free:
                raise NoFreeSlot(f"{diary.whose} has no free slot left today; book another day or another doctor")
            appointment = Appointment(patient_id, doctor_id, now.date(), free[0], reason)
            uow.appointments.book(appointment, key)
            appointment.check_in(now, uow.appointments.next_token(doctor_id, now.date()))
            uow.appointments.save(appointment)
            uow.audit(f"walk-in {appointment.code} booked and checked in: patient {patient.code},"
                      f" doctor {format_code('doctor', doctor_id)}, token {appointment.token_no}",
                      "appointment.walk_in", appointment.code, after=appointment)
            uow.commit()
        return appointment
    return exactly_once(ctx, book)


@allowed(Permission.RECORD_VISITS)
def call_in(ctx: Context, appt_id: int) -> Appointment:
    """The doctor calls a waiting patient in: the appointment is in consultation, and the wait ends.
    Calling in again someone already in consultation changes nothing."""
    with ctx.unit_of_work() as uow:
        appointment = uow.appointments.get(appt_id, lock=True)
        check_reach(ctx, Permission.RECORD_VISITS, appointment)
        if appointment.status is AppointmentStatus.IN_CONSULTATION:
            return appointment
        before = copy(appointment)
        appointment.call_in(ctx.now().replace(microsecond=0))
        uow.appointments.save(appointment)
        uow.audit(f"appointment {appointment.code} called in", "appointment.call_in", appointment.code, before,
                  appointment)
        uow.commit()
    return appointment


@allowed(Permission.VIEW_APPOINTMENTS)
def todays_queue(ctx: Context, doctor_id: int, day: date | None = None) -> list[QueueEntry]:
    """Those who have checked in for the doctor that day (today unless given), in the order they
    came, each with the time waited: until called in, or until now while still waiting."""
    own = own_doctor(ctx, doctor_id)
    assert own is not None
    ctx.repos.doctors.get(own)
    now = ctx.now().replace(microsecond=0)
    return [QueueEntry(view, view.appointment.waited(now))
            for view in ctx.repos.appointments.queue(own, day or now.date())]
