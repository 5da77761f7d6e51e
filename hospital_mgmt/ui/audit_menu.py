"""Audit trail > (managers, administrators): who did what, when, at which terminal."""
from __future__ import annotations

from ..domain.audit import AuditFilter, AuditRow
from ..domain.period import Period, all_time
from ..operations import audit_trail
from .app import App
from .menu import Choice, Menu
from .prompts import ask_file_to_write, ask_optional, confirm
from .reports_menu import ask_period

CHANGES_SHOWN = 80  # characters of the changes column on the screen; the CSV has them whole


def audit_menu(app: App) -> Menu:
    return Menu(app, "Audit trail", [
        Choice("Browse (by user, record, operation, period)", lambda: browse(app)),
        Choice("Export to CSV", lambda: export(app)),
    ])


def ask_filter(app: App) -> AuditFilter:
    console = app.console
    login = ask_optional(console, "User's login name", lambda text: text.strip().lower())
    record = ask_optional(console, "Record code (1001, B001, D02...)", lambda text: text.strip().upper())
    operation = ask_optional(console, "Operation (patient.update, or patient. for every patient operation)",
                             lambda text: text.strip().lower())
    period: Period | None = None
    if confirm(console, "Only a period?", default=False):
        period = ask_period(app, all_time(app.today()))
    return AuditFilter(login, record, operation, period)


def show_rows(app: App, rows: list[AuditRow]) -> None:
    app.show_table(["When", "User", "Terminal", "Operation", "Record", "What", "Changes"],
                   [[f"{r.happened_at:%Y-%m-%d %H:%M:%S}", r.login, f"{r.host} {r.process}", r.operation, r.record,
                     r.summary, _cut(r.changes_text())] for r in rows])


def _cut(text: str) -> str:
    return text if len(text) <= CHANGES_SHOWN else text[:CHANGES_SHOWN - 3] + "..."


def browse(app: App) -> None:
    where = ask_filter(app)
    app.page_through(lambda number: audit_trail.audit_page(app.ctx, where, number), lambda rows: show_rows(app, rows),
                     "Nothing in the audit trail matches.")


def export(app: App) -> None:
    where = ask_filter(app)
    default = audit_trail.default_audit_path(app.ctx, where)
    path, count = ask_file_to_write(
        app.console, "File", default,
        lambda path, replace: (path, audit_trail.export_audit(app.ctx, where, path, replace=replace)))
    app.console.say(f"Wrote {count} rows to {path}")
