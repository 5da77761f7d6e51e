from datetime import date, time
from decimal import Decimal as D

import pytest

from hospital_mgmt.domain.appointment import Appointment
from hospital_mgmt.domain.billing import BillStatus
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.domain.service import Service
from hospital_mgmt.storage.unit_of_work import Repositories
from tests.menu_driver import TODAY, run_menu, table_rows
from tests.support import stored_doctor

BILLING, BACK, EXIT = "5", "0", "10"
NEW, PAY, VIEW, PRINT, VOID, UNPAID = "123456"
ADD, QUANTITY, REMOVE, DISCOUNT, FINALIZE = "12345"


@pytest.fixture
def settings(db, settings_for):
    return settings_for(db, TAX_RATE="18")


@pytest.fixture
def repos(db):
    repos = Repositories(db)
    repos.patients.add(Patient(name="Asha Rao", contact_no="9000000001", age=30, gender="F",
                               registered_on=date(2026, 11, 1)))
    stored_doctor(repos, Doctor("Meera Iyer", "9100000000", specialization="Cardiology", consultation_fee="800"))
    repos.appointments.book(Appointment(1001, 1, TODAY, time(9, 0)))
    repos.services.add(Service("X-Ray - Chest", "333.33"))
    repos.services.add(Service("Lab - CBC", "250"))
    return repos


def test_a_clerk_builds_finalizes_prints_pays_and_reprints_a_bill(db, settings, repos):
    transcript = run_menu(db, settings, [
        BILLING, NEW, "1001", "A1",
        ADD, "s1", "0", "-1", "2",
        ADD, "x-ray", "", "1",
        ADD, "2", "",
        QUANTITY, "S09", QUANTITY, "s2", "two", "2",
        REMOVE, "2",
        DISCOUNT, "5000", "10.005", "5%",
        FINALIZE, "", "y", "3", "5000", "1000", "", "y", "3", "1000", "UPI-4471", "n", "n", "",
        BACK, EXIT])
    assert "Error: quantity must be 1 to 1000, not 0" in transcript
    assert "Error: quantity must be 1 to 1000, not -1" in transcript
    assert "S01     X-Ray - Chest      3    333.33 INR    999.99 INR" in transcript
    assert "Error: S09 is not on this bill" in transcript
    assert "Error: quantity 'two' is not a whole number" in transcript
    # The draft is shown after each change: S02 added once, then at quantity 2, then removed.
    assert table_rows(transcript, "S02") == [["S02", "Lab - CBC", "1", "250.00 INR", "250.00 INR"],
                                             ["S02", "Lab - CBC", "2", "250.00 INR", "500.00 INR"]]
    assert "Error: discount 5000.00 is more than the bill (1799.99)" in transcript
    assert "Error: discount: at most 2 decimal places" in transcript
    # 999.99 + 800 = 1799.99; 5% = 90.00 (89.9995); taxable 1709.99; 18% = 307.80 (307.7982); total 2017.79
    assert "Finalize this bill for 2,017.79 INR?" in transcript
    assert "Finalized bill B001: total 2,017.79 INR." in transcript
    # Pay, then print: the payment comes before the invoice, so the first print shows it.
    assert transcript.index("Take a payment of 2,017.79 INR now?") < transcript.index("Print the invoice now")
    assert "Error: 5000.00 is more than the balance of bill B001 (2017.79)" in transcript
    # A blank reference abandons that payment only: the question comes again.
    assert transcript.count("Take a payment of 2,017.79 INR now?") == 2
    assert "Receipt R0001: 1,000.00 INR by UPI; balance 1,017.79 INR." in transcript
    assert "Take a payment of 1,017.79 INR now?" in transcript
    assert "bill_B001.txt" in transcript and "bill_B001.pdf" in transcript
    first_print = (settings.invoices_dir / "bill_B001.txt").read_text(encoding="utf-8")
    assert "R0001" in first_print and "UPI-4471" in first_print
    bill = repos.bills.get(1)
    assert (bill.subtotal, bill.discount, bill.tax, bill.total_amount, bill.appt_id) == (
        D("999.99"), D("90.00"), D("307.80"), D("2017.79"), 1)
    assert [(i.service_code, i.quantity, i.line_total) for i in repos.bills.items(1)] == [("S01", 3, D("999.99"))]
    assert not (settings.receipts_dir / "receipt_R0001.txt").exists()  # the cashier answered no
    # The rest in cash at the counter: Enter is cash and the balance; 1,100 handed over.
    transcript = run_menu(db, settings, [BILLING, PRINT, "B1", PAY, "b001", "", "", "1000", "1100", "", BACK, EXIT])
    assert "INVOICE - DUPLICATE" not in (settings.invoices_dir / "bill_B001.txt").read_text(encoding="utf-8")
    assert "INVOICE - DUPLICATE" in (settings.invoices_dir / "bill_B001_duplicate_1.txt").read_text(encoding="utf-8")
    assert "Error: cash tendered: 1000.00 is less than the amount (1017.79)" in transcript
    assert "Receipt R0002: 1,017.79 INR by Cash; change 82.21 INR; balance 0.00 INR." in transcript
    receipt = (settings.receipts_dir / "receipt_R0002.txt").read_text(encoding="utf-8")
    assert "B001" in receipt and "1,017.79" in receipt and "82.21" in receipt
    assert (settings.receipts_dir / "receipt_R0002.pdf").read_bytes().startswith(b"%PDF")
    assert repos.bills.get(1).status == BillStatus.PAID


