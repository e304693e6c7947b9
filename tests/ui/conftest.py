"""pytest-qt fixtures: a real main window on a copy of the sample site."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings

from editor.ui.main_window import MainWindow
from tests.conftest import SAMPLE_SITE


@pytest.fixture
def site(tmp_path: Path) -> Path:
    dst = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, dst)
    return dst


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Settings in a file of the test's own: tests never read or write the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot: object, settings: QSettings) -> Iterator[MainWindow]:
    win = MainWindow(settings)
    win.show()
    yield win
    win.document.post = None  # no unsaved-changes question at teardown
    win.close()
    win.deleteLater()
    # really delete it before the QApplication goes (HEADLESS.md: segfault at exit otherwise)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal dialog nobody answers would hang the run: fail the test instead (tests that expect
    a question patch it with their answer)."""
    from PySide6.QtWidgets import QMessageBox

    def unexpected(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"an unexpected dialog: {args[1:3]!r}")

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: unexpected(self, self.text()))
