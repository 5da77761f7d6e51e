"""A numbered menu: the place it sits on the screen, its choices, and 0 to go back."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..domain.staff import Permission
from .app import App
from .prompts import is_number_from


@dataclass
class Choice:
    label: str
    action: Callable[[], None] | None  # None: leave this menu (the main menu's Exit)
    needs: Permission | tuple[Permission, ...] | None = None  # shown to a user with (any of) these


class Menu:
    """The choices the signed-in user may take, numbered (the operations check again)."""

    def __init__(self, app: App, where: str, choices: list[Choice], back_label: str | None = "Back"):
        self.app = app
        self.where = where
        self.choices = [choice for choice in choices if app.may(choice.needs)]
        self.back_label = back_label

    def run(self, until: Callable[[], bool] | None = None) -> None:
        """Loop until 0 (or until `until()` holds after an action); each action runs guarded,
        so an error never leaves the menu."""
        console = self.app.console
        while True:
            console.heading(self.where)
            for number, choice in enumerate(self.choices, start=1):
                console.say(f"  {number}. {choice.label}")
            if self.back_label:
                console.say(f"  0. {self.back_label}")
            answer = console.ask("Choose: ").strip()
            if answer == "0" and self.back_label:
                return
            if is_number_from(answer, 1, len(self.choices)):
                action = self.choices[int(answer) - 1].action
                if action is None:
                    return
                self.app.run_action(action)
                if until is not None and until():
                    return
            elif answer:
                console.error(f"choose {0 if self.back_label else 1} to {len(self.choices)}")
