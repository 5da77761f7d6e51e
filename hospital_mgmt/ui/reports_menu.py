"""Reports >: every report over a period, a page at a time where it is long, and saved as CSV."""
from __future__ import annotations

from pathlib import Path

from ..domain.period import Period
from ..domain.validation import parse_date
from ..operations import reports
from .app import App
from .menu import Choice, Menu
from .prompts import ask_file_to_write, ask_or_keep, confirm
from .tables import render_report

FOLLOW_UPS_SHOWN = 20


def reports_menu(app: App) -> Menu:
    return Menu(app, "Reports", [Choice(reports.spec_of(name).title, _runner(app, name), reports.permission_for(name))
                                 for name in reports.REPORT_NAMES])


def _runner(app: App, name: str):
    return lambda: show_report(app, name)


def ask_period(app: App, default: Period) -> Period:
    first = ask_or_keep(app.console, "From (YYYY-MM-DD)", lambda t: parse_date(t, "from"), default.first)
    last = ask_or_keep(app.console, "To (YYYY-MM-DD)", lambda t: parse_date(t, "to"), default.last)
    return Period(first, last)


def show_report(app: App, name: str) -> None:
    spec = reports.spec_of(name)
    default = reports.report_period(app.ctx, name)
    if spec.one_day:
        day = ask_or_keep(app.console, "Day (YYYY-MM-DD)", lambda t: parse_date(t, "day"), default.last)
        period = Period(day, day)
    else:
        period = ask_period(app, default)
    if spec.pageable:
        row_key = spec.row_key
        app.page_through(lambda n: reports.report_page(app.ctx, name, period, n),
                         lambda pages: app.console.say(render_report(pages[0], app.settings.currency)),
                         f"{spec.title}: nothing in that period.",
                         key_of=None if row_key is None else lambda report: row_key(report.rows[-1]))
    else:
        _show_whole(app, name, period)
    if confirm(app.console, "Save it as CSV?", default=False):
        whole = reports.run_report(app.ctx, name, period)

        def write(path: Path, replace: bool) -> str:
            return f"Wrote {reports.save_report(app.ctx, whole, path, replace=replace)}"
        app.console.say(ask_file_to_write(app.console, "File", reports.default_report_path(app.ctx, name, period),
                                          write))


def _show_whole(app: App, name: str, period: Period) -> None:
    shown = FOLLOW_UPS_SHOWN if name == "kpi" else None
    report = reports.run_report(app.ctx, name, period, follow_ups_shown=shown)
    app.console.say(render_report(report, app.settings.currency))
    follow_ups = report.sections[-1] if name == "kpi" else None
    if follow_ups and follow_ups.whole_count and follow_ups.whole_count > len(follow_ups.rows):
        app.console.say(f"(the first {len(follow_ups.rows)} of {follow_ups.whole_count:,} patients who need"
                        " follow-up; save as CSV for all)")
