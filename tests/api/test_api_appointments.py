"""Appointments over HTTP on both engines: booking once per Idempotency-Key, a taken slot 409, the
lists with names joined, free slots, the visit's changes, and a doctor's reach (their own only)."""
from datetime import datetime

from tests.api.conftest import problem

VISIT = {"patient": "1001", "doctor": "D01", "date": "2026-11-22", "time": "09:00", "reason": "Chest pain"}


def test_a_booking_is_made_once_per_key_and_a_taken_slot_answers_409(api):
    first = api.post("/appointments", "dina", json=VISIT, headers={"Idempotency-Key": "book-1"})
    assert first.status_code == 201, first.text
    assert first.json() == {"code": "A001", "patient": "1001", "patient_name": "Asha Rao", "doctor": "D01",
                            "doctor_name": "Meera Iyer", "specialization": "Cardiology", "date": "2026-11-22",
                            "time": "09:00", "status": "scheduled", "diagnosis": "Chest pain",
                            "token": None, "arrived_at": None}
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


def test_check_in_the_queue_calling_in_and_a_walk_in(api):
    for patient, at in (("1001", "09:00"), ("1002", "09:15")):
        api.post("/appointments", "dina", json={**VISIT, "patient": patient, "time": at})
    api.clock.move_to(datetime(2026, 11, 22, 8, 45))
    first = api.post("/appointments/A002/check-in", "dina").json()
    assert (first["status"], first["token"], first["arrived_at"][:19]) == ("arrived", 1, "2026-11-22T08:45:00")
    assert api.post("/appointments/A002/check-in", "dina").json()["token"] == 1  # again: the same token
    api.clock.move_to(datetime(2026, 11, 22, 8, 55))
    assert api.post("/appointments/A001/check-in", "dina").json()["token"] == 2
    problem(api.post("/appointments/A001/call-in", "bala"), 403)  # another doctor's patient
    assert api.post("/appointments/A002/call-in", "meera").json()["status"] == "in_consultation"
    api.clock.move_to(datetime(2026, 11, 22, 9, 10))
    queue = api.get("/doctors/D01/queue", "dina").json()
    assert [(q["token"], q["appointment"]["code"], q["waited_minutes"]) for q in queue] == [(1, "A002", 10),
                                                                                            (2, "A001", 15)]
    walk_in = api.post("/appointments/walk-in", "dina", json={"patient": "1002", "doctor": "D02", "reason": "Fever"},
                       headers={"Idempotency-Key": "walk-1"})
    assert walk_in.status_code == 201, walk_in.text
    assert (walk_in.json()["time"], walk_in.json()["status"], walk_in.json()["token"]) == ("09:00", "arrived", 1)
    again = api.post("/appointments/walk-in", "dina", json={"patient": "1002", "doctor": "D02", "reason": "Fever"},
                     headers={"Idempotency-Key": "walk-1"})
    assert again.json() == walk_in.json() and api.db.scalar("SELECT count(*) FROM appointments") == 3
    problem(api.post("/appointments/A001/no-show", "dina"), 409)  # checked in: not missed


