"""Staff passwords, hashed with argon2id (argon2-cffi's defaults: RFC 9106's low-memory profile,
64 MiB, 3 passes). A password is never stored, logged or shown; only its hash is kept.

Checking a login name that does not exist costs the same as checking a wrong password (a hash
of a password nobody has is verified instead), so the time taken does not tell which it was."""
from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

HASHER = PasswordHasher()


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def password_matches(stored_hash: str | None, password: str) -> bool:
    """Whether the password is the one hashed; with no hash (no such user) the same work is done
    against a stand-in, and the answer is no."""
    stand_in = _stand_in()  # made on the first check of either kind, so the first costs the same too
    try:
        return HASHER.verify(stored_hash or stand_in, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether the hash was made with weaker settings than today's (it is then made again at sign-in)."""
    return HASHER.check_needs_rehash(stored_hash)


@lru_cache(maxsize=1)
def _stand_in() -> str:
    return HASHER.hash("a password that belongs to no one")
