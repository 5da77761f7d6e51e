"""A document as plain text, 78 columns, for a plain printer or the screen. Columns are as wide as
their widest cell (a million-rupee line never runs into its unit price); the wide column and long
values wrap; the totals stand right under the table's last column."""
from __future__ import annotations

import textwrap
from pathlib import Path

from .files import atomic_file
from .layout import Document, Table

WIDTH = 78
LABEL = 16  # the width of a detail's label


def write_text_document(document: Document, path: Path) -> Path:
    with atomic_file(path) as handle:
        handle.write(render_text(document))
    return path


def render_text(document: Document) -> str:
    out = [line.center(WIDTH) for line in document.header]
    out.append(document.title.center(WIDTH))
    out += [line.center(WIDTH) for mark in document.marks for line in textwrap.wrap(f"*** {mark} ***", WIDTH)]
    out.append("=" * WIDTH)
    for label, value in document.details:
        out += _wrapped(f"{label + ':':{LABEL}}", value)
    value_width = max([len(value) for _, value in document.totals], default=0)
    if document.table:
        out.append("-" * WIDTH)
        lines, value_width = _table(document.table, value_width)
        out += lines
    if document.totals:
        out.append("-" * WIDTH)
        out += [f"{label + ':':>{WIDTH - value_width - 1}} {value:>{value_width}}" for label, value in document.totals]
    if document.notes:
        out.append("-" * WIDTH)
        for note in document.notes:
            out += textwrap.wrap(note, WIDTH) or [""]
    out.append("=" * WIDTH)
    if document.footer:
        out += textwrap.wrap(document.footer, WIDTH)
    return "\n".join(line.rstrip() for line in out) + "\n"


def _wrapped(label: str, value: str) -> list[str]:
    lines = textwrap.wrap(value, WIDTH - len(label)) or [""]
    return [label + lines[0]] + [" " * len(label) + line for line in lines[1:]]


def _table(table: Table, totals_width: int) -> tuple[list[str], int]:
    """The table's lines, the full width, and the width of its last column (at least the totals'
    width, so the totals stand right under it)."""
    cells = [table.columns] + table.rows
    widths = [max(len(str(row[i])) for row in cells) for i in range(len(table.columns))]
    widths[-1] = max(widths[-1], totals_width)
    widths[table.wide] = max(WIDTH - sum(widths) - (len(widths) - 1) + widths[table.wide], 10)
    lines = []
    for row in cells:
        wrapped = [textwrap.wrap(str(cell), widths[i]) or [""] if i == table.wide else [str(cell)]
                   for i, cell in enumerate(row)]
        for depth in range(max(len(parts) for parts in wrapped)):
            lines.append(" ".join(_cell(parts[depth] if depth < len(parts) else "", widths[i], i in table.right)
                                  for i, parts in enumerate(wrapped)))
        if row is table.columns:
            lines.append(" ".join("-" * width for width in widths))
    return lines, widths[-1]


def _cell(text: str, width: int, right: bool) -> str:
    return f"{text:>{width}}" if right else f"{text:<{width}}"
