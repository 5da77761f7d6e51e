"""No keystroke ends the program but end-of-input: seeded random sessions over every menu, with
hostile lines, bytes that are not UTF-8, huge numbers and real codes, never reach the apology,
a traceback, or an exit; and the same holds for a real process on a strict UTF-8 terminal."""
import io
import random
from datetime import datetime

import pytest

from hospital_mgmt.operations.context import Context, FixedClock
from hospital_mgmt.storage.seed_loader import load_seed
from hospital_mgmt.ui.app import App
from hospital_mgmt.ui.console import Console, ScriptedInput
from hospital_mgmt.ui.main_menu import main_menu
from tests.e2e.helpers import run_app
from tests.support import ADMIN_EXIT, AS_ADMIN, FIRST_ADMINISTRATOR

SESSIONS = 60
EPISODES = 12  # each: a section, one of its actions, then a burst of answers
HOSTILE = ["", " ", "0", "-1", "1.5", "²", "٣", "9" * 5000, "99999999999999999999", "\x00", "\x00file.csv", "\x1b[A",
           "%s", "{}", "'; DROP TABLE patients;--", "\ufffd\ufffd", "\udcff", "O'Brien", "Zoë Ñúñez", "a" * 300, "\t",
           "=1+1", "?", "n", "p", "y", "N", "sub/../x.csv", "nofolder/x.csv", "out.txt", "%", "_", "*", "[a"]
REAL = ["1001", "1002", "D1", "d07", "S1", "s2", "A1", "A3", "B1", "B2", "2026-11-22", "2026-11-23", "2025-01-31",
        "09:00", "10:15", "16:45", "07:00", "Asha Rao", "sharma", "98765", "9876543210", "500", "10%", "1", "2",
        "Chest pain", "cash", "scheduled", "no-show"]
MENU = [str(n) for n in range(10)]


def session(rng: random.Random) -> list[str]:
    """Episodes that reach every action's prompts: real answers get past the first questions,
    hostile ones land on whichever prompt comes next; "0"s and Enters lead back out."""
    answers = []
    for _ in range(EPISODES):
        answers += [str(rng.randint(1, 9)), str(rng.randint(1, 9))]
        answers += [rng.choice(REAL if rng.random() < 0.5 else HOSTILE) for _ in range(rng.randint(1, 10))]
        answers += ["", "0", "0", "0"]
    return answers


@pytest.fixture
def hospital(db, settings_for, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # files the sessions name are written here
    load_seed(db)
    return Context(settings_for(db), db, FixedClock(datetime(2026, 11, 22, 10, 20)))


def test_random_and_hostile_sessions_over_every_menu_end_only_at_end_of_input(hospital):
    rng = random.Random(20261122)
    for number in range(SESSIONS):
        answers = session(rng)
        out = io.StringIO()
        console = Console(ScriptedInput(answers), out, colour=False, echo=True)
        with pytest.raises(EOFError):  # no answer is Exit: only the end of the answers ends the session
            main_menu(App(console, hospital)).run()
        transcript = out.getvalue()
        assert transcript.count("\nMain menu >\n") > EPISODES, number
        assert "Sorry, something went wrong" not in transcript, (number, answers, transcript[-3000:])
        assert "Traceback" not in transcript, (number, answers)


def test_bytes_that_are_not_utf8_are_refused_at_a_strict_utf8_terminal(tmp_path):
    signed_in = "\n".join(["n", *FIRST_ADMINISTRATOR, *AS_ADMIN]).encode() + b"\n"
    keystrokes = signed_in + b"\xff\xfe\n1\n3\n\xc3\x28 broken\n\n0\n" + ADMIN_EXIT.encode() + b"\n"
    result = run_app([], tmp_path, input_text=keystrokes, PYTHONIOENCODING="utf-8")
    assert result.returncode == 0, result.stderr
    assert "Choose: \ufffd\ufffd\nError: choose 1 to 10\n" in result.stdout
    assert "Part of the name (Enter to go back): \ufffd( broken\nNo patient's name contains" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr and result.stdout.rstrip().endswith("Goodbye.")
