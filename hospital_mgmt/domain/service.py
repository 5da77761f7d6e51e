from dataclasses import dataclass
from decimal import Decimal

from .codes import format_code
from .errors import InvalidField
from .money import parse_money
from .validation import compact_key, validate_free_text


@dataclass
class Service:
    """A billable item on the price list."""

    name: str
    cost: Decimal
    service_id: int | None = None

    def __post_init__(self):
        self.name = validate_free_text(self.name, "service name", 100)
        if not compact_key(self.name):
            raise InvalidField("service name", "must contain a letter or a digit")
        self.cost = parse_money(self.cost, "price")

    @property
    def key(self) -> str:
        return compact_key(self.name)

    @property
    def code(self) -> str:
        return format_code("service", self.service_id) if self.service_id else "(new)"
