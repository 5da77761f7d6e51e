"""Invoices, receipts and credit notes as a patient is handed them, on both engines: the text
compared whole, the PDF read back, figures beside their labels; a reprint stamped DUPLICATE with
the figures of its own moment; a void bill that looks void; names of many scripts in one family."""
from datetime import date, time
from decimal import Decimal as D

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from hospital_mgmt.domain.appointment import Appointment
from hospital_mgmt.domain.billing import PaymentMethod
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.domain.service import Service
from hospital_mgmt.operations import billing, checkout, documents
from hospital_mgmt.storage.unit_of_work import Repositories
from tests.support import context_for, stored_doctor

TODAY = date(2026, 11, 22)


@pytest.fixture
def settings(db, settings_for):
    return settings_for(db, HOSPITAL_NAME="Lakeside Clinic", HOSPITAL_ADDRESS="4 Lake Road, Kochi", TAX_RATE="18",
                        HOSPITAL_PHONE="+91 484 2345678", HOSPITAL_REGISTRATION="KL/CE/2019/0042")


@pytest.fixture
def ctx(db, settings):
    return context_for(db, settings)


def issue_invoice(ctx, bill_id, text=True, pdf=False):
    return documents.print_invoice(ctx, bill_id, text=text, pdf=pdf)


@pytest.fixture
def repos(db):
    repos = Repositories(db)
    repos.patients.add(Patient(name="Zoë Ñúñez", contact_no="9000000001", age=30, gender="F",
                               registered_on=date(2026, 11, 1)))
    stored_doctor(repos, Doctor("Meera Iyer", "9100000000", specialization="Cardiology", consultation_fee="800"))
    repos.appointments.book(Appointment(1001, 1, TODAY, time(9, 0)))
    return repos


def make_bill(ctx, repos, services, paid="1000"):
    draft = billing.start_bill(ctx, 1001, appt_id=1)
    for name, price, quantity in services:
        billing.add_service(ctx, draft, repos.services.add(Service(name, price)).service_id, quantity)
    draft.apply_discount(amount="49.99")
    stored = billing.finalize_bill(ctx, draft)
    if not paid:
        return stored
    return billing.record_payment(ctx, stored.bill_id, D(paid), PaymentMethod.UPI, reference="UPI-77").bill


SERVICES = [("X-Ray - Chest", "333.33", 3), ("Lab - Complete Blood Count", "250", 1),
            ("Robert'); DROP TABLE patients;--", "0.05", 7)]


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def pdf_fonts(path) -> set[str]:
    return {str(font.get("/BaseFont")).split("+")[-1] for page in PdfReader(path).pages
            for font in page["/Resources"]["/Font"].values()}


HEADER = """\
                               Lakeside Clinic
                              4 Lake Road, Kochi
               Phone +91 484 2345678   Reg. No. KL/CE/2019/0042
"""
INVOICE_TEXT = HEADER + """\
                                   INVOICE
==============================================================================
Bill:           B001
Date:           2026-11-22
Status:         PART-PAID
Patient:        1001  Zoë Ñúñez
Age / gender:   ~30 / F
Contact:        9000000001
Doctor:         Dr. Meera Iyer (Cardiology)
Appointment:    A001
Billed by:      the system at 2026-11-22 08:00
------------------------------------------------------------------------------
Code Service                                       Qty Unit price   Line total
---- --------------------------------------------- --- ---------- ------------
S01  X-Ray - Chest                                   3 333.33 INR   999.99 INR
S02  Lab - Complete Blood Count                      1 250.00 INR   250.00 INR
S03  Robert'); DROP TABLE patients;--                7   0.05 INR     0.35 INR
------------------------------------------------------------------------------
                                                        Subtotal: 1,250.34 INR
                                                    Consultation:   800.00 INR
                                                Discount (2.44%):   -49.99 INR
                                                       Tax (18%):   360.06 INR
                                                           Total: 2,360.41 INR
                                                     Amount paid: 1,000.00 INR
                                                         Balance: 1,360.41 INR
------------------------------------------------------------------------------
Paid 1,000.00 INR by UPI on 2026-11-22 08:00, receipt R0001 (ref. UPI-77)
==============================================================================
Lakeside Clinic - bill B001 - printed 2026-11-22 08:00
"""
# By hand: 3 x 333.33 = 999.99, 250.00, 7 x 0.05 = 0.35: subtotal 1,250.34; with the 800.00 fee and the
# 49.99 discount (2.44% of 2,050.34) 2,000.35; 18% tax 360.063 -> 360.06; total 2,360.41; 1,000.00 paid
# leaves 1,360.41.
TOTALS = ["Subtotal", "1,250.34 INR", "Consultation", "800.00 INR", "Discount (2.44%)", "-49.99 INR", "Tax (18%)",
          "360.06 INR", "Total", "2,360.41 INR", "Amount paid", "1,000.00 INR", "Balance", "1,360.41 INR"]


