"""Appointments >: book, free slots, check-in and walk-ins, today's queue, call in, reschedule,
complete, cancel, no-show, diagnosis, find, a doctor's day."""
from __future__ import annotations

from datetime import date, time

from ..domain.appointment import DIAGNOSIS_MAX, Appointment, AppointmentStatus, check_bookable_day
from ..domain.codes import parse_code
from ..domain.doctor import Doctor
from ..domain.patient import Patient
from ..domain.period import Period, last_7_days, one_day, whole_month
from ..domain.request_key import new_request_key
from ..domain.staff import Permission
from ..domain.validation import parse_date, parse_time, validate_free_text
from ..operations import appointments, reception
from ..operations.appointments import AppointmentView
from .app import App
from .history import patient_history
from .menu import Choice, Menu
from .pickers import choose_doctor, code_or_text, pick_appointment, pick_doctor, pick_patient
from .prompts import Back, InvalidAnswer, ask, ask_choice, ask_optional, ask_or_keep, confirm
from .views import show_appointments, show_free_slots, show_queue
from .visits_menu import ask_notes_and_vitals, visit_record

PERIODS = ["Today", "Last 7 days", "This month", "A date range", "All dates"]


def appointments_menu(app: App) -> Menu:
    return Menu(app, "Appointments", [
        Choice("Book an appointment", lambda: book(app), Permission.BOOK_APPOINTMENTS),
        Choice("A doctor's free slots", lambda: free_slots(app), Permission.VIEW_APPOINTMENTS),
        Choice("Complete an appointment", lambda: complete(app), Permission.RECORD_VISITS),
        Choice("Cancel an appointment", lambda: cancel(app), Permission.BOOK_APPOINTMENTS),
        Choice("Mark a no-show", lambda: no_show(app), Permission.BOOK_APPOINTMENTS),
        Choice("Record or edit a diagnosis", lambda: edit_diagnosis(app), Permission.RECORD_VISITS),
        Choice("Find appointments (by date, doctor, status, patient)", lambda: find_appointments(app),
               Permission.VIEW_APPOINTMENTS),
        Choice("A doctor's day", lambda: doctors_day(app), Permission.VIEW_APPOINTMENTS),
        Choice("Patient history", lambda: patient_history(app), Permission.VIEW_HISTORY),
        Choice("Check a patient in (token number)", lambda: check_in(app), Permission.BOOK_APPOINTMENTS),
        Choice("Walk-in: next free slot today", lambda: walk_in(app), Permission.BOOK_APPOINTMENTS),
        Choice("Today's queue of a doctor", lambda: todays_queue(app), Permission.VIEW_APPOINTMENTS),
        Choice("Call a patient in", lambda: call_in(app), Permission.RECORD_VISITS),
        Choice("Reschedule an appointment", lambda: reschedule(app), Permission.BOOK_APPOINTMENTS),
        Choice("A visit's record: notes, vitals, prescription, treatments", lambda: visit_record(app),
               (Permission.RECORD_VISITS, Permission.VIEW_CLINICAL)),
    ])


def book(app: App) -> None:
    c = app.console
    key = new_request_key()  # one booking, however often it is sent
    patient = pick_patient(app)
    doctor = choose_doctor(app)
    assert doctor.doctor_id is not None
    day = ask_or_keep(c, "Date (YYYY-MM-DD)", lambda t: _working_day(app, doctor.doctor_id, t), app.today())
    at = ask(c, f"Time (HH:MM, every {app.settings.slot_minutes} min; ? for free slots)",
             lambda t: _slot_or_help(app, doctor, patient, day, t))
    reason = ask_optional(c, "Reason or diagnosis", _diagnosis) or ""
    assert patient.patient_id is not None and doctor.doctor_id is not None
    appointment = appointments.book_appointment(app.ctx, patient.patient_id, doctor.doctor_id, day, at, reason,
                                                request_key=key)
    c.say(f"Booked {appointment.code}: patient {patient.code} with {doctor.display_name} at {at:%H:%M} on {day}.")


def _working_day(app: App, doctor_id: int | None, text: str) -> date:
    """A day from today on that the doctor works and is not on leave (refused here, with the reason,
    so the clerk can give another day at once)."""
    assert doctor_id is not None
    day = check_bookable_day(parse_date(text), app.today())
    appointments.check_doctor_works(app.ctx, doctor_id, day)
    return day


