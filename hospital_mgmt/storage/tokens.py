"""Bearer tokens of the HTTP API. Only the SHA-256 of a token is stored: a copy of the database
gives no one a way in."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.staff import Actor, Role
from .database import Database


@dataclass(frozen=True)
class TokenHolder:
    """A token with who holds it as they are now: their account's state and roles."""

    expires_at: datetime
    revoked_at: datetime | None
    active: bool
    actor: Actor


@dataclass(frozen=True)
class StoredToken:
    token_id: int
    user_id: int
    expires_at: datetime
    revoked_at: datetime | None


class TokenRepository:
    def __init__(self, db: Database):
        self.db = db

    def add(self, token_hash: str, user_id: int, created_at: datetime, expires_at: datetime, client: str) -> int:
        return self.db.insert("INSERT INTO api_tokens (token_hash, user_id, created_at, expires_at, client)"
                              " VALUES (?, ?, ?, ?, ?)", (token_hash, user_id, created_at, expires_at, client))

    def find(self, token_hash: str) -> StoredToken | None:
        row = self.db.one("SELECT token_id, user_id, expires_at, revoked_at FROM api_tokens WHERE token_hash = ?",
                          (token_hash,))
        if row is None:
            return None
        revoked = row["revoked_at"]
        return StoredToken(row["token_id"], row["user_id"], self.db.to_datetime(row["expires_at"]),
                           None if revoked is None else self.db.to_datetime(revoked))

    def holder(self, token_hash: str) -> TokenHolder | None:
        """The token and its user's account and roles, in one query (it runs on every request)."""
        _, rows = self.db.table(
            "SELECT t.expires_at, t.revoked_at, u.user_id, u.login, u.active, u.doctor_id, r.role"
            " FROM api_tokens t JOIN users u ON u.user_id = t.user_id LEFT JOIN user_roles r ON r.user_id = u.user_id"
            " WHERE t.token_hash = ?", (token_hash,))
        if not rows:
            return None
        expires, revoked, user_id, login, active, doctor_id, _ = rows[0]
        roles = frozenset(Role(row[6]) for row in rows if row[6] is not None)
        return TokenHolder(self.db.to_datetime(expires), None if revoked is None else self.db.to_datetime(revoked),
                           bool(active), Actor(login, roles, user_id, doctor_id))

    def revoke(self, token_id: int, at: datetime) -> None:
        self.db.execute("UPDATE api_tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL",
                        (at, token_id))
