"""Staff accounts: the first administrator, signing in, and what an administrator does with
accounts (add, deactivate, reset a password, change roles). The last active administrator is
never deactivated nor loses the role, so the hospital always has someone who can manage staff."""
from __future__ import annotations

from dataclasses import replace

from ..domain.errors import InvalidField, LastAdministrator, NotSignedIn, Refused
from ..domain.staff import (
    Actor,
    Permission,
    Role,
    StaffMember,
    check_doctor_link,
    roles_text,
    validate_login,
    validate_password,
    validate_roles,
)
from ..passwords import hash_password, needs_rehash, password_matches
from ..storage.paging import PAGE_SIZE, Page, PageAt
from ..storage.unit_of_work import Repositories, UnitOfWork
from .context import Context, allowed

WRONG = "the login name or the password is wrong (or the account is not active)"


class StaffExists(Refused):
    """The first administrator is made only while the database has no staff account."""


def has_staff(ctx: Context) -> bool:
    return ctx.repos.users.count() > 0


def create_first_administrator(ctx: Context, login: str, full_name: str, password: str) -> StaffMember:
    """The first account of a new database: an administrator, who then adds the others."""
    member = StaffMember(login, full_name, frozenset({Role.ADMINISTRATOR}))
    password = validate_password(password)
    with ctx.unit_of_work() as uow:
        uow.lock_writes("users")  # two terminals starting a new database at once make one administrator
        if uow.users.count():
            raise StaffExists("the database has staff accounts already; an administrator adds more")
        uow.users.add(member, hash_password(password), ctx.now().replace(microsecond=0))
        uow.audit(f"user {member.login} added as the first administrator", "user.add", member.login, after=member)
        uow.commit()
    return member


def sign_in(ctx: Context, login: str, password: str) -> Actor:
    """The actor a login name and password stand for. A login name or password that cannot be
    one (empty, too long, control characters) is refused with its reason (InvalidField); a wrong
    password, an unknown name and an inactive account give the same answer in the same time
    (NotSignedIn). The log has the login name only, never the password."""
    try:
        login, password = validate_login(login), validate_password(password)
    except InvalidField:
        ctx.log("sign-in refused: a login name or password that cannot be one")
        raise
    found = ctx.repos.users.credentials(login)
    stored_hash = found[1] if found else None
    if not password_matches(stored_hash, password) or found is None or not found[0].active:
        ctx.log(f"sign-in failed for {login!r}")
        raise NotSignedIn(WRONG)
    member = found[0]
    assert member.user_id is not None
    signed_in = replace(ctx, actor=member.actor())
    with signed_in.unit_of_work() as uow:
        uow.users.signed_in(member.user_id, ctx.now().replace(microsecond=0))
        if stored_hash and needs_rehash(stored_hash):
            uow.users.set_password_hash(member.user_id, hash_password(password))
        uow.audit(f"user {member.login} signed in", "user.sign_in", member.login)
        uow.commit()
    return member.actor()


def confirm_password(ctx: Context, password: str) -> None:
    """The signed-in user's own password again (to unlock an idle screen); NotSignedIn if wrong."""
    found = ctx.repos.users.credentials(ctx.actor.login)
    if found is None or not found[0].active or not password_matches(found[1], password):
        ctx.log(f"unlock failed for {ctx.actor.login!r}")
        raise NotSignedIn("that is not the password of " + ctx.actor.login)


def change_own_password(ctx: Context, current: str, new: str) -> None:
    """Any signed-in user, knowing their current password."""
    if ctx.actor.user_id is None:
        raise NotSignedIn("sign in first")
    confirm_password(ctx, current)
    new = validate_password(new)
    with ctx.unit_of_work() as uow:
        uow.users.set_password_hash(ctx.actor.user_id, hash_password(new))
        uow.audit(f"user {ctx.actor.login} changed their password", "user.password", ctx.actor.login)
        uow.commit()


@allowed(Permission.MANAGE_STAFF)
def list_staff(ctx: Context, page: PageAt = 1, size: int = PAGE_SIZE) -> Page[StaffMember]:
    return ctx.repos.users.page(page, size)


@allowed(Permission.MANAGE_STAFF)
def get_staff_member(ctx: Context, login: str) -> StaffMember:
    return ctx.repos.users.by_login(validate_login(login))


@allowed(Permission.MANAGE_STAFF)
def add_staff_member(ctx: Context, member: StaffMember, password: str) -> StaffMember:
    """A new account with its roles; a doctor's account is linked to their doctor record."""
    password = validate_password(password)
    with ctx.unit_of_work() as uow:
        if member.doctor_id is not None:
            uow.doctors.get(member.doctor_id)
        uow.users.add(member, hash_password(password), ctx.now().replace(microsecond=0))
        uow.audit(f"user {member.login} added ({roles_text(member.roles)})", "user.add", member.login, after=member)
        uow.commit()
    return member


@allowed(Permission.MANAGE_STAFF)
def set_active(ctx: Context, login: str, active: bool) -> StaffMember:
    """Deactivate an account (it can no longer sign in, nor save anything) or activate it again."""
    with ctx.unit_of_work() as uow:
        member = _locked(uow, login)
        if not active:
            _keep_an_administrator(uow, member, member.roles - {Role.ADMINISTRATOR})
        after = replace(member, active=active)
        uow.users.set_active(_id(member), active)
        verb = "activated" if active else "deactivated"
        uow.audit(f"user {member.login} {verb}", f"user.{verb[:-1]}", member.login, member, after)
        uow.commit()
    return after


@allowed(Permission.MANAGE_STAFF)
def reset_password(ctx: Context, login: str, new_password: str) -> None:
    """Give an account a new password (the user is told it, and changes it after signing in)."""
    new_password = validate_password(new_password)
    with ctx.unit_of_work() as uow:
        member = _locked(uow, login)
        uow.users.set_password_hash(_id(member), hash_password(new_password))
        uow.audit(f"user {member.login}: password reset", "user.password_reset", member.login)
        uow.commit()


@allowed(Permission.MANAGE_STAFF)
def change_roles(ctx: Context, login: str, roles, doctor_id: int | None = None) -> StaffMember:
    roles = validate_roles(roles)
    check_doctor_link(roles, doctor_id)
    with ctx.unit_of_work() as uow:
        member = _locked(uow, login)
        if member.active:
            _keep_an_administrator(uow, member, roles)
        if doctor_id is not None:
            uow.doctors.get(doctor_id)
        after = replace(member, roles=roles, doctor_id=doctor_id)
        uow.users.set_roles(after)
        uow.audit(f"user {member.login}: roles now {roles_text(roles)}", "user.roles", member.login, member, after)
        uow.commit()
    return after


def _locked(uow: UnitOfWork, login: str) -> StaffMember:
    """The account, after the staff write lock: changes to accounts take turns, so two
    administrators removing each other at once are decided one after the other (locking the
    two rows in either order would deadlock)."""
    uow.lock_writes("users")
    return uow.users.by_login(validate_login(login), lock=True)


def _id(member: StaffMember) -> int:
    assert member.user_id is not None
    return member.user_id


def _keep_an_administrator(uow: Repositories, member: StaffMember, roles_after) -> None:
    """Refuse the change if it would leave no active administrator (read under the staff lock)."""
    administrators = uow.users.active_administrators()
    if Role.ADMINISTRATOR not in roles_after and administrators == [member.user_id]:
        raise LastAdministrator(member.login)
