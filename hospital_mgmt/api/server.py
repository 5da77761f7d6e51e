"""`hospital-mgmt serve`: the API under uvicorn, on loopback unless told otherwise. Ctrl-C or
SIGTERM lets the requests under way finish, then stops.

uvicorn's access log is off: a request line carries its query string, which may hold a name
or a phone number searched for; what changed is in the audit trail and the log, by code."""
from __future__ import annotations

import signal

from ..db_config import Settings
from .app import create_app


def serve(settings: Settings, host: str, port: int, say) -> None:
    import uvicorn
    say(f"Serving {settings.describe_database()} at http://{host}:{port} (interactive docs at /docs);"
        " Ctrl-C stops.")
    # uvicorn finishes the requests under way on SIGTERM, then raises the signal again for the
    # handler it found: with this one the process then ends normally (exit status 0).
    previous = signal.signal(signal.SIGTERM, lambda number, frame: None)
    try:
        uvicorn.run(create_app(settings), host=host, port=port, access_log=False, log_level="warning",
                    timeout_graceful_shutdown=10)
    finally:
        signal.signal(signal.SIGTERM, previous)
    say("Stopped.")
