"""Every report and export starts from its period: the first table each of its queries reads is
the one the date range filters (a daily summary, bills, appointments, stays, payments...), never
the doctor list, the price list or the patients, whatever the engine's statistics say. The engines' own plans
(EXPLAIN) are read on a synthetic hospital of two years, for half a month, on both engines."""
import re
from datetime import date

import pytest
from pypdf import PdfReader

from hospital_mgmt.domain.period import Period
from hospital_mgmt.operations import documents
from hospital_mgmt.storage import analytics, exports, reports
from hospital_mgmt.storage.scale_loader import load_scale, scale_tables
from tests.integration.report_data import follow_ups_from_the_records
from tests.support import context_for

HALF_A_MONTH = Period(date(2025, 6, 1), date(2025, 6, 15))
TWO_YEARS = Period(date(2025, 1, 1), date(2026, 12, 31))  # every bill: where a planner likes the short lists
# The tables a period filters; a plan that begins anywhere else walks a whole list first.
PERIOD_TABLES = {"billing", "appointments", "admissions", "payments", "deposits", "deposit_uses", "refunds",
                 "shifts", "patients_registered", "summary_day", "summary_doctor_day", "summary_service_day",
                 "summary_bill_day", "summary_method_day", "summary_doctor_month", "summary_doctor_year",
                 "summary_service_month", "summary_patient_month", "summary_patient_year", "lab_orders"}
NOT_FIRST = {"doctors", "services", "bill_items", "users"}


@pytest.fixture
def hospital(db):
    load_scale(db, scale_tables(400))
    if db.engine == "mysql":
        db.table("ANALYZE TABLE billing, bill_items, services, appointments, doctors, patients")
    return db


def recorded_selects(db, run) -> list[tuple[str, tuple]]:
    seen = []
    table = db.table

    def record(sql, params=()):
        seen.append((sql, params))
        return table(sql, params)
    db.table = record
    try:
        run()
    finally:
        db.table = table
    return [(sql, params) for sql, params in seen if sql.lstrip().upper().startswith("SELECT")]


def first_table(db, sql: str, params: tuple) -> str:
    """The first base table the engine's plan reads (derived tables and sub-plans looked through)."""
    aliases = dict(re.findall(r"\b(?:FROM|JOIN)\s+([a-z_]+)\s+(?:AS\s+)?([a-z]{1,3})\b", sql))
    names = {alias: name for name, alias in aliases.items()}
    if db.engine == "sqlite":
        for row in db.table("EXPLAIN QUERY PLAN " + sql, params)[1]:
            found = re.match(r"(?:SCAN|SEARCH) (\w+)", row[3])
            if found:
                return names.get(found.group(1), found.group(1))
        raise AssertionError(sql)
    columns, rows = db.table("EXPLAIN " + sql, params)
    plan = [(row[columns.index("id")], row[columns.index("table")]) for row in rows]
    select_id, name = plan[0]
    while name.startswith("<derived"):  # read first: the derived table, built by its own select
        select_id = int(re.match(r"<derived(\d+)", name).group(1))
        name = next(table for number, table in plan if number == select_id)
    return names.get(name, name)


def first_step(db, sql: str, params: tuple) -> str | tuple:
    """The first step of the engine's plan: SQLite's text; MariaDB's (table, key, access type)."""
    if db.engine == "sqlite":
        return db.table("EXPLAIN QUERY PLAN " + sql, params)[1][0][3]
    columns, rows = db.table("EXPLAIN " + sql, params)
    first = dict(zip(columns, rows[0], strict=True))
    return first["table"], first["key"], first["type"]


def every_report(db, period):
    for spec in reports.REPORTS.values():
        spec.build(db, period)
    analytics.doctor_workload(db, period)
    analytics.department_load(db, period)
    analytics.monthly_visits(db, period)
    for _, build in exports.EXPORTS.values():
        db.table(build(db), (period.first, period.last))


