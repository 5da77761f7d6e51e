"""What the audit trail records of a change: the operation, the record's code, a one-line
summary (record codes only, as the log file holds it) and the fields before and after.

The fields may hold names and phone numbers: they go to the audit table in the database, with
the records themselves, and never to the log file."""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from .period import Period

# Fields that are the record's own bookkeeping, not something a person changed.
UNRECORDED = {"request_key", "password_hash"}


@dataclass(frozen=True)
class AuditEntry:
    operation: str  # `patient.update`, `bill.finalize`: the area, a dot, the verb
    record: str  # the record's code (1001, B001, D02), or '' for an action on no one record
    summary: str  # the log line: `patient 1001 updated`
    changes: dict[str, list[Any]] = dataclasses.field(default_factory=dict)  # field -> [before, after]

    def changes_json(self) -> str:
        return json.dumps(self.changes, ensure_ascii=False, sort_keys=True) if self.changes else ""


def fields_of(record) -> dict[str, Any]:
    """A record's fields as plain values (money as decimal text, dates ISO, enums their value)."""
    if record is None:
        return {}
    if dataclasses.is_dataclass(record):
        values = {f.name: getattr(record, f.name, None) for f in dataclasses.fields(record)}
    else:
        values = dict(record)
    return {name: plain(value) for name, value in values.items() if name not in UNRECORDED}


def changes_between(before, after) -> dict[str, list[Any]]:
    """Every field whose value differs, as [before, after]; a new record has no before, a removed
    record no after (None)."""
    old, new = fields_of(before), fields_of(after)
    return {name: [old.get(name), new.get(name)] for name in sorted(old.keys() | new.keys())
            if old.get(name) != new.get(name)}


def plain(value) -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, set | frozenset):
        return sorted(plain(item) for item in value)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    return value


@dataclass(frozen=True)
class AuditFilter:
    """Which rows to show: any of a user's login, a record's code, an operation (or the start of
    one: `patient.` for every patient operation), a period."""

    login: str | None = None
    record: str | None = None
    operation: str | None = None
    period: Period | None = None


@dataclass(frozen=True)
class AuditRow:
    audit_id: int
    happened_at: datetime
    login: str
    host: str
    process: str
    operation: str
    record: str
    summary: str
    changes: dict

    def changes_text(self) -> str:
        """`field: before -> after; ...`, as a screen or a CSV shows it."""
        return "; ".join(f"{field}: {_shown(before)} -> {_shown(after)}"
                         for field, (before, after) in self.changes.items())


def _shown(value) -> str:
    return "-" if value is None else str(value)
