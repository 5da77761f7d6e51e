"""Doctors' working weeks and leave, which booking, free slots and walk-ins obey."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from ...domain.codes import format_code
from ...domain.errors import NotFound
from ...domain.schedule import DayHours, Leave, WorkingWeek
from ...operations import schedule
from ...operations.context import Context
from ..deps import signed_in
from ..problems import documented
from ..schemas import DayHoursOut, LeaveIn, LeaveOut, WeekIn, WeekOut
from .common import code

router = APIRouter(tags=["doctors"])


@router.get("/doctors/{doctor}/hours", response_model=WeekOut)
def hours(doctor: str, ctx: Context = Depends(signed_in)):
    doctor_id = code("doctor", doctor)
    return _week(doctor_id, schedule.doctor_week(ctx, doctor_id))


@router.put("/doctors/{doctor}/hours", response_model=WeekOut)
def set_hours(doctor: str, body: WeekIn, ctx: Context = Depends(signed_in)):
    """The weekdays the doctor works, each with its hours; the days left out are off. Appointments
    already booked are kept; `booked_outside` counts those to come that the new hours leave out."""
    doctor_id = code("doctor", doctor)
    week = WorkingWeek(tuple(DayHours(day.weekday, day.starts, day.ends) for day in body.days))
    outside = schedule.set_doctor_week(ctx, doctor_id, week)
    return _week(doctor_id, schedule.doctor_week(ctx, doctor_id), outside)


def _week(doctor_id: int, week: WorkingWeek, outside: int | None = None) -> WeekOut:
    return WeekOut(doctor=format_code("doctor", doctor_id), kept=week.kept, booked_outside=outside,
                   days=[DayHoursOut(weekday=number, day=day, hours=hours)
                         for number, (day, hours) in enumerate(week.lines())])


@router.get("/doctors/{doctor}/leave", response_model=list[LeaveOut])
def leave(doctor: str, ctx: Context = Depends(signed_in)):
    """The doctor's leave not yet over."""
    return [_leave(item) for item in schedule.leave_of(ctx, code("doctor", doctor))]


@router.post("/doctors/{doctor}/leave", status_code=201, response_model=LeaveOut,
             responses={409: documented("appointments still to be seen on those days, or leave already set")})
def add_leave(doctor: str, body: LeaveIn, ctx: Context = Depends(signed_in)):
    return _leave(schedule.add_leave(ctx, Leave(code("doctor", doctor), body.first_day, body.last_day, body.reason)))


@router.delete("/doctors/{doctor}/leave/{number}", status_code=204, response_class=Response)
def cancel_leave(doctor: str, number: int, ctx: Context = Depends(signed_in)):
    doctor_id = code("doctor", doctor)
    if not any(item.leave_id == number for item in schedule.leave_of(ctx, doctor_id)):
        raise NotFound("leave", str(number), f"doctor {format_code('doctor', doctor_id)} has no leave numbered"
                                             f" {number} ahead")
    schedule.cancel_leave(ctx, number)
    return Response(status_code=204)


def _leave(item: Leave) -> LeaveOut:
    assert item.leave_id is not None
    return LeaveOut(number=item.leave_id, doctor=format_code("doctor", item.doctor_id), first_day=item.first_day,
                    last_day=item.last_day, reason=item.reason)
