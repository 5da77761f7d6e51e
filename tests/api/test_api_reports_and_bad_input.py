"""Reports as JSON and CSV and the exports over HTTP, on both engines; and bad input of every kind
(malformed JSON, wrong types, unknown fields, a body past the limit, SQL and markup in text,
invalid codes and dates) answered with a 4xx problem naming the field, nothing written, never a 500."""
import csv
import io
from datetime import date, datetime, time

import pytest

from hospital_mgmt.operations.reports import REPORT_NAMES
from tests.api.conftest import problem

ONE_DAY = {"cash-up", "unapplied-deposits"}


@pytest.fixture
def billed(api):
    api.post("/appointments", "dina", json={"patient": "1001", "doctor": "D01", "date": "2026-11-22", "time": "09:00"})
    api.post("/appointments/A001/complete", "meera", json={"diagnosis": "Checked"})
    api.post("/bills", "ravi", json={"patient": "1001", "appointment": "A001", "lines": [{"service": "S01"}]})
    api.post("/shifts", "ravi", json={"opening_float": "100"})
    api.post("/bills/B001/payments", "ravi", json={"amount": "500.00", "method": "cash"})
    return api


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_every_report_answers_as_json_with_money_as_strings(billed, name):
    params = {"date": "2026-11-22"} if name in ONE_DAY else {"from": "2026-11-01", "to": "2026-11-30"}
    answer = billed.get(f"/reports/{name}", "meera" if name == "high-risk" else "mona", params=params)
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["name"] == name and report["columns"] and report["title"]
    for row in report["rows"]:
        assert len(row) == len(report["columns"])
        assert not any(isinstance(cell, float) for cell in row)


def test_the_unpaid_report_comes_a_page_at_a_time_after_the_last_bill_shown(api):
    for n, day in enumerate(["2026-11-20", "2026-11-21", "2026-11-21", "2026-11-21", "2026-11-22"]):
        api.clock.move_to(datetime.combine(date.fromisoformat(day), time(10)))
        assert api.post("/bills", "ravi", json={"patient": "1001" if n % 2 else "1002",
                                                 "lines": [{"service": "S01"}]}).status_code == 201
    whole = api.get("/reports/unpaid", "mona").json()
    assert [row[0] for row in whole["rows"]] == ["B001", "B002", "B003", "B004", "B005"] and not whole["has_more"]
    first = api.get("/reports/unpaid", "mona", params={"limit": 2}).json()
    second = api.get("/reports/unpaid", "mona", params={"limit": 2, "after": "B002"}).json()
    last = api.get("/reports/unpaid", "mona", params={"limit": 2, "after": "B004"}).json()
    beyond = api.get("/reports/unpaid", "mona", params={"limit": 2, "after": "B005"}).json()
    assert [first["has_more"], second["has_more"], last["has_more"], beyond["has_more"]] == [True, True, False, False]
    assert first["rows"] + second["rows"] + last["rows"] == whole["rows"]
    assert beyond["rows"] == [] and beyond["columns"] == whole["columns"]
    by_offset = api.get("/reports/unpaid", "mona", params={"limit": 2, "offset": 2}).json()
    assert by_offset["rows"] == second["rows"]


def test_doctor_monthly_comes_a_page_at_a_time_after_a_month_and_doctor(api):
    for at, doctor in (("09:00", "D01"), ("09:15", "D01"), ("10:00", "D02")):
        assert api.post("/appointments", "dina", json={"patient": "1001" if at != "09:15" else "1002",
                                                       "doctor": doctor, "date": "2026-11-22",
                                                       "time": at}).status_code == 201
    days = {"from": "2026-11-01", "to": "2026-12-31"}
    whole = api.get("/reports/doctor-monthly", "mona", params=days).json()
    assert [row[:2] + row[3:] for row in whole["rows"]] == [["2026-11", "D01", 2], ["2026-11", "D02", 1]]
    second = api.get("/reports/doctor-monthly", "mona", params={**days, "limit": 1, "after": "2026-11/D01"}).json()
    assert second["rows"] == whole["rows"][1:] and not second["has_more"]
    refused = problem(api.get("/reports/doctor-monthly", "mona", params={**days, "limit": 1, "after": "Nov/D01"}), 422)
    assert refused["detail"] == "after: 'Nov/D01' is not a month and a doctor, as 2025-03/D07"