def test_nothing_is_written_until_the_clerk_finalizes(db, settings, repos):
    transcript = run_menu(db, settings, [BILLING, NEW, "1001", "", ADD, "1", "1", BACK, "n", BACK, "y",
                                         BACK, EXIT])
    assert "Drop this bill without saving?" in transcript and "Bill cancelled; nothing was saved." in transcript
    assert db.scalar("SELECT count(*) FROM billing") == 0
    assert db.scalar("SELECT last_value FROM counters WHERE name = 'bill'") == 0


def test_an_appointment_already_billed_cannot_bring_its_fee_twice(db, settings, repos):
    run_menu(db, settings, [BILLING, NEW, "1001", "A001", FINALIZE, "", "n", "n", BACK, EXIT])
    transcript = run_menu(db, settings, [BILLING, NEW, "1001", "A001", "", BACK, BACK, EXIT])
    assert "Error: A001 is already on bill B001" in transcript


def test_voiding_needs_a_reason_and_keeps_the_number(db, settings, repos):
    run_menu(db, settings, [BILLING, NEW, "1001", "", ADD, "1", "1", FINALIZE, "", "n", "n", BACK, EXIT])
    transcript = run_menu(db, settings, [BILLING, VOID, "B001", "", VOID, "B001", "Wrong patient", "y",
                                         PAY, "B001", BACK, EXIT])
    assert "Bill B001 is void." in transcript
    assert "Error: bill B001 is void and cannot be paid" in transcript
    run_menu(db, settings, [BILLING, NEW, "1001", "", ADD, "2", "1", FINALIZE, "", "n", "n", BACK, EXIT])
    assert [r[0] for r in db.table("SELECT bill_id FROM billing ORDER BY bill_id")[1]] == [1, 2]
    assert repos.bills.get(1).status == BillStatus.VOID


def test_a_new_bill_takes_only_an_appointment_it_offered(db, settings, repos):
    repos.patients.add(Patient(name="Ravi Kumar", contact_no="9000000002", age=50, gender="M",
                               registered_on=date(2026, 11, 1)))
    repos.appointments.book(Appointment(1002, 1, TODAY, time(10, 0)))  # Ravi's, not Asha's
    transcript = run_menu(db, settings, [BILLING, NEW, "1001", "A2", "A1", BACK, "y", BACK, EXIT])
    assert "Error: A002 is not one of this patient's appointments above" in transcript
    assert "Consultation" in transcript.split("Appointment for the consultation fee (Enter for none): A1")[1]


def test_zero_at_a_bill_or_line_code_prompt_goes_back_without_an_error(db, settings, repos):
    transcript = run_menu(db, settings, [BILLING, VIEW, "0", NEW, "1001", "", ADD, "S1", "1", QUANTITY, "0",
                                         BACK, "y", BACK, EXIT])
    assert "Bill (B-code, or the patient's name or code; 0 to go back): 0\nBack.\n" in transcript
    assert "Service code on the bill (0 to go back): 0\nBack.\n" in transcript
    assert "Error" not in transcript and db.scalar("SELECT count(*) FROM billing") == 0
