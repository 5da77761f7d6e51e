"""Staff accounts on both engines: the first administrator, signing in, and an administrator's
work on accounts, with the last active administrator always kept."""
import pytest
from argon2 import PasswordHasher

from hospital_mgmt import passwords
from hospital_mgmt.domain.errors import (
    InvalidField,
    LastAdministrator,
    LoginTaken,
    NotAllowed,
    NotFound,
    NotSignedIn,
)
from hospital_mgmt.domain.staff import Role, StaffMember
from hospital_mgmt.operations import patients, staff
from hospital_mgmt.operations.staff import StaffExists
from tests.conftest import at_once
from tests.operations.conftest import a_doctor, a_patient
from tests.support import PASSWORD, add_staff, signed_in

WRONG = "the login name or the password is wrong (or the account is not active)"


@pytest.fixture
def admin(ctx):
    return signed_in(ctx, add_staff(ctx.db, "admin", "administrator", full_name="Asha Admin"))


def test_the_first_administrator_is_made_once_and_signs_in_with_the_password(ctx):
    assert not staff.has_staff(ctx)
    member = staff.create_first_administrator(ctx, "Admin", "Asha Admin", "a long pass phrase")
    assert (member.login, member.roles) == ("admin", {Role.ADMINISTRATOR})
    stored = ctx.db.scalar("SELECT password_hash FROM users")
    assert stored.startswith("$argon2id$") and "a long pass phrase" not in stored
    with pytest.raises(StaffExists):
        staff.create_first_administrator(ctx, "second", "Bala Admin", "another pass phrase")
    actor = staff.sign_in(ctx, "ADMIN", "a long pass phrase")
    assert (actor.login, actor.user_id, actor.roles) == ("admin", member.user_id, {Role.ADMINISTRATOR})
    assert ctx.db.scalar("SELECT count(*) FROM users") == 1


def test_sign_in_records_when_and_a_wrong_password_an_unknown_name_or_an_inactive_account_read_alike(admin, ctx,
                                                                                                   log_lines):
    add_staff(ctx.db, "ravi", "cashier")
    staff.set_active(admin, "ravi", False)
    for login, password in (("admin", "not the password"), ("nobody", PASSWORD), ("ravi", PASSWORD)):
        with pytest.raises(NotSignedIn, match=f"^{WRONG}$".replace("(", r"\(").replace(")", r"\)")):
            staff.sign_in(ctx, login, password)
    assert staff.sign_in(ctx, "admin", PASSWORD).login == "admin"
    assert ctx.db.to_datetime(ctx.db.scalar("SELECT last_login FROM users WHERE login = 'admin'")) == ctx.now()
    lines = log_lines()
    assert [line for line in lines if "sign-in" in line] == [
        "sign-in failed for 'admin' [system]", "sign-in failed for 'nobody' [system]",
        "sign-in failed for 'ravi' [system]"]
    assert lines[-1] == "user admin signed in [admin]"
    assert not any("not the password" in line or PASSWORD in line for line in lines)


