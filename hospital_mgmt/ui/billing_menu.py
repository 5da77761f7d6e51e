"""Billing >: build a bill, finalize, print, pay, reprint, void. Nothing is written until the
clerk finalizes, and a finalized bill is never edited."""
from __future__ import annotations

from ..domain.billing import Billing, validate_quantity, validate_void_reason
from ..domain.codes import format_code, parse_code
from ..domain.errors import EmptyBill, PricesChanged, ServiceWithdrawn
from ..domain.money import format_money
from ..domain.staff import Permission
from ..operations import billing, documents, visits
from ..operations import checkout as checkout_ops
from . import checkout
from .app import App
from .menu import Choice, Menu
from .pickers import pick_bill, pick_patient, pick_service
from .prompts import Back, InvalidAnswer, ask, ask_code, ask_optional, ask_or_keep, confirm
from .views import show_bill_figures, show_bill_items, show_draft


def billing_menu(app: App) -> Menu:
    return Menu(app, "Billing", [
        Choice("New bill", lambda: new_bill(app), Permission.BILL),
        Choice("Record a payment", lambda: checkout.record_payment(app), Permission.TAKE_PAYMENTS),
        Choice("View a bill", lambda: view_bill(app), Permission.VIEW_BILLS),
        Choice("Print or reprint an invoice", lambda: reprint(app), Permission.PRINT_INVOICES),
        Choice("Void a bill (no payments taken)", lambda: void_bill(app), Permission.BILL),
        Choice("A patient's unpaid bills and deposit", lambda: unpaid_for_patient(app), Permission.VIEW_BILLS),
        Choice("Credit note and refund (correct a paid bill)", lambda: checkout.credit_note(app), Permission.REFUND),
        Choice("Take a deposit", lambda: checkout.take_deposit(app), Permission.TAKE_PAYMENTS),
        Choice("Refund a deposit", lambda: checkout.refund_deposit(app), Permission.REFUND),
        Choice("Reprint a receipt", lambda: checkout.reprint_receipt(app), Permission.TAKE_PAYMENTS),
        Choice("Open my shift", lambda: checkout.open_shift(app), Permission.TAKE_PAYMENTS),
        Choice("My shift so far", lambda: checkout.show_shift(app), Permission.TAKE_PAYMENTS),
        Choice("Close my shift (count the drawer)", lambda: checkout.close_shift(app), Permission.TAKE_PAYMENTS),
    ])


def new_bill(app: App) -> None:
    patient = pick_patient(app)
    assert patient.patient_id is not None
    draft = billing.start_bill(app.ctx, patient.patient_id)
    _say_deposit_held(app, patient.patient_id, patient.code)
    _offer_appointment(app, draft)
    _offer_treatments(app, draft)
    BillEditor(app, draft, f"Billing > New bill for {patient.code}").run()


def _offer_appointment(app: App, draft: Billing) -> None:
    visits = billing.billable_appointments(app.ctx, draft.patient_id)
    if not visits:
        return
    app.show_table(["Code", "Date", "Doctor", "Specialization", "Status"],
                   [[v.appointment.code, v.appointment.appt_date, v.doctor_name, v.specialization,
                     v.appointment.status.label] for v in visits])
    shown = {v.appointment.appt_id for v in visits}

    def charge(text: str) -> int:
        appt_id = parse_code("appointment", text)
        if appt_id not in shown:
            code = format_code("appointment", appt_id)
            raise InvalidAnswer(f"{code} is not one of this patient's appointments above")
        billing.charge_appointment(app.ctx, draft, appt_id)
        return appt_id
    ask_optional(app.console, "Appointment for the consultation fee", charge)


def _offer_treatments(app: App, draft: Billing) -> None:
    """The treatments of the patient's visits that wait for a bill, put on this one when the cashier says so."""
    waiting = visits.treatments_to_bill(app.ctx, draft.patient_id)
    if not waiting:
        return
    app.console.say("Treatments of this patient's visits, not billed yet:")
    app.show_table(["Code", "Visit", "Service", "Qty", "Price today", "Note"],
                   [[t.treatment.code, format_code("appointment", t.treatment.appt_id),
                     f"{t.service.code} {t.service.name}", t.treatment.quantity, t.service.cost, t.treatment.note]
                    for t in waiting],
                   money_columns={4}, right_columns={3})
    these = "this treatment" if len(waiting) == 1 else f"these {len(waiting)} treatments"
    if confirm(app.console, f"Put {these} on the bill?", default=True):
        billing.add_waiting_treatments(app.ctx, draft)


