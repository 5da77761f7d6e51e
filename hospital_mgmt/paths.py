"""Folders the application makes for its files (the database, logs, invoices, reports, backups),
readable by their owner only: they hold patient data."""
from __future__ import annotations

import errno
import os
from pathlib import Path

PRIVATE_FOLDER = 0o700


def make_private_folder(folder: Path) -> Path:
    """Create the folder and every missing folder above it with mode 0700 (mkdir's own parents=True
    would make those above with the default mode); folders that exist are left as they are."""
    folder = Path(folder)
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    target = missing[0] if missing else folder
    for path in reversed(missing):
        path.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
    if not target.is_dir():  # a file where the folder should be
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(target))
    return target
