"""The Qt binding keeps Python's reference counts right.

PySide6 6.12.0 loses a reference to None on each call from Qt into Python. On Python 3.11 (None
is not immortal there) a few thousand keystrokes later the app aborts with "none_dealloc" and
takes the author's unsaved text with it. pyproject.toml keeps that release out; this test fails
if a release with the same fault comes back.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtWidgets import QCheckBox, QPlainTextEdit


def _none_refs() -> int:
    gc.collect()
    return sys.getrefcount(None)


def test_signals_into_python_keep_none_alive(qtbot) -> None:
    box = QCheckBox()
    qtbot.addWidget(box)
    seen: list[bool] = []
    box.toggled.connect(seen.append)
    before = _none_refs()
    for _ in range(500):
        box.toggle()
    assert len(seen) == 500
    assert _none_refs() - before > -50  # 6.12.0: -500


def test_typing_keeps_none_alive(qtbot) -> None:
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    edit.textChanged.connect(lambda: None)
    before = _none_refs()
    for _ in range(300):
        edit.insertPlainText("x")
    assert edit.toPlainText() == "x" * 300
    assert _none_refs() - before > -50
