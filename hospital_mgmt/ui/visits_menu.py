"""Appointments > A visit's record: the doctor's notes and the vitals, the prescription and its
print, the treatments performed (which wait for the patient's next bill)."""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..domain.appointment import Appointment
from ..domain.billing import validate_quantity
from ..domain.codes import parse_code
from ..domain.errors import InvalidField
from ..domain.request_key import new_request_key
from ..domain.staff import Permission
from ..domain.visit import (
    VITAL_SIGNS,
    Medicine,
    Vitals,
    check_recordable,
    parse_blood_pressure,
    parse_yes_no,
    validate_days,
    validate_notes,
)
from ..operations import appointments, documents, patients, visits
from .app import App
from .labs_menu import visit_lab_tests
from .menu import Choice, Menu
from .pickers import pick_appointment, pick_service
from .prompts import ask, ask_optional, ask_or_keep, confirm

CLEAR = "-"  # typed for a reading or the notes: there is none (Enter keeps what is there)


def visit_record(app: App) -> None:
    view = pick_appointment(app)
    appointment = view.appointment
    assert appointment.appt_id is not None
    appt_id = appointment.appt_id
    Menu(app, f"Appointments > Visit {appointment.code}: patient {view.patient_name}, {view.doctor_name}", [
        Choice("Notes and vitals", lambda: notes_and_vitals(app, appt_id), Permission.RECORD_VISITS),
        Choice("Prescription", lambda: prescription(app, appt_id), Permission.PRESCRIBE),
        Choice("Treatments performed", lambda: treatments(app, appt_id), Permission.RECORD_VISITS),
        Choice("See the visit's record", lambda: show_visit(app, appt_id), Permission.VIEW_CLINICAL),
        Choice("Print the prescription (text and PDF)", lambda: print_prescription(app, appt_id),
               Permission.VIEW_CLINICAL),
        Choice("Lab tests: order, and record results", lambda: visit_lab_tests(app, appt_id),
               Permission.RECORD_VISITS),
    ]).run()


def notes_and_vitals(app: App, appt_id: int) -> None:
    appointment = appointments.get_appointment(app.ctx, appt_id).appointment
    check_recordable(appointment, "a visit's notes and vitals")  # refused before anything is asked
    notes, vitals = ask_notes_and_vitals(app, appointment)
    visits.record_visit(app.ctx, appt_id, notes=notes, vitals=vitals)
    app.console.say(f"Visit {appointment.code} recorded.")


def ask_notes_and_vitals(app: App, appointment: Appointment) -> tuple[str, Vitals]:
    """The notes and each reading, Enter keeping what is recorded and - clearing it."""
    assert appointment.appt_id is not None
    record = visits.visit_details(app.ctx, appointment.appt_id).record
    kept = record.vitals if record else Vitals()
    c = app.console
    c.say(f"Enter keeps what is shown; {CLEAR} leaves it empty.")
    notes = _ask_kept(app, "Notes", validate_notes, record.notes if record else "")
    readings: dict[str, Any] = {}
    for name, sign in VITAL_SIGNS.items():
        if name == "bp_systolic":
            shown = kept.blood_pressure
            readings["bp_systolic"], readings["bp_diastolic"] = _ask_kept(
                app, "Blood pressure (as 120/80 mmHg)", parse_blood_pressure, (kept.bp_systolic, kept.bp_diastolic),
                shown, (None, None))
        elif name != "bp_diastolic":
            readings[name] = _ask_kept(app, f"{sign.label.capitalize()} ({sign.unit})", _reading(name),
                                       getattr(kept, name))
    if patients.get_patient(app.ctx, appointment.patient_id).gender == "F":
        readings["pregnant"] = _ask_kept(app, "Pregnant (y/n)", lambda t: parse_yes_no(t, "pregnant"), kept.pregnant,
                                         {True: "yes", False: "no", None: ""}[kept.pregnant])
    try:
        return notes, Vitals(**readings)
    except InvalidField:
        c.say("Those readings do not go together:")
        raise


def _reading(name: str) -> Callable[[str], Decimal | int | None]:
    return lambda text: VITAL_SIGNS[name].parse(text)


