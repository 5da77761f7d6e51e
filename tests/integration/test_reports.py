from datetime import date
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.errors import InvalidPeriod
from hospital_mgmt.domain.period import Period
from hospital_mgmt.operations.reports import report_period, run_report, save_report
from tests.integration.report_data import build_small_hospital
from tests.support import context_for

Q1 = (date(2026, 1, 1), date(2026, 3, 31))


@pytest.fixture
def hospital(db):
    build_small_hospital(db)
    return db


def report(db, name, first, last):
    ctx = context_for(db, day=date(2026, 4, 1))
    return run_report(ctx, name, report_period(ctx, name, first, last))


def d(text):
    return date.fromisoformat(text)


def test_daily_visits_count_each_status_apart(hospital):
    rows = report(hospital, "daily-visits", d("2026-01-31"), d("2026-02-28")).rows
    assert rows == [[d("2026-01-31"), 2, 1, 0, 0, 3], [d("2026-02-01"), 1, 0, 1, 0, 2],
                    [d("2026-02-15"), 1, 0, 0, 0, 1], [d("2026-02-28"), 0, 0, 0, 1, 1]]


def test_daily_visits_include_both_edges_and_an_empty_range_is_empty(hospital):
    assert [r[0] for r in report(hospital, "daily-visits", d("2026-02-01"), d("2026-02-01")).rows] == [d("2026-02-01")]
    assert report(hospital, "daily-visits", d("2026-04-01"), d("2026-04-30")).rows == []


def test_top_doctors_by_visits_with_patients_and_revenue_void_bills_left_out(hospital):
    rows = report(hospital, "top-doctors", *Q1).rows
    assert rows == [["D02", "Bala Iyer", "ENT", 3, 2, D("2200.96")],
                    ["D01", "Asha Menon", "Cardiology", 2, 1, D("700.00")]]


def test_top_doctors_break_a_tie_on_visits_by_revenue(hospital):
    rows = report(hospital, "top-doctors", d("2026-01-31"), d("2026-01-31")).rows
    assert [(r[0], r[3], r[5]) for r in rows] == [("D02", 1, D("1001.00")), ("D01", 1, D("700.00"))]


def test_revenue_by_service_sums_quantities_and_line_totals(hospital):
    rows = report(hospital, "revenue-by-service", *Q1).rows
    assert rows == [["S02", "X-Ray - Chest", 2, D("701.00")], ["S01", "ECG", 2, D("400.00")],
                    ["S03", "Lab - CBC", 4, D("399.96")]]
    assert report(hospital, "revenue-by-service", d("2026-02-15"), d("2026-02-15")).rows == []  # only a void bill


def test_doctor_monthly_counts_live_appointments(hospital):
    rows = report(hospital, "doctor-monthly", *Q1).rows
    assert rows == [["2026-01", "D01", "Asha Menon", 2], ["2026-01", "D02", "Bala Iyer", 1],
                    ["2026-02", "D01", "Asha Menon", 1], ["2026-02", "D02", "Bala Iyer", 1],
                    ["2026-03", "D02", "Bala Iyer", 1]]


def test_patient_inflow_counts_admissions_and_new_registrations_apart_per_day_edges_included(hospital):
    found = report(hospital, "patient-inflow", *Q1)
    assert found.columns == ["Date", "Admissions", "New registrations"]
    assert found.rows == [[d("2026-01-10"), 1, 2], [d("2026-01-31"), 0, 1], [d("2026-02-01"), 1, 1]]
    assert report(hospital, "patient-inflow", d("2026-01-31"), d("2026-02-01")).rows == [
        [d("2026-01-31"), 0, 1], [d("2026-02-01"), 1, 1]]


def test_monthly_revenue_billed_collected_outstanding(hospital):
    assert report(hospital, "monthly-revenue", *Q1).rows == [  # month, bills, billed, credited, collected,
        ["2026-01", 2, D("1701.00"), D("0.00"), D("1200.00"), D("0.00"), D("501.00")],  # refunded, outstanding
        ["2026-02", 1, D("599.97"), D("0.00"), D("0.00"), D("0.00"), D("599.97")],
        ["2026-03", 1, D("599.99"), D("0.00"), D("599.99"), D("0.00"), D("0.00")]]


def test_unpaid_bills_with_balance_and_age(hospital):
    rows = report(hospital, "unpaid", *Q1).rows
    assert [[r[0], r[1], r[3], r[4], r[5], r[6], r[7], r[8], r[9]] for r in rows] == [
        ["B002", "1002", d("2026-01-31"), D("1001.00"), D("500.00"), D("501.00"), "part-paid", D("0.00"), 59],
        ["B003", "1001", d("2026-02-01"), D("599.97"), D("0.00"), D("599.97"), "unpaid", D("0.00"), 58]]


