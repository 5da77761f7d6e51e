"""A patient's whole history: details, stays, appointments, bills."""
from __future__ import annotations

from ..domain.billing import BillItem, FinalBill
from ..domain.money import format_money
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


def _show_bills(app: App, bills: list[tuple[FinalBill, list[BillItem]]]) -> None:
    currency = app.settings.currency
    for bill, items in bills:
        app.console.say(f"{bill.code}  {bill.billing_date}  {bill.status.value.upper()}  total "
                        f"{format_money(bill.total_amount, currency)}, paid {format_money(bill.amount_paid)}, "
                        f"balance {format_money(bill.balance)}")
        show_bill_items(app, items, labels=("Service", "Name"))
