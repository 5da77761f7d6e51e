"""Billing >: build a bill, finalize, print, pay, reprint, void. Nothing is written until the
clerk finalizes, and a finalized bill is never edited."""
from ..domain.billing import Billing, BillStatus, FinalBill, PaymentMethod, validate_quantity
from ..domain.codes import format_code, parse_code
from ..domain.errors import BillError, HospitalError
from ..domain.money import parse_money
from ..domain.validation import validate_free_text
from ..invoices import issue_invoice
from ..log_setup import log
from .app import App
from .menu import Choice, Menu
from .pickers import pick_patient, pick_service
from .prompts import Back, ask_choice, ask_code, ask_value, confirm


def billing_menu(app: App) -> Menu:
    return Menu(app, "Billing", [
        Choice("New bill", lambda: new_bill(app)),
        Choice("Record a payment", lambda: record_payment(app)),
        Choice("View a bill", lambda: view_bill(app)),
        Choice("Print or reprint an invoice", lambda: reprint(app)),
        Choice("Void a bill", lambda: void_bill(app)),
        Choice("A patient's unpaid bills", lambda: unpaid_for_patient(app)),
    ])


def new_bill(app: App) -> None:
    patient = pick_patient(app)
    billing = Billing(patient.patient_id, app.settings.tax_rate)
    _attach_appointment(app, billing)
    BillEditor(app, billing, f"Billing > New bill for {patient.code}").run()


def _attach_appointment(app: App, billing: Billing) -> None:
    visits = [v for v in app.repos.appointments.for_patient(billing.patient_id) if v.appointment.is_live][-10:]
    if not visits:
        return
    app.show_table(["Code", "Date", "Doctor", "Specialization", "Status"],
                   [[v.appointment.code, v.appointment.appt_date, v.doctor_name, v.specialization,
                     v.appointment.status.label] for v in visits])
    by_id = {v.appointment.appt_id: v for v in visits}

    def parse(text: str):
        appt_id = parse_code("appointment", text)
        if appt_id not in by_id:
            raise HospitalError(f"{format_code('appointment', appt_id)} is not one of this patient's appointments above")
        billed = app.repos.bills.bill_for_appointment(appt_id)
        if billed is not None:
            raise HospitalError(f"{format_code('appointment', appt_id)} is already on bill {format_code('bill', billed)}")
        return appt_id
    appt_id = ask_value(app.console, "Appointment for the consultation fee", parse, optional=True)
    if appt_id is not None:
        doctor = app.repos.doctors.get(by_id[appt_id].appointment.doctor_id)
        billing.appt_id, billing.consultation_charges = appt_id, doctor.consultation_fee


class BillEditor:
    """The bill being built, shown after every change."""

    def __init__(self, app: App, billing: Billing, where: str):
        self.app, self.billing, self.where = app, billing, where
        self.done = False

    def run(self) -> None:
        menu = Menu(self.app, self.where, [
            Choice("Add a service", self.guarded(self.add_service)),
            Choice("Change a quantity", self.guarded(self.change_quantity)),
            Choice("Remove a line", self.guarded(self.remove_line)),
            Choice("Discount", self.guarded(self.discount)),
            Choice("Finalize the bill", self.finalize),
        ], back_label="Cancel this bill (nothing is saved)")
        self.show()
        while True:
            menu.run(until=lambda: self.done)
            if self.done:
                return
            if not self.billing.lines or confirm(self.app.console, "Drop this bill without saving?", default=False):
                self.app.console.say("Bill cancelled; nothing was saved.")
                return

    def guarded(self, action):
        def run():
            action()
            self.show()
        return run

    def show(self) -> None:
        bill, app = self.billing, self.app
        rows = [[line.service.code, line.service.name, line.quantity, line.unit_price, line.line_total]
                for line in bill.lines]
        if rows:
            app.show_table(["Code", "Service", "Qty", "Unit price", "Line total"], rows, money_columns={3, 4},
                           right_columns={2})
        else:
            app.console.say("No services on the bill yet.")
        discount = f" ({bill.discount_percent}%)" if bill.discount_percent is not None else ""
        app.show_table(["", "Amount"], [["Subtotal", bill.subtotal], ["Consultation", bill.consultation_charges],
                                        [f"Discount{discount}", bill.discount],
                                        [f"Tax ({app.settings.tax_rate}%)", bill.tax], ["Total", bill.total]],
                       money_columns={1})

    def add_service(self) -> None:
        service = pick_service(self.app)
        quantity = ask_value(self.app.console, "Quantity", validate_quantity, keep=1)
        self.billing.add_service(service, quantity)

    def _pick_line(self) -> int:
        if not self.billing.lines:
            raise BillError("the bill has no services yet")
        service_id = ask_code(self.app.console, "service", "Service code on the bill (0 to go back)")
        if service_id not in self.billing.items:
            raise BillError(f"{format_code('service', service_id)} is not on this bill")
        return service_id

    def change_quantity(self) -> None:
        service_id = self._pick_line()
        self.billing.set_quantity(service_id, ask_value(self.app.console, "New quantity", validate_quantity))

    def remove_line(self) -> None:
        self.billing.remove_service(self._pick_line())

    def discount(self) -> None:
        c = self.app.console

        def parse(text: str):
            if text.endswith("%"):
                self.billing.apply_discount(percent=text[:-1])
            else:
                self.billing.apply_discount(amount=text)
            return text
        ask_value(c, "Discount (an amount such as 100, or a percent such as 10%; 0 for none)", parse)

    def finalize(self) -> None:
        self.billing.check_ready()
        if not confirm(self.app.console, f"Finalize this bill for {self.billing.total:,.2f} "
                                         f"{self.app.settings.currency}? It cannot be edited afterwards", default=True):
            return
        try:
            with self.app.unit_of_work() as uow:
                bill = uow.bills.finalize(self.billing, self.app.today())
                uow.commit()
        except BillError:
            self.show()  # prices may have been refreshed: show the bill as it now stands
            raise
        self.done = True
        log.info("bill %s finalized for patient %s: %d lines", bill.code, format_code("patient", bill.patient_id),
                 len(self.billing.lines))
        self.app.console.say(f"Finalized bill {bill.code}: total {bill.total_amount:,.2f} {self.app.settings.currency}.")
        if confirm(self.app.console, "Print the invoice now (text and PDF)?", default=True):
            _print(self.app, bill.bill_id)
        if confirm(self.app.console, "Record a payment now?", default=False):
            _pay(self.app, bill)


