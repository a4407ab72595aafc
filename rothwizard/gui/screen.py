"""The window's size and place: a size that fits the screen's available area (taskbars and panels left
out), remembered between runs in the data folder (``window.json``)."""

from __future__ import annotations

import base64
import json

from rothwizard.gui import storage

WINDOW = "window.json"
PREFERRED = (1180, 780)  # the size the pages are laid out for
MARGIN = 0.95  # of the available area, at most


def fitted_size(available_width: int, available_height: int, frame_height: int = 32) -> tuple[int, int]:
    """The preferred size, shrunk to fit the available area (its title bar included)."""
    width = min(PREFERRED[0], int(available_width * MARGIN))
    height = min(PREFERRED[1], int(available_height * MARGIN) - frame_height)
    return width, height


def save(widget) -> None:
    try:
        data = {"geometry": base64.b64encode(bytes(widget.saveGeometry())).decode("ascii")}
        (storage.data_dir() / WINDOW).write_text(json.dumps(data) + "\n", encoding="utf-8")
    except OSError:
        pass  # not worth a message: the next start uses the default size


def restore(widget) -> bool:
    """Put ``widget`` where it was last time, else centre it at a size that fits; True when restored.
    Either way the window ends up inside the available area of a screen."""
    from PySide6.QtCore import QByteArray

    restored = False
    try:
        data = json.loads((storage.data_dir() / WINDOW).read_text(encoding="utf-8"))
        restored = bool(widget.restoreGeometry(QByteArray(base64.b64decode(data["geometry"]))))
    except (OSError, ValueError, KeyError, TypeError):
        restored = False
    screen = widget.screen()
    if screen is None:
        return restored
    area = screen.availableGeometry()
    if not restored:
        width, height = fitted_size(area.width(), area.height())
        widget.resize(width, height)
        frame = widget.frameGeometry()
        frame.moveCenter(area.center())
        widget.move(frame.topLeft())
        return False
    keep_inside(widget, area)
    return True


def keep_inside(widget, area) -> None:
    """Shrink and move ``widget`` so that all of it (the button row too) is on the available area."""
    width, height = fitted_size(area.width(), area.height())
    if widget.width() > area.width() or widget.height() > area.height() - 32:
        widget.resize(min(widget.width(), width), min(widget.height(), height))
    frame = widget.frameGeometry()
    x = min(max(frame.left(), area.left()), max(area.left(), area.right() - frame.width() + 1))
    y = min(max(frame.top(), area.top()), max(area.top(), area.bottom() - frame.height() + 1))
    if (x, y) != (frame.left(), frame.top()):
        widget.move(x, y)
