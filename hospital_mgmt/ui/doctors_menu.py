"""Doctors >: add, view, list, search, update, delete, working hours, leave, departments."""
from __future__ import annotations

from decimal import Decimal
from functools import partial

from ..domain.codes import format_code, parse_code
from ..domain.department import Department
from ..domain.doctor import Doctor
from ..domain.money import parse_money
from ..domain.schedule import LEAVE_REASON_MAX, WEEKDAYS, DayHours, Leave, WorkingWeek, parse_day_hours
from ..domain.staff import Permission
from ..domain.validation import parse_date, validate_contact, validate_free_text, validate_name
from ..operations import departments, doctors, schedule
from .app import App
from .menu import Choice, Menu
from .pickers import pick_doctor
from .prompts import InvalidAnswer, ask, ask_choice, ask_optional, ask_or_keep, confirm
from .views import show_departments, show_doctors


def doctors_menu(app: App) -> Menu:
    return Menu(app, "Doctors", [
        Choice("Add a doctor", lambda: add_doctor(app), Permission.EDIT_DOCTORS),
        Choice("View a doctor", lambda: view_doctor(app), Permission.VIEW_RECORDS),
        Choice("List doctors", lambda: list_doctors(app), Permission.VIEW_RECORDS),
        Choice("Search by name or specialization", lambda: search_doctors(app), Permission.VIEW_RECORDS),
        Choice("Update a doctor", lambda: update_doctor(app), Permission.EDIT_DOCTORS),
        Choice("Delete a doctor", lambda: delete_doctor(app), Permission.EDIT_DOCTORS),
        Choice("Working hours (see or set)", lambda: working_hours(app), Permission.VIEW_RECORDS),
        Choice("Leave (see, add, cancel)", lambda: leave(app), Permission.VIEW_RECORDS),
        Choice("Departments (see, add, change, delete)", lambda: departments_screen(app), Permission.VIEW_RECORDS),
    ])


def departments_screen(app: App) -> None:
    c = app.console
    listed = departments.list_departments(app.ctx)
    if listed:
        show_departments(app, listed)
    else:
        c.say("No departments yet: a doctor added joins the department of their specialization.")
    if not app.ctx.actor.may(Permission.EDIT_DOCTORS):
        return
    actions = [_add_department, _change_department, _delete_department] if listed else [_add_department]
    choice = ask_choice(c, "Departments", ["Add a department", "Change one", "Delete one"][:len(actions)])
    actions[choice - 1](app)


def _add_department(app: App) -> None:
    c = app.console
    added = departments.add_department(app.ctx, Department(ask(c, "Name", partial(_free_name, app, None)),
                                                           ask_optional(c, "Location", _location) or ""))
    c.say(f"Added department {added.code}: {added.name}.")


def _change_department(app: App) -> None:
    c = app.console
    current = ask(c, "Department (code or name)", partial(_department_of, app))
    changed = Department(ask_or_keep(c, "Name", partial(_free_name, app, current), current.name),
                         ask_or_keep(c, "Location", _location, current.location), current.department_id)
    departments.update_department(app.ctx, changed)
    c.say(f"Updated department {changed.code}.")


def _delete_department(app: App) -> None:
    c = app.console
    current = ask(c, "Department (code or name)", partial(_department_of, app))
    assert current.department_id is not None
    departments.check_deletable(app.ctx, current.department_id)
    if confirm(c, f"Delete department {current.code} ({current.name})?", default=False):
        departments.delete_department(app.ctx, current.department_id)
        c.say(f"Deleted department {current.code}.")
    else:
        c.say("Nothing was deleted.")


def _free_name(app: App, current: Department | None, text: str) -> str:
    """A department name no other department has (however written), asked again at once if taken."""
    name = Department(text).name
    taken = departments.find_department(app.ctx, name)
    if taken is not None and (current is None or taken.department_id != current.department_id):
        raise InvalidAnswer(f"{taken.code} is named {taken.name!r} already")
    return name


def _location(text: str) -> str:
    return validate_free_text(text, "location", 100)


def _department_of(app: App, text: str) -> Department:
    """A department by its code (DP03) or its name, however written (`e.n.t.`)."""
    digits = text.upper().removeprefix("DP")
    if digits != text.upper() and digits.isascii() and digits.isdigit():
        return departments.get_department(app.ctx, parse_code("department", text))
    return departments.department_named(app.ctx, text)


def working_hours(app: App) -> None:
    c = app.console
    doctor = pick_doctor(app)
    assert doctor.doctor_id is not None
    week = schedule.doctor_week(app.ctx, doctor.doctor_id)
    _show_week(app, doctor, week)
    if not app.ctx.actor.may(Permission.EDIT_DOCTORS) or not confirm(c, "Change these hours?", default=False):
        return
    c.hint("For each day: HH:MM-HH:MM, or - for a day off; Enter keeps the hours shown.")
    current = dict(week.lines())
    days: list[DayHours] = []
    for weekday, name in enumerate(WEEKDAYS):
        hours = ask_or_keep(c, name, partial(parse_day_hours, weekday), week.on_weekday(weekday),
                            shown=current[name])  # None: a day off
        if hours is not None:
            days.append(hours)
    outside = schedule.set_doctor_week(app.ctx, doctor.doctor_id, WorkingWeek(tuple(days)))
    c.say(f"Working hours of {doctor.display_name} saved.")
    if outside:
        c.say(f"{outside} booked appointment{'s' if outside != 1 else ''} still to come fall outside them; they are"
              " kept - move them with Appointments > Reschedule.")


