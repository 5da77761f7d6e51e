"""Reports > and Import/Export >: every report, export, import and the PDF report from the menu."""
from datetime import timedelta
from pathlib import Path

from ..domain.validation import parse_date
from ..log_setup import log
from ..reports import REPORTS, Period, all_time, kpi, run_report, write_csv
from ..storage.paging import PAGE_SIZE, Page, make_page, page_window
from .app import App
from .menu import Choice, Menu
from .prompts import ask_value, confirm
from .tables import render_report

SCREEN_ROWS = 20


def reports_menu(app: App) -> Menu:
    return Menu(app, "Reports", [Choice(spec.title, _runner(app, name)) for name, spec in REPORTS.items()])


def _runner(app: App, name: str):
    return lambda: show_report(app, name)


def ask_period(app: App, default: Period) -> Period:
    first = ask_value(app.console, "From (YYYY-MM-DD)", lambda t: parse_date(t, "from"), keep=default.first)
    last = ask_value(app.console, "To (YYYY-MM-DD)", lambda t: parse_date(t, "to"), keep=default.last)
    return Period(first, last)


def show_report(app: App, name: str) -> None:
    spec = REPORTS[name]
    default = spec.default_period(app.today())
    if name == "cash-up":
        day = ask_value(app.console, "Day (YYYY-MM-DD)", lambda t: parse_date(t, "day"), keep=default.last)
        period = Period(day, day)
    else:
        period = ask_period(app, default)
    if spec.pageable:
        _page_report(app, spec, period)
    elif name == "kpi":
        report = kpi(app.db, period, limit=SCREEN_ROWS)
        app.console.say(render_report(report, app.settings.currency))
        follow_up = report.sections[-1]
        if len(follow_up.rows) == SCREEN_ROWS:
            app.console.say(f"(the first {SCREEN_ROWS} patients who need follow-up; save as CSV for all)")
        log.info("kpi: patients who need follow-up include %s", " ".join(r[0] for r in follow_up.rows))
    else:
        app.console.say(render_report(run_report(app.db, name, period.first, period.last, app.today()),
                                      app.settings.currency))
    default_path = app.settings.reports_dir / f"{name.replace('-', '_')}_{app.today():%Y%m%d}.csv"
    if confirm(app.console, "Save it as CSV?", default=False):
        path = ask_value(app.console, "File", Path, keep=default_path)
        everything = run_report(app.db, name, period.first, period.last, app.today())
        app.console.say(f"Wrote {write_csv(everything, path)}")


def _page_report(app: App, spec, period: Period) -> None:
    """A report a screen at a time: at hospital scale some have more rows than a screen, or memory."""
    def fetch(number: int) -> Page:
        limit, offset = page_window(number, PAGE_SIZE)
        report = spec.build(app.db, period, limit=limit, offset=offset)
        page = make_page(report.rows, number, PAGE_SIZE)
        report.rows = page.items
        page.items = [report] if report.rows else []
        return page

    app.page_through(fetch, lambda reports: app.console.say(render_report(reports[0], app.settings.currency)),
                     f"{spec.title}: nothing in that period.")


def import_export_menu(app: App) -> Menu:
    return Menu(app, "Import/Export", [
        Choice("Export billing summary (CSV)", lambda: export(app, "billing")),
        Choice("Export appointment summary (CSV)", lambda: export(app, "appointments")),
        Choice("Import patients from CSV", lambda: import_file(app, "patients")),
        Choice("Import doctors from CSV", lambda: import_file(app, "doctors")),
        Choice("Import services from CSV", lambda: import_file(app, "services")),
        Choice("PDF summary report with charts", lambda: pdf_report(app)),
        Choice("Daily report (visits and cash-up)", lambda: daily_report(app)),
    ])


def export(app: App, what: str) -> None:
    from ..exports import default_export_path, export_appointments, export_billing
    period = ask_period(app, all_time(app.today()))
    path = ask_value(app.console, "File", Path, keep=default_export_path(app.settings.reports_dir, what, app.today()))
    count = (export_billing if what == "billing" else export_appointments)(app.db, period, path)
    log.info("export %s: %d rows", what, count)
    app.console.say(f"Wrote {count} rows to {path}")


def import_file(app: App, what: str) -> None:
    from ..exports import IMPORTS, import_csv
    kind = IMPORTS[what]
    app.console.hint(f"Columns: {', '.join(kind.required)}" + (f" (optional: {', '.join(kind.optional)})"
                                                                if kind.optional else "") + ", in any order.")
    path = ask_value(app.console, "CSV file (Enter to go back)", Path)
    result = import_csv(app.db, what, path, progress=False)
    for warning in result.warnings:
        app.console.say(f"Warning: {warning}")
    if result.rejected:
        app.show_table(["Line", "Reason"], [[line, reason] for line, _, reason in result.rejected])
        app.console.say(f"Rejected rows written to {result.rejects_path}")
    app.console.say(result.summary)


def pdf_report(app: App) -> None:
    from ..report_pdf import write_report_pdf
    from ..reports import this_month
    period = ask_period(app, this_month(app.today()))
    path = app.settings.reports_dir / f"hospital_report_{app.today():%Y%m%d}.pdf"
    write_report_pdf(app.db, period, path, app.settings.hospital_name, app.settings.currency, app.today())
    log.info("pdf report for %s written", period)
    app.console.say(f"Wrote {path}")


def daily_report(app: App) -> None:
    from ..daily import write_daily_report
    day = ask_value(app.console, "Day", lambda t: parse_date(t, "day"), keep=app.today() - timedelta(days=1))
    for path in write_daily_report(app.db, day, app.settings.reports_dir):
        app.console.say(f"Wrote {path}")
    log.info("daily report for %s written", day)
