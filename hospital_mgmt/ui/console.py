"""Input and output passed in, so tests (and pipes) drive the menu without a terminal."""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from typing import TextIO

RED, BOLD, DIM, RESET = "\033[31m", "\033[1m", "\033[2m", "\033[0m"
SURROGATES = re.compile("[\ud800-\udfff]")


def wants_colour(out: TextIO, environ=os.environ) -> bool:
    return "NO_COLOR" not in environ and hasattr(out, "isatty") and out.isatty()


class Console:
    """Where a face reads and writes. The menu's dialogue (answers, results, errors to re-ask)
    goes to `out`; what ends a command or the start-up goes to `err` through `errors`. A console
    on the real terminal writes `err` to standard error; one made for a test keeps both in `out`."""

    def __init__(self, read_line: Callable[[], str] | None = None, out: TextIO | None = None,
                 colour: bool | None = None, echo: bool = False, err: TextIO | None = None):
        self.read_line = read_line or input
        self.out = out or sys.stdout
        self.err = err or (sys.stderr if self.out is sys.stdout else self.out)
        self.colour = wants_colour(self.out) if colour is None else colour
        self.echo = echo  # write the answer into the output (scripted runs, for a readable transcript)

    def ask(self, prompt: str) -> str:
        """One line from the user. EOFError and KeyboardInterrupt pass through to the caller.
        Bytes that were not text (read as lone surrogates) come back as U+FFFD."""
        self.out.write(self.style(BOLD, prompt))
        self.out.flush()
        answer = SURROGATES.sub("\ufffd", self.read_line())
        if self.echo:
            self.out.write(answer + "\n")
        return answer

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