def _slot_or_help(app: App, doctor: Doctor, patient: Patient, day: date, text: str) -> time:
    """A slot the booking rules allow, checked here so the clerk can pick another at once; the
    booking checks again, and the database's unique slot indexes decide when terminals race."""
    assert patient.patient_id is not None and doctor.doctor_id is not None
    if text == "?":
        show_free_slots(app, doctor, day, appointments.free_slots(app.ctx, doctor.doctor_id, day))
        raise InvalidAnswer("choose one of the free slots above")
    at = parse_time(text, "appointment time")
    appointments.check_booking(app.ctx, patient.patient_id, doctor.doctor_id, day, at)
    return at


def _diagnosis(text: str) -> str:
    return validate_free_text(text, "diagnosis", DIAGNOSIS_MAX)


def free_slots(app: App) -> None:
    doctor = choose_doctor(app)
    assert doctor.doctor_id is not None
    day = ask_or_keep(app.console, "Date", parse_date, app.today())
    show_free_slots(app, doctor, day, appointments.free_slots(app.ctx, doctor.doctor_id, day))


def check_in(app: App) -> None:
    appointment = _pick(app)
    appointment.check_can_check_in(app.today())  # refused before anything is written
    arrived = reception.check_in(app.ctx, _id(appointment))
    app.console.say(f"Checked in {arrived.code}: token {arrived.token_no}.")


def walk_in(app: App) -> None:
    c = app.console
    key = new_request_key()
    patient = pick_patient(app)
    doctor = choose_doctor(app)
    reason = ask_optional(c, "Reason", _diagnosis) or ""
    assert patient.patient_id is not None and doctor.doctor_id is not None
    booked = reception.walk_in(app.ctx, patient.patient_id, doctor.doctor_id, reason, request_key=key)
    c.say(f"Walk-in {booked.code}: {patient.name} ({patient.code}) with {doctor.display_name}"
          f" at {booked.appt_time:%H:%M}, token {booked.token_no}.")


def todays_queue(app: App) -> None:
    doctor = choose_doctor(app)
    assert doctor.doctor_id is not None
    entries = reception.todays_queue(app.ctx, doctor.doctor_id)
    if not entries:
        app.console.say(f"Nobody has checked in for {doctor.display_name} today.")
        return
    app.console.say(f"{doctor.display_name}, {app.today()}: {len(entries)} checked in")
    show_queue(app, entries)


def call_in(app: App) -> None:
    appointment = _pick(app)
    called = reception.call_in(app.ctx, _id(appointment))
    app.console.say(f"Appointment {called.code} (token {called.token_no}) is in consultation.")


def reschedule(app: App) -> None:
    c = app.console
    view = pick_appointment(app)
    appointment = view.appointment
    appointment.check_can_move()
    doctor = ask_or_keep(c, "Doctor (code or name)", lambda t: pick_doctor(app, answer=code_or_text("doctor")(t)),
                         None, shown=view.doctor_name)
    doctor_id = appointment.doctor_id if doctor is None else doctor.doctor_id
    assert doctor_id is not None
    day = ask_or_keep(c, "Date (YYYY-MM-DD)", lambda t: _working_day(app, doctor_id, t), appointment.appt_date)
    at = ask(c, f"Time (HH:MM, every {app.settings.slot_minutes} min; ? for free slots)",
             lambda t: _moved_slot_or_help(app, appointment, doctor_id, day, t))
    moved = appointments.reschedule_appointment(app.ctx, _id(appointment), doctor_id, day, at)
    c.say(f"Moved {moved.code} to {at:%H:%M} on {day} with {doctor.display_name if doctor else view.doctor_name}.")


def _moved_slot_or_help(app: App, appointment: Appointment, doctor_id: int, day: date, text: str) -> time:
    if text == "?":
        doctor = pick_doctor(app, answer=doctor_id)
        show_free_slots(app, doctor, day, appointments.free_slots(app.ctx, doctor_id, day))
        raise InvalidAnswer("choose one of the free slots above")
    at = parse_time(text, "appointment time")
    appointments.check_reschedule(app.ctx, _id(appointment), doctor_id, day, at)
    return at