def test_the_text_invoice_is_every_line_the_bill_holds_in_its_place(ctx, settings, repos):
    bill = make_bill(ctx, repos, SERVICES)
    [path] = issue_invoice(ctx, bill.bill_id)
    assert path == settings.invoices_dir / "bill_B001.txt"
    assert path.read_text(encoding="utf-8") == INVOICE_TEXT
    assert (bill.subtotal, bill.tax, bill.total_amount, bill.balance) == (D("1250.34"), D("360.06"),
                                                                          D("2360.41"), D("1360.41"))


def test_the_pdf_holds_every_line_item_and_the_figures_beside_their_labels(ctx, settings, repos):
    bill = make_bill(ctx, repos, SERVICES)
    [path] = issue_invoice(ctx, bill.bill_id, text=False, pdf=True)
    assert path.name == "bill_B001.pdf"
    lines = pdf_text(path).splitlines()
    for code, (name, price, quantity) in zip(("S01", "S02", "S03"), SERVICES, strict=True):
        start = lines.index(code)
        unit = D(price)
        assert lines[start + 1:start + 5] == [name, str(quantity), f"{unit:,.2f} INR", f"{unit * quantity:,.2f} INR"]
    start = lines.index("Subtotal")
    assert lines[start:start + len(TOTALS)] == TOTALS
    assert "Paid 1,000.00 INR by UPI on 2026-11-22 08:00, receipt R0001 (ref. UPI-77)" in lines
    assert lines[lines.index("Status") + 1] == "PART-PAID"
    assert "Zoë Ñúñez" in pdf_text(path) and "Lakeside Clinic" in lines and "DUPLICATE" not in pdf_text(path)
    assert "Phone +91 484 2345678 Reg. No. KL/CE/2019/0042" in lines  # (pypdf reads a run of spaces as one)
    assert len(PdfReader(path).pages) == 1


def test_paid_then_printed_the_first_copy_says_paid_and_each_reprint_its_own_moment(ctx, settings, repos):
    bill = make_bill(ctx, repos, SERVICES[:1], paid="")
    billing.record_payment(ctx, bill.bill_id, bill.balance, PaymentMethod.CASH)
    [first] = issue_invoice(ctx, bill.bill_id)
    text = first.read_text(encoding="utf-8")
    assert "Status:         PAID" in text and "Balance:     0.00 INR" in text and "DUPLICATE" not in text
    checkout.issue_credit_note(ctx, bill.bill_id, "Wrong patient")  # the whole bill, refunded in cash
    [again] = issue_invoice(ctx, bill.bill_id)
    later = again.read_text(encoding="utf-8")
    assert again.name == "bill_B001_duplicate_1.txt" and "INVOICE - DUPLICATE" in later
    assert "*** DUPLICATE ***" in later and "Status:         CANCELLED BY CREDIT NOTE" in later
    credited_line = next(line for line in later.splitlines() if "Credited (C001):" in line)
    assert credited_line.endswith(f" -{bill.total_amount:,.2f} INR") and "Refunded:" in later
    assert first.read_text(encoding="utf-8") == text  # the copy the patient took home stays as it was


def test_a_void_invoice_is_stamped_void_with_its_reason_and_shows_no_balance(ctx, settings, repos):
    draft = billing.start_bill(ctx, 1001, appt_id=1)
    reason = "Entered twice at the front desk by mistake; the patient was billed on B002 for this visit instead"
    bill = billing.void_bill(ctx, billing.finalize_bill(ctx, draft).bill_id, reason)
    txt, pdf = issue_invoice(ctx, bill.bill_id, text=True, pdf=True)
    lines = txt.read_text(encoding="utf-8").splitlines()
    marks = lines[lines.index("INVOICE".center(78).rstrip()) + 1:lines.index("=" * 78)]
    assert " ".join(line.strip() for line in marks) == f"*** VOID: {reason} ***" and len(marks) == 2
    assert "Status:         VOID" in lines
    [start] = [n for n, line in enumerate(lines) if line.startswith("Void because:")]
    assert lines[start:start + 2] == ["Void because:   Entered twice at the front desk by mistake; the patient was",
                                      "                billed on B002 for this visit instead"]
    assert not any(line.strip().startswith("Balance:") for line in lines)
    assert [line.split()[-2] for line in lines if line.strip().startswith(("Total:", "Amount paid:"))] == [
        "944.00", "0.00"]  # 800.00 + 18% = 944.00; nothing paid, nothing owed
    assert all(len(line) <= 78 for line in lines)
    text = pdf_text(pdf)
    assert "VOID" in text.splitlines() and "Balance" not in text and "Consultation only" in text


