"""Every report, the exports and an invoice batch over a month shaped like a real one (see
month_data.py), on both engines: checked against figures worked out in plain Python from the
month's lists, and the figures that matter most also written out by hand."""
import csv
from datetime import date
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.period import Period
from hospital_mgmt.operations import documents
from hospital_mgmt.operations.reports import run_report, save_report
from tests.integration import month_data
from tests.integration.month_data import NOVEMBER, build_month
from tests.support import context_for

AUTUMN = (date(2026, 10, 1), date(2026, 12, 31))


@pytest.fixture
def month(db, settings_for):
    build_month(db)
    return context_for(db, settings_for(db), day=date(2026, 12, 2))


def report(ctx, name, first, last):
    return run_report(ctx, name, Period(first, last)).rows


def test_monthly_revenue_has_one_row_a_month_whatever_the_billing_days(month):
    rows = report(month, "monthly-revenue", *AUTUMN)
    assert rows == month_data.monthly_revenue(*AUTUMN)
    # By hand: November's nine live bills (the void one left out): billed; credited (B003 whole, 799.97, and one
    # dressing of B008, 150.25); collected so far with December's payment and the 99.99 taken from a deposit;
    # refunded (B003's 300.00 and B008's 150.25); and what is left: B006 1,051.50 and B007 250.50.
    assert rows[1] == ["2026-11", 9, D("7354.21"), D("950.22"), D("5552.24"), D("450.25"), D("1302.00")]
    assert [row[0] for row in rows] == ["2026-10", "2026-11", "2026-12"]


def test_cash_up_counts_each_bill_once_and_each_payment_by_its_method(month):
    for day in ("2026-11-01", "2026-11-15", "2026-11-16", "2026-11-20", "2026-11-30", "2026-12-01", "2026-11-02"):
        assert report(month, "cash-up", date.fromisoformat(day), date.fromisoformat(day)) == month_data.cash_up(day)
    hand_over = month_data.HAND_OVER
    # By hand: on the 15th two cash payments of one bill and one of another, and one by UPI.
    assert report(month, "cash-up", date(2026, 11, 15), date(2026, 11, 15)) == [
        ["cash", 3, D("550.00"), 0, D("0.00"), D("550.00")], ["upi", 1, D("1101.00"), 0, D("0.00"), D("1101.00")],
        ["TOTAL (all methods)", 4, D("1651.00"), 0, D("0.00"), D("1651.00")],
        ["Opening floats", "", "", "", "", D("0.00")], [hand_over, "", "", "", "", D("550.00")]]
    # On the 20th a 1,000.00 cash deposit came in, 250.00 by card, and 300.00 cash went back for B003.
    assert report(month, "cash-up", date(2026, 11, 20), date(2026, 11, 20)) == [
        ["card", 1, D("250.00"), 0, D("0.00"), D("250.00")], ["cash", 1, D("1000.00"), 1, D("300.00"), D("700.00")],
        ["TOTAL (all methods)", 2, D("1250.00"), 1, D("300.00"), D("950.00")],
        ["Opening floats", "", "", "", "", D("0.00")], [hand_over, "", "", "", "", D("700.00")]]


def test_top_doctors_break_the_tie_on_visits_by_revenue_and_leave_the_void_bill_out(month):
    rows = report(month, "top-doctors", *NOVEMBER)
    assert rows == month_data.top_doctors(*NOVEMBER)
    assert [(r[0], r[3], r[4], r[5]) for r in rows] == [("D02", 3, 2, D("2952.50")), ("D01", 3, 2, D("2800.97")),
                                                        ("D03", 2, 2, D("1500.75"))]


def test_revenue_by_service_leaves_void_bills_and_other_months_out(month):
    rows = report(month, "revenue-by-service", *NOVEMBER)
    assert rows == month_data.revenue_by_service(*NOVEMBER)
    assert rows == [["S02", "X-Ray - Chest", 7, D("2453.50")],
                    ["S04", "Dressing", 5, D("751.25")],  # 1 on B005 and 4 on B008; the void B004's 2 are not
                    ["S01", "ECG", 3, D("600.00")], ["S03", "Lab - CBC", 4, D("399.96")]]


def test_unpaid_bills_oldest_first_with_their_age_at_the_periods_end(month):
    rows = report(month, "unpaid", *NOVEMBER)
    assert rows == month_data.unpaid(*NOVEMBER)
    # B003 was credited whole and B009 paid from a deposit: neither owes anything now.
    assert [(r[0], r[6], r[7], r[8], r[9]) for r in rows] == [("B006", D("1051.50"), "part-paid", D("0.00"), 15),
                                                              ("B007", D("250.50"), "part-paid", D("0.00"), 15)]


def test_daily_visits_and_inflow_take_both_edges_of_the_month_and_nothing_beyond(month):
    visits = report(month, "daily-visits", *NOVEMBER)
    assert [r[0] for r in visits] == [date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 15), date(2026, 11, 30)]
    assert visits[0] == [date(2026, 11, 1), 2, 0, 2, 0, 4] and visits[1] == [date(2026, 11, 2), 1, 0, 0, 1, 2]
    assert visits[2] == [date(2026, 11, 15), 3, 1, 0, 0, 4]
    inflow = report(month, "patient-inflow", *NOVEMBER)
    assert inflow == month_data.inflow("2026-11-01", "2026-11-30")
    assert inflow == [[date(2026, 11, 1), 2, 2], [date(2026, 11, 30), 1, 1]]  # admissions, new registrations


