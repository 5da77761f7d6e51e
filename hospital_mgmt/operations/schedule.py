"""Doctors' working weeks and leave, which booking, free slots and walk-ins obey."""
from __future__ import annotations

from datetime import date

from ..domain.appointment import day_slots
from ..domain.errors import Conflict, LeaveHasAppointments
from ..domain.schedule import Leave, WorkingWeek
from ..domain.staff import Permission
from .context import Context, allowed


@allowed(Permission.VIEW_RECORDS)
def doctor_week(ctx: Context, doctor_id: int) -> WorkingWeek:
    """The doctor's working week (the hospital's day, every day, when it was never set)."""
    ctx.repos.doctors.get(doctor_id)
    return ctx.repos.schedule.week(doctor_id)


@allowed(Permission.EDIT_DOCTORS)
def set_doctor_week(ctx: Context, doctor_id: int, week: WorkingWeek) -> int:
    """Set the doctor's hours for each weekday (days not given are off). Appointments already
    booked are kept; returns how many of those still to come fall outside the new hours, for the
    clerk to move."""
    with ctx.unit_of_work() as uow:
        doctor = uow.doctors.get(doctor_id, lock=True)
        before = uow.schedule.week(doctor_id)
        uow.schedule.set_week(doctor_id, week)
        uow.audit(f"doctor {doctor.code} working week set: " + ", ".join(f"{day[:3]} {hours}" for day, hours
                                                                          in week.lines()),
                  "doctor.hours", doctor.code, dict(before.lines()), dict(week.lines()))
        uow.commit()
    return _outside(ctx, doctor_id, week)


def _outside(ctx: Context, doctor_id: int, week: WorkingWeek) -> int:
    count = 0
    for day, at in ctx.repos.appointments.open_slots_from(doctor_id, ctx.today()):
        hours = week.on(day)
        if hours is None or at not in day_slots(ctx.settings.slot_minutes, hours):
            count += 1
    return count


@allowed(Permission.VIEW_RECORDS)
def leave_of(ctx: Context, doctor_id: int, from_day: date | None = None) -> list[Leave]:
    """The doctor's leave not yet over (from today, unless another day is given)."""
    ctx.repos.doctors.get(doctor_id)
    return ctx.repos.schedule.leave_from(doctor_id, from_day or ctx.today())


@allowed(Permission.EDIT_DOCTORS)
def add_leave(ctx: Context, leave: Leave) -> Leave:
    """Days off for the doctor; refused while they have appointments still to be seen on those
    days (move or cancel them first), or when it overlaps leave already set."""
    with ctx.unit_of_work() as uow:
        doctor = uow.doctors.get(leave.doctor_id, lock=True)  # bookings of this doctor wait for it
        overlapping = uow.schedule.leave_between(leave.doctor_id, leave.first_day, leave.last_day)
        if overlapping:
            raise Conflict(f"{doctor.display_name} is already on leave {overlapping[0].text}")
        booked = uow.appointments.open_between(leave.doctor_id, leave.first_day, leave.last_day)
        if booked:
            raise LeaveHasAppointments(
                f"{doctor.display_name} has {booked} appointment{'s' if booked != 1 else ''} to be seen from"
                f" {leave.first_day} to {leave.last_day}; reschedule or cancel them first")
        uow.schedule.add_leave(leave)
        uow.audit(f"doctor {doctor.code} on leave {leave.first_day} to {leave.last_day}", "doctor.leave",
                  doctor.code, after=leave)
        uow.commit()
    return leave


@allowed(Permission.EDIT_DOCTORS)
def cancel_leave(ctx: Context, leave_id: int) -> Leave:
    """Take back leave: the doctor can be booked on those days again."""
    with ctx.unit_of_work() as uow:
        leave = uow.schedule.get_leave(leave_id)
        doctor = uow.doctors.get(leave.doctor_id, lock=True)
        uow.schedule.remove_leave(leave_id)
        uow.audit(f"doctor {doctor.code} leave {leave.first_day} to {leave.last_day} cancelled",
                  "doctor.leave_cancel", doctor.code, before=leave)
        uow.commit()
    return leave
