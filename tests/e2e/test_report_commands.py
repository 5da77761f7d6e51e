import re

from tests.e2e.helpers import run_app


def test_report_export_import_and_daily_commands_on_the_demo_data(tmp_path):
    assert run_app(["init-db"], tmp_path).returncode == 0
    top = run_app(["report", "top-doctors", "--from", "2025-01-01", "--to", "2026-12-31", "--csv", "top.csv"], tmp_path)
    assert top.returncode == 0, top.stderr
    assert "Most consulted doctors" in top.stdout and "Wrote top.csv" in top.stdout
    assert len((tmp_path / "top.csv").read_text(encoding="utf-8-sig").splitlines()) == 11
    export = run_app(["export", "billing"], tmp_path)
    assert export.returncode == 0 and re.search(r"Wrote 1200 rows to .*billing_summary_upto_\d{8}\.csv", export.stdout)
    again = run_app(["export", "billing", "--from", "2025-01-01", "--to", "2025-01-31"], tmp_path)
    assert "billing_summary_20250101_20250131.csv" in again.stdout
    assert len(list((tmp_path / "output" / "reports").glob("billing_summary_*.csv"))) == 2
    (tmp_path / "new.csv").write_text("name,age,gender,contact_no,admission_date\nAsha Rao,30,F,9000000001,2026-01-01\n"
                                      "X,30,F,9000000002,2026-01-01\n", encoding="utf-8")
    imported = run_app(["import", "patients", "new.csv"], tmp_path)
    assert imported.stdout.splitlines() == ["line 3: name: must be 2 to 100 characters",
                                            "Rejected rows written to new_rejects.csv", "imported 1, rejected 1"]
    daily = run_app(["daily-report", "--date", "2026-11-12"], tmp_path)
    assert daily.returncode == 0 and "daily_visits_report_20261112.csv" in daily.stdout
    kpi = run_app(["report", "kpi", "--from", "2026-01-01", "--to", "2026-06-30"], tmp_path)
    assert "Patients who need follow-up" in kpi.stdout
    log = (tmp_path / "logs" / "app.log").read_text(encoding="utf-8")
    assert re.search(r"kpi: \d+ patients need follow-up: 1\d{3}", log)
    assert "import patients: line 3 rejected: name: invalid value" in log
    assert "Asha Rao" not in log and "9000000001" not in log


def test_the_daily_job_fails_with_one_line_when_it_cannot_run(tmp_path):
    assert run_app(["init-db", "--empty"], tmp_path).returncode == 0
    (tmp_path / "blocked").write_text("a file where the folder should be")
    result = run_app(["daily-report"], tmp_path, OUTPUT_DIR=str(tmp_path / "blocked"))
    assert result.returncode == 1 and result.stderr.startswith("Error: cannot create the folder")
    down = run_app(["daily-report"], tmp_path, DB_ENGINE="mysql", DB_PORT="1")
    assert down.returncode == 1 and len(down.stderr.strip().splitlines()) == 1
    assert down.stderr.startswith("Error: cannot reach MySQL at 127.0.0.1:1")


def test_pdf_report_command_writes_the_file_of_its_period_and_keeps_an_earlier_one(tmp_path):
    from pypdf import PdfReader
    assert run_app(["init-db"], tmp_path).returncode == 0
    result = run_app(["pdf-report", "--from", "2026-01-01", "--to", "2026-11-30"], tmp_path)
    path = tmp_path / "output" / "reports" / "hospital_report_20260101_20261130.pdf"
    assert result.returncode == 0 and result.stdout == f"Wrote {path}\n"
    first_page = PdfReader(path).pages[0].extract_text()
    assert "City General Hospital" in first_page and "Period: 2026-01-01 to 2026-11-30" in first_page
    again = run_app(["pdf-report", "--from", "2026-01-01", "--to", "2026-11-30"], tmp_path)
    assert again.stdout == f"Wrote {path.with_name('hospital_report_20260101_20261130_2.pdf')}\n"
    assert path.is_file()