@pytest.mark.parametrize("period", [HALF_A_MONTH, TWO_YEARS], ids=["half a month", "two years"])
def test_every_report_and_export_plan_starts_from_the_table_its_period_filters(hospital, period):
    selects = recorded_selects(hospital, lambda: every_report(hospital, period))
    assert len(selects) >= 20
    firsts = {sql[:70]: first_table(hospital, sql, params) for sql, params in selects}
    assert not {query: table for query, table in firsts.items() if table in NOT_FIRST}, firsts
    assert set(firsts.values()) <= PERIOD_TABLES | {"patients"}, firsts
    # patients first only for the registrations of the inflow report, filtered by registered_on
    assert all("registered_on" in query or table != "patients" for query, table in firsts.items()), firsts


def test_revenue_by_service_reads_the_periods_days_of_the_service_summary_by_its_key(hospital):
    [(sql, params)] = recorded_selects(hospital, lambda: reports.revenue_by_service(hospital, HALF_A_MONTH))
    first = first_step(hospital, sql, params)
    if hospital.engine == "sqlite":
        assert first.startswith("SEARCH summary_service_day USING INDEX sqlite_autoindex_summary_service_day_1"
                                " (day>? AND day<?)")
    else:
        assert first == ("summary_service_day", "PRIMARY", "range")


def test_the_unpaid_report_pages_after_a_bill_by_the_open_bills_index(hospital):
    whole = reports.unpaid(hospital, TWO_YEARS).rows
    assert len(whole) > 60 and len({row[3] for row in whole}) < len(whole)  # days with several open bills
    key = reports.REPORTS["unpaid"].row_key
    pages, after = [], None
    while True:
        rows = reports.unpaid(hospital, TWO_YEARS, limit=7, after=after).rows
        if not rows:
            break
        pages.append(rows)
        after = key(rows[-1])
    assert [row for page in pages for row in page] == whole
    split_days = [page[-1][3] for page, following in zip(pages[:-1], pages[1:], strict=True)
                  if page[-1][3] == following[0][3]]
    assert split_days, "a day whose bills fall on two pages"

    [(sql, params)] = recorded_selects(hospital, lambda: reports.unpaid(hospital, TWO_YEARS, limit=7,
                                                                         after=key(whole[-10])))
    first = first_step(hospital, sql, params)
    if hospital.engine == "sqlite":
        assert first.startswith("SEARCH b USING INDEX ix_billing_open (status=? AND billing_date>? AND")
    else:
        assert first == ("b", "ix_billing_open", "range")


def pages_after_keys(build, key, size):
    pages, after = [], None
    while True:
        rows = build(limit=size, after=after).rows
        if not rows:
            return pages
        pages.append(rows)
        after = key(rows[-1])


def doctor_monthly_from_the_appointments(db, period) -> list[list]:
    """The report written by hand over the appointments: booked, waiting or completed, per month
    and doctor, each month's doctors by that count and then code."""
    _, rows = db.table(
        f"SELECT {db.month_of('a.appt_date')} AS month, a.doctor_id, COUNT(*) AS n FROM appointments a"
        " WHERE a.appt_date >= ? AND a.appt_date <= ? AND a.status IN ('scheduled', 'arrived', 'in_consultation',"
        " 'completed') GROUP BY month, a.doctor_id ORDER BY month, n DESC, a.doctor_id", (period.first, period.last))
    return [[month, f"D{doctor:02d}", count] for month, doctor, count in rows]


@pytest.mark.parametrize("period", [TWO_YEARS, Period(date(2025, 1, 10), date(2026, 11, 20))],
                         ids=["whole months", "loose days at both ends"])
