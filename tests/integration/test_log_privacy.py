"""The log records what happened by record code, never a patient's or doctor's name or phone number.

A scripted day touches every write path of the menu (patients, doctors, services, appointments,
bills, payments, prints, reports, exports, imports) and then every command, with known names and
numbers, on both engines; afterwards none of them may appear in the log, while the log does hold
the events (so the check cannot pass on an empty log)."""
import io
import re
from datetime import time

import pytest

from hospital_mgmt.hospital_main import main
from hospital_mgmt.log_setup import configure
from hospital_mgmt.ui.console import Console, ScriptedInput
from tests.menu_driver import run_menu
from tests.support import PASSWORD, SIGNED_IN, add_staff

PEOPLE = {  # name: phone, as typed
    "Zara Quinnell": "91234 56780", "Omar Castellanos": "9234567801", "Zara Quinnel": "9123456780",
    "Ottoline Vance": "9456780123", "Bartholomew Frost": "9567801234",
    "Ingrid Blackwood": "9678012345", "Lucius Penhaligon": "9780123456",  # from the import files
    "Ottilie Staffer": "",  # a staff member's full name
}
EMAIL, ADDRESS, WARD = "zara.quinnell@example.com", "14 Hawthorn Lane", "Hawthorn ward, bed 4"
WRONG_PASSWORD = "Quinnell 5551234"  # a password holding a name and digits: neither may be logged
RENAMED = ("Zara Quinnell-Hart", "9345678012")
MENU = "10"  # Exit
MAIN_CHOICES = "\n".join(f"  {n}. {label}" for n, label in enumerate(
    ["Patients", "Doctors", "Services", "Appointments", "Billing", "Reports", "Import/Export", "Staff accounts",
     "Audit trail", "Exit"], start=1))

DAY = [
    # Patients: register (with e-mail, address and city), a likely duplicate registered anyway, update,
    # admit (ward and reason), discharge, delete, history and stays
    "1", "1", "Zara Quinnell", "1985-04-12", "F", "91234 56780", EMAIL, ADDRESS, "Pune", "B+",
    "1", "Omar Castellanos", "52", "M", "9234567801", "", "", "", "",
    "1", "Zara Quinnel", "41", "F", "9123456780", "", "", "", "", "y",
    "6", "1001", "Zara Quinnell-Hart", "", "", "9345678012", "", "", "", "",
    "7", "1001", "y", "2026-11-20", WARD, "Chest pain after a fall at Hawthorn Lane",
    "7", "1001", "2026-11-22",
    "8", "1002", "y",
    "4", "quinnell", "", "5", "93456", "", "9", "1001", "10", "1001", "0",
    # Doctors: add two, update one, delete the other
    "2", "1", "Ottoline Vance", "Cardiology", "9456780123", "700", "",
    "1", "Bartholomew Frost", "ENT", "9567801234", "400", "",
    "5", "D01", "", "", "", "750", "",
    "6", "D02", "y", "0",
    # Services: add two, update one, delete the other
    "3", "1", "Ultrasound - Abdomen", "1200", "1", "Dressing", "40", "5", "S01", "", "1250", "6", "S02", "y", "0",
    # Appointments: book four today, complete two with a diagnosis, cancel one, edit a diagnosis (the
    # no-show comes in the afternoon, below)
    "4", "1", "1001", "D01", "", "10:00", "Chest pain",
    "1", "1003", "D01", "", "10:15", "",
    "1", "1001", "D01", "", "11:00", "",
    "1", "1001", "D01", "", "12:00", "",
    "3", "A001", "Angina, stable", "y", "Fell at Hawthorn Lane; Zara Quinnell's sister came along",
    "58.5", "", "150/95", "", "", "11.2", "n",
    "3", "A004", "Angina, follow-up", "",
    "4", "A002", "y",
    "6", "A001", "Angina, stable; review in a week", "0",
    # Billing: a bill for the visit with a service, finalized, part-paid in cash with its receipt
    # printed, then the invoice; a second bill voided; the invoice reprinted and the rest paid by UPI;
    # a deposit taken and part refunded; a credit note for one line with its refund; a receipt reprinted
    "5", "1", "1001", "A001", "1", "S01", "2", "5", "", "y", "", "500", "", "y", "n", "",
    "1", "1003", "1", "S01", "1", "5", "", "n", "n",
    "5", "B002", "Entered twice", "y",
    "4", "B001", "2", "B001", "3", "", "UPI-2231", "n",
    "8", "1001", "2000", "", "", "n",
    "9", "1001", "500", "Plans changed", "", "n",
    "7", "B001", "n", "S01 1", "One scan not done", "", "y", "n",
    "10", "R0001", "6", "1001", "0",
    # Reports: the key figures saved as CSV, the unpaid bills, the cash-up
    "6", "9", "2026-11-01", "2026-11-30", "y", "",
    "7", "", "", "", "8", "", "n", "0",
    # Import/Export: both exports, an import with a bad row, the PDF summary and the daily report
    "7", "1", "", "", "", "2", "", "", "", "3", "{folder}/people.csv", "6", "2026-11-01", "", "7", "2026-11-22", "0",
    MENU,
]
IMPORT = ("name,age,gender,contact_no,registered_on\n"
          "Ingrid Blackwood,63,F,9678012345,2026-11-02\n"
          "9780123456,Lucius Penhaligon,M,x,2026-11-02\n")  # values in the wrong columns: rejected
