"""The main window: layout, docks, menus built from the action table, and the wiring between the
form, the Markdown pane, the preview and the document. The work is done by its collaborators:
`files` (open, save, recovery, changes on disk), `site` (the open site), `body` (the editor and
the post model), `keeper` (recovery copies), `disk` (watching the file), `prompter` (questions)."""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, QProcess, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from editor.core import site, spelling
from editor.core.files import git
from editor.core.files.recovery import Store
from editor.core.post import Post, PostError, fields
from editor.core.post.checks import check_post
from editor.core.post.stats import reading_minutes, word_count
from editor.core.preferences import PREFIX
from editor.core.site import MARKDOWN_SUFFIXES, hugo
from editor.ui import look, menus
from editor.ui.about import AboutDialog
from editor.ui.actions import SPECS
from editor.ui.arrangement import EDITOR_CHARS, Arrangement, Comforts, chars_wide, preview_min_width
from editor.ui.background import run_in_background
from editor.ui.body_sync import BodySync
from editor.ui.dialogs import APP_NAME, Prompter
from editor.ui.disk_watch import DiskWatch
from editor.ui.document import Document
from editor.ui.files import Files
from editor.ui.form import FrontMatterForm, named, summary
from editor.ui.markdown_edit import FindBar, MarkdownEdit
from editor.ui.preferences import Preferences, PreferencesDialog
from editor.ui.preview import EditorFeed, Preview
from editor.ui.recovery_keeper import RecoveryKeeper
from editor.ui.scroll_sync import ScrollSync
from editor.ui.settings import POSTS, Remembered
from editor.ui.site_session import SiteSession
from editor.ui.site_tools import NewPostDialog
from editor.ui.spell import SpellCheck
from editor.ui.start_page import StartPage
from editor.ui.theme_preview import ThemePreview

if TYPE_CHECKING:
    from editor.ui.browser import PostBrowser
    from editor.ui.links_panel import LinkPanel
    from editor.ui.outline_panel import OutlinePanel
    from editor.ui.site_search import SiteSearchPanel
    from editor.ui.site_tools import ProblemsPanel

__all__ = ["APP_NAME", "MainWindow"]

