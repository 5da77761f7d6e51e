"""Appointments over HTTP on both engines: booking once per Idempotency-Key, a taken slot 409, the
lists with names joined, free slots, the visit's changes, and a doctor's reach (their own only)."""
from tests.api.conftest import problem

VISIT = {"patient": "1001", "doctor": "D01", "date": "2026-11-22", "time": "09:00", "reason": "Chest pain"}


def test_a_booking_is_made_once_per_key_and_a_taken_slot_answers_409(api):
    first = api.post("/appointments", "dina", json=VISIT, headers={"Idempotency-Key": "book-1"})
    assert first.status_code == 201, first.text
    assert first.json() == {"code": "A001", "patient": "1001", "patient_name": "Asha Rao", "doctor": "D01",
                            "doctor_name": "Meera Iyer", "specialization": "Cardiology", "date": "2026-11-22",
                            "time": "09:00", "status": "scheduled", "diagnosis": "Chest pain"}
    again = api.post("/appointments", "dina", json=VISIT, headers={"Idempotency-Key": "book-1"})
    assert (again.status_code, again.json()) == (201, first.json())
    taken = problem(api.post("/appointments", "dina", json={**VISIT, "patient": "1002"}), 409)
    assert taken["detail"] == "Dr. Meera Iyer already has an appointment at 09:00 on 2026-11-22"
    assert api.db.scalar("SELECT count(*) FROM appointments") == 1
    # the same key from another user is another request
    other = api.post("/appointments", "admin", json={**VISIT, "time": "09:15"}, headers={"Idempotency-Key": "book-1"})
    assert other.status_code == 403


def test_the_booking_rules_of_the_terminal_hold(api):
    problem(api.post("/appointments", "dina", json={**VISIT, "date": "2026-11-21"}), 422)  # a day past
    problem(api.post("/appointments", "dina", json={**VISIT, "time": "09:07"}), 422)  # off the slot grid
    problem(api.post("/appointments", "dina", json={**VISIT, "time": "18:00"}), 422)  # after the doctors' day
    problem(api.post("/appointments", "dina", json={**VISIT, "doctor": "D09"}), 404)
    bad = problem(api.post("/appointments", "dina", json={**VISIT, "date": "22/11/2026"}), 422)
    assert bad["errors"][0]["field"] == "date"
    assert api.db.scalar("SELECT count(*) FROM appointments") == 0


def test_lists_free_slots_and_a_visits_changes(api):
    for number, (patient, doctor, at) in enumerate([("1001", "D01", "09:00"), ("1002", "D01", "09:15"),
                                                    ("1002", "D02", "10:00")], start=1):
        assert api.post("/appointments", "dina", json={**VISIT, "patient": patient, "doctor": doctor,
                                                        "time": at}).json()["code"] == f"A{number:03d}"
    day = api.get("/doctors/D01/appointments", "dina", params={"date": "2026-11-22"}).json()
    assert [(a["code"], a["patient_name"], a["time"]) for a in day] == [("A001", "Asha Rao", "09:00"),
                                                                         ("A002", "Ravi Kumar", "09:15")]
    free = api.get("/doctors/D01/free-slots", "dina", params={"date": "2026-11-22"}).json()["free"]
    assert free[:2] == ["09:30", "09:45"] and "09:00" not in free and len(free) == 32 - 2
    of_patient = api.get("/patients/1002/appointments", "dina").json()
    assert [a["code"] for a in of_patient["items"]] == ["A002", "A003"] and of_patient["total"] == 2
    found = api.get("/appointments", "dina", params={"doctor": "D01", "status": "scheduled", "from": "2026-11-22"})
    assert found.json()["total"] == 2
    assert api.post("/appointments/A002/cancel", "dina").json()["status"] == "cancelled"
    problem(api.post("/appointments/A002/cancel", "dina"), 409)
    done = api.post("/appointments/A001/complete", "meera", json={"diagnosis": "Angina, stable"})
    assert (done.json()["status"], done.json()["diagnosis"]) == ("completed", "Angina, stable")
    edited = api.put("/appointments/A001/diagnosis", "meera", json={"diagnosis": "Angina"})
    assert edited.json()["diagnosis"] == "Angina"
    problem(api.get("/appointments", "dina", params={"from": "2026-11-23", "to": "2026-11-22"}), 422)


def test_a_doctor_sees_and_changes_only_their_own_appointments(api):
    api.post("/appointments", "dina", json=VISIT)
    api.post("/appointments", "dina", json={**VISIT, "patient": "1002", "doctor": "D02"})
    mine = api.get("/appointments", "bala").json()
    assert [a["code"] for a in mine["items"]] == ["A002"] and mine["total"] == 1
    problem(api.get("/appointments/A001", "bala"), 403)
    problem(api.post("/appointments/A001/complete", "bala", json={"diagnosis": "x"}), 403)
    problem(api.get("/appointments", "bala", params={"doctor": "D01"}), 403)
    problem(api.post("/appointments", "bala", json={**VISIT, "time": "11:00"}), 403)
    assert api.db.scalar("SELECT status FROM appointments WHERE appt_id = 1") == "scheduled"
