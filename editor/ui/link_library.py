"""Links → Library…: every link group of the site's posts, searchable, to insert into the open post
(a whole group, or one link)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core import links
from editor.core.post import Post, PostError
from editor.ui.background import run_in_background

if TYPE_CHECKING:
    pass  # the network code loads when first used, not at start


class LibraryDialog(QDialog):
    """The link groups of the site's posts, searchable; insert a group or one link."""

    insert_group = Signal(dict)
    insert_link = Signal(dict)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("links_library")
        self.setWindowTitle("Link Library")
        self.resize(620, 460)
        self.search = QLineEdit()
        self.search.setObjectName("library_search")
        self.search.setPlaceholderText("Search headings, links and posts")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._fill)
        self.tree = QTreeWidget()
        self.tree.setObjectName("library_tree")
        self.tree.setHeaderLabels(["Group / link", "URL", "Used in"])
        self.tree.setColumnWidth(0, 250)
        self.tree.setColumnWidth(1, 250)
        self.tree.itemActivated.connect(lambda _i, _c: self.insert())
        self.state = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.insert_button = buttons.addButton("Insert", QDialogButtonBox.ButtonRole.ActionRole)
        self.insert_button.setObjectName("library_insert")
        self.insert_button.setToolTip("Insert the selected group (or link) into the post")
        self.insert_button.clicked.connect(self.insert)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.state)
        layout.addWidget(buttons)
        self.groups: list[links.LibraryGroup] = []
        self.loading = False

    def load(self, paths: list[Path]) -> None:
        """Read the posts' link groups on a worker thread (a site may have thousands)."""
        self.loading = True
        self.state.setText(f"Reading {len(paths)} posts…")

        def body_of(path: Path) -> str | None:
            try:
                return Post.load(path).body
            except (PostError, OSError):
                return None

        run_in_background(lambda: links.library(paths, body_of), self._loaded, self, "link-library")

    def _loaded(self, groups: list[links.LibraryGroup] | Exception) -> None:
        if isinstance(groups, Exception):  # logged by run_in_background
            self.loading = False
            self.state.setText(f"The posts could not be read: {groups}")
            return
        self.groups = groups
        self.loading = False
        self._fill()

    def _fill(self) -> None:
        self.tree.clear()
        shown = [g for g in self.groups if g.matches(self.search.text())]
        for group in shown:
            used = f"{len(group.posts)} post" + "s" * (len(group.posts) != 1)
            row = QTreeWidgetItem([group.heading, "", used])
            row.setToolTip(2, "\n".join(str(p) for p in group.posts))
            row.setData(0, Qt.ItemDataRole.UserRole, group.as_json())
            for item in group.items:
                child = QTreeWidgetItem([item.text.replace("\n", " "), item.url, ""])
                child.setData(
                    0, Qt.ItemDataRole.UserRole, {"text": item.text, "url": item.url, "title": item.title}
                )
                row.addChild(child)
            self.tree.addTopLevelItem(row)
        self.state.setText(f"{len(shown)} of {len(self.groups)} link groups")

    def insert(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        value = item.data(0, Qt.ItemDataRole.UserRole)
        (self.insert_group if item.parent() is None else self.insert_link).emit(dict(value))