_GIT_RUNS: set[QProcess] = set()  # git processes running for a window (kept until they end)
COUNT_IN_BACKGROUND = 200_000  # characters: a longer body's words are counted off the GUI thread
log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    # the collaborators (made in __init__; declared for the modules that reach them by the window)
    files: Files
    site: SiteSession
    body: BodySync
    keeper: RecoveryKeeper
    disk: DiskWatch
    new_post_dialog: NewPostDialog | None = None
    editor: MarkdownEdit
    find_bar: FindBar
    recent_menu: QMenu
    preview_action: QAction
    site_css_action: QAction
    remote_action: QAction
    toolbar: QToolBar
    theme_group: QActionGroup

    def __init__(
        self,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        recovery: Store | None = None,
        log_file: Path | None = None,
    ) -> None:
        super().__init__(parent)
        # a worker thread (a long post's preview, word count, reading) hands the interpreter lock
        # back within 1 ms instead of 5: each of the window's Python callbacks waits for it, and a
        # burst of them (opening a post, typing while it loads) would otherwise stall the window
        sys.setswitchinterval(0.001)
        self._branch_asked = 0  # git's answers for an earlier post or site are dropped
        self.settings = settings or QSettings()
        self.remembered = Remembered(self.settings)
        self.log_file = log_file
        self.recovery = recovery or Store()
        self.prompter = Prompter(self)
        self.preferences = Preferences(self.settings)
        self.document = Document(self)
        self._build_panes()
        self._build_docks()
        self.body = BodySync(self.editor, self.document, self)
        self.keeper = RecoveryKeeper(self.recovery, self.document, self.body.flush, self)
        self.disk = DiskWatch(self)
        self.files = Files(self)
        self.site = SiteSession(self)
        self.scroll_sync = ScrollSync(self.editor, self.preview, self)
        self.actions_by_id: dict[str, QAction] = {}
        self.comforts = Comforts(self, self.arrangement, self.settings)
        menus.build(self)
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self._restore_settings()
        self._wire()
        self._show_post()
        self.preview.start_after_paint(self)  # shown or not, it starts once the window has painted

    # ---- layout -----------------------------------------------------------------------------

    def _build_panes(self) -> None:
        self.form = FrontMatterForm()
        form_scroll = named(QScrollArea(), "form_scroll")
        form_scroll.setWidget(self.form)
        form_scroll.setWidgetResizable(True)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fold = named(QToolButton(), "form_fold")
        self.fold.setCheckable(True)
        self.fold.setAutoRaise(True)
        self.fold.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.fold.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.fold.setToolTip("Show or hide the front matter form (Ctrl+E)")
        self.editor = MarkdownEdit()
        self.find_bar = FindBar(self.editor)
        editor_box = QWidget()
        box = QVBoxLayout(editor_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.editor, 1)
        box.addWidget(self.find_bar)
        self.text_splitter = named(QSplitter(Qt.Orientation.Vertical), "text_splitter")
        self.text_splitter.addWidget(form_scroll)
        self.text_splitter.addWidget(editor_box)
        self.text_splitter.setStretchFactor(0, 0)
        self.text_splitter.setStretchFactor(1, 1)
        self.text_splitter.setChildrenCollapsible(False)
        editor_column = named(QWidget(), "editor_column")
        column = QVBoxLayout(editor_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.fold)
        column.addWidget(self.text_splitter, 1)
        scroll_bar = self.editor.verticalScrollBar().sizeHint().width()
        editor_column.setMinimumWidth(chars_wide(self.editor.font(), EDITOR_CHARS) + scroll_bar + 24)
        self.preview = Preview()
        self.feed = EditorFeed(self.editor, self.preview)
        self.spell = SpellCheck(self.editor, self.preview, self)
        self.spell.watch_plain(self.form.title, self.form.description)
        self.theme = ThemePreview()
        self.preview_tabs = named(QTabWidget(), "preview_tabs")
        self.preview_tabs.setDocumentMode(True)
        self.preview_tabs.addTab(self.preview, "Preview")
        self.preview_tabs.addTab(self.theme, "Site Theme")
        self.preview_tabs.setMinimumWidth(preview_min_width())
        self.splitter = named(QSplitter(Qt.Orientation.Horizontal), "main_splitter")
        for pane in (editor_column, self.preview_tabs):
            self.splitter.addWidget(pane)
            self.splitter.setStretchFactor(self.splitter.count() - 1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.start_page = StartPage()
        self.pages = named(QStackedWidget(), "pages")
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(self.splitter)
        self.setCentralWidget(self.pages)
        self.position = QLabel()
        self.words = QLabel()
        self.branch_label = named(QLabel(), "branch")  # the site's git branch, ahead / behind
        self.statusBar().addPermanentWidget(self.branch_label)
        self.statusBar().addPermanentWidget(self.position)
        self.statusBar().addPermanentWidget(self.words)
        self._body_line = 0  # lines of the file before the body (the status bar counts the file's)
        self.arrangement = Arrangement(self, self.splitter, self.pages, form_scroll, self.fold, self.settings)

    def _build_docks(self) -> None:
        """The side panel's tabs: the post list, the outline, the link sections, the site's
        problems, find in site. Each is made when first shown (or asked for)."""
        panel = self.arrangement.panel
        self.posts_panel = panel(self._make_browser, "Posts", "&Posts", "Ctrl+Shift+B", "show_posts")
        self.outline_panel = panel(self._make_outline, "Outline", "&Outline", "Ctrl+Alt+O", "show_outline")
        self.links_panel = panel(self._make_links, "Links", "&Link Sections", "Ctrl+Shift+L", "show_links")
        self.problems_panel = panel(
            self._make_problems, "Problems", "Site Pro&blems", "Ctrl+Shift+M", "show_problems"
        )
        self.find_panel = panel(
            self._make_site_search, "Find", "&Find in Site", "Ctrl+Shift+G", "show_find_in_site"
        )
        self.find_panel.action.triggered.connect(self._find_in_site_shown)

    @property
    def browser(self) -> PostBrowser:
        return cast("PostBrowser", self.posts_panel.widget)

    @property
    def outline(self) -> OutlinePanel:
        return cast("OutlinePanel", self.outline_panel.widget)

    @property
    def links(self) -> LinkPanel:
        return cast("LinkPanel", self.links_panel.widget)

    @property
    def problems(self) -> ProblemsPanel:
        return cast("ProblemsPanel", self.problems_panel.widget)

    @property
    def site_search(self) -> SiteSearchPanel:
        return cast("SiteSearchPanel", self.find_panel.widget)

    def _make_browser(self) -> QWidget:
        from editor.ui import browser as module

        browser = module.PostBrowser()
        browser.opened.connect(self.files.open_chosen)
        browser.listed.connect(self.site.listed)
        post = self.document.post
        browser.set_current(post.path if post is not None else None)
        return browser

    def _make_outline(self) -> QWidget:
        from editor.ui import outline_panel as module

        outline = module.OutlinePanel(self.editor, self.preview)
        outline.refresh()
        return outline

    def _make_links(self) -> QWidget:
        from editor.ui import links_panel as module

        links = module.LinkPanel(self.editor)
        links.site_posts = self.site.posts
        return links

    def _make_problems(self) -> QWidget:
        from editor.ui import site_tools as module

        problems = module.ProblemsPanel()
        problems.open_at.connect(self.files.open_at)
        return problems

    def _make_site_search(self) -> QWidget:
        from editor.ui import site_search as module

        search = module.SiteSearchPanel()
        search.open_at.connect(self.files.open_at)
        search.set_root(self.site.root)
        return search

    def _wire(self) -> None:
        self.start_page.open_site_chosen.connect(self.files.choose_site)
        self.start_page.open_post_chosen.connect(self.files.choose_file)
        self.start_page.sample_chosen.connect(self.files.open_sample_site)
        self.start_page.recent_chosen.connect(lambda path: self.files.open_recent(str(path)))
        self.editor.ref_clicked.connect(self.open_ref)
        self.preview_tabs.currentChanged.connect(self._preview_tab_changed)
        self.editor.place_image = self.site.place_image
        self.form.field_edited.connect(self._field_edited)
        self.form.field_removed.connect(self._field_removed)
        self.form.field_added.connect(
            lambda key: self._front_matter_edit(lambda: self.document.add_custom(key))
        )
        self.form.param_edited.connect(
            lambda table, key, value: self._front_matter_edit(
                lambda: self.document.set_param(table, key, value), reshow=False
            )
        )
        self.form.param_removed.connect(
            lambda table, key: self._front_matter_edit(lambda: self.document.unset_param(table, key))
        )
        self.form.fix_requested.connect(
            lambda fix: self._front_matter_edit(lambda: self.document.apply_fix(fix))
        )
        self.form.front_text_edited.connect(self._front_text_edited)
        self.body.typed.connect(self._typed)
        self.body.synced.connect(self._synced)
        self.keeper.failed.connect(lambda message: self.statusBar().showMessage(message, 8000))
        self.disk.changed.connect(self.files.check_disk)
        self.site.changed.connect(self._site_changed)
        self.editor.cursorPositionChanged.connect(self._show_position)
        self.editor.undoAvailable.connect(self.update_actions)
        self.editor.redoAvailable.connect(self.update_actions)
        self.find_bar.message.connect(self.statusBar().showMessage)
        self.preview.link_hovered.connect(
            lambda url: self.statusBar().showMessage(url) if url else self.statusBar().clearMessage()
        )
        self.preview.said.connect(lambda message: self.statusBar().showMessage(message, 8000))
        self.spell.said.connect(lambda message: self.statusBar().showMessage(message, 8000))
        self.document.post_loaded.connect(self._show_post)
        self.document.post_changed.connect(self._post_changed)
        self.document.dirty_changed.connect(self.setWindowModified)

    # ---- settings, theme, what is open ----------------------------------------------------------

    def _restore_settings(self) -> None:
        for key, restore in (
            ("window/geometry", self.restoreGeometry),
            ("window/text_splitter", self.text_splitter.restoreState),
        ):
            blob = self.remembered.blob(key)
            if blob is not None:
                restore(blob)
        if self.settings.value(PREFIX + "theme") is None:  # kept before under the View menu's own key
            self.preferences.set("theme", self.remembered.value("view/theme", "system"))
        self.preview_action.setChecked(self.remembered.flag("view/preview", True))
        self.arrangement.restore()
        self.apply_preferences()  # the theme, the font and its zoom, once
        self.comforts.restore()
        self.remote_action.setChecked(self.remembered.flag("view/remote", True))

    def _save_settings(self) -> None:
        self.remembered.set("window/geometry", self.saveGeometry())
        self.remembered.set("window/text_splitter", self.text_splitter.saveState())
        self.arrangement.remember()
        self.settings.sync()

    def set_theme(self, name: str) -> None:
        look.apply_theme(name)
        self.preferences.set("theme", name)
        for action in self.theme_group.actions():
            action.setChecked(action.data() == name)
        self.spell.set_dark(look.is_dark())
        self.editor.highlighter.set_dark(look.is_dark())
        self.preview.set_theme(look.is_dark())
        for spec in SPECS:  # bundled icons follow the palette
            if spec.icon:
                self.actions_by_id[spec.id].setIcon(look.icon(spec.icon))

    def edit_preferences(self) -> None:
        """Edit → Preferences: the dialog, then every preference applied at once."""
        if PreferencesDialog(self.preferences, self).exec():
            self.apply_preferences()

    def apply_preferences(self) -> None:
        p = self.preferences
        self.set_theme(p.get("theme"))
        self.comforts.set_font(p.get("editor_font"), p.get("editor_font_size"))
        self.preview.set_style(p.get("preview_font"), p.get("preview_font_size"), p.get("preview_width"))
        self.comforts.set_focus_column(p.get("focus_column"))
        self.editor.indent = {"tab": "\t", "spaces2": "  "}.get(p.get("indent"), "    ")
        self.keeper.timer.setInterval(p.get("recovery_seconds") * 1000)
        self.scroll_sync.follow_cursor = p.get("preview_follows") == "cursor"
        hugo.use_binary(p.get("hugo_binary"))
        skip = ("spell_skip_caps", "spell_skip_digits", "spell_skip_camel")
        rules = spelling.Rules(*(bool(p.get(key)) for key in skip))
        self.spell.configure(p.get("spell_check"), p.get("spell_language"), rules)

    # ---- publishing through git (editor.ui.publish) -----------------------------------------------

    def _git_place(self) -> Path | None:
        post = self.document.post
        return self.site.root or (post.path.parent if post is not None and post.path is not None else None)

    def show_branch(self) -> None:
        """The status bar's branch and the post list's marks of changed posts, for the open site
        or post: git runs as QProcesses (nothing waits for them), their answers shown when they
        come (a later request's answers win); outside a work tree, nothing."""
        place = self._git_place()
        self._branch_asked += 1
        asked = self._branch_asked
        if place is None or not place.is_dir() or not git.looks_tracked(place) or shutil.which("git") is None:
            self.branch_label.setText("")
            if self.posts_panel.made:
                self.browser.model.set_changes({})
            return

        def branch(code: int, out: str) -> None:
            if asked == self._branch_asked:
                self.branch_label.setText(str(git.parse_branch(out)) if code == 0 else "")

        def changes(code: int, out: str) -> None:
            if asked == self._branch_asked and code == 0:
                self.browser.model.set_changes(git.parse_status(place, out))

        self._git_async(place, git.BRANCH_ARGS, branch)
        if self.site.root is not None:
            self._git_async(place, git.STATUS_ARGS, changes)

    def _git_async(self, place: Path, args: tuple[str, ...], then: Callable[[int, str], None]) -> None:
        # no parent: a window closed meanwhile does not cut git off (git ends in milliseconds)
        process = QProcess()
        _GIT_RUNS.add(process)
        process.setWorkingDirectory(str(place))

        def done(code: int, _status: QProcess.ExitStatus) -> None:
            _GIT_RUNS.discard(process)
            out = bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace")
            process.deleteLater()
            if isValid(self.branch_label):  # the window is still there
                then(code, out)

        process.finished.connect(done)
        process.errorOccurred.connect(lambda _e: _GIT_RUNS.discard(process))
        process.start("git", list(args))

    def publish(self) -> None:
        """Site → Publish: the changed files, read off the GUI thread, then the dialog."""
        place = self._git_place()
        tree = git.work_tree(place) if place is not None else None
        if tree is None:
            self.statusBar().showMessage(
                "This site is not in a git repository: nothing to publish from here", 8000
            )
            return
        self.flush()

        def read() -> object:
            try:
                return git.status(tree), git.branch(tree)
            except git.GitError as e:
                return e

        def show(result: object) -> None:
            if not isinstance(result, tuple):
                self.prompter.warn(str(result))
                return
            from editor.ui.publish import PublishDialog

            changed = dict(result[0])
            post = self.document.post
            if post is not None and post.path is not None and self.document.dirty:
                changed.setdefault(post.path.resolve(), "modified")  # saved when it is committed
            self.publish_dialog = PublishDialog(self, tree, changed, result[1])
            self.publish_dialog.open()

        run_in_background(read, show, self, "git-status")

    def post_history(self) -> None:
        """Site → Post History: its commits, its changes since the last one."""
        post = self.document.post
        tree = git.work_tree(post.path) if post is not None and post.path is not None else None
        if post is None or post.path is None or tree is None:
            self.statusBar().showMessage("This post is not in a git repository", 6000)
            return
        from editor.ui.publish import HistoryDialog

        self.history_dialog = HistoryDialog(self, tree, post.path, git.history(tree, post.path))
        self.history_dialog.open()

    def restore_text(self, text: str, what: str) -> None:
        """Another text for the open post, as unsaved edits (saved only when the author saves)."""
        post = self.document.post
        if post is None or post.path is None:
            return
        self.document.restore(Post.from_text(text, post.path))
        self.statusBar().showMessage(f"Restored {what} as unsaved edits: save to keep it", 8000)

    def _insert_when_accepted(self, dialog: QDialog, text: Callable[[], str]) -> None:
        """Open an Insert… dialog; what it makes goes in at the cursor (replacing the selection,
        one undo step) when the author accepts."""

        def chosen() -> None:
            made = text()
            if made:
                self.editor.textCursor().insertText(made)

        dialog.accepted.connect(chosen)
        dialog.open()

    def insert_link_to_post(self) -> None:
        """Format → Insert Link to Post…: another post of the site, the way the site links."""
        from editor.ui.link_dialog import LinkToPostDialog  # on first use

        root, index = self.site.root, self.browser.index
        if root is None or index is None:
            return
        cursor = self.editor.textCursor()
        post = self.document.post
        config = site.load_config(root)
        text = cursor.selectedText().replace("\u2029", " ")
        self.link_dialog = LinkToPostDialog(
            root,
            config,
            list(index.posts.values()),
            post.path if post else None,
            text,
            self.site.link_habit,
            self,
        )

        self._insert_when_accepted(self.link_dialog, self.link_dialog.link_text)

    def open_ref(self, target: str, lang: str = "") -> None:
        """Ctrl+click on a ref: open the post it names."""
        root, post = self.site.root, self.document.post
        if root is None:
            return
        page = site.find_page(root, site.load_config(root), target, post.path if post else None, lang)
        if page is None:
            self.statusBar().showMessage(f"No page {target!r} in this site", 6000)
            return
        if self.files.maybe_save():
            self.files.open_post(page)

    def insert_image(self) -> None:
        """Format → Insert Image…: the bundle's and the site's images, or one from a file."""
        from editor.ui.media_dialog import MediaDialog  # on first use

        post = self.document.post
        self.media_dialog = MediaDialog(
            post.path if post else None, self.site.root, self.site.copy_image, self
        )

        self._insert_when_accepted(self.media_dialog, self.media_dialog.text)

    def insert_shortcode(self) -> None:
        """Format → Insert Shortcode…: the site's and Hugo's, with their parameters as fields."""
        from editor.ui.shortcode_dialog import ShortcodeDialog  # on first use

        cursor = self.editor.textCursor()
        selection = cursor.selectedText().replace("\u2029", "\n")
        self.shortcode_dialog = ShortcodeDialog(self.site.shortcodes, selection, self)

        self._insert_when_accepted(self.shortcode_dialog, self.shortcode_dialog.text)

    def insert_code_block(self) -> None:
        """Format → Code Block: a language from those Hugo's highlighter knows (with completion)."""
        from PySide6.QtWidgets import QCompleter, QInputDialog

        from editor.core.rendering.highlight import languages

        dialog = QInputDialog(self)
        dialog.setWindowTitle("Code Block")
        dialog.setLabelText("Language (empty: none):")
        dialog.setTextValue("")
        names = languages()
        edit = dialog.findChild(QLineEdit)
        if edit is not None:
            completer = QCompleter(names, dialog)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            edit.setCompleter(completer)
        if dialog.exec():
            self.editor.insert_code_block(dialog.textValue().strip())

    def insert_table(self) -> None:
        """Format → Table: rows × columns."""
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(self, "Table", "Rows × columns (such as 3x2):", text="3x2")
        if not ok:
            return
        numbers = [int(n) for n in re.findall(r"\d+", text)[:2]]
        if len(numbers) == 2 and all(1 <= n <= 50 for n in numbers):
            self.editor.insert_table(numbers[0], numbers[1])
        else:
            self.statusBar().showMessage("A table needs rows and columns, such as 3x2 (50 at most)", 6000)

    def format_table(self) -> None:
        if not self.editor.format_table():
            self.statusBar().showMessage("The cursor is not in a table", 4000)

    def next_misspelling(self) -> None:
        """Edit → Next Misspelling (F8): the next misspelled word selected, or why there is none."""
        if self.spell.speller is None:
            self.statusBar().showMessage(f"Spell checking is off: {self.spell.unavailable}", 8000)
        elif not self.spell.enabled:
            self.statusBar().showMessage("Spell checking is off (Preferences)", 8000)
        elif not self.spell.next_misspelling():
            self.statusBar().showMessage("No misspelled words", 4000)

    def update_actions(self) -> None:
        """Each action enabled as its table entry says, for what is open now."""
        for spec in SPECS:
            self.actions_by_id[spec.id].setEnabled(spec.enabled_when(self))

    def recent_files(self) -> list[str]:
        return self.remembered.recent(POSTS)

    def reopen_last(self) -> None:
        self.files.reopen_last()

    def show_about(self) -> None:
        self.about = AboutDialog(self.settings, self.log_file, self, self.site.root)
        self.about.open()

    def retag(self) -> None:
        """Site → Rename a Tag or Category…"""
        from editor.ui.retag_dialog import RetagDialog  # on first use

        index = self.browser.index
        if index is None:
            return

        def open_post() -> tuple[Path | None, bool]:
            self.flush()  # the typed text is in the post before its front matter changes
            post = self.document.post
            return (post.path if post is not None else None), self.document.dirty

        def edit_open_post(change: Any) -> None:
            self.document.retag(change)
            assert self.document.post is not None
            self.form.show_post(self.document.post, fresh=False)

        self.retag_dialog = RetagDialog(index, open_post, edit_open_post, self.browser.rescan, self)
        dialog = self.retag_dialog
        self.browser.listed.connect(dialog.fill)  # the terms as the list has them, while it is open
        dialog.finished.connect(lambda _result: self.browser.listed.disconnect(dialog.fill))
        dialog.open()

    def site_hugo(self) -> None:
        """Site → Hugo for This Site; a theme preview running on the old Hugo starts again."""
        from editor.ui.site_hugo import SiteHugoDialog  # on first use

        root = self.site.root
        if root is None:
            return
        before = hugo.binary(root)
        self.site_hugo_dialog = SiteHugoDialog(root, self)

        def closed() -> None:
            if hugo.binary(root) != before and self.theme.process is not None:
                self.theme.stop()
                if self.preview_tabs.currentWidget() is self.theme:
                    self.site.theme_follow()

        self.site_hugo_dialog.finished.connect(closed)
        self.site_hugo_dialog.open()

    # ---- the window's commands (the files and site collaborators do the work) -----------------

    @property
    def site_root(self) -> Path | None:
        return self.site.root

    def open_path(self, path: Path) -> None:
        self.files.open_path(path)

    def close_site(self) -> None:
        if self.files.maybe_save():
            self.site.close()

    def new_untitled(self) -> None:
        self.files.new_untitled()

    def save(self) -> bool:
        return self.files.save()

    def close_post(self) -> None:
        self.files.close_post()

    def offer_recovery(self) -> None:
        self.files.offer_recovery()

    def write_recovery(self) -> None:
        self.keeper.write()

    def flush(self) -> None:
        self.body.flush()

    def body_text(self) -> str:
        return self.body.text()

    def _find_in_site_shown(self, on: bool) -> None:
        if on:
            self.site_search.focus()

    def _site_changed(self) -> None:
        if self.find_panel.made:
            self.site_search.set_root(self.site.root)
        self.update_actions()
        self.files.show_start_page()
        self.files.save_session()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # Qt override
        if _dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # Qt override
        paths = _dropped_paths(event)
        if paths and self.files.maybe_save():
            event.acceptProposedAction()
            self.open_path(paths[0])

    # ---- the open post ------------------------------------------------------------------------

    def _show_post(self) -> None:
        post = self.document.post
        self.spell.post_opened(post.path if post is not None else None)
        self.show_branch()
        self.disk.watch(post.path if post is not None else None)
        if self.posts_panel.made:
            self.browser.set_current(post.path if post is not None else None)
        if self.preview_tabs.currentWidget() is self.theme and self.theme.process is not None:
            self.site.theme_follow()
        self.editor.setEnabled(post is not None)
        self.feed.paused = True
        try:
            text = self.body.load(post)
        finally:
            self.feed.paused = False
        if self.links_panel.made:
            self.links.post_opened()
        if post is None:
            self.form.show_nothing()
            self.fold.setText(summary(None))
        else:
            if post.error is not None:
                self.arrangement.form_action.setChecked(True)  # the raw text to fix is in the form
            self.form.show_post(post)
            self.feed.reset()
            self.preview.show_body(text, post.path, post.metadata)
            self._post_changed()
        self._show_position()
        self._count_words()
        self.update_actions()
        self.update_title()
        self.files.show_start_page()
        if post is not None and post.error:
            self.statusBar().showMessage(str(post.error))
        elif post is not None and self.body.frozen:
            self.statusBar().showMessage(self.body.frozen)

    def _post_changed(self) -> None:
        """Front matter changed: refresh the warnings, the folded form's line and where the body
        starts in the file."""
        post = self.document.post
        self.fold.setText(summary(post))
        self._body_line = post.body_line if post is not None else 0
        self.update_title()
        if post is None:
            return
        if self.document.dirty:
            self.keeper.schedule()
        self.preview.set_params(post.metadata)
        if post.error is None:
            path = post.path or Path("untitled.md")
            problems = check_post(post, path, dt.datetime.now(dt.UTC), self.site.tz)
            self.form.show_problems(problems, fields.is_draft(post.get("draft")))
        else:  # nothing is known of a post that does not parse: no note from the last one stays
            self.form.show_problems([], False)

    def _field_edited(self, key: str, value: Any) -> None:
        try:
            new_key = self.document.edit_field(key, value)
        except PostError as exc:
            self.statusBar().showMessage(str(exc))
            return
        if new_key and self.document.post is not None:
            self.form.show_other(self.document.post)

    def _front_matter_edit(self, edit: Callable[[], object], reshow: bool = True) -> None:
        """A form edit the post makes (a new custom field, a parameter, a fix); the form shows it
        (a value typed in the table is shown already)."""
        try:
            edit()
        except PostError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return
        if reshow and self.document.post is not None:
            self.form.show_other(self.document.post)

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

    def _typed(self) -> None:
        # the model and word count follow when typing pauses: nothing reads the whole document
        # per keystroke (a 1 MB post would stutter)
        self.setWindowModified(True)
        self.keeper.schedule()

    def _synced(self) -> None:
        self.setWindowModified(self.document.dirty)
        self._count_words()

    def _count_words(self) -> None:
        post = self.document.post
        if post is None:
            self.words.setText("")
            return
        body = post.body
        if len(body) > COUNT_IN_BACKGROUND:  # tens of ms per megabyte: off the GUI thread
            run_in_background(lambda: word_count(body), self._show_words, self, "word-count")
        else:
            self._show_words(word_count(body))

    def _show_words(self, words: int | Exception) -> None:
        if isinstance(words, int) and self.document.post is not None:
            self.words.setText(f"{words} words · {reading_minutes(words)} min read")

    def _show_position(self) -> None:
        """Line and column as the file counts them (front matter included), as `hugo` and `check`
        name lines."""
        cursor = self.editor.textCursor()
        line = self._body_line + cursor.blockNumber() + 1
        shown = f"Ln {line}, Col {cursor.positionInBlock() + 1}"
        self.position.setText(shown if self.document.post is not None else "")

    def update_title(self) -> None:
        """ "Post title · site — Hugo Post Editor": the post's title (a page bundle's index.md
        says nothing), else its file or folder name; the site's folder, else the post's."""
        post = self.document.post
        if post is None:
            self.setWindowTitle(APP_NAME)
            return
        title = post.get("title") if post.error is None else None
        path = post.path
        if isinstance(title, str) and title.strip():
            name = " ".join(title.split())
        elif path is not None:
            name = path.parent.name if path.stem in ("index", "_index") else path.name
        else:
            name = "untitled"
        where = self.site.root.name if self.site.root else path.parent.name if path else ""
        label = f"{name} · {where}" if where else name
        # an invisible override in a name must not make the title bar read as another name
        label = "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) == "Cf" else c for c in label)
        self.setWindowTitle(f"{label}[*] — {APP_NAME}")
        self.setWindowModified(self.document.dirty)

    # ---- the preview --------------------------------------------------------------------------

    def show_preview(self, shown: bool) -> None:
        self.preview_tabs.setVisible(shown)
        self.remembered.set("view/preview", shown)
        if shown:
            self.scroll_sync.editor_scrolled()

    def allow_remote(self, allowed: bool) -> None:
        """Remote images, media and players in the preview, or placeholders (a preference)."""
        self.remembered.set("view/remote", allowed)
        self.preview.set_remote(allowed)

    def show_theme_preview(self) -> None:
        self.preview_action.setChecked(True)
        self.preview_tabs.setCurrentWidget(self.theme)

    def _preview_tab_changed(self, _index: int) -> None:
        if self.preview_tabs.currentWidget() is self.theme:
            self.site.theme_follow()

    def choose_site_css(self, checked: bool) -> None:
        """Style the preview with a CSS file of the site (its theme's, say) or with our own."""
        css = None
        if checked:
            start = str(self.site.root or Path.home())
            name, _ = QFileDialog.getOpenFileName(self, "Style the Preview with", start, "CSS (*.css)")
            css = Path(name) if name else None
        self.site_css_action.setChecked(css is not None)
        self.preview.set_site_css(css)

    # ---- leaving ------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            self.keeper.write()  # focus went elsewhere: the edits are kept now
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        if self.files.maybe_save():
            self.files.save_session()
            self._save_settings()
            if self.links_panel.made:
                self.links.stop_checking()
            self.theme.stop()
            event.accept()
        else:
            event.ignore()


def _dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if p.is_dir() or p.suffix.lower() in MARKDOWN_SUFFIXES]
