"""Appointments >: book, free slots, complete, cancel, no-show, diagnosis, filters, a doctor's day."""
import calendar
from datetime import date, timedelta

from ..domain.appointment import (Appointment, AppointmentStatus, DIAGNOSIS_MAX, check_bookable_day, day_slots,
                                  validate_slot)
from ..domain.codes import parse_code
from ..domain.doctor import Doctor
from ..domain.errors import HospitalError
from ..domain.validation import parse_date, parse_time, validate_free_text
from ..log_setup import log
from ..storage.appointments import AppointmentView
from .app import App
from .menu import Choice, Menu
from .pickers import code_or_text, pick_doctor, pick_patient, show_doctors
from .prompts import Back, ask_choice, ask_code, ask_value, confirm


def appointments_menu(app: App) -> Menu:
    from .history import patient_history
    return Menu(app, "Appointments", [
        Choice("Book an appointment", lambda: book(app)),
        Choice("A doctor's free slots", lambda: free_slots(app)),
        Choice("Complete an appointment", lambda: complete(app)),
        Choice("Cancel an appointment", lambda: cancel(app)),
        Choice("Mark a no-show", lambda: no_show(app)),
        Choice("Record or edit a diagnosis", lambda: edit_diagnosis(app)),
        Choice("Find appointments (by date, doctor, status)", lambda: find_appointments(app)),
        Choice("A doctor's day", lambda: doctors_day(app)),
        Choice("Patient history", lambda: patient_history(app)),
    ])


def book(app: App) -> None:
    c = app.console
    patient = pick_patient(app)
    doctor = choose_doctor(app)
    day = ask_value(c, "Date (YYYY-MM-DD)", lambda t: check_bookable_day(parse_date(t), app.today()),
                    keep=app.today())
    at = ask_value(c, f"Time (HH:MM, every {app.settings.slot_minutes} min; ? for free slots)",
                   lambda t: _slot_or_help(app, doctor, patient.patient_id, day, t))
    reason = ask_value(c, "Reason or diagnosis", _diagnosis, optional=True) or ""
    appointment = Appointment(patient.patient_id, doctor.doctor_id, day, at, reason)
    app.commit(lambda uow: uow.appointments.book(appointment))
    log.info("appointment %s booked: patient %s, doctor %s", appointment.code, patient.code, doctor.code)
    c.say(f"Booked {appointment.code}: patient {patient.code} with {doctor.display_name} at {at:%H:%M} on {day}.")


def _slot_or_help(app: App, doctor: Doctor, patient_id: int, day: date, text: str):
    """A free slot on the grid. Checked here so the clerk can pick another at once; the
    database's unique slot indexes still decide when two terminals race for it."""
    if text == "?":
        _show_free_slots(app, doctor, day)
        raise HospitalError("choose one of the free slots above")
    at = validate_slot(parse_time(text, "appointment time"), app.settings.slot_minutes)
    app.repos.appointments.check_free(Appointment(patient_id, doctor.doctor_id, day, at))
    return at


def _diagnosis(text: str) -> str:
    return validate_free_text(text, "diagnosis", DIAGNOSIS_MAX)


def choose_doctor(app: App) -> Doctor:
    """By code or name, or `?` to go by specialization and then a list."""
    answer = ask_value(app.console, "Doctor (code or name; ? to choose by specialization; 0 to go back)",
                       code_or_text("doctor"))
    if answer != "?":
        return pick_doctor(app, answer=answer)
    specializations = app.repos.doctors.specializations()
    number = ask_choice(app.console, "Specialization", [f"{name} ({count})" for name, count in specializations])
    show_doctors(app, app.repos.doctors.by_specialization(specializations[number - 1][0]))
    return pick_doctor(app, label="Doctor code (0 to go back)")


def free_slots(app: App) -> None:
    doctor = choose_doctor(app)
    day = ask_value(app.console, "Date", parse_date, keep=app.today())
    _show_free_slots(app, doctor, day)


def _show_free_slots(app: App, doctor: Doctor, day: date) -> None:
    taken = app.repos.appointments.taken_times(doctor.doctor_id, day)
    free = [f"{slot:%H:%M}" for slot in day_slots(app.settings.slot_minutes) if slot not in taken]
    if not free:
        app.console.say(f"{doctor.display_name} has no free slot on {day}.")
        return
    app.console.say(f"Free slots of {doctor.display_name} on {day}:")
    for row_start in range(0, len(free), 8):
        app.console.say("  " + "  ".join(free[row_start:row_start + 8]))


