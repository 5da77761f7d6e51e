"""Patients >: register, view, list, search, update, admit/discharge, delete, history."""
from __future__ import annotations

from datetime import date

from ..domain.admission import REASON_MAX, WARD_MAX
from ..domain.errors import PossibleDuplicates
from ..domain.patient import ADDRESS_MAX, CITY_MAX, Patient
from ..domain.request_key import new_request_key
from ..domain.staff import Permission
from ..domain.validation import (
    parse_birth,
    parse_date,
    phone_search_digits,
    validate_blood_group,
    validate_contact,
    validate_email,
    validate_free_text,
    validate_gender,
    validate_name,
)
from ..operations import documents, patients
from .app import App
from .history import patient_history
from .menu import Choice, Menu
from .pickers import pick_patient
from .prompts import Back, ask, ask_optional, ask_or_keep, confirm
from .views import show_patient_card, show_patients, show_possible_duplicates, show_stays

BIRTH_LABEL = "Date of birth (YYYY-MM-DD, or the age in years if not known)"


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
        Choice("Stays in hospital", lambda: stays_of_patient(app), Permission.VIEW_RECORDS),
        Choice("Merge duplicate records", lambda: merge_duplicates(app), Permission.MERGE_PATIENTS),
        Choice("Patient history as PDF (vitals charted)", lambda: history_pdf(app), Permission.VIEW_HISTORY),
    ])


def register_patient(app: App) -> None:
    c = app.console
    key = new_request_key()  # one registration, however often it is sent
    c.hint("Enter on an empty required field goes back; nothing is saved until the end.")
    name = ask(c, "Name", validate_name)
    birth = ask(c, BIRTH_LABEL, lambda t: parse_birth(t, app.today()))
    patient = Patient(
        name=name, **_birth_fields(birth),
        gender=ask(c, "Gender (M/F/O)", validate_gender),
        contact_no=ask(c, "Contact number", validate_contact),
        email=ask_optional(c, "E-mail", validate_email) or "",
        address=ask_optional(c, "Address", lambda t: validate_free_text(t, "address", ADDRESS_MAX)) or "",
        city=ask_optional(c, "City", lambda t: validate_free_text(t, "city", CITY_MAX)) or "",
        blood_group=ask_optional(c, "Blood group (A+, O-, ...)", validate_blood_group) or "",
        registered_on=app.today(),
    )
    try:
        registered = patients.register_patient(app.ctx, patient, request_key=key)
    except PossibleDuplicates as duplicates:
        show_possible_duplicates(app, duplicates.matches)
        if not confirm(c, "Register as a new patient anyway?", default=False):
            c.say("Cancelled; nothing was saved.")
            return
        registered = patients.register_patient(app.ctx, patient, duplicates_confirmed=True, request_key=key)
    c.say(f"Registered patient {registered.code} ({registered.name}).")


def _birth_fields(birth: date | int) -> dict:
    """A date of birth as typed, or an age typed today."""
    return {"age": birth} if isinstance(birth, int) else {"birth_date": birth}


def view_patient(app: App) -> None:
    patient = pick_patient(app)
    assert patient.patient_id is not None
    show_patient_card(app, patient, patients.current_admission(app.ctx, patient.patient_id))


def list_patients(app: App) -> None:
    app.page_through(lambda at: patients.list_patients(app.ctx, at), lambda items: show_patients(app, items),
                     "No patients registered yet.", key_of=lambda patient: patient.patient_id)


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
    c.hint("Enter keeps the value in brackets; - clears an optional one.")
    name = ask_or_keep(c, "Name", validate_name, current.name)
    birth = ask_or_keep(c, BIRTH_LABEL, lambda t: parse_birth(t, app.today()), None, shown=current.birth_text())
    birth_fields = ({"birth_date": current.birth_date, "birth_estimated": current.birth_estimated} if birth is None
                    else _birth_fields(birth))
    updated = Patient(
        name=name, **birth_fields,
        gender=ask_or_keep(c, "Gender (M/F/O)", validate_gender, current.gender),
        contact_no=ask_or_keep(c, "Contact number", validate_contact, current.contact_no),
        email=_optional(c, "E-mail", validate_email, current.email),
        address=_optional(c, "Address", lambda t: validate_free_text(t, "address", ADDRESS_MAX), current.address),
        city=_optional(c, "City", lambda t: validate_free_text(t, "city", CITY_MAX), current.city),
        blood_group=_optional(c, "Blood group", validate_blood_group, current.blood_group),
        registered_on=current.registered_on, age_given_on=app.today(),
        patient_id=current.patient_id,
    )
    patients.update_patient(app.ctx, updated)
    c.say(f"Updated patient {updated.code}.")


