"""Tables with tabulate; money right-aligned, two decimals and the currency."""
from __future__ import annotations

from collections.abc import Sequence, Set
from decimal import Decimal
from typing import Any

from ..domain.money import format_money


def money_cell(amount: Decimal | str | None, currency: str) -> str:
    """An amount with its currency; a blank cell of a money column (a totals row) stays blank."""
    return "" if amount is None or amount == "" else format_money(Decimal(amount), currency)


def render(headers: Sequence[str], rows: Sequence[Sequence[Any]], money_columns: Set[int] = frozenset(),
           right_columns: Set[int] = frozenset(), currency: str = "") -> str:
    """Rows as a plain grid. Numbers are never reparsed by tabulate (no float on the way)."""
    from tabulate import tabulate  # loaded with the first table, not at start-up
    cells = [[money_cell(v, currency) if i in money_columns or isinstance(v, Decimal) else
              ("" if v is None else str(v)) for i, v in enumerate(row)] for row in rows]
    align = ["right" if i in money_columns or i in right_columns else "left" for i in range(len(headers))]
    return tabulate(cells, headers=headers, colalign=align, disable_numparse=True, tablefmt="simple")


def render_report(report, currency: str) -> str:
    """A report and its further sections, each under its title."""
    parts = []
    for table in [report, *report.sections]:
        body = render(table.columns, table.rows, table.money_columns, _numeric_columns(table), currency) \
            if table.rows else "(no rows)"
        parts.append(f"{table.title}\n{body}")
    return "\n\n".join(parts)


def _numeric_columns(table) -> set[int]:
    return {i for i in range(len(table.columns))
            if table.rows and all(isinstance(r[i], int) or r[i] == "" for r in table.rows)
            and any(isinstance(r[i], int) for r in table.rows)}
