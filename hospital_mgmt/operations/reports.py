"""Reports: every one an SQL aggregate over a period, shown whole, a page at a time, or saved as CSV."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from ..documents.csv_files import write_report_csv
from ..documents.files import check_target, free_path
from ..domain.codes import parse_code
from ..domain.errors import InvalidField, InvalidRequest
from ..domain.page import After
from ..domain.period import Period, one_day
from ..domain.report import Report
from ..domain.staff import Permission
from ..storage.paging import PAGE_SIZE, Page, PageAt, make_page, page_window
from ..storage.reports import REPORTS, ReportSpec, doctor_month_count, kpi
from .context import Context
from .documents import period_in_name

REPORT_NAMES = list(REPORTS)


def spec_of(name: str) -> ReportSpec:
    return REPORTS[name]


def report_period(ctx: Context, name: str, first: date | None = None, last: date | None = None) -> Period:
    """The period a report covers: the days given, the report's default for the rest (most:
    this month up to today; unpaid: every open bill). A one-day report (cash-up) covers the
    last day given, or the first, or today."""
    spec = REPORTS[name]
    if spec.one_day:
        return one_day(last or first or ctx.today())
    default = spec.default_period(last or ctx.today())
    return Period(first or default.first, last or default.last)


def permission_for(name: str) -> Permission:
    """The cash-up is the cashier's too; the high-risk patients (named, with their readings) are
    for those who read clinical records; every other report is the manager's (and the scheduler's)."""
    return {"cash-up": Permission.CASH_UP, "high-risk": Permission.VIEW_CLINICAL}.get(name, Permission.VIEW_REPORTS)


def run_report(ctx: Context, name: str, period: Period, *, follow_ups_shown: int | None = None) -> Report:
    """The whole report. The kpi report lists every patient who needs follow-up, or the first
    `follow_ups_shown`; which ones is written to the log by code."""
    ctx.require(permission_for(name))
    if name != "kpi":
        report = REPORTS[name].build(ctx.db, period)
        report.name = name
        return report
    report = kpi(ctx.db, period, limit=follow_ups_shown)
    report.name = name
    follow_ups = report.sections[-1].rows
    codes = " ".join(row[0] for row in follow_ups)
    if follow_ups_shown is None:
        ctx.log(f"kpi: {len(follow_ups)} patients need follow-up: {codes}")
    else:
        ctx.log(f"kpi: follow-up shown for {len(follow_ups)} patients: {codes}")
    return report


def report_page(ctx: Context, name: str, period: Period, number: PageAt, size: int = PAGE_SIZE) -> Page[Report]:
    """One page of a report with a row per day, service or bill: at hospital scale some have more
    rows than a screen holds, or memory. The page holds that report, cut to its rows. A report
    with a row per record (`row_key`) is also asked as the page after a row's key (After)."""
    ctx.require(permission_for(name))
    spec = REPORTS[name]
    limit, offset = page_window(number, size)
    if isinstance(number, After):
        _refuse_unless_keyed(name)
        report = spec.build(ctx.db, period, limit=limit, after=number.key)
    else:
        report = spec.build(ctx.db, period, limit=limit, offset=offset)
    report.name = name
    page = make_page(report.rows, number, size)
    report.rows = page.items
    return Page([report] if report.rows else [], page.number, page.size, page.has_next)


def report_heading(ctx: Context, name: str, period: Period) -> Report:
    """The report's title and columns, without its rows (for a page past the last)."""
    ctx.require(permission_for(name))
    report = REPORTS[name].build(ctx.db, period, limit=0)
    report.name = name
    return report


def after_row(ctx: Context, name: str, text: str, period: Period) -> After:
    """The place after a row of a report with a row per record, for the page that follows it: in
    the unpaid report a bill's code (`B042`); in doctor-monthly a month and a doctor (`2025-03/D07`),
    whose count over `period` is its place."""
    ctx.require(permission_for(name))
    _refuse_unless_keyed(name)
    if name == "doctor-monthly":
        month, doctor_id = _parse_doctor_month(text)
        return After((month, doctor_month_count(ctx.db, period, month, doctor_id), doctor_id))
    bill = ctx.repos.bills.get(parse_code("bill", text))
    return After((bill.billing_date, bill.bill_id))


def _parse_doctor_month(text: str) -> tuple[str, int]:
    month, _, doctor = str(text).strip().partition("/")
    try:
        date.fromisoformat(f"{month}-01")
    except ValueError:
        raise InvalidField("after", f"{text!r} is not a month and a doctor, as 2025-03/D07") from None
    return month, parse_code("doctor", doctor)


def _refuse_unless_keyed(name: str) -> None:
    if REPORTS[name].row_key is None:
        raise InvalidRequest(f"the {name} report is paged by offset, not after a row")


def default_report_path(ctx: Context, name: str, period: Period) -> Path:
    """The reports folder, a name that carries the report and its period, never an earlier copy's."""
    return free_path(ctx.settings.reports_dir / f"{name.replace('-', '_')}_{period_in_name(period)}.csv")


def save_report(ctx: Context, report: Report, path: Path, *, replace: bool = False) -> Path:
    """The report as CSV (its further sections beneath, each under its title). Not over one of the
    application's own files, and over an existing file only when `replace` says so (FileExists)."""
    ctx.require(permission_for(report.name))
    check_target(path, ctx.settings.own_files(), replace)
    written = write_report_csv(report, path)
    ctx.record(f"report {report.title!r} saved as CSV", "export.report")
    return written
