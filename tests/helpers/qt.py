"""Driving the real widgets: typing like a keyboard, and reading the preview's real DOM."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from editor.ui.main_window import MainWindow


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard does, including letters QTest.keyClicks cannot (it is ASCII only)."""
    for ch in text:
        key, ch = (Qt.Key.Key_Return, "\r") if ch == "\n" else (0, ch)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


class Page:
    def __init__(self, qtbot: Any, window: MainWindow) -> None:
        self.qtbot = qtbot
        self.window = window
        qtbot.waitUntil(lambda: window.preview.shown, timeout=15000)

    def js(self, code: str) -> Any:
        """The value of a JavaScript expression in the page (through JSON: arrays come back empty
        otherwise)."""
        box: list[Any] = []
        self.window.preview.run_js(f"JSON.stringify(({code}))", box.append)
        self.qtbot.waitUntil(lambda: bool(box), timeout=5000)
        return json.loads(box[0]) if box[0] else None

    def wait(self, condition: str, timeout: int = 5000) -> None:
        """Until a JavaScript expression is true in the page."""
        self.qtbot.waitUntil(lambda: bool(self.js(condition)), timeout=timeout)

    def content(self) -> str:
        return str(self.js("document.getElementById('content').innerHTML"))

    def blocks_html(self) -> str:
        """The content's blocks as HTML, without the chunks a long post is laid out in."""
        return str(
            self.js(
                "(() => { const c = document.getElementById('content').cloneNode(true);"
                " c.querySelectorAll('.hpe-chunk').forEach(d => d.replaceWith(...d.childNodes));"
                " return c.innerHTML; })()"
            )
        )
