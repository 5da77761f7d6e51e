import csv
from datetime import date, time
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.billing import PaymentMethod
from hospital_mgmt.domain.errors import NotFound
from hospital_mgmt.domain.period import Period
from hospital_mgmt.operations import appointments, billing, documents, imports, reports
from tests.operations.conftest import a_doctor, a_patient, a_service
from tests.support import on


@pytest.fixture
def billed(ctx):
    a_patient(ctx)
    a_patient(ctx, name="Ravi Kumar", phone="9000000002", gender="M")
    a_doctor(ctx)
    a_service(ctx)
    for patient, at in ((1001, time(9, 0)), (1002, time(9, 15)), (1001, time(9, 30))):
        booked = appointments.book_appointment(ctx, patient, 1, ctx.today(), at)
        appointments.complete_appointment(ctx, booked.appt_id, "Checked")
    draft = billing.start_bill(ctx, 1001, 1)
    billing.add_service(ctx, draft, 1, 1)
    bill = billing.finalize_bill(ctx, draft)
    billing.record_payment(ctx, bill.bill_id, D("500"), PaymentMethod.CASH)
    return ctx


def test_an_invoice_is_dated_by_the_operations_clock_and_its_print_is_audited(billed, log_lines):
    [path] = documents.print_invoice(on(billed, "2026-12-01"), 1)
    text = path.read_text(encoding="utf-8")
    assert text.rstrip().endswith("City General Hospital - bill B001 - printed 2026-12-01 08:00")
    assert "\nDate:           2026-11-22\n" in text and "Billed by:      the system at 2026-11-22 08:00" in text
    assert log_lines()[-1] == "invoice B001 printed [system]"
    with pytest.raises(NotFound, match="^no bill B009$"):
        documents.print_invoice(billed, 9)


def test_a_batch_of_invoices_is_audited_per_transaction(billed, log_lines):
    assert documents.bills_between(billed, Period(date(2026, 11, 1), date(2026, 11, 30))) == [1]
    assert documents.bills_between(billed, Period(date(2026, 11, 23), date(2026, 11, 30))) == []
    assert documents.print_invoices(billed, [1], text=True) == 1
    assert log_lines()[-1] == "1 invoices printed, B001 to B001 [system]"


def test_an_export_is_audited_with_its_period_and_count_and_never_a_name(billed, log_lines, tmp_path):
    day = Period(date(2026, 11, 22), date(2026, 11, 22))
    path = documents.default_export_path(billed, "appointments", day)
    assert path == billed.settings.reports_dir / "appointments_summary_20261122.csv"
    assert documents.export(billed, "appointments", day, path) == 3
    assert log_lines()[-1] == "export appointments for 2026-11-22 to 2026-11-22: 3 rows [system]"
    assert not any("Asha" in line or "Ravi" in line for line in log_lines())


def test_the_daily_report_holds_every_visit_of_the_day_and_its_cash(billed):
    visits, cash = documents.write_daily_report(billed, date(2026, 11, 22))
    with open(visits, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["appointment"], r["time"], r["patient"], r["doctor"], r["status"]) for r in rows] == [
        ("A001", "09:00", "1001", "D01", "completed"), ("A002", "09:15", "1002", "D01", "completed"),
        ("A003", "09:30", "1001", "D01", "completed")]
    assert cash.read_text(encoding="utf-8-sig").splitlines() == [
        "Method,Receipts,In,Refunds,Out,Net", "cash,1,500.00,0,0.00,500.00",
        "TOTAL (all methods),1,500.00,0,0.00,500.00",
        "Opening floats,,,,,0.00", "CASH TO HAND OVER (floats + cash in - cash refunds),,,,,500.00"]


def test_a_report_covers_the_days_given_or_its_own_default(billed):
    assert reports.report_period(billed, "daily-visits") == Period(date(2026, 11, 1), date(2026, 11, 22))
    assert reports.report_period(billed, "daily-visits", last=date(2026, 10, 15)) == Period(
        date(2026, 10, 1), date(2026, 10, 15))
    assert reports.report_period(billed, "unpaid").first == date(1900, 1, 1)
    assert reports.report_period(billed, "cash-up") == Period(date(2026, 11, 22), date(2026, 11, 22))
    assert reports.report_period(billed, "cash-up", first=date(2026, 11, 2)) == Period(
        date(2026, 11, 2), date(2026, 11, 2))


def test_the_kpi_report_logs_who_needs_follow_up_by_code(billed, log_lines):
    report = reports.run_report(billed, "kpi", Period(date(2026, 11, 1), date(2026, 11, 30)))
    assert report.sections[-1].rows == [["1001", "Asha Rao", 2, date(2026, 11, 22)]]
    assert log_lines()[-1] == "kpi: 1 patients need follow-up: 1001 [system]"
    reports.run_report(billed, "kpi", Period(date(2026, 11, 1), date(2026, 11, 30)), follow_ups_shown=20)
    assert log_lines()[-1] == "kpi: follow-up shown for 1 patients: 1001 [system]"


def test_a_long_report_comes_a_page_at_a_time(billed):
    first = reports.report_page(billed, "daily-visits", Period(date(2026, 11, 1), date(2026, 11, 30)), 1, size=1)
    assert [r[0] for r in first.items[0].rows] == [date(2026, 11, 22)] and not first.has_next
    empty = reports.report_page(billed, "daily-visits", Period(date(2026, 10, 1), date(2026, 10, 31)), 1)
    assert empty.items == []


def test_an_import_audits_each_rejected_line_by_rule_and_writes_nothing_when_every_row_is_bad(ctx, log_lines,
                                                                                            tmp_path):
    source = tmp_path / "patients.csv"
    source.write_text("name,age,gender,contact_no,registered_on\nZoë Ñúñez,abc,F,9000000009,2026-11-01\n",
                      encoding="utf-8")
    result = imports.import_file(ctx, "patients", source)
    assert result.summary == "imported 0, rejected 1" and result.rejects_path == tmp_path / "patients_rejects.csv"
    assert log_lines()[-2:] == ["import patients: line 2 rejected: age: invalid value [system]",
                                "import patients: imported 0, rejected 1 [system]"]
    assert ctx.db.scalar("SELECT count(*) FROM patients") == 0
    assert not any("Zoë" in line or "9000000009" in line for line in log_lines())
