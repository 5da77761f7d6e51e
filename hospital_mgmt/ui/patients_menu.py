"""Patients >: register, view, list, search, update, admit/discharge, delete, history."""
from __future__ import annotations

from ..domain.errors import PossibleDuplicates
from ..domain.patient import Patient
from ..domain.request_key import new_request_key
from ..domain.staff import Permission
from ..domain.validation import (
    parse_date,
    phone_search_digits,
    validate_age,
    validate_contact,
    validate_free_text,
    validate_gender,
    validate_name,
)
from ..operations import patients
from .app import App
from .history import patient_history
from .menu import Choice, Menu
from .pickers import pick_patient
from .prompts import Back, ask, ask_or_keep, confirm
from .views import show_patient_card, show_patients, show_possible_duplicates


def patients_menu(app: App) -> Menu:
    return Menu(app, "Patients", [
        Choice("Register a patient", lambda: register_patient(app), Permission.EDIT_PATIENTS),
        Choice("View a patient", lambda: view_patient(app), Permission.VIEW_RECORDS),
        Choice("List patients", lambda: list_patients(app), Permission.VIEW_RECORDS),
        Choice("Search by name", lambda: search_by_name(app), Permission.VIEW_RECORDS),
        Choice("Search by phone number", lambda: search_by_phone(app), Permission.VIEW_RECORDS),
        Choice("Update a patient", lambda: update_patient(app), Permission.EDIT_PATIENTS),
        Choice("Admit or discharge", lambda: admit_or_discharge(app), Permission.EDIT_PATIENTS),
        Choice("Delete a patient", lambda: delete_patient(app), Permission.EDIT_PATIENTS),
        Choice("Patient history", lambda: patient_history(app), Permission.VIEW_HISTORY),
    ])


def register_patient(app: App) -> None:
    c = app.console
    key = new_request_key()  # one registration, however often it is sent
    c.hint("Enter on an empty field goes back; nothing is saved until the end.")
    patient = Patient(
        name=ask(c, "Name", validate_name),
        age=ask(c, "Age", validate_age),
        gender=ask(c, "Gender (M/F/O)", validate_gender),
        contact_no=ask(c, "Contact number", validate_contact),
        admission_date=ask_or_keep(c, "Admission date (YYYY-MM-DD)", lambda t: parse_date(t, "admission date"),
                                   app.today()),
    )
    try:
        registered = patients.register_patient(app.ctx, patient, request_key=key)
    except PossibleDuplicates as duplicates:
        show_possible_duplicates(app, duplicates.matches)
        if not confirm(c, "Register as a new patient anyway?", default=False):
            c.say("Cancelled; nothing was saved.")
            return
        registered = patients.register_patient(app.ctx, patient, duplicates_confirmed=True, request_key=key)
    c.say(f"Registered patient {registered.code}.")


def view_patient(app: App) -> None:
    show_patient_card(app, pick_patient(app))


def list_patients(app: App) -> None:
    app.page_through(lambda n: patients.list_patients(app.ctx, n), lambda items: show_patients(app, items),
                     "No patients registered yet.")


def search_by_name(app: App) -> None:
    text = ask(app.console, "Part of the name (Enter to go back)", lambda t: validate_free_text(t, "name", 100))
    app.page_through(lambda n: patients.search_by_name(app.ctx, text, n),
                     lambda items: show_patients(app, items), f"No patient's name contains {text!r}.")


def search_by_phone(app: App) -> None:
    digits = ask(app.console, "Phone number or part of it (Enter to go back)", phone_search_digits)
    app.page_through(lambda n: patients.search_by_phone(app.ctx, digits, n),
                     lambda items: show_patients(app, items), f"No patient's phone number contains {digits}.")


def update_patient(app: App) -> None:
    c = app.console
    current = pick_patient(app)
    c.hint("Enter keeps the value in brackets.")
    updated = Patient(
        discharge_date=None,
        name=ask_or_keep(c, "Name", validate_name, current.name),
        age=ask_or_keep(c, "Age", validate_age, current.age),
        gender=ask_or_keep(c, "Gender (M/F/O)", validate_gender, current.gender),
        contact_no=ask_or_keep(c, "Contact number", validate_contact, current.contact_no),
        admission_date=ask_or_keep(c, "Admission date", lambda t: parse_date(t, "admission date"),
                                   current.admission_date),
        patient_id=current.patient_id,
    )
    updated.discharge_date = ask_or_keep(c, "Discharge date (- for still admitted)",
                                         lambda t: None if t == "-" else _discharge_day(updated, t),
                                         current.discharge_date, shown=str(current.discharge_date or "still admitted"))
    patients.update_patient(app.ctx, updated)
    c.say(f"Updated patient {updated.code}.")


def _discharge_day(patient: Patient, text: str):
    """A discharge date the patient's stay allows (checked at the prompt, so it is re-asked)."""
    return patient.check_discharge(parse_date(text, "discharge date"))


def admit_or_discharge(app: App) -> None:
    c = app.console
    patient = pick_patient(app)
    assert patient.patient_id is not None
    if patient.is_admitted:
        c.say(f"Patient {patient.code} has been admitted since {patient.admission_date}.")
        day = ask_or_keep(c, "Discharge date", lambda t: _discharge_day(patient, t), app.today())
        after, action = patients.discharge_patient(app.ctx, patient.patient_id, day), "discharged"
    else:
        c.say(f"Patient {patient.code} was discharged on {patient.discharge_date}.")
        if not confirm(c, "Admit the patient again?", default=True):
            raise Back
        day = ask_or_keep(c, "Admission date", lambda t: parse_date(t, "admission date"), app.today())
        after, action = patients.readmit_patient(app.ctx, patient.patient_id, day), "admitted"
    c.say(f"Patient {after.code} {action} on {day}; days admitted: {after.days_admitted(app.today())}.")


def delete_patient(app: App) -> None:
    patient = pick_patient(app)
    assert patient.patient_id is not None
    show_patient_card(app, patient)
    patients.check_deletable(app.ctx, patient.patient_id)
    if not confirm(app.console, f"Delete patient {patient.code} and the details above?", default=False):
        app.console.say("Nothing was deleted.")
        return
    patients.delete_patient(app.ctx, patient.patient_id)
    app.console.say(f"Deleted patient {patient.code}.")
