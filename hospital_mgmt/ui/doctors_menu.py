"""Doctors >: add, view, list, search, update, delete."""
from __future__ import annotations

from decimal import Decimal

from ..domain.doctor import Doctor
from ..domain.money import parse_money
from ..domain.staff import Permission
from ..domain.validation import validate_contact, validate_free_text, validate_name
from ..operations import doctors
from .app import App
from .menu import Choice, Menu
from .pickers import pick_doctor
from .prompts import ask, ask_or_keep, confirm
from .views import show_doctors


def doctors_menu(app: App) -> Menu:
    return Menu(app, "Doctors", [
        Choice("Add a doctor", lambda: add_doctor(app), Permission.EDIT_DOCTORS),
        Choice("View a doctor", lambda: view_doctor(app), Permission.VIEW_RECORDS),
        Choice("List doctors", lambda: list_doctors(app), Permission.VIEW_RECORDS),
        Choice("Search by name or specialization", lambda: search_doctors(app), Permission.VIEW_RECORDS),
        Choice("Update a doctor", lambda: update_doctor(app), Permission.EDIT_DOCTORS),
        Choice("Delete a doctor", lambda: delete_doctor(app), Permission.EDIT_DOCTORS),
    ])


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
    doctors.add_doctor(app.ctx, doctor)
    c.say(f"Added doctor {doctor.code}.")


def view_doctor(app: App) -> None:
    doctor = pick_doctor(app)
    assert doctor.doctor_id is not None
    show_doctors(app, [doctor])
    app.console.say(f"Appointments on record: {doctors.appointment_count(app.ctx, doctor.doctor_id)}")


def list_doctors(app: App) -> None:
    app.page_through(lambda n: doctors.list_doctors(app.ctx, n), lambda items: show_doctors(app, items),
                     "No doctors on record yet.")


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
