"""The clinical record over HTTP on both engines: completing a visit with its notes and vitals,
the record read and amended, a prescription written and fetched as PDF and text, treatments
recorded once per Idempotency-Key and billed once, and who may see or write what."""
import io
from datetime import datetime

from pypdf import PdfReader

from tests.api.conftest import problem

VISIT = {"patient": "1001", "doctor": "D01", "date": "2026-11-22", "time": "09:00", "reason": "Chest pain"}
VITALS = {"weight_kg": "61.5", "height_cm": "158", "bp_systolic": 150, "bp_diastolic": 95, "pulse": 88,
          "haemoglobin": "10.9", "pregnant": False}


def booked_and_seen(api, **vitals) -> str:
    assert api.post("/appointments", "dina", json=VISIT).status_code == 201
    api.clock.move_to(datetime(2026, 11, 22, 9, 20))
    done = api.post("/appointments/A001/complete", "meera",
                    json={"diagnosis": "Hypertension", "notes": "Headaches in the morning.", "vitals": VITALS})
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "completed" and done.json()["diagnosis"] == "Hypertension"
    return "A001"


def test_a_completed_visit_carries_its_notes_and_vitals_and_a_doctor_amends_them(api):
    booked_and_seen(api)
    record = api.get("/appointments/A001/visit", "bala")  # any doctor reads it
    assert record.status_code == 200, record.text
    body = record.json()
    assert body["notes"] == "Headaches in the morning." and body["diagnosis"] == "Hypertension"
    assert body["vitals"] == {"weight_kg": "61.5", "height_cm": "158.0", "bmi": "24.6", "bp_systolic": 150,
                              "bp_diastolic": 95, "pulse": 88, "temperature_c": None, "haemoglobin": "10.9",
                              "pregnant": False}
    changed = api.put("/appointments/A001/visit", "meera", json={"vitals": {"pulse": 72}})
    assert changed.status_code == 200 and changed.json()["notes"] == "Headaches in the morning."
    assert changed.json()["vitals"]["pulse"] == 72 and changed.json()["vitals"]["weight_kg"] is None
    out_of_range = problem(api.put("/appointments/A001/visit", "meera", json={"vitals": {"temperature_c": "98.6"}}),
                           422)
    assert out_of_range["detail"] == "temperature: 98.6 °C is out of range: 30 to 45 °C"
    nothing = problem(api.put("/appointments/A001/visit", "meera", json={}), 422)
    assert nothing["detail"] == "give the visit's notes or its vitals (or both)"
    as_float = problem(api.put("/appointments/A001/visit", "meera", json={"vitals": {"weight_kg": 61.5}}), 422)
    assert as_float["errors"][0]["field"] == "vitals.weight_kg"


def test_only_the_visits_doctor_or_an_administrator_writes_notes_and_a_cashier_reads_none(api):
    booked_and_seen(api)
    assert problem(api.put("/appointments/A001/visit", "bala", json={"notes": "x"}), 403)["detail"].startswith(
        "appointment A001 is another doctor's")
    problem(api.put("/appointments/A001/visit", "ravi", json={"notes": "x"}), 403)
    problem(api.get("/appointments/A001/visit", "ravi"), 403)
    assert api.put("/appointments/A001/visit", "admin", json={"notes": "Called: feels better."}).status_code == 200
    history = api.get("/patients/1001/history", "ravi").json()
    assert history["clinical"] is False and history["vitals"] == []
    assert history["visits"][0]["notes"] is None and history["visits"][0]["vitals"] is None
    doctors = api.get("/patients/1001/history", "bala").json()
    assert doctors["clinical"] is True and doctors["visits"][0]["notes"] == "Called: feels better."
    assert [(r["appointment"], r["vitals"]["bp_systolic"]) for r in doctors["vitals"]] == [("A001", 150)]


def test_a_prescription_is_written_whole_and_fetched_as_pdf_and_text(api):
    booked_and_seen(api)
    lines = {"medicines": [{"medicine": "Amlodipine", "dosage": "5 mg", "frequency": "once a day", "days": 30},
                           {"medicine": "Aspirin", "dosage": "75 mg", "frequency": "after lunch", "days": 30,
                            "instructions": "with water"}]}
    problem(api.put("/appointments/A001/prescription", "bala", json=lines), 403)
    written = api.put("/appointments/A001/prescription", "meera", json=lines)
    assert written.status_code == 200, written.text
    assert [line["medicine"] for line in written.json()] == ["Amlodipine", "Aspirin"]
    pdf = api.get("/appointments/A001/prescription.pdf", "meera")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    text = api.get("/appointments/A001/prescription.txt", "meera").text
    assert "DUPLICATE" in text and "Amlodipine" in text and "30 years, female" in text
    problem(api.get("/appointments/A001/prescription.pdf", "ravi"), 403)
    assert api.get("/appointments/A001/visit", "meera").json()["prescription"][1]["instructions"] == "with water"
    problem(api.put("/appointments/A001/prescription", "meera", json={"medicines": [{**lines["medicines"][0],
                                                                                      "days": 0}]}), 422)