def test_lines_print_in_the_order_entered_and_a_million_rupee_line_keeps_its_columns_apart(ctx, settings, repos):
    big = repos.services.add(Service("MRI - Whole body with contrast, sedation and a specialist's reading", "1250000"))
    small = repos.services.add(Service("Dressing", "40"))
    draft = billing.start_bill(ctx, 1001)
    billing.add_service(ctx, draft, small.service_id, 1)
    billing.add_service(ctx, draft, big.service_id, 8)  # 10,000,000.00 on one line
    bill = billing.finalize_bill(ctx, draft)
    [path] = issue_invoice(ctx, bill.bill_id)
    lines = path.read_text(encoding="utf-8").splitlines()
    table = lines[lines.index(next(line for line in lines if line.startswith("Code "))) + 2:]
    assert table[0].startswith("S02  Dressing") and table[1].startswith("S01  MRI - Whole body with contrast")
    assert table[1].endswith("8 1,250,000.00 INR 10,000,000.00 INR")  # each figure in its own column
    assert [row.strip() for row in table[2:4]] == ["sedation and a specialist's", "reading"]  # the name wraps
    total_line = next(line for line in lines if line.strip().startswith("Total:"))
    assert total_line.endswith("11,800,047.20 INR") and len(total_line) == len(table[1]) == 78  # aligned


def test_a_second_print_is_stamped_duplicate_behind_the_text(ctx, settings, repos):
    bill = make_bill(ctx, repos, SERVICES[:1])
    issue_invoice(ctx, bill.bill_id, text=True, pdf=True)
    txt, pdf = issue_invoice(ctx, bill.bill_id, text=True, pdf=True)
    assert "INVOICE - DUPLICATE" in txt.read_text(encoding="utf-8")
    lines = pdf_text(pdf).splitlines()
    assert "INVOICE - DUPLICATE" in lines and lines[0] == "DUPLICATE"  # the stamp is drawn first, under the text


def test_a_long_bill_flows_onto_more_pages_with_the_header_repeated(ctx, settings, repos):
    services = [(f"Pharmacy item number {n:03d}", "12.50", 1) for n in range(90)]
    bill = make_bill(ctx, repos, services)
    [path] = issue_invoice(ctx, bill.bill_id, text=False, pdf=True)
    pages = PdfReader(path).pages
    assert len(pages) >= 2
    for page in pages:
        assert "Unit price" in page.extract_text()
    text = pdf_text(path)
    assert all(f"Pharmacy item number {n:03d}" in text for n in range(90))
    assert f"{bill.total_amount:,.2f}" in text


NAMES = {  # a name in each script the documents set in a face of its own, and that face
    "Devanagari": ("श्रीमती क्षमा त्रिपाठी", "NotoSansDevanagari"), "Bengali": ("অমিত বন্দ্যোপাধ্যায়", "HindSiliguri"),
    "Tamil": ("கார்த்திக் சுப்பிரமணியம்", "NotoSansTamil"), "Telugu": ("శ్రీనివాస్ రెడ్డి", "NotoSansTelugu"),
    "Arabic": ("فاطمة الزهراء", "NotoSansArabic"), "Thai": ("สมชาย ใจดี", "NotoSansThai"),
    "Khmer": ("សុខ ចន្ទា", "NotoSansKhmer"), "Cyrillic": ("Иван Петров", "NotoSans"),
    "Greek": ("Ελένη Παππά", "NotoSans"),
}


@pytest.mark.parametrize("script", list(NAMES))
def test_a_name_in_any_of_these_scripts_prints_in_the_one_family_with_every_letter_in_its_face(ctx, settings,
                                                                                              repos, script):
    name, face = NAMES[script]
    patient = repos.patients.get(1001)
    patient.name = name
    repos.patients.update(patient)
    bill = make_bill(ctx, repos, SERVICES[:1])
    txt, pdf = issue_invoice(ctx, bill.bill_id, text=True, pdf=True)
    assert f"Patient:        1001  {name}" in txt.read_text(encoding="utf-8")
    used = pdf_fonts(pdf)
    assert {"NotoSans-Regular", "NotoSans-Bold", f"{face}-Regular"} <= used and all(
        font.startswith(("NotoSans", "HindSiliguri")) for font in used), used
    from hospital_mgmt.documents.fonts import LATIN, SCRIPTS, _file
    source = next(f for f in [*SCRIPTS, LATIN] if f.file.split("[")[0].split("-")[0] == face)
    cmap = TTFont(str(_file(source.package, source.file))).getBestCmap()
    assert all(ord(ch) in cmap for ch in name if not ch.isspace())  # no letter falls back to a box
    if script in ("Cyrillic", "Greek"):
        assert name in pdf_text(pdf)  # unshaped scripts read back as typed


