"""Patients, doctors and the price list over HTTP, on both engines: lists with filters, paging and
totals; the duplicate check answering 409 with the candidates; updates and the refusals of the
menu; codes or numbers in paths; money as decimal strings; a patient's history."""
from tests.api.conftest import problem

ZARA = {"name": "Zara Quinn", "contact_no": "91234 56780", "age": 41, "gender": "f"}


def test_a_patient_is_registered_read_updated_and_deleted(api):
    made = api.post("/patients", "dina", json=ZARA)
    assert made.status_code == 201, made.text
    assert made.json() == {"code": "1003", "name": "Zara Quinn", "contact_no": "9123456780", "gender": "F",
                           "birth_date": "1985-01-01", "birth_estimated": True, "age": 41, "email": "", "address": "",
                           "city": "", "blood_group": "", "registered_on": "2026-11-22",
                           "merged_into": None}
    assert api.get("/patients/1003").json() == api.get("/patients/1003").json() == made.json()
    changed = api.put("/patients/1003", "dina", json={**ZARA, "age": None, "name": "Zara Quinn-Hart",
                                                       "birth_date": "1984-06-30", "city": "Kochi",
                                                       "blood_group": "ab+", "email": "zara@example.in"})
    assert {k: changed.json()[k] for k in ("name", "birth_date", "birth_estimated", "age", "city", "blood_group",
                                           "email", "registered_on")} == {
        "name": "Zara Quinn-Hart", "birth_date": "1984-06-30", "birth_estimated": False, "age": 42, "city": "Kochi",
        "blood_group": "AB+", "email": "zara@example.in", "registered_on": "2026-11-22"}
    round_trip = api.put("/patients/1003", "dina", json={**{k: v for k, v in changed.json().items()
                                                            if k not in ("code", "age", "registered_on",
                                                                         "merged_into")}})
    assert round_trip.json() == changed.json()  # what a GET gives, less what is read-only, can be PUT back
    assert api.db.scalar("SELECT name FROM patients WHERE patient_id = 1003") == "Zara Quinn-Hart"
    assert api.delete("/patients/1003", "dina").status_code == 204
    assert problem(api.get("/patients/1003"), 404)["detail"] == "no patient 1003"
    audit = api.db.table("SELECT login, operation, record FROM audit WHERE record = '1003' ORDER BY audit_id")[1]
    assert audit == [("dina", "patient.register", "1003"), ("dina", "patient.update", "1003"),
                     ("dina", "patient.update", "1003"), ("dina", "patient.delete", "1003")]


def test_a_stay_is_admitted_and_discharged_apart_from_registration(api):
    assert api.get("/patients/1001/admissions", "dina").json() == []
    made = api.post("/patients/1001/admissions", "dina", json={"admitted_on": "2026-11-20", "ward": "ICU, bed 2",
                                                                "reason": "Chest pain"})
    assert made.status_code == 201, made.text
    assert made.json() == {"patient": "1001", "admitted_on": "2026-11-20", "ward": "ICU, bed 2", "reason": "Chest pain",
                           "discharged_on": None, "days": 2}
    assert problem(api.post("/patients/1001/admissions", "dina", json={}), 409)["detail"] == (
        "patient 1001 has been admitted since 2026-11-20")
    refused = problem(api.post("/patients/1001/discharge", "dina", json={"discharged_on": "2026-11-19"}), 422)
    assert refused["errors"] == [{"field": "discharged_on", "reason": "2026-11-19 is before admission on 2026-11-20"}]
    ended = api.post("/patients/1001/discharge", "dina", json={})
    assert (ended.status_code, ended.json()["discharged_on"], ended.json()["days"]) == (200, "2026-11-22", 2)
    again = api.post("/patients/1001/discharge", "dina", json={})
    assert problem(again, 409)["detail"] == "patient 1001 is not admitted"
    assert [s["admitted_on"] for s in api.get("/patients/1001/admissions", "mona").json()] == ["2026-11-20"]
    assert problem(api.post("/patients/1001/admissions", "ravi", json={}), 403)
    assert problem(api.delete("/patients/1001", "dina"), 409)["detail"] == (
        "patient 1001 has 1 admission; a patient with history is kept")


