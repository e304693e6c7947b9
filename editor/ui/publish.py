"""Site → Publish (git): the site's changed files with check boxes (the open post and its bundle
chosen), a message from the post, Commit, Push and Pull (fast-forward only); and Site → Changes
of This Post: its diff against the last commit and its history, any earlier version shown,
compared with now, or restored as unsaved edits (never written without a save). git runs off the
GUI thread (editor.core.files.git); what it says is shown, and a refusal changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.files import git
from editor.ui.background import run_in_background
from editor.ui.dialogs import diff_view

if TYPE_CHECKING:
    from editor.ui.main_window import MainWindow


class PublishDialog(QDialog):
    def __init__(self, window: MainWindow, tree: Path, changed: dict[Path, str], branch: git.Branch) -> None:
        super().__init__(window)
        self.setObjectName("publish")
        self.setWindowTitle("Publish")
        self.window_ = window
        self.tree = tree
        post = window.document.post
        mine = post.path.resolve() if post is not None and post.path is not None else None
        bundle = mine.parent if mine is not None and mine.name in ("index.md", "_index.md") else None
        self.branch = QLabel(f"Branch: {branch}")
        self.branch.setObjectName("publish_branch")
        self.files = QListWidget()
        self.files.setObjectName("publish_files")
        for path, kind in sorted(changed.items()):
            item = QListWidgetItem(f"{path.relative_to(tree).as_posix()}  ({kind})")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            chosen = path == mine or (bundle is not None and path.is_relative_to(bundle))
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            self.files.addItem(item)
        title = str(post.metadata.get("title") or (mine.stem if mine else "")) if post is not None else ""
        self.message = QLineEdit(
            git.message_for(changed.get(mine, "") if mine else "", title) if title else ""
        )
        self.message.setObjectName("publish_message")
        self.output = QPlainTextEdit()
        self.output.setObjectName("publish_output")
        self.output.setReadOnly(True)
        self.output.setMaximumHeight(110)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, text, run in (
            ("commit", "&Commit", self.commit),
            ("push", "&Push", lambda: self._run("push", lambda: git.push(self.tree))),
            ("pull", "P&ull (fast-forward only)", lambda: self._run("pull", lambda: git.pull(self.tree))),
        ):
            button = QPushButton(text)
            button.setObjectName(f"publish_{name}")
            button.clicked.connect(run)
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.branch)
        layout.addWidget(QLabel("Changed files (the checked ones are committed, nothing else):"))
        layout.addWidget(self.files, 1)
        layout.addWidget(QLabel("Message:"))
        layout.addWidget(self.message)
        layout.addLayout(row)
        layout.addWidget(self.output)
        self.resize(620, 460)

    def chosen(self) -> list[Path]:
        return [
            Path(str(self.files.item(i).data(Qt.ItemDataRole.UserRole)))
            for i in range(self.files.count())
            if self.files.item(i).checkState() == Qt.CheckState.Checked
        ]

    def commit(self) -> None:
        paths, message = self.chosen(), self.message.text()
        if self.window_.document.dirty:
            self.window_.save()  # what is committed is what is on disk
        self._run("commit", lambda: git.commit(self.tree, paths, message))

    def _run(self, what: str, work: Callable[[], str]) -> None:
        for button in self.buttons.values():
            button.setEnabled(False)
        self.output.appendPlainText(f"git {what}…")

        def attempt() -> object:
            try:
                return work()
            except git.GitError as e:
                return e

        run_in_background(attempt, lambda result: self._done(what, result), self, f"git-{what}")

    def _done(self, what: str, result: object) -> None:
        for button in self.buttons.values():
            button.setEnabled(True)
        if isinstance(result, git.GitError):
            self.output.appendPlainText(str(result))
            return
        self.output.appendPlainText(f"{what}: done {result}".strip())
        try:
            self.branch.setText(f"Branch: {git.branch(self.tree)}")
            still = git.status(self.tree)
        except git.GitError:
            return
        for i in reversed(range(self.files.count())):
            if Path(str(self.files.item(i).data(Qt.ItemDataRole.UserRole))) not in still:
                self.files.takeItem(i)
        self.window_.show_branch()


class HistoryDialog(QDialog):
    """The open post's commits: show one, compare it with now, or restore it as unsaved edits."""

    def __init__(self, window: MainWindow, tree: Path, path: Path, commits: list[git.Commit]) -> None:
        super().__init__(window)
        self.setObjectName("history")
        self.setWindowTitle(f"History of {path.name}")
        self.window_, self.tree, self.path = window, tree, path
        self.commits = QListWidget()
        self.commits.setObjectName("history_commits")
        for c in commits:
            item = QListWidgetItem(f"{c.date[:16].replace('T', ' ')}  {c.author}: {c.subject}")
            item.setData(Qt.ItemDataRole.UserRole, c.hash)
            self.commits.addItem(item)
        if commits:
            self.commits.setCurrentRow(0)
        row = QHBoxLayout()
        for name, text, run in (
            ("changes", "Changes Since the Last &Commit", self.show_changes),
            ("show", "&Show This Version", self.show_version),
            ("compare", "C&ompare With Now", self.compare),
            ("restore", "&Restore as Unsaved Edits", self.restore),
        ):
            button = QPushButton(text)
            button.setObjectName(f"history_{name}")
            button.clicked.connect(run)
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.commits, 1)
        layout.addLayout(row)
        self.resize(640, 380)
        self.shown: QWidget | None = None

    def _commit(self) -> str | None:
        item = self.commits.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def show_changes(self) -> None:
        self.window_.flush()
        self.shown = diff_view(
            self, f"{self.path.name}: changes since the last commit", git.diff(self.tree, self.path)
        )
        self.shown.show()

    def show_version(self) -> None:
        commit = self._commit()
        if commit is None:
            return
        view = QPlainTextEdit(git.text_at(self.tree, commit, self.path))
        view.setObjectName("history_text")
        view.setReadOnly(True)
        view.setWindowTitle(f"{self.path.name} at {commit[:10]} (read-only)")
        view.resize(640, 480)
        view.setParent(self, Qt.WindowType.Window)
        view.show()
        self.shown = view

    def compare(self) -> None:
        import difflib

        commit = self._commit()
        if commit is None:
            return
        self.window_.flush()
        post: Any = self.window_.document.post
        old, now = git.text_at(self.tree, commit, self.path), post.text if post is not None else ""
        diff = "".join(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                now.splitlines(keepends=True),
                f"{self.path.name} at {commit[:10]}",
                f"{self.path.name} now",
            )
        )
        self.shown = diff_view(self, f"{self.path.name}: {commit[:10]} against now", diff)
        self.shown.show()

    def restore(self) -> None:
        commit = self._commit()
        if commit is not None:
            self.window_.restore_text(
                git.text_at(self.tree, commit, self.path), f"the version of {commit[:10]}"
            )
            self.accept()
