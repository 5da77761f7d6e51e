"""The main menu: every section of the front desk hangs off this loop.

Each section's module is loaded when the section is first opened, so the first menu appears
without loading what the clerk may not use (reports, documents and their libraries)."""
from __future__ import annotations

from collections.abc import Callable

from ..domain.staff import Permission as P
from .app import App
from .menu import Choice, Menu
from .prompts import SignOut


def main_menu(app: App) -> Menu:
    """The sections the signed-in user may use; then their account, sign-out and exit."""
    sections: list[tuple[str, Callable[[App], Menu], tuple[P, ...]]] = [
        ("Patients", patients, (P.VIEW_RECORDS,)), ("Doctors", doctors, (P.VIEW_RECORDS,)),
        ("Services", services, (P.VIEW_RECORDS,)),
        ("Appointments", appointments, (P.VIEW_APPOINTMENTS, P.BOOK_APPOINTMENTS)),
        ("Billing", billing, (P.VIEW_BILLS, P.BILL, P.TAKE_PAYMENTS)),
        ("Reports", reports, (P.VIEW_REPORTS, P.CASH_UP, P.VIEW_CLINICAL)),
        ("Import/Export", import_export, (P.EXPORT, P.EDIT_PATIENTS, P.EDIT_DOCTORS, P.EDIT_PRICE_LIST)),
        ("Staff accounts", staff, (P.MANAGE_STAFF,)), ("Audit trail", audit, (P.VIEW_AUDIT,)),
    ]
    choices = [Choice(label, _opener(app, section), needs) for label, section, needs in sections]
    if app.ctx.actor.user_id is not None:  # a person signed in (not the application's own runs)
        choices += [Choice("Change my password", lambda: change_password(app)),
                    Choice("Sign out / switch user", sign_out)]
    return Menu(app, "Main menu", [*choices, Choice("Exit", None)], back_label=None)


def change_password(app: App) -> None:
    from ..operations import staff as accounts
    from .session import ask_new_password
    current = app.console.ask_secret("Current password: ")
    accounts.change_own_password(app.ctx, current, ask_new_password(app.console))
    app.console.say("Your password is changed.")


def sign_out() -> None:
    raise SignOut


def _opener(app: App, section: Callable[[App], Menu]) -> Callable[[], None]:
    return lambda: section(app).run()


def patients(app: App) -> Menu:
    from .patients_menu import patients_menu
    return patients_menu(app)


def doctors(app: App) -> Menu:
    from .doctors_menu import doctors_menu
    return doctors_menu(app)


def services(app: App) -> Menu:
    from .services_menu import services_menu
    return services_menu(app)


def appointments(app: App) -> Menu:
    from .appointments_menu import appointments_menu
    return appointments_menu(app)


def billing(app: App) -> Menu:
    from .billing_menu import billing_menu
    return billing_menu(app)


def reports(app: App) -> Menu:
    from .reports_menu import reports_menu
    return reports_menu(app)


def staff(app: App) -> Menu:
    from .staff_menu import staff_menu
    return staff_menu(app)


def audit(app: App) -> Menu:
    from .audit_menu import audit_menu
    return audit_menu(app)


def import_export(app: App) -> Menu:
    from .import_export_menu import import_export_menu
    return import_export_menu(app)