def _pick_appointment(app: App) -> Appointment:
    appointment = app.repos.appointments.get(ask_code(app.console, "appointment"))
    view = app.repos.appointments.view(appointment.appt_id)
    show_appointments(app, [view])
    return appointment


def complete(app: App) -> None:
    appointment = _pick_appointment(app)
    appointment.complete()
    diagnosis = ask_value(app.console, "Diagnosis", _diagnosis, keep=appointment.diagnosis)
    appointment.record_diagnosis(diagnosis)
    _save(app, appointment, "completed")


def cancel(app: App) -> None:
    appointment = _pick_appointment(app)
    appointment.cancel()
    if not confirm(app.console, f"Cancel {appointment.code} and free its slot?", default=False):
        raise Back
    _save(app, appointment, "cancelled")


def no_show(app: App) -> None:
    appointment = _pick_appointment(app)
    appointment.mark_no_show()
    _save(app, appointment, "marked no-show")


def edit_diagnosis(app: App) -> None:
    appointment = _pick_appointment(app)
    appointment.record_diagnosis(appointment.diagnosis)  # refuses cancelled and no-show ones before asking
    appointment.record_diagnosis(ask_value(app.console, "Diagnosis", _diagnosis, keep=appointment.diagnosis))
    _save(app, appointment, "diagnosis recorded")


def _save(app: App, appointment: Appointment, what: str) -> None:
    app.commit(lambda uow: uow.appointments.save(appointment))
    log.info("appointment %s %s", appointment.code, what)
    app.console.say(f"Appointment {appointment.code} {what}.")


PERIODS = ["Today", "Last 7 days", "This month", "A date range", "All dates"]


def period_bounds(choice: int, today: date) -> tuple[date | None, date | None]:
    """The first and last day (both included) of the period chosen from PERIODS."""
    if choice == 1:
        return today, today
    if choice == 2:
        return today - timedelta(days=6), today
    if choice == 3:
        last = calendar.monthrange(today.year, today.month)[1]
        return today.replace(day=1), today.replace(day=last)
    return None, None


def find_appointments(app: App) -> None:
    c = app.console
    choice = ask_choice(c, "Period", PERIODS)
    first, last = period_bounds(choice, app.today())
    if choice == 4:
        first = ask_value(c, "From (YYYY-MM-DD)", lambda t: parse_date(t, "from"))
        last = ask_value(c, "To (YYYY-MM-DD)", lambda t: _not_before(parse_date(t, "to"), first))
    doctor_id = ask_value(c, "Doctor code", lambda t: parse_code("doctor", t), optional=True)
    status = ask_value(c, "Status (scheduled, completed, cancelled, no-show)", _status, optional=True)
    app.page_through(
        lambda n: app.repos.appointments.filter(first, last, doctor_id, status, page=n),
        lambda items: show_appointments(app, items), "No appointments match.")


def _not_before(day: date, first: date) -> date:
    if day < first:
        raise HospitalError(f"'to' ({day}) is before 'from' ({first})")
    return day


def _status(text: str) -> AppointmentStatus:
    try:
        return AppointmentStatus(text.strip().lower().replace("-", "_"))
    except ValueError:
        raise HospitalError("status must be scheduled, completed, cancelled or no-show") from None


def doctors_day(app: App) -> None:
    doctor = choose_doctor(app)
    day = ask_value(app.console, "Date", parse_date, keep=app.today())
    views = app.repos.appointments.doctor_day(doctor.doctor_id, day)
    if not views:
        app.console.say(f"{doctor.display_name} has no appointments on {day}.")
        return
    app.console.say(f"{doctor.display_name} ({doctor.specialization}), {day}:")
    show_appointments(app, views)


def show_appointments(app: App, views: list[AppointmentView]) -> None:
    app.show_table(["Code", "Date", "Time", "Patient", "Doctor", "Status", "Diagnosis"],
                   [[v.appointment.code, v.appointment.appt_date, f"{v.appointment.appt_time:%H:%M}",
                     f"{v.patient_name} ({v.appointment.patient_id})", v.doctor_name,
                     v.appointment.status.label, v.appointment.diagnosis] for v in views])
