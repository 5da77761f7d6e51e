"""Setting a database up: its tables, the demo data, or a synthetic hospital for benchmarks."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.staff import Permission
from ..storage.seed_loader import SEED_DIR, load_seed
from .context import Context, allowed

if TYPE_CHECKING:
    from ..storage.scale_loader import ScaleTable


def create_schema(ctx: Context) -> bool:
    """Create the tables unless they exist; says whether it created them."""
    if ctx.db.has_schema():
        return False
    ctx.db.create_schema()
    ctx.log(f"schema created on {ctx.db.engine}")
    return True


@allowed(Permission.LOAD_DATA)
def load_demo_data(ctx: Context, folder: Path | None = None) -> dict[str, int]:
    """The demo CSVs (seed/), into an empty database only; rows loaded per table."""
    loaded = load_seed(ctx.db, folder or SEED_DIR)
    ctx.record(f"demo data loaded on {ctx.db.engine}: {sum(loaded.values())} rows", "database.demo_data")
    return loaded


def scale_plan(patients: int) -> list[ScaleTable]:
    """The tables of a synthetic hospital of this many patients, each with its row count."""
    from ..storage.scale_loader import scale_tables  # the generator is loaded only for --scale
    return scale_tables(patients)


@allowed(Permission.LOAD_DATA)
def load_scale_data(ctx: Context, tables: list[ScaleTable],
                    progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    from ..storage.scale_loader import load_scale
    loaded = load_scale(ctx.db, tables, progress=progress)
    ctx.record(f"scale data loaded on {ctx.db.engine}: {sum(loaded.values())} rows", "database.scale_data")
    return loaded
