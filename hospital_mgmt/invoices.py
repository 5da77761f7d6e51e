"""Text and PDF invoices. Reads a finalized bill through the repositories; writes files only."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from .domain.billing import FinalBill
from .domain.codes import format_code
from .domain.doctor import Doctor
from .domain.money import format_money
from .domain.patient import Patient
from .output_files import writable_folder, writing
from .storage.bills import BillLineRow, Payment
from .storage.unit_of_work import Repositories, UnitOfWork

WIDTH = 78


@dataclass
class Invoice:
    """Everything printed on one invoice."""

    bill: FinalBill
    lines: list[BillLineRow]
    patient: Patient
    doctor: Doctor | None
    payments: list[Payment]
    hospital_name: str
    hospital_address: str
    currency: str
    duplicate: bool

    @property
    def file_stem(self) -> str:
        return f"bill_{self.bill.code}"


def load_invoices(repos: Repositories, bill_ids: list[int], settings,
                  printed_before: dict[int, int]) -> list[Invoice]:
    """Everything the invoices of these bills print, in a handful of queries for all of them."""
    bills = repos.bills.get_many(bill_ids)
    lines, payments = repos.bills.lines_of(bill_ids), repos.bills.payments_of(bill_ids)
    patients = repos.patients.get_many(sorted({bill.patient_id for bill in bills.values()}))
    doctors = repos.doctors.for_appointments(sorted({b.appt_id for b in bills.values() if b.appt_id is not None}))
    return [Invoice(bills[bill_id], lines[bill_id], patients[bills[bill_id].patient_id],
                    doctors.get(bills[bill_id].appt_id), payments[bill_id], settings.hospital_name,
                    settings.hospital_address, settings.currency, duplicate=printed_before.get(bill_id, 0) > 0)
            for bill_id in bill_ids]


def issue_invoice(db, settings, bill_id: int, text: bool = True, pdf: bool = False) -> list[Path]:
    """Count the print, then write the chosen files. A second print is stamped DUPLICATE."""
    with UnitOfWork(db) as uow:
        paths = _print(uow, settings, [bill_id], writable_folder(settings.invoices_dir), text, pdf)
        uow.commit()
    return paths


def issue_invoices(db, settings, bill_ids: list[int], text: bool = True, pdf: bool = False,
                   progress: Callable[[int], None] | None = None, chunk: int = 50) -> int:
    """A batch: the same as issue_invoice for each bill, `chunk` bills to a transaction (read
    together, counted together), which keeps the database's share of the work small."""
    folder = writable_folder(settings.invoices_dir)
    for start in range(0, len(bill_ids), chunk):
        part = bill_ids[start:start + chunk]
        with UnitOfWork(db) as uow:
            _print(uow, settings, part, folder, text, pdf)
            uow.commit()
        if progress:
            progress(len(part))
    return len(bill_ids)


def _print(uow, settings, bill_ids: list[int], folder: Path, text: bool, pdf: bool) -> list[Path]:
    if pdf:
        from .invoice_pdf import write_pdf  # reportlab is loaded only when a PDF is asked for
    printed_before = uow.bills.record_prints(bill_ids)
    paths = []
    for invoice in load_invoices(uow, bill_ids, settings, printed_before):
        if text:
            with writing(folder / f"{invoice.file_stem}.txt") as path:
                paths.append(write_text(invoice, path))
        if pdf:
            with writing(folder / f"{invoice.file_stem}.pdf") as path:
                paths.append(write_pdf(invoice, path))
    return paths


def write_text(invoice: Invoice, path: Path) -> Path:
    path.write_text(render_text(invoice), encoding="utf-8")
    return path


def money(invoice: Invoice, amount) -> str:
    return format_money(amount, invoice.currency)


def summary_rows(invoice: Invoice) -> list[tuple[str, str]]:
    bill = invoice.bill
    rows = [("Subtotal", money(invoice, bill.subtotal)),
            ("Consultation", money(invoice, bill.consultation_charges)),
            ("Discount", ("-" if bill.discount else "") + money(invoice, bill.discount)),
            ("Tax", money(invoice, bill.tax)),
            ("Total", money(invoice, bill.total_amount)),
            ("Amount paid", money(invoice, bill.amount_paid)),
            ("Balance", money(invoice, bill.balance))]
    return rows


def party_rows(invoice: Invoice) -> list[tuple[str, str]]:
    patient, bill = invoice.patient, invoice.bill
    rows = [("Bill", bill.code), ("Date", str(bill.billing_date)), ("Status", status_text(bill)),
            ("Patient", f"{patient.code}  {patient.name}"),
            ("Age / gender", f"{patient.age} / {patient.gender}"), ("Contact", patient.contact_no)]
    if invoice.doctor:
        rows.append(("Doctor", f"{invoice.doctor.display_name} ({invoice.doctor.specialization})"))
        rows.append(("Appointment", format_code("appointment", bill.appt_id)))
    return rows


def status_text(bill: FinalBill) -> str:
    text = bill.status.value.upper()
    return f"{text} ({bill.void_reason})" if bill.void_reason else text


def render_text(invoice: Invoice) -> str:
    out = [invoice.hospital_name.center(WIDTH), invoice.hospital_address.center(WIDTH)]
    title = "INVOICE - DUPLICATE" if invoice.duplicate else "INVOICE"
    out += [title.center(WIDTH), "=" * WIDTH]
    out += [f"{label + ':':14}{value}" for label, value in party_rows(invoice)]
    out.append("-" * WIDTH)
    out.append(f"{'Code':6} {'Service':30} {'Qty':>5} {'Unit price':>16} {'Line total':>16}")
    for line in invoice.lines:
        out.append(f"{line.service_code:6} {line.service_name[:30]:30} {line.quantity:>5} "
                   f"{money(invoice, line.unit_price):>16} {money(invoice, line.line_total):>16}")
        rest = line.service_name[30:]
        while rest:
            out.append(f"{'':7}{rest[:30]}")
            rest = rest[30:]
    out.append("-" * WIDTH)
    out += [f"{label + ':':>58} {value:>19}" for label, value in summary_rows(invoice)]
    if invoice.payments:
        out.append("-" * WIDTH)
        out += [f"Paid {p.paid_on} by {p.method.value}: {money(invoice, p.amount)}" for p in invoice.payments]
    out.append("=" * WIDTH)
    out.append(f"Printed {date.today()}. Thank you.")
    return "\n".join(line.rstrip() for line in out) + "\n"
