"""The link-section builder: the post's link groups as a tree, edited as structure.

Every edit here becomes one undoable change of the Markdown pane (only the lines that change);
typing in the Markdown pane rebuilds the tree. The model and the writing are `editor.core.links`;
the web (checking links, page titles) is `editor.core.links.web`, on worker threads.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core import links
from editor.core.links import edits
from editor.core.links.edits import Place
from editor.ui.background import Relay, run_in_background
from editor.ui.link_library import LibraryDialog
from editor.ui.markdown_edit import MarkdownEdit, replace_lines

if TYPE_CHECKING:
    from editor.core.links import web as weblinks  # the network code loads when first used, not at start

GROUP, LINK = 1, 2  # what a tree row stands for (Qt.UserRole)
CHECK_WORKERS = 6  # requests at a time when checking links
CHECK_TIMEOUT = 10.0  # seconds for one answer
TITLE_TIMEOUT = 5.0
TEXT, URL, TITLE, STATUS = range(4)  # the tree's columns


class LinkTree(QTreeWidget):
    """The tree; a drop moves a group or a link (the panel rewrites the Markdown, then the tree)."""

    moved = Signal(tuple, tuple)  # (kind, s, g, n) dragged, the place before which it goes

    def __init__(self) -> None:
        super().__init__()
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def dropEvent(self, event: QDropEvent) -> None:  # Qt override
        source = self.currentItem()
        point = event.position().toPoint()
        target = self.itemAt(point)
        event.setDropAction(Qt.DropAction.IgnoreAction)  # the panel moves it, not the view
        event.accept()
        if source is None or target is None or source is target:
            return
        rect = self.visualItemRect(target)
        upper = point.y() < rect.center().y()
        what = source.data(0, Qt.ItemDataRole.UserRole)
        kind, t, h, m = target.data(0, Qt.ItemDataRole.UserRole)
        if what[0] == GROUP:
            before: tuple[int, ...] = (t, h) if kind == GROUP and upper else (t, h + 1)
        elif kind == LINK:
            before = (t, h, m if upper else m + 1)
        elif upper and h > 0 and (above := self.topLevelItem(self.indexOfTopLevelItem(target) - 1)):
            before = (t, h - 1, above.childCount())  # above a heading: the end of the group before
        else:  # on a heading: the start of its group
            before = (t, h, 0)
        self.moved.emit(tuple(what), before)


class LinkPanel(QWidget):
    changed = Signal()  # the panel rewrote the Markdown

    def __init__(self, editor: MarkdownEdit, parent: QWidget | None = None) -> None:
        # long by nature: the dock's buttons, tree and shortcuts, then their wiring
        super().__init__(parent)
        self.setObjectName("links_panel")
        self.editor = editor
        self.tree = LinkTree()
        self.tree.setObjectName("links_tree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["Text", "URL", "Title", "Status"])
        self.tree.setColumnWidth(TEXT, 170)
        self.tree.setColumnWidth(URL, 190)
        self.tree.setColumnWidth(TITLE, 60)
        self.tree.setColumnWidth(STATUS, 90)
        # the status beside the text: in a side panel the URL and title columns are off the
        # right edge, and a check's result must not be
        self.tree.header().moveSection(self.tree.header().visualIndex(STATUS), 1)
        self.tree.setEditTriggers(
            QTreeWidget.EditTrigger.DoubleClicked | QTreeWidget.EditTrigger.EditKeyPressed
        )
        self.tree.moved.connect(self._dropped)
        self.tree.currentItemChanged.connect(lambda item, _before: self._reveal(item))
        for keys, step in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self.tree)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.move_selected(step))
        grid = QGridLayout()
        grid.setSpacing(4)
        self.buttons: dict[str, QPushButton] = {}
        for n, (name, label, tip, handler) in enumerate(
            (
                ("add_group", "Add Group", "A new group after the selected one", self.add_group),
                ("add_link", "Add Link", "A new link after the selected one", self.add_link),
                ("delete", "Delete", "Delete the selected link or group", self.delete),
                ("up", "Up", "Move the selected link or group up (Alt+Up)", lambda: self.move_selected(-1)),
                ("down", "Down", "Move it down (Alt+Down)", lambda: self.move_selected(1)),
                ("new_section", "New Section", "A new link section at the cursor", self.new_section),
                ("paste", "Paste Link", "A new link from the clipboard", self.paste_link),
                (
                    "title",
                    "Title from Page",
                    "Fetch the selected link's page title as its text",
                    self.fetch_title,
                ),
                ("check", "Check Links", "Ask every web link whether it is still there", self.check_links),
                ("library", "Library…", "Link groups from the site's other posts", self.open_library),
            )
        ):
            button = QPushButton(label)
            button.setObjectName(name)
            button.setToolTip(tip)
            button.clicked.connect(handler)
            grid.addWidget(button, n // 5, n % 5)
            self.buttons[name] = button
        self.message = QLabel()
        self.message.setObjectName("links_message")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.message)
        layout.addLayout(grid)
        self.sections: list[links.Section] = []
        self.status: dict[str, weblinks.Result | None] = {}  # by URL; None while being checked
        self.site_posts: Callable[[], list[Path] | None] = lambda: None  # the open site's posts
        self.library_dialog: LibraryDialog | None = None
        self._checker: weblinks.Checker | None = None
        self._relay = Relay(self)  # the link checker's threads report through it
        self._relay.reported.connect(self._link_checked)
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
        return self.editor.raw_text()

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
                row = QTreeWidgetItem(["#" * group.level + " " + group.heading, "", "", ""])
                row.setData(0, Qt.ItemDataRole.UserRole, (GROUP, s, g, -1))
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsEditable)
                for n, item in enumerate(group.items):
                    text = item.text if item.kind != "other" else "\n".join(item.lines).strip()
                    child = QTreeWidgetItem([text.replace("\n", " "), item.url, item.title, ""])
                    child.setData(0, Qt.ItemDataRole.UserRole, (LINK, s, g, n))
                    if item.kind != "other":
                        child.setFlags(child.flags() | Qt.ItemFlag.ItemIsEditable)
                    if id(item) in issues:  # shown in words, not only on hover
                        child.setToolTip(URL, issues[id(item)])
                        child.setText(URL, "⚠ " + item.url)
                        child.setText(STATUS, issues[id(item)])
                        child.setToolTip(STATUS, issues[id(item)])
                        child.setForeground(STATUS, QBrush(QColor("#b26a00")))
                    if item.url in self.status:
                        self._show_status(child, self.status[item.url])
                    row.addChild(child)
                self.tree.addTopLevelItem(row)
                row.setFirstColumnSpanned(True)  # a heading reads across the row
                row.setExpanded(True)
        self._select(selected)  # kept selected, without moving the author's cursor there
        self._filling = False

    # ---- edits ------------------------------------------------------------------------------

    def _place(self) -> Place | None:
        """The selected group or link: (section, group) or (section, group, link)."""
        return self._path(self.tree.currentItem())

    def _cursor_line(self) -> int:
        return self.editor.textCursor().blockNumber()

    def _apply(self, edit: edits.Edit | None) -> None:
        """An edit of the sections, applied to the Markdown pane as one undoable change."""
        if edit is None:
            return
        old = self.body()
        if edit.body != old:
            replace_lines(self.editor, old, edit.body)
            self.changed.emit()
        self.refresh()
        self._select(edit.select)

    def add_group(self) -> None:
        if self.sections:  # a post without a section gets one from New Section
            self.insert_groups([edits.new_group()])

    def add_link(self) -> None:
        if self._place() is not None:
            self.insert_link(edits.new_link())

    def delete(self) -> None:
        place = self._place()
        if place is not None:
            self._apply(edits.delete(self.body(), place))

    def move_selected(self, step: int) -> None:
        """Move the selected link (or group) up or down by one; a link at the end of its group
        goes on into the group next to it."""
        place = self._place()
        if place is not None:
            self._apply(edits.move_by(self.body(), place, step))

    def _dropped(self, what: tuple[int, ...], before: tuple[int, ...]) -> None:
        kind, s, g, n = what
        self._apply(edits.move_to(self.body(), (s, g) if kind == GROUP else (s, g, n), before))

    def new_section(self) -> None:
        """A new link section (one group, one link) after the paragraph the cursor is in."""
        level = self.sections[0].groups[0].level if self.sections else 3
        self._apply(edits.new_section(self.body(), [edits.new_group(level)], self._cursor_line()))

    def paste_link(self) -> None:
        """A new link from the clipboard: a link copied from a page keeps its text, a bare
        address is its own text until Title from Page fetches one."""
        mime = QGuiApplication.clipboard().mimeData()
        text = mime.text() if mime is not None and mime.hasText() else ""
        markup = mime.html() if mime is not None and mime.hasHtml() else ""
        found = links.link_from_paste(text, markup)
        if found is None:
            self.message.setText("The clipboard holds no link.")
            return
        link = edits.new_link(found[0], found[1])
        if not self.sections:
            self.insert_groups([{**edits.new_group(), "items": [link]}])
        else:
            self.insert_link(link)
        self.message.setText(f"Pasted {found[1]}")

    def fetch_title(self) -> None:
        """Ask the selected link's page for its <title>, in the background."""
        from editor.core.links import web as weblinks

        place = self._place()
        if place is None or len(place) < 3:
            self.message.setText("Select a link first.")
            return
        s, g, n = place
        url = self.sections[s].groups[g].items[n].url
        if not weblinks.checkable(url):
            self.message.setText("Only a web page (http or https) has a title to fetch.")
            return
        self.message.setText(f"Fetching the title of {url}…")
        run_in_background(
            lambda: weblinks.fetch_title(url, timeout=TITLE_TIMEOUT),
            lambda title: self._title_fetched(url, title),
            self,
            "page-title",
        )

    def _title_fetched(self, url: str, title: str | Exception | None) -> None:
        if not isinstance(title, str) or not title:
            self.message.setText(f"No title from {url}.")
            return
        edit = edits.title_from_page(self.body(), url, title)
        if edit is not None:
            self._apply(edit)
            self.message.setText(f"Title: {title}")

    def check_links(self) -> None:
        """Ask every web link of the post whether it is there; results arrive one by one."""
        from editor.core.links import web as weblinks

        if self._checker is not None:
            self.stop_checking()
            return
        urls = [i.url for s in self.sections for g in s.groups for i in g.links if weblinks.checkable(i.url)]
        if not urls:
            self.message.setText("No web links to check.")
            return
        self.status = dict.fromkeys(urls)
        self._pending = set(urls)
        self._checker = weblinks.Checker(workers=CHECK_WORKERS, timeout=CHECK_TIMEOUT)
        self._checker.start(urls, self._relay.report)
        self.buttons["check"].setText("Stop Checking")
        self.message.setText(f"Checking {len(self._pending)} links…")
        self.refresh()

    def post_opened(self) -> None:
        """Another post: no check, status or message of the last one stays."""
        if self._checker is not None:
            self._checker.cancel()
            self._checker = None
        self.buttons["check"].setText("Check Links")
        self.status = {}
        self.message.setText("")
        self._refresh_if_shown()

    def stop_checking(self) -> None:
        if self._checker is not None:
            self._checker.cancel()
            self._checker = None
        self.buttons["check"].setText("Check Links")
        self.status = {url: r for url, r in self.status.items() if r is not None}
        self.refresh()

    def _link_checked(self, result: weblinks.Result) -> None:
        if self._checker is None or result.url not in self._pending:
            return
        self._pending.discard(result.url)
        self.status[result.url] = result
        for row in self._rows():
            if row.text(URL).removeprefix("⚠ ") == result.url:
                self._show_status(row, result)
        bad = sum(1 for r in self.status.values() if r is not None and not r.ok)
        if self._pending:
            self.message.setText(f"Checking: {len(self._pending)} to go, {bad} not found so far.")
        else:
            self._checker.cancel()
            self._checker = None
            self.buttons["check"].setText("Check Links")
            self.message.setText(
                f"Checked {len(self.status)} links: {bad} with problems."
                if bad
                else f"Checked {len(self.status)} links: all there."
            )

    def _rows(self) -> list[QTreeWidgetItem]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            row = self.tree.topLevelItem(i)
            if row is not None:
                out += [c for j in range(row.childCount()) if (c := row.child(j)) is not None]
        return out

    def _show_status(self, row: QTreeWidgetItem, result: weblinks.Result | None) -> None:
        self._filling, filling = True, self._filling
        if result is None:
            row.setText(STATUS, "checking…")
            row.setForeground(STATUS, QBrush(self.palette().placeholderText().color()))
        else:
            row.setText(STATUS, result.describe())
            row.setToolTip(STATUS, result.describe())
            colour = "#2e7d32" if result.ok and not result.location else "#b26a00" if result.ok else "#c62828"
            row.setForeground(STATUS, QBrush(QColor(colour)))
        self._filling = filling

    # ---- the library ------------------------------------------------------------------------

    def open_library(self) -> LibraryDialog | None:
        posts = self.site_posts()
        if posts is None:
            self.message.setText("Open a site to reuse the link groups of its posts.")
            return None
        if self.library_dialog is None:
            self.library_dialog = LibraryDialog(self)
            self.library_dialog.insert_group.connect(lambda g: self.insert_groups([g]))
            self.library_dialog.insert_link.connect(self.insert_link)
        self.library_dialog.load(posts)
        self.library_dialog.show()
        self.library_dialog.raise_()
        return self.library_dialog

    def insert_groups(self, groups: list[dict[str, Any]]) -> None:
        """Groups after the selected group, at the end of the post's last section, or as a new
        section at the cursor when the post has none."""
        self._apply(edits.insert_groups(self.body(), groups, self._place(), self._cursor_line()))

    def insert_link(self, link: dict[str, Any]) -> None:
        place = self._place()
        if place is None or not self.sections:
            self.message.setText("Select the group the link goes into.")
            return
        self._apply(edits.insert_link(self.body(), link, place))

    def _item_edited(self, row: QTreeWidgetItem, column: int) -> None:
        if self._filling or column == STATUS:
            return
        place = self._path(row)
        assert place is not None
        if len(place) == 2:
            self._apply(edits.change(self.body(), place, "heading", row.text(0).lstrip("#").strip()))
        else:
            field = ("text", "url", "title")[column]
            self._apply(edits.change(self.body(), place, field, row.text(column).removeprefix("⚠ ")))

    # ---- selection --------------------------------------------------------------------------

    def _reveal(self, item: QTreeWidgetItem | None) -> None:
        """The selected link's (or group's) line, at the editor's cursor and in view."""
        path = self._path(item)
        if path is None or self._filling or path[0] >= len(self.sections):
            return
        groups = self.sections[path[0]].groups
        if path[1] >= len(groups):
            return
        group = groups[path[1]]
        line = group.start
        if len(path) > 2 and path[2] < len(group.items) and group.items[path[2]].start >= 0:
            line = group.items[path[2]].start
        block = self.editor.document().findBlockByNumber(line)
        if block.isValid():
            cursor = self.editor.textCursor()
            cursor.setPosition(block.position())
            self.editor.setTextCursor(cursor)
            self.editor.ensureCursorVisible()

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
