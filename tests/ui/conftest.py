"""pytest-qt fixtures: a real main window on a copy of the sample site."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from editor.ui.main_window import MainWindow
from tests.conftest import SAMPLE_SITE


@pytest.fixture
def site(tmp_path: Path) -> Path:
    dst = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, dst)
    return dst


@pytest.fixture
def window(qtbot: object) -> Iterator[MainWindow]:
    win = MainWindow()
    win.show()
    yield win
    win.document.post = None  # no unsaved-changes question at teardown
    win.close()
    win.deleteLater()
    # really delete it before the QApplication goes (HEADLESS.md: segfault at exit otherwise)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
