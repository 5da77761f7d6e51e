import csv
from datetime import date
from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from hospital_mgmt.documents.summary_pdf import CHART_TITLES
from hospital_mgmt.domain.errors import ImportRefused, OutputError
from hospital_mgmt.domain.period import Period
from hospital_mgmt.operations import documents, imports
from hospital_mgmt.storage.unit_of_work import Repositories
from tests.integration.report_data import build_small_hospital
from tests.support import context_for

Q1 = Period(date(2026, 1, 1), date(2026, 3, 31))


@pytest.fixture
def hospital(db):
    build_small_hospital(db)
    return db


@pytest.fixture
def ctx(db, settings_for):
    return context_for(db, settings_for(db), day=date(2026, 4, 1))


def export_billing(ctx, period, path):
    return documents.export(ctx, "billing", period, path)


def export_appointments(ctx, period, path):
    return documents.export(ctx, "appointments", period, path)


def import_csv(ctx, what, path):
    return imports.import_file(ctx, what, path)


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_billing_export_has_one_row_per_bill_with_names_and_exact_money(hospital, ctx, tmp_path):
    path = tmp_path / "reports" / "billing.csv"
    assert export_billing(ctx, Q1, path) == 5
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: spreadsheets read it right
    rows = read_csv(path)
    assert [r["bill"] for r in rows] == ["B001", "B002", "B003", "B004", "B005"]
    second = rows[1]
    assert (second["patient"], second["patient_name"], second["appointment"], second["doctor"],
            second["doctor_name"], second["specialization"]) == (
        "1002", "Ravi Kumar", "A002", "D02", "Bala Iyer", "ENT")
    assert (second["subtotal"], second["consultation_charges"], second["total_amount"], second["paid"],
            second["balance"]) == ("701.00", "300.00", "1001.00", "500.00", "501.00")
    assert (rows[3]["status"], rows[3]["balance"]) == ("void", "0.00")
    assert rows[2]["tax"] == "0.00" and rows[2]["total_amount"] == "599.97"


def test_appointment_export_filters_by_date_edges_included(hospital, ctx, tmp_path):
    path = tmp_path / "appointments.csv"
    assert export_appointments(ctx, Period(date(2026, 1, 31), date(2026, 2, 1)), path) == 5
    rows = read_csv(path)
    assert [(r["appointment"], r["appt_time"], r["status"]) for r in rows] == [
        ("A001", "09:00", "completed"), ("A002", "09:00", "completed"), ("A003", "09:15", "scheduled"),
        ("A004", "09:00", "completed"), ("A005", "09:15", "cancelled")]
    assert rows[0]["patient_name"] == "Asha Rao" and rows[0]["doctor"] == "D01"


def test_the_pdf_report_has_a_title_page_the_figures_and_the_three_charts(hospital, db, settings_for):
    ctx = context_for(db, settings_for(db, HOSPITAL_NAME="Lakeside Clinic"), day=date(2026, 4, 1))
    path = documents.write_summary(ctx, Q1)
    assert path == ctx.settings.reports_dir / "hospital_report_20260101_20260331.pdf"
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Period: 2026-01-01 to 2026-03-31" in reader.pages[0].extract_text()
    for title in CHART_TITLES:
        assert title in text
    assert "2,900.96 INR" in text and "Appointments" in text and "Revenue (INR, top 10 services)" in text
    assert len(reader.pages) >= 3


def test_the_daily_report_writes_the_days_visits_and_cash_up(hospital, ctx):
    visits, cash = documents.write_daily_report(ctx, date(2026, 2, 1))
    assert visits.parent == cash.parent == ctx.settings.reports_dir
    assert visits.name == "daily_visits_report_20260201.csv" and cash.name == "cash_up_20260201.csv"
    assert [(r["appointment"], r["status"]) for r in read_csv(visits)] == [("A004", "completed"), ("A005", "cancelled")]
    assert cash.read_text(encoding="utf-8-sig").splitlines()[-3:] == [
        "TOTAL (all methods),1,500.00,0,0.00,500.00", "Opening floats,,,,,0.00",
        "CASH TO HAND OVER (floats + cash in - cash refunds),,,,,0.00"]  # the 500.00 came by UPI


