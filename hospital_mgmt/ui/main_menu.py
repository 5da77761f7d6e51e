"""The main menu: every section of the front desk hangs off this loop.

Sections are imported when first opened, so the menu appears without loading what the
clerk may not use (reports, invoices and their libraries).
"""
from .app import App
from .menu import Choice, Menu


def main_menu(app: App) -> Menu:
    return Menu(app, "Main menu", [
        Choice("Patients", lambda: _open(app, "patients_menu", "patients_menu")),
        Choice("Doctors", lambda: _open(app, "doctors_menu", "doctors_menu")),
        Choice("Services", lambda: _open(app, "services_menu", "services_menu")),
        Choice("Appointments", lambda: _open(app, "appointments_menu", "appointments_menu")),
        Choice("Billing", lambda: _open(app, "billing_menu", "billing_menu")),
        Choice("Reports", lambda: _open(app, "reports_menu", "reports_menu")),
        Choice("Import/Export", lambda: _open(app, "reports_menu", "import_export_menu")),
        Choice("Exit", None),
    ], back_label=None)


def _open(app: App, module: str, builder: str) -> None:
    from importlib import import_module
    getattr(import_module(f"{__package__}.{module}"), builder)(app).run()
