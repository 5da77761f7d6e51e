"""Import/Export >: the CSV exports, imports, the PDF summary and the daily report."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from ..domain.period import all_time, this_month
from ..domain.staff import Permission
from ..domain.validation import parse_date
from ..operations import documents, imports
from .app import App
from .menu import Choice, Menu
from .prompts import ask, ask_file_to_write, ask_or_keep, file_path
from .reports_menu import ask_period


def import_export_menu(app: App) -> Menu:
    return Menu(app, "Import/Export", [
        Choice("Export billing summary (CSV)", lambda: export(app, "billing"), Permission.EXPORT),
        Choice("Export appointment summary (CSV)", lambda: export(app, "appointments"), Permission.EXPORT),
        Choice("Import patients from CSV", lambda: import_file(app, "patients"), Permission.EDIT_PATIENTS),
        Choice("Import doctors from CSV", lambda: import_file(app, "doctors"), Permission.EDIT_DOCTORS),
        Choice("Import services from CSV", lambda: import_file(app, "services"), Permission.EDIT_PRICE_LIST),
        Choice("PDF summary report with charts", lambda: pdf_report(app), Permission.EXPORT),
        Choice("Daily report (visits and cash-up)", lambda: daily_report(app), Permission.EXPORT),
    ])


def export(app: App, what: str) -> None:
    period = ask_period(app, all_time(app.today()))

    def write(path: Path, replace: bool) -> str:
        return f"Wrote {documents.export(app.ctx, what, period, path, replace=replace)} rows to {path}"
    default = documents.default_export_path(app.ctx, what, period)
    app.console.say(ask_file_to_write(app.console, "File", default, write))


def import_file(app: App, what: str) -> None:
    required, optional = imports.columns_of(what)
    app.console.hint(f"Columns: {', '.join(required)}" + (f" (optional: {', '.join(optional)})" if optional else "")
                     + ", in any order.")
    path = ask(app.console, "CSV file (Enter to go back)", file_path)
    result = imports.import_file(app.ctx, what, path)
    for warning in result.warnings:
        app.console.say(f"Warning: {warning}")
    if result.rejected:
        app.show_table(["Line", "Reason"], [[line, reason] for line, _, reason in result.rejected])
        app.console.say(f"Rejected rows written to {result.rejects_path}")
    app.console.say(result.summary)


def pdf_report(app: App) -> None:
    period = ask_period(app, this_month(app.today()))
    app.console.say(f"Wrote {documents.write_summary(app.ctx, period)}")


def daily_report(app: App) -> None:
    day = ask_or_keep(app.console, "Day", lambda t: parse_date(t, "day"), app.today() - timedelta(days=1))
    for path in documents.write_daily_report(app.ctx, day):
        app.console.say(f"Wrote {path}")
