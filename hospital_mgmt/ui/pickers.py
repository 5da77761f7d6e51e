"""Finding the record a clerk means: by its code, or by a search and then its code."""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ..domain.billing import FinalBill
from ..domain.codes import PREFIXES, parse_code
from ..domain.doctor import Doctor
from ..domain.errors import NotFound
from ..domain.patient import Patient
from ..domain.service import Service
from ..operations import appointments, billing, doctors, patients, price_list
from ..operations.appointments import AppointmentView
from .app import App
from .prompts import Back, ask, ask_choice, ask_code, code_parser
from .views import show_appointments, show_bill_summary, show_doctors, show_patients, show_services

R = TypeVar("R")


def code_or_text(kind: str) -> Callable[[str], int | str]:
    """A record code (D07, d7, 7) as its id, or else the text typed, to search by."""
    def parse(text: str) -> int | str:
        if text == "0":
            raise Back
        prefix = PREFIXES[kind][0] if kind in PREFIXES else ""
        digits = text.upper().removeprefix(prefix)
        return parse_code(kind, text) if digits.isascii() and digits.isdigit() else text
    return parse


def pick_patient(app: App, label: str = "Patient (code or part of the name, 0 to go back)") -> Patient:
    return _pick(app, "patient", label, lambda pid: patients.get_patient(app.ctx, pid),
                 lambda text: patients.search_by_name(app.ctx, text, size=10).items, show_patients)


def pick_doctor(app: App, label: str = "Doctor (code, name or specialization, 0 to go back)",
                answer: int | str | None = None) -> Doctor:
    return _pick(app, "doctor", label, lambda did: doctors.get_doctor(app.ctx, did),
                 lambda text: doctors.search_doctors(app.ctx, text, size=15).items, show_doctors, answer)


def choose_doctor(app: App) -> Doctor:
    """By code or name, or `?` to go by specialization and then a list."""
    answer = ask(app.console, "Doctor (code or name; ? to choose by specialization; 0 to go back)",
                 code_or_text("doctor"))
    if answer != "?":
        return pick_doctor(app, answer=answer)
    offered = doctors.specializations(app.ctx)
    number = ask_choice(app.console, "Specialization", [f"{name} ({count})" for name, count in offered])
    show_doctors(app, doctors.doctors_in(app.ctx, offered[number - 1][0]))
    return pick_doctor(app, label="Doctor code (0 to go back)")


def pick_service(app: App, label: str = "Service (code or part of the name, 0 to go back)") -> Service:
    return _pick(app, "service", label, lambda sid: price_list.get_service(app.ctx, sid),
                 lambda text: price_list.search_services(app.ctx, text, size=15).items, show_services)


def pick_appointment(app: App) -> AppointmentView:
    """An appointment by its code, shown with its patient and doctor."""
    view = appointments.get_appointment(app.ctx, ask_code(app.console, "appointment"))
    show_appointments(app, [view])
    return view


def pick_bill(app: App) -> FinalBill:
    """A bill by its code, shown with its totals and what is left to pay."""
    bill = billing.get_bill(app.ctx, ask_code(app.console, "bill"))
    show_bill_summary(app, bill)
    return bill


def _pick(app: App, kind: str, label: str, get: Callable[[int], R], search: Callable[[str], list],
          show: Callable[[App, list], None], answer: int | str | None = None) -> R:
    """Ask until the clerk names a record that exists: by code, or by a search and then a code.

    `answer` is a first answer already typed (a code or a search text)."""
    while True:
        if answer is None:
            answer = ask(app.console, label, code_or_text(kind))
        try:
            if isinstance(answer, int):
                return get(answer)
            matches = search(answer)
            if not matches:
                app.console.say(f"No {kind}s match {answer!r}; try again.")
                answer = None
                continue
            show(app, matches)
            return get(ask(app.console, f"{kind.capitalize()} code (0 to go back)", code_parser(kind)))
        except NotFound as error:
            app.console.error(str(error))
        answer = None

