"""Finding the record a clerk means: by its code, or by a search and then its code."""
from ..domain.codes import PREFIXES, parse_code
from ..domain.doctor import Doctor
from ..domain.errors import NotFound
from ..domain.patient import Patient
from ..domain.service import Service
from .app import App
from .prompts import Back, ask_value


def code_or_text(kind: str):
    def parse(text: str):
        if text == "0":
            raise Back
        prefix = PREFIXES[kind][0] if kind in PREFIXES else ""
        digits = text.upper().removeprefix(prefix)
        return parse_code(kind, text) if digits.isdigit() else text
    return parse


def pick_patient(app: App, label: str = "Patient (code or part of the name, 0 to go back)") -> Patient:
    return _pick(app, "patient", label, app.repos.patients.get,
                 lambda text: app.repos.patients.search_by_name(text, size=10).items, show_patients)


def pick_doctor(app: App, label: str = "Doctor (code, name or specialization, 0 to go back)",
                answer: int | str | None = None) -> Doctor:
    return _pick(app, "doctor", label, app.repos.doctors.get,
                 lambda text: app.repos.doctors.search(text, size=15).items, show_doctors, answer)


def pick_service(app: App, label: str = "Service (code or part of the name, 0 to go back)") -> Service:
    return _pick(app, "service", label, app.repos.services.get,
                 lambda text: app.repos.services.search(text, size=15).items, show_services)


def _pick(app: App, kind: str, label: str, get, search, show, answer=None):
    """Ask until the clerk names a record that exists: by code, or by a search and then a code.

    `answer` is a first answer already typed (a code or a search text)."""
    while True:
        if answer is None:
            answer = ask_value(app.console, label, code_or_text(kind))
        try:
            if isinstance(answer, int):
                return get(answer)
            matches = search(answer)
            if not matches:
                app.console.say(f"No {kind}s match {answer!r}; try again.")
                answer = None
                continue
            show(app, matches)
            return get(ask_value(app.console, f"{kind.capitalize()} code (0 to go back)", _code_only(kind)))
        except NotFound as error:
            app.console.error(str(error))
        answer = None


def _code_only(kind: str):
    def parse(text: str) -> int:
        if text == "0":
            raise Back
        return parse_code(kind, text)
    return parse


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

