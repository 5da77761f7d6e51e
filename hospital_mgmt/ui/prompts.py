"""Every question the menu asks: validated, re-asked with a one-line reason, never a traceback.

Conventions, the same on every screen:
- Enter on an empty required field goes back (the current action is cancelled, nothing written).
- Enter on an update field keeps the current value, shown in brackets.
- 0 at a menu or a record-code prompt goes back.
"""
from typing import Callable, TypeVar

from ..domain.codes import parse_code
from ..domain.errors import HospitalError
from .console import Console

T = TypeVar("T")
_NO_DEFAULT = object()


class Back(Exception):
    """The user chose to go back; the action stops and nothing is written."""


def ask_value(console: Console, label: str, parse: Callable[[str], T], *, keep=_NO_DEFAULT,
              keep_text: str | None = None, optional: bool = False) -> T | None:
    """Ask until `parse` accepts the answer.

    With `keep`, Enter keeps that value; with `optional`, Enter means no value (None);
    otherwise Enter goes back.
    """
    if keep is not _NO_DEFAULT:
        prompt = f"{label} [{keep_text if keep_text is not None else ('' if keep is None else keep)}]: "
    elif optional:
        prompt = f"{label} (Enter for none): "
    else:
        prompt = f"{label}: "
    while True:
        text = console.ask(prompt).strip()
        if not text:
            if keep is not _NO_DEFAULT:
                return keep
            if optional:
                return None
            raise Back
        try:
            return parse(text)
        except HospitalError as error:
            console.error(str(error))


def ask_code(console: Console, kind: str, label: str | None = None) -> int:
    """A record code such as D07, d7 or 7; 0 or Enter goes back."""
    def parse(text: str) -> int:
        if text == "0":
            raise Back
        return parse_code(kind, text)
    return ask_value(console, label or f"{kind.capitalize()} code (0 to go back)", parse)


def confirm(console: Console, question: str, default: bool = False) -> bool:
    options = "[Y/n]" if default else "[y/N]"
    while True:
        answer = console.ask(f"{question} {options}: ").strip().lower()
        if not answer:
            return default
        if answer in ("y", "yes"):
            return True
        if answer in ("n", "no"):
            return False
        console.error("answer y or n")


def ask_choice(console: Console, label: str, options: list[str]) -> int:
    """Pick one of numbered options (1-based); 0 or Enter goes back."""
    for number, option in enumerate(options, start=1):
        console.say(f"  {number}. {option}")

    def parse(text: str) -> int:
        if text == "0":
            raise Back
        if text.isdigit() and 1 <= int(text) <= len(options):
            return int(text)
        raise HospitalError(f"choose 1 to {len(options)}, or 0 to go back")
    return ask_value(console, label, parse)
