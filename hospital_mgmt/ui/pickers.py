"""Finding the record a clerk means: by its code, or by a search that is confirmed (one match) or
picked by number (several)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import TypeVar

from ..domain.billing import FinalBill
from ..domain.codes import PREFIXES, parse_code
from ..domain.doctor import Doctor
from ..domain.errors import NotFound
from ..domain.page import Page
from ..domain.patient import Patient
from ..domain.period import Period
from ..domain.service import Service
from ..operations import appointments, billing, departments, doctors, patients, price_list
from ..operations.appointments import AppointmentView
from .app import App
from .prompts import Back, ask, ask_choice, confirm, is_number_from
from .views import show_appointments, show_bill_list, show_bill_summary, show_doctors, show_patients, show_services

R = TypeVar("R")
FIRST_PATIENT = 1001  # patient codes begin here (patients.AUTO_INCREMENT)
PICK_PAGE = 15  # rows of a list to pick from, a screen at a time


def code_or_text(kind: str) -> Callable[[str], int | str]:
    """A record code (D07, d7, 7) as its id, or else the text typed, to search by."""
    def parse(text: str) -> int | str:
        if text == "0":
            raise Back
        prefix = PREFIXES[kind][0] if kind in PREFIXES else ""
        digits = text.upper().removeprefix(prefix)
        return parse_code(kind, text) if digits.isascii() and digits.isdigit() else text
    return parse


def pick_patient(app: App, label: str = "Patient (code or part of the name, 0 to go back)",
                 answer: int | str | None = None) -> Patient:
    return _pick(app, "patient", label, lambda pid: patients.get_patient(app.ctx, pid),
                 lambda text, page: patients.search_by_name(app.ctx, text, page, PICK_PAGE), show_patients, answer,
                 describe=lambda p: f"patient {p.code}: {p.name} ({p.gender}, {p.age_text(app.today())},"
                                    f" {p.contact_no})")


def pick_doctor(app: App, label: str = "Doctor (code, name or specialization, 0 to go back)",
                answer: int | str | None = None) -> Doctor:
    return _pick(app, "doctor", label, lambda did: doctors.get_doctor(app.ctx, did),
                 lambda text, page: doctors.search_doctors(app.ctx, text, page, PICK_PAGE), show_doctors, answer,
                 describe=lambda d: f"doctor {d.code}: {d.display_name} ({d.specialization})")


def choose_doctor(app: App) -> Doctor:
    """By code or name, or `?` to go by department and then a numbered list of its doctors."""
    answer = ask(app.console, "Doctor (code or name; ? to choose by department; 0 to go back)",
                 code_or_text("doctor"))
    if answer != "?":
        return pick_doctor(app, answer=answer)
    offered = [(department, count) for department, count in departments.list_departments(app.ctx) if count]
    number = ask_choice(app.console, "Department", [
        f"{d.name}{', ' + d.location if d.location else ''} ({count})" for d, count in offered])
    chosen = offered[number - 1][0].department_id
    assert chosen is not None
    return _numbered_pages(app, "doctor",
                           lambda page: departments.doctors_of_department(app.ctx, chosen, page, PICK_PAGE),
                           show_doctors, lambda did: doctors.get_doctor(app.ctx, did))


def pick_service(app: App, label: str = "Service (code or part of the name, 0 to go back)") -> Service:
    return _pick(app, "service", label, lambda sid: price_list.get_service(app.ctx, sid),
                 lambda text, page: price_list.search_services(app.ctx, text, page, PICK_PAGE), show_services,
                 describe=lambda s: f"service {s.code}: {s.name} ({s.cost})")


def pick_appointment(app: App) -> AppointmentView:
    """An appointment by its code, or by the patient's name or code and then a pick from their
    appointments of the last week and after; shown with its patient and doctor."""
    answer = ask(app.console, "Appointment (A-code, or the patient's name or code; 0 to go back)",
                 _appointment_or_patient)
    if isinstance(answer, int) and not isinstance(answer, PatientAnswer):
        view = appointments.get_appointment(app.ctx, answer)
    else:
        patient = pick_patient(app, answer=answer if isinstance(answer, str) else int(answer))
        assert patient.patient_id is not None
        since = app.today() - timedelta(days=7)
        listed = appointments.find_appointments(app.ctx, Period(since, date.max), patient_id=patient.patient_id,
                                                size=15).items
        if not listed:
            app.console.say(f"Patient {patient.code} has no appointments from {since} on.")
            raise Back
        view = _numbered(app, "appointment", listed, show_appointments,
                         lambda aid: appointments.get_appointment(app.ctx, aid))
    show_appointments(app, [view])
    return view


def pick_bill(app: App) -> FinalBill:
    """A bill by its code, or by the patient's name or code and then a pick from their latest
    bills; shown with its totals and what is left to pay."""
    answer = ask(app.console, "Bill (B-code, or the patient's name or code; 0 to go back)", _bill_or_patient)
    if isinstance(answer, int) and not isinstance(answer, PatientAnswer):
        bill = billing.get_bill(app.ctx, answer)
    else:
        patient = pick_patient(app, answer=answer if isinstance(answer, str) else int(answer))
        assert patient.patient_id is not None
        listed = billing.bills_of_patient(app.ctx, patient.patient_id)
        if not listed:
            app.console.say(f"Patient {patient.code} has no bills.")
            raise Back
        bill = _numbered(app, "bill", listed, show_bill_list, lambda bid: billing.get_bill(app.ctx, bid))
    show_bill_summary(app, bill)
    return bill


def _appointment_or_patient(text: str) -> int | str | PatientAnswer:
    return _record_or_patient("appointment", text)


def _bill_or_patient(text: str) -> int | str | PatientAnswer:
    return _record_or_patient("bill", text)


class PatientAnswer(int):
    """A patient's code typed where another record was asked: the patient, to pick from."""


