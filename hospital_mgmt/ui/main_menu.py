"""The main menu: every section of the front desk hangs off this loop."""
from .app import App
from .appointments_menu import appointments_menu
from .billing_menu import billing_menu
from .doctors_menu import doctors_menu
from .menu import Choice, Menu
from .patients_menu import patients_menu
from .reports_menu import import_export_menu, reports_menu
from .services_menu import services_menu


def main_menu(app: App) -> Menu:
    return Menu(app, "Main menu", [
        Choice("Patients", lambda: patients_menu(app).run()),
        Choice("Doctors", lambda: doctors_menu(app).run()),
        Choice("Services", lambda: services_menu(app).run()),
        Choice("Appointments", lambda: appointments_menu(app).run()),
        Choice("Billing", lambda: billing_menu(app).run()),
        Choice("Reports", lambda: reports_menu(app).run()),
        Choice("Import/Export", lambda: import_export_menu(app).run()),
        Choice("Exit", None),
    ], back_label=None)