def test_doctor_monthly_counts_scheduled_and_completed_visits_only(month):
    rows = report(month, "doctor-monthly", *NOVEMBER)
    assert rows == [["2026-11", "D01", "Asha Menon", 3], ["2026-11", "D02", "Bala Iyer", 3],
                    ["2026-11", "D03", "Chitra Das", 3]]


def test_key_figures_count_completed_visits_bill_live_bills_and_follow_up_repeat_patients(month):
    result = run_report(month, "kpi", Period(*NOVEMBER))
    billed = sum(month_data.total_of(spec) for _, spec in month_data.live_bills(*NOVEMBER))
    assert billed == D("7354.21")
    assert result.rows == [["Completed visits", 8], ["Patients seen", 4], ["Total billed", billed],
                           ["Average bill per visit", D("919.28")], ["Visits per patient", "2.00"],
                           ["Most visited doctor", "D02 Bala Iyer (3 visits)"]]
    assert result.sections[1].rows == month_data.follow_ups(*NOVEMBER) == [
        ["1002", "Bina Shah", 3, date(2026, 11, 30)], ["1001", "Anil Rao", 2, date(2026, 11, 15)],
        ["1004", "Divya Nair", 2, date(2026, 11, 30)]]  # not 1006, seen once


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_the_billing_export_of_the_month_holds_its_first_and_last_days_and_no_other(month, tmp_path):
    assert documents.export(month, "billing", Period(*NOVEMBER), tmp_path / "b.csv") == 10
    rows = read_csv(tmp_path / "b.csv")
    assert [r["bill"] for r in rows] == [f"B{n:03d}" for n in range(2, 12)]
    by_code = {r["bill"]: r for r in rows}
    assert (by_code["B004"]["status"], by_code["B004"]["balance"]) == ("void", "0.00")
    assert (by_code["B011"]["discount"], by_code["B011"]["total_amount"], by_code["B011"]["paid"]) == (
        "50.50", "600.00", "600.00")
    for bill_id, spec in enumerate(month_data.BILLS, start=1):
        if f"B{bill_id:03d}" in by_code and not spec.void:
            row = by_code[f"B{bill_id:03d}"]
            assert (D(row["total_amount"]), D(row["credited"]), D(row["paid"]), D(row["refunded"]), row["status"]) == (
                month_data.total_of(spec), month_data.credited_of(spec),
                month_data.paid_of(spec) - month_data.refunded_of(spec), month_data.refunded_of(spec),
                month_data.state_of(spec))
    assert (by_code["B003"]["credit_notes"], by_code["B008"]["credit_notes"]) == ("C001", "C002")
    assert by_code["B002"]["payments"] == "cash 500.00; card 501.00"
    # every movement of money with its receipt: a refund of a credit note, a deposit put towards a bill
    assert (by_code["B003"]["payments"], by_code["B003"]["receipts"]) == ("cash 300.00; refund cash 300.00",
                                                                          "R0004; R0015")
    assert (by_code["B008"]["payments"], by_code["B008"]["receipts"]) == ("upi 1101.00; refund upi 150.25",
                                                                          "R0010; R0016")
    assert (by_code["B009"]["payments"], by_code["B009"]["receipts"]) == ("deposit 99.99", "R0017")
    assert by_code["B002"]["receipts"] == "R0002; R0003" and by_code["B004"]["void_reason"] == "Entered twice"


def test_the_appointments_export_is_in_time_order_with_both_edges(month, tmp_path):
    assert documents.export(month, "appointments", Period(*NOVEMBER), tmp_path / "a.csv") == 12
    rows = read_csv(tmp_path / "a.csv")
    assert [r["appointment"] for r in rows[:4]] == ["A002", "A003", "A004", "A014"]  # A014 was booked last
    assert [(r["appt_date"], r["appt_time"]) for r in rows] == sorted((r["appt_date"], r["appt_time"]) for r in rows)
    assert rows[0]["appt_date"] == "2026-11-01" and rows[-1]["appt_date"] == "2026-11-30"


def test_an_invoice_batch_of_the_month_prints_every_bill_of_it_edges_included(month):
    bills = documents.bills_between(month, Period(*NOVEMBER))
    assert bills == list(range(2, 12))
    assert documents.print_invoices(month, bills) == 10
    written = sorted(path.name for path in month.settings.invoices_dir.iterdir())
    assert written == sorted(f"bill_B{n:03d}.txt" for n in range(2, 12))


def test_the_key_figures_saved_as_csv_hold_every_section_under_its_title(month, tmp_path):
    result = run_report(month, "kpi", Period(*NOVEMBER))
    path = save_report(month, result, tmp_path / "kpi.csv")
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[:3] == [["Measure", "Value"], ["Completed visits", "8"], ["Patients seen", "4"]]
    monthly = rows.index(["Monthly revenue"])
    assert rows[monthly - 1] == [] and rows[monthly + 1:monthly + 3] == [
        ["Month", "Bills", "Billed", "Credited", "Collected", "Refunded", "Outstanding"],
        ["2026-11", "9", "7354.21", "950.22", "5552.24", "450.25", "1302.00"]]
    follow_up = rows.index(["Patients who need follow-up (more than one visit)"])
    assert rows[follow_up + 1:] == [["Patient", "Name", "Visits", "Last visit"],
                                    ["1002", "Bina Shah", "3", "2026-11-30"], ["1001", "Anil Rao", "2", "2026-11-15"],
                                    ["1004", "Divya Nair", "2", "2026-11-30"]]