@pytest.mark.parametrize("params, reason", [
    ({"limit": 2, "after": "B001", "offset": 1}, "give after= or offset=, not both"),
    ({"after": "B001"}, "give limit= with it"),
    ({"limit": 2, "after": "B009"}, "B009"),
], ids=["after and offset", "after without limit", "no such bill"])
def test_a_page_of_the_unpaid_report_asked_wrongly_is_refused_with_the_reason(billed, params, reason):
    answer = billed.get("/reports/unpaid", "mona", params=params)
    assert reason in problem(answer, 404 if reason == "B009" else 422)["detail"]


def test_only_a_report_with_a_row_per_bill_pages_after_a_row_and_a_whole_report_takes_no_limit(billed):
    days = {"from": "2026-11-01", "to": "2026-11-30"}
    assert "paged by offset" in problem(billed.get("/reports/daily-visits", "mona", params={
        **days, "limit": 5, "after": "B001"}), 422)["detail"]
    assert "comes whole" in problem(billed.get("/reports/kpi", "mona", params={**days, "limit": 5}), 422)["detail"]
    page = billed.get("/reports/daily-visits", "mona", params={**days, "limit": 5}).json()
    assert page["rows"] == billed.get("/reports/daily-visits", "mona", params=days).json()["rows"]


def test_a_report_as_csv_is_the_terminals_csv_and_is_audited_as_an_export(billed):
    answer = billed.get("/reports/cash-up", "ravi", params={"date": "2026-11-22", "format": "csv"})
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert rows[:2] == [["Method", "Receipts", "In", "Refunds", "Out", "Net"],
                        ["cash", "1", "500.00", "0", "0.00", "500.00"]]
    assert ["CASH TO HAND OVER (floats + cash in - cash refunds)", "", "", "", "", "600.00"] in rows
    json_report = billed.get("/reports/monthly-revenue", "mona", params={"from": "2026-11-01"}).json()
    assert json_report["rows"] == [["2026-11", 1, "1133.33", "0.00", "500.00", "0.00", "633.33"]]
    assert billed.db.scalar("SELECT count(*) FROM audit WHERE operation = 'export.report' AND login = 'ravi'") == 1
    problem(billed.get("/reports/nonsense", "mona"), 404)


def test_the_exports_come_as_csv_with_the_names_joined(billed):
    answer = billed.get("/exports/billing", "mona", params={"from": "2026-11-01", "to": "2026-11-30"})
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert [(r["bill"], r["patient_name"], r["doctor_name"], r["paid"], r["status"]) for r in rows] == [
        ("B001", "Asha Rao", "Meera Iyer", "500.00", "part-paid")]
    appointments = billed.get("/exports/appointments", "mona", params={"from": "2026-11-22"}).text
    assert "A001" in appointments and "Checked" in appointments
    problem(billed.get("/exports/billing", "ravi"), 403)
    problem(billed.get("/exports/nothing", "mona"), 404)


@pytest.mark.parametrize("body, field", [
    (b'{"name": "Zara", ', "body"),
    (b'[1, 2]', "body"),
    (b'{"name": "Zara Quinn", "contact_no": "9123456780", "age": "forty", "gender": "F"}', "age"),
    (b'{"name": "Zara Quinn", "contact_no": 9123456780, "age": 41, "gender": "F"}', "contact_no"),
    (b'{"name": "Zara Quinn", "contact_no": "9123456780", "age": 41, "gender": "F", "is_admin": true}', "is_admin"),
    (b'{"name": "<script>alert(1)</script>", "contact_no": "9123456780", "age": 41, "gender": "F"}', "name"),
    (b'{"name": "Robert\'); DROP TABLE patients;--", "contact_no": "9123456780", "age": 41, "gender": "F"}', "name"),
    (b'{"name": "Zara Quinn", "contact_no": "9123456780", "age": 41, "gender": "F", "admission_date": "2026-13-01"}',
     "admission_date"),
    (b'{"name": "Zara Quinn", "contact_no": "12", "age": 41, "gender": "F"}', "contact_no"),
    (b'{"name": "Zara Quinn", "contact_no": "9123456780", "age": 999, "gender": "F"}', "age"),
])
def test_a_bad_patient_is_refused_naming_the_field_and_nothing_is_written(api, body, field):
    answer = api.post("/patients", "dina", content=body, headers={"Content-Type": "application/json"})
    refused = problem(answer, 422)
    assert field in [error["field"] for error in refused["errors"]], refused
    assert api.db.scalar("SELECT count(*) FROM patients") == 2
    assert api.db.scalar("SELECT count(*) FROM patients WHERE name LIKE '%DROP%'") == 0


