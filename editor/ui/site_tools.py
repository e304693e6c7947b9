"""Site commands' windows: New Post (from the site's archetypes) and Check Site's problem list."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from editor.core import site
from editor.core.post.stats import slug_for
from editor.core.problems import Problem, Severity
from editor.core.site import hugo
from editor.ui.background import run_in_background

log = logging.getLogger(__name__)


class NewPostDialog(QDialog):
    """Title (the slug and file name follow), section, bundle or single file; made by the real
    `hugo new content` when Hugo is there."""

    created = Signal(object)  # hugo.NewPost

    def __init__(
        self, root: Path, sections: list[str], parent: QWidget | None = None, preferred: str = "posts"
    ) -> None:
        # long by nature: the dialog's layout, one row after another, then its wiring
        super().__init__(parent)
        self.setObjectName("new_post_dialog")
        self.setWindowTitle("New Post")
        self.root = root
        self.title = QLineEdit()
        self.title.setObjectName("new_title")
        self.title.setPlaceholderText("The post's title")
        self.slug = QLineEdit()
        self.slug.setObjectName("new_slug")
        self.section = QComboBox()
        self.section.setObjectName("new_section")
        self.section.setEditable(True)
        archetypes = root / "archetypes"
        names = {p.stem for p in archetypes.iterdir()} - {"default"} if archetypes.is_dir() else set()
        for name in dict.fromkeys(sorted(sections) + sorted(names - set(sections))):
            self.section.addItem(name)
        start = (
            preferred
            if preferred in sections
            else "posts"
            if "posts" in sections or not sections
            else sections[0]
        )
        self.section.setCurrentText(start)
        self.config = config = site.load_config(root)
        self.language = QComboBox()
        self.language.setObjectName("new_language")
        for code in site.languages(config):
            self.language.addItem(code, code)
        self.bundle = QCheckBox("Page bundle (a folder with index.md, for images and files)")
        self.bundle.setObjectName("new_bundle")
        self.where = QLabel()
        self.where.setObjectName("new_where")
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.how = QLabel()
        self.how.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("new_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828")
        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("Slug", self.slug)
        form.addRow("Section", self.section)
        if self.language.count() > 1:
            form.addRow("Language", self.language)
        form.addRow("", self.bundle)
        form.addRow("File", self.where)
        Button = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(Button.Ok | Button.Cancel)
        self.ok = buttons.button(Button.Ok)
        self.ok.setText("Create")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.how)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._slug_edited = False
        self.title.textChanged.connect(self._title_changed)
        self.slug.textEdited.connect(lambda _t: setattr(self, "_slug_edited", True))
        for signal in (
            self.slug.textChanged,
            self.section.currentTextChanged,
            self.bundle.toggled,
            self.language.currentIndexChanged,
        ):
            signal.connect(self._update)
        self._bundle_chosen = False  # the author's own choice beats the section's habit
        self.bundle.clicked.connect(lambda _on: setattr(self, "_bundle_chosen", True))
        self.section.currentTextChanged.connect(self._section_changed)
        self.hugo = hugo.binary(self.root)
        self.hugo_version = ""  # asked on a worker thread: the dialog opens without waiting for Hugo
        if self.hugo:
            binary = self.hugo
            run_in_background(lambda: hugo.version(binary), self._got_version, self, "hugo-version")
        self._section_changed(self.section.currentText())
        self._update()
        self.resize(520, self.sizeHint().height())

    def _section_changed(self, section: str) -> None:
        """A new post is a bundle where the section's posts mostly are."""
        if not self._bundle_chosen:
            self.bundle.setChecked(hugo.section_uses_bundles(self.root, section.strip(), self.config))

    def _got_version(self, version: object) -> None:
        self.hugo_version = version if isinstance(version, str) else ""
        error = self.error.text()  # a refusal already shown stays
        self._update()
        self.error.setText(error)

    def _title_changed(self, text: str) -> None:
        if not self._slug_edited:
            self.slug.setText(slug_for(text))
        self._update()

    def _update(self) -> None:
        section = self.section.currentText().strip().strip("/")
        try:
            where = hugo.new_post_path(
                self.root,
                self.title.text(),
                section,
                self.bundle.isChecked(),
                self.slug.text().strip(),
                self.language.currentData() or "",
                self.config,
            )
        except hugo.HugoError as exc:  # a slug or section that leaves the content folder
            self.where.setText("")
            self.ok.setEnabled(False)
            self.error.setText(str(exc))
            return
        self.where.setText(str(where.relative_to(self.root)))
        archetype = hugo.find_archetype(self.root, section, self.bundle.isChecked(), self.config)
        used = (
            str(archetype.relative_to(self.root))
            if archetype and archetype.is_relative_to(self.root)
            else str(archetype)
            if archetype
            else "Hugo's default archetype"
        )
        maker = (
            f"Made by hugo new content (Hugo {self.hugo_version or '…'})"
            if self.hugo
            else "Hugo was not found: the built-in archetype reader makes it (no template logic)"
        )
        self.how.setText(f"Archetype: {used}. {maker}.")
        self.ok.setEnabled(bool(self.title.text().strip()))
        self.error.clear()

    def accept(self) -> None:  # Qt override: create, and stay open with the reason if it fails
        try:
            section = self.section.currentText().strip().strip("/")
            made = hugo.new_post(
                self.root,
                self.title.text().strip(),
                section,
                self.bundle.isChecked(),
                self.slug.text().strip(),
                language=self.language.currentData() or "",
            )
        except (hugo.HugoError, OSError, site.ConfigError) as e:
            log.warning("new post in %s failed", self.root, exc_info=True)
            self.error.setText(str(e))
            return
        self.created.emit(made)
        super().accept()


