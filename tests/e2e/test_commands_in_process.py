"""The one-shot commands run in-process through a console, as the menu does, on both engines:
results on the console's output, failures as one line on its error stream, and the exit status."""
import io
import uuid

import pytest

from hospital_mgmt import __version__
from hospital_mgmt.boundary import APOLOGY
from hospital_mgmt.hospital_main import main
from hospital_mgmt.ui.console import Console, ScriptedInput
from tests.conftest import MYSQL_ENV, require_mysql
from tests.support import ADD_CLERK, AS_CLERK, CLERK_EXIT, SIGNED_IN


@pytest.fixture
def hospital(engine, tmp_path, monkeypatch):
    """Settings in the environment for a fresh database of the engine, with the demo data."""
    monkeypatch.chdir(tmp_path)
    env = {"SQLITE_PATH": str(tmp_path / "h.db"), "OUTPUT_DIR": str(tmp_path / "out"),
           "LOG_FILE": str(tmp_path / "app.log"), "DB_ENGINE": "sqlite"}
    if engine == "mysql":
        require_mysql()
        env.update(MYSQL_ENV, DB_NAME=f"hms_test_{uuid.uuid4().hex[:12]}")
    for name, value in {**env, **SIGNED_IN}.items():
        monkeypatch.setenv(name, value)
    assert run(["init-db"])[0] == 0
    assert run(ADD_CLERK)[0] == 0
    yield tmp_path
    if engine == "mysql":
        import mysql.connector
        connection = mysql.connector.connect(host=MYSQL_ENV["DB_HOST"], port=int(MYSQL_ENV["DB_PORT"]),
                                             user=MYSQL_ENV["DB_USER"], password=MYSQL_ENV["DB_PASSWORD"])
        connection.cmd_query(f"DROP DATABASE IF EXISTS `{env['DB_NAME']}`")
        connection.close()


def run(argv, answers=()):
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, Console(ScriptedInput(answers), out, colour=False, echo=True, err=err))
    return status, out.getvalue(), err.getvalue()


