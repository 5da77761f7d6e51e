"""The one place where an error becomes what the user sees and the exit status.

Both terminal faces go through it: each one-shot command as a whole (hospital_main.main), and
each action of the menu (App.run_action), after which the menu goes on. An error the application
understands is one line, `Error: <reason>`; anything else is a short apology, with the traceback
in the log (or on the screen with --debug). A later HTTP face maps the same kinds to statuses."""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

from .db_config import SettingsError
from .domain.errors import ErrorKind, HospitalError
from .log_setup import log

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_SETTING = 2
EXIT_INTERRUPTED = 130
HTTP_STATUS = {ErrorKind.NOT_FOUND: 404, ErrorKind.CONFLICT: 409, ErrorKind.REFUSED: 422,
               ErrorKind.NOT_ALLOWED: 403, ErrorKind.UNAUTHENTICATED: 401, ErrorKind.UNAVAILABLE: 503}
APOLOGY = "Sorry, something went wrong and nothing more was done. The details are in {log_file}."


class Screen(Protocol):
    def error(self, reason: str) -> None: ...
    def alert(self, text: str) -> None: ...


def explain(error: BaseException, screen: Screen, *, where: str, log_file: Path | None = None,
            debug: bool = False) -> int:
    """Tell the user what went wrong in one line, log it, and return the exit status."""
    if isinstance(error, KeyboardInterrupt):
        screen.alert("\nInterrupted.")
        return EXIT_INTERRUPTED
    if isinstance(error, BrokenPipeError):  # the reader of our output went away (`... | head`)
        return EXIT_OK
    if isinstance(error, HospitalError):
        log.warning("%s refused: %s", where, type(error).__name__)
        screen.error(str(error))
        return EXIT_BAD_SETTING if isinstance(error, SettingsError) else EXIT_FAILED
    log.exception("unexpected error in %s", where)
    if debug:
        raise error
    screen.alert(APOLOGY.format(log_file=log_file))
    return EXIT_FAILED


def http_status(error: HospitalError) -> int:
    return HTTP_STATUS[error.kind]
