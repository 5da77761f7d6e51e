"""Display codes in the style of the hospital's paper records: 1001, D01, S01, A001, B001, DP01, TR001, LT01, LB0001."""
from .errors import InvalidField

PREFIXES = {"doctor": ("D", 2), "service": ("S", 2), "appointment": ("A", 3), "bill": ("B", 3),
            "shift": ("SH", 3), "credit": ("C", 3), "receipt": ("R", 4), "department": ("DP", 2),
            "treatment": ("TR", 3), "lab_test": ("LT", 2), "lab_order": ("LB", 4)}


def format_code(kind: str, record_id: int) -> str:
    if kind == "patient":
        return str(record_id)
    prefix, width = PREFIXES[kind]
    return f"{prefix}{record_id:0{width}d}"


def parse_code(kind: str, text: str) -> int:
    """Read `D07`, `d7` or `7` (for a patient, `1001`) back into the record's id."""
    raw = str(text).strip().upper()
    if kind != "patient":
        prefix = PREFIXES[kind][0]
        if raw.startswith(prefix):
            raw = raw[len(prefix):]
    example = "1001" if kind == "patient" else f"{PREFIXES[kind][0]}07 or 7"
    # Ten digits or more is no record's code (and would overflow the database's key column).
    if not raw.isdigit() or not raw.isascii() or len(raw) > 9 or int(raw) <= 0:
        raise InvalidField(f"{kind} code", f"{text.strip()!r} is not a {kind} code (e.g. {example})")
    return int(raw)
