"""The API under load, beside a bare FastAPI app that runs the same SQL through the bare driver.

Both servers run as their own uvicorn processes on loopback; a load process keeps N clients
busy for a few seconds per figure and reports requests per second and the p50 and p99 latency.
Used by run_bench.py (--api); `python bench/api_bench.py bare|load ...` are its two helpers."""
from __future__ import annotations

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from fastapi import Request  # at module level: the route's annotation is looked up here

PROJECT = Path(__file__).resolve().parents[1]
BOOK_FROM = date.today() + timedelta(days=3 * 365)  # past the scale data's days: every slot is free
SLOTS_A_DAY = 32  # 09:00 to 17:00 every 15 minutes


def slot_of(n: int, doctors: int, patients: int, first_day: date) -> dict:
    """The n-th booking: a free slot of some doctor for some patient, none taken twice."""
    doctor, rest = n % doctors, n // doctors
    slot, day = rest % SLOTS_A_DAY, rest // SLOTS_A_DAY
    minutes = 9 * 60 + 15 * slot
    return {"patient": str(1001 + (n % patients)), "doctor": str(doctor + 1),
            "date": (first_day + timedelta(days=day)).isoformat(), "time": f"{minutes // 60:02d}:{minutes % 60:02d}"}


# -- the bare app -------------------------------------------------------------------------------

def bare_app(engine: str, env: dict):
    """GET /patients/{id}, GET /patients?name=, POST /appointments: the app's SQL, nothing else."""
    from fastapi import FastAPI

    local = threading.local()

    def connection():
        if not hasattr(local, "db"):
            if engine == "sqlite":
                import sqlite3
                local.db = sqlite3.connect(env["SQLITE_PATH"], isolation_level=None, check_same_thread=False,
                                           timeout=10)
                local.db.execute("PRAGMA foreign_keys = ON")
            else:
                import mysql.connector
                local.db = mysql.connector.connect(host=env["DB_HOST"], port=int(env["DB_PORT"]), user=env["DB_USER"],
                                                   password=env["DB_PASSWORD"], database=env["DB_NAME"],
                                                   autocommit=True)
        return local.db

    def rows(sql: str, params: tuple) -> list[tuple]:
        db = connection()
        if engine == "sqlite":
            return db.execute(sql, params).fetchall()
        cursor = db.cursor()
        cursor.execute(sql.replace("?", "%s"), params)
        found = cursor.fetchall()
        cursor.close()
        return found

    columns = ("patient_id, name, gender, birth_date, birth_estimated, contact_no, email, address, city, blood_group,"
               " registered_on")
    names = columns.split(", ")
    starts = "name_key GLOB ?" if engine == "sqlite" else "name_key LIKE ? ESCAPE '!'"
    app = FastAPI()

    @app.get("/patients/{patient_id}")
    def patient(patient_id: int):
        found = rows(f"SELECT {columns} FROM patients WHERE patient_id = ?", (patient_id,))
        return {name: str(value) if value is not None else None for name, value in zip(names, found[0], strict=True)}

    @app.get("/patients")
    def search(name: str, limit: int = 20):
        """The statements PatientRepository.search_by_name and count() run for a first page."""
        prefix = name + ("*" if engine == "sqlite" else "%")
        ids = [r[0] for r in rows(f"SELECT patient_id FROM patients WHERE {starts} ORDER BY name_key, patient_id"
                                  " LIMIT ? OFFSET ?", (prefix, limit + 1, 0))]
        if len(ids) < limit + 1:
            ids += [r[0] for r in rows(f"SELECT patient_id FROM patients WHERE name_key LIKE ? ESCAPE '!'"
                                       f" AND NOT ({starts}) ORDER BY name_key, patient_id LIMIT ? OFFSET ?",
                                       (f"%{name}%", prefix, limit + 1 - len(ids), 0))]
        marks = ", ".join("?" for _ in ids) or "NULL"
        found = rows(f"SELECT {columns} FROM patients WHERE patient_id IN ({marks})", tuple(ids))
        total = rows("SELECT count(*) FROM (SELECT 1 AS one FROM patients WHERE name_key LIKE ? ESCAPE '!' LIMIT ?) c",
                     (f"%{name}%", 10_001))[0][0]
        return {"items": [{n: str(v) if v is not None else None for n, v in zip(names, r, strict=True)}
                          for r in found[:limit]], "total": total}

    @app.post("/appointments", status_code=201)
    async def book(request: Request):
        body = await request.json()
        values = (int(body["patient"]), int(body["doctor"]), body["date"], body["time"] + ":00", "", "scheduled")
        db = connection()
        sql = ("INSERT INTO appointments (patient_id, doctor_id, appt_date, appt_time, diagnosis, status)"
               " VALUES (?, ?, ?, ?, ?, ?)")
        if engine == "sqlite":
            db.execute(sql, values)
        else:
            cursor = db.cursor()
            cursor.execute(sql.replace("?", "%s"), values)
            cursor.close()
        return {"booked": True}

    return app


