"""The counter at the menu, on both engines, as a signed-in cashier: a deposit taken (the shift
opened on the way), shown when the patient is billed and put towards the bill, the rest by card,
the invoice printed after; a credit note for a line with its cash refund approved by a manager who
signs in at the cashier's screen; a receipt reprinted; the drawer counted at the end of the shift."""
from datetime import date

import pytest

from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.domain.service import Service
from hospital_mgmt.storage.unit_of_work import Repositories
from tests.menu_driver import run_menu
from tests.support import PASSWORD, add_staff

BILLING = "5"
NEW, TAKE_DEPOSIT, CREDIT, REPRINT_RECEIPT, MY_SHIFT, CLOSE_SHIFT = "1", "8", "7", "10", "12", "13"
ADD, FINALIZE = "1", "5"


@pytest.fixture
def settings(db, settings_for):
    return settings_for(db, REFUND_APPROVAL_ABOVE="1000")


@pytest.fixture
def ravi(db):
    repos = Repositories(db)
    repos.patients.add(Patient(name="Asha Rao", contact_no="9000000001", age=30, gender="F",
                               registered_on=date(2026, 11, 1)))
    repos.services.add(Service("MRI - Knee", "2000"))
    add_staff(db, "mona", "manager")
    return add_staff(db, "ravi", "cashier")


def test_a_deposit_pays_part_of_a_bill_a_card_the_rest_and_the_invoice_comes_after(db, settings, ravi):
    transcript = run_menu(db, settings, [
        BILLING, TAKE_DEPOSIT, "1001", "3000", "", "500", "", "", "y",
        NEW, "1001", ADD, "S01", "2", FINALIZE, "", "", "", "n", "", "2", "", "CARD-88", "n", "y"], staff=ravi)
    assert "Patient 1001 holds no deposit." in transcript
    assert "ravi has no open shift. Open one now? [Y/n]: \nOpening cash float in the drawer [0.00]: 500\n" \
           "Shift SH001 is open with a float of 500.00 INR." in transcript
    assert "Receipt R0001: 3,000.00 INR by Cash; deposit held 3,000.00 INR." in transcript
    assert (settings.receipts_dir / "receipt_R0001.txt").exists()
    # told when the patient is billed
    assert "Patient 1001 holds a deposit of 3,000.00 INR.\nNo services on the bill yet." in transcript
    assert "Put the deposit towards this bill? [Y/n]: \nAmount from the deposit [3000.00]: \n" \
           "Receipt R0002: 3,000.00 INR by Deposit; balance 1,000.00 INR." in transcript
    assert "Receipt R0003: 1,000.00 INR by Card; balance 0.00 INR." in transcript
    assert "Take a payment of" not in transcript.split("R0003")[1]  # nothing left to pay
    invoice = (settings.invoices_dir / "bill_B001.txt").read_text(encoding="utf-8")
    assert "Status:         PAID" in invoice and "R0002" in invoice and "CARD-88" in invoice
    assert db.scalar("SELECT count(*) FROM deposit_uses") == 1


def test_a_credit_note_with_a_large_refund_is_approved_by_a_manager_signing_in_here(db, settings, ravi):
    run_menu(db, settings, [BILLING, NEW, "1001", ADD, "S01", "2", FINALIZE, "", "", "", "", "", "", "4500", "y", "n"],
             staff=ravi)
    transcript = run_menu(db, settings, [
        BILLING, CREDIT, "B001", "n", "S09", "S01 x", "S01 1", "Second knee not scanned", "",
        "mona", "wrong password", CREDIT, "B001", "n", "S01 1", "Second knee not scanned", "", "mona", PASSWORD,
        "y", "n", REPRINT_RECEIPT, "R0001", MY_SHIFT, CLOSE_SHIFT, "1990", "0", "0", "0"], staff=ravi)
    assert "Error: S09 is not on this bill" in transcript
    assert "Error: write a line as its code and a quantity, such as S01 2, not 'S01 x'" in transcript
    assert transcript.count("Error: a refund of 2,000.00 is above 1,000.00: a manager must approve it") == 2
    assert db.scalar("SELECT count(*) FROM credit_notes") == 1  # the wrong password wrote nothing
    assert PASSWORD not in transcript and "wrong password" not in transcript
    assert "Credit note C001: 2,000.00 INR credited on B001; the bill is now PART-REFUNDED." in transcript
    assert "Receipt R0002: 2,000.00 INR by Cash; balance 0.00 INR." in transcript
    note = (settings.invoices_dir / "credit_note_C001.txt").read_text(encoding="utf-8")
    assert "Second knee not scanned" in note and "mona" in note and "2,000.00" in note
    assert "DUPLICATE" in (settings.receipts_dir / "receipt_R0001_duplicate_1.txt").read_text(encoding="utf-8")
    # the drawer: no float + 4,000 in - 2,000 out = 2,000 (the 500 change of the 4,500 went back at once)
    assert "Cash         2,000.00 INR" in transcript.split("Choose: 12\n")[1].split("Billing >")[0]
    assert "Cash       2,000.00 INR  1,990.00 INR    -10.00 INR" in transcript
    assert "Shift SH001 is closed: short by 10.00." in transcript
