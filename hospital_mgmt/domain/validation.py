"""Field rules shared by every way data comes in: constructors, prompts and CSV imports."""
import re
import unicodedata
from datetime import date, datetime, time

from .errors import InvalidField, InvalidQuantity, Refused

NAME_PUNCTUATION = set(" .'-")
PHONE_FORMATTING = re.compile(r"[\s\-().]")
PHONE = re.compile(r"\+?\d{10,15}")
GENDERS = {"M": "M", "MALE": "M", "F": "F", "FEMALE": "F", "O": "O", "OTHER": "O"}
MAX_AGE = 130
MAX_QUANTITY = 1000  # of a service on a bill line, or performed at a visit
BLOOD_GROUPS = ("A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
EMAIL_MAX = 120
# Marks that names carry but people leave out when they type them: O'Brien is found by obrien.
NAME_MARKS_DROPPED = str.maketrans("", "", "'’‘`´")
NAME_MARKS_SPACED = str.maketrans("-.‐‑", "    ")


def _is_name_character(ch: str) -> bool:
    # Letters of any script plus their combining marks (a decomposed "é" is e + U+0301).
    return unicodedata.category(ch)[0] in "LM" or ch in NAME_PUNCTUATION


def validate_name(value, field: str = "name") -> str:
    name = str(value or "").strip()
    if not 2 <= len(name) <= 100:
        raise InvalidField(field, "must be 2 to 100 characters")
    if not all(_is_name_character(ch) for ch in name):
        raise InvalidField(field, "only letters, spaces and . ' - are allowed")
    if not any(unicodedata.category(ch)[0] == "L" for ch in name):
        raise InvalidField(field, "must contain letters")
    return name


def validate_age(value, field: str = "age") -> int:
    text = str(value).strip()
    if not text.isascii() or not text.isdigit():
        raise InvalidField(field, f"{text!r} is not a whole number of years")
    if len(text) > 3 or int(text) > MAX_AGE:
        raise InvalidField(field, f"must be 0 to {MAX_AGE}")
    return int(text)


def validate_gender(value, field: str = "gender") -> str:
    gender = GENDERS.get(str(value or "").strip().upper())
    if gender is None:
        raise InvalidField(field, "must be M, F or O")
    return gender


def validate_email(value, field: str = "e-mail") -> str:
    """An e-mail address (optional): something@somewhere.tld, stored as typed."""
    text = str(value or "").strip()
    if text and (len(text) > EMAIL_MAX or not EMAIL.fullmatch(text) or not text.isprintable()):
        raise InvalidField(field, f"{text[:40]!r} is not an e-mail address like name@example.com")
    return text


def validate_blood_group(value, field: str = "blood group") -> str:
    """One of the eight ABO/Rh groups (optional): `A+`, `ab-`, `O pos`, `B negative`."""
    text = "".join(str(value or "").upper().split())
    for word, sign in (("POSITIVE", "+"), ("NEGATIVE", "-"), ("POS", "+"), ("NEG", "-"), ("VE", "")):
        text = text.replace(word, sign)
    if text and text not in BLOOD_GROUPS:
        raise InvalidField(field, f"must be one of {', '.join(BLOOD_GROUPS)}")
    return text


def normalize_phone(value) -> str:
    """Strip the formatting people type: spaces, dashes, dots and brackets."""
    return PHONE_FORMATTING.sub("", str(value or "").strip())


def validate_contact(value, field: str = "contact number") -> str:
    phone = normalize_phone(value)
    if not PHONE.fullmatch(phone) or not phone.isascii():
        raise InvalidField(field, "must be 10 to 15 digits, optionally starting with +")
    return phone


def phone_digits(value) -> str:
    return "".join(ch for ch in str(value or "") if ch.isascii() and ch.isdigit())


def name_grams(key: str) -> set[str]:
    """Every run of three characters in a name's search form (`ravi` -> rav, avi): a text of three or
    more is in a name only if each of its own runs is, so the runs of a rare text find its names."""
    return {key[start:start + 3] for start in range(len(key) - 2)}


PHONE_TAIL = 10  # the digits that name a phone line; a country code or trunk 0 before them varies


def phone_tail(value) -> str:
    """The last ten digits of a phone number, last digit first: the form an index finds a number
    by, whole (`+91 98765 43210` and `098765-43210` alike) or by the last digits a clerk types."""
    return phone_digits(value)[-PHONE_TAIL:][::-1]


def phone_search_digits(value) -> str:
    """The digits of a phone number typed to search by, in any formatting."""
    digits = phone_digits(value)
    if not digits:
        raise Refused("type the digits of the phone number (any formatting is fine)")
    return digits


def validate_free_text(value, field: str, max_length: int, required: bool = True) -> str:
    """Anything printable, stored verbatim (quotes and SQL-looking text included)."""
    text = str(value or "").strip()
    if required and not text:
        raise InvalidField(field, "must not be empty")
    if len(text) > max_length:
        raise InvalidField(field, f"at most {max_length} characters")
    if not text.isprintable():
        raise InvalidField(field, "contains characters that cannot be printed")
    return text


def parse_date(value, field: str = "date") -> date:
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidField(field, f"{text!r} is not a date as YYYY-MM-DD") from None


def parse_birth(value, today: date) -> date | int:
    """A date of birth (YYYY-MM-DD), or when it is not known the age in whole years."""
    text = str(value or "").strip()
    if text.isascii() and text.isdigit() and len(text) <= 3:
        return validate_age(text)
    try:
        born = parse_date(text, "date of birth")
    except InvalidField:
        raise InvalidField("date of birth", f"{text!r} is neither a date as YYYY-MM-DD nor an age in years") from None
    if born > today:
        raise InvalidField("date of birth", f"{born} is in the future")
    if today.year - born.year > MAX_AGE:
        raise InvalidField("date of birth", f"{born} would make the patient older than {MAX_AGE}")
    return born


def parse_time(value, field: str = "time") -> time:
    if isinstance(value, time):
        return value
    text = str(value or "").strip()
    try:
        return datetime.strptime(text, "%H:%M").time()
    except ValueError:
        raise InvalidField(field, f"{text!r} is not a time as HH:MM (24-hour)") from None


def name_key(name: str) -> str:
    """The form names are compared and searched in: no case, no accents, no apostrophes, hyphens
    and dots as spaces, single spaces (`O'Brien` -> `obrien`, `Mary-Jane` -> `mary jane`)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().translate(NAME_MARKS_DROPPED)
                                       .translate(NAME_MARKS_SPACED))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.split())


def compact_key(text: str) -> str:
    """name_key without spaces or punctuation: `X-Ray - Chest`, `xray chest` and `XRAY-CHEST`
    are the same service, found the same way on both engines."""
    return "".join(ch for ch in name_key(text) if ch.isalnum())


def validate_quantity(quantity) -> int:
    text = str(quantity).strip()
    if not text.isascii() or not text.lstrip("-").isdigit():
        raise InvalidQuantity(f"quantity {text!r} is not a whole number")
    if len(text) > 6:  # far out of range, and int() of thousands of digits is refused by Python
        raise InvalidQuantity(f"quantity must be 1 to {MAX_QUANTITY}")
    number = int(text)
    if not 1 <= number <= MAX_QUANTITY:
        raise InvalidQuantity(f"quantity must be 1 to {MAX_QUANTITY}, not {number}")
    return number
