"""The text invoice: 78 columns, for a plain printer or the screen."""
from __future__ import annotations

from pathlib import Path

from .files import atomic_file
from .invoice import Invoice, party_rows, summary_rows

WIDTH = 78


def write_text(invoice: Invoice, path: Path) -> Path:
    with atomic_file(path) as handle:
        handle.write(render_text(invoice))
    return path


def render_text(invoice: Invoice) -> str:
    money = invoice.money
    out = [invoice.hospital_name.center(WIDTH), invoice.hospital_address.center(WIDTH)]
    out += [invoice.title.center(WIDTH), "=" * WIDTH]
    out += [f"{label + ':':14}{value}" for label, value in party_rows(invoice)]
    out.append("-" * WIDTH)
    out.append(f"{'Code':6} {'Service':30} {'Qty':>5} {'Unit price':>16} {'Line total':>16}")
    for item in invoice.items:
        out.append(f"{item.service_code:6} {item.service_name[:30]:30} {item.quantity:>5} "
                   f"{money(item.unit_price):>16} {money(item.line_total):>16}")
        rest = item.service_name[30:]
        while rest:
            out.append(f"{'':7}{rest[:30]}")
            rest = rest[30:]
    out.append("-" * WIDTH)
    out += [f"{label + ':':>58} {value:>19}" for label, value in summary_rows(invoice)]
    if invoice.payments:
        out.append("-" * WIDTH)
        out += [f"Paid {p.paid_on} by {p.method.value}: {money(p.amount)}" for p in invoice.payments]
    out.append("=" * WIDTH)
    out.append(f"Printed {invoice.printed_on}. Thank you.")
    return "\n".join(line.rstrip() for line in out) + "\n"
