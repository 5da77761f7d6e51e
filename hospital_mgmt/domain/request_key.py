"""Request keys: made when a clerk starts a write that must happen once (registering a patient,
booking, finalizing a bill, taking a payment), or sent by an API client as its Idempotency-Key.
Stored, unique, with the record the write made: the same write repeated (after a lost reply, a
second click, a retried request) finds that record and returns it instead of making another."""
from __future__ import annotations

import uuid

from .errors import InvalidField

KEY_MAX = 64


def new_request_key() -> str:
    return uuid.uuid4().hex


def validate_request_key(key) -> str:
    text = str(key or "")
    if not 1 <= len(text) <= KEY_MAX or not text.isascii() or not all(ch.isalnum() or ch in "-_.:" for ch in text):
        raise InvalidField("request key", f"1 to {KEY_MAX} letters, digits or - _ . :")
    return text