def _show_week(app: App, doctor: Doctor, week: WorkingWeek) -> None:
    kept = "" if week.kept else " (the hospital's day; never set for this doctor)"
    app.console.say(f"Working hours of {doctor.display_name}{kept}:")
    app.show_table(["Day", "Hours"], [list(line) for line in week.lines()])


def leave(app: App) -> None:
    c = app.console
    doctor = pick_doctor(app)
    assert doctor.doctor_id is not None
    ahead = schedule.leave_of(app.ctx, doctor.doctor_id)
    if ahead:
        app.show_table(["No.", "From", "To", "Reason"], [[item.leave_id, item.first_day, item.last_day, item.reason]
                                                         for item in ahead])
    else:
        c.say(f"{doctor.display_name} has no leave ahead.")
    if not app.ctx.actor.may(Permission.EDIT_DOCTORS):
        return
    choice = ask_choice(c, "Leave", ["Add leave", "Cancel leave"] if ahead else ["Add leave"])
    if choice == 1:
        first = ask(c, "First day (YYYY-MM-DD)", lambda t: parse_date(t, "first day of leave"))
        last = ask_or_keep(c, "Last day (YYYY-MM-DD)", lambda t: parse_date(t, "last day of leave"), first)
        reason = ask_optional(c, "Reason", lambda t: validate_free_text(t, "reason", LEAVE_REASON_MAX)) or ""
        added = schedule.add_leave(app.ctx, Leave(doctor.doctor_id, first, last, reason))
        c.say(f"{doctor.display_name} is on leave {added.text}.")
        return
    numbers = {item.leave_id: item for item in ahead}
    chosen = ask(c, "No. of the leave to cancel", lambda t: _listed(t, numbers))
    schedule.cancel_leave(app.ctx, chosen)
    c.say(f"Leave {numbers[chosen].text} cancelled.")


def _listed(text: str, numbers: dict) -> int:
    if text.isascii() and text.isdigit() and int(text) in numbers:
        return int(text)
    raise InvalidAnswer("give a No. from the list above")


def _specialization(text: str) -> str:
    return validate_free_text(text, "specialization", 60)


def _fee(text: str) -> Decimal:
    return parse_money(text, "consultation fee")


def add_doctor(app: App) -> None:
    c = app.console
    c.hint("Enter on an empty field goes back; nothing is saved until the end.")
    doctor = Doctor(name=ask(c, "Name", validate_name),
                    specialization=ask(c, "Specialization", _specialization),
                    contact_no=ask(c, "Contact number", validate_contact),
                    consultation_fee=ask(c, f"Consultation fee ({app.settings.currency})", _fee))
    doctor.department_id = _ask_department(app, doctor.specialization)
    doctors.add_doctor(app.ctx, doctor)
    assert doctor.department_id is not None
    c.say(f"Added doctor {doctor.code} to department {format_code('department', doctor.department_id)}.")


def _ask_department(app: App, specialization: str, current: int | None = None) -> int | None:
    """A department by code or name; Enter keeps the current one, or for a new doctor takes the
    department of the specialization (made when there is none; None here)."""
    kept = (departments.get_department(app.ctx, current) if current is not None
            else departments.department_of_specialization(app.ctx, specialization))
    shown = f"{kept.code} {kept.name}" if kept else f"new: {Department.of_specialization(specialization).name}"
    chosen = ask_or_keep(app.console, "Department (code or name)", partial(_department_of, app), kept, shown=shown)
    return None if chosen is None else chosen.department_id


def view_doctor(app: App) -> None:
    doctor = pick_doctor(app)
    assert doctor.doctor_id is not None
    show_doctors(app, [doctor])
    app.console.say(f"Appointments on record: {doctors.appointment_count(app.ctx, doctor.doctor_id)}")


def list_doctors(app: App) -> None:
    app.page_through(lambda at: doctors.list_doctors(app.ctx, at), lambda items: show_doctors(app, items),
                     "No doctors on record yet.", key_of=lambda doctor: doctor.doctor_id)


def search_doctors(app: App) -> None:
    text = ask(app.console, "Part of a name or specialization (Enter to go back)",
               lambda t: validate_free_text(t, "search", 100))
    app.page_through(lambda n: doctors.search_doctors(app.ctx, text, n), lambda items: show_doctors(app, items),
                     f"No doctor matches {text!r}.")


def update_doctor(app: App) -> None:
    c = app.console
    current = pick_doctor(app)
    c.hint("Enter keeps the value in brackets.")
    updated = Doctor(name=ask_or_keep(c, "Name", validate_name, current.name),
                     specialization=ask_or_keep(c, "Specialization", _specialization, current.specialization),
                     contact_no=ask_or_keep(c, "Contact number", validate_contact, current.contact_no),
                     consultation_fee=ask_or_keep(c, "Consultation fee", _fee, current.consultation_fee),
                     doctor_id=current.doctor_id)
    updated.department_id = _ask_department(app, updated.specialization, current.department_id)
    doctors.update_doctor(app.ctx, updated)
    c.say(f"Updated doctor {updated.code}.")


def delete_doctor(app: App) -> None:
    doctor = pick_doctor(app)
    assert doctor.doctor_id is not None
    show_doctors(app, [doctor])
    doctors.check_deletable(app.ctx, doctor.doctor_id)
    if not confirm(app.console, f"Delete doctor {doctor.code}?", default=False):
        app.console.say("Nothing was deleted.")
        return
    doctors.delete_doctor(app.ctx, doctor.doctor_id)
    app.console.say(f"Deleted doctor {doctor.code}.")
