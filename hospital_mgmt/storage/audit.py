"""The audit table: rows are added with the change they describe, and read back filtered; never
changed or removed (the schema's triggers refuse both)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, time, timedelta

from ..domain.audit import AuditEntry, AuditFilter, AuditRow
from ..domain.staff import Actor, Terminal
from .database import Database
from .paging import PAGE_SIZE, Page, PageAt, make_page, page_window

COLUMNS = "audit_id, happened_at, login, host, process, operation, record, summary, changes"
# What a column holds at most; a longer summary is cut (it is the log line, kept whole in the log).
SUMMARY_LENGTH = 300


class AuditRepository:
    def __init__(self, db: Database):
        self.db = db

    def add(self, entries: list[AuditEntry], actor: Actor, terminal: Terminal, at: datetime) -> None:
        self.db.executemany(
            "INSERT INTO audit (happened_at, user_id, login, host, process, operation, record, summary, changes)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(at.replace(microsecond=0), actor.user_id, actor.login, terminal.host[:100], terminal.process[:60],
              entry.operation, entry.record, entry.summary[:SUMMARY_LENGTH], entry.changes_json())
             for entry in entries])

    def page(self, where: AuditFilter, number: PageAt = 1, size: int = PAGE_SIZE) -> Page[AuditRow]:
        """Newest first."""
        limit, offset = page_window(number, size)
        condition, params = self._condition(where)
        rows = self.db.rows(f"SELECT {COLUMNS} FROM audit{condition} ORDER BY audit_id DESC LIMIT ? OFFSET ?",
                            params + (limit, offset))
        return make_page([self._row(row) for row in rows], number, size)

    def stream(self, where: AuditFilter, batch: int = 5000) -> Iterator[list[AuditRow]]:
        """Every row the filter takes, oldest first, a batch at a time (for a CSV of any size)."""
        condition, params = self._condition(where)
        found = self.db.stream(f"SELECT {COLUMNS} FROM audit{condition} ORDER BY audit_id", params, batch)
        columns = next(found)
        for rows in found:
            yield [self._row(dict(zip(columns, row, strict=True))) for row in rows]

    def for_record(self, record: str) -> list[AuditRow]:
        return [self._row(row) for row in self.db.rows(
            f"SELECT {COLUMNS} FROM audit WHERE record = ? ORDER BY audit_id", (record,))]

    @staticmethod
    def _condition(where: AuditFilter) -> tuple[str, tuple]:
        parts: list[str] = []
        params: list = []
        if where.login:
            parts.append("login = ?")
            params.append(where.login)
        if where.record:
            parts.append("record = ?")
            params.append(where.record)
        if where.operation:
            if where.operation.endswith("."):
                parts.append("operation >= ? AND operation < ?")  # a prefix, as an index range
                params += [where.operation, where.operation[:-1] + "/"]
            else:
                parts.append("operation = ?")
                params.append(where.operation)
        if where.period:
            parts.append("happened_at >= ? AND happened_at < ?")  # the last day whole
            params += [datetime.combine(where.period.first, time()),
                       datetime.combine(where.period.last + timedelta(days=1), time())]
        return (" WHERE " + " AND ".join(parts) if parts else ""), tuple(params)

    def _row(self, row) -> AuditRow:
        return AuditRow(row["audit_id"], self.db.to_datetime(row["happened_at"]), row["login"], row["host"],
                        row["process"], row["operation"], row["record"], row["summary"],
                        json.loads(row["changes"]) if row["changes"] else {})
