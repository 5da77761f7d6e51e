"""Every report as JSON or CSV, and the exports as CSV. A CSV is written by the same code as at
the terminal (formulas neutralised, money as plain 1234.50) and audited as an export, then sent."""
from __future__ import annotations

import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Query, Response

from ...domain.errors import InvalidRequest, NotFound
from ...domain.period import Period
from ...domain.report import Report
from ...operations import analytics, documents, reports
from ...operations.context import Context
from ...storage.exports import EXPORTS
from ...storage.paging import Offset
from ..deps import signed_in
from ..schemas import ReportOut, ReportTable
from .common import code

router = APIRouter(tags=["reports"])
REPORT_PAGE_MAX = 1000
CSV = "text/csv; charset=utf-8"
AS_CSV: dict[int | str, dict[str, Any]] = {200: {"content": {"application/json": {}, "text/csv": {}},
                "description": "the report (JSON, or CSV with format=csv)"}}


@router.get("/reports", response_model=list[dict[str, str]])
def report_names(ctx: Context = Depends(signed_in)):
    return [{"name": name, "title": reports.spec_of(name).title} for name in reports.REPORT_NAMES]


@router.get("/reports/{name}", response_model=ReportOut, responses=AS_CSV)
def report(name: str, ctx: Context = Depends(signed_in),
           first: date | None = Query(None, alias="from"), last: date | None = Query(None, alias="to"),
           day: date | None = Query(None, alias="date", description="the day of a one-day report (cash-up)"),
           format: str = Query("json", pattern="^(json|csv)$"),
           limit: int | None = Query(None, ge=1, le=REPORT_PAGE_MAX, description="a page of this many rows (the"
                                     " reports with a row per day, month, service or bill); without it, all of them"),
           offset: int = Query(0, ge=0, le=10_000_000, description="with limit: skip this many rows first"),
           after: str | None = Query(None, max_length=24, description="with limit: the last row of the page before"
                                     " (keyset paging, as quick at any depth) - unpaid: its bill (B042);"
                                     " doctor-monthly: its month and doctor (2025-03/D07)")):
    """Without dates a report covers its usual period (most: this month up to today). With `limit`,
    one page; `has_more` says whether another follows."""
    if name not in reports.REPORT_NAMES:
        raise NotFound("report", name)
    if day is not None:
        first = last = day
    period = reports.report_period(ctx, name, first, last)
    if limit is not None:
        return _report_page(ctx, name, period, limit, offset, after)
    if after is not None:
        raise InvalidRequest("after= pages a report: give limit= with it")
    found = reports.run_report(ctx, name, period)
    if format == "csv":
        with tempfile.TemporaryDirectory(prefix="hms-api-") as folder:
            path = reports.save_report(ctx, found, Path(folder) / f"{name}.csv")
            return Response(path.read_bytes(), media_type=CSV, headers=_attachment(path.name))
    return ReportOut(name=name, first=period.first, last=period.last, **_table(found),
                     sections=[ReportTable(**_table(section)) for section in found.sections])


def _report_page(ctx: Context, name: str, period: Period, limit: int, offset: int, after: str | None) -> ReportOut:
    if not reports.spec_of(name).pageable:
        raise InvalidRequest(f"the {name} report comes whole: leave out limit=")
    if after is not None and offset:
        raise InvalidRequest("give after= or offset=, not both")
    place = Offset(offset) if after is None else reports.after_row(ctx, name, after, period)
    page = reports.report_page(ctx, name, period, place, size=limit)
    found = page.items[0] if page.items else reports.report_heading(ctx, name, period)
    return ReportOut(name=name, first=period.first, last=period.last, **_table(found), sections=[],
                     has_more=page.has_next)


@router.get("/exports/{what}", response_class=Response,
            responses={200: {"content": {"text/csv": {}}, "description": "one row per bill or appointment"}})
def export(what: str, ctx: Context = Depends(signed_in), first: date | None = Query(None, alias="from"),
           last: date | None = Query(None, alias="to")):
    """`billing` or `appointments` of a period (default: this month up to today) as CSV."""
    if what not in EXPORTS:
        raise NotFound("export", what)
    today = ctx.today()
    period = Period(first or today.replace(day=1), last or today)
    with tempfile.TemporaryDirectory(prefix="hms-api-") as folder:
        path = Path(folder) / f"{what}.csv"
        documents.export(ctx, what, period, path)
        name = f"{what}_{period.first}_{period.last}.csv"
        return Response(path.read_bytes(), media_type=CSV, headers=_attachment(name))


ANALYTICS = {"doctor-workload": analytics.doctor_workload, "monthly-visits": analytics.monthly_visits}


@router.get("/analytics/{name}", response_model=ReportOut, tags=["analytics"])
def analysis(name: str, ctx: Context = Depends(signed_in), first: date | None = Query(None, alias="from"),
             last: date | None = Query(None, alias="to"), doctor: str | None = Query(None, max_length=12)):
    """`doctor-workload` (each doctor's appointments by status), `monthly-visits` (completed visits
    by month) - a doctor sees their own only - and `department-load` (each department's load,
    for managers). Default period: this month up to today."""
    today = ctx.today()
    period = Period(first or today.replace(day=1), last or today)
    if name == "department-load":
        found = analytics.department_load(ctx, period)
    elif name in ANALYTICS:
        found = ANALYTICS[name](ctx, period, None if doctor is None else code("doctor", doctor))
    else:
        raise NotFound("analysis", name)
    return ReportOut(name=name, first=period.first, last=period.last, **_table(found), sections=[])


def _table(report: Report) -> dict:
    return {"title": report.title, "columns": report.columns, "rows": [[_cell(value) for value in row]
                                                                         for row in report.rows]}


def _cell(value) -> str | int | None:
    if value is None or isinstance(value, int | str):
        return value
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}
