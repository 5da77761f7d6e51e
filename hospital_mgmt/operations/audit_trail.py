"""Reading the audit trail: who did what, when, at which terminal, filtered and paged, or to CSV.
The trail is only ever added to; nothing here (or anywhere) changes a row of it."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..documents.csv_files import write_rows_csv
from ..documents.files import check_target, free_path
from ..domain.audit import AuditFilter, AuditRow
from ..domain.staff import Permission
from ..storage.paging import PAGE_SIZE, Page, PageAt
from .context import Context, allowed
from .documents import period_in_name

CSV_COLUMNS = ["audit_id", "happened_at", "login", "host", "process", "operation", "record", "summary", "changes"]


@allowed(Permission.VIEW_AUDIT)
def audit_page(ctx: Context, where: AuditFilter, page: PageAt = 1, size: int = PAGE_SIZE) -> Page[AuditRow]:
    """The newest rows first."""
    return ctx.repos.audit_trail.page(where, page, size)


@allowed(Permission.VIEW_AUDIT)
def record_history(ctx: Context, record: str) -> list[AuditRow]:
    """Every change of one record, oldest first."""
    return ctx.repos.audit_trail.for_record(record)


def default_audit_path(ctx: Context, where: AuditFilter) -> Path:
    part = period_in_name(where.period) if where.period else f"upto_{ctx.today():%Y%m%d}"
    return free_path(ctx.settings.reports_dir / f"audit_{part}.csv")


@allowed(Permission.VIEW_AUDIT)
def export_audit(ctx: Context, where: AuditFilter, path: Path, *, replace: bool = False) -> int:
    """The rows the filter takes, oldest first, to CSV (the changes as JSON text); how many."""
    check_target(path, ctx.settings.own_files(), replace)
    count = 0

    def rows() -> Iterator[list]:
        nonlocal count
        for batch in ctx.repos.audit_trail.stream(where):
            count += len(batch)
            for row in batch:
                yield [row.audit_id, row.happened_at, row.login, row.host, row.process, row.operation, row.record,
                       row.summary, row.changes_text()]
    write_rows_csv(path, CSV_COLUMNS, rows())
    ctx.record(f"audit trail exported: {count} rows", "export.audit")
    return count
