"""Drive the whole menu with scripted answers and read back the transcript."""
import io
from datetime import date

from hospital_mgmt.ui.app import App
from hospital_mgmt.ui.console import Console, ScriptedInput
from hospital_mgmt.ui.main_menu import main_menu

TODAY = date(2026, 11, 22)


def run_menu(db, settings, answers, today=TODAY) -> str:
    """Feed `answers` to the main menu; the run ends at Exit or when the answers run out."""
    out = io.StringIO()
    console = Console(ScriptedInput(answers), out, colour=False, echo=True)
    try:
        main_menu(App(console, settings, db, today=lambda: today)).run()
    except EOFError:
        out.write("<end of input>\n")
    return out.getvalue()
