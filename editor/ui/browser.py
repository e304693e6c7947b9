"""The post browser: every content file of the open site, searchable, filtered and sorted.

The listing is `editor.core.site.listing` (read on a worker thread, in batches, cached); this is
the table over it and the watcher that keeps it current.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QFileSystemWatcher,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from editor.core.post import formats
from editor.core.site.listing import PostInfo, Query, SiteIndex, select
from editor.ui.background import run_in_background

WATCH_LIMIT = 4000  # folders watched at most (inotify watches are a shared, limited resource)
SORTS = (("date", "Newest first"), ("oldest", "Oldest first"), ("title", "Title"))

ModelIndex = QModelIndex | QPersistentModelIndex


class PostModel(QAbstractTableModel):
    COLUMNS = ("Title", "Date", "Section", "Language")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.all: list[PostInfo] = []
        self.rows: list[PostInfo] = []
        self.query = Query()
        self.root = Path()
        self.now = dt.datetime.now(dt.UTC)
        self.changes: dict[Path, str] = {}  # git's word for each changed file of the site

    def set_posts(self, posts: list[PostInfo]) -> None:
        self.all = posts
        self.apply()

    def apply(self, query: Query | None = None) -> None:
        self.beginResetModel()
        self.query = query or self.query
        self.now = dt.datetime.now(dt.UTC)
        self.rows = select(self.all, self.query, self.now)
        self.endResetModel()

    def set_changes(self, changes: dict[Path, str]) -> None:
        """What git says changed since the last commit (absolute paths): marked in the list."""
        if changes != self.changes:
            self.changes = changes
            if self.rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0))

    def change_of(self, info: PostInfo) -> str:
        """ "new", "modified" … for the post's file; "bundle changed" for a file of its bundle."""
        if not self.changes:
            return ""
        path = (self.root / info.path).resolve()
        if path in self.changes:
            return self.changes[path]
        if info.kind == "bundle":
            folder = path.parent
            if any(p.is_relative_to(folder) for p in self.changes):
                return "bundle changed"
        return ""

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: ModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        info = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                marks = ("Draft · " if info.draft else "") + ("Scheduled · " if info.future(self.now) else "")
                change = self.change_of(info)
                fmt = f"  [{formats.LABELS[info.format]}]" if info.format != formats.MARKDOWN else ""
                return (
                    marks + (info.title or Path(info.path).name) + fmt + (f"  ({change})" if change else "")
                )
            if column == 1:
                return info.date[:10]
            return info.section if column == 2 else info.language
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [info.path]
            if info.kind == "adapter":
                lines.append("A content adapter: Hugo runs this template to make pages; it is not a post")
            elif info.format != formats.MARKDOWN:
                lines.append(
                    f"Written in {formats.LABELS[info.format]}: edited as text; "
                    "the preview renders Markdown only"
                )
            if info.resources:
                shown = ", ".join(info.resources[:8]) + (" …" if len(info.resources) > 8 else "")
                lines.append(f"Page bundle with {len(info.resources)} files: {shown}")
            if info.error:
                lines.append(f"Cannot read its front matter: {info.error}")
            if info.warning:
                lines.append(f"⚠ {info.warning}")
            if info.draft:
                lines.append("Draft: Hugo does not publish it")
            if info.future(self.now):
                lines.append(f"Dated in the future ({info.date}): published from then on")
            change = self.change_of(info)
            if change:
                lines.append(f"git: {change} since the last commit (Site → Publish)")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.FontRole and (info.draft or info.kind in ("section", "adapter")):
            font = QFont()
            font.setItalic(info.draft or info.kind == "adapter")
            font.setBold(info.kind == "section")
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if info.kind == "adapter":
                return QBrush(QColor("#808080"))
            if info.error or info.warning:
                return QBrush(QColor("#c62828"))
            if info.future(self.now):
                return QBrush(QColor("#1565c0"))
            if info.draft:
                return QBrush(QColor("#8a6d00"))
        if role == Qt.ItemDataRole.UserRole:  # the file to open; "" for what is not a post
            return "" if info.kind == "adapter" else str(self.root / info.path)
        return None

    def row_of(self, path: Path) -> int:
        for n, info in enumerate(self.rows):
            if self.root / info.path == path:
                return n
        return -1


