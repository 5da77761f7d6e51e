from __future__ import annotations

from decimal import Decimal

from ..domain.codes import format_code
from ..domain.errors import DuplicateServiceName, NotFound
from ..domain.records import restore
from ..domain.service import Service
from ..domain.validation import compact_key
from .database import Database, DuplicateKey, placeholders
from .paging import PAGE_SIZE, Page, PageAt, capped_count, contains_pattern, make_page, page_window

COLUMNS = "service_id, service_name, cost"
INSERT = "INSERT INTO services (service_name, service_key, cost) VALUES (?, ?, ?)"


class ServiceRepository:
    def __init__(self, db: Database):
        self.db = db

    def add(self, service: Service) -> Service:
        try:
            service.service_id = self.db.insert(INSERT, (service.name, service.key, service.cost))
        except DuplicateKey as clash:
            if clash.key != "uq_services_key":
                raise
            raise DuplicateServiceName(service.name) from None
        return service

    def add_many(self, services: list[Service]) -> None:
        self.db.executemany(INSERT, [(s.name, s.key, s.cost) for s in services])

    def get(self, service_id: int) -> Service:
        row = self.db.one(f"SELECT {COLUMNS} FROM services WHERE service_id = ?", (service_id,))
        if row is None:
            raise NotFound("service", format_code("service", service_id))
        return self._service(row)

    def get_many(self, service_ids: list[int]) -> dict[int, Service]:
        if not service_ids:
            return {}
        rows = self.db.rows(f"SELECT {COLUMNS} FROM services WHERE service_id IN ({placeholders(service_ids)})",
                            tuple(service_ids))
        return {row["service_id"]: self._service(row) for row in rows}

    def page(self, number: PageAt = 1, size: int = PAGE_SIZE) -> Page[Service]:
        limit, offset = page_window(number, size)
        rows = self.db.rows(f"SELECT {COLUMNS} FROM services ORDER BY service_id LIMIT ? OFFSET ?", (limit, offset))
        return make_page([self._service(r) for r in rows], number, size)

    def update(self, service: Service) -> None:
        """Change the name or price list entry; bills keep the price they were made with."""
        try:
            changed = self.db.execute(
                "UPDATE services SET service_name = ?, service_key = ?, cost = ? WHERE service_id = ?",
                (service.name, service.key, service.cost, service.service_id))
        except DuplicateKey:
            raise DuplicateServiceName(service.name) from None
        if not changed and self.db.one("SELECT 1 AS found FROM services WHERE service_id = ?",
                                       (service.service_id,)) is None:
            raise NotFound("service", service.code)

    def bill_count(self, service_id: int) -> int:
        return self.db.scalar("SELECT count(*) FROM bill_items WHERE service_id = ?", (service_id,))

    def remove(self, service_id: int) -> None:
        """Delete the row; the foreign keys refuse it (StillReferenced) while bills refer to it."""
        if not self.db.execute("DELETE FROM services WHERE service_id = ?", (service_id,)):
            raise NotFound("service", format_code("service", service_id))

    def current_prices(self, service_ids: list[int]) -> dict[int, Decimal]:
        """Today's price of each service still on the price list."""
        if not service_ids:
            return {}
        return {row["service_id"]: self.db.to_money(row["cost"]) for row in self.db.rows(
            f"SELECT service_id, cost FROM services WHERE service_id IN ({placeholders(service_ids)})",
            tuple(service_ids))}

    def existing_keys(self, service_keys: list[str]) -> dict[tuple[str], str]:
        """Which of these service keys are on the price list: (key,) -> code."""
        found: dict[tuple[str], str] = {}
        for start in range(0, len(service_keys), 500):
            batch = service_keys[start:start + 500]
            _, rows = self.db.table(f"SELECT service_id, service_key FROM services"
                                    f" WHERE service_key IN ({placeholders(batch)})", tuple(batch))
            found.update({(key,): format_code("service", sid) for sid, key in rows})
        return found

    def search(self, text: str, page: PageAt = 1, size: int = PAGE_SIZE) -> Page[Service]:
        limit, offset = page_window(page, size)
        rows = self.db.rows(
            f"SELECT {COLUMNS} FROM services WHERE service_key LIKE ? ESCAPE '!'"
            " ORDER BY service_key, service_id LIMIT ? OFFSET ?", (contains_pattern(compact_key(text)), limit, offset))
        return make_page([self._service(r) for r in rows], page, size)

    def count(self, text: str = "") -> tuple[int, bool]:
        if not text:
            return capped_count(self.db, "services", ())
        return capped_count(self.db, "services WHERE service_key LIKE ? ESCAPE '!'",
                            (contains_pattern(compact_key(text)),))

    def _service(self, row) -> Service:
        return restore(Service, name=row["service_name"], cost=self.db.to_money(row["cost"]),
                       service_id=row["service_id"])
