"""Doctors >: add, view, list, search, update, delete."""
from ..domain.doctor import Doctor
from ..domain.errors import StillReferenced
from ..domain.money import parse_money
from ..domain.validation import validate_contact, validate_free_text, validate_name
from ..log_setup import log
from .app import App
from .menu import Choice, Menu
from .pickers import pick_doctor, show_doctors
from .prompts import ask_value, confirm


def doctors_menu(app: App) -> Menu:
    return Menu(app, "Doctors", [
        Choice("Add a doctor", lambda: add_doctor(app)),
        Choice("View a doctor", lambda: view_doctor(app)),
        Choice("List doctors", lambda: list_doctors(app)),
        Choice("Search by name or specialization", lambda: search_doctors(app)),
        Choice("Update a doctor", lambda: update_doctor(app)),
        Choice("Delete a doctor", lambda: delete_doctor(app)),
    ])


def _specialization(text: str) -> str:
    return validate_free_text(text, "specialization", 60)


def _fee(text: str):
    return parse_money(text, "consultation fee")


def add_doctor(app: App) -> None:
    c = app.console
    c.hint("Enter on an empty field goes back; nothing is saved until the end.")
    doctor = Doctor(name=ask_value(c, "Name", validate_name),
                    specialization=ask_value(c, "Specialization", _specialization),
                    contact_no=ask_value(c, "Contact number", validate_contact),
                    consultation_fee=ask_value(c, f"Consultation fee ({app.settings.currency})", _fee))
    app.commit(lambda uow: uow.doctors.add(doctor))
    log.info("doctor %s added", doctor.code)
    c.say(f"Added doctor {doctor.code}.")


def view_doctor(app: App) -> None:
    doctor = pick_doctor(app)
    show_doctors(app, [doctor])
    app.console.say(f"Appointments on record: {app.repos.doctors.appointment_count(doctor.doctor_id)}")


def list_doctors(app: App) -> None:
    app.page_through(lambda n: app.repos.doctors.list(n), lambda items: show_doctors(app, items),
                     "No doctors on record yet.")


def search_doctors(app: App) -> None:
    text = ask_value(app.console, "Part of a name or specialization (Enter to go back)",
                     lambda t: validate_free_text(t, "search", 100))
    app.page_through(lambda n: app.repos.doctors.search(text, n), lambda items: show_doctors(app, items),
                     f"No doctor matches {text!r}.")


def update_doctor(app: App) -> None:
    c = app.console
    current = pick_doctor(app)
    c.hint("Enter keeps the value in brackets.")
    updated = Doctor(name=ask_value(c, "Name", validate_name, keep=current.name),
                     specialization=ask_value(c, "Specialization", _specialization, keep=current.specialization),
                     contact_no=ask_value(c, "Contact number", validate_contact, keep=current.contact_no),
                     consultation_fee=ask_value(c, "Consultation fee", _fee, keep=current.consultation_fee),
                     doctor_id=current.doctor_id)
    app.commit(lambda uow: uow.doctors.update(updated))
    log.info("doctor %s updated", updated.code)
    c.say(f"Updated doctor {updated.code}.")


def delete_doctor(app: App) -> None:
    doctor = pick_doctor(app)
    show_doctors(app, [doctor])
    count = app.repos.doctors.appointment_count(doctor.doctor_id)
    if count:
        raise StillReferenced(f"doctor {doctor.code} cannot be deleted: {count} appointments refer to this doctor")
    if not confirm(app.console, f"Delete doctor {doctor.code}?", default=False):
        app.console.say("Nothing was deleted.")
        return
    app.commit(lambda uow: uow.doctors.remove(doctor.doctor_id))
    log.info("doctor %s deleted", doctor.code)
    app.console.say(f"Deleted doctor {doctor.code}.")
