"""One font family for every PDF: Noto (and Hind Siliguri for Bengali, which Noto's PyPI packages
lack), installed from PyPI with the project. Text in a script the Latin face has no letters for
is set in that script's face, and shaped with HarfBuzz, so Devanagari conjuncts and Arabic joins
come out as they are written.

The packages hold variable fonts; their default outlines are the regular face, and the bold face
is made from them once with fontTools and kept in the user's cache folder."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import groupby
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..paths import make_private_folder

BOLD_WEIGHT = 700


@dataclass(frozen=True)
class Face:
    name: str  # the name reportlab knows it by
    package: str
    file: str  # the font's file in the package's files/ folder
    ranges: tuple[tuple[int, int], ...] = ()  # the characters it is chosen for; () is the base face
    bold_file: str = ""  # a static bold face in the package, where it has one


LATIN = Face("DocSans", "fontpkg_noto_sans", "NotoSans[wdth,wght].ttf")
SCRIPTS = [
    Face("DocDevanagari", "fontpkg_noto_sans_devanagari", "NotoSansDevanagari[wdth,wght].ttf",
         ((0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF))),
    Face("DocBengali", "fontpkg_hind_siliguri", "HindSiliguri-Regular.ttf", ((0x0980, 0x09FF),),
         "HindSiliguri-Bold.ttf"),
    Face("DocTamil", "fontpkg_noto_sans_tamil", "NotoSansTamil[wdth,wght].ttf", ((0x0B80, 0x0BFF),)),
    Face("DocTelugu", "fontpkg_noto_sans_telugu", "NotoSansTelugu[wdth,wght].ttf", ((0x0C00, 0x0C7F),)),
    Face("DocArabic", "fontpkg_noto_sans_arabic", "NotoSansArabic[wdth,wght].ttf",
         ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))),
    Face("DocThai", "fontpkg_noto_sans_thai", "NotoSansThai[wdth,wght].ttf", ((0x0E00, 0x0E7F),)),
    Face("DocKhmer", "fontpkg_noto_sans_khmer", "NotoSansKhmer[wdth,wght].ttf", ((0x1780, 0x17FF), (0x19E0, 0x19FF))),
]
REGULAR, BOLD = LATIN.name, LATIN.name + "-Bold"
SCRIPTED = re.compile("[" + "".join(f"\\u{low:04x}-\\u{high:04x}" for face in SCRIPTS for low, high in face.ranges)
                      + "]")


def base_fonts() -> tuple[str, str]:
    """The regular and bold names of the base face, registered with reportlab."""
    _register(LATIN)
    return REGULAR, BOLD


def needs_shaping(text: str) -> bool:
    """Whether the text holds letters of a script set in its own face (and shaped)."""
    return SCRIPTED.search(text) is not None


def markup(text: str, bold: bool = False) -> str:
    """The text as Paragraph markup: escaped, and each run of a script in that script's face."""
    return "".join(_run("".join(chars), face, bold) for face, chars in groupby(text, key=_face_of))


def _run(text: str, face: Face | None, bold: bool) -> str:
    escaped = escape(text)
    if face is None:
        return escaped
    _register(face)
    return f'<font name="{face.name}{"-Bold" if bold else ""}">{escaped}</font>'


def _face_of(ch: str) -> Face | None:
    code = ord(ch)
    for face in SCRIPTS:
        if any(low <= code <= high for low, high in face.ranges):
            return face
    return None


def escape(text: str) -> str:
    """Text for a reportlab Paragraph, which reads a little markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@cache
def _register(face: Face) -> None:
    regular = _file(face.package, face.file)
    pdfmetrics.registerFont(TTFont(face.name, str(regular)))
    bold = _file(face.package, face.bold_file) if face.bold_file else _bold_instance(regular)
    pdfmetrics.registerFont(TTFont(face.name + "-Bold", str(bold)))
    pdfmetrics.registerFontFamily(face.name, normal=face.name, bold=face.name + "-Bold")


def _file(package: str, name: str) -> Path:
    return Path(str(resources.files(package) / "files" / name))


def _bold_instance(variable: Path) -> Path:
    """The bold face of a variable font, made once and kept in the cache folder."""
    target = cache_folder() / f"{variable.stem.split('[')[0]}-Bold-{variable.stat().st_size}-1.ttf"
    if not target.is_file():
        from fontTools.ttLib import TTFont as FontFile  # loaded only the first time a face is made
        from fontTools.varLib import instancer
        font = FontFile(str(variable))
        axes = {axis.axisTag: axis.defaultValue for axis in font["fvar"].axes}
        instance = instancer.instantiateVariableFont(font, {**axes, "wght": BOLD_WEIGHT})
        _name_bold(instance, variable.stem.split("[")[0])
        partial = target.with_suffix(f".{os.getpid()}.part")
        instance.save(str(partial))
        partial.replace(target)  # whole or not at all, even with two processes making it at once
    return target


def _name_bold(font, family: str) -> None:
    """The bold face's own names: a PDF tells its faces apart by their PostScript names."""
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (2, 4, 6, 17):
            names.removeNames(nameID=record.nameID)
    names.setName("Bold", 2, 3, 1, 0x409)
    names.setName(f"{family} Bold", 4, 3, 1, 0x409)
    names.setName(f"{family}-Bold", 6, 3, 1, 0x409)


def cache_folder() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "hospital_mgmt" / "fonts"
    make_private_folder(folder)
    return folder
