"""Every question the menu asks: validated, re-asked with a one-line reason, never a traceback.

Conventions, the same on every screen:
- Enter on an empty required field goes back (the current action is cancelled, nothing written).
- Enter on an update field keeps the current value, shown in brackets.
- 0 at a menu or a record-code prompt goes back.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TypeVar

from ..domain.codes import parse_code
from ..domain.errors import FileExists, HospitalError, Refused
from .console import Console

T = TypeVar("T")


class Back(Exception):
    """The user chose to go back; the action stops and nothing is written."""


class SignOut(Exception):  # noqa: N818 - named for what the user chose, like Back
    """The user chose "Sign out / switch user": the menu closes and the sign-in screen returns."""


class InvalidAnswer(Refused):
    """An answer the question cannot take; the reason is shown and the question asked again."""


def ask(console: Console, label: str, parse: Callable[[str], T]) -> T:
    """Ask until `parse` accepts the answer; Enter goes back."""
    return _ask_until_parsed(console, f"{label}: ", parse, on_enter=_go_back)


def ask_or_keep(console: Console, label: str, parse: Callable[[str], T], keep: T, shown: str | None = None) -> T:
    """Ask until `parse` accepts the answer; Enter keeps `keep` (shown in brackets, or `shown`)."""
    return _ask_until_parsed(console, f"{label} [{keep if shown is None else shown}]: ", parse, on_enter=lambda: keep)


def ask_optional(console: Console, label: str, parse: Callable[[str], T]) -> T | None:
    """Ask until `parse` accepts the answer; Enter means none."""
    return _ask_until_parsed(console, f"{label} (Enter for none): ", parse, on_enter=lambda: None)


def _ask_until_parsed(console: Console, prompt: str, parse: Callable[[str], T], on_enter: Callable[[], T]) -> T:
    while True:
        text = console.ask(prompt).strip()
        if not text:
            return on_enter()
        try:
            return parse(text)
        except HospitalError as error:
            console.error(str(error))


def _go_back() -> NoReturn:
    raise Back


def ask_code(console: Console, kind: str, label: str | None = None) -> int:
    """A record code such as D07, d7 or 7; 0 or Enter goes back."""
    return ask(console, label or f"{kind.capitalize()} code (0 to go back)", code_parser(kind))


def code_parser(kind: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        if text == "0":
            raise Back
        return parse_code(kind, text)
    return parse


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
        if is_number_from(text, 1, len(options)):
            return int(text)
        raise InvalidAnswer(f"choose 1 to {len(options)}, or 0 to go back")
    return ask(console, label, parse)


def file_path(text: str) -> Path:
    """A file name typed at a prompt: no control characters (a NUL would end the action later);
    0 goes back, as at every prompt that names something."""
    if text == "0":
        raise Back
    if not text.isprintable() or len(text) > 1024:
        raise InvalidAnswer("a file name cannot hold control characters or run past 1024 characters")
    return Path(text).expanduser()


def ask_file_to_write(console: Console, label: str, default: Path, write: Callable[[Path, bool], T]) -> T:
    """Ask for a file name (Enter keeps `default`) and write it with write(path, replace); a file
    that exists already is replaced only when the clerk says so, or else another name is asked."""
    while True:
        path = ask_or_keep(console, label, file_path, default)
        try:
            return write(path, False)
        except FileExists:
            if confirm(console, f"{path} exists already. Replace it?", default=False):
                return write(path, True)
            console.say("Nothing was written; give another name.")


def is_number_from(text: str, low: int, high: int) -> bool:
    """Whether `text` is a plain whole number from low to high (not `²`, not a thousand digits)."""
    return text.isascii() and text.isdigit() and len(text) <= 6 and low <= int(text) <= high
