"""Cashiers' shifts and what was counted at their closing."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from ..domain.billing import PaymentMethod
from ..domain.codes import format_code
from ..domain.errors import NotFound, ShiftAlreadyOpen
from ..domain.shift import Shift, ShiftCount
from .database import Database, DuplicateKey, placeholders

COLUMNS = "s.shift_id, s.user_id, u.login, s.opened_at, s.opening_float, s.closed_at"
FROM = " FROM shifts s JOIN users u ON u.user_id = s.user_id"


class ShiftRepository:
    def __init__(self, db: Database):
        self.db = db

    def open(self, user_id: int, login: str, at: datetime, opening_float: Decimal) -> Shift:
        try:
            shift_id = self.db.insert("INSERT INTO shifts (user_id, opened_at, opening_float) VALUES (?, ?, ?)",
                                      (user_id, at, opening_float))
        except DuplicateKey as clash:
            if clash.key != "uq_shifts_open_user":
                raise
            already = self.open_for(user_id)
            assert already is not None
            raise ShiftAlreadyOpen(login, already.code, already.opened_at) from None
        return Shift(shift_id, user_id, login, at, opening_float)

    def open_for(self, user_id: int, lock: bool = False) -> Shift | None:
        """The user's open shift, if any; with `lock`, held until the unit of work ends."""
        rows = self.db.rows(f"SELECT {COLUMNS}{FROM} WHERE s.open_user_id = ?"
                            + (self.db.lock_suffix if lock else ""), (user_id,))
        return self._shifts(rows)[0] if rows else None

    def get(self, shift_id: int) -> Shift:
        rows = self.db.rows(f"SELECT {COLUMNS}{FROM} WHERE s.shift_id = ?", (shift_id,))
        if not rows:
            raise NotFound("shift", format_code("shift", shift_id))
        return self._shifts(rows)[0]

    def takings(self, shift_id: int) -> dict[PaymentMethod, Decimal]:
        """The shift's net takings by method: payments of bills and deposits in, refunds out."""
        _, rows = self.db.table(
            "SELECT method, SUM(amount) FROM (SELECT method, amount FROM payments WHERE shift_id = ?"
            " UNION ALL SELECT method, amount FROM deposits WHERE shift_id = ?"
            " UNION ALL SELECT method, -amount FROM refunds WHERE shift_id = ?) m GROUP BY method",
            (shift_id, shift_id, shift_id))
        return {PaymentMethod(method): self.db.to_money(amount) for method, amount in rows}

    def close(self, shift_id: int, at: datetime, counts: list[ShiftCount]) -> None:
        self.db.execute("UPDATE shifts SET closed_at = ? WHERE shift_id = ? AND closed_at IS NULL", (at, shift_id))
        self.db.executemany("INSERT INTO shift_counts (shift_id, method, expected, counted) VALUES (?, ?, ?, ?)",
                            [(shift_id, c.method.value, c.expected, c.counted) for c in counts])

    def opened_on(self, day: date) -> list[Shift]:
        """The shifts opened on the day, in the order they were opened, with their counts."""
        start = datetime.combine(day, time())
        rows = self.db.rows(f"SELECT {COLUMNS}{FROM} WHERE s.opened_at >= ? AND s.opened_at < ? ORDER BY s.shift_id",
                            (start, start + timedelta(days=1)))
        return self._shifts(rows)

    def _shifts(self, rows) -> list[Shift]:
        shifts = [Shift(r["shift_id"], r["user_id"], r["login"], self.db.to_datetime(r["opened_at"]),
                        self.db.to_money(r["opening_float"]), self.db.to_datetime(r["closed_at"])) for r in rows]
        closed = {shift.shift_id: shift for shift in shifts if not shift.is_open}
        if closed:
            _, found = self.db.table(
                f"SELECT shift_id, method, expected, counted FROM shift_counts WHERE shift_id IN"
                f" ({placeholders(closed)}) ORDER BY shift_id, method", tuple(closed))
            for shift_id, method, expected, counted in found:
                closed[shift_id].counts.append(
                    ShiftCount(PaymentMethod(method), self.db.to_money(expected), self.db.to_money(counted)))
            order = list(PaymentMethod)
            for shift in closed.values():
                shift.counts.sort(key=lambda count: order.index(count.method))
        return shifts