def _optional(c, label: str, parse, keep: str) -> str:
    return ask_or_keep(c, label, lambda t: "" if t == "-" else parse(t), keep, shown=keep or "none")


def admit_or_discharge(app: App) -> None:
    c = app.console
    patient = pick_patient(app)
    assert patient.patient_id is not None
    stay = patients.current_admission(app.ctx, patient.patient_id)
    if stay is not None:
        c.say(f"Patient {patient.code} ({patient.name}) has been admitted since {stay.admitted_on}"
              + (f", {stay.ward}." if stay.ward else "."))
        day = ask_or_keep(c, "Discharge date", lambda t: stay.check_discharge(parse_date(t, "discharge date")),
                          app.today())
        ended = patients.discharge_patient(app.ctx, patient.patient_id, day)
        c.say(f"Patient {patient.code} discharged on {day}; days in hospital: {ended.days(app.today())}.")
        return
    c.say(f"Patient {patient.code} ({patient.name}) is not in the hospital.")
    if not confirm(c, "Admit the patient?", default=True):
        raise Back
    day = ask_or_keep(c, "Admission date", lambda t: parse_date(t, "admission date"), app.today())
    ward = ask_optional(c, "Ward / bed", lambda t: validate_free_text(t, "ward", WARD_MAX)) or ""
    reason = ask_optional(c, "Reason", lambda t: validate_free_text(t, "reason", REASON_MAX)) or ""
    patients.admit_patient(app.ctx, patient.patient_id, day, ward, reason)
    c.say(f"Patient {patient.code} admitted on {day}.")


def stays_of_patient(app: App) -> None:
    patient = pick_patient(app)
    assert patient.patient_id is not None
    stays = patients.admissions_of(app.ctx, patient.patient_id)
    if not stays:
        app.console.say(f"Patient {patient.code} has never been admitted.")
        return
    app.console.say(f"Stays of patient {patient.code}")
    show_stays(app, stays)


def history_pdf(app: App) -> None:
    patient = pick_patient(app)
    assert patient.patient_id is not None
    app.console.say(f"Written: {documents.print_history(app.ctx, patient.patient_id)}")


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


def merge_duplicates(app: App) -> None:
    c = app.console
    c.hint("First the record to keep, then the duplicate whose records move to it.")
    keep = pick_patient(app, "Patient to keep (code or part of the name, 0 to go back)")
    duplicate = pick_patient(app, "Duplicate to merge into it (code or part of the name, 0 to go back)")
    assert keep.patient_id is not None and duplicate.patient_id is not None
    patients.check_mergeable(app.ctx, keep.patient_id, duplicate.patient_id)
    show_patients(app, [keep, duplicate])
    if not confirm(c, f"Move every appointment, bill, stay and deposit of {duplicate.code} to {keep.code},"
                      f" and keep {duplicate.code} only as merged?", default=False):
        c.say("Nothing was merged.")
        return
    moved = patients.merge_patients(app.ctx, keep.patient_id, duplicate.patient_id)
    what = ", ".join(f"{count} {MERGED_WORDS[table]}" for table, count in moved.items() if count) or "no records"
    c.say(f"Merged {duplicate.code} into {keep.code}: {what} moved.")


MERGED_WORDS = {"appointments": "appointment(s)", "billing": "bill(s)", "admissions": "stay(s)",
                "deposits": "deposit(s)", "deposit_uses": "deposit use(s)", "refunds": "refund(s)"}