class ProblemsPanel(QWidget):
    """Check Site: a Hugo build into memory; its errors and warnings per file and line."""

    open_at = Signal(Path, int)  # file, line (1-based, in the file)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problems_panel")
        self.list = QListWidget()
        self.list.setObjectName("problems")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.state = QLabel("Check the site to see what Hugo says about it.")
        self.state.setObjectName("problems_state")
        self.again = QPushButton("Check Again")
        self.again.clicked.connect(lambda: self.check(self.root) if self.root else None)
        row = QHBoxLayout()
        row.addWidget(self.state, 1)
        row.addWidget(self.again)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        self.root: Path | None = None
        self.running = False
        self.problems: list[Problem] = []

    def sizeHint(self) -> QSize:  # Qt override: a strip under the editor, not half the window
        return QSize(600, 150)

    def check(self, root: Path) -> None:
        if self.running:
            return
        self.root = root
        self.running = True
        self.again.setEnabled(False)
        self.state.setText(f"Building {root.name} with Hugo…")
        run_in_background(lambda: hugo.check_site(root), self._done, self, "check-site")

    def _done(self, result: list[Problem] | Exception) -> None:
        self.running = False
        self.again.setEnabled(True)
        self.list.clear()
        if isinstance(result, Exception):  # logged by run_in_background
            self.problems = []
            self.state.setText(str(result))
            return
        self.problems = result
        for problem in result:
            where = ""
            if problem.path is not None:
                shown = problem.path
                if self.root and shown.is_relative_to(self.root):
                    shown = shown.relative_to(self.root)
                where = f"{shown}:{problem.line}: "
            icon = (
                QStyle.StandardPixmap.SP_MessageBoxCritical
                if problem.severity == Severity.ERROR
                else QStyle.StandardPixmap.SP_MessageBoxWarning
            )
            item = QListWidgetItem(self.style().standardIcon(icon), where + problem.message)
            item.setData(Qt.ItemDataRole.UserRole, (str(problem.path or ""), problem.line))
            item.setToolTip(str(problem))
            self.list.addItem(item)
        errors = sum(p.severity == Severity.ERROR for p in result)
        warnings = len(result) - errors
        counts = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        self.state.setText(counts if result else "Hugo builds the site without a complaint.")

    def _activated(self, item: QListWidgetItem) -> None:
        file, line = item.data(Qt.ItemDataRole.UserRole)
        if file:
            self.open_at.emit(Path(file), int(line))
