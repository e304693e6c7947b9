"""The main window: site posts, front-matter form and Markdown pane; signal wiring in one place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QWidget,
)

from editor.core import site
from editor.core.check import posts_under
from editor.core.post import PostError
from editor.core.stats import reading_minutes, word_count
from editor.core.storage import SaveError
from editor.ui.document import Document
from editor.ui.form import FrontMatterForm, named
from editor.ui.markdown_edit import MarkdownHighlighter

APP_NAME = "Hugo Post Editor"


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = Document(self)
        self.site_root: Path | None = None
        self.posts = named(QListWidget(), "posts")
        self.form = FrontMatterForm()
        self.editor = named(QPlainTextEdit(), "markdown")
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.highlighter = MarkdownHighlighter(self.editor.document())
        self.position = QLabel()
        self.words = QLabel()
        self.statusBar().addPermanentWidget(self.position)
        self.statusBar().addPermanentWidget(self.words)
        self._body_crlf = False
        self._showing = False

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.posts)
        splitter.addWidget(self.form)
        splitter.addWidget(self.editor)
        splitter.setSizes([220, 380, 600])
        self.setCentralWidget(splitter)
        self.resize(1280, 800)
        self._make_actions()

        self.posts.itemActivated.connect(self._post_chosen)
        self.posts.currentItemChanged.connect(self._current_post_changed)
        self.form.field_edited.connect(self._field_edited)
        self.editor.textChanged.connect(self._body_edited)
        self.editor.cursorPositionChanged.connect(self._show_position)
        self.document.post_loaded.connect(self._show_post)
        self.document.dirty_changed.connect(self.setWindowModified)
        self._update_title()

    def _make_actions(self) -> None:
        menu = self.menuBar().addMenu("&File")
        table = [
            ("&Open…", QKeySequence.StandardKey.Open, self.choose_file),
            ("&Save", QKeySequence.StandardKey.Save, self.save),
            ("&Quit", QKeySequence.StandardKey.Quit, self.close),
        ]
        for text, key, handler in table:
            action = QAction(text, self)
            action.setShortcut(key)
            action.triggered.connect(handler)
            menu.addAction(action)

    # ---- opening --------------------------------------------------------------------------

    def open_path(self, path: Path) -> None:
        if path.is_dir():
            self.open_site(path)
        else:
            root = site.find_root(path.parent)
            if root:
                self.open_site(root, select=path)
            else:
                self.open_post(path)

    def open_site(self, root: Path, select: Path | None = None) -> None:
        self.site_root = root
        self.posts.clear()
        for p in posts_under([root]):
            item = QListWidgetItem(str(p.relative_to(root / "content")))
            item.setData(Qt.ItemDataRole.UserRole, str(p))
            self.posts.addItem(item)
            if select and p.resolve() == select.resolve():
                self.posts.setCurrentItem(item)
        if select is None and self.posts.count():
            # start on a post rather than a section's _index.md
            rows = [r for r in range(self.posts.count())
                    if not self.posts.item(r).text().endswith("_index.md")]
            self.posts.setCurrentRow(rows[0] if rows else 0)

    def _current_post_changed(self, item: QListWidgetItem | None, _old: object) -> None:
        if item is not None:
            self._post_chosen(item)

    def _post_chosen(self, item: QListWidgetItem) -> None:
        path = Path(item.data(Qt.ItemDataRole.UserRole))
        if self.document.post and self.document.post.path == path:
            return
        if self.maybe_save():
            self.open_post(path)

    def open_post(self, path: Path) -> None:
        try:
            self.document.open(path)
        except PostError as exc:
            QMessageBox.warning(self, APP_NAME, str(exc))

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open post", str(self.site_root or Path.home()),
                                              "Markdown (*.md *.markdown)")
        if name and self.maybe_save():
            self.open_path(Path(name))

    def _show_post(self) -> None:
        post = self.document.post
        assert post is not None
        self._showing = True
        try:
            self.form.show_post(post)
            body = post.body
            self._body_crlf = "\r\n" in body and body.count("\r\n") == body.count("\n")
            self.editor.setPlainText(body.replace("\r\n", "\n") if self._body_crlf else body)
            self.editor.setReadOnly(post.error is not None)
        finally:
            self._showing = False
        self._update_title()
        if post.error:
            self.statusBar().showMessage(str(post.error))

    # ---- editing --------------------------------------------------------------------------

    def _field_edited(self, key: str, value: Any) -> None:
        try:
            if value in ("", []) and key != "draft":
                self.document.unset_field(key)
            else:
                self.document.set_field(key, value)
        except PostError as exc:
            self.statusBar().showMessage(str(exc))

    def body_text(self) -> str:
        # toRawText keeps non-breaking spaces (toPlainText turns them into plain spaces)
        text = str(self.editor.document().toRawText()).replace("\u2029", "\n")
        return text.replace("\n", "\r\n") if self._body_crlf else text

    def _body_edited(self) -> None:
        body = self.body_text()
        words = word_count(body)
        self.words.setText(f"{words} words · {reading_minutes(words)} min read")
        if not self._showing and self.document.post is not None:
            self.document.set_body(body)

    def _show_position(self) -> None:
        cursor = self.editor.textCursor()
        self.position.setText(f"Ln {cursor.blockNumber() + 1}, Col {cursor.positionInBlock() + 1}")

    # ---- saving ---------------------------------------------------------------------------

    def save(self) -> bool:
        if self.document.post is None:
            return True
        try:
            self.document.save()
        except (PostError, SaveError) as exc:
            QMessageBox.critical(self, APP_NAME, str(exc))
            return False
        self.statusBar().showMessage(f"Saved {self.document.post.path}", 4000)
        return True

    def maybe_save(self) -> bool:
        """Ask about unsaved edits; False when the author cancels."""
        if not self.document.dirty:
            return True
        answer = QMessageBox.question(
            self, APP_NAME, "Save your changes to this post?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override, hence camelCase
        if self.maybe_save():
            event.accept()
        else:
            event.ignore()

    def _update_title(self) -> None:
        post = self.document.post
        name = post.path.name if post and post.path else "untitled"
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")
