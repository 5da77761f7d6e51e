"""How records look on the screen: the tables and cards every menu shows."""
from __future__ import annotations

from datetime import date, time

from ..domain.admission import Admission
from ..domain.billing import Billing, BillItem, FinalBill
from ..domain.codes import format_code
from ..domain.department import Department
from ..domain.doctor import Doctor
from ..domain.patient import Patient
from ..domain.service import Service
from ..operations.appointments import AppointmentView
from ..operations.reception import QueueEntry
from .app import App


def numbered(headers: list[str], rows: list[list], on: bool, first: int = 1) -> tuple[list[str], list[list]]:
    """The table with a first column numbering its rows (from `first`) when `on`, to pick one by number."""
    if not on:
        return headers, rows
    return ["#", *headers], [[number, *row] for number, row in enumerate(rows, start=first)]


def _shifted(columns: set[int], on: bool) -> set[int]:
    return {column + 1 for column in columns} if on else columns


def show_patients(app: App, patients: list[Patient], numbered_rows: bool = False, first_number: int = 1) -> None:
    today = app.today()
    app.show_table(*numbered(["Code", "Name", "Age", "Gender", "Contact", "City", "Registered"],
                             [[p.code, p.name, p.age_text(today), p.gender, p.contact_no, p.city, p.registered_on]
                              for p in patients], numbered_rows, first_number),
                   right_columns=_shifted({2}, numbered_rows))


def show_patient_card(app: App, patient: Patient, stay: Admission | None = None) -> None:
    """The patient's details; with `stay`, the open stay they are in (None: not admitted)."""
    today = app.today()
    rows: list[list[object]] = [
            ["Code", patient.code], ["Name", patient.name], ["Date of birth", patient.birth_text()],
            ["Age", patient.age_text(today) + (" (estimated)" if patient.birth_estimated else "")],
            ["Gender", patient.gender], ["Contact", patient.contact_no], ["E-mail", patient.email],
            ["Address", patient.address], ["City", patient.city], ["Blood group", patient.blood_group],
            ["Registered", patient.registered_on]]
    where = "" if stay is None or not stay.ward else f", {stay.ward}"
    rows.append(["In hospital", "no" if stay is None else f"since {stay.admitted_on}{where}"])
    app.show_table(["Field", "Value"], [row for row in rows if row[1] != ""])


def show_possible_duplicates(app: App, matches: list[tuple[Patient, str]]) -> None:
    app.console.say("This patient may already be registered:")
    today = app.today()
    app.show_table(["Code", "Name", "Born", "Age", "Gender", "Contact", "Why it matched"],
                   [[p.code, p.name, p.birth_text(), p.age_text(today), p.gender, p.contact_no, reason]
                    for p, reason in matches], right_columns={3})


def show_stays(app: App, stays: list[Admission]) -> None:
    today = app.today()
    app.show_table(["Admitted", "Discharged", "Days", "Ward / bed", "Reason"],
                   [[s.admitted_on, s.discharged_on or "still admitted", s.days(today), s.ward, s.reason]
                    for s in stays], right_columns={2})


def show_doctors(app: App, doctors: list[Doctor], numbered_rows: bool = False, first_number: int = 1) -> None:
    app.show_table(*numbered(["Code", "Name", "Specialization", "Contact", "Fee", "Department"],
                             [[d.code, d.name, d.specialization, d.contact_no, d.consultation_fee,
                               format_code("department", d.department_id) if d.department_id else ""]
                              for d in doctors],
                             numbered_rows, first_number), money_columns=_shifted({4}, numbered_rows))


def show_departments(app: App, departments: list[tuple[Department, int]], numbered_rows: bool = False) -> None:
    app.show_table(*numbered(["Code", "Department", "Location", "Doctors"],
                             [[d.code, d.name, d.location, count] for d, count in departments], numbered_rows, 1))


def show_services(app: App, services: list[Service], numbered_rows: bool = False, first_number: int = 1) -> None:
    app.show_table(*numbered(["Code", "Service", "Price"], [[s.code, s.name, s.cost] for s in services],
                             numbered_rows, first_number), money_columns=_shifted({2}, numbered_rows))


