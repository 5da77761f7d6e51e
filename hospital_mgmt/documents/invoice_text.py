"""The text invoice: 78 columns, for a plain printer or the screen."""
from __future__ import annotations

from pathlib import Path

from .invoice import Invoice, invoice_document
from .text_document import render_text, write_text_document


def write_text(invoice: Invoice, path: Path) -> Path:
    return write_text_document(invoice_document(invoice), path)


def render_invoice_text(invoice: Invoice) -> str:
    return render_text(invoice_document(invoice))
