"""Help → Keyboard Shortcuts: every command of the window that has a key, searchable. Read from
the window's own actions (the action table's and the View menu's), so it cannot drift."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def shortcuts(window: QWidget) -> list[tuple[str, str]]:
    """(command, keys) for every action of `window` with a shortcut, by command name."""
    rows = {}
    for action in window.findChildren(QAction):
        keys = [
            k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()
        ]
        text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()
        if keys and text:
            rows[text] = ", ".join(keys)
    return sorted(rows.items(), key=lambda row: row[0].lower())


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shortcuts")
        self.setWindowTitle("Keyboard Shortcuts")
        self.search = QLineEdit()
        self.search.setObjectName("shortcuts_search")
        self.search.setPlaceholderText("Search commands and keys")
        self.search.setClearButtonEnabled(True)
        rows = shortcuts(window)
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("shortcuts_table")
        self.table.setHorizontalHeaderLabels(["Command", "Keys"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for n, (command, keys) in enumerate(rows):
            self.table.setItem(n, 0, QTableWidgetItem(command))
            self.table.setItem(n, 1, QTableWidgetItem(keys))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self._filter)
        self.resize(460, 560)

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def _filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for n in range(self.table.rowCount()):
            cells = f"{self._cell(n, 0)} {self._cell(n, 1)}".casefold()
            self.table.setRowHidden(n, bool(needle) and needle not in cells)

    def shown_rows(self) -> list[tuple[str, str]]:
        return [
            (self._cell(n, 0), self._cell(n, 1))
            for n in range(self.table.rowCount())
            if not self.table.isRowHidden(n)
        ]


def keys_of(window: QWidget) -> dict[str, list[str]]:
    """Each key sequence -> the commands that use it (more than one is a conflict)."""
    out: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            if not key.isEmpty() and action.shortcutContext() != Qt.ShortcutContext.WidgetShortcut:
                out.setdefault(key.toString(), []).append(action.text())
    return out


def key_of(window: QWidget, name: str) -> str:
    """The key of the window's action called `name` ("" when it has none)."""
    action = window.findChild(QAction, name)
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) if action is not None else ""


GETTING_STARTED = """
<h2>Getting started</h2>
<p><b>Open your site</b> with File → Open Site ({open_site}): every post is listed in the side
panel, newest first; search it, filter drafts and sections, and choose a post to edit.
File → Open ({open}) opens a single post.</p>
<p><b>Front matter</b> is the line above the text: click it or press {show_form} for the whole
form (title, date, draft, tags and every other key). Only the lines you change are rewritten.</p>
<p><b>Write</b> in the Markdown pane; the preview beside it shows what Hugo will publish, block by
block as you type. <b>New Post</b> ({new}) uses your site's archetypes through the real Hugo.</p>
<p><b>Find your way</b>: the outline ({show_outline}) lists the headings; the link builder
({show_links}) edits the link lists talk posts end with; Site → Check Site lists what Hugo
complains about.</p>
<p><b>Focus</b> ({focus_mode}) hides everything but the text; {next_pane} goes from pane to pane.
Every key is in Help → Keyboard Shortcuts ({keyboard_shortcuts}).</p>
<p><b>Nothing is lost</b>: unsaved edits are copied as you pause, and offered again after a crash;
a file the app cannot read is never written over.</p>
"""


class GettingStartedDialog(QDialog):
    def __init__(self, window: QWidget) -> None:
        from PySide6.QtWidgets import QTextBrowser

        super().__init__(window)
        self.setObjectName("getting_started")
        self.setWindowTitle("Getting Started")
        names = [
            "open_site",
            "open",
            "show_form",
            "new",
            "show_outline",
            "show_links",
            "focus_mode",
            "next_pane",
            "keyboard_shortcuts",
        ]
        self.text = QTextBrowser()
        self.text.setObjectName("getting_started_text")
        self.text.setHtml(GETTING_STARTED.format(**{n: f"<kbd>{key_of(window, n)}</kbd>" for n in names}))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(560, 520)
