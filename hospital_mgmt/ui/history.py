"""A patient's whole history on one screen: details, stay, appointments, bills."""
from ..domain.appointment import days_between
from ..domain.patient import Patient
from .app import App
from .patients_menu import show_patient_card
from .pickers import pick_patient


def patient_history(app: App) -> None:
    show_history(app, pick_patient(app))


def show_history(app: App, patient: Patient) -> None:
    app.console.say(f"History of patient {patient.code}")
    show_patient_card(app, patient)
    views = app.repos.appointments.for_patient(patient.patient_id)
    if views:
        gaps = days_between([v.appointment.appt_date for v in views])
        app.console.say("\nAppointments")
        app.show_table(["Code", "Date", "Time", "Doctor", "Specialization", "Status", "Diagnosis", "Days since last"],
                       [[v.appointment.code, v.appointment.appt_date, f"{v.appointment.appt_time:%H:%M}",
                         v.doctor_name, v.specialization, v.appointment.status.label, v.appointment.diagnosis,
                         "" if gap is None else gap] for v, gap in zip(views, gaps)], right_columns={7})
    else:
        app.console.say("\nNo appointments.")
    bills = app.repos.bills.for_patient(patient.patient_id)
    if not bills:
        app.console.say("No bills.")
        return
    app.console.say("\nBills")
    for bill, lines in bills:
        app.console.say(f"{bill.code}  {bill.billing_date}  {bill.status.value.upper()}  total "
                        f"{bill.total_amount:,.2f} {app.settings.currency}, paid {bill.amount_paid:,.2f}, "
                        f"balance {bill.balance:,.2f}")
        app.show_table(["Service", "Name", "Qty", "Unit price", "Line total"],
                       [[line.service_code, line.service_name, line.quantity, line.unit_price, line.line_total]
                        for line in lines], money_columns={3, 4}, right_columns={2})
