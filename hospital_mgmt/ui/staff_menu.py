"""Staff accounts > (administrators): list, add, change roles, reset a password, deactivate."""
from __future__ import annotations

from ..domain.codes import format_code
from ..domain.staff import Role, StaffMember, roles_text, validate_full_name, validate_login, validate_roles
from ..operations import staff
from .app import App
from .menu import Choice, Menu
from .pickers import pick_doctor
from .prompts import Back, ask, confirm
from .session import ask_new_password

ROLES_HINT = "Roles, separated by commas: " + ", ".join(role.label for role in Role)


def staff_menu(app: App) -> Menu:
    return Menu(app, "Staff accounts", [
        Choice("List staff", lambda: list_staff(app)),
        Choice("Add a staff member", lambda: add_member(app)),
        Choice("Change roles", lambda: change_roles(app)),
        Choice("Reset a password", lambda: reset_password(app)),
        Choice("Deactivate or activate an account", lambda: toggle_active(app)),
    ])


def show_members(app: App, members: list[StaffMember]) -> None:
    app.show_table(["Login", "Full name", "Roles", "Doctor", "Active", "Last sign-in"],
                   [[m.login, m.full_name, roles_text(m.roles),
                     format_code("doctor", m.doctor_id) if m.doctor_id else "", "yes" if m.active else "no",
                     f"{m.last_login:%Y-%m-%d %H:%M}" if m.last_login else "never"] for m in members])


def list_staff(app: App) -> None:
    app.page_through(lambda number: staff.list_staff(app.ctx, number), lambda items: show_members(app, items),
                     "No staff accounts.")


def _pick_member(app: App) -> StaffMember:
    def find(text: str) -> StaffMember:
        if text == "0":
            raise Back
        return staff.get_staff_member(app.ctx, text)
    member = ask(app.console, "Login name (0 to go back)", find)
    show_members(app, [member])
    return member


def _ask_roles(app: App) -> tuple[frozenset[Role], int | None]:
    app.console.hint(ROLES_HINT)
    roles = ask(app.console, "Roles", validate_roles)
    doctor_id = None
    if Role.DOCTOR in roles:
        doctor = pick_doctor(app, "Their doctor record (code or name, 0 to go back)")
        doctor_id = doctor.doctor_id
    return roles, doctor_id


def add_member(app: App) -> None:
    login = ask(app.console, "Login name (a-z, 0-9, . _ -)", validate_login)
    full_name = ask(app.console, "Full name", validate_full_name)
    roles, doctor_id = _ask_roles(app)
    member = StaffMember(login, full_name, roles, doctor_id=doctor_id)
    password = ask_new_password(app.console, "First password")
    staff.add_staff_member(app.ctx, member, password)
    app.console.say(f"Added {member.login} ({roles_text(member.roles)}). Give them the password in person.")


def change_roles(app: App) -> None:
    member = _pick_member(app)
    roles, doctor_id = _ask_roles(app)
    after = staff.change_roles(app.ctx, member.login, roles, doctor_id)
    app.console.say(f"{after.login} now has the roles {roles_text(after.roles)}.")


def reset_password(app: App) -> None:
    member = _pick_member(app)
    staff.reset_password(app.ctx, member.login, ask_new_password(app.console))
    app.console.say(f"The password of {member.login} is reset.")


def toggle_active(app: App) -> None:
    member = _pick_member(app)
    verb = "Deactivate" if member.active else "Activate"
    if not confirm(app.console, f"{verb} {member.login}?", default=False):
        raise Back
    after = staff.set_active(app.ctx, member.login, not member.active)
    app.console.say(f"{after.login} is {'active' if after.active else 'deactivated: they can no longer sign in'}.")