def test_version_and_usage_go_through_the_console(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(["--version"]) == (0, f"hospital_mgmt {__version__}\n", "")
    status, out, err = run(["report", "top-patients"])
    assert status == 2 and out == "" and "invalid choice: 'top-patients'" in err


def test_a_command_prints_its_result_and_a_refusal_is_one_line_on_the_error_stream(hospital):
    status, out, err = run(["invoice", "b1"])
    assert (status, out, err) == (0, f"{hospital / 'out' / 'invoices' / 'bill_B001.txt'}\n", "")
    assert run(["invoice", "B99999"]) == (1, "", "Error: no bill B99999\n")
    assert run(["invoice", "B001", "--from", "2025-01-01"]) == (1, "", "Error: give a bill code or --from/--to, "
                                                                       "not both\n")
    assert run(["invoice", "--from", "2025-02-01", "--to", "2025-01-01"]) == (
        1, "", "Error: --to 2025-01-01 is before --from 2025-02-01\n")


def test_cash_up_takes_one_day_from_date_and_other_reports_a_period(hospital):
    status, out, _ = run(["report", "cash-up", "--date", "2025-01-12"])
    assert status == 0 and out.startswith("Cash-up for 2025-01-12\n")
    status, out, _ = run(["report", "cash-up", "--to", "2025-01-15"])
    assert status == 0 and out.startswith("Cash-up for 2025-01-15\n")
    status, out, _ = run(["report", "daily-visits", "--from", "2025-01-01", "--to", "2025-01-02"])
    assert status == 0 and out.startswith("Daily visits\n") and "2025-01-03" not in out


def test_the_menu_and_a_command_apologise_in_the_same_words_for_the_unexpected(hospital, monkeypatch):
    from hospital_mgmt.operations import documents

    def crash(*args, **kwargs):
        raise ZeroDivisionError("boom")
    monkeypatch.setattr(documents, "write_daily_report", crash)
    apology = APOLOGY.format(log_file=hospital / "app.log") + "\n"
    assert run(["daily-report", "--date", "2025-01-12"]) == (1, "", apology)
    status, out, err = run([], answers=[*AS_CLERK, "7", "7", "2025-01-12", "0", CLERK_EXIT])
    assert status == 0 and err == "" and "]: 2025-01-12\n" + apology + "\nImport/Export >" in out
    assert out.rstrip().endswith("Goodbye.")
    log = (hospital / "app.log").read_text(encoding="utf-8")
    assert log.count("ZeroDivisionError: boom") == 2 and log.count("Traceback") == 2


def test_a_bad_setting_stops_the_menu_and_every_command_with_status_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SLOT_MINUTES", "7")
    message = "Error: SLOT_MINUTES must divide a day evenly (5, 10, 15, 20, 30, 60...), not '7'\n"
    assert run([]) == (2, "", message)
    assert run(["daily-report"]) == (2, "", message)


def test_a_command_runs_as_the_named_user_and_without_one_says_how_to_sign_in(hospital, monkeypatch):
    assert run(["--user", "admin", "staff", "add", "night", "--name", "Nightly Jobs", "--roles", "scheduler"])[0] == 0
    assert run(["--user", "night", "daily-report", "--date", "2025-01-12"])[0] == 0
    status, _, err = run(["--user", "night", "import", "services", "s.csv"])
    assert (status, err) == (1, "Error: night (scheduler) may not keep the price list\n")
    status, _, err = run(["--user", "night", "invoice", "B001"])
    assert (status, err) == (1, "Error: night (scheduler) may not print invoices\n")
    monkeypatch.delenv("HMS_USER")
    assert run(["report", "unpaid"]) == (1, "", "Error: say who runs the command: --user NAME (or HMS_USER), with"
                                                " the password in HMS_PASSWORD\n")
    monkeypatch.delenv("HMS_PASSWORD")
    assert run(["--user", "night", "report", "unpaid"]) == (
        1, "", "Error: set HMS_PASSWORD, or run the command at a terminal to type the password\n")
    monkeypatch.setenv("HMS_PASSWORD", "not the password")
    assert run(["--user", "night", "report", "unpaid"])[2] == ("Error: the login name or the password is wrong"
                                                              " (or the account is not active)\n")


def test_the_audit_command_filters_the_trail_and_writes_it_to_csv(hospital):
    assert run(["invoice", "B002"])[0] == 0
    status, out, _ = run(["audit", "--record", "b002"])
    lines = out.splitlines()
    assert status == 0 and lines[0].split() == ["When", "User", "Terminal", "Operation", "Record", "What", "Changes"]
    assert len(lines) == 3 and " clerk " in lines[2] and " invoice.print " in lines[2] and " B002 " in lines[2]
    status, out, _ = run(["audit", "--login", "admin", "--operation", "user.", "--csv", "trail.csv"])
    assert (status, out) == (0, "Wrote 2 rows to trail.csv\n")
    rows = (hospital / "trail.csv").read_text(encoding="utf-8-sig").splitlines()
    assert [row.split(",")[5:7] for row in rows[1:]] == [["user.sign_in", "admin"], ["user.add", "clerk"]]
    status, _, err = run(["audit", "--csv", "trail.csv"])
    assert status == 1 and "exists already" in err


def test_the_staff_command_lists_changes_roles_and_deactivates_but_keeps_the_last_administrator(hospital):
    status, out, _ = run(["--user", "admin", "staff", "list"])
    assert status == 0 and "clerk" in out and "Kiran Clerk" in out and "admin" in out
    assert run(["--user", "admin", "staff", "roles", "clerk", "--roles", "cashier"])[1] == (
        "clerk now has the roles cashier\n")
    assert run(["--user", "admin", "staff", "deactivate", "admin"])[2] == (
        "Error: admin is the last active administrator; make another administrator first\n")
    assert run(["--user", "admin", "staff", "deactivate", "clerk"])[1] == "clerk is deactivated\n"
    assert run(["report", "unpaid"])[0] == 1  # the clerk can no longer sign in
    assert run(["--user", "admin", "staff", "add"])[2] == "Error: staff add needs the login name: staff add LOGIN\n"