def show_appointments(app: App, views: list[AppointmentView], numbered_rows: bool = False,
                      first_number: int = 1) -> None:
    app.show_table(*numbered(["Code", "Date", "Time", "Patient", "Doctor", "Status", "Diagnosis"],
                             [[v.appointment.code, v.appointment.appt_date, f"{v.appointment.appt_time:%H:%M}",
                               f"{v.patient_name} ({v.appointment.patient_id})", v.doctor_name,
                               v.appointment.status.label, v.appointment.diagnosis] for v in views], numbered_rows,
                             first_number))


def show_queue(app: App, entries: list[QueueEntry]) -> None:
    app.show_table(["Token", "Appt", "Time", "Patient", "Status", "Arrived", "Waited (min)"],
                   [[e.view.appointment.token_no, e.view.appointment.code, f"{e.view.appointment.appt_time:%H:%M}",
                     f"{e.view.patient_name} ({e.view.appointment.patient_id})", e.view.appointment.status.label,
                     f"{e.view.appointment.arrived_at:%H:%M}" if e.view.appointment.arrived_at else "",
                     "" if e.waited_minutes is None else e.waited_minutes] for e in entries], right_columns={6})


def show_free_slots(app: App, doctor: Doctor, day: date, slots: list[time]) -> None:
    if not slots:
        app.console.say(f"{doctor.display_name} has no free slot on {day}.")
        return
    free = [f"{slot:%H:%M}" for slot in slots]
    app.console.say(f"Free slots of {doctor.display_name} on {day}:")
    for row_start in range(0, len(free), 8):
        app.console.say("  " + "  ".join(free[row_start:row_start + 8]))


def show_bill_summary(app: App, bill: FinalBill) -> None:
    app.show_table(["Bill", "Date", "Patient", "Status", "Total", "Paid", "Balance"],
                   [[bill.code, bill.billing_date, format_code("patient", bill.patient_id), bill.state.label,
                     bill.payable, bill.amount_paid, bill.balance]], money_columns={4, 5, 6})


def show_bill_list(app: App, bills: list[FinalBill], numbered_rows: bool = False, first_number: int = 1) -> None:
    app.show_table(*numbered(["Bill", "Date", "Status", "Total", "Balance"],
                             [[b.code, b.billing_date, b.state.label, b.payable, b.balance] for b in bills],
                             numbered_rows, first_number), money_columns=_shifted({3, 4}, numbered_rows))


def show_bill_items(app: App, items: list[BillItem], labels: tuple[str, str] = ("Code", "Service")) -> None:
    app.show_table([*labels, "Qty", "Unit price", "Line total"],
                   [[item.service_code, item.service_name, item.quantity, item.unit_price, item.line_total]
                    for item in items], money_columns={3, 4}, right_columns={2})


def show_bill_figures(app: App, bill: FinalBill) -> None:
    rows = [["Subtotal", bill.subtotal], ["Consultation", bill.consultation_charges], ["Discount", bill.discount],
            ["Tax", bill.tax], ["Total", bill.total_amount]]
    if bill.credited:
        rows.append(["Credited", bill.credited])
    rows.append(["Received", bill.received])
    if bill.refunded:
        rows.append(["Refunded", bill.refunded])
    rows.append(["Balance", bill.balance])
    app.show_table(["", "Amount"], rows, money_columns={1})


def show_draft(app: App, draft: Billing) -> None:
    """The bill being built: its lines, then every figure down to the total."""
    rows = [[line.service.code, line.service.name, line.quantity, line.unit_price, line.line_total]
            for line in draft.lines]
    if rows:
        app.show_table(["Code", "Service", "Qty", "Unit price", "Line total"], rows, money_columns={3, 4},
                       right_columns={2})
    else:
        app.console.say("No services on the bill yet.")
    discount = f" ({draft.discount_percent}%)" if draft.discount_percent is not None else ""
    app.show_table(["", "Amount"], [["Subtotal", draft.subtotal], ["Consultation", draft.consultation_charges],
                                    [f"Discount{discount}", draft.discount],
                                    [f"Tax ({app.settings.tax_rate}%)", draft.tax], ["Total", draft.total]],
                   money_columns={1})
