"""Drive the whole menu with scripted answers and read back the transcript."""
import io
import re
from dataclasses import replace
from datetime import date, datetime, time

from hospital_mgmt.operations.context import Context, FixedClock
from hospital_mgmt.ui.app import App
from hospital_mgmt.ui.console import Console, ScriptedInput
from hospital_mgmt.ui.main_menu import main_menu

TODAY = date(2026, 11, 22)
MORNING = time(8, 0)  # the menu tests run at 08:00, before the doctors' day begins


def run_menu(db, settings, answers, today=TODAY, at=MORNING, staff=None) -> str:
    """Feed `answers` to the main menu (the application's own, or `staff` signed in); the run ends
    at Exit or when the answers run out."""
    out = io.StringIO()
    console = Console(ScriptedInput(answers), out, colour=False, echo=True)
    ctx = Context(settings, db, FixedClock(datetime.combine(today, at)))
    if staff is not None:
        ctx = replace(ctx, actor=staff.actor())
    try:
        main_menu(App(console, ctx)).run()
    except EOFError:
        out.write("<end of input>\n")
    return out.getvalue()


def table_rows(transcript: str, first_cell: str) -> list[list[str]]:
    """The cells of every table line in the transcript that begins with `first_cell` (tables
    are plain grids whose columns are at least two spaces apart)."""
    return [re.split(r"\s{2,}", line.strip()) for line in transcript.splitlines()
            if line.startswith(first_cell + " ")]
