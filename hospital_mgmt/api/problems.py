"""Errors as application/problem+json (RFC 9457): the kinds of the application's errors mapped to
statuses once (boundary.HTTP_STATUS), a request the schema refuses named field by field, and
anything unexpected a 500 that says where the details are (the traceback only in the log)."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ..boundary import APOLOGY, http_status
from ..domain.errors import HospitalError, InvalidField, PossibleDuplicates
from ..log_setup import log

PROBLEM = "application/problem+json"
# The rules name a field as a clerk reads it; over HTTP it is named as the request has it.
FIELDS = {"contact number": "contact_no", "admission date": "admitted_on", "discharge date": "discharged_on",
          "date of birth": "birth_date", "e-mail": "email", "blood group": "blood_group",
          "registration date": "registered_on",
          "consultation fee": "consultation_fee", "price": "cost", "appointment date": "date",
          "appointment time": "time", "discount percent": "discount_percent", "cash tendered": "tendered",
          "patient code": "patient", "doctor code": "doctor", "service code": "service",
          "appointment code": "appointment", "bill code": "bill", "receipt code": "receipt",
          "opening float": "opening_float", "login name": "login"}
TITLES = {400: "Bad request", 401: "Not signed in", 403: "Not allowed", 404: "Not found", 405: "Method not allowed",
          409: "Conflict", 413: "Request too large", 415: "Unsupported media type", 422: "Invalid request",
          429: "Too many attempts", 500: "Internal error", 503: "Service unavailable"}


def documented(description: str) -> dict:
    from .schemas import Problem
    return {"model": Problem, "description": description, "content": {PROBLEM: {}}}


# Declared on every route, so the schema says what an error looks like.
RESPONSES: dict[int | str, dict] = {
    401: documented("not signed in, or the token expired"), 403: documented("the roles do not allow it"),
    404: documented("no such record"), 409: documented("records in the way (a taken slot, a duplicate...)"),
    422: documented("the request breaks a rule; each field named"), 503: documented("the database is unavailable"),
}


def problem(status: int, detail: str, request: Request | None = None, headers: dict | None = None,
            **extra) -> JSONResponse:
    body = {"type": f"/problems/{status}", "title": TITLES.get(status, "Error"), "status": status, "detail": detail}
    if request is not None:
        body["instance"] = request.url.path
    return JSONResponse({**body, **extra}, status_code=status, media_type=PROBLEM, headers=headers)


def install(app: FastAPI) -> None:
    app.add_exception_handler(HospitalError, _hospital_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)


async def _hospital_error(request: Request, error: HospitalError) -> JSONResponse:
    from .sign_in_waits import TooManyAttempts
    status = 429 if isinstance(error, TooManyAttempts) else http_status(error)
    log.warning("api refused %s %s: %s", request.method, request.url.path, type(error).__name__)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if isinstance(error, TooManyAttempts):
        headers = {"Retry-After": str(int(error.seconds + 0.999))}
    extra = {}
    if isinstance(error, PossibleDuplicates):
        from .schemas import PatientOut
        today = request.app.state.clock.today()
        extra["candidates"] = [{"patient": PatientOut.of(patient, today).model_dump(mode="json"), "reason": reason}
                               for patient, reason in error.matches]
    if isinstance(error, InvalidField):
        extra["errors"] = [{"field": FIELDS.get(error.field, error.field), "reason": error.reason}]
    return problem(status, str(error), request, headers, **extra)


async def _invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
    errors = [{"field": _field(item), "reason": _reason(item)} for item in error.errors()]
    first = errors[0] if errors else {"field": "body", "reason": "not a valid request"}
    return problem(422, f"{first['field']}: {first['reason']}", request, errors=errors)


def _field(item: dict) -> str:
    if item.get("type") == "json_invalid":
        return "body"
    return ".".join(str(part) for part in item.get("loc", ()) if part not in ("body", "query", "path")) or "body"


def _reason(item: dict) -> str:
    kind, message = item.get("type", ""), item.get("msg", "not valid")
    if kind == "string_type" and isinstance(item.get("input"), int | float):
        return 'give this as a string (money as a decimal string such as "1234.50")'
    if kind == "extra_forbidden":
        return "is not a field of this request"
    if kind == "json_invalid":
        return f"the body is not valid JSON (at character {item.get('loc', ('', '?'))[-1]})"
    return message[0].lower() + message[1:] if message else "not valid"


async def _http_error(request: Request, error: HTTPException) -> JSONResponse:
    return problem(error.status_code, str(error.detail), request, getattr(error, "headers", None))


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    log.exception("unexpected error in api %s %s", request.method, request.url.path)
    return problem(500, APOLOGY.format(log_file="the server's log"), request)
