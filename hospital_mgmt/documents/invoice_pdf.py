"""The PDF invoice: one clean A4 page a clerk hands over; long bills flow onto more pages with
the table header repeated."""
from __future__ import annotations

from pathlib import Path

from .invoice import Invoice, invoice_document
from .pdf_document import write_pdf_document


def write_pdf(invoice: Invoice, path: Path) -> Path:
    return write_pdf_document(invoice_document(invoice), path)