def test_a_treatment_is_recorded_once_per_key_listed_for_the_cashier_and_billed_once(api):
    booked_and_seen(api)
    key = {"Idempotency-Key": "dressing-1"}
    first = api.post("/appointments/A001/treatments", "meera", json={"service": "S02", "note": "right knee"},
                     headers=key)
    assert first.status_code == 201, first.text
    assert first.json() == {"code": "TR001", "appointment": "A001", "service": "S02", "service_name": "MRI - Knee",
                            "quantity": 1, "price_today": "2000.00", "note": "right knee", "bill": None}
    again = api.post("/appointments/A001/treatments", "meera", json={"service": "S02", "note": "right knee"},
                     headers=key)
    assert (again.status_code, again.json()) == (201, first.json())
    assert [t["code"] for t in api.get("/patients/1001/treatments", "ravi").json()] == ["TR001"]
    problem(api.get("/patients/1001/treatments", "meera"), 403)  # a doctor does not bill
    bill = api.post("/bills", "ravi", json={"patient": "1001", "appointment": "A001", "treatments": ["TR001"]})
    assert bill.status_code == 201, bill.text
    assert bill.json()["total_amount"] == "2800.00"  # the consultation and the treatment
    assert api.get("/patients/1001/treatments", "ravi").json() == []
    twice = problem(api.post("/bills", "ravi", json={"patient": "1001", "treatments": ["TR001"]}), 409)
    assert twice["detail"] == "treatment TR001 is already on bill B001"
    assert problem(api.delete("/treatments/TR001", "meera"), 409)["detail"].startswith("treatment TR001 is on a bill")
    other = problem(api.post("/bills", "ravi", json={"patient": "1002", "treatments": ["TR001"]}), 409)
    assert "TR001" in other["detail"]
    assert api.db.scalar("SELECT count(*) FROM billing") == 1


def test_lab_tests_ordered_and_reported_over_http_and_the_insights_as_reports(api):
    booked_and_seen(api)
    problem(api.post("/lab-tests", "meera", json={"name": "Haemoglobin", "unit": "g/dL", "low": "12"}), 403)
    added = api.post("/lab-tests", "admin", json={"name": "Haemoglobin", "unit": "g/dL", "low": "12", "high": "17.5"})
    assert added.status_code == 201 and added.json() == {"code": "LT01", "name": "Haemoglobin", "unit": "g/dL",
                                                         "low": "12.00", "high": "17.50", "women_low": None,
                                                         "women_high": None}
    problem(api.post("/lab-tests", "admin", json={"name": "Sodium", "low": "145", "high": "135"}), 422)
    order = api.post("/appointments/A001/lab-orders", "meera", json={"test": "LT01"})
    assert order.status_code == 201 and order.json()["code"] == "LB0001" and order.json()["flag"] is None
    problem(api.put("/lab-orders/LB0001/result", "meera", json={"value": 9.5}), 422)  # a number, not a string
    result = api.put("/lab-orders/LB0001/result", "meera", json={"value": "9.5"})
    assert (result.json()["result"], result.json()["flag"], result.json()["reported_on"]) == ("9.50", "low",
                                                                                             "2026-11-22")
    assert [r["code"] for r in api.get("/patients/1001/lab-results", "bala").json()] == ["LB0001"]
    problem(api.get("/patients/1001/lab-results", "ravi"), 403)
    assert problem(api.delete("/lab-orders/LB0001", "meera"), 409)["detail"].endswith("it stays in the record")
    lab_report = api.get("/reports/lab-results", "mona", params={"from": "2026-11-01", "to": "2026-11-30"})
    assert lab_report.status_code == 200 and lab_report.json()["rows"][0][:8] == [
        "LT01", "Haemoglobin", "g/dL", "12.00 - 17.50", 1, 1, 0, 0]
    risky = api.get("/reports/high-risk", "meera", params={"from": "2026-11-01", "to": "2026-11-30"})
    assert risky.status_code == 200, risky.text
    assert risky.json()["rows"] == [["1001", "Asha Rao", 30, "F", "", "10.9 (2026-11-22)", "150/95 (2026-11-22)",
                                     "anaemia: Hb 10.9 below 12.0"]]
    problem(api.get("/reports/high-risk", "mona"), 403)
    weights = api.get("/reports/weight-by-city", "mona", params={"from": "2026-11-01", "to": "2026-11-30"})
    assert weights.json()["rows"] == [["(no city)", 1, 1, "61.5", "61.5", "61.5"]]
    pdf = api.get("/patients/1001/history.pdf", "meera")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "Headaches in the morning." in "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content))
                                                  .pages)
