"""Appointments: book within the doctor's hours, free slots, reschedule, complete, cancel, no-show,
diagnosis, and the ways a clerk finds them."""
from __future__ import annotations

from collections.abc import Callable
from copy import copy
from datetime import date, time

from ..domain.appointment import Appointment, AppointmentStatus, DoctorsDiary, check_bookable, has_started
from ..domain.codes import format_code
from ..domain.errors import InvalidTransition, NotAllowed
from ..domain.period import Period
from ..domain.request_key import new_request_key, validate_request_key
from ..domain.staff import Permission, Scope
from ..domain.visit import Vitals
from ..storage.appointments import AppointmentView
from ..storage.paging import PAGE_SIZE, Page, PageAt
from ..storage.unit_of_work import Repositories, UnitOfWork
from .context import Context, allowed, check_reach, exactly_once, repeated
from .visits import write_visit


@allowed(Permission.BOOK_APPOINTMENTS)
def check_booking(ctx: Context, patient_id: int, doctor_id: int, day: date, at: time) -> None:
    """Every rule a booking must meet: today or later, on the slot grid, on a day the doctor works
    and is not on leave, within their hours, not a time already past, and the slot free for the
    doctor and for the patient."""
    check_bookable(day, at, ctx.now(), ctx.settings.slot_minutes, diary_of(ctx.repos, doctor_id, day))
    ctx.repos.appointments.check_free(Appointment(patient_id, doctor_id, day, at))


@allowed(Permission.VIEW_APPOINTMENTS)
def check_doctor_works(ctx: Context, doctor_id: int, day: date) -> None:
    """Refused with the reason on a weekday the doctor does not work or a day of their leave."""
    diary_of(ctx.repos, doctor_id, day).hours_on(day)


def diary_of(repos: Repositories, doctor_id: int, day: date, lock: bool = False) -> DoctorsDiary:
    """The doctor's week and leave on that day; with `lock`, the doctor's row is held until the
    unit of work ends, so leave set at another desk cannot slip in between check and booking."""
    doctor = repos.doctors.get(doctor_id, lock=lock)
    return DoctorsDiary(doctor.display_name, repos.schedule.week(doctor_id),
                        tuple(repos.schedule.leave_between(doctor_id, day, day)))


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
            check_bookable(day, at, ctx.now(), ctx.settings.slot_minutes, diary_of(uow, doctor_id, day, lock=True))
            patient = uow.patients.get_current(patient_id)
            uow.appointments.check_free(appointment)
            uow.appointments.book(appointment, key)
            uow.audit(f"appointment {appointment.code} booked: patient {patient.code},"
                      f" doctor {format_code('doctor', doctor_id)}", "appointment.book", appointment.code,
                      after=appointment)
            uow.commit()
        return appointment
    return exactly_once(ctx, book)


@allowed(Permission.VIEW_APPOINTMENTS)
def free_slots(ctx: Context, doctor_id: int, day: date) -> list[time]:
    """The slots of the doctor's hours that day still open to book: not taken, and not already
    begun. A day off or a day of leave is refused with the reason."""
    slots = diary_of(ctx.repos, doctor_id, day).slots_on(day, ctx.settings.slot_minutes)
    taken = ctx.repos.appointments.taken_times(doctor_id, day)
    now = ctx.now()
    return [slot for slot in slots if slot not in taken and not has_started(day, slot, now)]


@allowed(Permission.BOOK_APPOINTMENTS)
def check_reschedule(ctx: Context, appt_id: int, doctor_id: int, day: date, at: time) -> None:
    """The rules of the move (see _check_move); reschedule_appointment checks them again inside
    its transaction."""
    _check_move(ctx, ctx.repos, ctx.repos.appointments.get(appt_id), doctor_id, day, at)


@allowed(Permission.BOOK_APPOINTMENTS)
def reschedule_appointment(ctx: Context, appt_id: int, doctor_id: int, day: date, at: time) -> Appointment:
    """Move a scheduled appointment to another free slot, with the same doctor or another, in one
    step: it keeps its code, its reason and its bill, and the audit trail keeps where it was.
    Moving it again to where it already is changes nothing (a repeated request is harmless).
    A billed appointment stays with its doctor: the bill holds that doctor's fee."""
    with ctx.unit_of_work() as uow:
        appointment = uow.appointments.get(appt_id, lock=True)
        check_reach(ctx, Permission.BOOK_APPOINTMENTS, appointment)
        if (appointment.doctor_id, appointment.appt_date, appointment.appt_time) == (doctor_id, day, at):
            return appointment
        _check_move(ctx, uow, appointment, doctor_id, day, at, lock=True)
        before = copy(appointment)
        appointment.move_to(doctor_id, day, at)
        uow.appointments.move(appointment)
        uow.audit(f"appointment {appointment.code} rescheduled: {_slot_text(before)} -> {_slot_text(appointment)}",
                  "appointment.reschedule", appointment.code, before, appointment)
        uow.commit()
    return appointment


