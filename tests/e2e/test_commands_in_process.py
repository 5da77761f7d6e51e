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
