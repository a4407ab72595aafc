"""Walk every page and save a screenshot: ``xvfb-run -a .venv/bin/python tests/gui/screenshots.py [OUT]``.

Not a test: a tool for looking at the pages (clipped text, missing fonts, cramped layouts)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("ROTHWIZARD_DATA_DIR", tempfile.mkdtemp(prefix="rothwizard-shots-"))

from PySide6.QtWidgets import QApplication  # noqa: E402

from rothwizard.gui import create_wizard  # noqa: E402
from rothwizard.gui.app import load_style  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def walk(wizard, out: Path, prefix: str) -> None:
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
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    load_style(app)
    empty = create_wizard()
    empty.show()
    walk(empty, out, "a-empty")
    empty.next() if empty.currentPage().isComplete() else None
    empty.state.set_dirty(False)
    empty.close()
    for prefix, name in (("b-single", "spec-example"), ("c-married", "married-both-strategies")):
        wizard = create_wizard(REPO / "examples" / f"{name}.rothplan.json")
        wizard.show()
        walk(wizard, out, prefix)
        wizard.state.set_dirty(False)
        wizard.close()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