def test_a_likely_duplicate_answers_409_with_the_candidates_unless_confirmed(api):
    again = {**ZARA, "name": "Asha  rao", "contact_no": "9000000009", "age": 30, "gender": "F"}
    refused = problem(api.post("/patients", "dina", json=again), 409)
    assert [(c["patient"]["code"], c["reason"]) for c in refused["candidates"]] == [("1001", "same name")]
    assert api.db.scalar("SELECT count(*) FROM patients") == 2
    assert api.post("/patients?confirmed=true", "dina", json=again).status_code == 201


def test_a_repeated_registration_with_the_same_key_registers_once(api):
    first = api.post("/patients", "dina", json=ZARA, headers={"Idempotency-Key": "reg-7"})
    again = api.post("/patients", "dina", json=ZARA, headers={"Idempotency-Key": "reg-7"})
    assert (first.status_code, again.status_code) == (201, 201) and first.json() == again.json()
    assert api.db.scalar("SELECT count(*) FROM patients") == 3


def test_lists_filter_page_and_count(api):
    for number in range(25):
        made = api.post("/patients?confirmed=true", "dina", json={
            "name": f"Kumar Test {chr(65 + number)}", "age": 20 + number, "contact_no": f"98765{number:05d}",
            "gender": "M"})
        assert made.status_code == 201, made.text
    page = api.get("/patients", params={"name": "kumar", "limit": 10, "offset": 10}).json()
    assert (page["total"], page["total_exact"], page["limit"], page["offset"]) == (26, True, 10, 10)
    assert [p["name"] for p in page["items"]][:2] == ["Kumar Test K", "Kumar Test L"]  # those starting "kumar" first
    aged = api.get("/patients", params={"age_min": 40, "age_max": 44}).json()
    assert [p["age"] for p in aged["items"]] == [40, 41, 42, 43, 44] and aged["total"] == 5
    both = api.get("/patients", params={"name": "test", "phone": "9876500012"}).json()
    assert [p["name"] for p in both["items"]] == ["Kumar Test M"] and both["total"] == 1
    assert api.get("/patients", params={"name": "!!"}).json()["total"] == 0
    problem(api.get("/patients", params={"limit": 0}), 422)
    problem(api.get("/patients", params={"limit": 101}), 422)


def test_doctors_by_specialization_and_the_departments(api):
    found = api.get("/doctors", params={"specialization": "ENT"}).json()
    assert [d["code"] for d in found["items"]] == ["D02"] and found["total"] == 1
    assert found["items"][0]["consultation_fee"] == "300.00"
    assert api.get("/doctors", params={"q": "iyer"}).json()["total"] == 2
    assert api.get("/specializations").json() == [{"specialization": "Cardiology", "doctors": 1},
                                                  {"specialization": "ENT", "doctors": 1}]
    made = api.post("/doctors", json={"name": "Dr Who", "specialization": "Neurology", "contact_no": "9111111111",
                                      "consultation_fee": "1,250.5"})
    assert (made.status_code, made.json()["code"], made.json()["consultation_fee"]) == (201, "D03", "1250.50")
    assert api.get("/doctors/3").json() == api.get("/doctors/d3").json() == made.json()
    problem(api.post("/doctors", json={"name": "Dr Float", "specialization": "ENT", "contact_no": "9111111112",
                                       "consultation_fee": 100.5}), 422)


