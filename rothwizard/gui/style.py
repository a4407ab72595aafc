"""The stylesheet, with its colours chosen for the palette in use (light or dark desktop), so every text
keeps at least 4.5:1 contrast (WCAG 2.x, level AA) against what it is drawn on."""

from __future__ import annotations

import re

MIN_CONTRAST = 4.5

# (text colours on the window; boxes: background, border, text)
LIGHT = {
    "error": "#b00020", "hint": "#5f4b00", "detail": "#444444", "alert": "#8a1c1c",
    "warning_bg": "#fff4d6", "warning_border": "#e0c06a", "warning_fg": "#3d2e00",
    "blocker_bg": "#fde7e4", "blocker_border": "#e0a096", "blocker_fg": "#4a120b",
    "info_bg": "#e6f4ea", "info_border": "#9ccfaa", "info_fg": "#0d3b1c",
}
DARK = {
    "error": "#ff8a80", "hint": "#f2d479", "detail": "#c8c8c8", "alert": "#ff9e94",
    "warning_bg": "#3f3413", "warning_border": "#8a7330", "warning_fg": "#ffe9a8",
    "blocker_bg": "#46201b", "blocker_border": "#9a5047", "blocker_fg": "#ffd9d3",
    "info_bg": "#173a24", "info_border": "#4f8a60", "info_fg": "#d3f3dc",
}
TEXT_ON_WINDOW = ("error", "hint", "detail", "alert")  # "alert": text in the summary's text view
BOXES = ("warning", "blocker", "info")


def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[int, int, int]) -> float:
    """Relative luminance (WCAG 2.x)."""
    r, g, b = (_channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def to_hex(colour: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


def readable(colour: str, backgrounds: list[tuple[int, int, int]], text: tuple[int, int, int]) -> str:
    """``colour``, moved toward ``text`` (the palette's own text colour) until it reads at least 4.5:1
    on every one of ``backgrounds``."""
    start = rgb(colour)
    for step in range(11):
        t = step / 10
        mixed = tuple(round(s + (x - s) * t) for s, x in zip(start, text, strict=True))
        if all(contrast(mixed, bg) >= MIN_CONTRAST for bg in backgrounds):
            return to_hex(mixed)  # type: ignore[arg-type]
    return to_hex(text)


def colours(window: tuple[int, int, int], base: tuple[int, int, int], text: tuple[int, int, int]) -> dict[str, str]:
    """The stylesheet's colours for a palette with this window, base (fields) and text colour."""
    chosen = dict(DARK if luminance(window) < 0.18 else LIGHT)
    for name in TEXT_ON_WINDOW:
        chosen[name] = readable(chosen[name], [window, base], text)
    for box in BOXES:  # a box brings its own background; its text is checked against that
        background = rgb(chosen[f"{box}_bg"])
        far = (0, 0, 0) if luminance(background) > 0.18 else (255, 255, 255)
        chosen[f"{box}_fg"] = readable(chosen[f"{box}_fg"], [background], far)
    return chosen


def palette_colours(palette) -> dict[str, str]:
    """The colours for a QPalette: its window, base (fields, text views) and text colours decide."""
    from PySide6.QtGui import QPalette

    def get(role) -> tuple[int, int, int]:
        c = palette.color(QPalette.ColorGroup.Active, role)
        return c.red(), c.green(), c.blue()

    return colours(get(QPalette.ColorRole.Window), get(QPalette.ColorRole.Base), get(QPalette.ColorRole.WindowText))


def palette_colour(name: str, palette) -> str:
    """One of the colours (e.g. "alert") for ``palette``, as ``#rrggbb``, for HTML shown in the app."""
    return palette_colours(palette)[name]


def stylesheet(template: str, palette) -> str:
    """``template`` (resources/styles/app.qss) with its @name@ colours filled in for ``palette``."""
    chosen = palette_colours(palette)
    return re.sub(r"@(\w+)@", lambda m: chosen.get(m.group(1), m.group(0)), template)


def follow_palette(app, template: str) -> None:
    """Apply ``template`` for the application's palette now and whenever the palette changes."""
    from PySide6.QtCore import QEvent, QObject

    def apply() -> None:
        sheet = stylesheet(template, app.palette())
        if app.styleSheet() != sheet:
            app.setStyleSheet(sheet)

    class _Follower(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if obj is app and event.type() == QEvent.Type.ApplicationPaletteChange:
                apply()
            return False

    old = getattr(app, "_rothwizard_palette_follower", None)
    if old is not None:
        app.removeEventFilter(old)
    follower = _Follower(app)
    app.installEventFilter(follower)
    app._rothwizard_palette_follower = follower
    apply()
