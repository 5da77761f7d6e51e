"""The main menu: every section of the front desk hangs off this loop.

Each section's module is loaded when the section is first opened, so the first menu appears
without loading what the clerk may not use (reports, documents and their libraries)."""
from __future__ import annotations

from collections.abc import Callable

from .app import App
from .menu import Choice, Menu


def main_menu(app: App) -> Menu:
    sections = [("Patients", patients), ("Doctors", doctors), ("Services", services),
                ("Appointments", appointments), ("Billing", billing), ("Reports", reports),
                ("Import/Export", import_export)]
    choices = [Choice(label, _opener(app, section)) for label, section in sections]
    return Menu(app, "Main menu", [*choices, Choice("Exit", None)], back_label=None)


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


def import_export(app: App) -> Menu:
    from .import_export_menu import import_export_menu
    return import_export_menu(app)