def test_doctor_monthly_pages_after_a_row_into_the_whole_report_written_by_hand(hospital, period):
    whole = reports.doctor_monthly(hospital, period).rows
    assert [[row[0], row[1], row[3]] for row in whole] == doctor_monthly_from_the_appointments(hospital, period)
    assert len(whole) > 100 and len({row[0] for row in whole}) < len(whole)  # months with several doctors
    ties = [(a, b) for a, b in zip(whole[:-1], whole[1:], strict=True) if a[0] == b[0] and a[3] == b[3]]
    assert ties, "doctors of one month with as many appointments: ordered by their code"
    key = reports.REPORTS["doctor-monthly"].row_key
    pages = pages_after_keys(lambda **page: reports.doctor_monthly(hospital, period, **page), key, 9)
    assert [row for page in pages for row in page] == whole
    by_number = [reports.doctor_monthly(hospital, period, limit=9, offset=at).rows for at in range(0, len(whole), 9)]
    assert by_number == pages
    for row in (whole[0], whole[len(whole) // 2], whole[-1]):
        month, doctor = row[0], int(row[1][1:])
        assert reports.doctor_month_count(hospital, period, month, doctor) == row[3]


def test_doctor_monthly_reads_a_page_of_whole_months_off_the_monthly_index(hospital):
    """After a row, the rest of its count, its month's smaller counts and the months after: each a
    range of ix_summary_doctor_month_held, from the key's month on."""
    whole = reports.doctor_monthly(hospital, TWO_YEARS).rows
    first_of_a_month = next(row for row in whole if row[0] == "2025-06")
    key = reports.REPORTS["doctor-monthly"].row_key(first_of_a_month)
    selects = recorded_selects(hospital, lambda: reports.doctor_monthly(hospital, TWO_YEARS, limit=60, after=key))
    assert len(selects) == 3
    month = date.fromisoformat(f"{key[0]}-01")
    assert [params[0] for _, params in selects[:2]] == [month, month] and selects[2][1][0] > month
    for sql, params in selects:
        first = first_step(hospital, sql, params)
        if hospital.engine == "sqlite":
            assert re.match(r"SEARCH s USING (COVERING )?INDEX ix_summary_doctor_month_held \(month_start",
                            first), first
        else:
            assert first[:2] == ("s", "ix_summary_doctor_month_held") and first[2] in ("ref", "range"), first


# Periods of every shape: a whole year, one month, whole months, loose days, days across a year's end.
SHAPES = [Period(date(2025, 1, 1), date(2025, 12, 31)), Period(date(2026, 3, 1), date(2026, 3, 31)),
          Period(date(2025, 2, 1), date(2025, 5, 31)), HALF_A_MONTH, Period(date(2025, 12, 10), date(2026, 2, 5)),
          Period(date(2024, 12, 20), date(2026, 11, 3))]


def top_doctors_from_the_records(db, period, limit=10) -> list[tuple]:
    _, rows = db.table(
        "SELECT a.doctor_id, COUNT(*) AS visits, COALESCE(SUM((SELECT SUM(b.total_amount) FROM billing b"
        "  WHERE b.appt_id = a.appt_id AND b.status <> 'void')), 0) AS revenue"
        " FROM appointments a WHERE a.status = 'completed' AND a.appt_date >= ? AND a.appt_date <= ?"
        " GROUP BY a.doctor_id ORDER BY visits DESC, revenue DESC, a.doctor_id LIMIT ?",
        (period.first, period.last, limit))
    return [(f"D{doctor:02d}", int(visits), db.to_money(revenue)) for doctor, visits, revenue in rows]


def revenue_by_service_from_the_records(db, period) -> list[tuple]:
    _, rows = db.table(
        "SELECT i.service_id, SUM(i.quantity), SUM(i.line_total) AS revenue FROM billing b"
        " JOIN bill_items i ON i.bill_id = b.bill_id WHERE b.status <> 'void'"
        " AND b.billing_date >= ? AND b.billing_date <= ? GROUP BY i.service_id ORDER BY revenue DESC, i.service_id",
        (period.first, period.last))
    return [(f"S{service:02d}", int(quantity), db.to_money(revenue)) for service, quantity, revenue in rows]


@pytest.mark.parametrize("period", SHAPES, ids=str)
def test_top_doctors_and_revenue_by_service_over_years_months_and_days_match_the_records(hospital, period):
    top = [(row[0], row[3], row[5]) for row in reports.top_doctors(hospital, period).rows]
    assert top == top_doctors_from_the_records(hospital, period) and len(top) == 10
    services = [(row[0], row[2], row[3]) for row in reports.revenue_by_service(hospital, period).rows]
    assert services == revenue_by_service_from_the_records(hospital, period) and services


def test_the_top_doctors_of_a_whole_year_are_the_first_rows_of_the_yearly_index(hospital):
    """No grouping and no sorting: the year's ten first entries of ix_summary_doctor_year_top."""
    year = Period(date(2025, 1, 1), date(2025, 12, 31))
    [(sql, params), _] = recorded_selects(hospital, lambda: reports.top_doctors(hospital, year))
    if hospital.engine == "sqlite":
        plan = [row[3] for row in hospital.table("EXPLAIN QUERY PLAN " + sql, params)[1]]
        assert re.match(r"SEARCH s USING (COVERING )?INDEX ix_summary_doctor_year_top \(year_start=\? AND", plan[0])
        assert not [step for step in plan if "TEMP B-TREE" in step], plan
    else:
        columns, rows = hospital.table("EXPLAIN " + sql, params)
        first = dict(zip(columns, rows[0], strict=True))
        assert (first["table"], first["key"]) == ("s", "ix_summary_doctor_year_top")
        assert "filesort" not in (first["Extra"] or "") and "temporary" not in (first["Extra"] or "")


@pytest.mark.parametrize("period", SHAPES, ids=str)
def test_the_key_figures_patients_and_follow_ups_over_years_months_and_days_match_the_records(hospital, period):
    seen, follow_ups = follow_ups_from_the_records(hospital, period)
    for limit in (None, 7):
        report = reports.kpi(hospital, period, limit=limit)
        figures = dict(map(tuple, report.rows))
        assert figures["Patients seen"] == seen > 0
        listed = report.sections[-1]
        assert [(row[0], row[2], row[3]) for row in listed.rows] == follow_ups[:limit] and follow_ups
        assert listed.whole_count == len(follow_ups)


def test_the_follow_ups_of_a_whole_year_are_the_first_rows_of_the_yearly_patients_index(hospital):
    """The year's most returning patients without grouping or sorting the year's visits."""
    year = Period(date(2025, 1, 1), date(2025, 12, 31))
    [(sql, params)] = [(sql, params) for sql, params in recorded_selects(
        hospital, lambda: reports.follow_up_patients(hospital, year, limit=10)) if "summary_patient_year" in sql]
    inner = re.search(r"FROM \((SELECT patient_id, visits_completed.*? LIMIT \?)\) f", sql).group(1)
    values = params[2:]
    if hospital.engine == "sqlite":
        plan = [row[3] for row in hospital.table("EXPLAIN QUERY PLAN " + inner, values)[1]]
        assert re.match(r"SEARCH summary_patient_year USING (COVERING )?INDEX ix_summary_patient_year_visits"
                        r" \(year_start=\? AND", plan[0]), plan
        assert not [step for step in plan if "TEMP B-TREE" in step], plan
    else:
        columns, rows = hospital.table("EXPLAIN " + inner, values)
        first = dict(zip(columns, rows[0], strict=True))
        assert first["key"] == "ix_summary_patient_year_visits", first
        assert "filesort" not in (first["Extra"] or "") and "temporary" not in (first["Extra"] or "")


@pytest.mark.parametrize("period", SHAPES, ids=str)
def test_the_busiest_doctors_months_are_doctor_monthlys_rows_of_its_five_busiest_doctors(hospital, period):
    """What the PDF's chart draws: the whole doctor-monthly report cut to the five doctors with the
    most appointments over the period (ties by doctor), in the same order."""
    whole = reports.doctor_monthly(hospital, period).rows
    totals: dict[str, int] = {}
    for _, code, _, count in whole:
        totals[code] = totals.get(code, 0) + count
    busiest = sorted(totals, key=lambda code: (-totals[code], int(code[1:])))[:5]
    expected = [row for row in whole if row[1] in busiest]
    assert reports.busiest_doctors_by_month(hospital, period).rows == expected and len(busiest) == 5


def test_the_pdf_report_prints_the_first_follow_ups_and_says_how_many_more_there_are(hospital, settings_for):
    ctx = context_for(hospital, settings_for(hospital), day=date(2027, 1, 5))
    _, follow_ups = follow_ups_from_the_records(hospital, TWO_YEARS)
    text = "\n".join(page.extract_text() for page in PdfReader(documents.write_summary(ctx, TWO_YEARS)).pages)
    assert f"... and {len(follow_ups) - 25} more (see the kpi report)." in text and len(follow_ups) > 25
    first, after = follow_ups[24], follow_ups[25]
    row = "\n{}\n[^\n]+\n{}\n{}\n"  # the cells of a table row as the PDF's text gives them
    assert re.search(row.format(*first), text) and not re.search(row.format(*after), text)
