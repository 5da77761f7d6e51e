"""Signing in over HTTP on both engines: a token for a right password, the same answer for every
wrong one, longer waits from the third failure, tokens that expire and are revoked by signing
out or by deactivating the account, roles read again on every request, and the audit trail."""
from datetime import timedelta

from hospital_mgmt.operations.tokens import token_hash
from tests.api.conftest import NOW, problem
from tests.support import PASSWORD


def sign_in(api, login="ravi", password=PASSWORD):
    return api.client.post("/auth/token", json={"login": login, "password": password})


def test_a_staff_member_signs_in_and_the_token_stands_for_them_until_signed_out(api):
    answer = sign_in(api)
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert (body["login"], body["roles"], body["token_type"]) == ("ravi", ["cashier"], "bearer")
    assert body["expires_at"] == (NOW + timedelta(hours=10)).astimezone().isoformat()  # local time, with its offset
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    assert api.client.get("/auth/me", headers=headers).json() == {"login": "ravi", "roles": ["cashier"], "doctor": None}
    stored = api.db.table("SELECT token_hash, user_id FROM api_tokens")[1]
    assert stored == [(token_hash(body["access_token"]), 3)]  # a hash only; the token itself is nowhere
    assert api.client.post("/auth/sign-out", headers=headers).status_code == 204
    gone = problem(api.client.get("/auth/me", headers=headers), 401)
    assert "expired or signed out" in gone["detail"]
    _, audited = api.db.table("SELECT operation FROM audit WHERE login = 'ravi' ORDER BY audit_id")
    operations = [row[0] for row in audited]
    assert operations == ["user.sign_in", "token.issue", "token.revoke"]


def test_a_wrong_password_an_unknown_name_and_no_token_all_get_401_and_the_third_failure_waits(api):
    for login in ("ravi", "nobody"):
        refused = problem(sign_in(api, login, "not the password"), 401)
        assert refused["detail"] == "the login name or the password is wrong (or the account is not active)"
    problem(sign_in(api, "ravi", "still not it"), 401)
    problem(sign_in(api, "ravi", "third time"), 401)  # the third failure in a row for ravi
    waited = problem(sign_in(api), 429)  # even the right password waits its turn
    assert "too many wrong passwords for 'ravi'" in waited["detail"]
    assert int(sign_in(api).headers["Retry-After"]) >= 1
    assert problem(api.client.get("/patients"), 401)["detail"].startswith("sign in first")
    assert api.client.get("/patients").headers["WWW-Authenticate"] == "Bearer"
    problem(api.client.get("/patients", headers={"Authorization": "Bearer made-up"}), 401)
    log = api.settings.log_file.read_text(encoding="utf-8") if api.settings.log_file.exists() else ""
    assert "not the password" not in log and PASSWORD not in log


def test_a_token_expires_after_its_hours_and_a_deactivated_account_loses_it_at_once(api):
    token = sign_in(api, "dina").json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert api.client.get("/patients/1001", headers=headers).status_code == 200
    api.clock.move_to(NOW + timedelta(hours=10))
    problem(api.client.get("/patients/1001", headers=headers), 401)
    api.clock.move_to(NOW)
    assert api.client.get("/patients/1001", headers=headers).status_code == 200
    api.db.execute("UPDATE users SET active = 0 WHERE login = 'dina'")
    problem(api.client.get("/patients/1001", headers=headers), 401)


def test_each_endpoint_allows_the_roles_the_menu_does_and_says_who_may_not(api):
    new_patient = {"name": "Zara Quinn", "contact_no": "9123456780", "age": 41, "gender": "F"}
    assert api.post("/patients", "dina", json=new_patient).status_code == 201
    refused = problem(api.post("/patients", "ravi", json=new_patient), 403)
    assert refused["detail"] == "ravi (cashier) may not register and change patients"
    problem(api.post("/doctors", "dina", json={"name": "New Doc", "specialization": "ENT",
                                                "contact_no": "9111111111", "consultation_fee": "100"}), 403)
    assert api.get("/reports/kpi", "mona").status_code == 200
    problem(api.get("/reports/kpi", "ravi"), 403)
    assert api.get("/reports/cash-up", "ravi").status_code == 200
    problem(api.get("/patients/1001", "sam"), 403)  # the scheduler reads no records
    problem(api.post("/bills", "dina", json={"patient": "1001", "lines": [{"service": "S01"}]}), 403)


def test_roles_are_read_again_on_every_request(api):
    headers = api.as_("dina")
    assert api.client.post("/patients", headers=headers, json={"name": "Omar Castellanos", "contact_no": "9234567801",
                                                               "age": 52, "gender": "M"}).status_code == 201
    api.db.execute("DELETE FROM user_roles WHERE user_id = (SELECT user_id FROM users WHERE login = 'dina')")
    api.db.execute("INSERT INTO user_roles (user_id, role) SELECT user_id, 'cashier' FROM users WHERE login = 'dina'")
    problem(api.client.post("/patients", headers=headers, json={"name": "Lucius Penhaligon", "contact_no": "9780123456",
                                                                "age": 60, "gender": "M"}), 403)


def test_a_database_that_cannot_be_reached_answers_503_and_the_api_goes_on_when_it_is_back(api):
    from dataclasses import replace as changed
    pool = api.client.app.state.pool
    healthy = pool.settings
    while not pool._idle.empty():  # the open connections gone, as after a restart of the server
        pool._idle.get_nowait().close()
    pool.settings = changed(healthy, db_engine="mysql", db_host="127.0.0.1", db_port=1)
    down = problem(api.get("/patients/1001", "dina"), 503)
    assert down["detail"].startswith("cannot reach MySQL at 127.0.0.1:1")
    pool.settings = healthy
    assert api.get("/patients/1001", "dina").status_code == 200
