"""Site → Rename a Tag or Category…: every term of every taxonomy with its count; rename (or merge
into another term) after a confirmation listing the posts. The open post, when it carries the
term and has unsaved edits, gets the rename as one more unsaved edit (its file is left to the
author's next save); every other post is written through `editor.core.site.retag`, off the GUI
thread, as the posts are read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.post import PostError
from editor.core.site import retag
from editor.core.site.listing import SiteIndex
from editor.ui.background import run_in_background
from editor.ui.form import named


class RetagDialog(QDialog):
    def __init__(
        self,
        index: SiteIndex,
        open_post: Callable[[], tuple[Path | None, bool]],
        edit_open_post: Callable[[retag.Change], None],
        rescan: Callable[[], None],
        parent: QWidget | None = None,
        confirm: Callable[[str, str], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("retag")
        self.setWindowTitle("Rename a Tag or Category")
        self.index = index
        self.open_post = open_post  # (its path, whether it has unsaved edits)
        self.edit_open_post = edit_open_post
        self.rescan = rescan
        self.confirm = confirm or self._ask
        self.terms = named(QTreeWidget(), "retag_terms")
        self.terms.setHeaderLabels(["Term", "Posts"])
        self.terms.setRootIsDecorated(True)
        self.new = named(QLineEdit(), "retag_new")
        self.new.setPlaceholderText("the new name (an existing term merges)")
        self.state = named(QLabel(), "retag_state")
        self.state.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.rename = buttons.addButton("Rename…", QDialogButtonBox.ButtonRole.ActionRole)
        self.rename.setObjectName("retag_rename")
        self.rename.clicked.connect(self.run)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Rename to:", self.new)
        layout = QVBoxLayout(self)
        layout.addWidget(self.terms, 1)
        layout.addLayout(form)
        layout.addWidget(self.state)
        layout.addWidget(buttons)
        self.terms.currentItemChanged.connect(self._chosen)
        self.new.textChanged.connect(self._update)
        self.fill()
        self.resize(460, 520)

    def fill(self) -> None:
        self.terms.clear()
        for taxonomy, found in self.index.terms().items():
            top = QTreeWidgetItem([taxonomy, str(len(found))])
            top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            for term, count in found:
                child = QTreeWidgetItem([term, str(count)])
                child.setData(0, Qt.ItemDataRole.UserRole, (taxonomy, term))
                top.addChild(child)
            self.terms.addTopLevelItem(top)
            top.setExpanded(True)
        self._update()

    def chosen(self) -> tuple[str, str] | None:
        item = self.terms.currentItem()
        data = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return (str(data[0]), str(data[1])) if data else None

    def _chosen(self) -> None:
        picked = self.chosen()
        if picked:
            self.new.setText(picked[1])
            self.new.selectAll()
            self.new.setFocus()
        self._update()

    def _update(self) -> None:
        picked = self.chosen()
        self.rename.setEnabled(
            bool(picked and self.new.text().strip() and self.new.text().strip() != picked[1])
        )

    def run(self) -> None:
        """Read the posts carrying the term (off the GUI thread), ask, then write them."""
        picked = self.chosen()
        new = self.new.text().strip()
        if not picked or not new:
            return
        taxonomy, old = picked
        paths = retag.carrying(self.index, taxonomy, old)
        merge = any(retag.same_term(t, new) for t, _n in self.index.terms().get(taxonomy, []))
        self.rename.setEnabled(False)
        self.state.setText(f"Reading the {len(paths)} posts with {old!r}…")
        run_in_background(
            lambda: retag.plan_for(paths, taxonomy, old, new),
            lambda result: self._planned(result, taxonomy, old, new, merge),
            self,
            "retag-plan",
        )

    def _planned(self, result: object, taxonomy: str, old: str, new: str, merge: bool) -> None:
        self._update()
        if isinstance(result, Exception):
            self.state.setText(str(result))
            return
        assert isinstance(result, list)
        changes: list[retag.Change] = result
        if not changes:
            self.state.setText(f"No post has {old!r} any more.")
            return
        names = "\n".join(f"  {c.path.relative_to(self.index.root).as_posix()}" for c in changes[:30])
        more = f"\n  … and {len(changes) - 30} more" if len(changes) > 30 else ""
        verb = "Merge" if merge else "Rename"
        if not self.confirm(
            f"{verb} {taxonomy} {old!r} as {new!r}?",
            f"{len(changes)} post{'s' * (len(changes) != 1)} change (only their {taxonomy} line):\n"
            f"{names}{more}",
        ):
            self.state.setText("")
            return
        open_path, open_dirty = self.open_post()
        mine = [c for c in changes if open_dirty and c.path == open_path]
        failed: list[str] = []
        for change in mine:
            try:
                self.edit_open_post(change)  # unsaved, with the author's own edits
            except PostError as e:
                failed.append(str(e))
        others = [c for c in changes if c not in mine]
        self.rename.setEnabled(False)
        self.state.setText(f"Writing {len(others)} posts…")

        def write() -> list[str]:
            out = []
            for change in others:
                try:
                    retag.apply(change)
                except PostError as e:
                    out.append(str(e))
            return out

        def written(result: object) -> None:
            errors = failed + (result if isinstance(result, list) else [str(result)])
            done = len(changes) - len(errors)
            self.rescan()  # the post list (and this list of terms, once it is in) catch up
            note = " The open post has it as an unsaved edit." if mine and not failed else ""
            self.state.setText(
                f"{verb}d in {done} post{'s' * (done != 1)}.{note}"
                + (f" Not changed: {'; '.join(errors)}" if errors else "")
            )
            self._update()

        run_in_background(write, written, self, "retag-write")

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes
