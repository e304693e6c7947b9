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
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core import links
from editor.core.post import Post, PostError
from editor.ui.background import Relay, run_in_background
from editor.ui.markdown_edit import MarkdownEdit

if TYPE_CHECKING:
    from editor.core.links import web as weblinks  # the network code loads when first used, not at start

GROUP, LINK = 1, 2  # what a tree row stands for (Qt.UserRole)
CHECK_WORKERS = 6  # requests at a time when checking links
CHECK_TIMEOUT = 10.0  # seconds for one answer
TITLE_TIMEOUT = 5.0
TEXT, URL, TITLE, STATUS = range(4)  # the tree's columns
NEW_LINK = {"kind": "inline", "text": "Link text", "url": "https://", "title": ""}


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
        super().__init__(parent)
        self.setObjectName("links_panel")
        self.editor = editor
        self.tree = LinkTree()
        self.tree.setObjectName("links_tree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["Text", "URL", "Title", "Status"])
        self.tree.setColumnWidth(TEXT, 200)
        self.tree.setColumnWidth(URL, 190)
        self.tree.setColumnWidth(TITLE, 60)
        self.tree.setEditTriggers(
            QTreeWidget.EditTrigger.DoubleClicked | QTreeWidget.EditTrigger.EditKeyPressed
        )
        self.tree.moved.connect(self._dropped)
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
        self.site_posts: Callable[[], list[Path]] | None = None  # set while a site is open
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
        if self.sections:  # a post without a section gets one from New Section
            self.insert_groups([{"heading": "New group", "level": 3, "items": [dict(NEW_LINK)]}])

    def add_link(self) -> None:
        if self._where() is not None:
            self.insert_link(dict(NEW_LINK))

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
        if data[s]["groups"]:
            self._write(data)
            return
        # the section's last group: its lines go, and the blank lines after them
        body = self.body()
        lines = body.split("\n")
        start, end = self.sections[s].start, self.sections[s].end
        while end < len(lines) - 1 and not lines[end].strip():
            end += 1
        replace_lines(self.editor, body, "\n".join(lines[:start] + lines[end:]))
        self.changed.emit()
        self.refresh()

    def move_selected(self, step: int) -> None:
        """Move the selected link (or group) up or down by one; a link at the end of its group
        goes on into the group next to it."""
        where = self._where()
        if where is None:
            return
        kind, s, g, n = where
        data = self._data()
        groups = data[s]["groups"]
        if kind == GROUP:
            target: tuple[int, ...] = (s, g + step if step < 0 else g + 2)
            select: tuple[int, ...] = (s, g + step)
        elif 0 <= n + step < len(groups[g]["items"]):
            target, select = (s, g, n + step if step < 0 else n + 2), (s, g, n + step)
        elif 0 <= g + step < len(groups):
            end = 0 if step > 0 else len(groups[g + step]["items"])
            target, select = (s, g + step, end), (s, g + step, end)
        else:
            return
        if min(target) >= 0 and links.move(data, (s, g) if kind == GROUP else (s, g, n), target):
            self._write(data, select)

    def _dropped(self, what: tuple[int, ...], before: tuple[int, ...]) -> None:
        kind, s, g, n = what
        data = self._data()
        source = (s, g) if kind == GROUP else (s, g, n)
        if links.move(data, source, before):
            self._write(data)

    def new_section(self) -> None:
        """A new link section (one group, one link) after the paragraph the cursor is in."""
        level = self.sections[0].groups[0].level if self.sections else 3
        self._insert_section([{"heading": "New group", "level": level, "items": [dict(NEW_LINK)]}])

    def _insert_section(self, groups: list[dict[str, Any]]) -> None:
        """Groups as a new section after the paragraph the cursor is in, apart from the text
        around by a blank line, in the post's bullet style; one undo step; its first group selected."""
        body = self.body()
        lines = body.split("\n")
        at = self.editor.textCursor().blockNumber()
        while at < len(lines) and lines[at].strip():
            at += 1
        text = links.section_text(groups, links.body_bullet(body)).split("\n")
        if at == len(lines):  # the last paragraph, no line break after it
            new, heading = [*lines, "", *text, ""], len(lines) + 1
        else:  # lines[at] is blank: the section goes after it
            rest = lines[at + 1 :]
            new = lines[: at + 1] + text + ([""] if not rest or rest[0].strip() else []) + rest
            heading = at + 1
        replace_lines(self.editor, body, "\n".join(new))
        self.changed.emit()
        self.refresh()
        for s_index, section in enumerate(self.sections):
            for g_index, group in enumerate(section.groups):
                if group.start == heading:
                    self._select((s_index, g_index))

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
        link = {"kind": "inline", "text": found[0], "url": found[1], "title": ""}
        if not self.sections:
            self.insert_groups([{"heading": "New group", "level": 3, "items": [link]}])
        else:
            self.insert_link(link)
        self.message.setText(f"Pasted {found[1]}")

    def fetch_title(self) -> None:
        """Ask the selected link's page for its <title>, in the background."""
        from editor.core.links import web as weblinks

        where = self._where()
        if where is None or where[0] != LINK:
            self.message.setText("Select a link first.")
            return
        _k, s, g, n = where
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
        data = self._data()
        for section in data:
            for group in section["groups"]:
                for item in group["items"]:
                    if item["url"] == url and item["kind"] != "other":
                        item["text"] = title
                        self._write(data)
                        self.message.setText(f"Title: {title}")
                        return

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
        if self.site_posts is None:
            self.message.setText("Open a site to reuse the link groups of its posts.")
            return None
        if self.library_dialog is None:
            self.library_dialog = LibraryDialog(self)
            self.library_dialog.insert_group.connect(lambda g: self.insert_groups([g]))
            self.library_dialog.insert_link.connect(self.insert_link)
        self.library_dialog.load(self.site_posts())
        self.library_dialog.show()
        self.library_dialog.raise_()
        return self.library_dialog

    def insert_groups(self, groups: list[dict[str, Any]]) -> None:
        """Groups after the selected group, at the end of the post's last section, or as a new
        section at the cursor when the post has none."""
        data = self._data()
        if not data:
            self._insert_section(groups)
            return
        where = self._where()
        s, g = (where[1], where[2]) if where else (len(data) - 1, len(data[-1]["groups"]) - 1)
        level = data[s]["groups"][g]["level"]
        for k, group in enumerate(groups):
            data[s]["groups"].insert(g + 1 + k, {**group, "level": level})
        self._write(data, (s, g + 1))

    def insert_link(self, link: dict[str, Any]) -> None:
        where = self._where()
        data = self._data()
        if where is None or not data:
            self.message.setText("Select the group the link goes into.")
            return
        kind, s, g, n = where
        items = data[s]["groups"][g]["items"]
        at = n + 1 if kind == LINK else len(items)
        items.insert(
            at, {"kind": "inline", "text": link["text"], "url": link["url"], "title": link.get("title", "")}
        )
        self._write(data, (s, g, at))

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
            if column == STATUS:
                return
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
    lines = b[head : len(b) - tail]
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