def test_a_batch_prints_every_bill_and_counts_each_print(ctx, settings, repos):
    first = make_bill(ctx, repos, SERVICES[:1])
    draft = billing.start_bill(ctx, 1001)
    billing.add_service(ctx, draft, 1, 2)
    second = billing.finalize_bill(ctx, draft)
    issue_invoice(ctx, first.bill_id, text=True)
    done = []
    assert documents.print_invoices(ctx, [first.bill_id, second.bill_id], text=True, pdf=True,
                                    progress=done.append, chunk=1) == 2
    assert done == [1, 1]
    assert "INVOICE - DUPLICATE" not in (settings.invoices_dir / "bill_B001.txt").read_text(encoding="utf-8")
    assert "INVOICE - DUPLICATE" in (settings.invoices_dir / "bill_B001_duplicate_1.txt").read_text(encoding="utf-8")
    assert "INVOICE - DUPLICATE" not in (settings.invoices_dir / "bill_B002.txt").read_text(encoding="utf-8")
    assert (settings.invoices_dir / "bill_B002.pdf").exists()
    assert sorted(p.name for p in settings.invoices_dir.iterdir()) == [
        "bill_B001.txt", "bill_B001_duplicate_1.pdf", "bill_B001_duplicate_1.txt", "bill_B002.pdf", "bill_B002.txt"]


RECEIPT_TEXT = HEADER + """\
                                   RECEIPT
==============================================================================
Receipt:        R0002
Date and time:  2026-11-22 08:00
Patient:        1001  Zoë Ñúñez
Bill:           B001
Amount:         1,360.41 INR
In words:       Rupees One Thousand Three Hundred Sixty and Paise Forty One
                Only
Method:         Cash
Cash tendered:  1,400.00 INR
Change:         39.59 INR
Cashier:        the system
Balance after:  0.00 INR
------------------------------------------------------------------------------
                                                          Amount: 1,360.41 INR
==============================================================================
Lakeside Clinic - receipt R0002 - printed 2026-11-22 08:00
"""


def test_a_receipt_has_the_amount_in_words_the_change_and_the_balance_after_and_a_reprint_says_duplicate(
        ctx, settings, repos):
    bill = make_bill(ctx, repos, SERVICES)
    paid = billing.record_payment(ctx, bill.bill_id, D("1360.41"), PaymentMethod.CASH, tendered="1400")
    txt, pdf = documents.print_receipt(ctx, paid.receipt.receipt_no, text=True, pdf=True)
    assert txt == settings.receipts_dir / "receipt_R0002.txt"
    assert txt.read_text(encoding="utf-8") == RECEIPT_TEXT
    lines = pdf_text(pdf).splitlines()
    assert lines[lines.index("Amount") + 1] == "1,360.41 INR" and lines[lines.index("Change") + 1] == "39.59 INR"
    assert "Rupees One Thousand Three Hundred Sixty and Paise" in pdf_text(pdf)
    again, _ = documents.print_receipt(ctx, paid.receipt.receipt_no, text=True, pdf=True)
    assert again.name == "receipt_R0002_duplicate_1.txt" and "RECEIPT - DUPLICATE" in again.read_text(encoding="utf-8")
    upi = documents.print_receipt(ctx, 1)[0].read_text(encoding="utf-8")
    assert "Method:         UPI\nReference:      UPI-77\n" in upi and "Balance after:  1,360.41 INR" in upi
    assert "Cash tendered" not in upi


def test_a_credit_note_lists_what_it_credits_and_the_refund_and_its_receipt(ctx, settings, repos):
    bill = make_bill(ctx, repos, SERVICES, paid="2360.41")
    credited = checkout.issue_credit_note(ctx, bill.bill_id, "One X-ray repeated by mistake", {1: 1})
    txt, pdf = documents.print_credit_note(ctx, credited.note.credit_id, text=True, pdf=True)
    text = txt.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert "Credit note:    C001" in lines and "Bill:           B001 of 2026-11-22 (2,360.41 INR)" in lines
    row = next(line for line in lines if line.startswith("S01 "))
    assert row.startswith("S01  X-Ray - Chest") and row.endswith(" 1 383.74 INR")  # 333.33 with its share of tax
    assert "Credited: 383.74 INR" in text and "Refunded by UPI" not in text
    assert "Refunded by Cash: 383.74 INR" in text and "Refund receipt R0002" in text
    assert "383.74" in pdf_text(pdf)
    refund = documents.print_receipt(ctx, 2)[0].read_text(encoding="utf-8")
    assert "REFUND RECEIPT" in refund and "Credit note:    C001" in refund
    assert "Reason:         One X-ray repeated by mistake" in refund
