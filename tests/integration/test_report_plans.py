"""Every report and export starts from its period: the first table each of its queries reads is
the one the date range filters (a daily summary, bills, appointments, stays, payments...), never
the doctor list, the price list or the patients, whatever the engine's statistics say. The engines' own plans
(EXPLAIN) are read on a synthetic hospital of two years, for half a month, on both engines."""
import re
from datetime import date

import pytest

from hospital_mgmt.domain.period import Period
from hospital_mgmt.storage import analytics, exports, reports
from hospital_mgmt.storage.scale_loader import load_scale, scale_tables

HALF_A_MONTH = Period(date(2025, 6, 1), date(2025, 6, 15))
TWO_YEARS = Period(date(2025, 1, 1), date(2026, 12, 31))  # every bill: where a planner likes the short lists
# The tables a period filters; a plan that begins anywhere else walks a whole list first.
PERIOD_TABLES = {"billing", "appointments", "admissions", "payments", "deposits", "deposit_uses", "refunds",
                 "shifts", "patients_registered", "summary_day", "summary_doctor_day", "summary_service_day",
                 "summary_bill_day", "summary_method_day", "lab_orders"}
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
        assert first.startswith("SEARCH s USING INDEX sqlite_autoindex_summary_service_day_1 (day>? AND day<?)")
    else:
        assert first == ("s", "PRIMARY", "range")


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


def test_doctor_monthly_pages_after_a_row_and_reads_only_the_days_from_its_month(hospital):
    whole = reports.doctor_monthly(hospital, TWO_YEARS).rows
    assert len(whole) > 100 and len({row[0] for row in whole}) < len(whole)  # months with several doctors
    key = reports.REPORTS["doctor-monthly"].row_key
    pages, after = [], None
    while True:
        rows = reports.doctor_monthly(hospital, TWO_YEARS, limit=9, after=after).rows
        if not rows:
            break
        pages.append(rows)
        after = key(rows[-1])
    assert [row for page in pages for row in page] == whole
    ties = [(a, b) for a, b in zip(whole[:-1], whole[1:], strict=True) if a[0] == b[0] and a[3] == b[3]]
    assert ties, "doctors of one month with as many appointments: ordered by their code"
    month, doctor = whole[-30][0], whole[-30][1]
    assert reports.doctor_month_count(hospital, month, int(doctor[1:])) == whole[-30][3]
    [(sql, params)] = recorded_selects(hospital, lambda: reports.doctor_monthly(hospital, TWO_YEARS, limit=9,
                                                                                  after=key(whole[-30])))
    assert params[0] == date.fromisoformat(f"{month}-01")  # the days read begin at the key's month
    first = first_step(hospital, sql, params)
    if hospital.engine == "sqlite":
        assert first.startswith("SEARCH s USING INDEX sqlite_autoindex_summary_doctor_day_1 (day>? AND day<?)")
    else:
        assert first == ("s", "PRIMARY", "range")
