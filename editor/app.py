"""Composition root: the QApplication, settings, the main window, and what it opens first."""

from __future__ import annotations

import importlib.resources
import os
import sys
import tempfile
import time
from pathlib import Path

STARTED = time.perf_counter()


def sample_site() -> Path:
    return Path(str(importlib.resources.files("editor.resources") / "sample-site"))


def run(path: Path | None, screenshot: Path | None = None, size: tuple[int, int] | None = None,
        theme: str | None = None) -> int:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # QtWebEngine refuses to start as root without this (HEADLESS.md)
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from editor.ui.look import resource
    from editor.ui.main_window import APP_NAME, MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("hugo-post-editor")
    app.setDesktopFileName("hugo-post-editor")  # the .desktop entry the installers put in place
    app.setWindowIcon(QIcon(str(resource("icons", "app", "hugo-post-editor.svg"))))
    if screenshot is not None:
        # a picture of the app as a new user sees it, whatever this user's settings are
        scratch = tempfile.TemporaryDirectory()
        settings = QSettings(str(Path(scratch.name) / "settings.ini"), QSettings.Format.IniFormat)
    else:
        settings = QSettings()
    from editor.core.recovery import Store

    # a screenshot run neither writes nor offers recovery copies
    recovery = Store(Path(scratch.name) / "recovery") if screenshot is not None else None
    window = MainWindow(settings, recovery=recovery)
    if size:
        window.resize(*size)
    if theme:
        window.set_theme(theme)
    window.open_path(path or sample_site())

    class FirstPaint(QObject):
        """Reports the first paint of the window (make bench reads it from stdout)."""

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # Qt override
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                if os.environ.get("HUGO_POST_EDITOR_REPORT_SHOWN"):
                    print(f"shown {time.perf_counter() - STARTED:.3f}", flush=True)
                if screenshot is not None:
                    wait_for_preview()
            return False

    def wait_for_preview() -> None:
        """Shoot once the preview shows the post (offscreen, WebEngine paints a moment later)."""
        preview = window.preview
        if not preview.isVisible() or preview.shown:
            QTimer.singleShot(300, shoot)
            return
        preview.updated.connect(lambda _s: QTimer.singleShot(300, shoot))
        QTimer.singleShot(10000, shoot)  # a preview that never comes must not hang the command

    shot: list[bool] = []

    def shoot() -> None:
        if shot:
            return
        shot.append(True)
        window.grab().save(str(screenshot))
        window.document.post = None  # nothing to ask about: quit
        window.close()

    first_paint = FirstPaint()
    window.installEventFilter(first_paint)
    window.show()
    if screenshot is None:
        QTimer.singleShot(0, window.offer_recovery)  # edits kept from a crash, if any
    return int(app.exec())