EVENTS = ["patient 1001 registered", "patient 1003 registered", "patient 1001 updated", "patient 1001 discharged",
          "patient 1001 admitted", "patient 1002 deleted", "doctor D01 added", "doctor D01 updated",
          "doctor D02 deleted", "service S01 added", "service S01 updated", "service S02 deleted",
          "appointment A001 booked", "appointment A001 completed", "visit A001 recorded", "appointment A002 cancelled",
          "appointment A003 marked no-show", "appointment A001 diagnosis recorded", "bill B001 finalized",
          "invoice B001 printed", "payment on bill B001 recorded", "receipt R0001 printed", "bill B002 voided",
          "deposit of patient 1001 taken (cash), receipt R0003",
          "deposit of patient 1001 refunded (cash), receipt R0004",
          "credit note C001 issued on bill B001", "credit note C001 printed", "kpi:", "report 'Key figures",
          "export billing", "export appointments", "import patients: line 3 rejected", "pdf report",
          "daily report", "database backed up", "database checked", "kpi: follow-up shown for 1 patients: 1001",
    "kpi: 1 patients need follow-up: 1001", "user clerk signed in [clerk]", "user cashier7 added (cashier) [clerk]",
    "sign-in failed for 'clerk'"]


def command(argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, Console(ScriptedInput([]), out, colour=False, echo=True, err=err))
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def settings(db, settings_for, tmp_path, monkeypatch):
    settings = settings_for(db)
    monkeypatch.chdir(tmp_path)
    env = {"LOG_FILE": str(settings.log_file), "OUTPUT_DIR": str(settings.output_dir)}
    if db.engine == "sqlite":
        env.update(SQLITE_PATH=str(db.path), DB_ENGINE="sqlite")
    else:
        env.update(DB_ENGINE="mysql", DB_HOST=settings.db_host, DB_PORT=str(settings.db_port),
                   DB_USER=settings.db_user, DB_PASSWORD=settings.db_password, DB_NAME=settings.db_name)
    for name, value in {**env, **SIGNED_IN}.items():
        monkeypatch.setenv(name, value)
    add_staff(db)
    return settings


def test_no_name_or_phone_number_reaches_the_log_from_any_write_in_the_menu_or_the_commands(db, settings, tmp_path):
    (tmp_path / "people.csv").write_text(IMPORT, encoding="utf-8")
    configure(settings.log_file)
    transcript = run_menu(db, settings, [answer.format(folder=tmp_path) for answer in DAY])
    assert transcript.rstrip().endswith(f"Main menu >\n{MAIN_CHOICES}\nChoose: {MENU}"), transcript[-3000:]
    # A no-show is marked once the slot's time has passed: in the afternoon, A003's 11:00 gone by.
    transcript += run_menu(db, settings, ["4", "5", "A003", "0", MENU], at=time(13, 0))
    assert "Appointment A003 marked no-show." in transcript
    assert "Sorry" not in transcript and "Traceback" not in transcript
    (tmp_path / "more.csv").write_text("name,specialization,contact_no,consultation_fee\n"
                                       "Lucius Penhaligon,Neurology,9780123456,900\n", encoding="utf-8")
    for argv in (["import", "doctors", "more.csv"], ["export", "billing", "--out", "b.csv"],
                 ["report", "kpi", "--from", "2026-11-01", "--to", "2026-11-30", "--csv", "k.csv"],
                 ["report", "unpaid"], ["invoice", "--from", "2026-11-01", "--to", "2026-11-30", "--pdf"],
                 ["daily-report", "--date", "2026-11-22"], ["pdf-report", "--from", "2026-11-01"],
                 ["backup", "--to", "copy.backup"], ["check-db"], ["invoice", "B404"],
                 ["staff", "add", "cashier7", "--name", "Ottilie Staffer", "--roles", "cashier"]):
        status, out, err = command(argv)
        assert status == (1 if argv == ["invoice", "B404"] else 0), (argv, out, err)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HMS_PASSWORD", WRONG_PASSWORD)
        assert command(["report", "unpaid"])[0] == 1
    log = settings.log_file.read_text(encoding="utf-8")
    for event in EVENTS:
        assert event in log, event
    for name, phone in [*PEOPLE.items(), RENAMED]:
        for part in re.split(r"[\s-]+", name):
            assert part.lower() not in log.lower(), part
        digits = re.sub(r"\D", "", phone)
        assert not digits or digits[-7:] not in re.sub(r"[\s-]", "", log), phone
    assert PASSWORD not in log and "5551234" not in log
    assert "example.com" not in log and "hawthorn" not in log.lower()  # e-mail, address, ward, reason
