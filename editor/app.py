"""Composition root: logging, the QApplication, settings, the main window, and what it opens first."""

from __future__ import annotations

import logging
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

STARTED = time.perf_counter()
log = logging.getLogger("editor")


def run(
    path: Path | None,
    screenshot: Path | None = None,
    size: tuple[int, int] | None = None,
    theme: str | None = None,
    sample: bool = False,
    verbose: bool = False,
) -> int:
    """The window on `path` (a post or a site); the sample site's copy with `sample`; with neither,
    what the author had open last, or the start page."""
    from editor.core import logs, places

    log_file = logs.setup(places.log_folder(), verbose)
    log.info(
        "start: Python %s on %s, arguments %s", platform.python_version(), platform.platform(), sys.argv[1:]
    )
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # QtWebEngine refuses to start as root without this (HEADLESS.md)
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from editor.ui.errors import ErrorReporter, route_qt_messages
    from editor.ui.look import resource
    from editor.ui.main_window import APP_NAME, MainWindow

    route_qt_messages()
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
    from editor.core.files.recovery import Store

    # a screenshot run neither writes nor offers recovery copies
    recovery = Store(Path(scratch.name) / "recovery") if screenshot is not None else None
    window = MainWindow(settings, recovery=recovery, log_file=log_file)
    reporter = ErrorReporter(window, window.keeper.write, log_file)
    reporter.install()
    if size:
        window.resize(*size)
    if theme:
        window.set_theme(theme)
    if sample or (path is None and screenshot is not None):
        path = places.sample_site()
    if path is not None:
        window.open_path(path)
    else:
        window.reopen_last()

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
    code = int(app.exec())
    reporter.uninstall()
    log.info("quit (exit code %d)", code)
    return code
