"""A receipt for a movement of money, and a credit note, as Documents for the text and PDF writers.
A reprint of either is stamped DUPLICATE."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.billing import FinalBill
from ..domain.codes import format_code
from ..domain.money import format_money
from ..domain.money_words import amount_in_words
from ..domain.patient import Patient
from ..domain.receipt import CreditNote, Receipt, ReceiptKind
from ..domain.service import Service
from .layout import Document, Table


@dataclass
class PrintedReceipt:
    receipt: Receipt
    patient: Patient
    header: list[str]
    currency: str
    duplicate: bool
    printed_at: datetime

    @property
    def file_stem(self) -> str:
        return f"receipt_{self.receipt.code}"


def receipt_document(printed: PrintedReceipt) -> Document:
    receipt, money = printed.receipt, (lambda amount: format_money(amount, printed.currency))
    details = [("Receipt", receipt.code), ("Date and time", f"{receipt.issued_at:%Y-%m-%d %H:%M}"),
               ("Patient", f"{printed.patient.code}  {printed.patient.name}")]
    if receipt.bill_id is not None:
        details.append(("Bill", format_code("bill", receipt.bill_id)))
    if receipt.credit_id is not None:
        details.append(("Credit note", format_code("credit", receipt.credit_id)))
    details += [("Amount", money(receipt.amount)), ("In words", amount_in_words(receipt.amount, printed.currency)),
                ("Method", receipt.method_label)]
    if receipt.reference:
        details.append(("Reference", receipt.reference))
    if receipt.tendered is not None and receipt.change is not None:
        details += [("Cash tendered", money(receipt.tendered)), ("Change", money(receipt.change))]
    if receipt.reason:
        details.append(("Reason", receipt.reason))
    details.append(("Cashier", receipt.cashier or "the system"))
    if receipt.balance_after is not None:
        details.append((_balance_label(receipt), money(receipt.balance_after)))
    title = receipt.kind.heading + (" - DUPLICATE" if printed.duplicate else "")
    footer = f"{printed.header[0]} - receipt {receipt.code} - printed {printed.printed_at:%Y-%m-%d %H:%M}"
    return Document(printed.header, title, details, totals=[("Amount", money(receipt.amount))], bold_total=0,
                    marks=["DUPLICATE"] if printed.duplicate else [], footer=footer,
                    pdf_title=f"Receipt {receipt.code}", small=True)


def _balance_label(receipt: Receipt) -> str:
    if receipt.kind is ReceiptKind.DEPOSIT or (receipt.kind is ReceiptKind.REFUND and receipt.bill_id is None):
        return "Deposit held"
    return "Balance after"


@dataclass
class PrintedCreditNote:
    note: CreditNote
    bill: FinalBill
    patient: Patient
    services: dict[int, Service]
    header: list[str]
    currency: str
    duplicate: bool
    printed_at: datetime

    @property
    def file_stem(self) -> str:
        return f"credit_note_{self.note.code}"


def credit_note_document(printed: PrintedCreditNote) -> Document:
    note, bill, money = printed.note, printed.bill, (lambda amount: format_money(amount, printed.currency))
    details = [("Credit note", note.code), ("Date", f"{note.issued_at:%Y-%m-%d %H:%M}"),
               ("Bill", f"{bill.code} of {bill.billing_date} ({money(bill.total_amount)})"),
               ("Patient", f"{printed.patient.code}  {printed.patient.name}"), ("Reason", note.reason),
               ("Credits", "the whole bill" if note.whole_bill else "the lines below"),
               ("Issued by", note.issued_by or "the system")]
    if note.approved_by:
        details.append(("Approved by", note.approved_by))
    rows = [[line.service_code, printed.services[line.service_id].name if line.service_id in printed.services else "",
             str(line.quantity), money(line.amount)] for line in note.lines]
    totals = [("Credited", money(note.amount))]
    notes = []
    if note.refund:
        totals.append((f"Refunded by {note.refund.method_label}", money(note.refund.amount)))
        notes.append(f"Refund receipt {note.refund.code}" + (f" (ref. {note.refund.reference})"
                                                             if note.refund.reference else ""))
    if bill.credited == bill.total_amount:
        notes.append(f"Bill {bill.code} is CANCELLED BY CREDIT NOTE.")
    title = "CREDIT NOTE" + (" - DUPLICATE" if printed.duplicate else "")
    footer = f"{printed.header[0]} - credit note {note.code} - printed {printed.printed_at:%Y-%m-%d %H:%M}"
    return Document(printed.header, title, details,
                    Table(["Code", "Service", "Qty", "Credited"], rows, right={2, 3}) if rows else None,
                    totals, 0, notes, ["DUPLICATE"] if printed.duplicate else [], footer, f"Credit note {note.code}")