def test_text_that_looks_like_sql_or_markup_is_stored_as_typed_where_free_text_is_allowed(api):
    sql = "Robert'); DROP TABLE patients;-- <b>bold</b>"
    made = api.post("/appointments", "dina", json={"patient": "1001", "doctor": "D01", "date": "2026-11-22",
                                                   "time": "09:00", "reason": sql})
    assert made.json()["diagnosis"] == sql
    assert api.db.scalar("SELECT diagnosis FROM appointments") == sql
    assert api.db.scalar("SELECT count(*) FROM patients") == 2


def test_a_body_past_the_limit_is_refused_with_413_before_it_is_read(api):
    big = b'{"name": "' + b"a" * (17 * 1024) + b'"}'
    refused = api.post("/patients", "dina", content=big, headers={"Content-Type": "application/json"})
    assert refused.status_code == 413 and refused.json()["title"] == "Request too large"

    def chunks():  # no Content-Length: the limit is counted as the body comes
        yield b'{"name": "'
        for _ in range(40):
            yield b"a" * 1024
        yield b'"}'
    streamed = api.post("/patients", "dina", content=chunks(), headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413
    assert api.db.scalar("SELECT count(*) FROM patients") == 2


def test_unknown_paths_and_methods_are_problems_too(api):
    problem(api.get("/nowhere"), 404)
    problem(api.client.delete("/auth/token"), 405)
    problem(api.client.post("/auth/token", json={"login": "ravi"}), 422)


def test_analytics_show_a_doctor_their_own_figures_and_a_manager_everyones(api):
    for patient, doctor, at in [("1001", "D01", "09:00"), ("1002", "D01", "09:15"), ("1001", "D02", "10:00")]:
        api.post("/appointments", "dina", json={"patient": patient, "doctor": doctor, "date": "2026-11-22", "time": at})
    api.post("/appointments/A001/complete", "meera", json={"diagnosis": "Checked"})
    api.post("/appointments/A002/cancel", "dina")
    everyone = api.get("/analytics/doctor-workload", "mona", params={"from": "2026-11-01"}).json()
    assert everyone["columns"] == ["Doctor", "Name", "Specialization", "Scheduled", "Completed", "Cancelled",
                                   "No-show", "Total", "Patients seen"]
    assert everyone["rows"] == [["D01", "Meera Iyer", "Cardiology", 0, 1, 1, 0, 2, 1],
                                ["D02", "Bala Iyer", "ENT", 1, 0, 0, 0, 1, 0]]
    own = api.get("/analytics/doctor-workload", "bala", params={"from": "2026-11-01"}).json()
    assert own["rows"] == [["D02", "Bala Iyer", "ENT", 1, 0, 0, 0, 1, 0]]
    problem(api.get("/analytics/doctor-workload", "bala", params={"doctor": "D01"}), 403)
    assert api.get("/analytics/monthly-visits", "meera", params={"from": "2026-11-01"}).json()["rows"] == [
        ["2026-11", 1, 1]]
    assert api.get("/analytics/monthly-visits", "bala", params={"from": "2026-11-01"}).json()["rows"] == []
    load = api.get("/analytics/department-load", "mona", params={"from": "2026-11-01"}).json()
    assert load["rows"] == [["DP01", "Cardiology", "", 1, 1, 1, 1, "1.0"],  # A002 was cancelled
                            ["DP02", "ENT", "", 1, 1, 0, 1, "1.0"]]
    assert api.get("/reports/department-load", "mona", params={"from": "2026-11-01"}).json()["rows"] == load["rows"]
    problem(api.get("/analytics/department-load", "meera"), 403)
    problem(api.get("/analytics/nothing", "mona"), 404)
