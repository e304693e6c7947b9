"""The front-matter form: the known fields as widgets, every other key in a table."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core import dates
from editor.core.post import Post
from editor.core.stats import slug_for

KNOWN = ("title", "slug", "date", "draft", "tags", "description")

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """Give a widget an object name (tests and style sheets find it by that name)."""
    widget.setObjectName(name)
    return widget


class FrontMatterForm(QWidget):
    """Emits field_edited(key, value) for each edit the author makes; never writes itself."""

    field_edited = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._keys: dict[str, str] = {}
        self._slug_follows_title = False
        self.title = named(QLineEdit(), "title")
        self.slug = named(QLineEdit(), "slug")
        self.date = named(QLineEdit(), "date")
        self.date.setPlaceholderText("2024-05-01T09:30:00-05:00")
        self.draft = named(QCheckBox("Draft — not published"), "draft")
        self.tags = named(QLineEdit(), "tags")
        self.tags.setPlaceholderText("comma, separated")
        self.description = named(QPlainTextEdit(), "description")
        self.description.setFixedHeight(70)
        self.date_note = named(QLabel(), "date_note")
        self.date_note.setWordWrap(True)
        self.error = named(QLabel(), "error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        self.other = named(QTableWidget(0, 2), "other")
        self.other.setHorizontalHeaderLabels(["Other field", "Value"])
        self.other.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.other.verticalHeader().hide()
        self.other.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("&Slug", self.slug)
        form.addRow("D&ate", self.date)
        form.addRow("", self.date_note)
        form.addRow("", self.draft)
        form.addRow("Ta&gs", self.tags)
        form.addRow("&Description", self.description)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(self.other, 1)

        self.title.textEdited.connect(self._title_edited)
        self.slug.textEdited.connect(self._slug_edited)
        self.date.textEdited.connect(self._date_edited)
        self.draft.toggled.connect(lambda on: self._edited("draft", on))
        self.tags.textEdited.connect(self._tags_edited)
        self.description.textChanged.connect(self._description_edited)

    def show_post(self, post: Post) -> None:
        self._loading = True
        try:
            self.error.setVisible(post.error is not None)
            self.error.setText(str(post.error) if post.error else "")
            self._keys = {k: post.key(k) or k for k in KNOWN}
            self.title.setText(str(post.get("title", "")))
            # a new post's slug follows its title until the author edits it by hand
            self._slug_follows_title = not post.get("slug") and not post.get("title")
            self.slug.setText(str(post.get("slug", "")))
            self.date.setText(str(post.get("date", "")))
            self.draft.setChecked(post.get("draft") in (True, "true"))
            tags = post.get("tags", [])
            self.tags.setText(", ".join(map(str, tags)) if isinstance(tags, list) else str(tags))
            self.description.setPlainText(str(post.get("description", "")))
            self._note_date(self.date.text())
            known = {v.lower() for v in self._keys.values()}
            rows = [(k, v) for k, v in post.metadata.items() if k.lower() not in known]
            self.other.setRowCount(len(rows))
            for r, (k, v) in enumerate(rows):
                self.other.setItem(r, 0, QTableWidgetItem(k))
                self.other.setItem(r, 1, QTableWidgetItem(_display(v)))
            for w in (self.title, self.slug, self.date, self.draft, self.tags, self.description):
                w.setEnabled(post.error is None)
        finally:
            self._loading = False

    def _edited(self, key: str, value: Any) -> None:
        if not self._loading:
            self.field_edited.emit(self._keys.get(key, key), value)

    def _title_edited(self, text: str) -> None:
        self._edited("title", text)
        if self._slug_follows_title:
            self.slug.setText(slug_for(text))
            self._edited("slug", self.slug.text())

    def _slug_edited(self, text: str) -> None:
        self._slug_follows_title = False  # the author's own slug wins from now on
        self.slug.setStyleSheet("" if " " not in text else "border: 1px solid #c0392b;")
        self.slug.setToolTip("" if " " not in text else "A slug cannot contain spaces")
        self._edited("slug", text)

    def _date_edited(self, text: str) -> None:
        if self._note_date(text):
            self._edited("date", text)

    def _note_date(self, text: str) -> bool:
        if not text:
            self.date_note.setText("")
            return False
        try:
            d = dates.parse(text)
        except ValueError as exc:
            self.date_note.setText(f"⚠ {exc}")
            self.date.setStyleSheet("border: 1px solid #c0392b;")
            return False
        self.date.setStyleSheet("")
        self.date_note.setText(d.aware().strftime("%A %d %B %Y, %H:%M %z") if d.has_time
                               else d.value.strftime("%A %d %B %Y"))
        return True

    def _tags_edited(self, text: str) -> None:
        self._edited("tags", [t.strip() for t in text.split(",") if t.strip()])

    def _description_edited(self) -> None:
        self._edited("description", self.description.toPlainText())


def _display(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
