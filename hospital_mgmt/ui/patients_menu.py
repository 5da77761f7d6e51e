"""Patients >: register, view, list, search, update, admit/discharge, delete."""
from ..domain.errors import HospitalError, StillReferenced
from ..domain.patient import Patient
from ..domain.validation import (parse_date, phone_digits, validate_age, validate_contact, validate_free_text,
                                 validate_gender, validate_name)
from ..log_setup import log
from .app import App
from .menu import Choice, Menu
from .pickers import pick_patient, show_patients
from .prompts import Back, ask_value, confirm


def patients_menu(app: App) -> Menu:
    return Menu(app, "Patients", [
        Choice("Register a patient", lambda: register_patient(app)),
        Choice("View a patient", lambda: view_patient(app)),
        Choice("List patients", lambda: list_patients(app)),
        Choice("Search by name", lambda: search_by_name(app)),
        Choice("Search by phone number", lambda: search_by_phone(app)),
        Choice("Update a patient", lambda: update_patient(app)),
        Choice("Admit or discharge", lambda: admit_or_discharge(app)),
        Choice("Delete a patient", lambda: delete_patient(app)),
        Choice("Patient history", lambda: patient_history(app)),
    ])


def register_patient(app: App) -> None:
    c = app.console
    c.hint("Enter on an empty field goes back; nothing is saved until the end.")
    patient = Patient(
        name=ask_value(c, "Name", validate_name),
        age=ask_value(c, "Age", validate_age),
        gender=ask_value(c, "Gender (M/F/O)", validate_gender),
        contact_no=ask_value(c, "Contact number", validate_contact),
        admission_date=ask_value(c, "Admission date (YYYY-MM-DD)", lambda t: parse_date(t, "admission date"),
                                 keep=app.today()),
    )
    if not _no_duplicate_or_confirmed(app, patient):
        c.say("Cancelled; nothing was saved.")
        return
    app.commit(lambda uow: uow.patients.add(patient))
    log.info("patient %s registered", patient.code)
    c.say(f"Registered patient {patient.code}.")


def _no_duplicate_or_confirmed(app: App, patient: Patient) -> bool:
    matches = app.repos.patients.possible_duplicates(patient)
    if not matches:
        return True
    app.console.say("This patient may already be registered:")
    app.show_table(["Code", "Name", "Age", "Gender", "Contact", "Why it matched"],
                   [[p.code, p.name, p.age, p.gender, p.contact_no, reason] for p, reason in matches],
                   right_columns={2})
    return confirm(app.console, "Register as a new patient anyway?", default=False)


def view_patient(app: App) -> None:
    show_patient_card(app, pick_patient(app))


def show_patient_card(app: App, patient: Patient) -> None:
    today = app.today()
    status = "still admitted" if patient.is_admitted else f"discharged {patient.discharge_date}"
    app.show_table(["Field", "Value"], [
        ["Code", patient.code], ["Name", patient.name], ["Age", patient.age], ["Gender", patient.gender],
        ["Contact", patient.contact_no], ["Admitted", patient.admission_date], ["Status", status],
        ["Days admitted", patient.days_admitted(today)],
    ])


def list_patients(app: App) -> None:
    app.page_through(lambda n: app.repos.patients.list(n), lambda items: show_patients(app, items),
                     "No patients registered yet.")


def search_by_name(app: App) -> None:
    text = ask_value(app.console, "Part of the name (Enter to go back)",
                     lambda t: validate_free_text(t, "name", 100))
    app.page_through(lambda n: app.repos.patients.search_by_name(text, n),
                     lambda items: show_patients(app, items), f"No patient's name contains {text!r}.")


def search_by_phone(app: App) -> None:
    def digits_of(text: str) -> str:
        digits = phone_digits(text)
        if not digits:
            raise HospitalError("type the digits of the phone number (any formatting is fine)")
        return digits
    digits = ask_value(app.console, "Phone number or part of it (Enter to go back)", digits_of)
    app.page_through(lambda n: app.repos.patients.search_by_phone(digits, n),
                     lambda items: show_patients(app, items), f"No patient's phone number contains {digits}.")


def update_patient(app: App) -> None:
    c = app.console
    current = pick_patient(app)
    c.hint("Enter keeps the value in brackets.")
    updated = Patient(
        discharge_date=None,
        name=ask_value(c, "Name", validate_name, keep=current.name),
        age=ask_value(c, "Age", validate_age, keep=current.age),
        gender=ask_value(c, "Gender (M/F/O)", validate_gender, keep=current.gender),
        contact_no=ask_value(c, "Contact number", validate_contact, keep=current.contact_no),
        admission_date=ask_value(c, "Admission date", lambda t: parse_date(t, "admission date"),
                                 keep=current.admission_date),
        patient_id=current.patient_id,
    )
    updated.discharge_date = _ask_discharge(app, current, updated)
    app.commit(lambda uow: uow.patients.update(updated))
    log.info("patient %s updated", updated.code)
    c.say(f"Updated patient {updated.code}.")


def _ask_discharge(app: App, current: Patient, updated: Patient):
    def parse(text: str):
        if text == "-":
            return None
        return _discharge_day(updated, text)
    return ask_value(app.console, "Discharge date (- for still admitted)", parse, keep=current.discharge_date,
                     keep_text=str(current.discharge_date or "still admitted"))


def _discharge_day(patient: Patient, text: str):
    """A discharge date the patient's stay allows (checked at the prompt, so it is re-asked)."""
    return patient.check_discharge(parse_date(text, "discharge date"))


def admit_or_discharge(app: App) -> None:
    c = app.console
    patient = pick_patient(app)
    if patient.is_admitted:
        c.say(f"Patient {patient.code} has been admitted since {patient.admission_date}.")
        day = ask_value(c, "Discharge date", lambda t: _discharge_day(patient, t), keep=app.today())
        patient.discharge(day)
        action = "discharged"
    else:
        c.say(f"Patient {patient.code} was discharged on {patient.discharge_date}.")
        if not confirm(c, "Admit the patient again?", default=True):
            raise Back
        day = ask_value(c, "Admission date", lambda t: parse_date(t, "admission date"), keep=app.today())
        patient.readmit(day)
        action = "admitted"
    app.commit(lambda uow: uow.patients.update(patient))
    log.info("patient %s %s", patient.code, action)
    c.say(f"Patient {patient.code} {action} on {day}; days admitted: {patient.days_admitted(app.today())}.")


def delete_patient(app: App) -> None:
    patient = pick_patient(app)
    show_patient_card(app, patient)
    linked = {kind: n for kind, n in app.repos.patients.dependents(patient.patient_id).items() if n}
    if linked:
        what = " and ".join(f"{n} {kind}" for kind, n in linked.items())
        raise StillReferenced(f"patient {patient.code} cannot be deleted: {what} refer to this patient")
    if not confirm(app.console, f"Delete patient {patient.code} and the details above?", default=False):
        app.console.say("Nothing was deleted.")
        return
    app.commit(lambda uow: uow.patients.remove(patient.patient_id))
    log.info("patient %s deleted", patient.code)
    app.console.say(f"Deleted patient {patient.code}.")


def patient_history(app: App) -> None:
    from .history import show_history  # imported here: history imports this module for the patient card
    show_history(app, pick_patient(app))