class PostTable(QTableView):
    opened = Signal(Path)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            path = self.currentIndex().data(Qt.ItemDataRole.UserRole)
            if path:
                self.opened.emit(Path(path))
            return
        super().keyPressEvent(event)


class PostBrowser(QWidget):
    """Search, filters, sort and the table. `opened(path)` on double-click or Enter."""

    opened = Signal(Path)
    listed = Signal()  # a full listing is in (the first, or after a change on disk)

    def __init__(self, parent: QWidget | None = None) -> None:
        # long by nature: the browser's layout (search, filters, table), then its wiring
        super().__init__(parent)
        self.setObjectName("post_browser")
        self.search = QLineEdit()
        self.search.setObjectName("post_search")
        self.search.setPlaceholderText("Search titles, tags and paths")
        self.search.setClearButtonEnabled(True)
        self.drafts = QCheckBox("Drafts")
        self.drafts.setChecked(True)
        self.drafts.setToolTip("Show drafts")
        self.future = QCheckBox("Scheduled")
        self.future.setChecked(True)
        self.future.setToolTip("Show posts dated in the future")
        self.section = QComboBox()
        self.section.setObjectName("post_section")
        self.section.setToolTip("Section")
        self.language = QComboBox()
        self.language.setObjectName("post_language")
        self.language.setToolTip("Language")
        self.sort = QComboBox()
        self.sort.setObjectName("post_sort")
        for key, label in SORTS:
            self.sort.addItem(label, key)
        self.model = PostModel(self)
        self.table = PostTable()
        self.table.setObjectName("posts")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # fixed widths: measuring every row's text (ResizeToContents) stalls on 10,000 posts
        metrics = self.fontMetrics()
        for column, sample in ((1, "2024-05-20"), (2, "Section"), (3, "Lang")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 16)
        self.table.doubleClicked.connect(self._open_row)
        self.table.opened.connect(self.opened)
        self.state = QLabel()
        self.state.setObjectName("post_count")
        shown = QHBoxLayout()  # two short rows keep the dock narrow
        shown.addWidget(self.drafts)
        shown.addWidget(self.future)
        shown.addStretch(1)
        shown.addWidget(self.sort)
        narrow = QHBoxLayout()
        for combo in (self.section, self.language):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            narrow.addWidget(combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addLayout(shown)
        layout.addLayout(narrow)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.state)
        for signal in (
            self.search.textChanged,
            self.drafts.toggled,
            self.future.toggled,
            self.section.currentIndexChanged,
            self.language.currentIndexChanged,
            self.sort.currentIndexChanged,
        ):
            signal.connect(self._query_changed)

        self.index: SiteIndex | None = None
        self.scanning = False
        self._filling = False
        self._seen: list[PostInfo] = []
        self._again = False
        self._current: Path | None = None
        self._fill_timer = QTimer(self)  # the first listing shows what is read this often
        self._fill_timer.setSingleShot(True)
        self._fill_timer.setInterval(300)
        self._fill_timer.timeout.connect(self._show_seen)
        self._settle = QTimer(self)  # many changes at once (a git checkout): one rescan
        self._settle.setSingleShot(True)
        self._settle.setInterval(400)
        self._settle.timeout.connect(self.rescan)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _p: self._settle.start())

    # ---- the listing ------------------------------------------------------------------------

    def _open_row(self, index: QModelIndex) -> None:
        path = index.data(Qt.ItemDataRole.UserRole)
        if path:  # a content adapter has none: it is not a post
            self.opened.emit(Path(path))

    def open(self, root: Path, cache_folder: Path | None) -> None:
        self.stop_watching()
        self.search.clear()  # a search of the last site would hide this one's posts
        self.scanning = self._again = False  # a listing of the site before is ignored when it ends
        self.index = SiteIndex(root, cache_folder)
        self.model.root = self.index.root
        self.model.set_posts([])
        self._fill_choices()
        self._filling = True
        self.rescan()

    def rescan(self) -> None:
        """List the site again on a worker thread; only changed files are read."""
        if self.index is None:
            return
        if self.scanning:
            self._again = True
            return
        self.scanning = True
        self._seen = []
        index = self.index

        def work(report: Callable[[object], None]) -> SiteIndex:
            for batch in index.scan():
                report((index, batch))
            with contextlib.suppress(OSError):
                index.save_cache()  # here, not on the GUI thread: 10,000 posts take ~0.1 s
            return index

        run_in_background(work, self._done, self, "site-listing", progress=self._batch)

    def _batch(self, item: tuple[SiteIndex, list[PostInfo]]) -> None:
        index, batch = item
        if not self._filling or index is not self.index:
            return  # a rescan: the old list stays until the new one is complete
        self._seen.extend(batch)
        if not self.model.all:  # the first rows at once, then the rest every so often
            self._show_seen()
        elif not self._fill_timer.isActive():
            self._fill_timer.start()

    def _show_seen(self) -> None:
        if self._filling:
            self.model.set_posts(list(self._seen))
            self._show_current()
            self._count()

    def _done(self, index: SiteIndex | Exception) -> None:
        if isinstance(index, Exception):  # logged by run_in_background; the old list stays
            self.scanning = self._filling = False
            self._fill_timer.stop()
            return
        if index is not self.index:
            return  # a listing of a site closed since
        self.scanning = self._filling = False
        self._fill_timer.stop()
        self.model.set_posts(list(index.posts.values()))
        self._fill_choices()
        self._show_current()
        self._count()
        self._watch_folders()
        self.listed.emit()
        if self._again:
            self._again = False
            self.rescan()

    def _watch_folders(self) -> None:
        """Watch the folders the listing walked (the worker collected them: no walk here)."""
        if self.index is None:
            return
        have = set(self.watcher.directories())
        new = [f for f in self.index.folders[:WATCH_LIMIT] if f not in have]
        if new:
            self.watcher.addPaths(new)

    def stop_watching(self) -> None:
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())

    def close_site(self) -> None:
        self.stop_watching()
        self.index = None
        self.model.set_posts([])
        self._count()

    # ---- filters ----------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        sections = sorted({p.section for p in self.model.all if p.section})
        languages = sorted({p.language for p in self.model.all if p.language})
        for combo, values, everything in (
            (self.section, sections, "All sections"),
            (self.language, languages, "All languages"),
        ):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, "")
            for v in values:
                combo.addItem(v, v)
            combo.setCurrentIndex(max(0, combo.findData(keep)))
            combo.blockSignals(False)
        self.language.setVisible(len(languages) > 1)
        self.table.setColumnHidden(3, len(languages) <= 1)

    def query(self) -> Query:
        return Query(
            search=self.search.text(),
            drafts=self.drafts.isChecked(),
            future=self.future.isChecked(),
            section=self.section.currentData() or "",
            language=self.language.currentData() or "",
            sort=self.sort.currentData() or "date",
        )

    def _query_changed(self) -> None:
        self.model.apply(self.query())
        self._show_current()
        self._count()

    def _count(self) -> None:
        """ "40 posts, 6 sections": list pages (`_index.md`) are counted apart from posts."""
        busy = " — listing…" if self.scanning else ""
        self.state.setText(_counted(self.model.rows, self.model.all) + busy)

    # ---- the open post ----------------------------------------------------------------------

    def set_current(self, path: Path | None) -> None:
        """Mark the open post in the list (without opening anything)."""
        self._current = path.resolve() if path is not None else None  # rows hold resolved paths
        self._show_current()

    def _show_current(self) -> None:
        row = self.model.row_of(self._current) if self._current else -1
        self.table.blockSignals(True)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self.table.clearSelection()
        self.table.blockSignals(False)

    def paths(self) -> list[str]:
        """The shown rows' paths relative to the content folder (what tests and people read)."""
        return [info.path for info in self.model.rows]


def _counted(shown: list[PostInfo], listed: list[PostInfo]) -> str:
    def split(rows: list[PostInfo]) -> tuple[int, int]:
        sections = sum(1 for r in rows if r.kind == "section")
        return len(rows) - sections, sections

    posts, sections = split(listed)
    shown_posts, shown_sections = split(shown)
    text = f"{posts:,} post{'s' * (posts != 1)}"
    if len(shown) != len(listed):
        text = f"{shown_posts:,} of {text}"
    if sections:
        text += (
            f", {shown_sections if len(shown) != len(listed) else sections:,} section{'s' * (sections != 1)}"
        )
    return text
