"""When something goes wrong: Qt's own messages into the app's log, and an uncaught exception in
a slot shown to the author (what failed, that the text is safe, where the log is) while the app
goes on."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QtMsgType, QUrl, qInstallMessageHandler
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    where = f" ({context.file}:{context.line})" if context.file else ""
    qt_log.log(_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)


def route_qt_messages() -> None:
    """Qt's warnings (and WebEngine's) go to the app's log rather than a terminal nobody sees."""
    qInstallMessageHandler(_qt_message)


ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class ErrorReporter:
    """`sys.excepthook` for the window's life: log the traceback, keep the author's text (a
    recovery copy at once), say so in a dialog naming the log, and let the app go on."""

    def __init__(self, parent: QWidget, keep_text: Callable[[], object], log_file: Path | None) -> None:
        self.parent = parent
        self.keep_text = keep_text
        self.log_file = log_file
        self.reporting = False
        self.previous = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self.previous

    def __call__(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.error("uncaught exception", exc_info=(kind, value, tb))
        if issubclass(kind, KeyboardInterrupt) or self.reporting:
            return  # one dialog at a time: a failure inside the report is only logged
        self.reporting = True
        try:
            try:
                kept = self.keep_text() is not False  # False: the copy could not be written
            except Exception:  # the report must go on even if the copy cannot be written
                kept = False
                log.exception("could not write a recovery copy after the error")
            self.show(kind, value, tb, kept)
        finally:
            self.reporting = False

    def show(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None, kept: bool
    ) -> None:
        safe = (
            "Your text is safe: unsaved edits were written to a recovery copy just now."
            if kept
            else "A recovery copy could not be written: save your post now."
        )
        where = (
            f"The details are in the log: {self.log_file}" if self.log_file else "The details went to stderr."
        )
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "Hugo Post Editor",
            f"Something went wrong: {kind.__name__}: {value}",
            parent=self.parent,
        )
        box.setObjectName("error_report")
        box.setInformativeText(f"{safe}\n\n{where}\n\nThe app goes on; you can keep working.")
        box.setDetailedText("".join(traceback.format_exception(kind, value, tb)))
        box.addButton(QMessageBox.StandardButton.Ok)
        open_log = (
            box.addButton("Open Log Folder", QMessageBox.ButtonRole.ActionRole) if self.log_file else None
        )
        box.exec()
        if open_log is not None and box.clickedButton() is open_log and self.log_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_file.parent)))
