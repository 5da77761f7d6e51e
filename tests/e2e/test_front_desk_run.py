import io
from datetime import date
from decimal import Decimal as D

import pytest

from hospital_mgmt.hospital_main import main
from hospital_mgmt.ui.console import Console, ScriptedInput, wants_colour
from tests.e2e.helpers import run_app
from tests.support import ADMIN_EXIT, AS_ADMIN, FIRST_ADMINISTRATOR

DESK_PASSWORD = "front desk pass"
FRONT_DESK_RUN = "\n".join([
    "n",                                   # no demo data on this fresh database
    *FIRST_ADMINISTRATOR, *AS_ADMIN,       # the first start makes the administrator, who signs in
    "2", "1", "Meera Iyer", "Cardiology", "9000011111", "abc", "800", "", "0",  # a doctor (one bad fee first)
    "3", "1", "Robert'); DROP TABLE patients;--", "450.5", "0",             # a service with SQL in its name
    "6", "2", "desk", "Deepa Desk", "front desk", DESK_PASSWORD, DESK_PASSWORD, "0",  # the front desk's account
    "9",                                   # sign out; the front desk signs in
    "desk", DESK_PASSWORD,
    "1", "1", "Zoë Ñúñez", "1997-03-02", "f", "+91 98450-12345", "", "", "Kochi", "",  # register a patient
    "1", "O'Brien", "61", "M", "9845012399", "", "", "", "",                # and another, by age
    "4", "ZOE", "",                        # search by name, without accents or case
    "5", "98450 123", "",                  # search by phone with spaces
    "0",
    "8",                                   # the front desk's Exit
]) + "\n"


def test_a_whole_front_desk_run_through_a_real_process(terminal):
    if terminal.engine == "mysql":
        terminal.create_empty_database()  # as a DBA leaves it; the first start makes the tables
    result = terminal.run([], input_text=FRONT_DESK_RUN)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Registered patient 1001 (Zoë Ñúñez)." in out and "Registered patient 1002 (O'Brien)." in out
    assert "Error: consultation fee: 'abc' is not an amount" in out
    assert "Added doctor D01 to department DP01." in out and "Added service S01." in out
    assert out.rstrip().endswith("Goodbye.") and "Traceback" not in out + result.stderr
    assert "Added desk (front desk)." in out and "admin signed out." in out
    assert "Signed in as desk (front desk)." in out
    assert terminal.rows("SELECT login, operation, record FROM audit WHERE operation NOT IN ('user.sign_in')"
                         " ORDER BY audit_id") == [
        ("system", "user.add", "admin"), ("admin", "department.add", "DP01"), ("admin", "doctor.add", "D01"),
        ("admin", "service.add", "S01"),
        ("admin", "user.add", "desk"), ("desk", "patient.register", "1001"), ("desk", "patient.register", "1002")]
    assert terminal.rows("SELECT name, gender, contact_no, birth_date, birth_estimated, city, registered_on"
                         " FROM patients ORDER BY patient_id") == [
        ("Zoë Ñúñez", "F", "+919845012345", date(1997, 3, 2), 0, "Kochi", date.today()),
        ("O'Brien", "M", "9845012399", date(date.today().year - 61, 1, 1), 1, "", date.today())]
    assert terminal.rows("SELECT name, consultation_fee FROM doctors") == [("Meera Iyer", D("800.00"))]
    assert terminal.rows("SELECT service_name, cost FROM services") == [("Robert'); DROP TABLE patients;--",
                                                                         D("450.50"))]
    log = (terminal.folder / "logs" / "app.log").read_text(encoding="utf-8")
    assert "patient 1001 registered" in log and "doctor D01 added" in log and "service S01 added" in log
    assert "Zoë" not in log and "O'Brien" not in log and "98450" not in log
    search_output = out.split("Part of the name")[1]
    assert "Zoë Ñúñez" in search_output.split("Patients >")[0]


def test_typing_anything_at_any_menu_never_shows_a_traceback(tmp_path):
    noise = ["", " ", "99", "-1", "ä", "1.5", "\x1b[A", "'; DROP TABLE patients;--", "%s", "{}", "9" * 50]
    lines = ["n", *FIRST_ADMINISTRATOR, *AS_ADMIN] + [item for section in ("1", "2", "3")
                                                      for item in [section, *noise, "0"]] + noise + [ADMIN_EXIT]
    result = run_app([], tmp_path, input_text="\n".join(lines) + "\n")
    assert result.returncode == 0 and "Traceback" not in result.stdout + result.stderr
    # The administrator's patients menu looks and merges duplicates (6 choices); doctors (with their hours,
    # leave and departments, 9) and services (6) are theirs to keep.
    assert "Error: choose 0 to 6" in result.stdout and "Error: choose 0 to 9" in result.stdout
    assert "Error: choose 1 to 10" in result.stdout and result.stdout.rstrip().endswith("Goodbye.")


@pytest.fixture
def app_env(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, value in {"SQLITE_PATH": str(tmp_path / "h.db"), "DB_ENGINE": "sqlite",
                        "LOG_FILE": str(tmp_path / "app.log"), "OUTPUT_DIR": str(tmp_path / "out")}.items():
        monkeypatch.setenv(name, value)
    return tmp_path


def run_main(answers):
    out = io.StringIO()
    code = main([], Console(ScriptedInput(answers), out, colour=False, echo=True))
    return code, out.getvalue()


def test_exit_says_goodbye_with_code_0(app_env):
    code, out = run_main(["n", *FIRST_ADMINISTRATOR, *AS_ADMIN, ADMIN_EXIT])
    assert code == 0 and out.endswith("Goodbye.\n")


def test_ctrl_d_at_any_prompt_leaves_cleanly_with_code_0(app_env, monkeypatch):
    code, out = run_main(["n", *FIRST_ADMINISTRATOR, *AS_ADMIN, "2", "1", "Meera Iyer"])
    assert code == 0 and out.endswith("Specialization: \nGoodbye.\n")
    code, out = run_main([])  # at the sign-in screen
    assert code == 0 and out.endswith("Sign in >\nLogin name: \nGoodbye.\n")
    monkeypatch.setenv("SQLITE_PATH", str(app_env / "new.db"))
    code, out = run_main(["n", "", "Asha"])  # and while the first administrator is being made
    assert code == 0 and out.endswith("New password (8 to 128 characters): \nGoodbye.\n"), out


def test_ctrl_c_at_any_prompt_leaves_cleanly_with_code_130(app_env):
    code, out = run_main(["n", *FIRST_ADMINISTRATOR, *AS_ADMIN, "2", "1", KeyboardInterrupt])
    assert code == 130 and out.endswith("\nGoodbye.\n") and "Traceback" not in out


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color():
    assert wants_colour(FakeTerminal(), environ={})
    assert not wants_colour(FakeTerminal(), environ={"NO_COLOR": "1"})
    assert not wants_colour(io.StringIO(), environ={})
    out = FakeTerminal()
    Console(lambda: "", out, colour=True).error("bad")
    assert out.getvalue() == "\033[31mError: bad\033[0m\n"
