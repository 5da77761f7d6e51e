"""Finding the record a clerk means: by its code, or by a search and then its code."""
from ..domain.codes import PREFIXES, parse_code
from ..domain.doctor import Doctor
from ..domain.patient import Patient
from ..domain.service import Service
from .app import App
from .prompts import Back, ask_value


def _code_or_text(kind: str):
    def parse(text: str):
        if text == "0":
            raise Back
        prefix = PREFIXES[kind][0] if kind in PREFIXES else ""
        digits = text.upper().removeprefix(prefix)
        return parse_code(kind, text) if digits.isdigit() else text
    return parse


def pick_patient(app: App, label: str = "Patient (code or part of the name, 0 to go back)") -> Patient:
    while True:
        answer = ask_value(app.console, label, _code_or_text("patient"))
        if isinstance(answer, int):
            return app.repos.patients.get(answer)
        found = app.repos.patients.search_by_name(answer, size=10)
        if _show_matches(app, found.items, show_patients, "patients"):
            return app.repos.patients.get(ask_value(app.console, "Patient code", _code_only("patient")))


def pick_doctor(app: App, label: str = "Doctor (code, name or specialization, 0 to go back)") -> Doctor:
    while True:
        answer = ask_value(app.console, label, _code_or_text("doctor"))
        if isinstance(answer, int):
            return app.repos.doctors.get(answer)
        found = app.repos.doctors.search(answer, size=15)
        if _show_matches(app, found.items, show_doctors, "doctors"):
            return app.repos.doctors.get(ask_value(app.console, "Doctor code", _code_only("doctor")))


def pick_service(app: App, label: str = "Service (code or part of the name, 0 to go back)") -> Service:
    while True:
        answer = ask_value(app.console, label, _code_or_text("service"))
        if isinstance(answer, int):
            return app.repos.services.get(answer)
        found = app.repos.services.search(answer, size=15)
        if _show_matches(app, found.items, show_services, "services"):
            return app.repos.services.get(ask_value(app.console, "Service code", _code_only("service")))


def _code_only(kind: str):
    def parse(text: str) -> int:
        if text == "0":
            raise Back
        return parse_code(kind, text)
    return parse


def _show_matches(app: App, items: list, show, what: str) -> bool:
    if not items:
        app.console.say(f"No {what} match that; try again.")
        return False
    show(app, items)
    return True


def show_patients(app: App, patients: list[Patient]) -> None:
    app.show_table(["Code", "Name", "Age", "Gender", "Contact", "Admitted", "Discharged"],
                   [[p.code, p.name, p.age, p.gender, p.contact_no, p.admission_date,
                     p.discharge_date or "admitted"] for p in patients], right_columns={2})


def show_doctors(app: App, doctors: list[Doctor]) -> None:
    app.show_table(["Code", "Name", "Specialization", "Contact", "Fee"],
                   [[d.code, d.name, d.specialization, d.contact_no, d.consultation_fee] for d in doctors],
                   money_columns={4})


def show_services(app: App, services: list[Service]) -> None:
    app.show_table(["Code", "Service", "Price"], [[s.code, s.name, s.cost] for s in services], money_columns={2})

