"""A report as every face shows it: a titled table, with further tables beneath when it has them."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Report:
    title: str
    columns: list[str]
    rows: list[list]
    money_columns: set[int] = field(default_factory=set)
    sections: list[Report] = field(default_factory=list)  # further tables (the kpi report's follow-ups)
    name: str = ""  # the report it is (`cash-up`), set by the operation that ran it
    whole_count: int | None = None  # the rows of the whole table, when `rows` may hold only its first
