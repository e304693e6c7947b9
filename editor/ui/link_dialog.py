"""Format → Insert Link to Post…: the site's posts searched by title or path (the post list's
listing, so 10,000 posts filter at once), the chosen post's headings for an `#anchor`, and the
link written the way the site already links (`ref`, `relref` or a plain path)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core import site
from editor.core.site import refs
from editor.core.site.listing import PostInfo
from editor.ui.background import run_in_background
from editor.ui.dialogs import insert_buttons
from editor.ui.form import named

SHOWN = 200  # rows listed at a time: the filter narrows the rest


class LinkToPostDialog(QDialog):
    def __init__(
        self,
        root: Path,
        config: dict[str, Any],
        posts: list[PostInfo],
        source: Path | None,
        text: str = "",
        style: str = "ref",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("link_to_post")
        self.setWindowTitle("Insert Link to Post")
        self.root, self.config, self.source = root, config, source
        self.multilingual = len(site.languages(config)) > 1
        self.posts = sorted(
            (p for p in posts if p.kind != "adapter" and (root / p.path) != source),
            key=lambda p: (p.date or "", p.title),
            reverse=True,
        )
        self.search = named(QLineEdit(), "link_search")
        self.search.setPlaceholderText("Search titles and paths")
        self.list = named(QListWidget(), "link_posts")
        self.anchor = named(QComboBox(), "link_anchor")
        self.write_as = named(QComboBox(), "link_style")
        for s, label in (
            ("ref", "{{< ref >}}"),
            ("relref", "{{< relref >}}"),
            ("link", "Plain link (/path/)"),
        ):
            self.write_as.addItem(label, s)
        self.write_as.setCurrentIndex(refs.STYLES.index(style) if style in refs.STYLES else 0)
        self.label = named(QLineEdit(text), "link_text")
        self.label.setPlaceholderText("the post's title")
        self.inserts = named(QLabel(), "link_inserts")
        self.inserts.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Section:", self.anchor)
        form.addRow("Link text:", self.label)
        form.addRow("Write as:", self.write_as)
        buttons, self.ok = insert_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(self.inserts)
        layout.addWidget(buttons)
        self._asked: Path | None = None  # the choice the headings on their way are for
        self.search.textChanged.connect(self._filter)
        self.list.currentItemChanged.connect(self._chosen)
        for signal in (
            self.anchor.currentIndexChanged,
            self.write_as.currentIndexChanged,
            self.label.textChanged,
        ):
            signal.connect(self._update)
        self._filter("")
        self.search.setFocus()
        self.resize(620, 520)

    def _filter(self, needle: str) -> None:
        words = needle.lower().split()
        self.list.clear()
        shown = 0
        for info in self.posts:
            hay = f"{info.title} {info.path}".lower()
            if all(w in hay for w in words):
                lang = f"  [{info.language}]" if info.language and self.multilingual else ""
                item = QListWidgetItem(f"{info.title or Path(info.path).name} — {info.path}{lang}")
                item.setData(Qt.ItemDataRole.UserRole, info.path)
                self.list.addItem(item)
                shown += 1
                if shown >= SHOWN:
                    break
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self._chosen()

    def target(self) -> Path | None:
        item = self.list.currentItem()
        return self.root / str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _chosen(self) -> None:
        self.anchor.clear()
        self.anchor.addItem("(the top of the post)", "")
        target = self._asked = self.target()
        if target is not None:
            run_in_background(
                lambda: refs.headings(target), lambda h: self._headings(target, h), self, "headings"
            )
        self._update()

    def _headings(self, target: Path, found: object) -> None:
        if target is not self._asked or not isinstance(found, list) or not found:
            return  # another choice was made since (the same post again counts as another)
        top = min(h.level for h in found)
        for h in found:
            self.anchor.addItem(f"{'  ' * (h.level - top)}{h.text}", h.anchor)

    def link_text(self) -> str:
        target = self.target()
        if target is None:
            return ""
        title = self.label.text().strip() or next(
            (p.title for p in self.posts if self.root / p.path == target), target.stem
        )
        return refs.link(
            str(self.write_as.currentData()),
            self.root,
            self.config,
            self.source,
            target,
            title,
            str(self.anchor.currentData() or ""),
        )

    def _update(self) -> None:
        text = self.link_text()
        self.inserts.setText(text)
        self.ok.setEnabled(bool(text))
