from datetime import date

import pytest

from hospital_mgmt.domain.page import After
from hospital_mgmt.domain.period import Period
from hospital_mgmt.operations import billing, reports
from hospital_mgmt.storage.scale_loader import load_scale, scale_tables
from tests.integration.report_data import build_small_hospital, follow_ups_from_the_records
from tests.menu_driver import run_menu, table_rows
from tests.support import context_for

REPORTS, IMPORT_EXPORT, BACK, EXIT = "6", "7", "0", "10"


@pytest.fixture
def settings(db, settings_for):
    build_small_hospital(db)
    return settings_for(db)


def test_every_report_runs_from_the_menu(db, settings):
    answers = [REPORTS]
    for number in range(1, 15):
        one_day = number in (8, 10)  # cash-up and unapplied deposits
        answers += [str(number), "2026-02-01", "n"] if one_day else [str(number), "2026-01-01", "2026-03-31", "n"]
    transcript = run_menu(db, settings, answers + [BACK, EXIT])
    for title in ("Daily visits", "Most consulted doctors", "Revenue by service", "Appointments per doctor per month",
                  "Daily patient inflow", "Monthly revenue", "Unpaid bills", "Cash-up for 2026-02-01",
                  "Key figures, 2026-01-01 to 2026-03-31", "Patients who need follow-up",
                  "Unapplied deposits: nothing in that period.", "Department load", "High-risk patients",
                  "Average weight by city", "Lab results"):
        assert title in transcript
    assert "D02       Bala Iyer   ENT                      3           2  2,200.96 INR" in transcript
    assert table_rows(transcript, "TOTAL (all methods)") == [
        ["TOTAL (all methods)", "1", "500.00 INR", "0", "0.00 INR", "500.00 INR"]]
    assert "Sorry" not in transcript and "Error" not in transcript


def test_a_report_can_be_saved_as_csv_from_the_menu(db, settings, tmp_path):
    target = tmp_path / "top.csv"
    transcript = run_menu(db, settings, [REPORTS, "2", "2026-01-01", "2026-03-31", "y", str(target), BACK, EXIT])
    assert f"Wrote {target}" in transcript
    assert target.read_text(encoding="utf-8-sig").splitlines()[1] == "D02,Bala Iyer,ENT,3,2,2200.96"


def test_exports_imports_and_the_pdf_report_from_the_menu(db, settings, tmp_path):
    source = tmp_path / "services.csv"
    source.write_text("service_name,cost\nMRI - Brain,8000\nBad,-1\n", encoding="utf-8")
    transcript = run_menu(db, settings, [
        IMPORT_EXPORT, "1", "2026-01-01", "2026-03-31", str(tmp_path / "b.csv"),
        "2", "", "", "",
        "5", str(tmp_path / "missing.csv"), "5", str(source),
        "6", "2026-01-01", "2026-03-31",
        "7", "2026-02-01",
        BACK, EXIT])
    assert f"Wrote 5 rows to {tmp_path / 'b.csv'}" in transcript
    assert f"Wrote 8 rows to {settings.reports_dir / 'appointments_summary_upto_20261122.csv'}" in transcript
    assert f"Error: no file {tmp_path / 'missing.csv'}" in transcript
    assert "imported 1, rejected 1" in transcript and "price: must be more than 0" in transcript
    assert f"Wrote {settings.reports_dir / 'hospital_report_20260101_20260331.pdf'}" in transcript
    assert "daily_visits_report_20260201.csv" in transcript and "cash_up_20260201.csv" in transcript


def test_unpaid_bills_are_shown_a_page_at_a_time_each_after_the_last_bill_shown(db, settings, monkeypatch):
    ctx = context_for(db, settings, day=date(2026, 3, 15))
    for _ in range(25):
        draft = billing.start_bill(ctx, 1004)
        billing.add_service(ctx, draft, 1, 1)
        billing.finalize_bill(ctx, draft)
    asked = []
    page_of = reports.report_page
    monkeypatch.setattr(reports, "report_page", lambda *args, **kw: asked.append(args[3]) or page_of(*args, **kw))
    transcript = run_menu(db, settings, [REPORTS, "7", "2026-01-01", "2026-03-31", "n", "p", "n", "", "n", BACK, EXIT])
    first, after_first = transcript.split("Page 1: n next")[0:2]
    second = after_first.split("Page 2: p previous")[0]
    assert "B002" in first and "B023" in first and "B024" not in first
    assert "B024" in second and "B030" in second and "B023" not in second
    assert asked == [1, After((date(2026, 3, 15), 23), 2), 1, After((date(2026, 3, 15), 23), 2)]


def test_an_empty_period_says_so(db, settings):
    transcript = run_menu(db, settings, [REPORTS, "1", "2027-01-01", "2027-01-31", "n", BACK, EXIT])
    assert "Daily visits: nothing in that period." in transcript


def test_the_key_figures_show_the_first_follow_ups_and_say_of_how_many(db, settings_for):
    load_scale(db, scale_tables(400))
    _, follow_ups = follow_ups_from_the_records(db, Period(date(2025, 1, 1), date(2026, 12, 31)))
    transcript = run_menu(db, settings_for(db), [REPORTS, "9", "2025-01-01", "2026-12-31", "n", BACK, EXIT])
    assert f"(the first 20 of {len(follow_ups):,} patients who need follow-up; save as CSV for all)" in transcript
    assert len(follow_ups) > 20 and table_rows(transcript, follow_ups[19][0])
    assert not table_rows(transcript, follow_ups[20][0])
