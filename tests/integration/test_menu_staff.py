"""The menu with staff accounts, on both engines: it starts with sign-in, each role sees only its
own sections and choices, wrong passwords wait longer and longer, an idle screen locks and the
same user's password unlocks it with the work kept, and sign-out lets the next person in."""
import io
from dataclasses import dataclass
from datetime import date

import pytest

from hospital_mgmt.log_setup import configure
from hospital_mgmt.ui.console import Console
from hospital_mgmt.ui.menu_start import start_menu
from tests.support import PASSWORD, add_staff, stored_doctor

COMMON = ["Change my password", "Sign out / switch user", "Exit"]
MAIN_MENUS = {
    "administrator": ["Patients", "Doctors", "Services", "Reports", "Import/Export", "Staff accounts", "Audit trail"],
    "front desk": ["Patients", "Doctors", "Services", "Appointments", "Import/Export"],
    "cashier": ["Patients", "Doctors", "Services", "Appointments", "Billing", "Reports"],
    "doctor": ["Patients", "Doctors", "Services", "Appointments", "Reports"],  # reports: the high-risk patients
    "manager": ["Patients", "Doctors", "Services", "Appointments", "Billing", "Reports", "Import/Export",
                "Audit trail"],
    "scheduler": ["Reports", "Import/Export"],
}


@dataclass
class Idle:
    minutes: float


class Typist:
    """Answers in order; an Idle(minutes) before an answer means it came that much later."""

    def __init__(self, answers):
        self.answers, self.now = list(answers), 0.0

    def clock(self) -> float:
        return self.now

    def __call__(self) -> str:
        while self.answers and isinstance(self.answers[0], Idle):
            self.now += self.answers.pop(0).minutes * 60
        if not self.answers:
            raise EOFError
        return self.answers.pop(0)


@pytest.fixture
def desk(db, settings_for):
    """The settings of a terminal on the test database, and a way to type a session into it."""
    settings = settings_for(db, IDLE_LOCK_MINUTES="10")
    configure(settings.log_file)
    waits: list[float] = []

    def session(answers) -> str:
        out = io.StringIO()
        typist = Typist(answers)
        console = Console(typist, out, colour=False, echo=True, clock=typist.clock)
        try:
            start_menu(settings, console, sleep=waits.append)
        except EOFError:
            out.write("<end of input>\n")
        return out.getvalue()
    session.waits = waits
    return session


def menu_of(transcript: str, where: str) -> list[str]:
    block = transcript.split(f"\n{where} >\n", 1)[1].split("\nChoose: ", 1)[0]
    return [line.split(". ", 1)[1] for line in block.splitlines() if ". " in line and not line.startswith("  0.")]


@pytest.mark.parametrize("role", list(MAIN_MENUS))
def test_each_role_sees_only_its_own_sections(db, desk, role):
    add_staff(db, "someone", role, doctor_id=None if role != "doctor" else _a_doctor(db))
    transcript = desk(["someone", PASSWORD])
    assert f"Signed in as someone ({role})." in transcript
    assert menu_of(transcript, "Main menu") == MAIN_MENUS[role] + COMMON


def _a_doctor(db) -> int:
    from hospital_mgmt.domain.doctor import Doctor
    from hospital_mgmt.storage.unit_of_work import Repositories
    return stored_doctor(Repositories(db), Doctor("Meera Iyer", "9100000000", specialization="ENT",
                                               consultation_fee="500")).doctor_id


def test_within_a_section_each_role_sees_only_the_choices_it_may_take(db, desk):
    add_staff(db, "mona", "manager")
    add_staff(db, "ravi", "cashier")
    add_staff(db, "meera", "doctor", doctor_id=_a_doctor(db))
    manager = desk(["mona", PASSWORD, "5", "0", "6", "0", "7"])
    assert menu_of(manager, "Billing") == ["View a bill", "A patient's unpaid bills and deposit"]
    assert "Cash-up of one day" in menu_of(manager, "Reports") and len(menu_of(manager, "Reports")) == 13
    assert "High-risk patients" not in menu_of(manager, "Reports")  # named patients' readings: clinical readers
    assert menu_of(manager, "Import/Export") == ["Export billing summary (CSV)", "Export appointment summary (CSV)",
                                                 "PDF summary report with charts", "Daily report (visits and cash-up)"]
    cashier = desk(["ravi", PASSWORD, "6", "0", "1"])
    assert menu_of(cashier, "Reports") == ["Cash-up of one day"]
    assert menu_of(cashier, "Patients") == ["View a patient", "List patients", "Search by name",
                                            "Search by phone number", "Patient history", "Stays in hospital",
                                            "Patient history as PDF (vitals charted)"]
    doctor = desk(["meera", PASSWORD, "4"])
    assert menu_of(doctor, "Appointments") == [
        "A doctor's free slots", "Complete an appointment", "Record or edit a diagnosis",
        "Find appointments (by date, doctor, status, patient)", "A doctor's day", "Patient history",
        "Today's queue of a doctor", "Call a patient in", "A visit's record: notes, vitals, prescription, treatments"]