def complete(app: App) -> None:
    appointment = _pick(app)
    appointment.check_move(AppointmentStatus.COMPLETED, app.today())  # refused before the diagnosis is asked
    diagnosis = ask_or_keep(app.console, "Diagnosis", _diagnosis, appointment.diagnosis)
    notes, vitals = None, None
    if app.may(Permission.WRITE_NOTES) and confirm(app.console, "Record notes and vitals now?", default=False):
        notes, vitals = ask_notes_and_vitals(app, appointment)
    done = appointments.complete_appointment(app.ctx, _id(appointment), diagnosis, notes=notes, vitals=vitals)
    _done(app, done, "completed" + (" with its notes and vitals" if notes is not None else ""))


def cancel(app: App) -> None:
    appointment = _pick(app)
    appointment.check_move(AppointmentStatus.CANCELLED)
    if not confirm(app.console, f"Cancel {appointment.code} and free its slot?", default=False):
        raise Back
    _done(app, appointments.cancel_appointment(app.ctx, _id(appointment)), "cancelled")


def no_show(app: App) -> None:
    appointment = _pick(app)
    _done(app, appointments.mark_no_show(app.ctx, _id(appointment)), "marked no-show")


def edit_diagnosis(app: App) -> None:
    appointment = _pick(app)
    appointment.check_diagnosis_open()  # refuses cancelled and no-show ones before asking
    diagnosis = ask_or_keep(app.console, "Diagnosis", _diagnosis, appointment.diagnosis)
    _done(app, appointments.record_diagnosis(app.ctx, _id(appointment), diagnosis), "diagnosis recorded")


def _pick(app: App) -> Appointment:
    return pick_appointment(app).appointment


def _id(appointment: Appointment) -> int:
    assert appointment.appt_id is not None
    return appointment.appt_id


def _done(app: App, appointment: Appointment, what: str) -> None:
    app.console.say(f"Appointment {appointment.code} {what}.")


def find_appointments(app: App) -> None:
    c = app.console
    period = _ask_period(app)
    doctor_id = ask_optional(c, "Doctor code", lambda t: parse_code("doctor", t))
    status = ask_optional(c, f"Status ({STATUS_NAMES})", _status)
    patient_id = None
    if confirm(c, "Only one patient's?", default=False):
        patient_id = pick_patient(app).patient_id
    app.page_through(lambda at: appointments.find_appointments(app.ctx, period, doctor_id, status, page=at,
                                                               patient_id=patient_id),
                     lambda items: show_appointments(app, items), "No appointments match.",
                     key_of=_order_key)


def _order_key(view: AppointmentView) -> tuple:
    """Where an appointment stands in the lists' order, for the page after it."""
    a = view.appointment
    return a.appt_date, a.appt_time, a.appt_id


def _ask_period(app: App) -> Period | None:
    """One of PERIODS; None for all dates."""
    choice, today = ask_choice(app.console, "Period", PERIODS), app.today()
    if choice == 4:
        first = ask(app.console, "From (YYYY-MM-DD)", lambda t: parse_date(t, "from"))
        last = ask(app.console, "To (YYYY-MM-DD)", lambda t: _not_before(parse_date(t, "to"), first))
        return Period(first, last)
    named = {1: one_day, 2: last_7_days, 3: whole_month}
    return named[choice](today) if choice in named else None


def _not_before(day: date, first: date) -> date:
    if day < first:
        raise InvalidAnswer(f"'to' ({day}) is before 'from' ({first})")
    return day


STATUS_NAMES = ", ".join(status.label for status in AppointmentStatus)


def _status(text: str) -> AppointmentStatus:
    try:
        return AppointmentStatus(text.strip().lower().replace("-", "_").replace(" ", "_"))
    except ValueError:
        raise InvalidAnswer(f"status must be one of: {STATUS_NAMES}") from None


def doctors_day(app: App) -> None:
    doctor = choose_doctor(app)
    assert doctor.doctor_id is not None
    day = ask_or_keep(app.console, "Date", parse_date, app.today())
    views = appointments.doctors_day(app.ctx, doctor.doctor_id, day)
    if not views:
        app.console.say(f"{doctor.display_name} has no appointments on {day}.")
        return
    app.console.say(f"{doctor.display_name} ({doctor.specialization}), {day}:")
    show_appointments(app, views)
