"""`hospital-mgmt serve` as a real process under uvicorn on a free loopback port, on both engines:
staff sign in with their real passwords, two clients racing for one slot get one 201 and one 409,
a POST retried with the same key at the same moment makes one bill, the docs load with nothing
from the internet, and SIGTERM stops the server cleanly."""
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import date, timedelta

import httpx
import pytest

from tests.e2e.helpers import PROJECT
from tests.support import PASSWORD

TOMORROW = (date.today() + timedelta(days=1)).isoformat()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, terminal):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_file = terminal.folder / "logs" / "app.log"
        environ = {k: v for k, v in os.environ.items() if not k.startswith(("DB_", "SQLITE_", "HMS_"))}
        environ.update({"PYTHONPATH": str(PROJECT), "SQLITE_PATH": str(terminal.folder / "hospital.db"),
                        "OUTPUT_DIR": str(terminal.folder / "output"), "NO_COLOR": "1",
                        "LOG_FILE": str(self.log_file), **terminal.env})
        self.process = subprocess.Popen([sys.executable, "-m", "hospital_mgmt", "serve", "--port", str(self.port)],
                                        cwd=terminal.folder, env=environ, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/openapi.json", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise AssertionError("the server did not answer within 30 s")

    def client(self, login="clerk") -> httpx.Client:
        token = httpx.post(self.url + "/auth/token", json={"login": login, "password": PASSWORD}, timeout=10)
        assert token.status_code == 201, token.text
        return httpx.Client(base_url=self.url, timeout=30,
                            headers={"Authorization": f"Bearer {token.json()['access_token']}"})

    def stop(self) -> tuple[int, str, str]:
        self.process.send_signal(signal.SIGTERM)
        out, err = self.process.communicate(timeout=20)
        return self.process.returncode, out, err


@pytest.fixture
def server(terminal):
    terminal.init_db("--empty")
    running = Server(terminal)
    clerk = running.client()
    for number in range(4):
        made = clerk.post("/patients?confirmed=true", json={
            "name": f"Patient {'ABCD'[number]}ee", "age": 30 + number, "gender": "F",
            "contact_no": f"900000000{number}"})
        assert made.status_code == 201, made.text
    assert clerk.post("/doctors", json={"name": "Meera Iyer", "specialization": "Cardiology",
                                        "contact_no": "9100000000", "consultation_fee": "800"}).status_code == 201
    assert clerk.post("/services", json={"name": "ECG", "cost": "250"}).status_code == 201
    yield running
    if running.process.poll() is None:
        running.stop()


def at_once(count: int, work) -> list:
    barrier, results = threading.Barrier(count), [None] * count

    def run(n):
        barrier.wait(timeout=10)
        results[n] = work(n)
    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_clients_booking_one_slot_at_once_get_one_201_and_one_409(server):
    clients = [server.client(), server.client()]
    for round_number in range(5):
        at = f"{9 + round_number:02d}:00"
        answers = at_once(2, lambda n, at=at: clients[n].post("/appointments", json={
            "patient": str(1001 + n), "doctor": "D01", "date": TOMORROW, "time": at}))
        assert sorted(answer.status_code for answer in answers) == [201, 409], [a.text for a in answers]
        loser = next(answer for answer in answers if answer.status_code == 409)
        assert loser.headers["content-type"] == "application/problem+json"
        assert loser.json()["detail"] == f"Dr. Meera Iyer already has an appointment at {at} on {TOMORROW}"
    booked = clients[0].get("/appointments", params={"doctor": "D01"}).json()
    assert booked["total"] == 5


def test_a_post_retried_with_the_same_key_at_the_same_moment_makes_one_bill(server):
    client = server.client()
    body = {"patient": "1001", "lines": [{"service": "S01", "quantity": 2}]}
    answers = at_once(3, lambda n: client.post("/bills", json=body, headers={"Idempotency-Key": "bill-once"}))
    assert [answer.status_code for answer in answers] == [201, 201, 201], [a.text for a in answers]
    assert {answer.json()["code"] for answer in answers} == {"B001"}
    assert client.post("/bills", json=body).json()["code"] == "B002"


def test_the_docs_load_from_the_server_itself_and_the_schema_is_openapi(server):
    page = httpx.get(server.url + "/docs").text
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(source.startswith("/") for source in sources), sources  # nothing from a CDN
    for source in sources:
        assert httpx.get(server.url + source).status_code == 200, source
    assert len(httpx.get(server.url + "/docs-static/swagger-ui-bundle.js").content) > 500_000
    schema = httpx.get(server.url + "/openapi.json").json()
    assert schema["openapi"].startswith("3.") and "/patients/{patient}" in schema["paths"]


def test_sigterm_stops_the_server_cleanly_and_the_log_has_no_names(server):
    client = server.client()
    assert client.get("/patients", params={"name": "Patient Bee"}).json()["total"] == 1
    status, out, err = server.stop()
    assert status == 0, (out, err)
    assert "Serving" in out and out.rstrip().endswith("Stopped.") and "Traceback" not in err
    log = server.log_file.read_text(encoding="utf-8")
    assert "patient 1001 registered [clerk]" in log and "user clerk signed in [clerk]" in log
    assert "Bee" not in log and "9000000001" not in log  # names and phone numbers never
