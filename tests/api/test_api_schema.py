"""Property-based tests of the whole OpenAPI schema with schemathesis, on both engines: requests
generated from the schema (valid ones and broken ones) by a user who holds every role but a
doctor's, against the app on a small hospital. No answer may be a 5xx, and none may break the
schema it declares. Bounded (a fixed number of examples per operation, derandomized), so a run
takes the same time and finds the same things each time."""
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

EXAMPLES = 12
CLERK: dict[str, str] = {}
schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def api_schema(api):
    api.post("/appointments", "dina", json={"patient": "1001", "doctor": "D01", "date": "2026-11-22", "time": "09:00"})
    api.post("/bills", "ravi", json={"patient": "1001", "lines": [{"service": "S01"}]})
    CLERK.update(api.as_("clerk"))  # the token of this app's database
    return schemathesis.openapi.from_asgi("/openapi.json", api.client.app)


@schema.exclude(path="/auth/sign-out").parametrize()  # it would end the clerk's token (test_api_sign_in has it)
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_request_the_schema_allows_or_breaks_gets_a_5xx_or_an_answer_off_its_schema(case):
    case.headers = {**(case.headers or {}), **CLERK}  # a generated Authorization would sign no one in
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
