"""The counter: payments with their receipts (cash tendered and change; the reference of a card,
UPI or insurance payment), deposits, credit notes with refunds, and the cashier's shift."""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ..domain.billing import FinalBill, PaymentMethod
from ..domain.codes import parse_code
from ..domain.errors import RefundNeedsApproval
from ..domain.money import ZERO, format_money, parse_money
from ..domain.receipt import Receipt, validate_reason, validate_reference, validate_tendered
from ..domain.request_key import new_request_key
from ..domain.shift import validate_counted, validate_float
from ..domain.staff import Actor, Permission, validate_login
from ..operations import billing, checkout, documents, shifts, staff
from .app import App
from .pickers import pick_bill, pick_patient
from .prompts import Back, InvalidAnswer, ask, ask_or_keep, confirm
from .views import show_bill_items

METHODS = list(PaymentMethod)


def settle(app: App, bill: FinalBill) -> FinalBill:
    """After a bill is finalized: the deposit the patient holds (if the cashier puts it towards the
    bill), then payments until nothing is owed or the cashier stops. Returns the bill as it stands."""
    if app.may(Permission.TAKE_PAYMENTS):
        bill = _offer_deposit(app, bill)
        while bill.balance > ZERO and confirm(app.console, f"Take a payment of {money(app, bill.balance)} now?",
                                              default=True):
            try:
                bill = take_payment(app, bill)
            except Back:
                continue  # that payment was abandoned: ask again, and the invoice is still offered
    return bill


def _offer_deposit(app: App, bill: FinalBill) -> FinalBill:
    held = checkout.deposit_held(app.ctx, bill.patient_id)
    if held <= ZERO or bill.balance <= ZERO:
        return bill
    app.console.say(f"Patient {bill.patient_id} holds a deposit of {money(app, held)}.")
    if not confirm(app.console, "Put the deposit towards this bill?", default=True):
        return bill

    def allowed(text: str) -> Decimal:
        amount = parse_money(text, "amount")
        if amount > held:
            raise InvalidAnswer(f"the deposit holds {held}")
        bill.check_payment(amount)
        return amount
    amount = ask_or_keep(app.console, "Amount from the deposit", allowed, min(held, bill.balance))
    receipt = checkout.apply_deposit(app.ctx, bill.bill_id, amount, request_key=new_request_key())
    _receipt_taken(app, receipt)
    return billing.get_bill(app.ctx, bill.bill_id)


def record_payment(app: App) -> None:
    bill = pick_bill(app)
    bill.check_open_for_payment()
    take_payment(app, bill)


def take_payment(app: App, bill: FinalBill) -> FinalBill:
    """One payment: the method (Enter is cash), the amount (Enter is the balance), the cash tendered
    or the reference; then its receipt, printed if the cashier wants it."""
    key = new_request_key()  # one payment, however often it is sent
    bill.check_open_for_payment()
    _make_sure_a_shift_is_open(app)
    method = ask_method(app)

    def amount_allowed(text: str) -> Decimal:
        amount = parse_money(text, "amount")
        bill.check_payment(amount)
        return amount
    amount = ask_or_keep(app.console, "Amount", amount_allowed, bill.balance)
    reference, tendered = _reference_or_tendered(app, method, amount)
    paid = billing.record_payment(app.ctx, bill.bill_id, amount, method, reference=reference, tendered=tendered,
                                  request_key=key)
    _receipt_taken(app, paid.receipt)
    return paid.bill


def ask_method(app: App) -> PaymentMethod:
    for number, method in enumerate(METHODS, start=1):
        app.console.say(f"  {number}. {method.label}")

    def parse(text: str) -> PaymentMethod:
        if text.isascii() and text.isdigit() and 1 <= int(text) <= len(METHODS):
            return METHODS[int(text) - 1]
        raise InvalidAnswer(f"choose 1 to {len(METHODS)}")
    return ask_or_keep(app.console, "Method", parse, PaymentMethod.CASH, shown="1 Cash")


def _reference_or_tendered(app: App, method: PaymentMethod, amount: Decimal) -> tuple[str, Decimal | None]:
    if method is PaymentMethod.CASH:
        return "", ask_or_keep(app.console, "Cash tendered", lambda text: validate_tendered(amount, text), amount)
    return ask(app.console, f"{method.label} reference (transaction or claim number)",
               lambda text: validate_reference(method, text)), None


def _receipt_taken(app: App, receipt: Receipt) -> None:
    said = f"Receipt {receipt.code}: {money(app, receipt.amount)} by {receipt.method_label}"
    if receipt.change:
        said += f"; change {money(app, receipt.change)}"
    if receipt.balance_after is not None:
        label = "deposit held" if receipt.bill_id is None else "balance"
        said += f"; {label} {money(app, receipt.balance_after)}"
    app.console.say(said + ".")
    if confirm(app.console, "Print the receipt (text and PDF)?", default=True):
        for path in documents.print_receipt(app.ctx, receipt.receipt_no, text=True, pdf=True):
            app.console.say(f"Wrote {path}")


def _make_sure_a_shift_is_open(app: App) -> None:
    """A signed-in cashier takes money into their open shift: offer to open one."""
    if app.ctx.actor.user_id is None or shifts.current_shift(app.ctx) is not None:
        return
    if not confirm(app.console, f"{app.ctx.actor.login} has no open shift. Open one now?", default=True):
        raise Back
    open_shift(app)