def test_an_unknown_login_costs_the_same_hash_check_as_a_wrong_password(ctx, monkeypatch):
    """Timing cannot tell whether a login exists: both are one argon2 verification (of a stand-in
    hash when there is no such user)."""
    add_staff(ctx.db, "ravi", "cashier")
    checked = []

    class Counting(PasswordHasher):
        def verify(self, stored, typed):
            checked.append(stored)
            return super().verify(stored, typed)
    monkeypatch.setattr(passwords, "HASHER", Counting())
    for login in ("ravi", "nobody"):
        with pytest.raises(NotSignedIn):
            staff.sign_in(ctx, login, "wrong password")
    assert len(checked) == 2 and all(stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$") for stored in checked)


@pytest.mark.parametrize("login, password, reason", [("", PASSWORD, "login name: must be 2 to 32"),
                                                     ("a" * 5000, PASSWORD, "login name: must be 2 to 32"),
                                                     ("ad\x00min", PASSWORD, "login name: only letters"),
                                                     ("admin", "", "password: must be 8 to 128"),
                                                     ("admin", "p" * 5000, "password: must be 8 to 128"),
                                                     ("admin", "pass\x1bword!", "password: cannot hold control")])
def test_a_login_or_password_that_cannot_be_one_is_refused_with_its_reason(admin, ctx, login, password, reason,
                                                                           log_lines):
    with pytest.raises(InvalidField, match=f"^{reason}"):
        staff.sign_in(ctx, login, password)
    assert log_lines() == ["sign-in refused: a login name or password that cannot be one [system]"]


def test_an_administrator_adds_staff_whose_logins_are_unique_and_doctors_linked(admin, ctx):
    a_doctor(ctx)
    meera = staff.add_staff_member(admin, StaffMember("meera", "Meera Iyer", frozenset({Role.DOCTOR}), doctor_id=1),
                                   "meera pass 1")
    assert staff.sign_in(ctx, "meera", "meera pass 1").doctor_id == 1 == meera.doctor_id
    with pytest.raises(LoginTaken, match="^the login name 'meera' is taken$"):
        staff.add_staff_member(admin, StaffMember("Meera", "Meera Two", frozenset({Role.CASHIER})), "other pass 1")
    with pytest.raises(NotFound, match="no doctor D09"):
        staff.add_staff_member(admin, StaffMember("bala", "Bala Das", frozenset({Role.DOCTOR}), doctor_id=9),
                               "bala pass 1")
    assert [m.login for m in staff.list_staff(admin).items] == ["admin", "meera"]


def test_a_reset_password_replaces_the_old_one_and_a_user_changes_their_own_knowing_it(admin, ctx):
    add_staff(ctx.db, "ravi", "cashier")
    staff.reset_password(admin, "ravi", "brand new pass")
    with pytest.raises(NotSignedIn):
        staff.sign_in(ctx, "ravi", PASSWORD)
    ravi = signed_in(ctx, ctx.repos.users.by_login("ravi"))
    with pytest.raises(NotSignedIn, match="that is not the password of ravi"):
        staff.change_own_password(ravi, "a wrong guess", "ravis own pass")
    staff.change_own_password(ravi, "brand new pass", "ravis own pass")
    assert staff.sign_in(ctx, "ravi", "ravis own pass").login == "ravi"


def test_the_last_active_administrator_is_neither_deactivated_nor_stripped_of_the_role(admin, ctx):
    with pytest.raises(LastAdministrator, match="^admin is the last active administrator"):
        staff.set_active(admin, "admin", False)
    with pytest.raises(LastAdministrator):
        staff.change_roles(admin, "admin", "manager")
    add_staff(ctx.db, "bala", "administrator, manager")
    staff.change_roles(admin, "admin", "manager")  # another administrator is active now
    assert ctx.repos.users.by_login("admin").roles == {Role.MANAGER}
    bala = signed_in(ctx, ctx.repos.users.by_login("bala"))
    with pytest.raises(LastAdministrator):
        staff.set_active(bala, "bala", False)


def test_two_administrators_deactivating_each_other_at_once_leave_one_active(admin, ctx, settings_for):
    from hospital_mgmt.operations.context import Context
    add_staff(ctx.db, "bala", "administrator")
    actors = [admin.actor, ctx.repos.users.by_login("bala").actor()]
    others = ["bala", "admin"]
    for _ in range(3):
        outcomes = at_once(settings_for(ctx.db), 2, lambda connection, n: staff.set_active(
            Context(ctx.settings, connection, ctx.clock, actors[n]), others[n], False))
        assert sorted(type(o).__name__ for o in outcomes) == ["LastAdministrator", "StaffMember"], outcomes
        assert len(ctx.repos.users.active_administrators()) == 1
        for login in others:
            ctx.db.execute("UPDATE users SET active = 1 WHERE login = ?", (login,))


def test_a_deactivated_account_can_no_longer_save_anything(admin, ctx):
    desk = signed_in(ctx, add_staff(ctx.db, "desk", "front desk"))
    a_patient(desk)
    staff.set_active(admin, "desk", False)
    with pytest.raises(NotSignedIn, match="^desk's account has been deactivated; nothing was saved$"):
        a_patient(desk, name="Ravi Kumar", phone="9000000002")
    assert ctx.db.scalar("SELECT count(*) FROM patients") == 1


def test_only_an_administrator_manages_staff(ctx):
    manager = signed_in(ctx, add_staff(ctx.db, "mona", "manager"))
    for attempt in (lambda: staff.list_staff(manager), lambda: staff.reset_password(manager, "mona", "new pass 12"),
                    lambda: staff.set_active(manager, "mona", False)):
        with pytest.raises(NotAllowed, match=r"^mona \(manager\) may not manage staff accounts$"):
            attempt()
    with pytest.raises(NotAllowed):
        patients.register_patient(manager, patients.Patient(name="Ravi Kumar", contact_no="9000000002", age=50,
                                                            gender="M", registered_on="2026-11-01"))
