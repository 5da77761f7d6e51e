"""The rotating log file: what happened, with record codes; never names or phone numbers.

The file and its folder are readable by their owner only. A log that cannot be written (a full
disk, say) is reported once, in one line, and the work goes on without it."""
from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path

from .paths import make_private_folder

LOGGER_NAME = "hospital_mgmt"
log = logging.getLogger(LOGGER_NAME)
log.addHandler(logging.NullHandler())  # until configure(): nothing reaches the screen


class PrivateLogFile(RotatingFileHandler):
    """Files of mode 0600; a line the disk refuses makes one warning, not a traceback on screen."""

    def __init__(self, path: Path, warn: Callable[[str], None]):
        self.warn, self.warned = warn, False
        super().__init__(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")

    def _open(self):
        stream = super()._open()
        os.chmod(self.baseFilename, 0o600)
        return stream

    def handleError(self, record: logging.LogRecord) -> None:
        if self.warned:
            return
        self.warned = True
        error = sys.exc_info()[1]
        reason = getattr(error, "strerror", None) or str(error)
        self.warn(f"Warning: cannot write the log file {self.baseFilename} ({reason}); the work goes on without it.")


def configure(log_file: Path, warn: Callable[[str], None] | None = None) -> str | None:
    """Send the log to `log_file`; return a warning to show when it cannot be opened. Later write
    failures are passed to `warn` once."""
    for handler in list(log.handlers):
        log.removeHandler(handler)
        handler.close()
    log.setLevel(logging.INFO)
    log.propagate = False
    try:
        make_private_folder(log_file.parent)
        handler = PrivateLogFile(log_file, warn or _to_stderr)
    except OSError as error:
        log.addHandler(logging.NullHandler())
        return f"Warning: cannot write the log file {log_file} ({error.strerror}); continuing without a log."
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    return None


def _to_stderr(text: str) -> None:
    sys.stderr.write(text + "\n")