def test_rescheduling_hours_and_leave(api):
    api.post("/appointments", "dina", json={**VISIT, "date": "2026-11-23"})
    moved = api.post("/appointments/A001/reschedule", "dina", json={"doctor": "D02", "date": "2026-11-24",
                                                                     "time": "11:30"})
    assert (moved.json()["code"], moved.json()["doctor"], moved.json()["date"], moved.json()["time"]) == (
        "A001", "D02", "2026-11-24", "11:30")
    assert api.get("/doctors/D01/hours", "dina").json()["kept"] is False
    problem(api.put("/doctors/D01/hours", "dina", json={"days": []}), 403)  # the administrator keeps doctors
    week = api.put("/doctors/D02/hours", "admin", json={"days": [{"weekday": 0, "starts": "10:00",
                                                                  "ends": "13:00"}]}).json()
    assert (week["kept"], week["days"][0]["hours"], week["days"][1]["hours"], week["booked_outside"]) == (
        True, "10:00-13:00", "off", 1)  # A001 on Tuesday the 24th is kept, for the desk to move
    off = problem(api.post("/appointments", "dina", json={**VISIT, "doctor": "D02", "date": "2026-11-24"}), 422)
    assert off["detail"] == "Dr. Bala Iyer does not work on Tuesdays (2026-11-24)"
    problem(api.put("/doctors/D02/hours", "admin", json={"days": [{"weekday": 0, "starts": "13:00",
                                                                   "ends": "10:00"}]}), 422)
    busy = problem(api.post("/doctors/D02/leave", "admin", json={"first_day": "2026-11-24", "last_day": "2026-11-24"}),
                   409)
    assert "has 1 appointment to be seen" in busy["detail"]
    leave = api.post("/doctors/D01/leave", "admin", json={"first_day": "2026-11-25", "last_day": "2026-11-26",
                                                          "reason": "Conference"})
    assert leave.status_code == 201 and leave.json()["reason"] == "Conference"
    assert [item["number"] for item in api.get("/doctors/D01/leave", "dina").json()] == [leave.json()["number"]]
    problem(api.get("/doctors/D01/free-slots", "dina", params={"date": "2026-11-25"}), 422)
    problem(api.delete("/doctors/D01/leave/999", "admin"), 404)
    assert api.delete(f"/doctors/D01/leave/{leave.json()['number']}", "admin").status_code == 204
    assert api.get("/doctors/D01/leave", "dina").json() == []


def test_merging_a_duplicate(api):
    api.post("/appointments", "dina", json={**VISIT, "patient": "1002", "date": "2026-11-23"})
    merged = api.post("/patients/1001/merge", "dina", json={"duplicate": "1002"})
    assert merged.status_code == 200, merged.text
    assert merged.json()["kept"] == "1001" and merged.json()["moved"]["appointments"] == 1
    assert api.get("/patients/1002", "dina").json()["merged_into"] == "1001"
    assert api.get("/appointments/A001", "dina").json()["patient"] == "1001"
    assert [p["code"] for p in api.get("/patients", "dina", params={"name": "ravi"}).json()["items"]] == []
    problem(api.post("/patients/1002/merge", "dina", json={"duplicate": "1001"}), 409)
    problem(api.post("/patients/1001/merge", "ravi", json={"duplicate": "1002"}), 403)
    problem(api.post("/appointments", "dina", json={**VISIT, "patient": "1002"}), 409)  # merged: use 1001


def test_the_appointment_list_pages_by_the_last_one_shown_as_it_pages_by_number(api):
    """after=A00N: the next page in (date, time, code) order, the same rows offset= gives."""
    for n, (day, at) in enumerate([("2026-11-23", "09:00"), ("2026-11-22", "10:00"), ("2026-11-22", "09:00"),
                                   ("2026-11-24", "09:00"), ("2026-11-22", "11:00"), ("2026-11-23", "08:30"),
                                   ("2026-11-23", "09:30")]):
        booked = api.post("/appointments", "dina", json={**VISIT, "patient": "1001" if n % 2 else "1002",
                                                          "date": day, "time": at if at != "08:30" else "09:15"})
        assert booked.status_code == 201, booked.text
    by_number = [api.get("/appointments", "dina", params={"limit": 3, "offset": offset}).json()["items"]
                 for offset in (0, 3, 6)]
    pages, after = [], None
    for _ in range(3):
        page = api.get("/appointments", "dina", params={"limit": 3, **({"after": after} if after else {})}).json()
        pages.append(page["items"])
        after = page["items"][-1]["code"] if page["items"] else None
    assert pages == by_number and [len(p) for p in pages] == [3, 3, 1]
    assert [(a["date"], a["time"]) for p in pages for a in p] == sorted((a["date"], a["time"]) for p in pages
                                                                         for a in p)
    problem(api.get("/appointments", "dina", params={"after": "A001", "offset": 3}), 422)
    problem(api.get("/appointments", "dina", params={"after": "A099"}), 404)
