"""The link-section builder: the post's link groups as a tree, edited as structure.

Every edit here becomes one undoable change of the Markdown pane (only the lines that change);
typing in the Markdown pane rebuilds the tree. The model and the writing are `editor.core.links`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core import links
from editor.ui.markdown_edit import MarkdownEdit

GROUP, LINK = 1, 2  # what a tree row stands for (Qt.UserRole)


class LinkPanel(QWidget):
    changed = Signal()  # the panel rewrote the Markdown

    def __init__(self, editor: MarkdownEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("links_panel")
        self.editor = editor
        self.tree = QTreeWidget()
        self.tree.setObjectName("links_tree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Text", "URL", "Title"])
        self.tree.setColumnWidth(0, 210)
        self.tree.setColumnWidth(1, 190)
        self.tree.setEditTriggers(QTreeWidget.EditTrigger.DoubleClicked
                                  | QTreeWidget.EditTrigger.EditKeyPressed)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, label, handler in (("add_group", "Add Group", self.add_group),
                                     ("add_link", "Add Link", self.add_link),
                                     ("delete", "Delete", self.delete),
                                     ("up", "Up", lambda: self.move_selected(-1)),
                                     ("down", "Down", lambda: self.move_selected(1))):
            button = QPushButton(label)
            button.setObjectName(name)
            button.clicked.connect(handler)
            buttons.addWidget(button)
            self.buttons[name] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.sections: list[links.Section] = []
        self._filling = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self._refresh_if_shown)
        self._stale = True
        editor.textChanged.connect(self._timer.start)
        self.tree.itemChanged.connect(self._item_edited)

    # ---- from the Markdown ------------------------------------------------------------------

    def body(self) -> str:
        return str(self.editor.document().toRawText()).replace("\u2029", "\n")

    def _refresh_if_shown(self) -> None:
        # parsing the whole body is not for every typing pause while nobody looks at the tree
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Rebuild the tree from the Markdown pane."""
        self._timer.stop()
        self._stale = False
        self.sections = links.find(self.body())
        self._filling = True
        selected = self._path(self.tree.currentItem())
        self.tree.clear()
        for s, section in enumerate(self.sections):
            issues = {id(item): issue for _g, item, issue in links.problems(section)}
            for g, group in enumerate(section.groups):
                row = QTreeWidgetItem(["#" * group.level + " " + group.heading, "", ""])
                row.setData(0, Qt.ItemDataRole.UserRole, (GROUP, s, g, -1))
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsEditable)
                for n, item in enumerate(group.items):
                    text = item.text if item.kind != "other" else "\n".join(item.lines).strip()
                    child = QTreeWidgetItem([text.replace("\n", " "), item.url, item.title])
                    child.setData(0, Qt.ItemDataRole.UserRole, (LINK, s, g, n))
                    if item.kind != "other":
                        child.setFlags(child.flags() | Qt.ItemFlag.ItemIsEditable)
                    if id(item) in issues:
                        child.setToolTip(1, issues[id(item)])
                        child.setText(1, "⚠ " + item.url)
                    row.addChild(child)
                self.tree.addTopLevelItem(row)
                row.setFirstColumnSpanned(True)  # a heading reads across the row
                row.setExpanded(True)
        self._filling = False
        self._select(selected)

    # ---- edits ------------------------------------------------------------------------------

    def _data(self) -> list[dict[str, Any]]:
        return links.as_json(self.sections)

    def _write(self, data: list[dict[str, Any]], select: tuple[int, ...] | None = None) -> None:
        """Apply the edited sections to the Markdown pane as one undoable change."""
        old = self.body()
        new = links.apply_json(old, data)
        if new != old:
            replace_lines(self.editor, old, new)
            self.changed.emit()
        self.refresh()
        if select is not None:
            self._select(select)

    def _where(self) -> tuple[int, int, int, int] | None:
        item = self.tree.currentItem()
        value = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        return (int(value[0]), int(value[1]), int(value[2]), int(value[3])) if value else None

    def add_group(self) -> None:
        data = self._data()
        where = self._where()
        if not data:
            return  # a new section is added at the cursor by `insert_section`
        s, g = (where[1], where[2]) if where else (len(data) - 1, len(data[-1]["groups"]) - 1)
        level = data[s]["groups"][g]["level"]
        data[s]["groups"].insert(g + 1, {"heading": "New group", "level": level, "items": [
            {"kind": "inline", "text": "Link text", "url": "https://", "title": ""}]})
        self._write(data, (s, g + 1))

    def add_link(self) -> None:
        where = self._where()
        data = self._data()
        if where is None or not data:
            return
        kind, s, g, n = where
        items = data[s]["groups"][g]["items"]
        at = n + 1 if kind == LINK else len(items)
        items.insert(at, {"kind": "inline", "text": "Link text", "url": "https://", "title": ""})
        self._write(data, (s, g, at))

    def delete(self) -> None:
        where = self._where()
        if where is None:
            return
        kind, s, g, n = where
        data = self._data()
        if kind == LINK:
            del data[s]["groups"][g]["items"][n]
            if not data[s]["groups"][g]["items"]:
                del data[s]["groups"][g]
        else:
            del data[s]["groups"][g]
        if not data[s]["groups"]:
            return  # the last group of a section: delete its lines in the Markdown pane
        self._write(data)

    def move_selected(self, step: int) -> None:
        """Move the selected link (or group) up or down by one."""
        where = self._where()
        if where is None:
            return
        kind, s, g, n = where
        data = self._data()
        seq = data[s]["groups"][g]["items"] if kind == LINK else data[s]["groups"]
        i = n if kind == LINK else g
        j = i + step
        if not 0 <= j < len(seq):
            return
        seq[i], seq[j] = seq[j], seq[i]
        self._write(data, (s, g, j) if kind == LINK else (s, j))

    def _item_edited(self, row: QTreeWidgetItem, column: int) -> None:
        if self._filling:
            return
        kind, s, g, n = row.data(0, Qt.ItemDataRole.UserRole)
        data = self._data()
        if kind == GROUP:
            text = row.text(0).lstrip("#").strip()
            data[s]["groups"][g]["heading"] = text
        else:
            item = data[s]["groups"][g]["items"][n]
            key = ("text", "url", "title")[column]
            item[key] = row.text(column).removeprefix("⚠ ")
        self._write(data, (s, g) if kind == GROUP else (s, g, n))

    # ---- selection --------------------------------------------------------------------------

    def _path(self, item: QTreeWidgetItem | None) -> tuple[int, ...] | None:
        if item is None:
            return None
        kind, s, g, n = item.data(0, Qt.ItemDataRole.UserRole)
        return (s, g) if kind == GROUP else (s, g, n)

    def _select(self, path: tuple[int, ...] | None) -> None:
        if path is None:
            return
        for i in range(self.tree.topLevelItemCount()):
            row = self.tree.topLevelItem(i)
            if row is None:
                continue
            _k, s, g, _n = row.data(0, Qt.ItemDataRole.UserRole)
            if (s, g) == path[:2]:
                child = row.child(path[2]) if len(path) > 2 and path[2] < row.childCount() else None
                self.tree.setCurrentItem(child if child is not None else row)
                return


def replace_lines(editor: MarkdownEdit, old: str, new: str) -> None:
    """Make the pane's text `new` by replacing only the lines that differ, as one undo step."""
    a, b = old.split("\n"), new.split("\n")
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    doc = editor.document()
    first = doc.findBlockByNumber(head)
    last = doc.findBlockByNumber(len(a) - tail - 1)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    lines = b[head:len(b) - tail]
    replacement = "\n".join(lines)
    if not lines and head < len(a) - tail:  # lines to remove, with their line breaks
        after = last.next()
        if after.isValid():
            cursor.setPosition(first.position())
            cursor.setPosition(after.position(), QTextCursor.MoveMode.KeepAnchor)
        else:
            cursor.setPosition(max(0, first.position() - 1))
            cursor.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
    elif head < len(a) - tail:  # lines to replace
        cursor.setPosition(first.position())
        cursor.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(replacement)
    else:  # pure insertion before line `head`
        if head < doc.blockCount():
            cursor.setPosition(first.position())
            cursor.insertText(replacement + "\n")
        else:
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText("\n" + replacement)
    cursor.endEditBlock()