def _print(app: App, bill_id: int) -> None:
    paths = issue_invoice(app.db, app.settings, bill_id, text=True, pdf=True)
    log.info("invoice %s printed", format_code("bill", bill_id))
    for path in paths:
        app.console.say(f"Wrote {path}")


def _pick_bill(app: App) -> FinalBill:
    bill = app.repos.bills.get(ask_code(app.console, "bill"))
    _show_bill_summary(app, bill)
    return bill


def _show_bill_summary(app: App, bill: FinalBill) -> None:
    app.show_table(["Bill", "Date", "Patient", "Status", "Total", "Paid", "Balance"],
                   [[bill.code, bill.billing_date, format_code("patient", bill.patient_id), bill.status.value.upper(),
                     bill.total_amount, bill.amount_paid, bill.balance]], money_columns={4, 5, 6})


def record_payment(app: App) -> None:
    _pay(app, _pick_bill(app))


def _pay(app: App, bill: FinalBill) -> None:
    bill.check_open_for_payment()
    methods = list(PaymentMethod)
    method = methods[ask_choice(app.console, "Method", [m.value.upper() if m == PaymentMethod.UPI else
                                                        m.value.capitalize() for m in methods]) - 1]

    def parse(text: str):
        amount = parse_money(text, "amount")
        bill.check_payment(amount)
        return amount
    amount = ask_value(app.console, "Amount", parse, keep=bill.balance)
    after = app.commit(lambda uow: uow.bills.add_payment(bill.bill_id, method, amount, app.today()))
    log.info("payment on bill %s recorded (%s)", after.code, method.value)
    state = "now paid in full" if after.status == BillStatus.PAID else f"balance {after.balance:,.2f}"
    app.console.say(f"Recorded {amount:,.2f} {app.settings.currency} by {method.value} on {after.code}; {state}.")


def view_bill(app: App) -> None:
    bill = _pick_bill(app)
    lines = app.repos.bills.lines(bill.bill_id)
    app.show_table(["Code", "Service", "Qty", "Unit price", "Line total"],
                   [[line.service_code, line.service_name, line.quantity, line.unit_price, line.line_total]
                    for line in lines],
                   money_columns={3, 4}, right_columns={2})
    app.show_table(["", "Amount"], [["Subtotal", bill.subtotal], ["Consultation", bill.consultation_charges],
                                    ["Discount", bill.discount], ["Tax", bill.tax], ["Total", bill.total_amount]],
                   money_columns={1})
    payments = app.repos.bills.payments(bill.bill_id)
    if payments:
        app.show_table(["Paid on", "Method", "Amount"], [[p.paid_on, p.method.value, p.amount] for p in payments],
                       money_columns={2})
    if bill.void_reason:
        app.console.say(f"Void: {bill.void_reason}")


def reprint(app: App) -> None:
    bill = _pick_bill(app)
    _print(app, bill.bill_id)


def void_bill(app: App) -> None:
    bill = _pick_bill(app)
    bill.check_void()
    reason = ask_value(app.console, "Reason for voiding", lambda t: validate_free_text(t, "reason", 200))
    if not confirm(app.console, f"Void bill {bill.code}? Its number stays used", default=False):
        raise Back
    app.commit(lambda uow: uow.bills.void(bill.bill_id, reason))
    log.info("bill %s voided", bill.code)
    app.console.say(f"Bill {bill.code} is void.")


def unpaid_for_patient(app: App) -> None:
    patient = pick_patient(app)
    bills = app.repos.bills.open_for_patient(patient.patient_id)
    if not bills:
        app.console.say(f"Patient {patient.code} has no unpaid bills.")
        return
    app.show_table(["Bill", "Date", "Total", "Paid", "Balance"],
                   [[b.code, b.billing_date, b.total_amount, b.amount_paid, b.balance] for b in bills],
                   money_columns={2, 3, 4})
