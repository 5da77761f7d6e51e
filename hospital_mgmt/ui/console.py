"""Input and output passed in, so tests (and pipes) drive the menu without a terminal."""
from __future__ import annotations

import contextlib
import getpass
import os
import re
import select
import sys
import time
from collections.abc import Callable
from typing import Protocol, TextIO

RED, BOLD, DIM, RESET = "\033[31m", "\033[1m", "\033[2m", "\033[0m"
SURROGATES = re.compile("[\ud800-\udfff]")


def wants_colour(out: TextIO, environ=os.environ) -> bool:
    return "NO_COLOR" not in environ and hasattr(out, "isatty") and out.isatty()


class Lock(Protocol):
    """What locks the screen after a while without input, and asks the same user to unlock it."""

    seconds: float

    def unlock(self, console: Console) -> None: ...


class Console:
    """Where a face reads and writes. The menu's dialogue (answers, results, errors to re-ask)
    goes to `out`; what ends a command or the start-up goes to `err` through `errors`. A console
    on the real terminal writes `err` to standard error; one made for a test keeps both in `out`."""

    def __init__(self, read_line: Callable[[], str] | None = None, out: TextIO | None = None,
                 colour: bool | None = None, echo: bool = False, err: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic, interactive: bool | None = None):
        on_terminal = read_line is None and sys.stdin.isatty()
        if on_terminal:
            _line_editing()
        self.interactive = on_terminal if interactive is None else interactive  # a person can type a password
        self.read_line = read_line or input
        self.read_secret: Callable[[str], str] = getpass.getpass if on_terminal else self._read_hidden
        self.wait_for_input: Callable[[float], bool] | None = _stdin_ready if on_terminal else None
        self.out = out or sys.stdout
        self.err = err or (sys.stderr if self.out is sys.stdout else self.out)
        self.colour = wants_colour(self.out) if colour is None else colour
        self.echo = echo  # write the answer into the output (scripted runs, for a readable transcript)
        self.clock = clock
        self.lock: Lock | None = None  # set while someone is signed in at the menu

    def ask(self, prompt: str) -> str:
        """One line from the user. EOFError and KeyboardInterrupt pass through to the caller.
        Bytes that were not text (read as lone surrogates) come back as U+FFFD.

        While a lock is set, a question left unanswered for its time locks the screen; once the
        user has unlocked it, the same question is asked again (what was typed before is not
        taken: it may not have been them), and the work on the screen goes on."""
        while True:
            self.out.write(self.style(BOLD, prompt))
            self.out.flush()
            shown = self.clock()
            lock = self.lock
            if lock and self.wait_for_input and not self.wait_for_input(lock.seconds):
                self._locked(lock)
                continue
            answer = SURROGATES.sub("\ufffd", self.read_line())
            if lock and self.clock() - shown >= lock.seconds:
                self._locked(lock)
                continue
            if self.echo:
                self.out.write(answer + "\n")
            return answer

    def ask_secret(self, prompt: str) -> str:
        """A password: never shown, nor written into a transcript."""
        return SURROGATES.sub("\ufffd", self.read_secret(prompt))

    def _read_hidden(self, prompt: str) -> str:
        self.out.write(self.style(BOLD, prompt))
        self.out.flush()
        answer = self.read_line()
        if self.echo:
            self.out.write("\n")
        return answer

    def _locked(self, lock: Lock) -> None:
        self.lock = None  # the unlock questions themselves do not lock
        try:
            if hasattr(self.out, "isatty") and self.out.isatty():
                self.out.write("\033[2J\033[H")  # the patient's details leave the screen
            lock.unlock(self)
        finally:
            self.lock = lock

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def error(self, reason: str) -> None:
        self.say(self.style(RED, f"Error: {reason}"))

    def alert(self, text: str) -> None:
        """A line about the program itself (an apology, a warning) rather than the records."""
        self.say(text)

    @property
    def errors(self) -> ErrorStream:
        return ErrorStream(self)

    def heading(self, where: str) -> None:
        self.say()
        self.say(self.style(BOLD, f"{where} >"))

    def hint(self, text: str) -> None:
        self.say(self.style(DIM, text))

    def style(self, code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if self.colour else text


def _line_editing() -> None:
    """Arrow keys, editing and the answers given before (this session only: no history file, as
    the answers hold patients' names) at every prompt, where the terminal has readline."""
    with contextlib.suppress(ImportError):  # not every Python has it (Windows); the prompts work without it
        import readline  # noqa: F401 - importing it is what turns input() into an editing line


def _stdin_ready(seconds: float) -> bool:
    """Whether a line is typed at the terminal within the time (a terminal in line mode is ready
    only once Enter is pressed)."""
    return bool(select.select([sys.stdin], [], [], seconds)[0])


class ErrorStream:
    """The console's error and alert lines, written to its error stream: where the failure of
    a one-shot command, or of the start-up, goes."""

    def __init__(self, console: Console):
        self.console = console

    def error(self, reason: str) -> None:
        self.console.err.write(self.console.style(RED, f"Error: {reason}") + "\n")

    def alert(self, text: str) -> None:
        self.console.err.write(text + "\n")


class ScriptedInput:
    """Answers from a list, then end of input, as when a person presses Ctrl-D."""

    def __init__(self, answers):
        self.answers = list(answers)

    def __call__(self) -> str:
        if not self.answers:
            raise EOFError
        answer = self.answers.pop(0)
        if answer is KeyboardInterrupt:
            raise KeyboardInterrupt
        return answer