class BillEditor:
    """The bill being built, shown after every change."""

    def __init__(self, app: App, draft: Billing, where: str):
        self.app, self.draft, self.where = app, draft, where
        self.done = False

    def run(self) -> None:
        menu = Menu(self.app, self.where, [
            Choice("Add a service", self.shown_after(self.add_service)),
            Choice("Change a quantity", self.shown_after(self.change_quantity)),
            Choice("Remove a line", self.shown_after(self.remove_line)),
            Choice("Discount", self.shown_after(self.discount)),
            Choice("Finalize the bill", self.finalize),
        ], back_label="Cancel this bill (nothing is saved)")
        show_draft(self.app, self.draft)
        while True:
            menu.run(until=lambda: self.done)
            if self.done:
                return
            if not self.draft.lines or confirm(self.app.console, "Drop this bill without saving?", default=False):
                self.app.console.say("Bill cancelled; nothing was saved.")
                return

    def shown_after(self, action):
        def run():
            action()
            show_draft(self.app, self.draft)
        return run

    def add_service(self) -> None:
        service = pick_service(self.app)
        assert service.service_id is not None
        quantity = ask_or_keep(self.app.console, "Quantity", validate_quantity, 1)
        billing.add_service(self.app.ctx, self.draft, service.service_id, quantity)

    def _pick_line(self) -> int:
        if not self.draft.lines:
            raise EmptyBill("the bill has no services yet")
        service_id = ask_code(self.app.console, "service", "Service code on the bill (0 to go back)")
        self.draft.line(service_id)  # refuses a service that is not on this bill
        return service_id

    def change_quantity(self) -> None:
        service_id = self._pick_line()
        self.draft.set_quantity(service_id, ask(self.app.console, "New quantity", validate_quantity))

    def remove_line(self) -> None:
        self.draft.remove_service(self._pick_line())

    def discount(self) -> None:
        def apply(text: str) -> str:
            if text.endswith("%"):
                self.draft.apply_discount(percent=text[:-1])
            else:
                self.draft.apply_discount(amount=text)
            return text
        ask(self.app.console, "Discount (an amount such as 100, or a percent such as 10%; 0 for none)", apply)

    def finalize(self) -> None:
        app = self.app
        self.draft.check_ready()
        if not confirm(app.console, f"Finalize this bill for {format_money(self.draft.total, app.settings.currency)}?"
                                    " It cannot be edited afterwards", default=True):
            return
        try:
            bill = billing.finalize_bill(app.ctx, self.draft)
        except (PricesChanged, ServiceWithdrawn):
            show_draft(app, self.draft)  # prices may have been refreshed: show the bill as it now stands
            raise
        self.done = True
        app.console.say(f"Finalized bill {bill.code}: total {format_money(bill.total_amount, app.settings.currency)}.")
        # Pay, then print: the first print of the invoice shows what has been paid by then.
        bill = checkout.settle(app, bill)
        if app.may(Permission.PRINT_INVOICES) and confirm(app.console, "Print the invoice now (text and PDF)?",
                                                          default=True):
            _print(app, bill.bill_id)


def _print(app: App, bill_id: int) -> None:
    for path in documents.print_invoice(app.ctx, bill_id, text=True, pdf=True):
        app.console.say(f"Wrote {path}")


def view_bill(app: App) -> None:
    bill_id = pick_bill(app).bill_id
    details = billing.bill_details(app.ctx, bill_id)
    show_bill_items(app, details.items)
    show_bill_figures(app, details.bill)
    receipts = checkout_ops.receipts_of_bill(app.ctx, bill_id)
    if receipts:
        app.show_table(["Receipt", "When", "Kind", "Method", "Amount"],
                       [[r.code, f"{r.issued_at:%Y-%m-%d %H:%M}", r.kind.value, r.method_label, r.amount]
                        for r in receipts], money_columns={4})
    old = [p for p in details.payments if p.receipt_no is None]
    if old:
        app.show_table(["Paid on", "Method", "Amount"], [[p.paid_on, p.method.value, p.amount] for p in old],
                       money_columns={2})
    for note in checkout_ops.credit_notes_of_bill(app.ctx, bill_id) if details.bill.credited else []:
        app.console.say(f"Credit note {note.code} of {note.issued_on}: {format_money(note.amount)} ({note.reason})")
    if details.bill.void_reason:
        app.console.say(f"Void: {details.bill.void_reason}")


def reprint(app: App) -> None:
    _print(app, pick_bill(app).bill_id)


def void_bill(app: App) -> None:
    bill = pick_bill(app)
    bill.check_void()
    reason = ask(app.console, "Reason for voiding", validate_void_reason)
    if not confirm(app.console, f"Void bill {bill.code}? Its number stays used", default=False):
        raise Back
    billing.void_bill(app.ctx, bill.bill_id, reason)
    app.console.say(f"Bill {bill.code} is void.")


def _say_deposit_held(app: App, patient_id: int, code: str) -> None:
    held = checkout_ops.deposit_held(app.ctx, patient_id)
    if held:
        app.console.say(f"Patient {code} holds a deposit of {format_money(held, app.settings.currency)}.")


def unpaid_for_patient(app: App) -> None:
    patient = pick_patient(app)
    assert patient.patient_id is not None
    bills = billing.unpaid_bills(app.ctx, patient.patient_id)
    _say_deposit_held(app, patient.patient_id, patient.code)
    if not bills:
        app.console.say(f"Patient {patient.code} has no unpaid bills.")
        return
    app.show_table(["Bill", "Date", "Total", "Paid", "Balance", "Status"],
                   [[b.code, b.billing_date, b.payable, b.amount_paid, b.balance, b.state.label] for b in bills],
                   money_columns={2, 3, 4})
