"""The main menu: every section of the front desk hangs off this loop."""
from __future__ import annotations

from .app import App
from .appointments_menu import appointments_menu
from .billing_menu import billing_menu
from .doctors_menu import doctors_menu
from .import_export_menu import import_export_menu
from .menu import Choice, Menu
from .patients_menu import patients_menu
from .reports_menu import reports_menu
from .services_menu import services_menu


def main_menu(app: App) -> Menu:
    sections = [("Patients", patients_menu), ("Doctors", doctors_menu), ("Services", services_menu),
                ("Appointments", appointments_menu), ("Billing", billing_menu), ("Reports", reports_menu),
                ("Import/Export", import_export_menu)]
    choices = [Choice(label, _opener(app, section)) for label, section in sections]
    return Menu(app, "Main menu", [*choices, Choice("Exit", None)], back_label=None)


def _opener(app: App, section):
    return lambda: section(app).run()
