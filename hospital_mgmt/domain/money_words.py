"""An amount in words, as a receipt writes it: "Rupees One Lakh Twenty Thousand Four Hundred Fifty
and Paise Fifty Only". Rupees are grouped the Indian way (thousand, lakh, crore); other currencies
the international way (thousand, million, billion)."""
from __future__ import annotations

from decimal import Decimal

from .money import to_money

ONES = ["", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve",
        "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"]
TENS = ["", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"]
INDIAN = [(10_000_000, "Crore"), (100_000, "Lakh"), (1_000, "Thousand"), (100, "Hundred")]
INTERNATIONAL = [(1_000_000_000, "Billion"), (1_000_000, "Million"), (1_000, "Thousand"), (100, "Hundred")]
UNITS = {"INR": ("Rupees", "Paise")}


def amount_in_words(amount: Decimal, currency: str = "INR") -> str:
    amount = to_money(amount)
    whole, fraction = divmod(int(amount.scaleb(2)), 100)
    major, minor = UNITS.get(currency, (currency, "Cents"))
    groups = INDIAN if currency == "INR" else INTERNATIONAL
    words = f"{major} {number_in_words(whole, groups)}"
    if fraction:
        words += f" and {minor} {number_in_words(fraction, groups)}"
    return words + " Only"


def number_in_words(number: int, groups=INDIAN) -> str:
    if number == 0:
        return "Zero"
    parts = []
    for size, name in groups:
        count, number = divmod(number, size)
        if count:
            # above the largest group (a hundred crore) the count is itself said in groups
            parts.append(f"{number_in_words(count, groups) if count >= 100 and size > 100 else _small(count)} {name}")
    if number:
        parts.append(_small(number))
    return " ".join(parts)


def _small(number: int) -> str:
    """1 to 99."""
    if number < 20:
        return ONES[number]
    tens, ones = divmod(number, 10)
    return TENS[tens] + (f" {ONES[ones]}" if ones else "")