def _ask_kept(app: App, label: str, parse: Callable[[str], Any], keep: Any, shown: str | None = None,
              cleared: Any = None) -> Any:
    shown = ("" if keep is None else str(keep)) if shown is None else shown
    shown = shown if len(shown) <= 30 else shown[:27] + "..."
    return ask_or_keep(app.console, label, lambda text: cleared if text == CLEAR else parse(text), keep, shown)


def prescription(app: App, appt_id: int) -> None:
    c = app.console
    appointment = appointments.get_appointment(app.ctx, appt_id).appointment
    check_recordable(appointment, "a prescription")
    lines = visits.visit_details(app.ctx, appt_id).prescription
    if lines:
        _show_prescription(app, lines)
        if not confirm(c, "Keep these lines and add to them?", default=True):
            lines = []
    while len(lines) < 20:
        medicine = ask_or_keep(c, "Medicine", lambda t: t, None, "Enter when done")
        if medicine is None:
            break
        lines.append(Medicine(medicine, ask(c, "Dosage (as 500 mg)", lambda t: t),
                              ask(c, "How often (as twice a day, or 1-0-1)", lambda t: t),
                              ask(c, "For how many days", validate_days),
                              ask_optional(c, "Instructions (as after food)", lambda t: t) or ""))
    visits.prescribe(app.ctx, appt_id, lines)
    c.say(f"Prescription of {appointment.code}: {len(lines)} medicine{'' if len(lines) == 1 else 's'}.")
    if lines and confirm(c, "Print it now (text and PDF)?", default=True):
        print_prescription(app, appt_id)


def _show_prescription(app: App, lines: list[Medicine]) -> None:
    app.show_table(["#", "Medicine", "Dosage", "How often", "Days", "Instructions"],
                   [[n, m.medicine, m.dosage, m.frequency, m.days, m.instructions] for n, m in enumerate(lines, 1)],
                   right_columns={0, 4})


def treatments(app: App, appt_id: int) -> None:
    """The visit's treatments; a service added (with how many), or one taken back by its code."""
    c = app.console
    while True:
        _show_treatments(app, visits.treatments_of_visit(app.ctx, appt_id))
        answer = ask_or_keep(c, "Add a service (s), or take one back (its TR-code)", lambda t: t.strip(), None,
                             "Enter when done")
        if answer is None:
            return
        if answer.upper().startswith("TR"):
            taken = visits.remove_treatment(app.ctx, parse_code("treatment", answer))
            c.say(f"Treatment {taken.code} taken back.")
            continue
        service = pick_service(app)
        assert service.service_id is not None
        quantity = ask_or_keep(c, "How many", validate_quantity, 1)
        note = ask_optional(c, "Note (as left knee)", lambda t: t) or ""
        added = visits.record_treatment(app.ctx, appt_id, service.service_id, quantity, note,
                                        request_key=new_request_key())
        c.say(f"Treatment {added.code} recorded; it waits for the patient's next bill.")


def _show_treatments(app: App, lines: list[visits.TreatmentLine]) -> None:
    if not lines:
        app.console.say("No treatments recorded for this visit.")
        return
    app.show_table(["Code", "Service", "Qty", "Price today", "Note", "Billed"],
                   [[t.treatment.code, f"{t.service.code} {t.service.name}", t.treatment.quantity, t.service.cost,
                     t.treatment.note, "on a bill" if t.treatment.billed else "to bill"] for t in lines],
                   money_columns={3}, right_columns={2})


def show_visit(app: App, appt_id: int) -> None:
    details = visits.visit_details(app.ctx, appt_id)
    c, appointment = app.console, details.appointment
    c.say(f"Visit {appointment.code} on {appointment.appt_date}: {appointment.status.label}")
    c.say(f"Diagnosis: {appointment.diagnosis or '(none)'}")
    record = details.record
    c.say("Notes: " + (record.notes.replace("\n", "\n       ") if record and record.notes else "(none)"))
    c.say("Vitals: " + (record.vitals.summary if record and record.vitals.measured else "(none)"))
    if record and record.vitals.bmi is not None:
        c.say(f"BMI: {record.vitals.bmi}")
    if details.prescription:
        _show_prescription(app, details.prescription)
    _show_treatments(app, details.treatments)


def print_prescription(app: App, appt_id: int) -> None:
    paths = documents.print_prescription(app.ctx, appt_id, text=True, pdf=True)
    app.console.say("Written: " + ", ".join(str(path) for path in paths))
