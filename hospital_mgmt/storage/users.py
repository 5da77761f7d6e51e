"""Staff accounts and their roles."""
from __future__ import annotations

from datetime import datetime

from ..domain.errors import LoginTaken, NotFound
from ..domain.records import restore
from ..domain.staff import Role, StaffMember
from .database import Database, DuplicateKey, placeholders
from .paging import PAGE_SIZE, Page, PageAt, make_page, page_window

COLUMNS = "user_id, login, full_name, active, doctor_id, created_at, last_login"


class UserRepository:
    def __init__(self, db: Database):
        self.db = db

    def add(self, member: StaffMember, password_hash: str, at: datetime) -> StaffMember:
        try:
            member.user_id = self.db.insert(
                "INSERT INTO users (login, full_name, password_hash, active, doctor_id, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (member.login, member.full_name, password_hash, int(member.active), member.doctor_id, at))
        except DuplicateKey as clash:
            if clash.key == "uq_users_login":
                raise LoginTaken(member.login) from None
            raise
        member.created_at = at
        self._write_roles(member.user_id, member.roles)
        return member

    def get(self, user_id: int, lock: bool = False) -> StaffMember:
        row = self.db.one(f"SELECT {COLUMNS} FROM users WHERE user_id = ?" + (self.db.lock_suffix if lock else ""),
                          (user_id,))
        if row is None:
            raise NotFound("user", str(user_id))
        return self._with_roles([row])[0]

    def by_login(self, login: str, lock: bool = False) -> StaffMember:
        row = self.db.one(f"SELECT {COLUMNS} FROM users WHERE login = ?" + (self.db.lock_suffix if lock else ""),
                          (login,))
        if row is None:
            raise NotFound("user", login, f"no user {login!r}")
        return self._with_roles([row])[0]

    def credentials(self, login: str) -> tuple[StaffMember, str] | None:
        """The account and its password hash, for signing in; None when no such login."""
        row = self.db.one(f"SELECT {COLUMNS}, password_hash FROM users WHERE login = ?", (login,))
        if row is None:
            return None
        return self._with_roles([row])[0], row["password_hash"]

    def page(self, number: PageAt = 1, size: int = PAGE_SIZE) -> Page[StaffMember]:
        limit, offset = page_window(number, size)
        rows = self.db.rows(f"SELECT {COLUMNS} FROM users ORDER BY login LIMIT ? OFFSET ?", (limit, offset))
        return make_page(self._with_roles(rows), number, size)

    def is_active(self, user_id: int) -> bool:
        return self.db.scalar("SELECT active FROM users WHERE user_id = ?", (user_id,)) == 1

    def count(self) -> int:
        return int(self.db.scalar("SELECT count(*) FROM users"))

    def active_administrators(self) -> list[int]:
        _, rows = self.db.table(
            "SELECT u.user_id FROM users u JOIN user_roles r ON r.user_id = u.user_id"
            " WHERE r.role = 'administrator' AND u.active = 1 ORDER BY u.user_id")
        return [row[0] for row in rows]

    def set_active(self, user_id: int, active: bool) -> None:
        self.db.execute("UPDATE users SET active = ? WHERE user_id = ?", (int(active), user_id))

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        self.db.execute("UPDATE users SET password_hash = ? WHERE user_id = ?", (password_hash, user_id))

    def set_roles(self, member: StaffMember) -> None:
        assert member.user_id is not None
        self.db.execute("UPDATE users SET doctor_id = ? WHERE user_id = ?", (member.doctor_id, member.user_id))
        self.db.execute("DELETE FROM user_roles WHERE user_id = ?", (member.user_id,))
        self._write_roles(member.user_id, member.roles)

    def signed_in(self, user_id: int, at: datetime) -> None:
        self.db.execute("UPDATE users SET last_login = ? WHERE user_id = ?", (at, user_id))

    def _write_roles(self, user_id: int, roles) -> None:
        self.db.executemany("INSERT INTO user_roles (user_id, role) VALUES (?, ?)",
                            [(user_id, role.value) for role in sorted(roles)])

    def _with_roles(self, rows) -> list[StaffMember]:
        ids = [row["user_id"] for row in rows]
        roles: dict[int, set[Role]] = {user_id: set() for user_id in ids}
        if ids:
            _, found = self.db.table(f"SELECT user_id, role FROM user_roles WHERE user_id IN ({placeholders(ids)})",
                                     tuple(ids))
            for user_id, role in found:
                roles[user_id].add(Role(role))
        return [restore(StaffMember, login=row["login"], full_name=row["full_name"],
                        roles=frozenset(roles[row["user_id"]]), active=bool(row["active"]),
                        doctor_id=row["doctor_id"], created_at=self.db.to_datetime(row["created_at"]),
                        last_login=self.db.to_datetime(row["last_login"]), user_id=row["user_id"])
                for row in rows]
