"""An invoice: everything printed on it, as a Document the text and PDF writers both draw.

It says what was paid at the moment it is printed; a later print is a DUPLICATE with the figures
of its own moment. A void bill carries a large VOID mark and its reason, and no balance."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..domain.billing import BillItem, BillState, FinalBill, Payment
from ..domain.codes import format_code
from ..domain.doctor import Doctor
from ..domain.money import format_money
from ..domain.patient import Patient
from ..domain.receipt import CreditNote, Receipt
from .layout import Document, Table


@dataclass
class Invoice:
    bill: FinalBill
    items: list[BillItem]
    patient: Patient
    doctor: Doctor | None
    payments: list[Payment]  # every payment, with or without a receipt (those made before receipts)
    header: list[str]
    currency: str
    duplicate: bool
    printed_at: datetime
    printed_by: str = ""
    receipts: list[Receipt] = field(default_factory=list)
    credit_notes: list[CreditNote] = field(default_factory=list)

    @property
    def file_stem(self) -> str:
        return f"bill_{self.bill.code}"

    @property
    def title(self) -> str:
        return "INVOICE - DUPLICATE" if self.duplicate else "INVOICE"

    def money(self, amount) -> str:
        return format_money(amount, self.currency)


def invoice_document(invoice: Invoice) -> Document:
    bill = invoice.bill
    marks = (["DUPLICATE"] if invoice.duplicate else []) + ([f"VOID: {bill.void_reason}"]
                                                            if bill.state is BillState.VOID else [])
    footer = f"{invoice.header[0]} - bill {bill.code} - printed {invoice.printed_at:%Y-%m-%d %H:%M}" + (
        f" by {invoice.printed_by}" if invoice.printed_by else "")
    return Document(invoice.header, invoice.title, party_rows(invoice), _lines(invoice), summary_rows(invoice),
                    TOTAL_ROW, _notes(invoice), marks, footer, f"Invoice {bill.code}")


def _lines(invoice: Invoice) -> Table:
    money = invoice.money
    rows = [[item.service_code, item.service_name, str(item.quantity), money(item.unit_price),
             money(item.line_total)] for item in invoice.items] or [["", "Consultation only", "", "", ""]]
    return Table(["Code", "Service", "Qty", "Unit price", "Line total"], rows, right={2, 3, 4})


TOTAL_ROW = 4  # the index of Total in summary_rows, set in bold


def summary_rows(invoice: Invoice) -> list[tuple[str, str]]:
    bill, money = invoice.bill, invoice.money
    rate = f" ({bill.tax_rate.normalize():f}%)" if bill.tax_rate is not None else ""
    discount = f" ({bill.discount_percent.normalize():f}%)" if bill.discount else ""
    rows = [("Subtotal", money(bill.subtotal)),
            ("Consultation", money(bill.consultation_charges)),
            (f"Discount{discount}", ("-" if bill.discount else "") + money(bill.discount)),
            (f"Tax{rate}", money(bill.tax)),
            ("Total", money(bill.total_amount))]
    if bill.credited:
        codes = ", ".join(note.code for note in invoice.credit_notes)
        rows.append((f"Credited ({codes})" if codes else "Credited", "-" + money(bill.credited)))
    rows.append(("Amount paid", money(bill.received)))
    if bill.refunded:
        rows.append(("Refunded", "-" + money(bill.refunded)))
    if bill.state is not BillState.VOID:
        rows.append(("Balance", money(bill.balance)))
    return rows


def party_rows(invoice: Invoice) -> list[tuple[str, str]]:
    patient, bill = invoice.patient, invoice.bill
    rows = [("Bill", bill.code), ("Date", str(bill.billing_date)), ("Status", bill.state.label)]
    if bill.state is BillState.VOID:
        rows.append(("Void because", bill.void_reason))
    rows += [("Patient", f"{patient.code}  {patient.name}"),
             ("Age / gender", f"{patient.age_text(bill.billing_date)} / {patient.gender}"),
             ("Contact", patient.contact_no)]
    if invoice.doctor and bill.appt_id is not None:
        rows.append(("Doctor", f"{invoice.doctor.display_name} ({invoice.doctor.specialization})"))
        rows.append(("Appointment", format_code("appointment", bill.appt_id)))
    if bill.finalized_at:
        rows.append(("Billed by", f"{bill.finalized_by or 'the system'} at {bill.finalized_at:%Y-%m-%d %H:%M}"))
    return rows


def _notes(invoice: Invoice) -> list[str]:
    money = invoice.money
    notes = []
    for receipt in invoice.receipts:
        what = "Refunded" if receipt.kind.value == "refund" else "Paid"
        notes.append(f"{what} {money(receipt.amount)} by {receipt.method_label} on {receipt.issued_at:%Y-%m-%d %H:%M},"
                     f" receipt {receipt.code}" + (f" (ref. {receipt.reference})" if receipt.reference else ""))
    for payment in invoice.payments:  # payments made before receipts were numbered
        if payment.receipt_no is None:
            notes.append(f"Paid {money(payment.amount)} by {payment.method.label} on {payment.paid_on}")
    for note in invoice.credit_notes:
        notes.append(f"Credit note {note.code} of {note.issued_on}: {money(note.amount)} credited ({note.reason})")
    return notes
