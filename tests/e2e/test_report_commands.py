"""The report, export, import, daily-report and pdf-report commands as real processes on both
engines, their files read back and their figures checked against the database."""
import csv
import re
from decimal import Decimal as D

from tests.e2e.helpers import open_hospital, run_app


def read_csv(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def money(text: str) -> D:
    return D(text.replace(",", "").replace(" INR", ""))


def test_a_report_saved_as_csv_holds_the_rows_it_showed(terminal):
    assert terminal.init_db().returncode == 0
    top = terminal.run(["report", "top-doctors", "--from", "2025-01-01", "--to", "2026-12-31", "--csv", "top.csv"])
    assert top.returncode == 0, top.stderr
    assert top.stdout.startswith("Most consulted doctors\n") and top.stdout.rstrip().endswith("Wrote top.csv")
    rows = read_csv(terminal.folder / "top.csv")
    assert rows[0] == ["Doctor", "Name", "Specialization", "Visits", "Patients", "Revenue"] and len(rows) == 11
    shown = [re.split(r"\s{2,}", line.strip()) for line in top.stdout.splitlines() if re.match(r"D\d+ ", line)]
    assert [row[:5] + [money(row[5])] for row in shown] == [row[:5] + [D(row[5])] for row in rows[1:]]
    best = rows[1]
    visits = terminal.scalar("SELECT count(*) FROM appointments WHERE doctor_id = ? AND status = 'completed'"
                             " AND appt_date >= ? AND appt_date <= ?", (int(best[0][1:]), "2025-01-01", "2026-12-31"))
    assert int(best[3]) == visits and all(int(best[3]) >= int(row[3]) for row in rows[1:])


def test_exports_name_their_period_keep_earlier_copies_and_carry_the_bills_figures(terminal):
    assert terminal.init_db().returncode == 0
    export = terminal.run(["export", "billing"])
    whole = re.search(r"Wrote 1200 rows to (.*billing_summary_upto_\d{8}\.csv)", export.stdout)
    assert export.returncode == 0 and whole, export.stdout + export.stderr
    january = terminal.run(["export", "billing", "--from", "2025-01-01", "--to", "2025-01-31"])
    path = terminal.folder / "output" / "reports" / "billing_summary_20250101_20250131.csv"
    assert january.stdout == f"Wrote 19 rows to {path}\n"
    assert len(list((terminal.folder / "output" / "reports").glob("billing_summary_*.csv"))) == 2
    rows = read_csv(path)
    header, body = rows[0], rows[1:]
    assert len(body) == 19 == terminal.scalar("SELECT count(*) FROM billing WHERE billing_date >= ?"
                                              " AND billing_date <= ?", ("2025-01-01", "2025-01-31"))
    assert {row[1] for row in body} <= {f"2025-01-{day:02d}" for day in range(1, 32)}
    last_day = terminal.scalar("SELECT count(*) FROM billing WHERE billing_date = ?", ("2025-01-31",))
    assert sum(row[1] == "2025-01-31" for row in body) == last_day
    for row in body:
        cells = dict(zip(header, row, strict=True))
        bill_id = int(cells["bill"][1:])
        total = terminal.scalar("SELECT total_amount FROM billing WHERE bill_id = ?", (bill_id,))
        paid = terminal.scalar("SELECT COALESCE(SUM(amount), 0) FROM payments WHERE bill_id = ?", (bill_id,))
        as_money = (D(total) / 100 if terminal.engine == "sqlite" else D(total)), (
            D(paid) / 100 if terminal.engine == "sqlite" else D(paid))
        assert (D(cells["total_amount"]), D(cells["paid"])) == as_money, cells
        expected_balance = D("0.00") if cells["status"] == "void" else as_money[0] - as_money[1]
        assert D(cells["balance"]) == expected_balance


def test_an_import_writes_the_good_rows_and_files_the_bad_ones_with_their_line(terminal):
    assert terminal.init_db("--empty").returncode == 0
    (terminal.folder / "new.csv").write_text("name,age,gender,contact_no,registered_on\n"
                                             "Asha Rao,30,F,9000000001,2026-01-01\n"
                                             "X,30,F,9000000002,2026-01-01\n", encoding="utf-8")
    imported = terminal.run(["import", "patients", "new.csv"])
    assert imported.stdout.splitlines() == ["line 3: name: must be 2 to 100 characters",
                                            "Rejected rows written to new_rejects.csv", "imported 1, rejected 1"]
    assert terminal.scalar("SELECT count(*) FROM patients") == 1
    assert terminal.scalar("SELECT contact_no FROM patients WHERE name = ?", ("Asha Rao",)) == "9000000001"
    assert read_csv(terminal.folder / "new_rejects.csv") == [
        ["line", "reason", "name", "age", "gender", "contact_no", "registered_on"],
        ["3", "name: must be 2 to 100 characters", "X", "30", "F", "9000000002", "2026-01-01"]]


def test_the_daily_report_lists_the_days_visits_and_hands_over_its_cash(terminal):
    assert terminal.init_db().returncode == 0
    daily = terminal.run(["daily-report", "--date", "2026-11-12"])
    reports = terminal.folder / "output" / "reports"
    assert daily.returncode == 0 and daily.stdout == (f"Wrote {reports / 'daily_visits_report_20261112.csv'}\n"
                                                      f"Wrote {reports / 'cash_up_20261112.csv'}\n")
    visits = read_csv(reports / "daily_visits_report_20261112.csv")
    assert visits[0] == ["appointment", "date", "time", "patient", "doctor", "doctor_name", "specialization",
                         "status", "diagnosis"]
    assert len(visits) - 1 == terminal.scalar("SELECT count(*) FROM appointments WHERE appt_date = ?", ("2026-11-12",))
    assert {row[1] for row in visits[1:]} == {"2026-11-12"}
    assert [row[2] for row in visits[1:]] == sorted(row[2] for row in visits[1:])
    cash = read_csv(reports / "cash_up_20261112.csv")
    assert cash[0] == ["Method", "Receipts", "In", "Refunds", "Out", "Net"]
    *methods, total, floats, hand_over = cash[1:]
    assert (total[0], floats[0], hand_over[0]) == ("TOTAL (all methods)", "Opening floats",
                                                   "CASH TO HAND OVER (floats + cash in - cash refunds)")
    assert sum(D(row[5]) for row in methods) == D(total[5])
    assert D(hand_over[5]) == D(floats[5]) + next((D(row[5]) for row in methods if row[0] == "cash"), D("0"))
    day = ("2026-11-12",)
    assert [D(total[2]), D(hand_over[5])] == [row[0] or D("0.00") for row in terminal.rows(
        "SELECT SUM(amount) AS amount FROM payments WHERE paid_on = ? UNION ALL"
        " SELECT SUM(amount) AS amount FROM payments WHERE paid_on = ? AND method = 'cash'", day * 2)]
    assert int(total[1]) == terminal.scalar("SELECT count(*) FROM payments WHERE paid_on = ?", day)


def test_the_kpi_report_logs_follow_ups_by_code_and_no_name_reaches_the_log(terminal):
    assert terminal.init_db().returncode == 0
    kpi = terminal.run(["report", "kpi", "--from", "2026-01-01", "--to", "2026-06-30"])
    assert kpi.returncode == 0 and "Patients who need follow-up (more than one visit)" in kpi.stdout
    follow_ups = re.findall(r"^(1\d{3})\s{2,}(\S.*?)\s{2,}(\d+)\s{2,}", kpi.stdout, re.MULTILINE)
    assert follow_ups and all(int(visits) > 1 for _, _, visits in follow_ups)
    log = (terminal.folder / "logs" / "app.log").read_text(encoding="utf-8")
    logged = re.search(r"kpi: (\d+) patients need follow-up: ([\d ]+)", log)
    assert logged and logged.group(2).split() == [code for code, _, _ in follow_ups]
    for _, name, _ in follow_ups:
        assert name not in log


def test_the_daily_job_fails_with_one_line_when_it_cannot_run(tmp_path):
    assert open_hospital(tmp_path, "--empty").returncode == 0
    (tmp_path / "blocked").write_text("a file where the folder should be")
    result = run_app(["daily-report"], tmp_path, OUTPUT_DIR=str(tmp_path / "blocked"))
    assert result.returncode == 1 and result.stderr.startswith("Error: cannot create the folder")
    down = run_app(["daily-report"], tmp_path, DB_ENGINE="mysql", DB_PORT="1")
    assert down.returncode == 1 and len(down.stderr.strip().splitlines()) == 1
    assert down.stderr.startswith("Error: cannot reach MySQL at 127.0.0.1:1")


def test_pdf_report_command_writes_the_figures_of_its_period_and_keeps_an_earlier_one(terminal):
    from pypdf import PdfReader
    assert terminal.init_db().returncode == 0
    result = terminal.run(["pdf-report", "--from", "2026-01-01", "--to", "2026-06-30"])
    path = terminal.folder / "output" / "reports" / "hospital_report_20260101_20260630.pdf"
    assert result.returncode == 0 and result.stdout == f"Wrote {path}\n"
    pages = [page.extract_text() for page in PdfReader(path).pages]
    assert "City General Hospital" in pages[0] and "Period: 2026-01-01 to 2026-06-30" in pages[0]
    kpi = terminal.run(["report", "kpi", "--from", "2026-01-01", "--to", "2026-06-30"]).stdout
    figures = kpi.split("\n\n")[0].splitlines()[3:]  # the title, the header and its rule come first
    assert [line.split("  ")[0] for line in figures] == ["Completed visits", "Patients seen", "Total billed",
                                                          "Average bill per visit", "Visits per patient",
                                                          "Most visited doctor"]
    for line in figures:
        label, value = re.split(r"\s{2,}", line.strip())
        assert f"{label}\n{value}\n" in pages[1], (label, value)
    for title in ("Appointments per doctor per month", "Revenue by service", "Daily patient inflow"):
        assert title in "".join(pages[2:])
    again = terminal.run(["pdf-report", "--from", "2026-01-01", "--to", "2026-06-30"])
    assert again.stdout == f"Wrote {path.with_name('hospital_report_20260101_20260630_2.pdf')}\n"
    assert path.is_file()