def _record_or_patient(kind: str, text: str) -> int | str | PatientAnswer:
    """`A12` (or `12`) is that record; a patient's code (1001) or name, the patient to pick from.
    Record numbers and patient codes never overlap below 1001, where patient codes begin."""
    if text == "0":
        raise Back
    digits = text.upper().removeprefix(PREFIXES[kind][0])
    if digits != text.upper() and digits.isascii() and digits.isdigit():  # A12: that record (Asha: a name)
        return parse_code(kind, text)
    if text.isascii() and text.isdigit():
        number = parse_code("patient", text)  # refuses a number no code can have
        return PatientAnswer(number) if number >= FIRST_PATIENT else parse_code(kind, text)
    return text


def _pick(app: App, kind: str, label: str, get: Callable[[int], R], search: Callable[[str, int], Page],
          show: Callable[..., None], answer: int | str | None = None,
          describe: Callable[[R], str] = str) -> R:
    """Ask until the clerk names a record that exists: by code, or by a search, where one match is
    used once the clerk says it is the one, and several are numbered to pick from a page at a time.

    `answer` is a first answer already typed (a code or a search text)."""
    while True:
        if answer is None:
            answer = ask(app.console, label, code_or_text(kind))
        try:
            if isinstance(answer, int):
                found = get(answer)
                text = describe(found)
                app.console.say(text[0].upper() + text[1:] + ".")  # the name, before anything is done to it
                return found
            first = search(answer, 1)
            if not first.items:
                app.console.say(f"No {kind}s match {answer!r}; try again.")
            elif len(first.items) == 1 and not first.has_next:
                if confirm(app.console, f"Use {describe(first.items[0])}?", default=True):
                    return first.items[0]
            else:
                return _numbered_pages(app, kind, partial(_page_of, search, answer, first), show, get)
        except NotFound as error:
            app.console.error(str(error))
        answer = None


def _page_of(search: Callable[[str, int], Page], text: str, first: Page, number: int) -> Page:
    """A page of the search's matches; the first, already read to count them, is not asked again."""
    return first if number == 1 else search(text, number)


def _numbered_pages(app: App, kind: str, fetch: Callable[[int], Page], show: Callable[..., None],
                    get: Callable[[int], R]) -> R:
    """A long list a page at a time, numbered on: n and p turn the page, a number or a code picks."""
    number = 1
    while True:
        page = fetch(number)
        if not page.items:
            raise NotFound(kind, "", f"no {kind}s to choose from")
        show(app, page.items, numbered_rows=True, first_number=page.offset + 1)
        moves = (["n next"] if page.has_next else []) + (["p previous"] if page.has_previous else [])
        label = f"Number ({page.offset + 1}-{page.offset + len(page.items)}) or {kind} code" + \
            (f"; {', '.join(moves)}" if moves else "") + " (0 to go back)"
        answer = ask(app.console, label, partial(_page_move_or_pick, page=page, moves=moves, kind=kind, get=get))
        if isinstance(answer, str):
            number += 1 if answer == "n" else -1
        else:
            return answer


def _page_move_or_pick(text: str, page: Page, moves: list[str], kind: str, get: Callable[[int], R]) -> R | str:
    if text == "0":
        raise Back
    if text.lower() in {move[0] for move in moves}:
        return text.lower()
    if is_number_from(text, page.offset + 1, page.offset + len(page.items)):
        return page.items[int(text) - page.offset - 1]
    return get(parse_code(kind, text))


def _numbered(app: App, kind: str, listed: list[R], show: Callable[..., None], get: Callable[[int], R]) -> R:
    """Records already read, all on one numbered page, to pick by number (or a record code)."""
    return _numbered_pages(app, kind, lambda number: Page(listed, 1, len(listed), False), show, get)
