"""Folders and files the application writes (invoices, reports, exports).

Every file is written whole or not at all: into a temporary file beside it, which replaces the
target only once it is complete, so a kill or a full disk never leaves half a PDF. Files are
readable by their owner only (0600, folders 0700): they hold patient data. A folder or file that
cannot be written is one clear error, not a traceback."""
from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ..domain.errors import FileExists, OutputError, OutputRefused
from ..paths import make_private_folder


def writable_folder(folder: Path) -> Path:
    try:
        make_private_folder(folder)
    except OSError as error:
        raise OutputError(f"cannot create the folder {folder}: {error.strerror}") from None
    return folder


@contextmanager
def atomic_file(path: Path, newline: str | None = None, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """A text file to write `path` through, put in place only when the block ends without error."""
    with atomic_path(path) as temporary, open(temporary, "w", newline=newline, encoding=encoding) as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A private temporary file name beside `path`, for writers that take a name (reportlab),
    renamed over `path` when the block ends without error, and removed when it does not."""
    folder = writable_folder(Path(path).parent)
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=f".{Path(path).name}.", suffix=".part")
        os.close(handle)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, path)
    except OSError as error:
        _remove(temporary)
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        _remove(temporary)
        raise


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def free_path(path: Path) -> Path:
    """`path`, or when a file has that name already, the first of name_2, name_3... that is free:
    a default name never replaces an earlier copy."""
    path, candidate, number = Path(path), Path(path), 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}_{number}{path.suffix}")
        number += 1
    return candidate


def check_target(path: Path, protected: list[Path], replace: bool) -> Path:
    """A file a user named to write: never one of the application's own (the database, the log,
    the settings), and an existing one only when replacing it was asked for (FileExists)."""
    try:
        target = Path(path).expanduser().resolve()
        for own in protected:
            if target == own.expanduser().resolve():
                raise OutputRefused(f"{path} is the application's own file ({own.name}); choose another name")
        if target.is_dir():
            raise OutputRefused(f"{path} is a folder; give a file name")
        if target.exists() and not target.is_file():  # a device or a pipe: replacing it would break the system
            raise OutputRefused(f"{path} is not an ordinary file; give a file name")
        exists = target.exists()
    except OSError as error:  # a name too long, a folder that cannot be entered...
        raise OutputRefused(f"cannot write {path}: {error.strerror or error}") from None
    if exists and not replace:
        raise FileExists(Path(path))
    return Path(path)