PATIENTS_CSV = """gender,name,age,birth_date,contact_no,city,blood_group,registered_on,notes
F,Asha Rao,34,,98765 43210,Pune,B+,2026-11-01,first
M,Robert'); DROP TABLE patients;--,40,,9876500001,,,2026-11-01,bad name
F,Zoë Ñúñez,abc,,9876500002,,,2026-11-01,bad age
F,Meena Pillai,30,,123,,,2026-11-01,bad phone
F,Asha Rao,34,,+91 98765-43210,,,2026-11-02,same as line 2
O,Kiran Das,22,,9876500003,,,2026-11-40,bad date
M,Ravi Kumar,,1976-03-02,9876500004,,o-,2026-11-01,fine
F,Nila Bose,,,9876500006,,,,no birth
F,Tara Sen,,1990-02-30,9876500007,,,,bad birth date
F,Uma Roy,25,,9876500008,,Q,,bad blood group

F,Leela Menon,61,,9876500005,,,,
"""


def test_an_import_keeps_good_rows_and_lists_bad_ones_with_line_and_reason(db, ctx, tmp_path):
    source = tmp_path / "new_patients.csv"
    source.write_text(PATIENTS_CSV, encoding="utf-8")
    result = import_csv(ctx, "patients", source)
    assert result.summary == "imported 3, rejected 8"
    assert result.warnings == ["ignoring the column 'notes': it is not one of patients's"]
    assert [(line, reason) for line, _, reason in result.rejected] == [
        (3, "name: only letters, spaces and . ' - are allowed"),
        (4, "age: 'abc' is not a whole number of years"),
        (5, "contact number: must be 10 to 15 digits, optionally starting with +"),
        (6, "duplicate of line 2"),
        (7, "registration date: '2026-11-40' is not a date as YYYY-MM-DD"),
        (9, "date of birth: give the date of birth, or the age when it is not known"),
        (10, "date of birth: '1990-02-30' is not a date as YYYY-MM-DD"),
        (11, "blood group: must be one of A+, A-, B+, B-, AB+, AB-, O+, O-")]
    stored = Repositories(db).patients.page().items
    assert [(p.name, p.birth_date, p.birth_estimated, p.city, p.blood_group, p.registered_on) for p in stored] == [
        ("Asha Rao", date(1992, 1, 1), True, "Pune", "B+", date(2026, 11, 1)),
        ("Ravi Kumar", date(1976, 3, 2), False, "", "O-", date(2026, 11, 1)),
        ("Leela Menon", date(ctx.today().year - 61, 1, 1), True, "", "", ctx.today())]  # no registration date: today
    rejects = result.rejects_path
    assert rejects == tmp_path / "new_patients_rejects.csv"
    lines = rejects.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "line,reason,gender,name,age,birth_date,contact_no,city,blood_group,registered_on,notes"
    assert lines[1] == ('3,"name: only letters, spaces and . \' - are allowed",'
                        "M,Robert'); DROP TABLE patients;--,40,,9876500001,,,2026-11-01,bad name")
    assert len(lines) == 9


def test_a_second_import_of_the_same_file_rejects_every_row_as_already_on_record(db, ctx, tmp_path):
    source = tmp_path / "services.csv"
    source.write_text("service_name,cost\nECG,200\nMRI - Brain,8000.50\necg,250\n", encoding="utf-8")
    first = import_csv(ctx, "services", source)
    assert first.summary == "imported 2, rejected 1" and first.rejected[0][2] == "duplicate of line 2"
    again = import_csv(ctx, "services", source)
    assert again.summary == "imported 0, rejected 3"
    assert [reason for _, _, reason in again.rejected] == ["already on record as S01", "already on record as S02",
                                                           "already on record as S01"]
    assert Repositories(db).services.get(2).cost == D("8000.50")


def test_doctors_import_validates_fees(db, ctx, tmp_path):
    source = tmp_path / "doctors.csv"
    source.write_text("name,specialization,contact_no,consultation_fee\nMeera Iyer,Cardiology,9100000001,750\n"
                      "Ravi Shah,ENT,9100000002,0\nLeela Das,,9100000003,500\nAnil Rao,ENT,9100000004\n",
                      encoding="utf-8")
    result = import_csv(ctx, "doctors", source)
    assert [(line, reason) for line, _, reason in result.rejected] == [
        (3, "consultation fee: must be more than 0"), (4, "missing value for specialization"),
        (5, "missing value for consultation_fee")]
    assert result.summary == "imported 1, rejected 3"