def take_deposit(app: App) -> None:
    patient = pick_patient(app)
    assert patient.patient_id is not None
    held = checkout.deposit_held(app.ctx, patient.patient_id)
    app.console.say(f"Patient {patient.code} holds " + (f"a deposit of {money(app, held)}." if held else "no deposit."))
    key = new_request_key()
    amount = ask(app.console, "Deposit", lambda text: parse_money(text, "deposit"))
    _make_sure_a_shift_is_open(app)
    method = ask_method(app)
    reference, tendered = _reference_or_tendered(app, method, amount)
    receipt = checkout.take_deposit(app.ctx, patient.patient_id, amount, method, reference=reference,
                                    tendered=tendered, request_key=key)
    _receipt_taken(app, receipt)


def refund_deposit(app: App) -> None:
    patient = pick_patient(app)
    assert patient.patient_id is not None
    held = checkout.deposit_held(app.ctx, patient.patient_id)
    if held <= ZERO:
        app.console.say(f"Patient {patient.code} holds no deposit.")
        return
    key = new_request_key()
    amount = ask_or_keep(app.console, "Refund", lambda text: _at_most(parse_money(text, "refund"), held), held)
    reason = ask(app.console, "Reason", validate_reason)
    method = ask_method(app)
    reference = "" if method is PaymentMethod.CASH else ask(app.console, f"{method.label} reference",
                                                             lambda text: validate_reference(method, text))
    _make_sure_a_shift_is_open(app)
    patient_id = patient.patient_id
    receipt = _approved(app, lambda approver: checkout.refund_deposit(
        app.ctx, patient_id, amount, method, reason, reference=reference, approver=approver, request_key=key))
    _receipt_taken(app, receipt)


def credit_note(app: App) -> None:
    """Correct a bill that took payments: the whole bill or some of its lines, with the reason;
    what was paid beyond what it then comes to is refunded."""
    details = billing.bill_details(app.ctx, pick_bill(app).bill_id)
    show_bill_items(app, details.items)
    whole = confirm(app.console, "Credit the whole bill?", default=False)
    lines = {} if whole else _ask_lines(app, {item.service_id for item in details.items})
    if not whole and not lines:
        raise Back
    reason = ask(app.console, "Reason", validate_reason)
    method, reference = PaymentMethod.CASH, ""
    if details.bill.amount_paid > ZERO:
        app.console.say("If money goes back, by which method?")
        method = ask_method(app)
        if method is not PaymentMethod.CASH:
            reference = ask(app.console, f"{method.label} reference", lambda text: validate_reference(method, text))
        else:
            _make_sure_a_shift_is_open(app)
    key = new_request_key()
    credited = _approved(app, lambda approver: checkout.issue_credit_note(
        app.ctx, details.bill.bill_id, reason, lines or None, refund_method=method, reference=reference,
        approver=approver, request_key=key))
    note, after = credited.note, credited.bill
    app.console.say(f"Credit note {note.code}: {money(app, note.amount)} credited on {after.code};"
                    f" the bill is now {after.state.label}.")
    if confirm(app.console, "Print the credit note (text and PDF)?", default=True):
        for path in documents.print_credit_note(app.ctx, note.credit_id, text=True, pdf=True):
            app.console.say(f"Wrote {path}")
    if note.refund:
        _receipt_taken(app, note.refund)


def _ask_lines(app: App, on_bill: set[int]) -> dict[int, int]:
    """Lines to credit as `S01 2, S03 1` (a code alone credits one)."""
    def parse(text: str) -> dict[int, int]:
        chosen: dict[int, int] = {}
        for part in text.replace(";", ",").split(","):
            words = part.split()
            if not words:
                continue
            service_id = parse_code("service", words[0])
            if service_id not in on_bill:
                raise InvalidAnswer(f"{words[0]} is not on this bill")
            if len(words) > 2 or (len(words) == 2 and not (words[1].isascii() and words[1].isdigit())):
                raise InvalidAnswer(f"write a line as its code and a quantity, such as S01 2, not {part.strip()!r}")
            chosen[service_id] = chosen.get(service_id, 0) + (int(words[1]) if len(words) == 2 else 1)
        return chosen
    return ask(app.console, "Lines to credit (such as S01 2, S03 1)", parse)


def _approved(app: App, act: Callable[[Actor | None], object]):
    """Do it; when a refund needs a manager's approval, a manager signs in here to give it."""
    try:
        return act(None)
    except RefundNeedsApproval as needed:
        app.console.error(str(needed))
        login = ask(app.console, "Approving manager's login name", validate_login)
        approver = staff.sign_in(app.ctx, login, app.console.ask_secret("Their password: "))
        return act(approver)


def _at_most(amount: Decimal, most: Decimal) -> Decimal:
    if amount > most:
        raise InvalidAnswer(f"at most {most}")
    return amount


def reprint_receipt(app: App) -> None:
    receipt_no = ask(app.console, "Receipt number (R0001, 0 to go back)", _receipt_number)
    for path in documents.print_receipt(app.ctx, receipt_no, text=True, pdf=True):
        app.console.say(f"Wrote {path}")


def _receipt_number(text: str) -> int:
    if text == "0":
        raise Back
    return parse_code("receipt", text)


def open_shift(app: App) -> None:
    amount = ask_or_keep(app.console, "Opening cash float in the drawer", validate_float, ZERO)
    shift = shifts.open_shift(app.ctx, amount)
    app.console.say(f"Shift {shift.code} is open with a float of {money(app, amount)}.")


def show_shift(app: App) -> None:
    state = shifts.current_shift(app.ctx)
    if state is None:
        app.console.say(f"{app.ctx.actor.login} has no open shift.")
        return
    app.console.say(f"Shift {state.shift.code}, open since {state.shift.opened_at:%Y-%m-%d %H:%M},"
                    f" float {money(app, state.shift.opening_float)}.")
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


def money(app: App, amount: Decimal) -> str:
    return format_money(amount, app.settings.currency)
