"""Composition root: logging, the QApplication, settings, the main window, and what it opens first."""

from __future__ import annotations

import gc
import glob
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, QSettings
    from PySide6.QtWidgets import QApplication

    from editor.ui.main_window import MainWindow

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
    # the start allocates much and frees little: the collector's passes over it (~20 ms of a
    # start, measured) wait until the window has painted; what was made by then is kept out of
    # later full passes (gc.freeze)
    gc.disable()
    _AT_FIRST_PAINT.append(_collect_again)
    # the long regular expressions PySide compiles each time it is imported, and those the
    # renderer and the spell checker compile in the first seconds, compiled once
    from editor.core import places
    from editor.core.pattern_cache import PatternCache

    patterns = PatternCache(places.cache_folder() / "start-patterns.marshal")
    patterns.install()
    _AT_FIRST_PAINT.append(lambda: _after_paint(PATTERNS_MS, patterns.uninstall))
    try:
        return _run(path, screenshot, size, theme, sample, verbose)
    finally:
        _painted()
        patterns.uninstall()  # (if it has not been)


PATTERNS_MS = 3000  # the patterns compiled this long after the first paint are kept too


def _after_paint(ms: int, then: Callable[[], None]) -> None:
    from PySide6.QtCore import QTimer

    QTimer.singleShot(ms, then)


_AT_FIRST_PAINT: list[Callable[[], None]] = []  # what the start does until the window has painted


def _painted() -> None:
    while _AT_FIRST_PAINT:
        _AT_FIRST_PAINT.pop(0)()


def _collect_again() -> None:
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _run(
    path: Path | None,
    screenshot: Path | None,
    size: tuple[int, int] | None,
    theme: str | None,
    sample: bool,
    verbose: bool,
) -> int:
    from editor.core import logs, places

    log_file = logs.setup(places.log_folder(), verbose)
    system = os.uname() if hasattr(os, "uname") else None  # not the platform module: ~2 ms to import
    log.info(
        "start: Python %s on %s %s, arguments %s",
        ".".join(map(str, sys.version_info[:3])),
        system.sysname if system else sys.platform,
        system.release if system else "",
        sys.argv[1:],
    )
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # QtWebEngine refuses to start as root without this (HEADLESS.md)
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    if _no_gpu():
        # without a GPU, Qt's OpenGL is Mesa's llvmpipe emulating one on the CPU: compositing the
        # preview through it cost 1.7 s of CPU opening a 1 MB post; Qt's own software renderer
        # does the same pictures without it (measured; the author's own setting wins)
        os.environ.setdefault("QT_QUICK_BACKEND", "software")
    from PySide6.QtCore import QSettings, QTimer

    _no_feature_scan()
    from editor.ui.errors import ErrorReporter

    app = _application()
    scratch = None
    if screenshot is not None:
        import tempfile

        scratch = tempfile.TemporaryDirectory()
    # a screenshot shows the app as a new user sees it (whatever this user's settings are), and
    # neither writes nor offers recovery copies
    settings = (
        QSettings(str(Path(scratch.name) / "settings.ini"), QSettings.Format.IniFormat) if scratch else None
    )
    window = _window(settings, Path(scratch.name) / "recovery" if scratch else None, log_file)
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
    first_paint = _first_paint(window, screenshot)
    window.installEventFilter(first_paint)
    window.show()
    QTimer.singleShot(5000, _painted)  # a window that does not paint (started minimised) all the same
    if screenshot is None:
        QTimer.singleShot(0, window.offer_recovery)  # edits kept from a crash, if any
    code = int(app.exec())
    reporter.uninstall()
    log.info("quit (exit code %d)", code)
    return code


def _no_feature_scan() -> None:
    """PySide reads the source of every module imported after it, to know which ones may ask for
    its `__feature__` options (snake_case, true_property); the app asks for none, so every module
    is taken for one that uses PySide without a feature, as PySide takes a module it has not read:
    ~25 ms of a start (~160 modules read). Left as it is if PySide's support code changes."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        setattr(feature, "_mod_uses_pyside", lambda _module: True)  # noqa: B010 (a module of PySide's)


def _no_gpu() -> bool:
    """Linux with no GPU device for OpenGL (no render node, no NVIDIA device): a VM, a remote
    X server, Xvfb."""
    if not sys.platform.startswith("linux"):
        return False
    return not (glob.glob("/dev/dri/renderD*") or glob.glob("/dev/nvidia[0-9]*"))


def _application() -> QApplication:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from editor.ui.errors import route_qt_messages
    from editor.ui.look import resource
    from editor.ui.main_window import APP_NAME

    route_qt_messages()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("hugo-post-editor")
    app.setDesktopFileName("hugo-post-editor")  # the .desktop entry the installers put in place
    app.setWindowIcon(QIcon(str(resource("icons", "app", "hugo-post-editor.svg"))))
    return app


def _window(settings: QSettings | None, recovery: Path | None, log_file: Path | None) -> MainWindow:
    from editor.core.files.recovery import Store
    from editor.ui.main_window import MainWindow

    return MainWindow(settings, recovery=Store(recovery) if recovery else None, log_file=log_file)


def _first_paint(window: MainWindow, screenshot: Path | None) -> QObject:
    """An event filter on the window (Qt is imported only when the window runs)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        """Reports the first paint of the window (make bench reads it from stdout) and, for
        --screenshot, takes the picture once the preview shows the post."""

        def __init__(self, window: MainWindow, screenshot: Path | None) -> None:
            super().__init__(window)
            self.window, self.screenshot, self.shot = window, screenshot, False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # Qt override
            if event.type() == QEvent.Type.Paint:
                self.window.removeEventFilter(self)
                _painted()
                if os.environ.get("HUGO_POST_EDITOR_REPORT_SHOWN"):
                    print(f"shown {time.perf_counter() - STARTED:.3f}", flush=True)
                    self.window.preview.updated.connect(self.report_preview)
                if self.screenshot is not None:
                    self.wait_for_preview()
            return False

        def report_preview(self, _seconds: float) -> None:
            """The preview's first render reached the page (make bench reads it too)."""
            self.window.preview.updated.disconnect(self.report_preview)
            print(f"preview {time.perf_counter() - STARTED:.3f}", flush=True)

        def wait_for_preview(self) -> None:
            """Offscreen, WebEngine paints a moment after the page is ready."""
            preview = self.window.preview
            if not preview.isVisible() or preview.shown:
                QTimer.singleShot(300, self.shoot)
                return
            preview.updated.connect(lambda _s: QTimer.singleShot(300, self.shoot))
            QTimer.singleShot(10000, self.shoot)  # a preview that never comes must not hang the command

        def shoot(self) -> None:
            if self.shot:
                return
            self.shot = True
            self.window.grab().save(str(self.screenshot))
            self.window.document.post = None  # nothing to ask about: quit
            self.window.close()

    return FirstPaint(window, screenshot)
