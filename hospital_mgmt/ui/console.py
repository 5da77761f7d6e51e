"""Input and output passed in, so tests (and pipes) drive the menu without a terminal."""
import os
import sys
from typing import Callable, TextIO

RED, BOLD, DIM, RESET = "\033[31m", "\033[1m", "\033[2m", "\033[0m"


def wants_colour(out: TextIO, environ=os.environ) -> bool:
    return "NO_COLOR" not in environ and hasattr(out, "isatty") and out.isatty()


class Console:
    def __init__(self, read_line: Callable[[], str] | None = None, out: TextIO | None = None,
                 colour: bool | None = None, echo: bool = False):
        self.read_line = read_line or input
        self.out = out or sys.stdout
        self.colour = wants_colour(self.out) if colour is None else colour
        self.echo = echo  # write the answer into the output (scripted runs, for a readable transcript)

    def ask(self, prompt: str) -> str:
        """One line from the user. EOFError and KeyboardInterrupt pass through to the caller."""
        self.out.write(self._style(BOLD, prompt))
        self.out.flush()
        answer = self.read_line()
        if self.echo:
            self.out.write(answer + "\n")
        return answer

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def error(self, reason: str) -> None:
        self.say(self._style(RED, f"Error: {reason}"))

    def heading(self, where: str) -> None:
        self.say()
        self.say(self._style(BOLD, f"{where} >"))

    def hint(self, text: str) -> None:
        self.say(self._style(DIM, text))

    def _style(self, code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if self.colour else text


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
