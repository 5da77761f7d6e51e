"""Looking after the database: an integrity check, a backup while terminals keep working, a
restore into an empty database, and the daily summaries computed again."""
from __future__ import annotations

from pathlib import Path

from ..documents.files import check_target, free_path
from ..domain.staff import Permission
from ..storage import maintenance
from .context import Context, allowed, upgrade


@allowed(Permission.MAINTAIN)
def check_database(ctx: Context) -> list[str]:
    """The problems the engine's own check finds; none when the database is sound."""
    problems = maintenance.integrity_problems(ctx.db)
    ctx.log(f"database checked: {len(problems)} problems")  # a damaged database may refuse a row
    return problems


def default_backup_path(ctx: Context) -> Path:
    suffix = "db" if ctx.db.engine == "sqlite" else "jsonl.gz"
    return free_path(ctx.settings.output_dir / "backups" / f"hospital_{ctx.now():%Y%m%d_%H%M%S}.{suffix}")


@allowed(Permission.MAINTAIN)
def backup_database(ctx: Context, path: Path | None = None) -> tuple[Path, dict[str, int]]:
    """A consistent copy of every table, readable by its owner only; where it went and what it holds.
    A backup never replaces a file: not the database it copies, not an earlier backup."""
    target = check_target(Path(path), ctx.settings.own_files(), replace=False) if path else default_backup_path(ctx)
    copied = maintenance.backup(ctx.db, target)
    ctx.record(f"database backed up: {sum(copied.values())} rows", "database.backup")
    return target, copied


@allowed(Permission.MAINTAIN)
def rebuild_summaries(ctx: Context) -> tuple[int, dict[str, int]]:
    """Every daily summary recomputed from the records (after a DBA's repair by hand, say): the
    rows that differed and the rows written per summary, with an audit row."""
    differed, written = maintenance.rebuild_summaries(ctx.db)
    ctx.record(f"daily summaries rebuilt: {sum(written.values())} rows, {differed} had differed",
               "database.rebuild_summaries")
    return differed, written


@allowed(Permission.LOAD_DATA)
def restore_database(ctx: Context, path: Path) -> dict[str, int]:
    """A backup put back into this database, which must be empty; brought to the latest schema."""
    if not ctx.db.has_schema():
        ctx.db.create_schema()
    restored = maintenance.restore(ctx.db, Path(path))
    upgrade(ctx)
    ctx.record(f"database restored from a backup: {sum(restored.values())} rows", "database.restore")
    return restored
