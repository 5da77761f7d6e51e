"""What a printed document holds, whatever it is printed as: the hospital's header, a title with
its marks (DUPLICATE, VOID), a block of details, a table of lines, the totals beneath the table's
last column, and notes. Invoices, receipts and credit notes are each built into one of these, and
the text and PDF writers draw any of them."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    right: set[int] = field(default_factory=set)  # the columns set to the right (amounts, counts)
    wide: int = 1  # the column that takes the room left (a service name)


@dataclass
class Document:
    header: list[str]  # the hospital's name, then its address, phone and registration lines
    title: str
    details: list[tuple[str, str]]
    table: Table | None = None
    totals: list[tuple[str, str]] = field(default_factory=list)
    bold_total: int | None = None  # which of the totals is the sum that counts
    notes: list[str] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)  # DUPLICATE, VOID: said at the top and stamped behind
    footer: str = ""
    pdf_title: str = ""
    small: bool = False  # printed on A5 (a receipt), not A4


def hospital_header(settings) -> list[str]:
    lines = [settings.hospital_name, settings.hospital_address]
    contact = "   ".join(part for part in (f"Phone {settings.hospital_phone}" if settings.hospital_phone else "",
                                           f"Reg. No. {settings.hospital_registration}"
                                           if settings.hospital_registration else "") if part)
    return lines + ([contact] if contact else [])
