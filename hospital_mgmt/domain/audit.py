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
