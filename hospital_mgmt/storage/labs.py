"""The laboratory's test types and the tests ordered at visits, with their results."""
from __future__ import annotations

from ..domain.codes import format_code
from ..domain.errors import DuplicateLabTest, NotFound
from ..domain.lab import LabFlag, LabOrder, LabResult, LabTest
from ..domain.records import restore
from .database import Database, DuplicateKey

TEST_COLUMNS = "test_id, name, unit, low, high, women_low, women_high"
ORDER_COLUMNS = "o.order_id, o.appt_id, o.test_id, o.ordered_at, o.result, o.result_on, o.flag"


def stored_lab_test(db: Database, row) -> LabTest:
    """A test type from a row holding its columns (by name), as stored."""
    money = db.to_money
    return restore(LabTest, test_id=row["test_id"], name=row["name"], unit=row["unit"], low=money(row["low"]),
                   high=money(row["high"]), women_low=money(row["women_low"]), women_high=money(row["women_high"]))


class LabRepository:
    def __init__(self, db: Database):
        self.db = db

    # -- test types -----------------------------------------------------------------
    def add_test(self, test: LabTest) -> LabTest:
        try:
            test.test_id = self.db.insert(
                "INSERT INTO lab_tests (name, test_key, unit, low, high, women_low, women_high)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)", (test.name, test.key, test.unit, test.low, test.high, test.women_low,
                                                  test.women_high))
        except DuplicateKey:
            raise DuplicateLabTest(test.name) from None
        return test

    def update_test(self, test: LabTest) -> None:
        try:
            self.db.execute("UPDATE lab_tests SET name = ?, test_key = ?, unit = ?, low = ?, high = ?, women_low = ?,"
                            " women_high = ? WHERE test_id = ?", (test.name, test.key, test.unit, test.low, test.high,
                                                                  test.women_low, test.women_high, test.test_id))
        except DuplicateKey:
            raise DuplicateLabTest(test.name) from None

    def test(self, test_id: int) -> LabTest:
        row = self.db.one(f"SELECT {TEST_COLUMNS} FROM lab_tests WHERE test_id = ?", (test_id,))
        if row is None:
            raise NotFound("lab test", format_code("lab_test", test_id))
        return self._test(row)

    def tests(self) -> list[LabTest]:
        """Every test type by name (a laboratory runs tens of them)."""
        return [self._test(row) for row in self.db.rows(f"SELECT {TEST_COLUMNS} FROM lab_tests ORDER BY test_key")]

    def _test(self, row) -> LabTest:
        return stored_lab_test(self.db, row)

    # -- orders and results ---------------------------------------------------------
    def add_order(self, order: LabOrder) -> LabOrder:
        order.order_id = self.db.insert("INSERT INTO lab_orders (appt_id, test_id, ordered_at) VALUES (?, ?, ?)",
                                        (order.appt_id, order.test_id, order.ordered_at))
        return order

    def order(self, order_id: int, lock: bool = False) -> LabOrder:
        row = self.db.one(f"SELECT {ORDER_COLUMNS} FROM lab_orders o WHERE o.order_id = ?"
                          + (self.db.lock_suffix if lock else ""), (order_id,))
        if row is None:
            raise NotFound("lab order", format_code("lab_order", order_id))
        return self._order(row)

    def save_result(self, order: LabOrder) -> None:
        self.db.execute("UPDATE lab_orders SET result = ?, result_on = ?, flag = ? WHERE order_id = ?",
                        (order.result, order.result_on, order.flag.value if order.flag else None, order.order_id))

    def remove_order(self, order_id: int) -> None:
        self.db.execute("DELETE FROM lab_orders WHERE order_id = ?", (order_id,))

    def of_appointments(self, appt_ids: list[int]) -> dict[int, list[LabResult]]:
        if not appt_ids:
            return {}
        found: dict[int, list[LabResult]] = {}
        for result in self._results(f"o.appt_id IN ({', '.join('?' * len(appt_ids))})", tuple(appt_ids)):
            found.setdefault(result.order.appt_id, []).append(result)
        return found

    def of_patient(self, patient_id: int) -> list[LabResult]:
        """The patient's lab history: every order of their visits, oldest first."""
        return self._results("a.patient_id = ?", (patient_id,))

    def _results(self, where: str, params: tuple) -> list[LabResult]:
        rows = self.db.rows(
            f"SELECT {ORDER_COLUMNS}, a.appt_date, t.name, t.unit, t.low, t.high, t.women_low, t.women_high"
            " FROM lab_orders o"
            " JOIN appointments a ON a.appt_id = o.appt_id JOIN lab_tests t ON t.test_id = o.test_id"
            f" WHERE {where} ORDER BY a.appt_date, o.order_id", params)
        return [LabResult(self._order(row), self._test(row), self.db.to_date(row["appt_date"])) for row in rows]

    def _order(self, row) -> LabOrder:
        return restore(LabOrder, order_id=row["order_id"], appt_id=row["appt_id"], test_id=row["test_id"],
                       ordered_at=self.db.to_datetime(row["ordered_at"]), result=self.db.to_money(row["result"]),
                       result_on=self.db.to_date(row["result_on"]),
                       flag=None if row["flag"] is None else LabFlag(row["flag"]))
