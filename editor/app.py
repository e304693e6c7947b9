"""Composition root: the QApplication, the main window, and what it opens first."""

from __future__ import annotations

import importlib.resources
import os
import sys
from pathlib import Path


def sample_site() -> Path:
    return Path(str(importlib.resources.files("editor.resources") / "sample-site"))


def run(path: Path | None, screenshot: Path | None = None) -> int:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # QtWebEngine refuses to start as root without this (HEADLESS.md)
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from editor.ui.main_window import APP_NAME, MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("hugo-post-editor")
    window = MainWindow()
    window.open_path(path or sample_site())
    window.show()
    if screenshot is not None:
        def shoot() -> None:
            window.grab().save(str(screenshot))
            window.document.post = None  # nothing to ask about: quit
            app.quit()

        QTimer.singleShot(600, shoot)
    return int(app.exec())
