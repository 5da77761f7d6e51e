"""The laboratory from the menu: Services > Lab test types (each with its reference range), and a
visit's lab tests - ordered, and their results recorded and flagged."""
from __future__ import annotations

from ..domain.codes import format_code, parse_code
from ..domain.lab import LabResult, LabTest, parse_lab_value
from ..domain.staff import Permission
from ..domain.validation import parse_date
from ..operations import labs
from .app import App
from .history import show_lab_results
from .prompts import ask, ask_optional, ask_or_keep

CHANGE = "c"


def lab_test_types(app: App) -> None:
    """The list of test types; one added or changed by those who keep the price list."""
    c = app.console
    while True:
        _show_tests(app, labs.lab_tests(app.ctx))
        if not app.may(Permission.EDIT_PRICE_LIST):
            return
        answer = ask_or_keep(c, "Add a test type (a), or change one (its LT-code)", lambda t: t.strip().lower(), None,
                             "Enter when done")
        if answer is None:
            return
        if answer == "a":
            added = labs.add_lab_test(app.ctx, _ask_test(app, None))
            c.say(f"Lab test {added.code} added.")
        else:
            current = labs.get_lab_test(app.ctx, parse_code("lab_test", answer))
            changed = labs.update_lab_test(app.ctx, _ask_test(app, current))
            c.say(f"Lab test {changed.code} updated; results recorded before keep their flags.")


def _show_tests(app: App, tests: list[LabTest]) -> None:
    if not tests:
        app.console.say("No lab test types yet.")
        return
    app.show_table(["Code", "Test", "Unit", "Normal range"], [[t.code, t.name, t.unit, t.range_text] for t in tests])


def _ask_test(app: App, current: LabTest | None) -> LabTest:
    c = app.console

    def limit(label: str, kept):
        def parse(text: str):
            return None if text == "-" else parse_lab_value(text, label.lower())
        return ask_or_keep(c, f"{label} (- for none)", parse, kept, "" if kept is None else str(kept))
    if current is None:
        name = ask(c, "Test name", lambda t: t)
        unit = ask_optional(c, "Unit (as mg/dL)", lambda t: t) or ""
        low, high = limit("Lowest normal value", None), limit("Highest normal value", None)
        c.say("Where women's normal values differ, give theirs; Enter leaves one range for everyone.")
        return LabTest(name, unit, low, high, None, limit("Women's lowest", None), limit("Women's highest", None))
    name = ask_or_keep(c, "Test name", lambda t: t, current.name)
    unit = ask_or_keep(c, "Unit", lambda t: t, current.unit)
    low, high = limit("Lowest normal value", current.low), limit("Highest normal value", current.high)
    return LabTest(name, unit, low, high, current.test_id, limit("Women's lowest", current.women_low),
                   limit("Women's highest", current.women_high))


def visit_lab_tests(app: App, appt_id: int) -> None:
    """The visit's tests; one ordered by its LT-code, a result given by the order's LB-code."""
    c = app.console
    while True:
        orders = labs.lab_orders_of_visit(app.ctx, appt_id)
        if orders:
            show_lab_results(app, orders)
        else:
            c.say("No lab tests ordered at this visit.")
        answer = ask_or_keep(c, "Order a test (its LT-code; ? lists them), or a result (the order's LB-code)",
                             lambda t: t.strip().upper(), None, "Enter when done")
        if answer is None:
            return
        if answer == "?":
            _show_tests(app, labs.lab_tests(app.ctx))
        elif answer.startswith("LB"):
            _record_result(app, orders, parse_code("lab_order", answer))
        else:
            order = labs.order_lab_test(app.ctx, appt_id, parse_code("lab_test", answer))
            c.say(f"Lab order {order.code} made.")


def _record_result(app: App, orders: list[LabResult], order_id: int) -> None:
    c = app.console
    found = next((r for r in orders if r.order.order_id == order_id), None)
    if found is None:
        c.error(f"{format_code('lab_order', order_id)} is not one of this visit's orders")
        return
    value = ask(c, f"Result of {found.test.name} ({found.test.unit or 'no unit'})", parse_lab_value)
    day = ask_or_keep(c, "Reported on (YYYY-MM-DD)", lambda t: parse_date(t, "result date"), app.today())
    order = labs.record_lab_result(app.ctx, order_id, value, day)
    c.say(f"Lab order {order.code}: {order.result} {found.test.unit}, {order.flag}.")