def test_cash_up_by_method_with_the_total_taken_and_only_the_cash_to_hand_over(hospital):
    hand_over = "CASH TO HAND OVER (floats + cash in - cash refunds)"
    assert report(hospital, "cash-up", d("2026-02-01"), d("2026-02-01")).rows == [
        ["upi", 1, D("500.00"), 0, D("0.00"), D("500.00")], ["TOTAL (all methods)", 1, D("500.00"), 0, D("0.00"),
                                                            D("500.00")],
        ["Opening floats", "", "", "", "", D("0.00")], [hand_over, "", "", "", "", D("0.00")]]
    assert report(hospital, "cash-up", d("2026-02-02"), d("2026-02-02")).rows == [
        ["TOTAL (all methods)", 0, D("0.00"), 0, D("0.00"), D("0.00")], ["Opening floats", "", "", "", "", D("0.00")],
        [hand_over, "", "", "", "", D("0.00")]]


def test_kpi_figures_and_follow_up_patients(hospital):
    result = report(hospital, "kpi", *Q1)
    assert result.rows == [["Completed visits", 5], ["Patients seen", 2], ["Total billed", D("2900.96")],
                           ["Average bill per visit", D("580.19")], ["Visits per patient", "2.50"],
                           ["Most visited doctor", "D02 Bala Iyer (3 visits)"]]
    monthly, follow_up = result.sections
    assert [r[2] for r in monthly.rows] == [D("1701.00"), D("599.97"), D("599.99")]
    assert follow_up.rows == [["1001", "Asha Rao", 3, d("2026-02-15")], ["1002", "Ravi Kumar", 2, d("2026-03-01")]]


def test_kpi_of_an_empty_period_says_n_a(hospital):
    rows = report(hospital, "kpi", d("2027-01-01"), d("2027-01-31")).rows
    assert rows[3] == ["Average bill per visit", "n/a"] and rows[5] == ["Most visited doctor", "n/a"]


def test_a_report_writes_plain_csv_with_money_as_two_place_text(hospital, tmp_path):
    monthly = report(hospital, "monthly-revenue", *Q1)
    path = save_report(context_for(hospital), monthly, tmp_path / "out" / "monthly.csv")
    assert path.read_text(encoding="utf-8-sig").splitlines() == [
        "Month,Bills,Billed,Credited,Collected,Refunded,Outstanding", "2026-01,2,1701.00,0.00,1200.00,0.00,501.00",
        "2026-02,1,599.97,0.00,0.00,0.00,599.97", "2026-03,1,599.99,0.00,599.99,0.00,0.00"]


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(InvalidPeriod, match=r"^the period ends \(2026-01-31\) before it starts \(2026-02-01\)$"):
        Period(d("2026-02-01"), d("2026-01-31"))


# The summaries' primary keys start with the day (or the month: Q1 is three whole months); the
# open bills are read by state and day.
@pytest.mark.parametrize("name, index", [
    ("daily-visits", "USING INDEX sqlite_autoindex_summary_day_1 (day>? AND day<?)"),
    ("patient-inflow", "USING INDEX sqlite_autoindex_summary_day_1 (day>? AND day<?)"),
    ("cash-up", "USING INDEX sqlite_autoindex_summary_method_day_1 (day=?)"),
    ("monthly-revenue", "USING INDEX sqlite_autoindex_summary_bill_day_1 (day>? AND day<?)"),
    ("unpaid", "USING INDEX ix_billing_open (status=? AND billing_date>? AND billing_date<?)"),
    ("revenue-by-service", "USING INDEX sqlite_autoindex_summary_service_month_1 (month_start>? AND month_start<?)"),
    ("top-doctors", "USING COVERING INDEX ix_summary_doctor_month_top (month_start>? AND month_start<?)")])
def test_date_ranges_are_served_by_the_date_indexes(tmp_path, name, index):
    from tests.conftest import open_database
    db, drop = open_database("sqlite", tmp_path)
    build_small_hospital(db)
    plans, table = [], db.table

    def explain(sql, params=()):
        plans.append(" | ".join(row[3] for row in table("EXPLAIN QUERY PLAN " + sql, params)[1]))
        return table(sql, params)
    db.table = explain
    report(db, name, *Q1)
    drop()
    assert any(index in plan for plan in plans), plans
