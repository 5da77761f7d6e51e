"""Folders and files the application writes (invoices, reports, exports): made when missing,
and a folder or file that cannot be written is one clear error, not a traceback."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..domain.errors import OutputError


def writable_folder(folder: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create the folder {folder}: {error.strerror}") from None
    return folder


def writable_file(path: Path) -> Path:
    writable_folder(Path(path).parent)
    return Path(path)


@contextmanager
def writing(path: Path) -> Iterator[Path]:
    """Around the code that writes `path`: an OSError becomes one line naming the file."""
    try:
        yield path
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
