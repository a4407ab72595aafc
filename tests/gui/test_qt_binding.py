"""The Qt binding must not leak or over-release references to None.

PySide6-Essentials 6.12.0 releases one reference to None on every call of a method that returns nothing
(setText, setVisible, processEvents). On Python 3.11 None is not immortal, so after a few thousand such
calls, a few hundred keystrokes in the wizard, the interpreter aborts with "none_dealloc". pyproject.toml
excludes that release; this test catches the fault in whatever binding is installed.
"""

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_keep_none_alive(qtbot):
    label = QLabel("x")
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("y")
        label.setVisible(False)
    assert sys.getrefcount(None) >= before - 10


def test_modules_imported_after_qt_do_not_fill_linecache():
    """rothwizard.gui.qtimport: PySide6's import hook no longer keeps every later module's source
    in memory (about 8 MB once the core is loaded)."""
    import subprocess

    code = (
        "import linecache, rothwizard.gui, PySide6.QtWidgets\n"
        "import rothwizard.core.calculator, rothwizard.core.actionplan\n"
        "print(sum(len(v[2]) for v in linecache.cache.values() if isinstance(v, tuple) and len(v) > 2))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(out.stdout) < 5000  # before the fix: about 86,000 lines
