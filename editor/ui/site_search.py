"""Find in Site: a side-panel tab searching every post of the open site as the author types
(`editor.core.site.search` on a worker thread); results grouped by post, Enter or a double click
opens the post at the line."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.site import search
from editor.ui.background import run_in_background
from editor.ui.form import named

DELAY_MS = 150  # after the last keystroke


class Results(QTreeWidget):
    activated_line = Signal(QTreeWidgetItem)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override: Enter opens
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.activated_line.emit(self.currentItem())
            return
        super().keyPressEvent(event)


class SiteSearchPanel(QWidget):
    open_at = Signal(Path, int)  # file, line (1-based, in the file)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("site_search")
        self.needle = named(QLineEdit(), "site_search_text")
        self.needle.setPlaceholderText("Find in every post of the site")
        self.needle.setClearButtonEnabled(True)
        self.regex = named(QCheckBox("Regex"), "site_search_regex")
        self.case = named(QCheckBox("Match case"), "site_search_case")
        self.words = named(QCheckBox("Words"), "site_search_words")
        self.words.setToolTip("Whole words only")
        self.state = named(QLabel("Open a site to search its posts."), "site_search_state")
        self.state.setWordWrap(True)
        self.results = named(Results(), "site_search_results")
        self.results.setHeaderHidden(True)
        self.results.setUniformRowHeights(True)
        self.results.setRootIsDecorated(True)
        options = QHBoxLayout()
        for box in (self.regex, self.case, self.words):
            options.addWidget(box)
            box.toggled.connect(self._soon)
        options.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.needle)
        layout.addLayout(options)
        layout.addWidget(self.state)
        layout.addWidget(self.results, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.run)
        self.needle.textChanged.connect(self._soon)
        self.needle.returnPressed.connect(self._first)
        self.results.itemDoubleClicked.connect(self._open)
        self.results.activated_line.connect(self._open)
        self.root: Path | None = None
        self._text: search.SiteText | None = None
        self._busy = False
        self._again = False  # the query changed while a search ran
        self.last: list[search.FileHits] = []

    def set_root(self, root: Path | None) -> None:
        if root == self.root:
            return
        self.root, self._text = root, None
        self.results.clear()
        self.last = []
        self.state.setText(
            "Type to search every post of the site." if root else "Open a site to search its posts."
        )
        if root and self.needle.text():
            self._soon()

    def focus(self) -> None:
        self.needle.setFocus()
        self.needle.selectAll()

    def _soon(self) -> None:
        self._timer.start()

    def run(self) -> None:
        """Search now (off the GUI thread); a search asked for meanwhile runs after it."""
        if self.root is None:
            return
        needle = self.needle.text()
        if not needle:
            self.results.clear()
            self.last = []
            self.state.setText("Type to search every post of the site.")
            return
        try:
            compiled = search.pattern(
                needle, self.regex.isChecked(), self.case.isChecked(), self.words.isChecked()
            )
        except search.SearchError as e:
            self.state.setText(str(e))
            return
        if self._busy:
            self._again = True
            return
        self._busy, self._again = True, False
        root = self.root
        if self._text is None or self._text.root != root.resolve():
            self._text = search.SiteText(root)
        text = self._text
        started = time.perf_counter()
        run_in_background(
            lambda: text.search(compiled, cancelled=lambda: self._again),
            lambda result: self._show(result, needle, started),
            self,
            "find-in-site",
        )

    def _show(self, result: object, needle: str, started: float) -> None:
        self._busy = False
        if self._again:
            self.run()
            return
        if isinstance(result, Exception):
            self.state.setText(f"The search failed: {result}")
            return
        assert isinstance(result, list) and self.root is not None
        self.last = result
        self.results.clear()
        lines = sum(len(f.hits) for f in result)
        for found in result:
            top = QTreeWidgetItem([f"{search.relative(self.root, found.path)}  ({len(found.hits)})"])
            top.setData(
                0, Qt.ItemDataRole.UserRole, (str(found.path), found.hits[0].line if found.hits else 1)
            )
            top.setToolTip(0, str(found.path))
            for hit in found.hits:
                child = QTreeWidgetItem([f"{hit.line}: {hit.text.strip()}"])
                child.setData(0, Qt.ItemDataRole.UserRole, (str(found.path), hit.line))
                child.setToolTip(0, hit.text)
                top.addChild(child)
            self.results.addTopLevelItem(top)
            top.setExpanded(len(result) <= 30)
        took = time.perf_counter() - started
        files = self._text.files() if self._text else 0
        if not result:
            self.state.setText(f"“{needle}” is in none of the {files} posts.")
        else:
            more = " (the first 5,000 lines)" if lines >= 5000 else ""
            self.state.setText(
                f"{lines} line{'s' * (lines != 1)} in {len(result)} of {files} posts{more} · {took:.2f} s"
            )

    def _first(self) -> None:
        """Enter in the search box: the first result (after the search that is due)."""
        if self._timer.isActive() or self._busy:
            self._timer.stop()
            self.run()
            return
        first = self.results.topLevelItem(0)
        if first is not None:
            self._open(first.child(0) or first)

    def _open(self, item: QTreeWidgetItem) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole)
        if data:
            self.open_at.emit(Path(data[0]), int(data[1]))