@pytest.mark.parametrize("name, content, message", [
    ("patients.txt", "name,age\n", "patients.txt is not a .csv file"),
    ("patients.csv", "name,age,gender\nA,1,F\n",
     "patients.csv lacks the required column contact_no (needs name, gender, contact_no)"),
    ("patients.csv", b"\xff\xfe\x00n\x00a", "patients.csv is not a readable UTF-8 CSV file"),
])
def test_a_file_that_is_not_a_usable_csv_is_refused_whole(db, ctx, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(ImportRefused, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        import_csv(ctx, "patients", path)
    assert Repositories(db).patients.page().items == []


def test_when_the_batch_insert_fails_nothing_is_imported(db, ctx, tmp_path, monkeypatch):
    source = tmp_path / "p.csv"
    source.write_text("name,age,gender,contact_no,registered_on\nAsha Rao,30,F,9000000001,2026-01-01\n"
                      "Ravi Kumar,31,M,9000000002,2026-01-01\n", encoding="utf-8")
    real = db.executemany

    def fail_half_way(sql, rows):
        real(sql, rows[:1])
        raise RuntimeError("disk full")
    monkeypatch.setattr(db, "executemany", fail_half_way)
    with pytest.raises(RuntimeError):
        import_csv(ctx, "patients", source)
    monkeypatch.setattr(db, "executemany", real)
    assert db.scalar("SELECT count(*) FROM patients") == 0


def test_an_unclosed_quote_is_reported_on_the_line_it_opens_and_the_rows_before_it_go_in(db, ctx, tmp_path):
    source = tmp_path / "patients.csv"
    rows = [f"Patient {chr(65 + n)} Rao,3{n},F,90000000{n:02d},2026-11-01" for n in range(9)]
    rows[4] = '"Patient E Rao,34,F,9000000004,2026-11-01'  # line 6 of the file opens a quote it never closes
    source.write_text("name,age,gender,contact_no,registered_on\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = import_csv(ctx, "patients", source)
    assert [(line, reason) for line, _, reason in result.rejected] == [
        (6, "a quoted value that starts on this line is never closed, so lines 6 to 10 could not be read;"
            " close the quote")]
    assert result.summary == "imported 4, rejected 1"
    assert [p.name for p in Repositories(db).patients.page().items] == [
        "Patient A Rao", "Patient B Rao", "Patient C Rao", "Patient D Rao"]


def test_a_value_too_long_for_csv_is_named_with_its_line_and_the_next_rows_still_go_in(db, ctx, tmp_path):
    source = tmp_path / "services.csv"
    source.write_text("service_name,cost\nECG,200\n" + "X" * 200_000 + ",5\nMRI - Brain,8000\n", encoding="utf-8")
    result = import_csv(ctx, "services", source)
    assert [(line, reason) for line, _, reason in result.rejected] == [
        (3, "a value is longer than 131,072 characters")]
    assert [s.name for s in Repositories(db).services.page().items] == ["ECG", "MRI - Brain"]


def test_an_import_whose_rejects_file_cannot_be_written_commits_nothing(db, ctx, tmp_path):
    source = tmp_path / "patients.csv"
    source.write_text("name,age,gender,contact_no,registered_on\nAsha Rao,30,F,9000000001,2026-01-01\n"
                      "X,30,F,9000000002,2026-01-01\n", encoding="utf-8")
    (tmp_path / "patients_rejects.csv").mkdir()  # a folder where the rejects file should go
    with pytest.raises(OutputError, match="cannot write .*patients_rejects.csv"):
        import_csv(ctx, "patients", source)
    assert db.scalar("SELECT count(*) FROM patients") == 0


def test_a_row_with_more_values_than_the_header_has_columns_is_rejected(db, ctx, tmp_path):
    source = tmp_path / "patients.csv"
    source.write_text("name,age,gender,contact_no,registered_on\n"
                      "Asha Rao,30,F,9000000001,2026-11-01,Ward 3\n"
                      "Ravi Kumar,50,M,9000000002,2026-11-01\n", encoding="utf-8")
    result = import_csv(ctx, "patients", source)
    assert [(line, reason) for line, _, reason in result.rejected] == [
        (2, "the line has more values than the header has columns")]
    assert [p.name for p in Repositories(db).patients.page().items] == ["Ravi Kumar"]
