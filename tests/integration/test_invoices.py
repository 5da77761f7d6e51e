from datetime import date, time
from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from hospital_mgmt.domain.appointment import Appointment
from hospital_mgmt.domain.billing import PaymentMethod
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.domain.service import Service
from hospital_mgmt.operations import billing, documents
from hospital_mgmt.storage.unit_of_work import Repositories
from tests.support import context_for

TODAY = date(2026, 11, 22)


@pytest.fixture
def settings(db, settings_for):
    return settings_for(db, HOSPITAL_NAME="Lakeside Clinic", HOSPITAL_ADDRESS="4 Lake Road, Kochi", TAX_RATE="18")


@pytest.fixture
def ctx(db, settings):
    return context_for(db, settings)


def issue_invoice(ctx, bill_id, text=True, pdf=False):
    return documents.print_invoice(ctx, bill_id, text=text, pdf=pdf)


@pytest.fixture
def repos(db):
    repos = Repositories(db)
    repos.patients.add(Patient(name="Zoë Ñúñez", contact_no="9000000001", age=30, gender="F",
                               admission_date=date(2026, 11, 1)))
    repos.doctors.add(Doctor("Meera Iyer", "9100000000", specialization="Cardiology", consultation_fee="800"))
    repos.appointments.book(Appointment(1001, 1, TODAY, time(9, 0)))
    return repos


def make_bill(ctx, repos, services):
    draft = billing.start_bill(ctx, 1001, appt_id=1)
    for name, price, quantity in services:
        billing.add_service(ctx, draft, repos.services.add(Service(name, price)).service_id, quantity)
    draft.apply_discount(amount="49.99")
    stored = billing.finalize_bill(ctx, draft)
    return billing.record_payment(ctx, stored.bill_id, D("1000"), PaymentMethod.UPI)


SERVICES = [("X-Ray - Chest", "333.33", 3), ("Lab - Complete Blood Count", "250", 1),
            ("Robert'); DROP TABLE patients;--", "0.05", 7)]


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


INVOICE_TEXT = """\
                               Lakeside Clinic
                              4 Lake Road, Kochi
                                   INVOICE
==============================================================================
Bill:         B001
Date:         2026-11-22
Status:       UNPAID
Patient:      1001  Zoë Ñúñez
Age / gender: 30 / F
Contact:      9000000001
Doctor:       Dr. Meera Iyer (Cardiology)
Appointment:  A001
------------------------------------------------------------------------------
Code   Service                          Qty       Unit price       Line total
S01    X-Ray - Chest                      3       333.33 INR       999.99 INR
S02    Lab - Complete Blood Count         1       250.00 INR       250.00 INR
S03    Robert'); DROP TABLE patients;     7         0.05 INR         0.35 INR
       --
------------------------------------------------------------------------------
                                                 Subtotal:        1,250.34 INR
                                             Consultation:          800.00 INR
                                                 Discount:          -49.99 INR
                                                      Tax:          360.06 INR
                                                    Total:        2,360.41 INR
                                              Amount paid:        1,000.00 INR
                                                  Balance:        1,360.41 INR
------------------------------------------------------------------------------
Paid 2026-11-22 by upi: 1,000.00 INR
==============================================================================
Printed 2026-11-22. Thank you.
"""
# By hand: 3 x 333.33 = 999.99, 250.00, 7 x 0.05 = 0.35: subtotal 1,250.34; with the 800.00 fee and the
# 49.99 discount 2,000.35; 18% tax 360.063 -> 360.06; total 2,360.41; 1,000.00 paid leaves 1,360.41.
TOTALS = ["Subtotal", "1,250.34 INR", "Consultation", "800.00 INR", "Discount", "-49.99 INR", "Tax", "360.06 INR",
          "Total", "2,360.41 INR", "Amount paid", "1,000.00 INR", "Balance", "1,360.41 INR"]


def test_the_text_invoice_is_every_line_the_bill_holds_in_its_place(ctx, settings, repos):
    bill = make_bill(ctx, repos, SERVICES)
    [path] = issue_invoice(ctx, bill.bill_id)
    assert path == settings.invoices_dir / "bill_B001.txt"
    assert path.read_text(encoding="utf-8") == INVOICE_TEXT
    assert (bill.subtotal, bill.tax, bill.total_amount, bill.balance) == (D("1250.34"), D("360.06"),
                                                                          D("2360.41"), D("1360.41"))


def test_a_void_invoice_says_why_and_owes_nothing(ctx, settings, repos):
    draft = billing.start_bill(ctx, 1001, appt_id=1)
    bill = billing.void_bill(ctx, billing.finalize_bill(ctx, draft).bill_id, "Entered twice")
    [path] = issue_invoice(ctx, bill.bill_id)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "Status:       VOID (Entered twice)" in lines
    assert lines[lines.index("Code   Service                          Qty       Unit price       Line total") + 1] \
        .startswith("-----")  # no items: a consultation only
    assert [line.split()[-2] for line in lines if line.strip().startswith(("Total:", "Balance:"))] == [
        "944.00", "0.00"]  # 800.00 + 18% = 944.00; a void bill owes nothing


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
    assert lines[-3:] == ["2026-11-22", "upi", "1,000.00 INR"]
    assert "Zoë Ñúñez" in pdf_text(path) and "Lakeside Clinic" in lines and "DUPLICATE" not in pdf_text(path)
    assert len(PdfReader(path).pages) == 1


def test_a_second_print_is_stamped_duplicate(ctx, settings, repos):
    bill = make_bill(ctx, repos, SERVICES[:1])
    issue_invoice(ctx, bill.bill_id, text=True, pdf=True)
    txt, pdf = issue_invoice(ctx, bill.bill_id, text=True, pdf=True)
    assert "INVOICE - DUPLICATE" in txt.read_text(encoding="utf-8")
    lines = pdf_text(pdf).splitlines()
    assert "INVOICE - DUPLICATE" in lines and "DUPLICATE" in lines  # the title, and the stamp across the page


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


def test_cyrillic_names_get_the_unicode_font_and_still_print(ctx, settings, repos):
    patient = repos.patients.get(1001)
    patient.name = "Иван Петров"
    repos.patients.update(patient)
    bill = make_bill(ctx, repos, SERVICES[:1])
    [path] = issue_invoice(ctx, bill.bill_id, text=False, pdf=True)
    from hospital_mgmt.documents.pdf_fonts import fonts
    fonts_used = {str(font.get("/BaseFont")) for page in PdfReader(path).pages
                  for font in page["/Resources"]["/Font"].values()}
    if fonts()[0] == "Helvetica":
        pytest.skip("no Unicode TrueType font on this machine")
    assert any("DejaVuSans" in name for name in fonts_used)
    assert "Иван Петров" in pdf_text(path)


def test_latin_names_use_the_built_in_font(ctx, settings, repos):
    bill = make_bill(ctx, repos, SERVICES[:1])
    [path] = issue_invoice(ctx, bill.bill_id, text=False, pdf=True)
    fonts_used = {str(font.get("/BaseFont")) for page in PdfReader(path).pages
                  for font in page["/Resources"]["/Font"].values()}
    assert fonts_used <= {"/Helvetica", "/Helvetica-Bold"}
    assert "Zoë Ñúñez" in pdf_text(path)


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