def _check_move(ctx: Context, repos: Repositories, appointment: Appointment, doctor_id: int, day: date, at: time,
                lock: bool = False) -> None:
    """Every rule the move must meet: a scheduled appointment; a billed one stays with its doctor
    (the bill holds that doctor's fee); the new slot bookable with that doctor, and free for the
    doctor and the patient (the appointment's own old slot does not count)."""
    appointment.check_can_move()
    assert appointment.appt_id is not None
    if doctor_id != appointment.doctor_id and repos.bills.live_bill_for_appointment(appointment.appt_id) is not None:
        raise InvalidTransition(f"appointment {appointment.code} is on a bill with its doctor's fee; it can"
                                " move to another time with the same doctor, or the bill is voided first")
    check_bookable(day, at, ctx.now(), ctx.settings.slot_minutes, diary_of(repos, doctor_id, day, lock=lock))
    moved = copy(appointment)
    moved.move_to(doctor_id, day, at)
    repos.appointments.check_free(moved)


def _slot_text(appointment: Appointment) -> str:
    return (f"{format_code('doctor', appointment.doctor_id)} {appointment.appt_date}"
            f" {appointment.appt_time:%H:%M}")


@allowed(Permission.VIEW_APPOINTMENTS)
def get_appointment(ctx: Context, appt_id: int) -> AppointmentView:
    """The appointment with the names of its patient and doctor (a doctor sees only their own)."""
    found = ctx.repos.appointments.view(appt_id)
    check_reach(ctx, Permission.VIEW_APPOINTMENTS, found.appointment)
    return found


@allowed(Permission.RECORD_VISITS)
def complete_appointment(ctx: Context, appt_id: int, diagnosis: str | None = None, *, notes: str | None = None,
                         vitals: Vitals | None = None) -> Appointment:
    """Mark the visit done (not before its day), with the diagnosis when one is given, and the
    visit's notes and vitals when they are (see visits.record_visit), in one transaction."""
    def complete(appointment: Appointment) -> None:
        appointment.complete(ctx.today(), diagnosis)

    def record(uow: UnitOfWork, appointment: Appointment) -> None:
        if notes is not None or vitals is not None:
            write_visit(ctx, uow, appointment, notes, vitals)
    return _change(ctx, appt_id, complete, "completed", "appointment.complete", Permission.RECORD_VISITS, record)


@allowed(Permission.BOOK_APPOINTMENTS)
def cancel_appointment(ctx: Context, appt_id: int) -> Appointment:
    """Cancel a scheduled appointment; its slot is free again."""
    return _change(ctx, appt_id, Appointment.cancel, "cancelled", "appointment.cancel", Permission.BOOK_APPOINTMENTS)


@allowed(Permission.BOOK_APPOINTMENTS)
def mark_no_show(ctx: Context, appt_id: int) -> Appointment:
    """The patient did not come (said once the slot's time has passed); the slot is free again."""
    return _change(ctx, appt_id, lambda appointment: appointment.mark_no_show(ctx.now()), "marked no-show",
                   "appointment.no_show", Permission.BOOK_APPOINTMENTS)


@allowed(Permission.RECORD_VISITS)
def record_diagnosis(ctx: Context, appt_id: int, diagnosis: str) -> Appointment:
    """Record or correct the diagnosis of a scheduled or completed appointment."""
    return _change(ctx, appt_id, lambda appointment: appointment.record_diagnosis(diagnosis), "diagnosis recorded",
                   "appointment.diagnosis", Permission.RECORD_VISITS)


def _change(ctx: Context, appt_id: int, change: Callable[[Appointment], None], what: str, operation: str,
            permission: Permission, then: Callable[[UnitOfWork, Appointment], None] | None = None) -> Appointment:
    """One change of an appointment, audited; `then` writes what goes with it in the same transaction."""
    with ctx.unit_of_work() as uow:
        appointment = uow.appointments.get(appt_id, lock=True)
        check_reach(ctx, permission, appointment)
        before = copy(appointment)
        change(appointment)
        uow.appointments.save(appointment)
        if then is not None:
            then(uow, appointment)
        uow.audit(f"appointment {appointment.code} {what}", operation, appointment.code, before, appointment)
        uow.commit()
    return appointment


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
