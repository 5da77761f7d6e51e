"""Billing >: build a bill, finalize, print, pay, reprint, void. Nothing is written until the
clerk finalizes, and a finalized bill is never edited."""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ..domain.billing import Billing, BillStatus, FinalBill, PaymentMethod, validate_quantity, validate_void_reason
from ..domain.codes import format_code, parse_code
from ..domain.errors import EmptyBill, PricesChanged, ServiceWithdrawn
from ..domain.money import ZERO, format_money, parse_money
from ..domain.request_key import new_request_key
from ..domain.shift import validate_counted, validate_float
from ..domain.staff import Permission
from ..operations import billing, documents, shifts
from .app import App
from .menu import Choice, Menu
from .pickers import pick_bill, pick_patient, pick_service
from .prompts import Back, InvalidAnswer, ask, ask_choice, ask_code, ask_optional, ask_or_keep, confirm
from .views import show_bill_figures, show_bill_items, show_draft


def billing_menu(app: App) -> Menu:
    return Menu(app, "Billing", [
        Choice("New bill", lambda: new_bill(app), Permission.BILL),
        Choice("Record a payment", lambda: record_payment(app), Permission.TAKE_PAYMENTS),
        Choice("View a bill", lambda: view_bill(app), Permission.VIEW_BILLS),
        Choice("Print or reprint an invoice", lambda: reprint(app), Permission.PRINT_INVOICES),
        Choice("Void a bill", lambda: void_bill(app), Permission.BILL),
        Choice("A patient's unpaid bills", lambda: unpaid_for_patient(app), Permission.VIEW_BILLS),
        Choice("Open my shift", lambda: open_shift(app), Permission.TAKE_PAYMENTS),
        Choice("My shift so far", lambda: show_shift(app), Permission.TAKE_PAYMENTS),
        Choice("Close my shift (count the drawer)", lambda: close_shift(app), Permission.TAKE_PAYMENTS),
    ])


def new_bill(app: App) -> None:
    patient = pick_patient(app)
    assert patient.patient_id is not None
    draft = billing.start_bill(app.ctx, patient.patient_id)
    _offer_appointment(app, draft)
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
        if app.may(Permission.PRINT_INVOICES) and confirm(app.console, "Print the invoice now (text and PDF)?",
                                                          default=True):
            _print(app, bill.bill_id)
        if app.may(Permission.TAKE_PAYMENTS) and confirm(app.console, "Record a payment now?", default=False):
            _pay(app, bill)


def _print(app: App, bill_id: int) -> None:
    for path in documents.print_invoice(app.ctx, bill_id, text=True, pdf=True):
        app.console.say(f"Wrote {path}")


def record_payment(app: App) -> None:
    _pay(app, pick_bill(app))


def _pay(app: App, bill: FinalBill) -> None:
    key = new_request_key()  # one payment, however often it is sent
    bill.check_open_for_payment()
    _make_sure_a_shift_is_open(app)
    methods = list(PaymentMethod)
    method = methods[ask_choice(app.console, "Method", [m.label for m in methods]) - 1]

    def amount_allowed(text: str):
        amount = parse_money(text, "amount")
        bill.check_payment(amount)
        return amount
    amount = ask_or_keep(app.console, "Amount", amount_allowed, bill.balance)
    after = billing.record_payment(app.ctx, bill.bill_id, amount, method, request_key=key)
    currency = app.settings.currency
    state = "now paid in full" if after.status == BillStatus.PAID else f"balance {format_money(after.balance)}"
    app.console.say(f"Recorded {format_money(amount, currency)} by {method.value} on {after.code}; {state}.")


def _make_sure_a_shift_is_open(app: App) -> None:
    """A signed-in cashier takes payments into their open shift: offer to open one."""
    if app.ctx.actor.user_id is None or shifts.current_shift(app.ctx) is not None:
        return
    if not confirm(app.console, f"{app.ctx.actor.login} has no open shift. Open one now?", default=True):
        raise Back
    open_shift(app)


def open_shift(app: App) -> None:
    amount = ask_or_keep(app.console, "Opening cash float in the drawer", validate_float, ZERO)
    shift = shifts.open_shift(app.ctx, amount)
    app.console.say(f"Shift {shift.code} is open with a float of {format_money(amount, app.settings.currency)}.")


def show_shift(app: App) -> None:
    state = shifts.current_shift(app.ctx)
    if state is None:
        app.console.say(f"{app.ctx.actor.login} has no open shift.")
        return
    app.console.say(f"Shift {state.shift.code}, open since {state.shift.opened_at:%Y-%m-%d %H:%M},"
                    f" float {format_money(state.shift.opening_float, app.settings.currency)}.")
    app.show_table(["Method", "Expected now"], [[m.label, amount] for m, amount in state.expected.items()],
                   money_columns={1})


def close_shift(app: App) -> None:
    """Count the drawer method by method, then see expected, counted and the difference."""
    state = shifts.current_shift(app.ctx)
    if state is None:
        app.console.say(f"{app.ctx.actor.login} has no open shift.")
        return
    app.console.say(f"Closing shift {state.shift.code}. Count the drawer: cash in hand (float included), then"
                    " the card, UPI and insurance slips.")
    counted = {method: ask(app.console, f"Counted {method.label}", _counter(method)) for method in PaymentMethod}
    closed = shifts.close_shift(app.ctx, counted)
    app.show_table(["Method", "Expected", "Counted", "Difference"],
                   [[c.method.label, c.expected, c.counted, c.difference] for c in closed.counts],
                   money_columns={1, 2, 3})
    short = sum(c.difference for c in closed.counts)
    verdict = "the drawer balances" if short == 0 else (f"short by {format_money(-short)}" if short < 0
                                                         else f"over by {format_money(short)}")
    app.console.say(f"Shift {closed.code} is closed: {verdict}.")


def _counter(method: PaymentMethod) -> Callable[[str], Decimal]:
    return lambda text: validate_counted(text, method)


def view_bill(app: App) -> None:
    details = billing.bill_details(app.ctx, pick_bill(app).bill_id)
    show_bill_items(app, details.items)
    show_bill_figures(app, details.bill)
    if details.payments:
        app.show_table(["Paid on", "Method", "Amount"],
                       [[p.paid_on, p.method.value, p.amount] for p in details.payments], money_columns={2})
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


def unpaid_for_patient(app: App) -> None:
    patient = pick_patient(app)
    assert patient.patient_id is not None
    bills = billing.unpaid_bills(app.ctx, patient.patient_id)
    if not bills:
        app.console.say(f"Patient {patient.code} has no unpaid bills.")
        return
    app.show_table(["Bill", "Date", "Total", "Paid", "Balance"],
                   [[b.code, b.billing_date, b.total_amount, b.amount_paid, b.balance] for b in bills],
                   money_columns={2, 3, 4})
