"""The rotating log file: what happened, with record codes; never names or phone numbers."""
from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOGGER_NAME = "hospital_mgmt"
log = logging.getLogger(LOGGER_NAME)
log.addHandler(logging.NullHandler())  # until configure(): nothing reaches the screen


def configure(log_file: Path) -> str | None:
    """Send the log to `log_file`; return a warning to show when it cannot be written."""
    for handler in list(log.handlers):
        log.removeHandler(handler)
        handler.close()
    log.setLevel(logging.INFO)
    log.propagate = False
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError as error:
        log.addHandler(logging.NullHandler())
        return f"Warning: cannot write the log file {log_file} ({error.strerror}); continuing without a log."
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    return None
