"""Fonts for the PDFs: Helvetica where it has every glyph, else a Unicode TrueType font."""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_CANDIDATES = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
]
STANDARD_FONTS = ("Helvetica", "Helvetica-Bold")


@lru_cache(maxsize=1)
def fonts() -> tuple[str, str]:
    """A Unicode TrueType font when the machine has one (names of any script), else Helvetica."""
    for regular, bold in FONT_CANDIDATES:
        if Path(regular).is_file() and Path(bold).is_file():
            pdfmetrics.registerFont(TTFont("InvoiceSans", regular))
            pdfmetrics.registerFont(TTFont("InvoiceSans-Bold", bold))
            return "InvoiceSans", "InvoiceSans-Bold"
    return STANDARD_FONTS


def fonts_for(texts: Iterable[str]) -> tuple[str, str]:
    """Helvetica when every character has a glyph in it (Latin-1 and the Windows-1252 extras):
    it needs no embedding, which makes a PDF about three times faster. Otherwise the Unicode font."""
    try:
        for text in texts:
            text.encode("cp1252")
    except UnicodeEncodeError:
        return fonts()
    return STANDARD_FONTS


def escape(text: str) -> str:
    """Text for a reportlab Paragraph, which reads a little markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