# -- the load -----------------------------------------------------------------------------------

async def load(url: str, method: str, path: str, clients: int, seconds: float, token: str, booking: dict | None):
    """`clients` keep-alive connections, each sending its next request as soon as the last is
    answered, for `seconds`. A minimal HTTP/1.1 client on asyncio streams: a general-purpose one
    (httpx) spends more time per request than the servers do once there are 32 connections."""
    host, port = url.removeprefix("http://").split(":")
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    latencies: list[float] = []
    errors = 0
    counter = iter(range(10**9))
    stop_at = time.perf_counter() + seconds

    def request() -> bytes:
        if method != "POST":
            return f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{auth}\r\n".encode()
        n = booking["start"] + next(counter)
        body = json.dumps(slot_of(n, booking["doctors"], booking["patients"],
                                  date.fromisoformat(booking["first_day"]))).encode()
        return (f"POST {path} HTTP/1.1\r\nHost: {host}\r\n{auth}Idempotency-Key: b{n}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body

    async def client():
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, int(port))
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            writer.write(request())
            status_line = await reader.readline()
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            errors += int(status_line.split()[1]) >= 400
        writer.close()
    await asyncio.gather(*(client() for _ in range(clients)))
    ordered = sorted(latencies)
    return {"requests": len(ordered), "seconds": seconds, "errors": errors,
            "p50": statistics.median(ordered) if ordered else 0,
            "p99": ordered[max(int(len(ordered) * 0.99) - 1, 0)] if ordered else 0}


# -- running both -------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(args: list[str], env: dict, url: str) -> subprocess.Popen:
    import httpx
    process = subprocess.Popen([sys.executable, *args], env={**os.environ, **env, "PYTHONPATH": str(PROJECT)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=env.get("BENCH_CWD", "."))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/openapi.json", timeout=1)
            return process
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("a server did not start: " + process.stderr.read().decode()[-2000:])


def run_load(url: str, method: str, path: str, clients: int, seconds: float, token: str = "",
             booking: dict | None = None) -> dict:
    out = subprocess.run([sys.executable, __file__, "load", url, method, path, str(clients), str(seconds), token,
                          json.dumps(booking)], capture_output=True, text=True, env={
                              **os.environ, "PYTHONPATH": str(PROJECT)})
    if out.returncode:
        raise RuntimeError(f"the load of {method} {path} failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout)


def bench_api(env: dict, folder: Path, patients: int, doctors: int, seconds: float,
              clients_list=(1, 8, 32)) -> list[tuple]:
    """Rows of (figure, clients, app result, bare result)."""
    import httpx
    app_port, bare_port = free_port(), free_port()
    app_url, bare_url = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{bare_port}"
    server_env = {**env, "LOG_FILE": str(folder / "api.log"), "OUTPUT_DIR": str(folder / "out"),
                  "BENCH_CWD": str(folder)}
    app = start(["-m", "hospital_mgmt", "serve", "--port", str(app_port)], server_env, app_url)
    bare = start([__file__, "bare", str(bare_port), json.dumps(env)], server_env, bare_url)
    results = []
    try:
        token = httpx.post(app_url + "/auth/token", json={"login": "bench", "password": "bench password"}).json()[
            "access_token"]
        probe = 1001 + patients // 2
        figures = [("GET /patients/{id}", "GET", f"/patients/{probe}", f"/patients/{probe}"),
                   ("GET /patients?name=sharma", "GET", "/patients?name=sharma", "/patients?name=sharma"),
                   ("POST /appointments", "POST", "/appointments", "/appointments")]
        start_at = 0
        for label, method, app_path, bare_path in figures:
            for clients in clients_list:
                booking_app = {"start": start_at, "doctors": doctors, "patients": patients,
                               "first_day": BOOK_FROM.isoformat()}
                booking_bare = {**booking_app, "first_day": (BOOK_FROM + timedelta(days=2000)).isoformat()}
                app_result = run_load(app_url, method, app_path, clients, seconds, token, booking_app)
                bare_result = run_load(bare_url, method, bare_path, clients, seconds, "", booking_bare)
                start_at += max(app_result["requests"], bare_result["requests"]) + 1
                results.append((label, clients, app_result, bare_result))
    finally:
        for process in (app, bare):
            process.terminate()
            process.wait(timeout=20)
    return results


def main() -> None:
    if sys.argv[1] == "bare":
        import uvicorn
        env = json.loads(sys.argv[3])
        uvicorn.run(bare_app(env.get("DB_ENGINE", "sqlite"), env), host="127.0.0.1", port=int(sys.argv[2]),
                    access_log=False, log_level="warning")
    elif sys.argv[1] == "load":
        url, method, path, clients, seconds, token, booking = sys.argv[2:9]
        print(json.dumps(asyncio.run(load(url, method, path, int(clients), float(seconds), token,
                                          json.loads(booking)))))


if __name__ == "__main__":
    main()
