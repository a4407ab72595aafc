"""One stylesheet for the PDF action plan, and the bundled DejaVu fonts it embeds.

Black and white only: emphasis comes from weight, rules and light grey fills that photocopy well.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from rothwizard.paths import resource_path

FONT = "RWSans"
FONT_BOLD = "RWSans-Bold"
INK = colors.black
GREY = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.55, 0.55, 0.55)
SHADE = colors.Color(0.92, 0.92, 0.92)


class FontMissing(Exception):
    """A bundled font file is missing (a packaging fault)."""


@functools.cache
def register_fonts() -> None:
    """Register DejaVu Sans (regular and bold) from ``resources/fonts`` once per process."""
    for name, file in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf")):
        path = resource_path("fonts", file)
        if not path.is_file():
            raise FontMissing(f"The bundled font {file} is missing from {path.parent}.")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


@functools.cache
def stylesheet() -> StyleSheet1:
    """The named paragraph styles every part of the PDF uses."""
    register_fonts()
    ss = StyleSheet1()
    base = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12, textColor=INK)
    ss.add(base)
    ss.add(ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5))
    ss.add(ParagraphStyle("note", parent=base, fontSize=7.5, leading=9.5, textColor=GREY))
    ss.add(ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5))
    ss.add(ParagraphStyle("cellbold", parent=base, fontName=FONT_BOLD, fontSize=8.5, leading=10.5))
    ss.add(ParagraphStyle("num", parent=base, fontSize=8.5, leading=10.5, alignment=TA_RIGHT))
    ss.add(ParagraphStyle("numbold", parent=base, fontName=FONT_BOLD, fontSize=8.5, leading=10.5,
                          alignment=TA_RIGHT))
    ss.add(ParagraphStyle("head", parent=base, fontName=FONT_BOLD, fontSize=8, leading=10))
    ss.add(ParagraphStyle("headnum", parent=ss["head"], alignment=TA_RIGHT))
    ss.add(ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=20, leading=25,
                          spaceAfter=4))
    ss.add(ParagraphStyle("subtitle", parent=base, fontSize=10.5, leading=14, textColor=GREY,
                          spaceAfter=10))
    ss.add(ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=14, leading=18,
                          spaceBefore=4, spaceAfter=6))
    ss.add(ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=11, leading=14,
                          spaceBefore=10, spaceAfter=4))
    ss.add(ParagraphStyle("lead", parent=base, fontName=FONT_BOLD, fontSize=11.5, leading=15))
    ss.add(ParagraphStyle("bullet", parent=base, leftIndent=10, bulletIndent=0, spaceAfter=2))
    return ss


# ------------------------------------------------------------------ text DejaVu cannot print
UNPRINTABLE = "[?]"
_FALLBACK_DIRS = ("C:/Windows/Fonts", "/System/Library/Fonts", "/Library/Fonts")
_FALLBACK_FILES = ("msyh.ttc", "simsun.ttc", "msgothic.ttc", "malgun.ttf", "seguisym.ttf", "seguiemj.ttf",
                   "Arial Unicode.ttf")


@functools.cache
def _dejavu_cmap() -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(FONT).face.charToGlyph)


def _candidate_files(char: str) -> list[str]:
    """Font files that cover ``char``: fontconfig first (``fc-list :charset=``), then the usual system
    folders of Windows and macOS."""
    files = []
    fc = shutil.which("fc-list")
    if fc:
        try:
            out = subprocess.run([fc, f":charset={ord(char):x}", "file"], capture_output=True, text=True,
                                 timeout=10, check=False).stdout
            files += sorted(line.strip().rstrip(":") for line in out.splitlines() if line.strip())
        except (OSError, subprocess.SubprocessError):
            pass
    for folder in _FALLBACK_DIRS:
        files += [os.path.join(folder, f) for f in _FALLBACK_FILES if os.path.isfile(os.path.join(folder, f))]
    return [f for f in files if f.lower().endswith((".ttf", ".ttc"))]


_fallbacks: dict[str, str] = {}  # file -> registered font name


@functools.cache
def fallback_font(char: str) -> str | None:
    """The registered name of a TrueType font that has ``char`` (reportlab embeds TrueType outlines only),
    or None."""
    for path in _candidate_files(char):
        name = _fallbacks.get(path)
        if name is None:
            try:
                font = TTFont(f"RWFallback{len(_fallbacks)}", path, subfontIndex=0)
            except Exception:  # noqa: BLE001 - a CFF/OpenType or broken file: try the next
                continue
            pdfmetrics.registerFont(font)
            name = _fallbacks[path] = font.fontName
        if ord(char) in pdfmetrics.getFont(name).face.charToGlyph:
            return name
    return None


def printable(text: str) -> tuple[str, bool]:
    """``text`` as Paragraph markup that prints: characters DejaVu lacks in a fallback font found on
    the system, or, with none, ``[?]``. Returns the markup and whether anything was replaced."""
    cmap = _dejavu_cmap()
    if all(ord(c) in cmap or c in "\n\t" for c in text):
        return escape(text), False
    out, lost = [], False
    for c in text:
        if ord(c) in cmap or c in "\n\t" or 0xFE00 <= ord(c) <= 0xFE0F or ord(c) == 0x200D:
            out.append(escape(c) if ord(c) in cmap else "")
            continue
        name = fallback_font(c)
        if name:
            run = f'<font name="{name}">'
            if out and out[-1].startswith(run):  # one tag for a run of characters in the same font
                out[-1] = out[-1][: -len("</font>")] + escape(c) + "</font>"
            else:
                out.append(f"{run}{escape(c)}</font>")
        else:
            out.append(UNPRINTABLE)
            lost = True
    return "".join(out), lost
