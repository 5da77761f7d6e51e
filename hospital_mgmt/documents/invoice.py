"""An invoice: everything printed on it, and the rows the text and the PDF both show."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.billing import BillItem, FinalBill, Payment
from ..domain.codes import format_code
from ..domain.doctor import Doctor
from ..domain.money import format_money
from ..domain.patient import Patient


@dataclass
class Invoice:
    bill: FinalBill
    items: list[BillItem]
    patient: Patient
    doctor: Doctor | None
    payments: list[Payment]
    hospital_name: str
    hospital_address: str
    currency: str
    duplicate: bool
    printed_on: date

    @property
    def file_stem(self) -> str:
        return f"bill_{self.bill.code}"

    @property
    def title(self) -> str:
        return "INVOICE - DUPLICATE" if self.duplicate else "INVOICE"

    def money(self, amount) -> str:
        return format_money(amount, self.currency)


def summary_rows(invoice: Invoice) -> list[tuple[str, str]]:
    bill, money = invoice.bill, invoice.money
    return [("Subtotal", money(bill.subtotal)),
            ("Consultation", money(bill.consultation_charges)),
            ("Discount", ("-" if bill.discount else "") + money(bill.discount)),
            ("Tax", money(bill.tax)),
            ("Total", money(bill.total_amount)),
            ("Amount paid", money(bill.amount_paid)),
            ("Balance", money(bill.balance))]


TOTAL_ROW = 4  # the index of Total in summary_rows, which the PDF sets in bold


def party_rows(invoice: Invoice) -> list[tuple[str, str]]:
    patient, bill = invoice.patient, invoice.bill
    rows = [("Bill", bill.code), ("Date", str(bill.billing_date)), ("Status", status_text(bill)),
            ("Patient", f"{patient.code}  {patient.name}"),
            ("Age / gender", f"{patient.age} / {patient.gender}"), ("Contact", patient.contact_no)]
    if invoice.doctor and bill.appt_id is not None:
        rows.append(("Doctor", f"{invoice.doctor.display_name} ({invoice.doctor.specialization})"))
        rows.append(("Appointment", format_code("appointment", bill.appt_id)))
    return rows


def status_text(bill: FinalBill) -> str:
    text = bill.status.value.upper()
    return f"{text} ({bill.void_reason})" if bill.void_reason else text