def test_wrong_passwords_wait_longer_from_the_third_and_the_log_has_only_the_name(db, desk, settings_for):
    add_staff(db, "ravi", "cashier")
    wrong = ["ravi", "guess one", "ravi", "guess two", "nobody", "guess three", "ravi", "guess four"]
    transcript = desk([*wrong, "ravi", PASSWORD])
    assert transcript.count("Error: the login name or the password is wrong (or the account is not active)") == 4
    assert desk.waits == [1.0, 2.0]
    assert "Wait 1 seconds before the next try." in transcript and "Wait 2 seconds" in transcript
    assert "Signed in as ravi (cashier)." in transcript
    log = settings_for(db).log_file.read_text(encoding="utf-8")
    assert log.count("sign-in failed for 'ravi'") == 3 and "sign-in failed for 'nobody'" in log
    assert "guess" not in log and PASSWORD not in log


def test_a_login_name_that_cannot_be_one_is_refused_before_the_password_is_asked(db, desk):
    add_staff(db, "ravi", "cashier")
    transcript = desk(["", "r", "ra vi", "x" * 500, "ravi", PASSWORD])
    assert transcript.count("Error: login name: must be 2 to 32 characters") == 2
    assert "Error: login name: only letters a-z, digits and . _ - are allowed" in transcript
    assert transcript.count("Password: ") == 1 and "Signed in as ravi" in transcript


def test_an_idle_screen_locks_and_only_the_same_users_password_goes_on_with_the_work_kept(db, desk):
    add_staff(db, "desk", "front desk")
    transcript = desk(["desk", PASSWORD, "1", "1", "Asha Rao", Idle(11), "30",  # away while registering
                       "not my password", PASSWORD, "30", "F", "9000000001", "", "", "", "", "", "8"])
    label = "Date of birth (YYYY-MM-DD, or the age in years if not known): "
    assert f"{label}\nLocked after 10 minutes without input. Only desk can go on; Ctrl-D leaves." in transcript
    assert "Error: that is not the password of desk" in transcript
    assert f"Unlocked; carry on where you were.\n{label}30" in transcript
    assert "Registered patient 1001 (Asha Rao)." in transcript
    from hospital_mgmt.storage.unit_of_work import Repositories
    [patient] = Repositories(db).patients.page().items
    assert (patient.name, patient.age_on(date(2026, 11, 22)), patient.gender) == ("Asha Rao", 30, "F")


def test_an_answer_within_the_idle_time_does_not_lock(db, desk):
    add_staff(db, "desk", "front desk")
    transcript = desk(["desk", PASSWORD, Idle(9.9), "8"])
    assert "Locked" not in transcript and transcript.rstrip().endswith("8. Exit\nChoose: 8")


def test_signing_out_lets_the_next_person_sign_in_with_their_own_menu(db, desk):
    add_staff(db, "desk", "front desk")
    add_staff(db, "ravi", "cashier")
    transcript = desk(["desk", PASSWORD, "7", "ravi", PASSWORD, "9"])
    assert "desk signed out.\n\nSign in >" in transcript and "Signed in as ravi (cashier)." in transcript
    assert menu_of(transcript.split("desk signed out.")[1], "Main menu") == MAIN_MENUS["cashier"] + COMMON


def test_a_user_changes_their_own_password_typed_twice(db, desk):
    add_staff(db, "desk", "front desk")
    transcript = desk(["desk", PASSWORD, "6", PASSWORD, "new pass 123", "new pass 456", "new pass 123",
                       "new pass 123", "7", "desk", PASSWORD, "desk", "new pass 123", "8"])
    assert "Error: the two passwords differ; type them again" in transcript
    assert "Your password is changed." in transcript
    assert transcript.count("Signed in as desk") == 2 and "Error: the login name or the password is wrong" in transcript


def test_the_first_start_of_an_empty_database_makes_the_administrator_with_the_password_typed_twice(db, desk):
    transcript = desk(["", "Asha Admin", "short", "one pass phrase", "another phrase", "one pass phrase",
                       "one pass phrase", "admin", "one pass phrase", "9"])
    assert "There are no staff accounts yet. Create the first administrator" in transcript
    assert "Error: password: must be 8 to 128 characters" in transcript
    assert "Error: the two passwords differ; type them again" in transcript
    assert "Administrator admin created." in transcript and "Signed in as admin (administrator)." in transcript
    assert db.table("SELECT login, full_name FROM users")[1] == [("admin", "Asha Admin")]
    assert "one pass phrase" not in transcript  # the passwords were never shown


def test_an_administrator_adds_a_doctors_account_and_deactivates_another(db, desk):
    add_staff(db, "admin", "administrator")
    add_staff(db, "ravi", "cashier")
    doctor_id = _a_doctor(db)
    transcript = desk(["admin", PASSWORD, "6",
                       "2", "meera", "Meera Iyer", "doctor, nurse", "doctor", "D01", "meera pass 1", "meera pass 1",
                       "5", "ravi", "y",
                       "5", "admin", "y",
                       "1", "0", "10"])
    assert "Error: role: 'nurse' is not a role" in transcript
    assert "Added meera (doctor)." in transcript and "ravi is deactivated: they can no longer sign in." in transcript
    assert "Error: admin is the last active administrator; make another administrator first" in transcript
    rows = db.table("SELECT login, active, doctor_id FROM users ORDER BY login")[1]
    assert rows == [("admin", 1, None), ("meera", 1, doctor_id), ("ravi", 0, None)]