def test_departments_are_kept_and_booking_goes_department_then_doctor(api):
    assert api.get("/departments", "dina").json() == [
        {"code": "DP01", "name": "Cardiology", "location": "", "doctors": 1},
        {"code": "DP02", "name": "ENT", "location": "", "doctors": 1}]
    made = api.post("/departments", json={"name": "Emergency", "location": "Block A, ground floor"})
    assert (made.status_code, made.json()["code"]) == (201, "DP03")
    assert "already exists" in problem(api.post("/departments", json={"name": "e.n.t."}), 409)["detail"]
    problem(api.post("/departments", "dina", json={"name": "Dental"}), 403)
    doctor = api.post("/doctors", json={"name": "Dr Who", "specialization": "Cardiology", "contact_no": "9111111111",
                                        "consultation_fee": "900", "department": "DP03"}).json()
    assert doctor["department"] == "DP03"
    assert api.get("/doctors/D01").json()["department"] == "DP01"
    moved = api.put("/doctors/D01", json={"name": "Meera Iyer", "specialization": "Cardiology",
                                          "contact_no": "9100000000", "consultation_fee": "800", "department": "DP03"})
    assert moved.json()["department"] == "DP03"
    kept = api.put("/doctors/D01", json={"name": "Meera Iyer", "specialization": "Cardiology",
                                         "contact_no": "9100000000", "consultation_fee": "850"})
    assert kept.json()["department"] == "DP03"  # no department given: it stays
    listed = api.get("/departments/DP03/doctors", "dina", params={"limit": 1}).json()
    assert [d["code"] for d in listed["items"]] == ["D03"] and listed["total"] == 2  # by name: Dr Who first
    booked = api.post("/appointments", "dina", json={"patient": "1001", "doctor": listed["items"][0]["code"],
                                                      "date": "2026-11-23", "time": "10:00"})
    assert booked.status_code == 201, booked.text
    assert "has 2 doctors" in problem(api.delete("/departments/DP03"), 409)["detail"]
    assert api.delete("/departments/DP01").status_code == 204  # Meera moved out: empty
    problem(api.get("/departments/DP01"), 404)
    changed = api.put("/departments/DP03", json={"name": "Emergency", "location": "Block B"}).json()
    assert changed["location"] == "Block B" and api.get("/departments/DP03").json()["location"] == "Block B"
    problem(api.post("/doctors", json={"name": "Dr X", "specialization": "ENT", "contact_no": "9111111113",
                                       "consultation_fee": "100", "department": "DP99"}), 404)


def test_services_and_a_service_on_a_bill_cannot_be_deleted(api):
    assert api.get("/services", params={"q": "xray"}).json()["items"] == [
        {"code": "S01", "name": "X-Ray - Chest", "cost": "333.33"}]
    taken = problem(api.post("/services", json={"name": "xray chest", "cost": "10"}), 409)
    assert "already exists" in taken["detail"]
    assert api.put("/services/S02", json={"name": "MRI - Knee", "cost": "2100"}).json()["cost"] == "2100.00"
    assert api.post("/bills", "ravi", json={"patient": "1001", "lines": [{"service": "S01"}]}).status_code == 201
    refused = problem(api.delete("/services/S01"), 409)
    assert "S01" in refused["detail"]


def test_codes_in_paths_are_read_as_the_hospital_writes_them_and_a_bad_one_is_named(api):
    assert api.get("/doctors/D01").json()["name"] == "Meera Iyer"
    assert problem(api.get("/doctors/X9"), 422)["errors"] == [
        {"field": "doctor", "reason": "'X9' is not a doctor code (e.g. D07 or 7)"}]
    problem(api.get("/patients/0"), 422)
    problem(api.get("/patients/99999999999"), 422)
    problem(api.get("/bills/B999", "mona"), 404)


def test_a_patients_history_has_visits_and_bills(api):
    api.post("/appointments", "dina", json={"patient": "1001", "doctor": "D01", "date": "2026-11-22", "time": "09:00",
                                             "reason": "Chest pain"})
    api.post("/bills", "ravi", json={"patient": "1001", "appointment": "A001", "lines": [{"service": "S01"}]})
    history = api.get("/patients/1001/history", "mona").json()
    assert history["patient"]["code"] == "1001" and (history["stays"], history["days_admitted"]) == ([], 0)
    assert [(v["appointment"]["code"], v["appointment"]["doctor_name"]) for v in history["visits"]] == [
        ("A001", "Meera Iyer")]
    assert [(b["code"], b["total_amount"], b["items"][0]["service"]) for b in history["bills"]] == [
        ("B001", "1133.33", "S01")]


def test_the_patient_list_pages_by_key_after_a_code(api):
    for n in range(6):
        api.post("/patients", "dina", json={**ZARA, "name": f"Keyset {chr(65 + n)}", "contact_no": f"93000000{n:02d}"},
                 params={"confirmed": "true"})
    page = api.get("/patients", "dina", params={"after": "1003", "limit": 3}).json()
    assert [p["code"] for p in page["items"]] == ["1004", "1005", "1006"] and page["total"] == 8
    assert [p["code"] for p in api.get("/patients", "dina", params={"after": "1006", "limit": 3}).json()["items"]] == \
        ["1007", "1008"]
    refused = problem(api.get("/patients", "dina", params={"after": "1003", "name": "keyset"}), 422)
    assert refused["detail"] == "after= pages the whole list in code order; a search pages with offset="
