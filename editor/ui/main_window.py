"""The main window: menus, toolbar and layout; wires the form, the Markdown pane and the document."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QFileSystemWatcher, QSettings, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QFontDatabase,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from editor.core import places, site
from editor.core.files.ondisk import merge, read_fingerprint
from editor.core.files.recovery import Copy, Store
from editor.core.files.storage import SaveError
from editor.core.post import Post, PostError
from editor.core.post.checks import check_post
from editor.core.post.stats import reading_minutes, word_count
from editor.core.site import MARKDOWN_SUFFIXES, images
from editor.core.site.hugo import NewPost
from editor.core.site.listing import cache_folder
from editor.ui import look
from editor.ui.about import AboutDialog
from editor.ui.actions import SPECS
from editor.ui.browser import PostBrowser
from editor.ui.document import Document
from editor.ui.form import FrontMatterForm, named
from editor.ui.links_panel import LinkPanel
from editor.ui.markdown_edit import FindBar, MarkdownEdit
from editor.ui.preview import EditorFeed, Preview
from editor.ui.site_tools import NewPostDialog, ProblemsPanel
from editor.ui.start_page import StartPage
from editor.ui.theme_preview import ThemePreview

APP_NAME = "Hugo Post Editor"
RECENT_MAX = 10
BODY_SYNC_MS = 250  # the post model follows the editor this long after typing pauses
RECOVERY_MS = 2000  # unsaved edits go to a recovery copy this long after typing pauses
DISK_SETTLE_MS = 300  # a change on disk is looked at once the file has been quiet this long
log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(
        self,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        recovery: Store | None = None,
        log_file: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings or QSettings()
        self.log_file = log_file
        self.recovery = recovery or Store()
        self._untitled = f"{os.getpid()}-{time.time_ns()}"  # names this window's unsaved new post
        self.document = Document(self)
        self.site_root: Path | None = None
        self.site_tz: dt.tzinfo = dt.UTC
        self._open_newest = False  # open the site's newest post once it is listed
        self._body_crlf = False
        self._showing = False
        self._body_pending = False

        self.form = FrontMatterForm()
        form_scroll = named(QScrollArea(), "form_scroll")
        form_scroll.setWidget(self.form)
        form_scroll.setWidgetResizable(True)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.editor = MarkdownEdit()
        self.find_bar = FindBar(self.editor)
        editor_box = QWidget()
        box = QVBoxLayout(editor_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.editor, 1)
        box.addWidget(self.find_bar)
        self.preview = Preview()
        self.feed = EditorFeed(self.editor, self.preview)
        self.theme = ThemePreview()
        self.preview_tabs = named(QTabWidget(), "preview_tabs")
        self.preview_tabs.setDocumentMode(True)
        self.preview_tabs.addTab(self.preview, "Preview")
        self.preview_tabs.addTab(self.theme, "Site Theme")
        self._scroll_from_preview = False
        self.splitter = named(QSplitter(Qt.Orientation.Horizontal), "main_splitter")
        self.splitter.addWidget(form_scroll)
        self.splitter.addWidget(editor_box)
        self.splitter.addWidget(self.preview_tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setChildrenCollapsible(False)
        self.start_page = StartPage()
        self.start_page.open_site_chosen.connect(self.choose_site)
        self.start_page.open_post_chosen.connect(self.choose_file)
        self.start_page.sample_chosen.connect(self.open_sample_site)
        self.start_page.recent_chosen.connect(self._open_recent_path)
        self.pages = named(QStackedWidget(), "pages")
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(self.splitter)
        self.setCentralWidget(self.pages)

        self.browser = PostBrowser()
        self.posts_dock = self._dock(
            "Posts", "posts_dock", self.browser, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.problems = ProblemsPanel()
        self.problems_dock = self._dock(
            "Site Problems", "problems_dock", self.problems, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.links = LinkPanel(self.editor)
        self.links_dock = self._dock(
            "Link Sections", "links_dock", self.links, Qt.DockWidgetArea.RightDockWidgetArea
        )

        self.position = QLabel()
        self.words = QLabel()
        self.statusBar().addPermanentWidget(self.position)
        self.statusBar().addPermanentWidget(self.words)
        self._body_timer = QTimer(self)
        self._body_timer.setSingleShot(True)
        self._body_timer.setInterval(BODY_SYNC_MS)
        self._body_timer.timeout.connect(self.flush)
        self._recovery_timer = QTimer(self)
        self._recovery_timer.setSingleShot(True)
        self._recovery_timer.setInterval(RECOVERY_MS)
        self._recovery_timer.timeout.connect(self.write_recovery)
        self.watcher = QFileSystemWatcher(self)
        self._disk_timer = QTimer(self)  # a sync tool may write in several steps: wait for quiet
        self._disk_timer.setSingleShot(True)
        self._disk_timer.setInterval(DISK_SETTLE_MS)
        self._disk_timer.timeout.connect(self.check_disk)
        self.watcher.fileChanged.connect(lambda _p: self._disk_timer.start())
        self.watcher.directoryChanged.connect(lambda _p: self._disk_timer.start())
        # tests answer for the author: (question id, post name) -> answer
        self.ask: Callable[[str, str], str] | None = None

        self.actions_by_id: dict[str, QAction] = {}
        self._make_actions()
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self.splitter.setSizes([340, 470, 470])
        self._restore_settings()

        self.browser.opened.connect(self._post_chosen)
        self.browser.listed.connect(self._site_listed)
        self.problems.open_at.connect(self.open_at)
        self.preview_tabs.currentChanged.connect(self._preview_tab_changed)
        self.editor.place_image = self._place_image
        self.form.field_edited.connect(self._field_edited)
        self.form.field_removed.connect(self._field_removed)
        self.form.front_text_edited.connect(self._front_text_edited)
        self.editor.textChanged.connect(self._body_edited)
        self.editor.cursorPositionChanged.connect(self._show_position)
        self.editor.undoAvailable.connect(self.actions_by_id["undo"].setEnabled)
        self.editor.redoAvailable.connect(self.actions_by_id["redo"].setEnabled)
        self.find_bar.message.connect(self.statusBar().showMessage)
        self.editor.verticalScrollBar().valueChanged.connect(self._editor_scrolled)
        self.preview.scrolled_to_line.connect(self._preview_scrolled)
        self.preview.clicked_line.connect(self.editor.move_cursor_to_line)
        self.document.post_loaded.connect(self._show_post)
        self.document.post_changed.connect(self._post_changed)
        self.document.dirty_changed.connect(self.setWindowModified)
        self._show_post()

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        """A closable, movable dock, hidden until the author shows it."""
        dock = named(QDockWidget(title, self), name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.addDockWidget(area, dock)
        dock.hide()
        return dock

    # ---- actions, menus, settings -----------------------------------------------------------

    def _make_actions(self) -> None:
        menus: dict[str, QMenu] = {}
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("toolbar")
        toolbar.setMovable(False)
        last_menu = None
        for spec in SPECS:
            action = QAction(spec.text, self)
            action.setObjectName(spec.id)
            if spec.shortcut is not None:
                action.setShortcut(QKeySequence(spec.shortcut))
            action.triggered.connect(getattr(self, spec.handler))
            menu = menus.get(spec.menu) or menus.setdefault(spec.menu, self.menuBar().addMenu(spec.menu))
            menu.addAction(action)
            if spec.id == "open":
                self.recent_menu = menu.addMenu("Open &Recent")
                self.recent_menu.setObjectName("recent_menu")
                self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
            if spec.toolbar:
                if last_menu is not None and last_menu != spec.menu:
                    toolbar.addSeparator()
                toolbar.addAction(action)
                last_menu = spec.menu
            self.actions_by_id[spec.id] = action
        for action_id in ("undo", "redo", "check_site", "new_site_post", "close_site"):
            self.actions_by_id[action_id].setEnabled(False)
        view = self.menuBar().addMenu("&View")
        view.addAction(self.posts_dock.toggleViewAction())
        view.addAction(self.links_dock.toggleViewAction())
        view.addAction(self.problems_dock.toggleViewAction())
        self.preview_action = view.addAction("&Preview")
        self.preview_action.setObjectName("show_preview")
        self.preview_action.setCheckable(True)
        self.preview_action.setChecked(True)
        self.preview_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.preview_action.toggled.connect(self.show_preview)
        self.site_css_action = view.addAction("Preview with the Site's &CSS…")
        self.site_css_action.setObjectName("site_css")
        self.site_css_action.setCheckable(True)
        self.site_css_action.triggered.connect(self.choose_site_css)
        theme_menu = view.addMenu("&Theme")
        self.theme_group = QActionGroup(self)
        for name in look.THEMES:
            action = theme_menu.addAction(name.capitalize())
            action.setObjectName(f"theme_{name}")
            action.setCheckable(True)
            action.setData(name)
            self.theme_group.addAction(action)
        self.theme_group.triggered.connect(self._theme_chosen)
        help_menu = self.menuBar().addMenu("&Help")
        about = help_menu.addAction("&About Hugo Post Editor")
        about.setObjectName("about")
        about.triggered.connect(self.show_about)

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        sizes = self.settings.value("window/splitter")
        if isinstance(sizes, QByteArray):
            self.splitter.restoreState(sizes)
        self.set_theme(str(self.settings.value("view/theme", "system")))
        self.preview_action.setChecked(self.settings.value("view/preview", "true") in (True, "true"))

    def _save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()

    def set_theme(self, name: str) -> None:
        look.apply_theme(name)
        self.settings.setValue("view/theme", name)
        for action in self.theme_group.actions():
            action.setChecked(action.data() == name)
        self.editor.highlighter.set_dark(look.is_dark())
        self.preview.set_theme(look.is_dark())
        for spec in SPECS:  # bundled icons follow the palette
            if spec.icon:
                self.actions_by_id[spec.id].setIcon(look.icon(spec.icon))

    def _theme_chosen(self, action: QAction) -> None:
        self.set_theme(str(action.data()))

    def _recent(self, key: str) -> list[str]:
        value = self.settings.value(key, [])
        # QSettings returns a single string for a one-item list in INI files
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [str(v) for v in items if v]

    def recent_files(self) -> list[str]:
        return self._recent("recent/files")

    def recent_sites(self) -> list[str]:
        return self._recent("recent/sites")

    def _remember(self, path: Path, key: str = "recent/files") -> None:
        name = str(path.resolve())
        items = [name] + [f for f in self._recent(key) if f != name]
        self.settings.setValue(key, items[:RECENT_MAX])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        sites, files = self.recent_sites(), self.recent_files()
        for heading, names in (("Sites", sites), ("Posts", files)):
            if not names:
                continue
            self.recent_menu.addSection(heading)
            for name in names:
                action = self.recent_menu.addAction(name)
                action.triggered.connect(lambda _=False, name=name: self._open_recent(name))
        if sites or files:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear the list", self._clear_recent)
        else:
            self.recent_menu.addAction("No recent sites or posts").setEnabled(False)

    def _open_recent_path(self, path: Path) -> None:
        self._open_recent(str(path))

    def _open_recent(self, name: str) -> None:
        path = Path(name)
        if not path.exists():
            QMessageBox.warning(self, APP_NAME, f"{name} is no longer there.")
            for key in ("recent/files", "recent/sites"):
                self.settings.setValue(key, [f for f in self._recent(key) if f != name])
            self._show_start_page()
            return
        if self.maybe_save():
            self.open_path(path)

    def _clear_recent(self) -> None:
        self.settings.setValue("recent/files", [])
        self.settings.setValue("recent/sites", [])
        self._show_start_page()

    # ---- what a launch opens ------------------------------------------------------------------

    def reopen_last(self) -> None:
        """What the author had open when the app last closed (site and post); else the start page."""
        site_name = str(self.settings.value("session/site", "") or "")
        post_name = str(self.settings.value("session/post", "") or "")
        if site_name and Path(site_name).is_dir():
            post = Path(post_name) if post_name and Path(post_name).is_file() else None
            self.open_site(Path(site_name), select=post)
            if post is None:
                self._open_newest = False  # the author had closed the post: keep it closed
        elif post_name and Path(post_name).is_file():
            self.open_path(Path(post_name))
        self._show_start_page()

    def _save_session(self) -> None:
        post = self.document.post
        self.settings.setValue("session/site", str(self.site_root) if self.site_root else "")
        self.settings.setValue("session/post", str(post.path) if post and post.path else "")

    def open_sample_site(self) -> None:
        """The author's own copy of the sample site (made in the data folder the first time)."""
        if not self.maybe_save():
            return
        try:
            root = places.sample_site()
        except OSError as exc:
            log.warning("could not copy the sample site", exc_info=True)
            QMessageBox.warning(self, APP_NAME, f"The sample site could not be copied: {exc}")
            return
        self.open_site(root)

    def _show_start_page(self) -> None:
        """The start page when nothing is open, the editor otherwise."""
        empty = self.document.post is None and self.site_root is None
        if empty:
            self.start_page.set_recent(self.recent_sites(), self.recent_files())
        self.pages.setCurrentWidget(self.start_page if empty else self.splitter)

    def show_about(self) -> None:
        self.about = AboutDialog(self.settings, self.log_file, self)
        self.about.open()

    # ---- opening ----------------------------------------------------------------------------

    def open_path(self, path: Path) -> None:
        if path.is_dir():
            self.open_site(path)
        else:
            root = site.find_root(path.parent)
            if root and root != self.site_root:  # a post of the open site: no new listing
                self.open_site(root, select=path)
            if self.document.post is None or self.document.post.path != path:
                self.open_post(path)

    def open_site(self, root: Path, select: Path | None = None) -> None:
        """List the site's posts (on a worker thread) and open `select`, or else its newest post
        once the list is in."""
        root = root.resolve()
        try:
            config = site.load_config(root)
        except site.ConfigError as exc:
            log.warning("site %s: %s", root, exc)
            QMessageBox.warning(self, APP_NAME, f"The site's configuration cannot be read:\n{exc}")
            return
        log.info("site opened: %s", root)
        self._remember(root, "recent/sites")
        if self.site_root is not None and self.site_root != root:
            self.theme.stop()
        self.site_root = root
        self.site_tz = site.time_zone(config)
        self.links.site_posts = lambda: list(site.posts_under([root]))
        self.browser.open(root, cache_folder())
        self._open_newest = select is None and self.document.post is None
        if not self.posts_dock.isVisible():
            self.posts_dock.show()
            self.resizeDocks([self.posts_dock], [300], Qt.Orientation.Horizontal)
        self.posts_dock.setWindowTitle(f"Posts — {root.name}")
        for action_id in ("check_site", "new_site_post", "close_site"):
            self.actions_by_id[action_id].setEnabled(True)
        if select is not None and (self.document.post is None or self.document.post.path != select):
            self.open_post(select)
        self._show_start_page()
        self._save_session()

    def _site_listed(self) -> None:
        index = self.browser.index
        if index is None:
            return
        terms = index.terms()
        self.form.tags.set_completions([t for t, _n in terms.get("tags", [])])
        self.form.categories.set_completions([t for t, _n in terms.get("categories", [])])
        if self._open_newest:
            self._open_newest = False
            first = next((i for i in self.browser.model.rows if i.kind != "section" and not i.error), None)
            if first is not None and self.document.post is None:
                self.open_post(index.root / first.path)

    def close_site(self) -> None:
        if not self.maybe_save():
            return
        self.theme.stop()
        self.browser.close_site()
        self.site_root = None
        self.links.site_posts = None
        self.posts_dock.setWindowTitle("Posts")
        self.posts_dock.hide()
        self._show_start_page()
        self._save_session()
        for action_id in ("check_site", "new_site_post", "close_site"):
            self.actions_by_id[action_id].setEnabled(False)

    def _post_chosen(self, path: Path) -> None:
        if self.document.post and self.document.post.path == path:
            return
        if self.maybe_save():
            self.open_post(path)

    def open_at(self, path: Path, line: int) -> None:
        """Open a file at a line of the file (as Hugo counts them, front matter included)."""
        if self.document.post is None or self.document.post.path != path:
            if not self.maybe_save():
                return
            self.open_post(path)
        post = self.document.post
        if post is None or post.path != path:
            return
        front_lines = post.body_line
        if line - 1 < front_lines:
            self.statusBar().showMessage(f"Line {line} of {path.name} is in the front matter", 8000)
        else:
            self.editor.move_cursor_to_line(line - 1 - front_lines)
            self.editor.setFocus()

    # ---- site tools -------------------------------------------------------------------------

    def new_site_post(self) -> None:
        if self.site_root is None or not self.maybe_save():
            return
        sections = sorted({p.section for p in self.browser.model.all if p.section})
        self.new_post_dialog = NewPostDialog(self.site_root, sections, self)
        self.new_post_dialog.created.connect(self._site_post_created)
        self.new_post_dialog.open()

    def _site_post_created(self, made: NewPost) -> None:
        self.open_post(made.path)
        self.browser.rescan()
        note = f" — {made.note}" if made.note else ""
        self.statusBar().showMessage(f"Made {made.path.name} ({made.made_by}){note}", 8000)

    def check_site(self) -> None:
        if self.site_root is None:
            return
        if not self.problems_dock.isVisible():
            self.problems_dock.show()
            self.resizeDocks([self.problems_dock], [170], Qt.Orientation.Vertical)
        self.problems.check(self.site_root)

    def show_theme_preview(self) -> None:
        self.preview_action.setChecked(True)
        self.preview_tabs.setCurrentWidget(self.theme)

    def _preview_tab_changed(self, _index: int) -> None:
        if self.preview_tabs.currentWidget() is self.theme:
            self._theme_follow()

    def _theme_follow(self) -> None:
        """Show the open post in the theme tab (starting `hugo server` the first time)."""
        post = self.document.post
        if self.site_root is None:
            self.theme.state.setText("Open a site to see its posts in its theme.")
            return
        url = "/"
        if post is not None and post.path is not None:
            try:
                config = site.load_config(self.site_root)
                url = site.page_url(self.site_root, config, post.path, post.metadata)
            except (ValueError, site.ConfigError):
                url = "/"
        if self.theme.process is None or self.theme.root != self.site_root:
            self.theme.start(self.site_root, url)
        elif url != self.theme.url_path:
            self.theme.show_page(url)

    def _place_image(self, name: str, data: bytes) -> str | None:
        post = self.document.post
        if post is None or post.path is None:
            self.statusBar().showMessage("Save the post first: its images go beside it", 6000)
            return None
        try:
            path, markdown = images.place(post.path, self.site_root, name, data)
        except (OSError, ValueError, SaveError) as exc:
            log.warning("image %s not copied", name, exc_info=True)
            QMessageBox.warning(self, APP_NAME, f"The image could not be copied: {exc}")
            return None
        self.statusBar().showMessage(f"Copied the image to {path}", 6000)
        return markdown

    def open_post(self, path: Path) -> None:
        try:
            self.document.open(path)
        except PostError as exc:
            log.warning("could not open %s: %s", path, exc)
            QMessageBox.warning(self, APP_NAME, str(exc))
            return
        log.info("post opened: %s", path)
        self._remember(path)
        self._save_session()

    def choose_file(self) -> None:
        start = str(self.site_root or Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self, "Open post", start, "Markdown (*.md *.markdown *.mdown *.mkd);;All files (*)"
        )
        if name and self.maybe_save():
            self.open_path(Path(name))

    def choose_site(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "Open a Hugo site", str(self.site_root or Path.home()))
        if name and self.maybe_save():
            self.open_site(Path(name))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # Qt override
        if _dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # Qt override
        paths = _dropped_paths(event)
        if paths and self.maybe_save():
            event.acceptProposedAction()
            self.open_path(paths[0])

    def _watch(self) -> None:
        """Watch the open post's file, and its folder (a save elsewhere may replace the file)."""
        if self.watcher.files() or self.watcher.directories():
            self.watcher.removePaths(self.watcher.files() + self.watcher.directories())
        post = self.document.post
        if post is not None and post.path is not None and post.path.exists():
            self.watcher.addPaths([str(post.path), str(post.path.parent)])

    def _show_post(self) -> None:
        self._watch()
        post = self.document.post
        self.browser.set_current(post.path if post is not None else None)
        if self.preview_tabs.currentWidget() is self.theme and self.theme.process is not None:
            self._theme_follow()
        self._body_timer.stop()
        self._body_pending = False
        self._showing = True
        try:
            if post is None:
                self.form.show_nothing()
                self.editor.clear()
                self.editor.setEnabled(False)
                self.position.setText("")
            else:
                self.form.show_post(post)
                body = post.body
                self._body_crlf = "\r\n" in body and body.count("\r\n") == body.count("\n")
                self.editor.setEnabled(True)
                text = body.replace("\r\n", "\n") if self._body_crlf else body
                self.feed.paused = True
                self.editor.setPlainText(text)
                self.feed.paused = False
                self.feed.reset()
                self.preview.show_body(text, post.path, post.metadata)
                self._post_changed()
        finally:
            self._showing = False
        self._count_words()
        for action_id in (
            "save",
            "save_as",
            "close",
            "bold",
            "italic",
            "link",
            "heading1",
            "heading2",
            "heading3",
            "paragraph",
        ):
            self.actions_by_id[action_id].setEnabled(post is not None)
        self.actions_by_id["revert"].setEnabled(post is not None and post.path is not None)
        self._update_title()
        self._show_start_page()
        if post is not None and post.error:
            self.statusBar().showMessage(str(post.error))

    def _post_changed(self) -> None:
        """Front matter changed: refresh the warnings."""
        post = self.document.post
        if post is None:
            return
        if self.document.dirty:
            self._recovery_timer.start()
        self.preview.set_params(post.metadata)
        if post.error is None:
            problems = check_post(
                post, post.path or Path("untitled.md"), dt.datetime.now(dt.UTC), self.site_tz
            )
            self.form.show_problems(problems, post.get("draft") in (True, "true"))

    # ---- recovery copies --------------------------------------------------------------------

    def write_recovery(self) -> None:
        """Keep the unsaved edits in a recovery copy (the user's data folder, never the post)."""
        self._recovery_timer.stop()
        self.flush()
        post = self.document.post
        if post is None or not self.document.dirty:
            return
        try:
            self.recovery.write(post.path, post.text, self._untitled)
        except OSError as exc:
            log.warning("could not write a recovery copy of %s", post.path or "a new post", exc_info=True)
            self.statusBar().showMessage(f"Could not write a recovery copy: {exc}", 8000)

    def _drop_recovery(self, path: Path | None) -> None:
        """The edits were saved or discarded by the author: their copy goes."""
        with contextlib.suppress(OSError):
            self.recovery.remove(path, self._untitled)

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            self.write_recovery()  # focus went elsewhere: the edits are kept now
        super().changeEvent(event)

    def offer_recovery(self, choose: Callable[[Copy], str] | None = None) -> None:
        """After a crash: each recovery copy holding text its file does not, offered to the author
        (restore, see the differences, discard, or decide later). Nothing goes without a word."""
        for copy in self.recovery.pending():
            answer = (choose or self._ask_about_copy)(copy)
            if answer == "restore":
                if not self.maybe_save():
                    return
                self.restore(copy)
            elif answer == "discard":
                self.recovery.discard(copy)

    def restore(self, copy: Copy) -> None:
        """Open the recovered text as unsaved edits of its post (saving writes it)."""
        post = Post.from_text(copy.text, copy.source)
        if copy.source is not None and copy.source.parent.is_dir():
            root = site.find_root(copy.source.parent)
            if root and root != self.site_root:
                self.open_site(root)
        self.document.restore(post)
        self.recovery.discard(copy)
        self.write_recovery()  # the restored edits are kept again under this window's name
        self.statusBar().showMessage("Recovered unsaved edits: save to keep them", 8000)

    def _ask_about_copy(self, copy: Copy) -> str:
        name = str(copy.source) if copy.source else "a new post"
        when = copy.written.astimezone().strftime("%d %B %Y, %H:%M")
        while True:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                APP_NAME,
                f"Unsaved edits to {name} were kept from {when}.",
                parent=self,
            )
            box.setInformativeText("Restore them, see how they differ from the file, or discard them?")
            restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
            show = box.addButton("Show Differences", QMessageBox.ButtonRole.ActionRole)
            discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
            box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
            box.exec()
            clicked = box.clickedButton()
            if clicked is show:
                diff = QMessageBox(
                    QMessageBox.Icon.Information, APP_NAME, f"Recovered edits to {name}", parent=self
                )
                diff.setDetailedText(copy.diff() or "(the file is gone: the whole text is recovered)")
                diff.exec()
                continue
            return "restore" if clicked is restore else "discard" if clicked is discard else "later"

    # ---- changes on disk ----------------------------------------------------------------------

    def check_disk(self) -> None:
        """The open file changed on disk (another editor, git, a sync tool), or went away."""
        post = self.document.post
        if post is None or post.path is None:
            return
        if str(post.path) not in self.watcher.files() and post.path.exists():
            self.watcher.addPath(str(post.path))  # replaced by a rename: watch the new file
        if not self.document.changed_on_disk():
            return
        name = post.path.name
        try:
            theirs_post = Post.load(post.path)
        except PostError:
            if not post.path.exists():
                self.document._set_dirty(True)  # closing will ask: the text exists only here now
                self.statusBar().showMessage(f"{name} was deleted or moved; save to write it again", 10000)
            return
        self.flush()
        if not self.document.dirty:
            self._reload_in_place(post.path)
            self.statusBar().showMessage(f"Reloaded {name}: it changed on disk", 6000)
            return
        theirs = theirs_post.text
        merged = merge(self.document.base_text, post.text, theirs)
        answer = self._ask("changed" if merged is None else "changed_mergeable", name)
        if answer == "theirs":
            self._reload_in_place(post.path)
        elif answer == "merge" and merged is not None:
            self._show_text(Post.from_text(merged, post.path), base=theirs)
        else:  # keep mine: what is on disk now has been seen; saving will overwrite it
            self.document.disk_fingerprint = read_fingerprint(post.path)
            self.document.base_text = theirs

    def _reload_in_place(self, path: Path) -> None:
        cursor, scroll = self.editor.textCursor().position(), self.editor.verticalScrollBar().value()
        self.document.open(path)
        self._drop_recovery(path)
        c = self.editor.textCursor()
        c.setPosition(min(cursor, len(self.editor.toPlainText())))
        self.editor.setTextCursor(c)
        self.editor.verticalScrollBar().setValue(scroll)

    def _show_text(self, post: Post, base: str) -> None:
        cursor = self.editor.textCursor().position()
        self.document.restore(post)
        c = self.editor.textCursor()
        c.setPosition(min(cursor, len(self.editor.toPlainText())))
        self.editor.setTextCursor(c)
        self.document.base_text = base

    def _ask(self, question: str, name: str) -> str:
        if self.ask is not None:
            return self.ask(question, name)
        buttons = QMessageBox.StandardButton
        if question == "overwrite":
            answer = QMessageBox.warning(
                self,
                APP_NAME,
                f"{name} changed on disk since you opened it. Overwrite it with your version?",
                buttons.Save | buttons.Cancel,
                buttons.Cancel,
            )
            return "overwrite" if answer == buttons.Save else "cancel"
        post = self.document.post
        assert post is not None and post.path is not None
        dialog = side_by_side(
            self,
            name,
            post.text,
            post.path.read_text(encoding="utf-8", errors="replace"),
            question == "changed_mergeable",
        )
        dialog.exec()
        return str(dialog.property("answer") or "mine")

    # ---- the preview ------------------------------------------------------------------------

    def show_preview(self, shown: bool) -> None:
        self.preview_tabs.setVisible(shown)
        self.settings.setValue("view/preview", shown)
        if shown:
            self._editor_scrolled()

    def _editor_scrolled(self) -> None:
        if not self._scroll_from_preview and self.preview.isVisible():
            self.preview.scroll_to_line(self.editor.first_visible_line())

    def _preview_scrolled(self, line: float) -> None:
        self._scroll_from_preview = True
        try:
            self.editor.scroll_to_line(line)
        finally:
            self._scroll_from_preview = False

    def choose_site_css(self, checked: bool) -> None:
        """Style the preview with a CSS file of the site (its theme's, say) or with our own."""
        css = None
        if checked:
            start = str(self.site_root or Path.home())
            name, _ = QFileDialog.getOpenFileName(self, "Style the Preview with", start, "CSS (*.css)")
            css = Path(name) if name else None
        self.site_css_action.setChecked(css is not None)
        self.preview.set_site_css(css)

    # ---- editing ----------------------------------------------------------------------------

    def _field_edited(self, key: str, value: Any) -> None:
        post = self.document.post
        assert post is not None
        new_key = post.key(key) is None
        try:
            if value in ("", []) and key.lower() in (
                "title",
                "slug",
                "date",
                "tags",
                "categories",
                "author",
                "description",
            ):
                self.document.unset_field(key)
            else:
                self.document.set_field(key, value)
        except PostError as exc:
            self.statusBar().showMessage(str(exc))
        if new_key:
            self.form.show_other(post)

    def _field_removed(self, key: str) -> None:
        self.document.unset_field(key)
        assert self.document.post is not None
        self.form.show_other(self.document.post)

    def _front_text_edited(self, text: str) -> None:
        self.document.set_front_text(text)
        post = self.document.post
        assert post is not None
        self.form.show_post(post, fresh=False, from_raw=True)
        self.statusBar().showMessage(str(post.error) if post.error else "Front matter parses", 3000)

    def body_text(self) -> str:
        # toRawText keeps non-breaking spaces (toPlainText turns them into plain spaces)
        text = str(self.editor.document().toRawText()).replace("\u2029", "\n")
        return text.replace("\n", "\r\n") if self._body_crlf else text

    def _body_edited(self) -> None:
        if self._showing or self.document.post is None:
            return
        # the model and word count follow when typing pauses: nothing reads the whole
        # document per keystroke (a 1 MB post would stutter)
        self._body_pending = True
        self.setWindowModified(True)
        self._body_timer.start()
        self._recovery_timer.start()

    def flush(self) -> None:
        """Bring the post model up to date with the editor (before saving, closing, previewing)."""
        self._body_timer.stop()
        if not self._body_pending or self.document.post is None:
            return
        self._body_pending = False
        self.document.set_body(self.body_text())
        self.setWindowModified(self.document.dirty)
        self._count_words()

    def _count_words(self) -> None:
        post = self.document.post
        if post is None:
            self.words.setText("")
            return
        words = word_count(post.body)
        self.words.setText(f"{words} words · {reading_minutes(words)} min read")

    def _show_position(self) -> None:
        if self.document.post is None:
            self.position.setText("")
            return
        cursor = self.editor.textCursor()
        self.position.setText(f"Ln {cursor.blockNumber() + 1}, Col {cursor.positionInBlock() + 1}")

    def undo(self) -> None:
        self.editor.undo()

    def redo(self) -> None:
        self.editor.redo()

    def open_find(self) -> None:
        self.find_bar.open_bar()

    def open_replace(self) -> None:
        self.find_bar.open_bar(replacing=True)

    def find_next(self) -> None:
        if not self.find_bar.needle.text():
            self.find_bar.open_bar()
        else:
            self.find_bar.find_next()

    def find_previous(self) -> None:
        self.find_bar.find_previous()

    def bold(self) -> None:
        self.editor.toggle_wrap("**")

    def italic(self) -> None:
        self.editor.toggle_wrap("*")

    def link(self) -> None:
        self.editor.insert_link()

    def heading1(self) -> None:
        self.editor.set_heading(1)

    def heading2(self) -> None:
        self.editor.set_heading(2)

    def heading3(self) -> None:
        self.editor.set_heading(3)

    def paragraph(self) -> None:
        self.editor.set_heading(0)

    # ---- files ------------------------------------------------------------------------------

    def new_post(self) -> None:
        """From the site's archetype when a site is open, else an untitled post."""
        if self.site_root is not None:
            self.new_site_post()
        else:
            self.new_untitled()

    def new_untitled(self) -> None:
        if not self.maybe_save():
            return
        fmt = self.document.post.format if self.document.post and self.document.post.format else "toml"
        now = dt.datetime.now(self.site_tz).replace(microsecond=0).isoformat()
        self.document.new(Post.new(fmt, {"title": "", "date": now, "draft": True}))
        self.form.title.setFocus()

    def save(self) -> bool:
        post = self.document.post
        if post is None:
            return True
        if post.path is None:
            return self.save_as()
        return self._save_to(None)

    def save_as(self) -> bool:
        post = self.document.post
        if post is None:
            return True
        if post.path is not None:
            start = post.path
        else:
            folder = self.site_root / "content" / "posts" if self.site_root else Path.home()
            start = folder / f"{post.get('slug') or 'untitled'}.md"
        name, _ = QFileDialog.getSaveFileName(self, "Save post as", str(start), "Markdown (*.md)")
        if not name:
            return False
        return self._save_to(Path(name))

    def _save_to(self, path: Path | None) -> bool:
        self.flush()
        assert self.document.post is not None
        before = self.document.post.path
        target = path or before
        if target == before and target is not None and target.exists() and self.document.changed_on_disk():
            name = before.name if before else "the post"
            if self._ask("overwrite", name) != "overwrite":
                return False
        try:
            self.document.save(path)
        except (PostError, SaveError) as exc:
            log.warning("save of %s failed", target or "a new post", exc_info=True)
            self.write_recovery()
            QMessageBox.critical(
                self,
                APP_NAME,
                f"{exc}\n\nYour text is safe: it is still here, and "
                "a recovery copy is kept until it is saved.",
            )
            return False
        self._drop_recovery(before)
        self._watch()
        saved = self.document.post.path
        assert saved is not None
        with contextlib.suppress(OSError):
            log.info("saved %s (%d bytes)", saved, saved.stat().st_size)
        self._remember(saved)
        self._save_session()
        self._update_title()
        self.actions_by_id["revert"].setEnabled(True)
        self.statusBar().showMessage(f"Saved {saved}", 4000)
        if self.theme.process is not None and self.preview_tabs.currentWidget() is self.theme:
            self._theme_follow()  # the slug may have changed its URL; Hugo's rebuild reloads it
        return True

    def revert(self) -> None:
        self.flush()
        if self.document.post is None or self.document.post.path is None:
            return
        if self.document.dirty:
            answer = QMessageBox.question(
                self,
                APP_NAME,
                "Discard your changes and reload the post from disk?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
            self._drop_recovery(self.document.post.path)
        try:
            self.document.revert()
        except PostError as exc:
            QMessageBox.warning(self, APP_NAME, str(exc))

    def close_post(self) -> None:
        if self.maybe_save():
            self.document.close()
            self._save_session()

    def maybe_save(self) -> bool:
        """Ask about unsaved edits; False when the author cancels."""
        self.flush()
        if not self.document.dirty:
            return True
        post = self.document.post
        name = post.path.name if post and post.path else "this new post"
        answer = QMessageBox.question(
            self,
            APP_NAME,
            f"Save your changes to {name}?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self._drop_recovery(post.path if post else None)
            return True
        return False

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        if self.maybe_save():
            self._save_session()
            self._save_settings()
            self.links.stop_checking()
            self.theme.stop()
            event.accept()
        else:
            event.ignore()

    def _update_title(self) -> None:
        post = self.document.post
        name = post.path.name if post and post.path else ("untitled" if post else "")
        self.setWindowTitle(f"{name}[*] — {APP_NAME}" if name else APP_NAME)
        self.setWindowModified(self.document.dirty)


def side_by_side(parent: QWidget, name: str, mine: str, theirs: str, mergeable: bool) -> QDialog:
    """Your version and the file's, side by side, and the choice: keep yours, take theirs, or
    merge both (offered when the changes touch different lines)."""
    dialog = QDialog(parent)
    dialog.setObjectName("changed_on_disk")
    dialog.setWindowTitle(f"{name} changed on disk")
    layout = QVBoxLayout(dialog)
    layout.addWidget(
        QLabel(
            f"{name} changed on disk while you had unsaved edits. "
            + (
                "They touch different lines: both can be merged."
                if mergeable
                else "Both change the same lines."
            )
        )
    )
    panes = QSplitter(Qt.Orientation.Horizontal)
    for title, text in (("Yours (unsaved)", mine), ("On disk now", theirs)):
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(f"<b>{title}</b>"))
        view = QPlainTextEdit(text)
        view.setReadOnly(True)
        view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        view.setObjectName("mine" if title.startswith("Yours") else "theirs")
        column.addWidget(view)
        panes.addWidget(box)
    layout.addWidget(panes, 1)
    buttons = QDialogButtonBox()
    for label, answer in (("Keep Mine", "mine"), ("Take Theirs", "theirs"), ("Merge Both", "merge")):
        if answer == "merge" and not mergeable:
            continue
        button = buttons.addButton(label, QDialogButtonBox.ButtonRole.AcceptRole)
        button.setObjectName(answer)
        button.clicked.connect(partial(_answer, dialog, answer))
    layout.addWidget(buttons)
    dialog.resize(900, 560)
    return dialog


def _answer(dialog: QDialog, answer: str) -> None:
    dialog.setProperty("answer", answer)
    dialog.accept()


def _dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if p.is_dir() or p.suffix.lower() in MARKDOWN_SUFFIXES]
