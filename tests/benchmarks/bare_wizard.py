"""The baseline for start-up and memory: a bare PySide6 QWizard with as many pages as RothWizard's
(8) and a few fields each. Prints ``first-paint <unix time>`` after its first paint, then quits."""

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QFormLayout, QLineEdit, QWizard, QWizardPage

PAGES = 8
FIELDS = 4


class Watcher(QObject):
    done = False

    def eventFilter(self, obj, event):  # noqa: N802
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self):
        print(f"first-paint {time.time():.6f}", flush=True)
        QApplication.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    wizard = QWizard()
    wizard.setWindowTitle("Bare wizard")
    for p in range(PAGES):
        page = QWizardPage()
        page.setTitle(f"Page {p + 1}")
        form = QFormLayout(page)
        for f in range(FIELDS):
            form.addRow(f"Field &{f + 1}:", QLineEdit())
        wizard.addPage(page)
    watcher = Watcher(wizard)
    wizard.installEventFilter(watcher)
    wizard.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
