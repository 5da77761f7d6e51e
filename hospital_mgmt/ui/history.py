"""A patient's whole history: details, stays, appointments and what was done at them, vitals over
time, bills."""
from __future__ import annotations

from ..domain.billing import BillItem, FinalBill
from ..domain.codes import format_code
from ..domain.lab import LabResult
from ..domain.money import format_money
from ..domain.visit import VitalsOn
from ..operations.history import Visit
from ..operations.history import patient_history as read_history
from .app import App
from .pickers import pick_patient
from .views import show_bill_items, show_patient_card, show_stays


def patient_history(app: App) -> None:
    patient = pick_patient(app)
    assert patient.patient_id is not None
    history = read_history(app.ctx, patient.patient_id)
    app.console.say(f"History of patient {patient.code}")
    open_stay = history.stays[0] if history.stays and history.stays[0].is_open else None
    show_patient_card(app, history.patient, open_stay)
    if history.stays:
        app.console.say(f"\nStays in hospital ({history.days_admitted} days in all)")
        show_stays(app, history.stays)
    app.console.say(f"\nAppointments ({len(history.visits)})" if history.visits else "\nNo appointments.")
    if history.visits:
        app.page_list(history.visits, lambda visits: _show_visits(app, visits), VISITS_A_PAGE, "")
        _show_records(app, history.visits)
    if history.vitals:
        app.console.say(f"\nVitals over time ({len(history.vitals)} visits)")
        _show_vitals(app, history.vitals)
    if history.labs:
        app.console.say(f"\nLab results ({len(history.labs)})")
        show_lab_results(app, history.labs)
    app.console.say(f"\nBills ({len(history.bills)})" if history.bills else "No bills.")
    if history.bills:
        app.page_list(history.bills, lambda bills: _show_bills(app, bills), BILLS_A_PAGE, "")


VISITS_A_PAGE, BILLS_A_PAGE = 20, 5  # a busy patient's history comes a screen at a time


def _show_visits(app: App, visits: list[Visit]) -> None:
    app.show_table(["Code", "Date", "Time", "Doctor", "Specialization", "Status", "Diagnosis", "Days since last"],
                   [[v.view.appointment.code, v.view.appointment.appt_date, f"{v.view.appointment.appt_time:%H:%M}",
                     v.view.doctor_name, v.view.specialization, v.view.appointment.status.label,
                     v.view.appointment.diagnosis, "" if v.days_since_last is None else v.days_since_last]
                    for v in visits], right_columns={7})


def _show_records(app: App, visits: list[Visit]) -> None:
    """What was written and done at each visit: notes, vitals and prescriptions for a reader of
    clinical notes; the treatments for everyone (a cashier bills them)."""
    kept = [v for v in visits if v.record or v.prescription or v.treatments]
    if not kept:
        return
    say = app.console.say
    say("\nVisit records")
    for visit in kept:
        appointment = visit.view.appointment
        say(f"{appointment.code}  {appointment.appt_date}  {visit.view.doctor_name}")
        if visit.record and visit.record.notes:
            say("  Notes: " + visit.record.notes.replace("\n", "\n         "))
        if visit.record and visit.record.vitals.measured:
            say(f"  Vitals: {visit.record.vitals.summary}")
        for medicine in visit.prescription:
            instructions = f" ({medicine.instructions})" if medicine.instructions else ""
            say(f"  Prescribed: {medicine.described}{instructions}")
        for line in visit.treatments:
            treatment, service = line.treatment, line.service
            state, note = "billed" if treatment.billed else "to bill", f" - {treatment.note}" if treatment.note else ""
            say(f"  Treatment {treatment.code}: {service.code} {service.name} x {treatment.quantity} ({state}){note}")


def _show_vitals(app: App, readings: list[VitalsOn]) -> None:
    def shown(value) -> str:
        return "" if value is None else str(value)
    app.show_table(["Visit", "Date", "Weight kg", "Height cm", "BMI", "BP mmHg", "Pulse", "Temp °C", "Hb g/dL"],
                   [[format_code("appointment", r.appt_id), r.day, shown(r.vitals.weight_kg),
                     shown(r.vitals.height_cm), shown(r.vitals.bmi), r.vitals.blood_pressure, shown(r.vitals.pulse),
                     shown(r.vitals.temperature_c), shown(r.vitals.haemoglobin)] for r in readings],
                   right_columns={2, 3, 4, 6, 7, 8})


def show_lab_results(app: App, results: list[LabResult]) -> None:
    app.show_table(["Order", "Visit", "Test", "Result", "Unit", "Normal range", "Flag", "Reported"],
                   [[r.order.code, format_code("appointment", r.order.appt_id), r.test.name,
                     "" if r.order.result is None else str(r.order.result), r.test.unit, r.test.range_text,
                     r.order.flag.value.upper() if r.order.flag and r.order.flag.mark else
                     ("normal" if r.order.flag else "awaited"), r.order.result_on or ""] for r in results],
                   right_columns={3})


def _show_bills(app: App, bills: list[tuple[FinalBill, list[BillItem]]]) -> None:
    currency = app.settings.currency
    for bill, items in bills:
        app.console.say(f"{bill.code}  {bill.billing_date}  {bill.status.value.upper()}  total "
                        f"{format_money(bill.total_amount, currency)}, paid {format_money(bill.amount_paid)}, "
                        f"balance {format_money(bill.balance)}")
        show_bill_items(app, items, labels=("Service", "Name"))
