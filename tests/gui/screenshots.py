"""Walk every page and save a screenshot: ``.venv/bin/python tests/gui/screenshots.py [OUT] [options]``.

Options: ``--screen 1280x680`` (a virtual screen of that size, offscreen), ``--scale 1.5`` (QT_SCALE_FACTOR:
``--screen 1920x1080 --scale 1.5`` is a 1080p screen at 150 %, 1280x720 logical), ``--dark`` (a dark
desktop palette, Breeze Dark's colours). Without ``--screen`` it runs on whatever platform Qt picks
(``xvfb-run -a`` or offscreen).

Not a test: a tool for looking at the pages (clipped text, missing fonts, cramped layouts, colours)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("ROTHWIZARD_DATA_DIR", tempfile.mkdtemp(prefix="rothwizard-shots-"))
REPO = Path(__file__).resolve().parents[2]
DARK = {"Window": "#31363b", "WindowText": "#eff0f1", "Base": "#232629", "AlternateBase": "#31363b",
        "Text": "#eff0f1", "Button": "#31363b", "ButtonText": "#eff0f1", "ToolTipBase": "#31363b",
        "ToolTipText": "#eff0f1", "Highlight": "#3daee9", "HighlightedText": "#eff0f1",
        "PlaceholderText": "#a0a0a0", "Link": "#3daee9", "Mid": "#555555", "Light": "#4a4a4a",
        "Dark": "#202020", "Shadow": "#111111"}


def walk(wizard, out: Path, prefix: str) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    n = 0
    while True:
        app.processEvents()
        wizard.grab().save(str(out / f"{prefix}-{n:02d}-{wizard.currentId()}.png"))
        n += 1
        before = wizard.currentId()
        if not wizard.currentPage().isComplete():
            break
        wizard.next()
        if wizard.currentId() == before:
            break


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="/tmp/shots")
    parser.add_argument("--screen", help="WIDTHxHEIGHT of a virtual (offscreen) screen")
    parser.add_argument("--scale", help="QT_SCALE_FACTOR")
    parser.add_argument("--dark", action="store_true", help="a dark desktop palette")
    args = parser.parse_args()
    if args.screen:
        width, height = (int(v) for v in args.screen.lower().split("x"))
        config = Path(tempfile.mkdtemp(prefix="rothwizard-screen-")) / "screen.json"
        config.write_text(json.dumps({"synchronousWindowSystemEvents": False, "windowFrameMargins": True,
                                      "screens": [{"name": "shots", "x": 0, "y": 0, "width": width,
                                                   "height": height, "logicalDpi": 96, "logicalBaseDpi": 96,
                                                   "dpr": 1}]}))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    if args.scale:
        os.environ["QT_SCALE_FACTOR"] = args.scale

    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    from rothwizard.gui import create_wizard
    from rothwizard.gui.app import load_style

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if args.dark:
        app.setStyle("Fusion")
        palette = QPalette()
        for role, value in DARK.items():
            palette.setColor(getattr(QPalette.ColorRole, role), QColor(value))
        for role in ("WindowText", "Text", "ButtonText"):  # greyed out, as a dark desktop does
            palette.setColor(QPalette.ColorGroup.Disabled, getattr(QPalette.ColorRole, role), QColor("#7f8c8d"))
        app.setPalette(palette)
    load_style(app)
    empty = create_wizard()
    empty.show()
    walk(empty, out, "a-empty")
    empty.state.set_dirty(False)
    empty.close()
    for prefix, name in (("b-single", "spec-example"), ("c-married", "married-both-strategies")):
        wizard = create_wizard(REPO / "examples" / f"{name}.rothplan.json")
        wizard.show()
        wizard.restart()  # an opened plan lands on its summary: walk it from the first page
        walk(wizard, out, prefix)
        wizard.state.set_dirty(False)
        wizard.close()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
