"""Dialogs: per-page help from resources/help, and the error dialog with details to copy."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from rothwizard.paths import resource_path


def help_text(page_name: str) -> str:
    path = resource_path("help", f"{page_name}.md")
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return f"# Help\n\nNo help is available for this page ({path.name} is missing)."


class HelpDialog(QDialog):
    def __init__(self, page_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("RothWizard help")
        self.resize(560, 520)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setAccessibleName("Help for this page")
        self.browser.setOpenExternalLinks(True)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.page_name = ""
        self.show_page(page_name)

    def show_page(self, page_name: str) -> None:
        """Show another page's help in this window (one help window, reused)."""
        if page_name != self.page_name:
            self.page_name = page_name
            self.browser.setMarkdown(help_text(page_name))


class ErrorDialog(QDialog):
    """Something went wrong that RothWizard did not expect: say so, keep running, offer the details."""

    def __init__(self, summary: str, details: str, log_path: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("RothWizard: something went wrong")
        self.resize(600, 420)
        layout = QVBoxLayout(self)
        text = (f"<p><b>{escape(summary)}</b></p><p>RothWizard is still running and your plan is kept (it "
                "is saved automatically). Please copy the details below into a bug report.")
        if log_path:
            text += f" They are also in the log: {escape(log_path)}"
        label = QLabel(text + "</p>")
        label.setObjectName("errorSummary")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setObjectName("errorDetails")
        self.details.setAccessibleName("Error details")
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton("&Copy details")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.accept)
        layout.addWidget(buttons)
